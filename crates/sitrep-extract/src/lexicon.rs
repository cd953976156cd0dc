//! The event lexicon (`data/lexicon/triggers.toml`) and cue words (`data/lexicon/cues.toml`).

use crate::Error;
use serde::Deserialize;
use sitrep_model::{AcledSubEventType, PloverMode, PloverType};
use std::collections::HashMap;

pub const TRIGGERS_TOML: &str = include_str!("../../../data/lexicon/triggers.toml");
pub const CUES_TOML: &str = include_str!("../../../data/lexicon/cues.toml");

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TriggerFile {
    trigger: Vec<RawTrigger>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTrigger {
    phrases: Vec<String>,
    sub_event: Option<String>,
    plover: String,
    mode: Option<String>,
    form: Option<String>,
    strength: Option<String>,
    armed_target: Option<String>,
    civilian_target: Option<String>,
    #[serde(default)]
    territory: bool,
    #[serde(default)]
    enforcement: bool,
    priority: Option<u8>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    Verb,
    Noun,
}

/// One way an event is signalled, and how it is coded.
#[derive(Debug, Clone)]
pub struct Trigger {
    pub sub_event: Option<AcledSubEventType>,
    pub plover: PloverType,
    pub mode: Option<PloverMode>,
    pub form: Form,
    pub weak: bool,
    pub armed_target: Option<AcledSubEventType>,
    pub civilian_target: Option<AcledSubEventType>,
    pub territory: bool,
    /// A police or army action ("raid") that is the frame of an arrest when its clause reports
    /// arrests and no casualties: the event is then the arrest.
    pub enforcement: bool,
    pub priority: u8,
}

fn parse<T: std::str::FromStr>(file: &str, v: &str) -> Result<T, Error>
where
    T::Err: std::fmt::Display,
{
    v.parse::<T>().map_err(|e| Error::Data { file: file.into(), message: e.to_string() })
}

/// A trigger phrase and the index of its trigger.
pub type TriggerPhrase = (String, usize);

/// Loads triggers; returns them and their phrases.
pub fn load_triggers(file: &str, text: &str) -> Result<(Vec<Trigger>, Vec<TriggerPhrase>), Error> {
    let f: TriggerFile =
        toml::from_str(text).map_err(|e| Error::Data { file: file.into(), message: e.to_string() })?;
    let mut triggers = Vec::new();
    let mut phrases = Vec::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    for t in f.trigger {
        let id = triggers.len();
        let form = match t.form.as_deref() {
            None | Some("verb") => Form::Verb,
            Some("noun") => Form::Noun,
            Some(x) => {
                return Err(Error::Data { file: file.into(), message: format!("form {x:?}: verb or noun") });
            }
        };
        let weak = match t.strength.as_deref() {
            None | Some("strong") => false,
            Some("weak") => true,
            Some(x) => {
                return Err(Error::Data {
                    file: file.into(),
                    message: format!("strength {x:?}: strong or weak"),
                });
            }
        };
        triggers.push(Trigger {
            sub_event: t.sub_event.as_deref().map(|s| parse(file, s)).transpose()?,
            plover: parse(file, &t.plover)?,
            mode: t.mode.as_deref().map(|s| parse(file, s)).transpose()?,
            form,
            weak,
            armed_target: t.armed_target.as_deref().map(|s| parse(file, s)).transpose()?,
            civilian_target: t.civilian_target.as_deref().map(|s| parse(file, s)).transpose()?,
            territory: t.territory,
            enforcement: t.enforcement,
            priority: t.priority.unwrap_or(50),
        });
        for p in t.phrases {
            let key = p.to_lowercase();
            if let Some(prev) = seen.insert(key, id) {
                return Err(Error::Data {
                    file: file.into(),
                    message: format!("phrase {p:?} is listed twice (entries {} and {})", prev + 1, id + 1),
                });
            }
            phrases.push((p, id));
        }
    }
    Ok((triggers, phrases))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Cues {
    pub irrealis: BeforeAfter,
    pub background: BackgroundCues,
    pub domain: Domain,
    pub literal: Phrases,
    pub clauses: Separators,
    pub accident: Words,
    pub aircraft: Words,
    pub relative_days: std::collections::BTreeMap<String, i8>,
    pub targets: Targets,
    pub casualties: Casualties,
    pub claims: Claims,
    pub anaphora: Anaphora,
    pub statements: StatementCues,
    pub tallies: TallyCues,
    pub protest: ProtestCues,
    pub grammar: Grammar,
}

/// Function words (the `[grammar]` table of cues.toml).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Grammar {
    pub passive: Vec<String>,
    pub object_prepositions: Vec<String>,
    /// Words of publishing and updating: a time next to one dates the telling, not the act.
    pub publication_words: Vec<String>,
    pub determiners: Vec<String>,
    pub definite: Vec<String>,
    pub act_agents: Vec<String>,
    pub perception_verbs: Vec<String>,
    pub perfect_auxiliaries: Vec<String>,
    pub separate: Vec<String>,
    pub separate_openers: Vec<String>,
    pub reference: Vec<String>,
    pub bearings: Vec<String>,
    pub bearing_heads: Vec<String>,
    pub distance_units: Vec<String>,
    pub place_prepositions: Vec<String>,
    pub not_actor_prepositions: Vec<String>,
    pub attribution_openers: Vec<String>,
    pub elsewhere_places: Vec<String>,
    pub speech_places: Vec<String>,
    pub origin_places: Vec<String>,
    pub attribution_places: Vec<String>,
    pub route_nouns: Vec<String>,
    pub elsewhere_links: Vec<String>,
    pub name_titles: Vec<String>,
    pub possessives: Vec<String>,
    pub accusation_links: Vec<String>,
    pub platforms: Vec<String>,
    pub subject_tail: Vec<String>,
    pub pronouns: Vec<String>,
    pub plural_or_thing_pronouns: Vec<String>,
    pub finders: Vec<String>,
    pub ordinals: Vec<String>,
    pub claim_verbs: Vec<String>,
    pub claim_carriers: Vec<String>,
    pub fire_nouns: Vec<String>,
    pub clock_zones: Vec<String>,
    pub accusing_adjectives: Vec<String>,
    pub object_breaks: Vec<String>,
    /// Words that handle weapons without using them: "seized rockets", "manufacturing drones".
    pub weapon_handling: Vec<String>,
    /// Words of `object_breaks` that may stand between a handling word and the weapon ("parts
    /// for drones", "rockets and drones").
    pub weapon_handling_links: Vec<String>,
    /// Words governing a civilian target word that make it where an act happened, not whom it
    /// hit ("near the village of La Pesquera").
    pub not_target_prepositions: Vec<String>,
    pub phrase_stops: Vec<String>,
    pub not_verb_before: Vec<String>,
    pub list_joiners: Vec<String>,
    pub list_conjunctions: Vec<String>,
    pub route_words: Vec<String>,
    pub held_places: Vec<String>,
    pub qualifier_links: Vec<String>,
}

/// Whether a word list holds a word (the lists are short: a scan beats hashing).
pub fn holds(list: &[String], word: &str) -> bool {
    list.iter().any(|w| w == word)
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BeforeAfter {
    pub before: Vec<String>,
    pub intent: Vec<String>,
    pub negation: Vec<String>,
    pub condition: Vec<String>,
    pub after: Vec<String>,
}

/// The `[background]` table: cue words before a trigger, and the words of a habit.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BackgroundCues {
    pub before: Vec<String>,
    /// "frequently attacks", "has repeatedly targeted": a habit, not one act, where the sentence
    /// names no day.
    pub habitual: Vec<String>,
    /// Units of a long period: "has been fighting … for more than ten years" is a state.
    pub long_periods: Vec<String>,
    pub period_openers: Vec<String>,
    /// Spans of a week or more that count acts ("in the past week"): opener, then a unit.
    pub span_openers: Vec<String>,
    pub span_units: Vec<String>,
    /// Words that end a clause in the perfect with no time: "has attacked army posts before".
    pub undated_tails: Vec<String>,
    /// Words right before a verb in the present ("which controls", "still raids") that make it
    /// a state or a habit in a report's body, where acts are told in the past.
    pub present_openers: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Before {
    pub before: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Domain {
    pub min_hits: usize,
    /// A document is out of domain when its domain words outnumber its conflict words this many
    /// times over ("killed off the game" in a match report full of football words).
    pub ratio: usize,
    /// How many different domain words the ratio needs ("market" twice is one word).
    pub ratio_distinct: usize,
    /// A sentence with this many domain words and no conflict word tells no event ("And in
    /// football, Senegal beat Sudan with two strikes from the Lions' attack").
    pub sentence_hits: usize,
    pub words: Vec<String>,
    pub conflict: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Phrases {
    pub phrases: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Separators {
    pub separators: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Words {
    pub words: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Targets {
    pub civilian: Vec<String>,
    pub armed: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Casualties {
    pub killed: Vec<String>,
    pub injured: Vec<String>,
    pub singular: Vec<String>,
    pub one: Vec<String>,
    pub person: Vec<String>,
    /// The word after an age's number ("10-year-old"): the age is no count.
    pub ages: Vec<String>,
    pub subset: Vec<String>,
    pub attacker: Vec<String>,
    pub number_before_only: Vec<String>,
    /// Verbs that carry a running total ("raising the death toll to 190"): a number after "to"
    /// behind one of them counts more than this event.
    pub running_total: Vec<String>,
    /// Units of time: a number before one is a duration, not a toll.
    pub durations: Vec<String>,
    /// The noun of a total ("the death toll"), and the words after it that tie it to one act:
    /// at once ("the toll from the bombing") or when an act's word follows ("the toll in the attack").
    pub toll_nouns: Vec<String>,
    pub toll_of_act: Vec<String>,
    pub toll_of_act_if_named: Vec<String>,
    /// Words that tell a toll rose since it was first given ("the toll rose to 12").
    pub toll_rises: Vec<String>,
    /// Words that put the dead after them in an earlier act ("days after a woman was killed").
    pub earlier_act: Vec<String>,
    /// Words that add a figure to the toll told before ("also killed").
    pub toll_additions: Vec<String>,
    /// Nouns that make the death word after them a total's head ("the number of people killed").
    pub total_subjects: Vec<String>,
    /// Death words that can head a total themselves ("casualties rise to 21").
    pub total_heads: Vec<String>,
    /// Verbs that take the risen total with no "to" ("the toll has reached 21").
    pub reached: Vec<String>,
    /// Words that make a risen total span more than one act ("since", "this year").
    pub total_spans: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Claims {
    pub phrases: Vec<String>,
    pub negated: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Anaphora {
    pub group_nouns: Vec<String>,
    pub person_pronouns: Vec<String>,
    pub plural_pronouns: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StatementCues {
    pub claim_responsibility: Vec<String>,
    pub deny: Vec<String>,
    pub accuse: Vec<String>,
    pub reject: Vec<String>,
    pub condemn: Vec<String>,
    pub threaten: Vec<String>,
    pub demand: Vec<String>,
    pub praise: Vec<String>,
    pub other: Vec<String>,
    pub content_reject: Vec<String>,
    pub content_accuse: Vec<String>,
    pub content_praise: Vec<String>,
    pub content_threaten: Vec<String>,
    pub figure_nouns: Vec<String>,
    pub toll_links: Vec<String>,
    pub toll_words: Vec<String>,
    pub own_men: Vec<String>,
    pub said_how: Vec<String>,
    pub outlet_heads: Vec<String>,
    pub content_deny: Vec<String>,
    pub relative_openers: Vec<String>,
    pub speech_adverbs: Vec<String>,
    pub first_person: Vec<String>,
    pub voice_reject: Vec<String>,
    pub same_subject_joiners: Vec<String>,
    pub unsaid_before: Vec<String>,
    pub government_titles: Vec<String>,
    pub affiliation_heads: Vec<String>,
    pub speaker_roles: Vec<String>,
    pub speaker_role_links: Vec<String>,
    /// Possessives that open a role's phrase like an article ("their lawyer", "his family").
    pub speaker_role_possessives: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TallyCues {
    pub occasions: Vec<String>,
    pub number_of: Vec<String>,
    pub periods: Vec<String>,
    /// Ordinal words and the count each gives ("third" → 3).
    pub ordinals: std::collections::BTreeMap<String, u32>,
    pub ordinal_not_acts: Vec<String>,
    pub comparisons: Vec<String>,
    pub recorders: Vec<String>,
    pub asides: Vec<String>,
    /// Words before a name that make it no subject of the counted acts ("attacks on the army").
    pub not_subject_after: Vec<String>,
    /// Words before a name that make it the target of an ordinal's act ("the third attack on X").
    pub target_after: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProtestCues {
    pub intervention: Vec<String>,
    pub excessive_force: Vec<String>,
}

pub fn load_cues(file: &str, text: &str) -> Result<Cues, Error> {
    toml::from_str(text).map_err(|e| Error::Data { file: file.into(), message: e.to_string() })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_lexicon_parses_and_covers_every_acled_sub_type() {
        let (triggers, phrases) = load_triggers("triggers.toml", TRIGGERS_TOML).unwrap();
        assert!(phrases.len() > 300, "{} phrases", phrases.len());
        for s in AcledSubEventType::ALL {
            // "Protest with intervention", "Excessive force …", "Government regains territory" and
            // "Other" are reached through modifiers and actor kinds, not phrases of their own.
            let indirect = matches!(
                s,
                AcledSubEventType::ProtestWithIntervention
                    | AcledSubEventType::ExcessiveForceAgainstProtesters
                    | AcledSubEventType::GovernmentRegainsTerritory
                    | AcledSubEventType::Other
            );
            let direct = triggers.iter().any(|t| t.sub_event == Some(*s) || t.armed_target == Some(*s));
            assert!(direct || indirect, "no trigger for {s}");
        }
        for p in PloverType::ALL {
            assert!(triggers.iter().any(|t| t.plover == *p), "no trigger for PLOVER {p}");
        }
    }

    #[test]
    fn shipped_cues_parse() {
        let c = load_cues("cues.toml", CUES_TOML).unwrap();
        assert!(c.casualties.killed.iter().any(|w| w == "killed"));
        let g = &c.grammar;
        for (name, list) in [
            ("passive", &g.passive),
            ("object_prepositions", &g.object_prepositions),
            ("determiners", &g.determiners),
            ("definite", &g.definite),
            ("separate", &g.separate),
            ("reference", &g.reference),
            ("place_prepositions", &g.place_prepositions),
            ("not_actor_prepositions", &g.not_actor_prepositions),
            ("attribution_openers", &g.attribution_openers),
            ("elsewhere_places", &g.elsewhere_places),
            ("name_titles", &g.name_titles),
            ("possessives", &g.possessives),
            ("accusation_links", &g.accusation_links),
            ("platforms", &g.platforms),
            ("subject_tail", &g.subject_tail),
            ("pronouns", &g.pronouns),
            ("plural_or_thing_pronouns", &g.plural_or_thing_pronouns),
            ("finders", &g.finders),
            ("ordinals", &g.ordinals),
            ("claim_verbs", &g.claim_verbs),
            ("fire_nouns", &g.fire_nouns),
            ("clock_zones", &g.clock_zones),
            ("accusing_adjectives", &g.accusing_adjectives),
            ("object_breaks", &g.object_breaks),
            ("weapon_handling", &g.weapon_handling),
            ("weapon_handling_links", &g.weapon_handling_links),
            ("not_target_prepositions", &g.not_target_prepositions),
            ("phrase_stops", &g.phrase_stops),
            ("not_verb_before", &g.not_verb_before),
            ("list_joiners", &g.list_joiners),
            ("list_conjunctions", &g.list_conjunctions),
            ("route_words", &g.route_words),
            ("route_nouns", &g.route_nouns),
            ("origin_places", &g.origin_places),
            ("attribution_places", &g.attribution_places),
            ("qualifier_links", &g.qualifier_links),
        ] {
            assert!(!list.is_empty(), "[grammar] {name} is empty");
            assert!(
                list.iter().all(|w| *w == w.to_lowercase()),
                "[grammar] {name}: words are matched lower-cased"
            );
        }
        assert!(holds(&g.passive, "were") && !holds(&g.passive, "attacked"));
    }

    #[test]
    fn duplicate_phrase_is_an_error() {
        let t = "[[trigger]]\nphrases=[\"a\"]\nplover=\"FIGHT\"\n[[trigger]]\nphrases=[\"A\"]\nplover=\"ASSAULT\"\n";
        assert!(load_triggers("t", t).is_err());
        let bad = "[[trigger]]\nphrases=[\"a\"]\nplover=\"FIGHT\"\nsub_event=\"Bombing\"\n";
        assert!(load_triggers("t", bad).is_err());
    }
}
