//! Event frames: one per sentence that reports violence (the strongest trigger names it), plus
//! PLOVER-only events for non-violent triggers; then the merging of the sentences that tell one
//! event (headline and lede, "the attack" in a later sentence).

use crate::doc::{Doc, Mention, Who};
use crate::lexicon::holds;
use crate::lexicon::{Form, Trigger};
use crate::scan::{Cue, Hit, Tag, select};
use chrono::{Datelike, Days, NaiveDate};
use sitrep_geo::PlaceMatch;
use sitrep_model::{
    AcledSubEventType as Sub, ActorRef, Count, DatePrecision, DateSource, Event, GeoPrecision, Location,
    Plover, PloverType, StatementKind,
};
use std::collections::HashSet;
use std::ops::Range;

/// How many words after a non-violent verb its object may stand ("agreed to set up an energy
/// research center in Tokyo").
const OBJECT_REACH: usize = 10;

#[derive(Debug, Clone)]
pub struct DateFix {
    pub date: NaiveDate,
    pub end: Option<NaiveDate>,
    pub precision: DatePrecision,
    pub source: DateSource,
}

/// How a sentence tells of an act already told: it is then no new event, but part of that one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Retell {
    /// A side's or an official's account of the act ("the ministry said several attackers had been
    /// neutralised in the counter-attack"): its day may be the day it was told.
    Account,
    /// A claim of the act ("JNIM claimed the Djibo attack on Tuesday"): its day is the claim's,
    /// and its figures are the claimant's.
    Claim,
    /// A reaction to the act ("the governor condemned the attack", "accused the RSF of targeting
    /// civilians"): its place is often the speaker's, its day the day it was said.
    Reaction,
}

#[derive(Debug, Clone)]
pub struct Cand {
    pub sent: usize,
    pub trig: Range<usize>,
    pub trigger: usize,
    pub sub: Option<Sub>,
    pub plover: PloverType,
    pub mode: Option<sitrep_model::PloverMode>,
    pub weak: bool,
    pub anaphoric: bool,
    pub separate: bool,
    pub actor1: Option<ActorRef>,
    pub actor2: Option<ActorRef>,
    pub claimed_by: Option<ActorRef>,
    pub victims: Vec<ActorRef>,
    pub place: Option<usize>,
    pub place_in_sentence: bool,
    pub date: Option<DateFix>,
    pub fatalities: Count,
    pub injured: Count,
    pub background: bool,
    /// Acts counted over a period or told as a habit ("has killed more than 6,000 since 2017",
    /// "the third attack this year", "regularly carries out strikes"): a total, not an event.
    pub aggregate: bool,
    pub evidence: Vec<Range<usize>>,
    pub priority: u8,
    /// An actor came from an anaphor ("the group"): less sure than a name.
    pub anaphoric_actor: bool,
    /// Actor 1 is a descriptor ("paramilitary fighters"): a name for it in a later sentence of
    /// the same event replaces it ("The Rapid Support Forces fired artillery at the camp").
    pub generic_actor1: bool,
    /// A number of acts ("have carried out dozens of attacks on police this year"): its actor
    /// names no single act, so it never replaces a descriptor.
    pub many: bool,
    /// The toll comes from a side's own claim or denial ("the group claimed …, saying its fighters
    /// had killed 41"): it never outweighs a toll the report gives as its own.
    pub partisan: bool,
    /// The sentence retells an act told before rather than telling a new one.
    pub retells: Option<Retell>,
}

/// PLOVER types of cooperation, which an intention turns into AGREE.
const COOPERATIVE: &[PloverType] = &[
    PloverType::Support,
    PloverType::Aid,
    PloverType::Cooperate,
    PloverType::Concede,
    PloverType::Retreat,
    PloverType::Consult,
    PloverType::Agree,
];

/// Political violence, as against strategic developments and protests.
pub fn is_violent(s: Sub) -> bool {
    use sitrep_model::AcledEventType as E;
    matches!(
        s.event_type(),
        E::Battles | E::ExplosionsRemoteViolence | E::ViolenceAgainstCivilians | E::Riots
    )
}

fn rank(p: GeoPrecision) -> u8 {
    match p {
        GeoPrecision::Town => 3,
        GeoPrecision::District => 2,
        GeoPrecision::Province => 1,
        GeoPrecision::Country => 0,
    }
}

impl Doc<'_> {
    /// Whether the document is about something else (sport, film, markets): then it reports no event.
    /// With no conflict word, `min_hits` domain words suffice; with some, the domain's words must
    /// be many different ones (`ratio_distinct`: a match report's "coach", "goal", "striker" …) and
    /// outnumber the conflict words `ratio` times: "a car bomb killed nine people at a market",
    /// said by an ambulance "director", stays news.
    pub fn out_of_domain(&self) -> bool {
        let all = 0..self.text().len();
        let d = &self.ex.cues.domain;
        let (hits, distinct) = self.domain_words(all.clone());
        if hits < d.min_hits {
            return false;
        }
        let conflict = self.cue_hits(all, Cue::Conflict).count();
        conflict == 0 || distinct >= d.ratio_distinct && hits >= d.ratio * conflict
    }

    /// How many words of other domains stand in `r`, and how many different ones ("the weekly
    /// market" twice is one word).
    fn domain_words(&self, r: Range<usize>) -> (usize, usize) {
        let mut words: Vec<String> =
            self.cue_hits(r, Cue::Domain).map(|h| self.text()[h.start..h.end].to_lowercase()).collect();
        let hits = words.len();
        words.sort_unstable();
        words.dedup();
        (hits, words.len())
    }

    /// A sentence about something else in a text about conflict: "And in football, Senegal beat
    /// Sudan …" in a news bulletin.
    /// Its domain words are counted once each.
    fn sentence_out_of_domain(&self, sent: &Range<usize>) -> bool {
        self.domain_words(sent.clone()).1 >= self.ex.cues.domain.sentence_hits
            && !self.has_cue(sent.clone(), Cue::Conflict)
    }

    pub(crate) fn trigger_of(&self, h: &Hit) -> Option<&Trigger> {
        match h.tag {
            Tag::Trigger(i) => self.ex.triggers.get(i),
            _ => None,
        }
    }

    /// "heart attack", "press release": the trigger is part of a phrase about something else.
    fn is_literal(&self, h: &Hit) -> bool {
        self.hits_in(h.start.saturating_sub(64)..h.start + 1)
            .iter()
            .any(|c| c.tag == Tag::Cue(Cue::Literal) && c.start <= h.start && h.end <= c.end)
    }

    /// "The kidnapped aid worker was killed": a participle between a determiner and its noun
    /// describes the noun; the sentence tells another act.
    fn is_attributive(&self, h: &Hit) -> bool {
        // The cheap tests first: this runs on every trigger of every document.
        let Some(tr) = self.trigger_of(h).filter(|tr| tr.form == Form::Verb) else { return false };
        if !self.text()[h.start..h.end].ends_with("ed") {
            return false;
        }
        let described = self.word_before(h.start).is_some_and(|w| holds(&self.grammar().determiners, &w))
            // "Two alleged militants"; but "Two killed as …" tells a killing.
            || tr.sub_event.is_none()
                && crate::doc::starting_in(&self.quantities, |q| q.start, &(h.start.saturating_sub(64)..h.start))
                    .1
                    .iter()
                    .any(|q| q.end <= h.start && self.tokens_between(q.end, h.start) == 0);
        let sent = || self.sents[self.sentence_of(h.start)].clone();
        described
            && self.word_after(h.end).is_some_and(|w| {
                w.chars().all(char::is_alphabetic)
                    && w != "by"
                    && !holds(&self.grammar().object_prepositions, &w)
                    && !holds(&self.grammar().passive, &w)
            })
            && {
                let sent = sent();
                self.hits_in(sent.clone()).iter().any(|o| {
                    o.start != h.start
                        && o.start >= sent.start
                        && o.end <= sent.end
                        && self.trigger_of(o).is_some_and(|x| x.sub_event.is_some())
                })
            }
    }

    /// A trigger that does not report an event: a threat, a plan, a negation, a compound
    /// ("bomb-making"), a situation ("amid a growing clash").
    fn is_irrealis(&self, h: &Hit) -> bool {
        let t = self.text();
        // `is_literal` and `is_attributive` were applied to every trigger in `candidates`.
        // An outcome word in a sentence about an accident or a disaster is no violence.
        if self.trigger_of(h).is_some_and(|tr| tr.weak)
            && self.has_cue(self.sents[self.sentence_of(h.start)].clone(), Cue::Accident)
        {
            return true;
        }
        let rest = &t[h.end..];
        if rest.starts_with('-') && rest[1..].chars().next().is_some_and(char::is_alphabetic) {
            return true;
        }
        let cs = self.clause_start(h.start);
        if self.trigger_of(h).is_some_and(|tr| tr.form == Form::Noun) && self.weapon_handled(cs, h) {
            return true;
        }
        // Words, not quotes, count the distance ("vowed to launch a \"final phase\" offensive"); an
        // infinitive governs the verbs joined to it ("efforts are on to rescue the victims and
        // arrest the perpetrators").
        let before = self.cue_hits(cs..h.start, Cue::IrrealisBefore).any(|c| {
            let tokens = self.tokens_between(c.end, h.start);
            if tokens <= 4 {
                return true;
            }
            if tokens > 16 {
                return false;
            }
            let between = self.words(c.end, h.start);
            between.len() <= 4
                || t[c.start..c.end].to_lowercase().ends_with(" to")
                    && between.len() <= 8
                    && between.iter().any(|w| w == "and")
                    && !t[c.end..h.start].contains([',', ';', '.'])
        });
        let ce = self.clause_end(h.end);
        let after =
            self.cue_hits(h.end..ce, Cue::IrrealisAfter).any(|c| self.tokens_between(h.end, c.start) <= 4);
        before || after
    }

    fn is_passive(&self, h: &Hit) -> bool {
        let i = self.tok_index(h.start);
        let t = self.text();
        self.toks[i.saturating_sub(2)..i]
            .iter()
            .any(|k| holds(&self.grammar().passive, &t[k.start..k.end].to_lowercase()))
    }

    fn is_object(&self, m: &Mention) -> bool {
        self.governing_word(m).is_some_and(|w| holds(&self.grammar().object_prepositions, &w))
    }

    /// The word that governs a mention's noun phrase: skips articles, demonyms and capitalised
    /// words ("near the Afghan Foreign Ministry" → "near").
    pub fn governing_word(&self, m: &Mention) -> Option<String> {
        let t = self.text();
        let mut i = self.tok_index(m.start);
        for _ in 0..4 {
            if i == 0 {
                return None;
            }
            i -= 1;
            let w = &t[self.toks[i].start..self.toks[i].end];
            let lw = w.to_lowercase();
            // A date is no part of the phrase: "said on Tuesday its fighters" are not governed by "on".
            let (k0, k1) = (self.toks[i].start, self.toks[i].end);
            let in_date = crate::doc::starting_in(&self.times, |x| x.start, &(k0.saturating_sub(64)..k1))
                .1
                .iter()
                .any(|x| x.start <= k0 && k1 <= x.end);
            if in_date {
                return None;
            }
            let skip = holds(&self.grammar().determiners, &lw)
                || w.chars().next().is_some_and(char::is_uppercase)
                    && i > 0
                    && !holds(&self.grammar().object_prepositions, &lw);
            if !skip {
                return w.chars().any(char::is_alphanumeric).then_some(lw);
            }
        }
        None
    }

    /// The subject before a position: the nearest mention that no preposition governs.
    fn subject_before(&self, sent: &Range<usize>, pos: usize) -> Option<&Mention> {
        // The dateline's outlet ("KABUL (AP) —") filed the report; it did not act.
        // "Police say a suicide attack targeted …": who speaks of the act did not do it.
        let ms: Vec<&Mention> = self
            .mentions_in(sent.start..pos)
            .filter(|m| !self.in_dateline(m.end) && !self.is_media(m) && !self.speaks(m, pos))
            // "Police found the bodies of six men": who found them took no part.
            .filter(|m| !self.word_after(m.end).is_some_and(|w| holds(&self.grammar().finders, &w)))
            .collect();
        ms.iter().rev().find(|m| !self.is_object(m) && !self.is_verb_object(sent, m)).copied()
    }

    /// "A roadside bomb struck a military convoy, killing three": the convoy is what an active
    /// verb right before it acts on, not the subject of what follows. An outcome verb ("killed")
    /// is active only with its subject right before it ("Insurgents killed 12 farmers in a raid").
    fn is_verb_object(&self, sent: &Range<usize>, m: &Mention) -> bool {
        self.hits_in(sent.start..m.start).iter().any(|h| {
            matches!(h.tag, Tag::Trigger(_))
                && h.end <= m.start
                && self.trigger_of(h).is_some_and(|t| {
                    t.form == Form::Verb
                        && (!t.weak
                            || self.mentions_in(sent.start..h.start).any(|s| {
                                // "its fighters had killed three Taliban soldiers": auxiliaries between.
                                s.end <= h.start
                                    && self
                                        .words(s.end, h.start)
                                        .iter()
                                        .all(|w| holds(&self.grammar().subject_tail, w))
                            }))
                })
                && !self.is_passive(h)
                && (self.tokens_outside_quantities(h.end, m.start) <= 2 || self.glossed(h.end, m))
                && !self.text()[h.end..m.start].contains([',', ';'])
        })
    }

    /// "killed at least 15 volunteer fighters (VDP)": a name in brackets right after a descriptor
    /// that stands right after `from` glosses it.
    fn glossed(&self, from: usize, m: &Mention) -> bool {
        self.text()[..m.start].trim_end().ends_with('(')
            && self.mentions_in(from..m.start).any(|d| {
                matches!(d.who, Who::Generic { .. })
                    && self.tokens_outside_quantities(from, d.start) <= 2
                    && self.text()[d.end..m.start].trim() == "("
            })
    }

    /// Tokens between two offsets, a number phrase ("at least 12") counting as none.
    fn tokens_outside_quantities(&self, a: usize, b: usize) -> usize {
        let n = self.tokens_between(a, b);
        let inside: usize = crate::doc::starting_in(&self.quantities, |q| q.start, &(a..b))
            .1
            .iter()
            .filter(|q| q.end <= b)
            .map(|q| self.tokens_between(q.start, q.end))
            .sum();
        n.saturating_sub(inside)
    }

    fn after_by(&self, sent: &Range<usize>, pos: usize) -> Option<&Mention> {
        self.mentions_in(pos..sent.end).find(|m| {
            self.tokens_between(pos, m.start) <= 6
                && (self.governing_word(m).as_deref() == Some("by") || self.by_a_number(m))
        })
    }

    /// "by two gunmen", "by at least 15 attackers": "by" and a number before a mention.
    fn by_a_number(&self, m: &Mention) -> bool {
        crate::doc::starting_in(&self.quantities, |q| q.start, &(m.start.saturating_sub(64)..m.start))
            .1
            .iter()
            .any(|q| {
                q.end <= m.start
                    && self.tokens_between(q.end, m.start) == 0
                    && self.word_before(q.start).as_deref() == Some("by")
            })
    }

    /// The place for an event: the most specific place in its sentence, nearest the trigger.
    fn place_in(&self, sent: &Range<usize>, trig: &Range<usize>) -> Option<usize> {
        let (offset, places) = crate::doc::starting_in(&self.places, |p| p.start, sent);
        places
            .iter()
            .enumerate()
            .map(|(i, p)| (i + offset, p))
            .filter(|(_, p)| p.end <= sent.end)
            .filter(|(_, p)| {
                !crate::doc::starting_in(
                    &self.mentions,
                    |m| m.start,
                    &(p.start.saturating_sub(64)..p.start + 1),
                )
                .1
                .iter()
                .any(|m| m.start <= p.start && p.end <= m.end && !matches!(m.who, Who::Country(_)))
            })
            // "the Eastern Ghouta of Damascus", "Damascus Ghouta": the city only says which Ghouta.
            .filter(|(k, p)| !self.qualifies_place(*k, p))
            .filter(|(_, p)| !self.is_elsewhere(p.start))
            // "…, relief officials in Nairobi said": the speaker's place, not the event's.
            .filter(|(_, p)| {
                !self.hits_in(p.end..p.end + 24).iter().any(|h| {
                    matches!(h.tag, Tag::Cue(Cue::Speech(_)))
                        && h.start >= p.end
                        && self.tokens_between(p.end, h.start) == 0
                })
            })
            // "the Defense Department said in Mexico City", "speaking in Bogota": where it was
            // said. "a migrant worker from Bihar", "a rocket fired from Gaza": where someone or
            // something came from.
            .filter(|(_, p)| {
                !self.after_phrase(p.start, &self.grammar().speech_places)
                    && !self.after_phrase(p.start, &self.grammar().origin_places)
                    && !self.is_destination(p.start)
            })
            // "…, according to a statement from the counter-terrorism directorate in Erbil": where
            // the source sits, not the event.
            .filter(|(_, p)| !self.in_attribution(sent.start, p.start))
            // "Bastar IG P Sundarraj said": the place of an office, not of the event.
            .filter(|(_, p)| !self.word_after(p.end).is_some_and(|w| holds(&self.grammar().name_titles, &w)))
            // "The army said in a statement issued in Abuja that troops …": where it was said.
            .filter(|(_, p)| {
                self.word_after(p.end).as_deref() != Some("that")
                    || !self.hits_in(p.start.saturating_sub(80)..p.start).iter().any(|h| {
                        matches!(h.tag, Tag::Cue(Cue::Speech(_)))
                            && h.end <= p.start
                            && self.tokens_between(h.end, p.start) <= 8
                    })
            })
            // A dateline names where the report was filed; it is the event's place only when the
            // report names no other (`fallback_place`).
            .filter(|(_, p)| !self.in_dateline(p.end))
            // "factions loyal to Turkey", "the border with Jordan": a foreign country named as a
            // reference is not where the event took place.
            .filter(|(_, p)| {
                p.place.precision != GeoPrecision::Country
                    || self.country.as_deref().is_none_or(|c| c == p.place.country)
                    || !self.word_before(p.start).is_some_and(|w| holds(&self.grammar().reference, &w))
            })
            .max_by_key(|(_, p)| {
                let d =
                    if p.start >= trig.end { p.start - trig.end } else { trig.start.saturating_sub(p.end) };
                let locative =
                    self.word_before(p.start).is_some_and(|w| holds(&self.grammar().place_prepositions, &w));
                // A dateline names where the report was filed, not where the event was; a place
                // after "in"/"near" is where the event was, one after "linked to" may not be.
                // A place the resolver is unsure of ("the Al-Rawdah neighbourhood in the east of
                // Taiz city": Ar Rawdah, Sanaa, at 0.45) yields to one it is sure of.
                (
                    !self.in_dateline(p.end),
                    p.confidence >= 0.5,
                    locative || p.place.precision != GeoPrecision::Country,
                    !self.is_bearing_point(p.start),
                    !self.is_route_end(p.end),
                    rank(p.place.precision),
                    std::cmp::Reverse(d),
                )
            })
            .map(|(i, _)| i)
    }

    /// "60 km south of Mogadishu", "Marib province east of the capital Sanaa": a place the
    /// event is measured from, where a distance says so or another place comes right before the
    /// bearing. "West of Aleppo" alone is near Aleppo, and "the north of Hama" is part of it.
    fn is_bearing_point(&self, start: usize) -> bool {
        let g = self.grammar();
        // The cheap test first: most places follow "in", "near" or a verb.
        if !self.word_before(start).is_some_and(|w| w == "of" || holds(&g.bearing_heads, &w)) {
            return false;
        }
        let words = self.words(start.saturating_sub(64), start);
        let mut k = words.len();
        while k > 0 && holds(&g.bearing_heads, &words[k - 1]) {
            k -= 1;
        }
        if k < 2 || words[k - 1] != "of" || !holds(&g.bearings, &words[k - 2]) {
            return false;
        }
        if k >= 3 && holds(&g.determiners, &words[k - 3]) {
            return false;
        }
        let measured = |w: &str| holds(&g.distance_units, w) || w.chars().all(|c| c.is_ascii_digit());
        if k >= 3 && measured(&words[k - 3]) {
            return true;
        }
        // Another place right before: "… in Marib province east of …", "…region, about 60 km …".
        let t = self.text();
        let Some(bearing_at) =
            self.toks.get(self.tok_index(start.saturating_sub(64)) + k - 2).map(|x| x.start)
        else {
            return false;
        };
        crate::doc::starting_in(&self.places, |p| p.start, &(bearing_at.saturating_sub(64)..bearing_at))
            .1
            .iter()
            .any(|q| {
                // "Zawiya, about 45 kilometers (28 miles) west of": brackets are no words.
                q.end <= bearing_at
                    && t[q.end..bearing_at]
                        .split(|c: char| !c.is_alphanumeric())
                        .filter(|w| !w.is_empty())
                        .all(|w| measured(&w.to_lowercase()))
            })
    }

    /// "the Juba-Nimule road", "the Kabul-Jalalabad highway": a place ending at `end` that names
    /// an end of a route, not where on it the event was.
    fn is_route_end(&self, end: usize) -> bool {
        let t = &self.text()[end..];
        // Past the other end of a hyphened pair ("-Nimule").
        let t = match t.strip_prefix(['-', '\u{2013}']) {
            Some(rest) => {
                rest.trim_start_matches(|c: char| c.is_alphanumeric() || matches!(c, '\'' | '\u{2019}' | '-'))
            }
            None => t,
        };
        let w = t.trim_start().split(|c: char| !c.is_alphanumeric()).next().unwrap_or("");
        !w.is_empty() && holds(&self.grammar().route_nouns, &w.to_lowercase())
    }

    /// "transporting fuel from Senegal to Bamako": the end of a journey told with its start is
    /// not where the event was.
    fn is_destination(&self, start: usize) -> bool {
        self.word_before(start).as_deref() == Some("to") && {
            let w = self.words(start.saturating_sub(48), start);
            w.iter().rev().skip(1).take(4).any(|x| x == "from")
        }
    }

    /// A place after "in" inside an attribution opened by one of `attribution_places` ("according
    /// to"), with no act between ("according to officials in Kabul").
    fn in_attribution(&self, from: usize, start: usize) -> bool {
        if self.word_before(start).as_deref() != Some("in") {
            return false;
        }
        let lo = from.max(start.saturating_sub(120));
        let t = self.text();
        let Some(head) = t.get(lo..start) else { return false };
        let head = head.to_ascii_lowercase();
        let Some(at) = self.grammar().attribution_places.iter().filter_map(|w| head.rfind(w.as_str())).max()
        else {
            return false;
        };
        let at = lo + at;
        !self.hits_in(at..start).iter().any(|h| matches!(h.tag, Tag::Trigger(_)) && h.start >= at)
    }

    /// Whether one of `phrases` (of two or three words) ends right before `start`.
    fn after_phrase(&self, start: usize, phrases: &[String]) -> bool {
        // The cheap test first: the word before ends one of the phrases ("in", "from").
        if !self
            .word_before(start)
            .is_some_and(|w| phrases.iter().any(|p| p.rsplit(' ').next() == Some(w.as_str())))
        {
            return false;
        }
        let w = self.words(start.saturating_sub(48), start);
        (2..=3).any(|n| w.len() >= n && holds(phrases, &w[w.len() - n..].join(" ")))
    }

    /// "taken to a hospital in Maiduguri": where someone went after the event.
    fn is_elsewhere(&self, start: usize) -> bool {
        // "taken to a hospital in Maiduguri"; "brought to the Regional Institute of Medical
        // Sciences in Imphal": further on in the cue's clause, with no place or act between.
        let right_after_cue = |start: usize| {
            self.hits_in(start.saturating_sub(96)..start).iter().any(|h| {
                h.tag == Tag::Cue(Cue::Elsewhere) && h.end <= start && {
                    let between = self.words(h.end, start);
                    between.len() <= 1 && between.iter().all(|w| holds(&self.grammar().determiners, w))
                        || between.len() <= 8
                            && self.clause_start(start) <= h.start
                            && !crate::doc::starting_in(&self.places, |p| p.start, &(h.end..start))
                                .1
                                .iter()
                                .any(|q| q.end < start)
                            && !self.hits_in(h.end..start).iter().any(|x| matches!(x.tag, Tag::Trigger(_)))
                }
            })
        };
        // "airlifted to Silchar in neighbouring Assam": the place that says where that one is.
        right_after_cue(start)
            || crate::doc::starting_in(&self.places, |p| p.start, &(start.saturating_sub(96)..start))
                .1
                .iter()
                .any(|q| {
                    q.end < start
                        && start - q.end <= 32
                        && self.text()[q.end..start]
                            .split([' ', ','])
                            .filter(|w| !w.is_empty())
                            .all(|w| holds(&self.grammar().elsewhere_links, &w.to_lowercase()))
                        && right_after_cue(q.start)
                })
    }

    /// The date for an event from its sentence: the nearest time expression, leaving out one
    /// that a later "since" clause governs.
    fn date_in(&self, sent: &Range<usize>, trig: &Range<usize>) -> Option<DateFix> {
        crate::doc::starting_in(&self.times, |x| x.start, sent)
            .1
            .iter()
            .filter(|x| x.end <= sent.end)
            .filter(|x| {
                !(x.start > trig.end && self.has_cue(sent.start.max(trig.end)..x.start, Cue::Background))
            })
            .filter(|x| {
                !(x.start > trig.end
                    && (self.words(trig.end, x.start).iter().any(|w| w == "since") || self.is_since(x)))
            })
            // "the army said on Sunday" dates the statement, not the event.
            .filter(|x| !self.dates_a_statement(x))
            // The dateline's date is when the report was filed: the sentence's own date wins.
            .min_by_key(|x| {
                let d =
                    if x.start >= trig.end { x.start - trig.end } else { trig.start.saturating_sub(x.end) };
                (self.in_dateline(x.end), d)
            })
            .map(|x| DateFix {
                date: x.date,
                end: x.date_end,
                precision: x.precision,
                source: DateSource::Text,
            })
    }

    /// "the army said on Sunday", "told AFP on Wednesday": a time right after a speech word dates
    /// the statement, not the event.
    fn dates_a_statement(&self, x: &sitrep_text::TimeExpr) -> bool {
        // "announced in a communiqué on Saturday", "On Monday, the television broadcast images":
        // a word of publishing within four words, in the sentence, with no act's word between.
        let sent = &self.sents[self.sentence_of(x.start)];
        let (k0, k1) = (self.tok_index(x.start), self.tok_index(x.end));
        let (s0, s1) = (self.tok_index(sent.start), self.tok_index(sent.end));
        let publishes = |k: usize| {
            let t = &self.toks[k];
            holds(&self.grammar().publication_words, &self.text()[t.start..t.end].to_lowercase())
        };
        let act_between = |a: usize, b: usize| {
            self.hits_in(a..b).iter().any(|h| matches!(h.tag, Tag::Trigger(_)) && h.start >= a && h.end <= b)
        };
        // "On 23 November, the army announced that it had neutralised four rebels": the act told
        // in what was published has no other date.
        let act_told = |k: usize| {
            let from = self.toks[k].end;
            self.hits_in(from..sent.end).iter().any(|h| {
                matches!(h.tag, Tag::Trigger(_))
                    && h.start >= from
                    && h.end <= sent.end
                    && self.trigger_of(h).is_some_and(|t| !t.weak)
                    && !self.word_before(h.start).is_some_and(|w| holds(&self.grammar().definite, &w))
            })
        };
        let before = (k0.saturating_sub(5).max(s0)..k0)
            .any(|k| publishes(k) && !act_between(self.toks[k].end, x.start) && !act_told(k));
        let after = (k1..(k1 + 5).min(s1))
            .any(|k| publishes(k) && !act_between(x.end, self.toks[k].start) && !act_told(k));
        if before || after {
            return true;
        }
        self.hits_in(x.start.saturating_sub(64)..x.start).iter().any(|h| {
            matches!(h.tag, Tag::Cue(Cue::Speech(_)))
                && h.end <= x.start
                // "told AFP on Wednesday": the one addressed and a preposition may stand between.
                && self
                    .words(h.end, x.start)
                    .iter()
                    .filter(|w| !holds(&self.grammar().object_prepositions, w))
                    .count()
                    <= 1
        })
    }

    /// "Separately, …", "In a separate incident, …": a sentence that opens by setting what it
    /// tells apart from the acts told before.
    fn opens_apart(&self, sent: &Range<usize>) -> bool {
        let w = self.words(sent.start, sent.end.min(sent.start + 40));
        (1..=3).any(|n| w.len() >= n && holds(&self.grammar().separate_openers, &w[..n].join(" ")))
    }

    /// Whether a speech word ("said", "according to", "claimed") stands wholly in `r`.
    pub fn has_speech(&self, r: &Range<usize>) -> bool {
        self.hits_in(r.clone())
            .iter()
            .any(|c| matches!(c.tag, Tag::Cue(Cue::Speech(_))) && c.start >= r.start && c.end <= r.end)
    }

    /// "Agents seized short-range rockets", "accused of manufacturing rockets and drones": a
    /// weapon's noun after a word that handles it, in its clause, tells no use of it.
    fn weapon_handled(&self, cs: usize, h: &Hit) -> bool {
        let g = self.grammar();
        let words = self.words(cs.max(h.start.saturating_sub(80)), h.start);
        for w in words.iter().rev().take(4) {
            if holds(&g.weapon_handling, w) {
                return true;
            }
            if holds(&g.object_breaks, w) && !holds(&g.weapon_handling_links, w) {
                return false;
            }
        }
        false
    }

    /// "frequently attack", "has repeatedly targeted", "has stepped up attacks": a habit's word
    /// shortly before the trigger in its clause, in a sentence that names no day, tells a habit.
    fn is_habit(&self, h: &Hit) -> bool {
        let cs = self.clause_start(h.start);
        (self
            .cue_hits(cs..h.start, Cue::Habitual)
            .any(|c| c.end <= h.start && self.tokens_between(c.end, h.start) <= 4)
            || self.present_state(h)
            || self.perfect_state(h.start) && {
                // "… and has attacked Togolese army posts before."
                let w = self.words(h.end, self.clause_end(h.end));
                let tails = &self.ex.cues.background.undated_tails;
                (1..=3).any(|n| w.len() >= n && holds(tails, &w[w.len() - n..].join(" ")))
            })
            && {
                let sent = &self.sents[self.sentence_of(h.start)];
                !crate::doc::starting_in(&self.times, |x| x.start, sent)
                    .1
                    .iter()
                    .any(|x| x.end <= sent.end && x.precision == DatePrecision::Day)
            }
    }

    /// "the faction, which controls several islands", "still raids fishing communities": a verb
    /// in the simple present after the headline tells a state or a habit.
    fn present_state(&self, h: &Hit) -> bool {
        let w = &self.text()[h.start..h.end];
        w.ends_with('s')
            && !w.ends_with("ss")
            && !w.contains(' ')
            && self.trigger_of(h).is_some_and(|tr| tr.form == Form::Verb)
            && self.word_before(h.start).is_some_and(|b| holds(&self.ex.cues.background.present_openers, &b))
            && !self.is_headline(self.sentence_of(h.start))
    }

    /// "has been fighting", "has been besieged", "has been at war", "have attacked": the perfect
    /// right before a trigger (up to two words between "been" and the trigger).
    fn perfect_state(&self, pos: usize) -> bool {
        let i = self.tok_index(pos);
        let t = self.text();
        let w = |k: usize| t[self.toks[k].start..self.toks[k].end].to_lowercase();
        self.is_perfect(pos)
            || (i.saturating_sub(3)..i)
                .any(|k| k > 0 && w(k) == "been" && holds(&self.grammar().perfect_auxiliaries, &w(k - 1)))
    }

    /// "for more than ten years", "over the years": a long period named in the range.
    fn for_a_long_period(&self, r: &Range<usize>) -> bool {
        let b = &self.ex.cues.background;
        let w = self.words(r.start, r.end);
        w.iter().enumerate().any(|(k, x)| {
            holds(&b.period_openers, x) && w[k + 1..].iter().take(4).any(|y| holds(&b.long_periods, y))
        })
    }

    /// "in the past week", "over the previous two months": a span of a week or more in the range.
    fn spans_a_period(&self, r: &Range<usize>) -> bool {
        let b = &self.ex.cues.background;
        // Most ranges name no unit of a span: look for one before building the words.
        let t = self.text();
        let (a, z) = (self.tok_index(r.start), self.tok_index(r.end));
        if !(a..z.min(self.toks.len())).any(|k| {
            let tok = &self.toks[k];
            tok.end <= r.end && b.span_units.iter().any(|u| t[tok.start..tok.end].eq_ignore_ascii_case(u))
        }) {
            return false;
        }
        let w = self.words(r.start, r.end);
        let joined = format!(" {} ", w.join(" "));
        b.span_openers.iter().any(|o| {
            joined.match_indices(&format!(" {o} ")).any(|(i, _)| {
                let after = joined[i + o.len() + 2..].split_whitespace().take(3);
                after.into_iter().any(|x| holds(&b.span_units, x))
            })
        })
    }

    /// A date told in the text more than 45 days before publication: an earlier act.
    fn is_old(&self, x: &DateFix) -> bool {
        x.source == DateSource::Text
            && self.published.is_some_and(|p| x.end.unwrap_or(x.date) + Days::new(45) < p)
    }

    /// "since January", "since the 3rd": the start of a period, not the date of an event.
    fn is_since(&self, x: &sitrep_text::TimeExpr) -> bool {
        let t = self.text();
        t[x.start..x.end].get(..5).is_some_and(|w| w.eq_ignore_ascii_case("since"))
            || self.word_before(x.start).as_deref() == Some("since")
    }

    /// "More than 40 farmers have been killed in the state since January": an outcome counted
    /// over a period is a running total, not an event of its own.
    /// "Since yesterday" is one spell of fighting; a period of more than a week is a running total.
    fn counts_a_period(&self, h: &Hit, whole_sentence: bool) -> bool {
        let sent = &self.sents[self.sentence_of(h.start)];
        let ce = if whole_sentence { sent.end } else { self.clause_end(h.end) };
        let cs = self.clause_start(h.start);
        // "Since January, ADF attacks have killed …": a period opening the sentence governs it.
        let opening =
            crate::doc::starting_in(&self.times, |x| x.start, &(sent.start..h.start)).1.iter().any(|x| {
                self.tokens_between(sent.start, x.start) == 0
                    && self.is_since(x)
                    && (self.published.unwrap_or(chrono::NaiveDate::MAX) - x.date).num_days() > 7
            });
        if opening {
            return true;
        }
        let end = self.published.unwrap_or(chrono::NaiveDate::MAX);
        // "has killed more than 6,000 people since 2017": a bare year is no time expression.
        let since_a_year = || {
            let w = self.words(cs, ce);
            w.windows(2).any(|p| {
                p[0] == "since"
                    && p[1].len() == 4
                    && p[1]
                        .parse::<i32>()
                        .is_ok_and(|y| (1900..=2100).contains(&y) && y < chrono::Datelike::year(&end))
            })
        };
        crate::doc::starting_in(&self.times, |x| x.start, &(cs..ce))
            .1
            .iter()
            .any(|x| x.end <= ce && self.is_since(x) && (end - x.date).num_days() > 7)
            || since_a_year()
    }

    /// "has killed", "have been killed", "had died": an outcome word in the perfect.
    fn is_perfect(&self, pos: usize) -> bool {
        let i = self.tok_index(pos);
        let t = self.text();
        let word = |back: usize| {
            (i >= back).then(|| t[self.toks[i - back].start..self.toks[i - back].end].to_lowercase())
        };
        let aux = |w: Option<String>| w.is_some_and(|w| holds(&self.grammar().perfect_auxiliaries, &w));
        aux(word(1)) || word(1).as_deref() == Some("been") && aux(word(2))
    }

    /// "since 2009", "since the start of the war", "since then": a "since" in the range that opens
    /// a period reaching back more than a week ("since Monday" is one spell of fighting).
    fn since_long_ago(&self, r: &Range<usize>) -> bool {
        let Some(p) = self.published else { return false };
        let (a, b) = (self.tok_index(r.start), self.tok_index(r.end));
        let t = self.text();
        (a..b.min(self.toks.len())).any(|k| {
            let tok = &self.toks[k];
            if tok.end > r.end || !t[tok.start..tok.end].eq_ignore_ascii_case("since") {
                return false;
            }
            let near = self.toks.get(k + 6).map_or(r.end, |n| n.end.min(r.end));
            match crate::doc::starting_in(&self.times, |x| x.start, &(tok.end..near)).1.first() {
                Some(x) => (p - x.date).num_days() > 7,
                None => true,
            }
        })
    }

    /// A sentence after the first telling of acts at a time that ended before the publication's
    /// own week, month or year: "Last week, a drone struck …", "In March, rebels attacked …".
    fn told_as_past(&self, si: usize, date: Option<&DateFix>) -> bool {
        let (Some(x), Some(p)) = (date, self.published) else { return false };
        if si == 0 || x.source != DateSource::Text {
            return false;
        }
        let end = x.end.unwrap_or(x.date);
        let since = match x.precision {
            DatePrecision::Week => p - chrono::Duration::days(i64::from(p.weekday().num_days_from_monday())),
            DatePrecision::Month => p.with_day(1).unwrap_or(p),
            DatePrecision::Year => NaiveDate::from_ymd_opt(p.year(), 1, 1).unwrap_or(p),
            _ => return false,
        };
        end < since
    }

    /// A violent trigger other than an outcome word ("killed") elsewhere in the sentence.
    fn names_another_act(&self, sent: &Range<usize>, h: &Hit) -> bool {
        self.hits_in(sent.clone()).iter().any(|o| {
            o.start != h.start
                && matches!(o.tag, Tag::Trigger(_))
                && self.trigger_of(o).is_some_and(|t| !t.weak && t.sub_event.is_some())
        })
    }

    /// When a sentence has no date: a dateline's date, else the day before publication to the
    /// day of publication (news reports what happened since the last edition), said so.
    fn fallback_date(&self) -> Option<DateFix> {
        if let Some(first) = self.sents.first()
            && let Some(x) =
                self.times.iter().find(|x| x.start < first.end && x.precision == DatePrecision::Day)
            && self.published.is_none_or(|p| x.date <= p)
        {
            return Some(DateFix {
                date: x.date,
                end: None,
                precision: DatePrecision::Day,
                source: DateSource::Context,
            });
        }
        let p = self.published?;
        Some(DateFix {
            date: p.checked_sub_days(Days::new(1)).unwrap_or(p),
            end: Some(p),
            precision: DatePrecision::Range,
            source: DateSource::Published,
        })
    }

    fn fallback_place(&self, si: usize) -> Option<usize> {
        // The first place of the document (dateline, headline), unless a more specific one follows
        // in the same sentence; never a place first named after the event's sentence ("Houthi
        // rebels fired missiles at a tanker in the Red Sea" is not where the next paragraph is).
        // A dateline's town only where the report names no other place by then.
        let first = self
            .places
            .iter()
            .find(|p| !self.in_dateline(p.end) && self.sentence_of(p.start) <= si)
            .or_else(|| self.places.first())?;
        let s = self.sentence_of(first.start);
        if s > si {
            return None;
        }
        let r = &self.sents[s];
        let (offset, places) = crate::doc::starting_in(&self.places, |p| p.start, r);
        places
            .iter()
            .enumerate()
            .filter(|(_, p)| p.end <= r.end && (self.in_dateline(first.end) || !self.in_dateline(p.end)))
            .max_by_key(|(_, p)| rank(p.place.precision))
            .map(|(i, _)| i + offset)
    }

    /// "Jean-Marie Ndikumana, 34, was beaten to death": a number between commas right after a
    /// name is the person's age.
    fn is_age(&self, q: &sitrep_text::Quantity) -> bool {
        let t = self.text();
        q.max.is_none_or(|m| m < 120)
            && q.min.is_some_and(|m| m < 120)
            && t[..q.start].ends_with(", ")
            && t[q.end..].starts_with(',')
            && t[..q.start - 2]
                .rsplit(|c: char| c.is_whitespace())
                .next()
                .and_then(|w| w.chars().next())
                .is_some_and(char::is_uppercase)
    }

    /// Deaths and injuries stated in a range: numbers next to death and injury words.
    pub fn casualties(&self, r: Range<usize>) -> (Count, Count) {
        let cues = select(self.hits_in(r.clone()), |h| {
            h.start >= r.start && h.end <= r.end && matches!(h.tag, Tag::Cue(Cue::Killed | Cue::Injured))
        });
        let qs: Vec<_> = crate::doc::starting_in(&self.quantities, |q| q.start, &r)
            .1
            .iter()
            .filter(|q| q.end <= r.end)
            .filter(|q| !self.is_running_total(q.start))
            .filter(|q| !self.is_age(q))
            .filter(|q| {
                !self.word_after(q.end).is_some_and(|w| holds(&self.ex.cues.casualties.durations, &w))
            })
            .filter(|q| {
                !crate::doc::starting_in(&self.times, |x| x.start, &(q.start.saturating_sub(64)..q.end))
                    .1
                    .iter()
                    .any(|x| x.start < q.end && q.start < x.end)
            })
            .collect();
        let mut used: HashSet<usize> = HashSet::new();
        // Where figures a total rose to stand: beside a figure of the act's own ("killed 11
        // people, raising the death toll to 317") they count more than the act.
        let mut risen: HashSet<usize> = HashSet::new();
        let mut killed: Vec<(usize, Count)> = Vec::new();
        let mut injured: Vec<(usize, Count)> = Vec::new();
        for (ci, c) in cues.iter().enumerate() {
            let is_killed = c.tag == Tag::Cue(Cue::Killed);
            // "… comes days after a woman was killed": the dead of an earlier act, named within
            // eight words before the death word in its clause.
            let k = self.tok_index(c.start);
            let from = self.toks[k.saturating_sub(8)..k]
                .first()
                .map_or(c.start, |t| t.start)
                .max(self.clause_start(c.start))
                .max(r.start);
            if self.says_any(from..c.start, &self.ex.cues.casualties.earlier_act) {
                continue;
            }
            // "killing and wounding 7": one number for both, so neither is known.
            let joint = cues
                .get(ci + 1)
                .is_some_and(|n| n.tag != c.tag && self.words(c.end, n.start) == ["and"])
                || ci > 0 && cues[ci - 1].tag != c.tag && self.words(cues[ci - 1].end, c.start) == ["and"];
            let before = qs
                .iter()
                .enumerate()
                .filter(|(i, q)| {
                    !used.contains(i)
                        && q.end <= c.start
                        && self.tokens_between_unbracketed(q.end, c.start) <= 7
                })
                .filter(|(_, q)| !cues.iter().any(|o| o.start >= q.end && o.end <= c.start))
                .filter(|(_, q)| !self.text()[q.end..c.start].contains([';', '.']))
                .collect::<Vec<_>>();
            // "eight civilians, including three children, were killed": the number after
            // "including" is part of the toll; the one before it is the toll.
            let before = match before.last() {
                // "The victims, including two women, were shot dead": a part is not the toll.
                Some(&(_, q)) if self.follows_subset_word(q.start) => before.iter().rev().nth(1).copied(),
                _ => before.last().copied(),
            };
            let after = qs
                .iter()
                .enumerate()
                .filter(|(i, q)| {
                    !used.contains(i) && q.start >= c.end && self.tokens_between(c.end, q.start) <= 3
                })
                .filter(|(_, q)| !cues.iter().any(|o| o.start >= c.end && o.end <= q.start))
                .filter(|(_, q)| !self.text()[c.end..q.start].contains([',', ';', '.']))
                .filter(|(_, q)| !self.words(c.end, q.start).iter().any(|w| w == "and" || w == "or"))
                // "shot dead by two gunmen": the number of a passive's agent counts who acted.
                .filter(|(_, q)| self.words(c.end, q.start).last().is_none_or(|w| w != "by"))
                .find(|_| true);
            // "six people dead" takes its number before; "killing three", "injuring 11" after.
            let word = self.text()[c.start..c.end].to_lowercase();
            let after = after.filter(|_| !holds(&self.ex.cues.casualties.number_before_only, &word));
            let pick = match (before, after) {
                (Some(b), Some(a)) => {
                    if self.tokens_between(c.end, a.1.start) < self.tokens_between(b.1.end, c.start) {
                        Some(a)
                    } else {
                        Some(b)
                    }
                }
                (b, a) => b.or(a),
            };
            let count = match pick {
                Some((i, q)) => {
                    used.insert(i);
                    // "the bomber was also killed": the attacker is not counted.
                    let next = self.word_after(q.end).unwrap_or_default();
                    if self.ex.cues.casualties.attacker.contains(&next) {
                        continue;
                    }
                    Some((q.start, Count { min: q.min, max: q.max }))
                }
                None => match self.risen_toll(c, &r) {
                    Some(x) => {
                        risen.insert(x.0);
                        Some(x)
                    }
                    None => self.singular_victim(c).map(|(p, n)| (p, Count::exact(n))),
                },
            };
            if joint {
                continue;
            }
            // "Three soldiers and two civilians were killed": numbers of a conjoined subject add up.
            let conjoined = pick
                .filter(|(_, q)| q.end <= c.start)
                .and_then(|(_, q)| {
                    qs.iter().enumerate().rev().find(|(j, q0)| {
                        !used.contains(j) && q0.end <= q.start && {
                            let between = self.words(q0.end, q.start);
                            between.len() <= 4 && between.last().is_some_and(|w| w == "and")
                        }
                    })
                })
                .filter(|(_, q0)| !cues.iter().any(|o| o.start >= q0.end && o.end <= c.start));
            if let Some((j, q0)) = conjoined {
                used.insert(j);
                let n = Count { min: q0.min, max: q0.max };
                if is_killed { killed.push((q0.start, n)) } else { injured.push((q0.start, n)) }
            }
            if let Some((pos, n)) = count {
                if is_killed { killed.push((pos, n)) } else { injured.push((pos, n)) }
            }
        }
        killed.sort_by_key(|(pos, _)| *pos);
        injured.sort_by_key(|(pos, _)| *pos);
        // One figure is one toll, however many death words point at it ("casualties raise the
        // death toll to 9").
        killed.dedup_by_key(|(pos, _)| *pos);
        injured.dedup_by_key(|(pos, _)| *pos);
        for xs in [&mut killed, &mut injured] {
            if xs.iter().any(|(p, _)| !risen.contains(p)) {
                xs.retain(|(p, _)| !risen.contains(p));
            }
        }
        (self.total(&killed, &r), self.total(&injured, &r))
    }

    /// Whether a number or a person stands right after a subset word ("including three children",
    /// "among them a commander").
    fn follows_subset_word(&self, start: usize) -> bool {
        let t = self.text();
        let mut from = start.saturating_sub(24);
        while !t.is_char_boundary(from) {
            from += 1;
        }
        let lead = t[from..start].trim_end().to_lowercase();
        self.ex
            .cues
            .casualties
            .subset
            .iter()
            .any(|w| lead.strip_suffix(w.as_str()).is_some_and(|rest| !rest.ends_with(char::is_alphanumeric)))
    }

    /// A number that closes a running total: "to (about) 190" behind "raising the death toll".
    /// The quantity's span already holds its hedge ("about 190"), so "to" stands right before it.
    fn is_running_total(&self, start: usize) -> bool {
        let t = self.text();
        let k = self.tok_index(start);
        let word = |j: usize| t[self.toks[j].start..self.toks[j].end].to_lowercase();
        if k == 0 || word(k - 1) != "to" {
            return false;
        }
        let sent_start = self.sents.get(self.sentence_of(start)).map_or(0, |s| s.start);
        let lo = k.saturating_sub(13).max(self.tok_index(sent_start));
        // "The death toll from Monday's bombing rose to 59": the toll of one event, risen.
        // "The death toll in the province rose to 190" is a running total: "in"/"of" must lead to
        // the act ("the toll in the attack").
        let cas = &self.ex.cues.casualties;
        let own_toll = (self.tok_index(sent_start)..k - 1).any(|j| {
            holds(&cas.toll_nouns, &word(j))
                && j + 1 < k
                && (holds(&cas.toll_of_act, &word(j + 1))
                    || holds(&cas.toll_of_act_if_named, &word(j + 1))
                        && self.act_follows(j + 1, self.toks[k - 1].end))
        });
        !own_toll && (lo..k - 1).any(|j| holds(&cas.running_total, &word(j)))
    }

    /// "the toll in the attack": an act's word within the eight words after token `k` ("in",
    /// "of"), ending by `limit`.
    fn act_follows(&self, k: usize, limit: usize) -> bool {
        let from = self.toks[k].end;
        let to = self.toks.get(k + 8).map_or(limit, |n| n.end).min(limit);
        self.hits_in(from..to)
            .iter()
            .any(|h| matches!(h.tag, Tag::Trigger(_)) && h.start >= from && h.end <= to)
    }

    /// "The death toll from the bombing rose to 59", "the number of people killed in the attack has
    /// risen to 21", "casualties rise to 21", "the toll has reached 21": the figure a total's
    /// sentence says it rose to, however far from the death word. A total of the province or of a
    /// span of time ("since January", "this year") counts more than this act and gives nothing.
    fn risen_toll(&self, c: &Hit, r: &Range<usize>) -> Option<(usize, Count)> {
        let t = self.text();
        let cas = &self.ex.cues.casualties;
        let word = |k: usize| t[self.toks[k].start..self.toks[k].end].to_lowercase();
        let sent = self.sents.get(self.sentence_of(c.start))?;
        let (s0, ci) = (self.tok_index(sent.start), self.tok_index(c.start));
        let cue = t[c.start..c.end].to_lowercase();
        let subject = (ci.saturating_sub(4).max(s0)..ci).find(|&k| holds(&cas.total_subjects, &word(k)));
        let toll = cue.split_whitespace().any(|w| holds(&cas.toll_nouns, w));
        if !toll && subject.is_none() && !holds(&cas.total_heads, &cue) {
            return None;
        }
        // "the death toll in the province rose to 190": "in"/"of" after the total's noun must lead
        // to an act ("the toll in the attack").
        let noun = if toll { self.tok_index(c.end).saturating_sub(1) } else { subject.unwrap_or(ci) };
        let next = self.toks.get(noun + 1).map(|n| t[n.start..n.end].to_lowercase()).unwrap_or_default();
        if holds(&cas.toll_of_act_if_named, &next)
            && (toll || subject.is_some())
            && !self.act_follows(noun + 1, sent.end)
        {
            return None;
        }
        let found = crate::doc::starting_in(&self.quantities, |q| q.start, &(c.end..sent.end.min(r.end)))
            .1
            .iter()
            .filter(|q| q.end <= sent.end)
            .find(|q| {
                let k = self.tok_index(q.start);
                // "rose to 21", "raise the death toll to 9": the verb stands at most four words
                // before "to".
                k >= 1 && holds(&cas.reached, &word(k - 1))
                    || k >= 2
                        && word(k - 1) == "to"
                        && (k.saturating_sub(6).max(s0)..k - 1).any(|j| holds(&cas.running_total, &word(j)))
            })
            .map(|q| (q.start, Count { min: q.min, max: q.max }))?;
        // "An airstrike killed 11 people, raising the death toll to 317": the act has its own
        // figure before the total.
        let own_figure = self.hits_in(sent.start..c.start).iter().any(|k| {
            k.tag == Tag::Cue(Cue::Killed)
                && k.start >= sent.start
                && k.end <= c.start
                && crate::doc::starting_in(&self.quantities, |q| q.start, &(sent.start..c.start))
                    .1
                    .iter()
                    .any(|q| {
                        q.end <= c.start
                            && (q.end <= k.start && self.tokens_between(q.end, k.start) <= 7
                                || q.start >= k.end && self.tokens_between(k.end, q.start) <= 3)
                    })
        });
        if own_figure {
            return None;
        }
        if self.says_any(sent.clone(), &cas.total_spans) {
            return None;
        }
        Some(found)
    }

    /// "leaving him dead", "a (tribal) elder was killed", "killed a police officer": one victim
    /// without a number; "killed a gendarme and a motorbike rider": two. Returns where the
    /// victims are named and how many.
    fn singular_victim(&self, c: &Hit) -> Option<(usize, u32)> {
        let i = self.tok_index(c.start);
        let t = self.text();
        let cas = &self.ex.cues.casualties;
        let word = |k: usize| self.toks.get(k).map(|n| t[n.start..n.end].to_lowercase());
        // "a 10-year-old girl": the age's number, hyphen and "year-old" are one modifier, and
        // "a ten-year-old girl" one word.
        let age_end = |k: usize| -> Option<usize> {
            let is_age = |w: &str| cas.ages.iter().any(|a| w == a || w.ends_with(&format!("-{a}")));
            if word(k).is_some_and(|w| is_age(&w)) {
                return Some(k + 1);
            }
            let number = self.toks.get(k).is_some_and(|n| n.kind == sitrep_text::TokenKind::Number);
            (number && word(k + 1).as_deref() == Some("-") && word(k + 2).is_some_and(|w| is_age(&w)))
                .then_some(k + 3)
        };
        let is_person = |noun: &str| {
            let persons = &self.ex.cues.targets;
            let singular = |list: &Vec<String>| list.iter().any(|x| x == noun && !noun.ends_with('s'));
            singular(&persons.civilian) || singular(&persons.armed) || holds(&cas.person, noun)
        };
        // "a"/"an"/"one" at token j, then a person within two words ("a tribal elder"): the
        // token after the person's noun.
        let one_person = |j: usize| -> Option<usize> {
            if !word(j).is_some_and(|w| holds(&cas.one, &w)) {
                return None;
            }
            let from = age_end(j + 1).unwrap_or(j + 1);
            (from..=from + 2).find(|&k| word(k).is_some_and(|n| is_person(&n))).map(|k| k + 1)
        };
        // "a gendarme and a motorbike rider": a second person joined by "and" right after; not
        // the subject of a verb of its own ("killed a soldier and a civilian was wounded").
        let count_from = |after: usize, object: bool| -> u32 {
            let and = word(after).as_deref() == Some("and");
            let second = if and { one_person(after + 1) } else { None };
            match second {
                Some(k) if !(object && word(k).is_some_and(|w| holds(&self.grammar().passive, &w))) => 2,
                _ => 1,
            }
        };
        // "A senior Taliban commander was killed": the article may stand five words back.
        let lo = i.saturating_sub(6);
        for j in (lo..i).rev() {
            let w = t[self.toks[j].start..self.toks[j].end].to_lowercase();
            if cas.singular.contains(&w) && i - j <= 2 {
                return Some((self.toks[j].start, 1));
            }
            // "17 members …, including a Moroccan commander, were killed": one of many.
            if let Some(after) = one_person(j)
                && !self.follows_subset_word(self.toks[j].start)
            {
                // "A soldier and a civilian were killed": the second of two is counted from the first.
                let second = j >= 2
                    && word(j - 1).as_deref() == Some("and")
                    && (j.saturating_sub(5)..j - 1).any(|k| one_person(k).is_some_and(|a| a == j - 1));
                if second {
                    continue;
                }
                return Some((self.toks[j].start, count_from(after, false)));
            }
        }
        // The object of an active verb: "gunmen killed a police officer".
        let end = self.tok_index(c.end);
        (end..(end + 2).min(self.toks.len()))
            .filter(|&j| self.toks[j].start >= c.end)
            .find_map(|j| one_person(j).map(|after| (self.toks[j].start, count_from(after, true))))
    }

    /// Adds figures for different victims; keeps the first where a later one is part of it
    /// ("30 killed, including 12 children").
    fn total(&self, xs: &[(usize, Count)], r: &Range<usize>) -> Count {
        let mut out: Option<Count> = None;
        let mut last = r.start;
        for &(pos, c) in xs {
            out = Some(match out {
                None => c,
                Some(prev) => {
                    if self.has_cue(last..pos, Cue::Subset) {
                        prev
                    } else {
                        Count {
                            min: match (prev.min, c.min) {
                                (Some(a), Some(b)) => Some(a + b),
                                (a, b) => a.or(b),
                            },
                            max: match (prev.max, c.max) {
                                (Some(a), Some(b)) => Some(a + b),
                                _ => None,
                            },
                        }
                    }
                }
            });
            last = pos;
        }
        out.unwrap_or(Count::UNKNOWN)
    }

    /// The claimant of an event told in a sentence ("X claimed responsibility for …").
    fn claimant(
        &self,
        sent: &Range<usize>,
        country: Option<&str>,
        date: Option<NaiveDate>,
    ) -> Option<ActorRef> {
        let (c, bare) = match self.cue_hits(sent.clone(), Cue::Claim).next() {
            Some(c) => (c, false),
            None => match self.bare_claim(sent) {
                Some(c) => (c, true),
                None => return self.claimed_by_agent(sent, country, date),
            },
        };
        if self
            .cue_hits(sent.start..c.start, Cue::ClaimNegated)
            .any(|n| self.tokens_between(n.end, c.start) <= 3)
            || self
                .cue_hits(sent.start..c.start, Cue::IrrealisBefore)
                .any(|n| self.tokens_between(n.end, c.start) <= 2)
        {
            return None;
        }
        let m = self.subject_before(sent, c.start)?;
        let r = self.actor_ref(m, country, date)?;
        // "IS claims Kabul attack" is a claim; "Pakistan claims killing of eight militants" is a
        // state's report of its own operation; "separatist accounts claimed eight soldiers died",
        // with the group only inferred from a descriptor, reports a toll.
        if bare
            && (m.anaphor
                || !r
                    .kind
                    .as_deref()
                    .is_some_and(|k| crate::actors::is_non_state_armed_kind(k) && k != "unidentified"))
        {
            return None;
        }
        Some(r)
    }

    /// "Two soldiers were injured on Sunday when a drone struck a base": the subject of a passive
    /// toll word ("were injured", "was killed") before the act suffered it; it did not act.
    fn is_casualty_subject(&self, m: &Mention, before: usize) -> bool {
        let t = self.text();
        self.cue_hits(m.end..before, Cue::Killed).chain(self.cue_hits(m.end..before, Cue::Injured)).any(|c| {
            let between = self.words(m.end, c.start);
            !between.is_empty()
                && between.len() <= 2
                && between.iter().all(|w| holds(&self.grammar().passive, w))
                && !t[m.end..c.start].contains([',', ';'])
        })
    }

    /// A verb of holding off an attack (`[roles] defence` in data/actors/roles.toml) in the
    /// act's clause: the act itself, or one that governs the act's noun ("repelled a Houthi
    /// attack", "an attack by militants was repulsed by police"). Its byte range.
    fn defence_verb(&self, h: &Hit) -> Option<Range<usize>> {
        let t = self.text();
        let (cs, ce) = (self.clause_start(h.start), self.clause_end(h.end));
        // The verbs are found once per document (this runs for every act).
        let all = self.defence.get_or_init(|| {
            let lower = t.to_ascii_lowercase();
            let mut found: Vec<Range<usize>> = Vec::new();
            for v in &self.ex.dict.defence_verbs {
                for (i, _) in lower.match_indices(v.as_str()) {
                    if crate::scan::on_word_boundaries(t, i, i + v.len()) {
                        found.push(i..i + v.len());
                    }
                }
            }
            found.sort_by_key(|r| r.start);
            found
        });
        all.iter()
            .filter(|r| r.start >= cs && r.end <= ce)
            .find(|r| {
                (r.start <= h.start && h.end <= r.end)
                    || r.end <= h.start && self.tokens_between(r.end, h.start) <= 3
                    || h.end <= r.start && self.tokens_between(h.end, r.start) <= 2
            })
            .cloned()
    }

    /// The roles of an act a defence verb tells: (attacker, defender), from the verb's own
    /// subject, agent and object.
    fn defence_roles(&self, h: &Hit) -> Option<(Option<&Mention>, Option<&Mention>)> {
        let v = self.defence_verb(h)?;
        let sent = self.sents[self.sentence_of(h.start)].clone();
        let ce = self.clause_end(h.end.max(v.end));
        let by = |from: usize, to: usize| {
            self.mentions_in(from..to).find(|m| self.governing_word(m).as_deref() == Some("by"))
        };
        // A group named right before the act's noun: "a Houthi attack", "a terrorist attack".
        let before_noun = self.mentions_in(sent.start..h.start).last().filter(|m| {
            m.end <= h.start
                && self.tokens_between(m.end, h.start) == 0
                && !(v.start <= h.start && m.start < v.end)
        });
        let is_verb = v.start <= h.start && h.end <= v.end;
        let v_passive = self
            .words(self.clause_start(v.start), v.start)
            .iter()
            .rev()
            .take(2)
            .any(|w| holds(&self.grammar().passive, w))
            || v.start >= h.end
            || self.word_after(v.end).is_some_and(|w| w == "by");
        if is_verb && !v_passive {
            // "repelled an attack by the mercenaries", "repelled a complex terrorist attack": the
            // attack's agent, else what the verb holds off.
            let defender = self.subject_before(&sent, v.start);
            let attacker = by(v.end, ce).or_else(|| self.mentions_in(v.end..ce).next());
            return Some((attacker, defender));
        }
        if is_verb {
            // "the rebels were repelled by the army".
            return Some((self.subject_before(&sent, v.start), by(v.end, ce)));
        }
        if v_passive {
            let defender = by(v.end, ce);
            let attacker = by(h.end, v.start.max(h.end))
                .or(before_noun)
                .or_else(|| self.subject_before(&sent, h.start.min(v.start)));
            Some((attacker, defender))
        } else {
            let defender = self.subject_before(&sent, v.start);
            let attacker = by(h.end, ce).or(before_noun);
            Some((attacker, defender))
        }
    }

    /// "the army's base was attacked with a drone": the act's noun is the instrument of a passive
    /// verb just before it, so its subject is what was attacked, not who attacked.
    fn instrument_of_passive(&self, sent: &Range<usize>, h: &Hit) -> bool {
        let t = self.text();
        let i = self.tok_index(h.start);
        let Some(with) = (i.saturating_sub(3)..i).rev().find(|&j| {
            let w = t[self.toks[j].start..self.toks[j].end].to_lowercase();
            w == "with" || w == "by"
        }) else {
            return false;
        };
        // Only determiners and modifiers between "with" and the noun: "with a drone", "by an
        // explosive-laden drone".
        if t[self.toks[with].end..h.start].contains([',', ';']) {
            return false;
        }
        let at = self.toks[with].start;
        self.hits_in(sent.start..at).iter().any(|v| {
            v.end <= at
                && self.tokens_between(v.end, at) <= 1
                && self.trigger_of(v).is_some_and(|tr| tr.form == Form::Verb)
                && self.is_passive(v)
        })
    }

    /// "…was attacked with a drone, wounding two soldiers": an outcome's participle after a comma
    /// has the subject of the verb before it, and the subject of a passive verb with no agent
    /// was hit.
    fn outcome_of_passive(&self, sent: &Range<usize>, h: &Hit) -> bool {
        let t = self.text();
        if !t[h.start..h.end].ends_with("ing") || !t[sent.start..h.start].trim_end().ends_with(',') {
            return false;
        }
        self.hits_in(sent.start..h.start)
            .iter()
            .rev()
            .find(|v| v.end <= h.start && self.trigger_of(v).is_some_and(|tr| tr.form == Form::Verb))
            // With its agent named ("was attacked by the Taliban, killing two"), the participle
            // reads as before.
            .is_some_and(|v| self.is_passive(v) && self.after_by(sent, v.end).is_none())
    }

    /// "an attack claimed by al-Shabaab", "was claimed on Sunday by JNIM": a claim verb in the
    /// passive, its agent a named armed group after "by" (a date may come between).
    fn claimed_by_agent(
        &self,
        sent: &Range<usize>,
        country: Option<&str>,
        date: Option<NaiveDate>,
    ) -> Option<ActorRef> {
        let t = self.text();
        let verbs = self.hits_in(sent.clone()).iter().filter(|c| {
            matches!(c.tag, Tag::Cue(Cue::Speech(_)))
                && c.end <= sent.end
                && holds(&self.grammar().claim_verbs, &t[c.start..c.end].to_lowercase())
        });
        for c in verbs {
            let i = self.tok_index(c.end);
            let by = self.toks[i..]
                .iter()
                .take(4)
                .take_while(|k| k.end <= sent.end)
                .find(|k| t[k.start..k.end].eq_ignore_ascii_case("by"));
            let Some(by) = by else { continue };
            let Some(m) = self.mentions_in(by.end..sent.end).next() else { continue };
            if self.tokens_between(by.end, m.start) > 4 || matches!(m.who, Who::Generic { .. }) {
                continue;
            }
            let r = self.actor_ref(m, country, date)?;
            let armed_group = r
                .kind
                .as_deref()
                .is_some_and(|k| crate::actors::is_non_state_armed_kind(k) && k != "unidentified");
            return armed_group.then_some(r);
        }
        None
    }

    /// "IS claims Kabul attack": a claim verb with a violent act's noun right after it.
    fn bare_claim(&self, sent: &Range<usize>) -> Option<&Hit> {
        self.hits_in(sent.clone()).iter().find(|c| {
            matches!(c.tag, Tag::Cue(Cue::Speech(StatementKind::Other)))
                && c.start >= sent.start
                && holds(&self.grammar().claim_verbs, &self.text()[c.start..c.end].to_lowercase())
                && self.hits_in(c.end..(c.end + 48).min(sent.end)).iter().any(|t| {
                    t.start >= c.end
                        && self.tokens_between(c.end, t.start) <= 3
                        && self.trigger_of(t).is_some_and(|tr| tr.sub_event.is_some_and(is_violent))
                })
        })
    }

    /// The PLOVER type of a non-violent trigger in its modality: a refused cooperation is a
    /// REJECT, an intended one an AGREE, an intended coercion (or one under a condition) a THREATEN.
    fn modal_type(&self, h: &Hit, t: PloverType) -> PloverType {
        let cs = self.clause_start(h.start);
        let negated =
            self.cue_hits(cs..h.start, Cue::Negation).any(|c| self.tokens_between(c.end, h.start) <= 3);
        let intended = self.intended(h);
        let conditional = self.has_cue(self.sents[self.sentence_of(h.start)].clone(), Cue::Condition);
        let coercive = matches!(t, PloverType::Coerce | PloverType::Sanction | PloverType::Mobilize);
        if negated && COOPERATIVE.contains(&t) {
            PloverType::Reject
        } else if intended && (coercive || conditional && t == PloverType::Retreat) {
            PloverType::Threaten
        } else if intended && COOPERATIVE.contains(&t) {
            PloverType::Agree
        } else {
            t
        }
    }

    /// An intention before a trigger in its clause ("will", "offered to").
    fn intended(&self, h: &Hit) -> bool {
        let cs = self.clause_start(h.start);
        self.cue_hits(cs..h.start, Cue::Intent).any(|c| self.tokens_between(c.end, h.start) <= 3)
    }

    /// The subject as written, when no dictionary actor stands before the verb: the capitalised
    /// noun phrase that opens the clause ("The Asia-Pacific Economic Cooperation forum").
    fn surface_subject(&self, sent: &Range<usize>, verb: usize) -> Option<ActorRef> {
        self.capitalised_opening(sent, verb)
            .or_else(|| self.subject_words(sent, verb))
            // "It blamed the RSF": a pronoun names nobody by its words.
            .filter(|a| !holds(&self.grammar().pronouns, &a.name.to_lowercase()))
    }

    /// The run of capitalised words that opens a clause ("The Turkish and Greek sides …" →
    /// "Turkish and Greek"; "Iraqi President Saddam Hussein arrived" → all four words).
    fn capitalised_opening(&self, sent: &Range<usize>, verb: usize) -> Option<ActorRef> {
        let t = self.text();
        let cs = self.clause_start(verb).max(sent.start);
        let toks = &self.toks[self.tok_index(cs)..self.tok_index(verb)];
        let mut end = None;
        for (n, k) in toks.iter().enumerate() {
            let w = &t[k.start..k.end];
            let capital = w.chars().next().is_some_and(char::is_uppercase);
            // A title joins only between capitalised words ("Borno governor Babagana Zulum").
            let title = end.is_some()
                && holds(&self.grammar().name_titles, w)
                && toks
                    .get(n + 1)
                    .is_some_and(|k| t[k.start..k.end].chars().next().is_some_and(char::is_uppercase));
            let joiner =
                matches!(w, "and" | "of" | "the" | "'s" | "-" | "(" | ")") || (n == 0 && w == "The") || title;
            if capital && n < 10 {
                end = Some(k.end);
            } else if !joiner {
                break;
            }
        }
        let end = end?;
        let first = toks.iter().find(|k| &t[k.start..k.end] != "The")?;
        // "Hundreds of protesters", "Two alleged militants": a number opens the clause, not a name.
        if self.quantities.iter().any(|q| q.start <= first.start && first.start < q.end)
            || sitrep_text::parse_quantity(&t[first.start..first.end]).is_some()
        {
            return None;
        }
        if first.start >= end {
            return None;
        }
        let words = t[first.start..end].trim_end_matches(" and").trim_end_matches(" of").to_string();
        Some(ActorRef { name: words.clone(), text: Some(words), kind: None, country: None })
    }

    /// The object as written, when no dictionary actor follows a non-violent verb: the first
    /// place or capitalised name after it in its clause ("sent arms to Pakistan", "hosted Japanese
    /// Prime Minister Ryutaro Hashimoto"). PLOVER's target is whom an act is aimed at, and a place
    /// stands for those who hold it ("opened an embassy in Tehran").
    fn surface_object(&self, h: &Hit) -> Option<(usize, ActorRef)> {
        let t = self.text();
        let end = self.clause_end(h.end);
        let covered = |k: &sitrep_text::Token| {
            self.times.iter().any(|x| x.start <= k.start && k.end <= x.end)
                || self.quantities.iter().any(|q| q.start <= k.start && k.end <= q.end)
        };
        let capital =
            |k: &sitrep_text::Token| t[k.start..k.end].chars().next().is_some_and(char::is_uppercase);
        let toks = &self.toks[self.tok_index(h.end)..self.tok_index(end)];
        // "… in a statement on Telegram", "… told Reuters": a medium or an outlet is no target.
        let medium = |k: &sitrep_text::Token| {
            holds(&self.grammar().platforms, &t[k.start..k.end].to_lowercase())
                || self
                    .mentions_in(k.start.saturating_sub(64)..k.end + 64)
                    .any(|m| m.start <= k.start && k.end <= m.end && self.is_media(m))
        };
        let i = toks.iter().take(OBJECT_REACH).position(|k| capital(k) && !covered(k) && !medium(k))?;
        let first = &toks[i];
        if let Some(p) = self.places.iter().find(|p| p.start == first.start) {
            let object = ActorRef {
                name: p.text.clone(),
                text: Some(p.text.clone()),
                kind: None,
                country: Some(p.place.country.clone()),
            };
            return Some((first.start, object));
        }
        let mut last = first;
        for k in toks[i + 1..].iter().take(8) {
            let w = &t[k.start..k.end];
            if covered(k) || !(capital(k) || matches!(w, "of" | "'s" | "-" | ".")) {
                break;
            }
            if capital(k) {
                last = k;
            }
        }
        let words = t[first.start..last.end].to_string();
        Some((first.start, ActorRef { name: words.clone(), text: Some(words), kind: None, country: None }))
    }

    /// A mention right before a speech verb that stands before `pos` ("Police say … attack"),
    /// other than a claim of responsibility.
    fn speaks(&self, m: &Mention, pos: usize) -> bool {
        self.hits_in(m.end..m.end + 32).iter().any(|h| {
            matches!(h.tag, Tag::Cue(Cue::Speech(k)) if k != StatementKind::ClaimResponsibility)
                && h.start >= m.end
                && h.end <= pos
                && self.tokens_between(m.end, h.start) == 0
                // "IS-claimed bombing": a compound, not a speaker; "Turki al-Maliki, said" speaks.
                && self.text()[m.end..h.start].starts_with(|c: char| c.is_whitespace() || c == ',')
                // "Pakistani soldier said killed": reported dead, not speaking.
                && !self.hits_in(h.end..h.end + 24).iter().any(|k| {
                    matches!(k.tag, Tag::Cue(Cue::Killed | Cue::Injured))
                        && k.start >= h.end
                        && self.tokens_between(h.end, k.start) == 0
                        // "Pakistan claims killing of eight militants" speaks.
                        && !self.text()[k.start..k.end].ends_with("ing")
                })
        })
    }

    /// "…, officials said", "according to the ministry": who reports an act is not its target.
    fn is_attribution(&self, m: &Mention) -> bool {
        self.hits_in(m.start.saturating_sub(32)..m.end + 32).iter().any(|h| {
            matches!(h.tag, Tag::Cue(Cue::Speech(StatementKind::Other)))
                && (h.start >= m.end && self.tokens_between(m.end, h.start) == 0
                    || h.end <= m.start
                        && self.tokens_between(h.end, m.start) <= 1
                        && holds(
                            &self.grammar().attribution_openers,
                            &self.text()[h.start..h.end].to_lowercase(),
                        ))
        })
    }

    fn subject_words(&self, sent: &Range<usize>, verb: usize) -> Option<ActorRef> {
        let t = self.text();
        let cs = self.clause_start(verb).max(sent.start);
        let mut toks: Vec<&sitrep_text::Token> =
            self.toks[self.tok_index(cs)..self.tok_index(verb)].iter().filter(|k| k.end <= verb).collect();
        // "The coalition said it was investigating": the subject ends at its speech verb.
        if let Some(cut) = toks.iter().position(|k| {
            self.hits_in(k.start..k.end)
                .iter()
                .any(|h| matches!(h.tag, Tag::Cue(Cue::Speech(_))) && h.start == k.start)
        }) {
            toks.truncate(cut);
        }
        while let Some(k) = toks.last() {
            let w = t[k.start..k.end].to_lowercase();
            if holds(&self.grammar().subject_tail, &w)
                || !t[k.start..k.end].chars().any(char::is_alphanumeric)
            {
                toks.pop();
            } else {
                break;
            }
        }
        let (first, last) = (toks.first()?, toks.last()?);
        let words = &t[first.start..last.end];
        let capital = toks.iter().any(|k| t[k.start..k.end].chars().next().is_some_and(char::is_uppercase));
        if toks.len() > 8 || !capital || words.chars().any(|c| c.is_ascii_digit()) {
            return None;
        }
        if toks.len() == 1 && holds(&self.grammar().pronouns, &words.to_lowercase()) {
            return None;
        }
        // "Thousands marched peacefully in Islamabad to demand …": words holding another event's
        // verb are a clause, not the subject's name.
        if self
            .hits_in(first.start..last.end)
            .iter()
            .any(|h| matches!(h.tag, Tag::Trigger(_)) && h.start >= first.start && h.end <= last.end)
        {
            return None;
        }
        let name = words.trim_start_matches("The ").trim_start_matches("the ").to_string();
        Some(ActorRef { name, text: Some(words.to_string()), kind: None, country: None })
    }

    /// Whether a verb takes a direct object: a mention or a number right after it, with only
    /// articles, numbers or adjectives between ("killed two police officers"), not one behind a
    /// preposition or a conjunction ("killed since the group …").
    fn has_object(&self, sent: &Range<usize>, h: &Hit) -> bool {
        let next_start = self
            .mentions_in(h.end..sent.end)
            .map(|m| m.start)
            .chain(
                crate::doc::starting_in(&self.quantities, |q| q.start, &(h.end..sent.end))
                    .1
                    .iter()
                    .map(|q| q.start),
            )
            .min();
        next_start.is_some_and(|s| {
            // "3 Taliban fighters killed, 5 wounded": a comma right after the verb ends it; "Gunmen
            // kill schoolteacher, family members" has its object before the comma.
            !self.text()[h.end..s].trim_start().starts_with(',')
                && self.tokens_between(h.end, s) <= 3
                && !self.words(h.end, s).iter().any(|w| holds(&self.grammar().object_breaks, w))
        })
    }

    /// A sentence that names a violent event with a definite article ("the attack").
    fn refers_back(&self, sent: &Range<usize>) -> bool {
        let g = self.grammar();
        select(self.hits_in(sent.clone()), |h| h.end <= sent.end && matches!(h.tag, Tag::Trigger(_)))
            .iter()
            .any(|h| {
                self.trigger_of(h).is_some_and(|t| t.sub_event.is_some_and(is_violent))
                    && (self.word_before(h.start).is_some_and(|w| holds(&g.definite, &w))
                        // "Residents said they heard heavy gunfire": the act told, as perceived.
                        || self
                            .words(h.start.saturating_sub(32), h.start)
                            .iter()
                            .rev()
                            .take(3)
                            .any(|w| holds(&g.perception_verbs, w))
                        // "Gunfire and explosions could be heard until dawn".
                        || self
                            .words(h.end, sent.end.min(h.end + 48))
                            .iter()
                            .take(5)
                            .any(|w| holds(&g.perception_verbs, w)))
            })
            // "The attackers used heavy weapons and hand grenades", "The operation began with …":
            // a sentence whose subject is the act or its doers, already told.
            || {
                let w = self.words(sent.start, sent.end.min(sent.start + 40));
                w.len() >= 2 && holds(&g.definite, &w[0]) && holds(&g.act_agents, &w[1])
            }
    }

    /// Builds the candidate event of one trigger in its sentence.
    fn frame(&self, si: usize, h: &Hit) -> Option<Cand> {
        self.frame_in(si, h, self.sents[si].clone())
    }

    /// The clauses of a sentence, split where `[clauses] separators` of cues.toml stand.
    fn clauses(&self, sent: &Range<usize>) -> Vec<Range<usize>> {
        let t = &self.text()[sent.clone()];
        let cuts = separator_cuts(&self.ex.separators, t).into_iter().map(|i| sent.start + i);
        let mut out = Vec::new();
        let mut from = sent.start;
        for c in cuts {
            if c > from {
                out.push(from..c);
                from = c;
            }
        }
        out.push(from..sent.end);
        // "Two soldiers and a civilian were killed": a part with no event word is no clause of its
        // own; it joins the next part (the last joins the one before).
        let has_trigger = |r: &Range<usize>| {
            self.hits_in(r.clone())
                .iter()
                .any(|h| matches!(h.tag, Tag::Trigger(_)) && h.start >= r.start && h.end <= r.end)
        };
        let mut merged: Vec<Range<usize>> = Vec::new();
        let mut pending: Option<usize> = None;
        for r in out {
            let start = pending.take().unwrap_or(r.start);
            if has_trigger(&r) {
                merged.push(start..r.end);
            } else {
                pending = Some(start);
            }
        }
        if let Some(start) = pending {
            match merged.last_mut() {
                Some(last) => last.end = sent.end,
                None => merged.push(start..sent.end),
            }
        }
        merged
    }

    /// The civilians an act against people or their places hit, where no mention names its
    /// target: the first civilian target word after the act in its clause, or for a passive
    /// with an agent the last one before it ("Two teachers were shot by gunmen"). Only acts
    /// that ACLED codes with a victim: a clash or a protest has its own sides.
    fn civilian_target(
        &self,
        sent: &Range<usize>,
        h: &Hit,
        sub: Option<Sub>,
        agent: Option<&Mention>,
        country: Option<&str>,
        date: Option<NaiveDate>,
    ) -> Option<ActorRef> {
        if !matches!(
            sub,
            Some(
                Sub::Attack
                    | Sub::AbductionForcedDisappearance
                    | Sub::SexualViolence
                    | Sub::ShellingArtilleryMissileAttack
                    | Sub::AirDroneStrike
                    | Sub::RemoteExplosiveLandmineIed
                    | Sub::SuicideBomb
                    | Sub::Grenade
            )
        ) {
            return None;
        }
        let id = self.ex.dict.generics.iter().position(|g| g.kind == "civilians")?;
        let at = |c: &Hit| Mention {
            start: c.start,
            end: c.end,
            who: Who::Generic { id, country: None },
            anaphor: false,
        };
        // "near the village of La Pesquera": a place where it happened is no target.
        let target = |c: &&Hit| {
            agent.is_none_or(|m| !(c.start >= m.start && c.end <= m.end))
                && !self
                    .governing_word(&at(c))
                    .is_some_and(|w| holds(&self.grammar().not_target_prepositions, &w))
        };
        let ce = self.clause_end(h.end).min(sent.end);
        let cue = self.cue_hits(h.end..ce, Cue::CivilianTarget).find(target).or_else(|| {
            let cs = self.clause_start(h.start).max(sent.start);
            agent.and_then(|_| self.cue_hits(cs..h.start, Cue::CivilianTarget).filter(target).last())
        })?;
        self.actor_ref(&at(cue), country, date)
    }

    /// The frame of a trigger whose place and tolls are read in `scope` (a clause of its sentence).
    fn frame_in(&self, si: usize, h: &Hit, scope: Range<usize>) -> Option<Cand> {
        let tr = self.trigger_of(h)?;
        let sent = self.sents[si].clone();
        let trig = h.start..h.end;
        let wb = self.word_before(h.start).unwrap_or_default();
        // A clause without a place of its own ("… and abducted 15 students") happened where its
        // sentence says.
        // A clause whose only place is one measured from ("…in Zawiya, about 45 km west of
        // Tripoli, killing two") happened where its sentence says too.
        let place = self
            .place_in(&scope, &trig)
            .filter(|&i| scope == sent || !self.is_bearing_point(self.places[i].start))
            .or_else(|| if scope == sent { None } else { self.place_in(&sent, &trig) });
        let place_in_sentence = place.is_some();
        let place = place.or_else(|| self.fallback_place(si));
        let country = place.map(|i| self.places[i].place.country.clone()).or(self.country.clone());
        let country = country.as_deref();
        let date = self.date_in(&sent, &trig).or_else(|| self.live_update_day(&sent));
        let d = date.as_ref().map(|x| x.date).or(self.published);

        // An outcome word with nothing after it is passive even without "was": headlines say
        // "Taliban Official Killed in Balkh".
        let has_object = self.has_object(&sent, h);
        let bare_outcome = tr.weak && !has_object && self.word_after(h.end).is_none_or(|w| w != "by");
        // "officials killed since …": a participle right after the noun it describes.
        let reduced_relative = tr.weak
            && !has_object
            && (self.mentions_in(sent.start..h.start).any(|m| self.tokens_between(m.end, h.start) <= 1)
                || self.hits_in(h.start.saturating_sub(64)..h.start).iter().any(|c| {
                    matches!(c.tag, Tag::Cue(Cue::CivilianTarget | Cue::ArmedTarget))
                        && c.end <= h.start
                        && self.tokens_between(c.end, h.start) == 0
                }));
        // "Army officer shot dead by Taliban militants": a headline's passive has no "was".
        let by_agent = tr.form == Form::Verb
            && tr.sub_event.is_some_and(is_violent)
            && self.after_by(&sent, h.end).is_some_and(|m| self.tokens_between(h.end, m.start) <= 3)
            && !self.text()[h.start..h.end].ends_with("ing");
        let passive = tr.form == Form::Verb && self.is_passive(h)
            || bare_outcome
            || reduced_relative
            || by_agent
            || self.instrument_of_passive(&sent, h)
            || self.outcome_of_passive(&sent, h);
        let (a1, a2): (Option<&Mention>, Option<&Mention>) = if passive {
            (self.after_by(&sent, h.end), self.subject_before(&sent, h.start))
        } else {
            // "clashes between X and Y", "clashes broke out between X and Y".
            let between =
                self.words(h.end, (h.end + 32).min(sent.end)).iter().take(3).any(|w| w == "between");
            let after: Vec<&Mention> = self
                .mentions_in(h.end..sent.end)
                .filter(|m| {
                    !matches!(
                        self.governing_word(m).as_deref(),
                        Some("by" | "near" | "in" | "at" | "outside" | "inside" | "from")
                    ) && !self.is_attribution(m)
                        && !self.is_media(m)
                })
                .collect();
            let subject = self.subject_before(&sent, h.start);
            // "killed by Indian firing", "in a Russian strike": a group right before the act's
            // noun, in a phrase a preposition governs, is who acted.
            // A clash has two sides: "in NW Pakistan clash" names neither.
            let modifier = self.mentions_in(sent.start..h.start).last().filter(|m| {
                tr.sub_event != Some(Sub::ArmedClash)
                    && m.end <= h.start
                    && self.tokens_between(m.end, h.start) == 0
                    && Some(m.start) != subject.map(|s| s.start)
                    && self
                        .governing_word(m)
                        .is_some_and(|w| holds(&self.grammar().place_prepositions, &w) || w == "by")
            });
            // "Two police officers were killed in an ambush": who died in the act did not do it.
            let noun = tr.form == Form::Noun
                || modifier.is_some()
                || self.word_before(h.start).is_some_and(|w| holds(&self.grammar().determiners, &w));
            let suffered =
                noun && subject.is_some_and(|m| {
                    // The toll word leads straight to the act: "killed in an ambush", not "kill
                    // 3 police officers in a bomb attack".
                    (self
                        .cue_hits(m.end..h.start, Cue::Killed)
                        .chain(self.cue_hits(m.end..h.start, Cue::Injured)))
                    .any(|c| {
                        self.tokens_between(c.end, h.start) <= 3
                            && self
                                .mentions_in(c.end..h.start)
                                .all(|x| Some(x.start) == modifier.map(|m| m.start))
                    })
                }) || subject.is_some_and(|m| self.is_casualty_subject(m, h.start));
            if between && after.len() >= 2 {
                (Some(after[0]), Some(after[1]))
            } else if suffered {
                (modifier.or_else(|| self.after_by(&sent, h.end)), subject)
            } else if let Some(m) = modifier {
                (Some(m), after.first().copied())
            } else {
                let by = self.after_by(&sent, h.end);
                let a1 = if tr.form == Form::Noun {
                    by.or(subject)
                } else {
                    // "shelling by the regime forces on Douma": the agent right after the act.
                    subject.or(by.filter(|m| {
                        tr.sub_event.is_some_and(is_violent) && self.tokens_between(h.end, m.start) <= 3
                    }))
                };
                (a1, after.first().copied())
            }
        };
        // "A local official put the death toll at nine": who tells a toll is no victim of it.
        let told_toll = self.text()[h.start..h.end]
            .rsplit(' ')
            .next()
            .is_some_and(|w| holds(&self.ex.cues.casualties.toll_nouns, &w.to_lowercase()));
        let a2 = a2.filter(|m| !(told_toll && m.end <= h.start));
        // "The army repelled a Houthi attack": who holds off an attack was attacked.
        let (a1, a2) = match self.defence_roles(h) {
            Some(roles) if tr.sub_event.is_some_and(is_violent) => roles,
            _ => (a1, a2),
        };
        // "Pakistan accused the TTP of carrying out the attack": the accused is who the accuser
        // says acted, not the accuser.
        let (a1, a2) = match self.accused_before(&sent, h) {
            Some(m) if tr.sub_event.is_some() => (Some(m), a2.filter(|x| x.start != m.start)),
            _ => (a1, a2),
        };
        // "The army said its aircraft struck RSF positions": the possessive's owner acted, through
        // what the words between name (aircraft make an air strike).
        let owned = if a1.is_none() && tr.sub_event.is_some_and(is_violent) {
            self.owned_subject(&sent, h)
        } else {
            None
        };
        let a1 = a1.or(owned.map(|(m, _)| m)).or_else(|| {
            if tr.sub_event.is_some_and(is_violent) { self.pronoun_speaker(&sent, h) } else { None }
        });
        let from_the_air = owned.is_some_and(|(_, air)| air);
        let actor_of = |m: &Mention| {
            if tr.sub_event.is_none() {
                self.civil_actor_ref(m, country, d)
            } else {
                self.forces_of_bare_country(m, d).or_else(|| self.actor_ref(m, country, d))
            }
        };
        let mut actor1 = a1.and_then(actor_of);
        let mut actor2 = a2.filter(|m| Some(m.start) != a1.map(|x| x.start)).and_then(actor_of);
        // A non-violent act is aimed at what follows its verb, named in the dictionary or not
        // ("sent arms to Pakistan, officials said").
        if tr.sub_event.is_none()
            && !passive
            && let Some((at, object)) = self.surface_object(h)
            && a2.is_none_or(|m| m.start > at)
        {
            actor2 = Some(object);
        }
        let victims: Vec<ActorRef> = self
            .mentions_in(h.end..sent.end)
            .filter(|m| matches!(m.who, Who::Person(_)))
            .filter_map(|m| {
                let Who::Person(p) = m.who else { return None };
                Some(ActorRef {
                    name: self.ex.dict.persons[p].name.clone(),
                    text: Some(self.text()[m.start..m.end].to_string()),
                    kind: Some(self.ex.dict.persons[p].role.clone()),
                    country: self.ex.dict.persons[p].country.clone(),
                })
            })
            .collect();
        if actor2.is_none() {
            // The victims of a toll ("killing three policemen", "Four Daesh members were killed").
            let near_cue = |m: &&Mention| {
                self.hits_in(sent.clone()).iter().any(|c| {
                    matches!(c.tag, Tag::Cue(Cue::Killed | Cue::Injured))
                        // "An official put the death toll at nine": a toll's teller is no victim.
                        && !self
                            .word_after(c.end)
                            .is_some_and(|w| holds(&self.ex.cues.casualties.toll_nouns, &w))
                        && c.start >= sent.start
                        && c.end <= sent.end
                        && (self.tokens_between(m.end, c.start) <= 4 && m.end <= c.start
                            || c.end <= m.start && self.tokens_between(c.end, m.start) <= 4)
                })
            };
            actor2 = self
                .mentions_in(sent.clone())
                .filter(|m| {
                    Some(m.start) != a1.map(|x| x.start)
                        && !self.speaks(m, sent.end)
                        && !self.word_after(m.end).is_some_and(|w| holds(&self.grammar().finders, &w))
                        && self.governing_word(m).is_none_or(|w| w != "by")
                })
                .find(near_cue)
                .and_then(|m| self.actor_ref(m, country, d));
        }
        // Only violence is claimed: a denial or a visit in the claim's sentence claims nothing.
        let mut claimed_by = tr.sub_event.and_then(|_| self.claimant(&sent, country, d));
        let mut self_claim = false;
        // "Islamic State said its fighters had killed 11 Christians": an armed group that says
        // it did the violence claims it.
        if claimed_by.is_none()
            && tr.sub_event.is_some_and(is_violent)
            && let Some(m) = a1
            && matches!(m.who, Who::Actor(_))
            && actor1
                .as_ref()
                .and_then(|a| a.kind.as_deref())
                .is_some_and(|k| crate::actors::is_non_state_armed_kind(k) && k != "unidentified")
            && self
                .mentions_in(sent.start..m.start.max(h.start))
                .any(|s| s.who == m.who && self.speaks(s, h.start))
        {
            claimed_by = actor1.clone();
            self_claim = true;
        }
        // Civilians are the victims of violence, never its actor.
        if tr.sub_event.is_some_and(is_violent)
            && actor1.as_ref().and_then(|a| a.kind.as_deref()) == Some("civilians")
        {
            if actor2.is_none() {
                actor2 = actor1.take();
            } else {
                actor1 = None;
            }
        }
        if actor1.is_none() {
            actor1 = claimed_by.clone();
        }
        // "…were killed in an ambush, police said, blaming FARC dissidents": whom the report's
        // sources blame is the actor it names, where it names no other.
        if actor1.is_none()
            && tr.sub_event.is_some_and(is_violent)
            && let Some(m) = self.accused_after(&sent, h)
            && a2.is_none_or(|x| x.start != m.start)
        {
            actor1 = self.actor_ref(m, country, d);
        }
        if actor1.as_ref().zip(actor2.as_ref()).is_some_and(|(a, b)| a.name == b.name) {
            actor2 = None;
        }

        let mut sub = tr.sub_event;
        let target_armed = a2.map(|m| self.is_armed(m)).or_else(|| {
            // "A teacher was shot dead by two gunmen": a passive's agent after "by" acted; it is
            // not the target.
            let ce = self.clause_end(h.end);
            let agent = a1.filter(|_| passive).map(|m| m.start..m.end);
            let not_agent = |c: &&Hit| agent.as_ref().is_none_or(|m| !(c.start >= m.start && c.end <= m.end));
            let mut civ = self.cue_hits(h.end..ce, Cue::CivilianTarget).find(not_agent).map(|c| c.start);
            let mut arm = self.cue_hits(h.end..ce, Cue::ArmedTarget).find(not_agent).map(|c| c.start);
            // Else its subject names the target: "Dozens of fighters killed by Turkish forces".
            if agent.is_some() && civ.is_none() && arm.is_none() {
                let cs = self.clause_start(h.start);
                civ = self.cue_hits(cs..h.start, Cue::CivilianTarget).last().map(|c| c.start);
                arm = self.cue_hits(cs..h.start, Cue::ArmedTarget).last().map(|c| c.start);
            }
            match (civ, arm) {
                (Some(c), Some(a)) => Some(a < c),
                (None, Some(_)) => Some(true),
                (Some(_), None) => Some(false),
                _ => None,
            }
        });
        let target_civilian = a2.map(|m| self.is_civilian(m)).unwrap_or(target_armed == Some(false));
        if target_armed == Some(true)
            && let Some(s) = tr.armed_target
        {
            sub = Some(s);
        }
        if target_civilian && let Some(s) = tr.civilian_target {
            sub = Some(s);
        }
        if tr.territory {
            let takes_place = self.places.iter().any(|p| {
                    p.start >= h.end && p.start <= sent.end && self.tokens_between(h.end, p.start) <= 6
                }) || matches!(self.word_after(h.end).as_deref(), Some("of" | "over"))
                // "captured a military outpost near …": a position held is a place taken.
                || self
                    .words(h.end, (h.end + 48).min(sent.end))
                    .iter()
                    .take(4)
                    .any(|w| holds(&self.grammar().held_places, w));
            // "captured three militants" is an arrest; "advanced" with no place named is a battle.
            let takes_person =
                self.mentions_in(h.end..sent.end).any(|m| self.tokens_between(h.end, m.start) <= 2)
                    && !takes_place;
            sub = if takes_person {
                Some(Sub::Arrests)
            } else if !takes_place {
                Some(Sub::ArmedClash)
            } else if actor1
                .as_ref()
                .and_then(|a| a.kind.as_deref())
                .is_some_and(|k| k == "state_forces" || k == "police")
            {
                Some(Sub::GovernmentRegainsTerritory)
            } else {
                Some(Sub::NonStateActorOvertakesTerritory)
            };
        }
        // "Security forces fired tear gas at protesters": force against a protest is how ACLED
        // codes the protest, not an attack.
        if matches!(sub, Some(Sub::Attack | Sub::ArmedClash))
            && (a2.is_some_and(|m| self.is_protesters(m))
                || self
                    .words(h.end, self.clause_end(h.end))
                    .iter()
                    .any(|w| w == "protesters" || w == "demonstrators"))
            && (self.has_cue(sent.clone(), Cue::ProtestIntervention)
                || self.has_cue(sent.clone(), Cue::ProtestExcessive))
        {
            sub = Some(Sub::ProtestWithIntervention);
        }
        if matches!(
            sub,
            Some(Sub::PeacefulProtest | Sub::ViolentDemonstration | Sub::ProtestWithIntervention)
        ) {
            if self.has_cue(sent.clone(), Cue::ProtestExcessive) {
                sub = Some(Sub::ExcessiveForceAgainstProtesters);
            } else if sub == Some(Sub::PeacefulProtest)
                && self.has_cue(sent.clone(), Cue::ProtestIntervention)
            {
                sub = Some(Sub::ProtestWithIntervention);
            }
        }

        // "Regime helicopters bombed the town": what aircraft drop is an air strike, and what
        // "its aircraft struck" too.
        if sub == Some(Sub::RemoteExplosiveLandmineIed)
            && a1.is_some_and(|m| {
                m.start >= scope.start
                    && self.words(m.start, m.end).iter().any(|w| holds(&self.ex.cues.aircraft.words, w))
            })
            || from_the_air
                && matches!(sub, Some(Sub::RemoteExplosiveLandmineIed | Sub::Attack | Sub::ArmedClash))
        {
            sub = Some(Sub::AirDroneStrike);
        }
        // "Gunmen attacked the village", "a missile hit a school": a civilian target that no
        // actor of the dictionary names is the civilians of the event's country.
        if actor2.is_none() && a2.is_none() && target_armed == Some(false) {
            actor2 = self.civilian_target(&sent, h, sub, passive.then_some(a1).flatten(), country, d);
        }
        let (fatalities, injured) =
            if sub.is_some() { self.casualties(scope.clone()) } else { (Count::UNKNOWN, Count::UNKNOWN) };
        let old = date
            .as_ref()
            .zip(self.published)
            .is_some_and(|(x, p)| x.end.unwrap_or(x.date) + Days::new(45) < p)
            // "at war since June 2021, when fighting broke out": the act told is at the start
            // of the period.
            || date.as_ref().zip(self.published).is_some_and(|(d, p)| {
                d.source == DateSource::Text
                    && d.date + Days::new(45) < p
                    && crate::doc::starting_in(&self.times, |x| x.start, &sent).1.iter().any(|x| {
                        x.end <= sent.end && x.date == d.date && x.date_end == d.end && self.is_since(x)
                    })
            });
        // An old date makes a violent event background; a non-violent one's date is often a
        // deadline or a reference ("postpone until 9 November"), so only cue words count there.
        // "the third attack on the army this month", "the second such attack": a count of acts.
        // Only after "was the"/"is the": "A third attack targets the SDF" and "carries out the 5th
        // stoning" tell a new act.
        let counted = {
            let i = self.tok_index(h.start);
            let w = |back: usize| {
                (i >= back)
                    .then(|| self.text()[self.toks[i - back].start..self.toks[i - back].end].to_lowercase())
            };
            let at = if w(1).as_deref() == Some("such") { 2 } else { 1 };
            w(at).is_some_and(|x| holds(&self.grammar().ordinals, &x))
                && w(at + 1).as_deref() == Some("the")
                && w(at + 2).is_some_and(|x| holds(&self.grammar().passive, &x))
        };
        // "have carried out dozens of attacks on police this year": a number of acts is a count.
        let many = self.text()[h.start..h.end].ends_with('s')
            && crate::doc::starting_in(&self.quantities, |q| q.start, &(h.start.saturating_sub(40)..h.start))
                .1
                .iter()
                .any(|q| q.end <= h.start && self.words(q.end, h.start).iter().all(|w| w == "of"));
        let aggregate = counted
            || tr.weak && self.counts_a_period(h, false) && !self.names_another_act(&sent, h)
            // "The RSF has besieged El Fasher, the last major city in Darfur …, since May";
            // "Since January, ADF attacks have killed more than 500": acts counted over months.
            || sub.is_some_and(is_violent)
                && self.word_before(h.start).is_some_and(|w| holds(&self.grammar().perfect_auxiliaries, &w))
                && self.counts_a_period(h, true)
            // "repeated massacres since 2021, when …", "revenge attacks since 2020": acts since a
            // time more than a week ago, named right after the act.
            || sub.is_some_and(is_violent)
                && crate::doc::starting_in(&self.times, |x| x.start, &(h.end..self.sents[si].end))
                    .1
                    .iter()
                    .any(|x| {
                        self.tokens_between(h.end, x.start) <= 1
                            && self.is_since(x)
                            && self.published.is_some_and(|p| (p - x.date).num_days() > 7)
                    })
            || sub.is_some_and(is_violent)
                && self.text()[h.start..h.end].ends_with('s')
                && self.counts_a_period(h, false)
                && self.tokens_between(self.sents[si].start, h.start) > 0
                && crate::doc::starting_in(&self.times, |x| x.start, &(self.sents[si].start..h.start))
                    .1
                    .iter()
                    .any(|x| self.is_since(x))
            // "The insurgency has killed more than 35,000 people (since 2009)", "More than 600
            // have been killed since then": a toll in the perfect over a long period, or with no
            // time at all and no act named, is a running total.
            || sub.is_some_and(is_violent) && si > 0 && {
                let perfect = self
                    .hits_in(sent.clone())
                    .iter()
                    .any(|c| c.tag == Tag::Cue(Cue::Killed) && c.start >= sent.start && c.end <= sent.end && self.is_perfect(c.start));
                let timeless = crate::doc::starting_in(&self.times, |x| x.start, &sent).1.iter().all(|x| x.start >= sent.end);
                perfect
                    && (self.since_long_ago(&sent)
                        || timeless && tr.weak && !self.names_another_act(&sent, h))
            }
            // "Bandits frequently attack travellers", "has repeatedly targeted": a habit, told
            // after the report's first sentence (which tells its news: "19 killed as US steps up
            // drone strikes") and with no toll of its own.
            || sub.is_some_and(is_violent)
                && si > 0
                && fatalities.is_unknown()
                && injured.is_unknown()
                && self.is_habit(h)
            // "has been fighting the army for more than ten years", "has been besieged since
            // 2019", "has been at war since June 2021": a state over a long period.
            || sub.is_some_and(is_violent)
                && self.perfect_state(h.start)
                && (self.since_long_ago(&scope) || self.for_a_long_period(&scope));
        // "In the past week, troops neutralised 58 terrorists"; "Since the start of the year, 11
        // attacks were recorded": acts over a span.
        // The span is the act's clause's, or opens the sentence ("raises the toll to 349 since
        // April" counts the toll, not the four explosions told before it).
        let aggregate = aggregate
            || sub.is_some_and(is_violent) && {
                // "… raise the number killed to 390 since December": what follows a total's verb
                // is the total's.
                // The cheap test first: a unit of a span or a number of acts in the sentence.
                (many || self.spans_a_period(&sent)) && {
                    let ce = self.clause_end(h.end);
                    let ce = (self.tok_index(h.end)..self.tok_index(ce).min(self.toks.len()))
                        .find(|&k| {
                            let w = &self.text()[self.toks[k].start..self.toks[k].end];
                            self.ex.cues.casualties.running_total.iter().any(|x| w.eq_ignore_ascii_case(x))
                        })
                        .map_or(ce, |k| self.toks[k].start);
                    let clause = self.clause_start(h.start)..ce;
                    let s0 = self.tok_index(sent.start);
                    let opening = sent.start..self.toks.get(s0 + 6).map_or(sent.end, |t| t.end.min(sent.end));
                    self.spans_a_period(&clause)
                        || self.spans_a_period(&opening)
                        || many && (self.since_long_ago(&clause) || self.since_long_ago(&opening))
                }
            };
        // "had killed six insurgents on Sunday": a day named (not "since" one) tells one act.
        let aggregate = aggregate
            && !crate::doc::starting_in(&self.times, |x| x.start, &sent).1.iter().any(|x| {
                x.end <= sent.end
                    && x.precision == DatePrecision::Day
                    && x.date_end.is_none()
                    && !self.is_since(x)
            });
        let background = aggregate
            || old && sub.is_some()
            || self
                .cue_hits(self.clause_start(h.start)..h.start, Cue::Background)
                .any(|c| self.tokens_between(c.end, h.start) <= 8)
            // After the first sentence: "In August, militants killed 100 people", "Last week, a
            // drone struck …" tell of an earlier time.
            || sub.is_some_and(is_violent) && self.told_as_past(si, date.as_ref());
        let violent = tr.sub_event.is_some_and(is_violent);
        let cs = self.clause_start(h.start);
        // "JNIM claimed the Djibo attack", "later claimed responsibility for the killings": the
        // act claimed is one the report tells.
        let claimed_act = violent
            && self.hits_in(sent.start..h.start).iter().any(|c| {
                c.start >= sent.start
                    && c.end <= h.start
                    && (c.start >= cs && self.tokens_between(c.end, h.start) <= 4
                        || c.tag == Tag::Cue(Cue::Claim)
                            && self.tokens_between(c.end, h.start) <= 10
                            && self
                                .words(c.end, h.start)
                                .iter()
                                .any(|w| holds(&self.grammar().claim_carriers, w)))
                    && (c.tag == Tag::Cue(Cue::Claim)
                        || matches!(c.tag, Tag::Cue(Cue::Speech(_)))
                            && holds(
                                &self.grammar().claim_verbs,
                                &self.text()[c.start..c.end].to_lowercase(),
                            ))
            });
        // "condemned the attack", "accused the RSF of deliberately targeting civilians": what a
        // reaction is about.
        let reaction = violent
            && self.hits_in(sent.start..h.start).iter().any(|c| {
                matches!(
                    c.tag,
                    Tag::Cue(Cue::Speech(
                        StatementKind::Condemn
                            | StatementKind::Deny
                            | StatementKind::Accuse
                            | StatementKind::Reject
                    ))
                ) && c.start >= sent.start
                    && c.end <= h.start
                    && self.tokens_between(c.end, h.start) <= 6
                    && !holds(
                        &self.grammar().accusing_adjectives,
                        &self.text()[c.start..c.end].to_lowercase(),
                    )
            });
        let refers_back = holds(&self.grammar().definite, &wb) || self.refers_back(&sent);
        // "A school and a garage were hit.": what the act just told hit, with no doer, place or
        // time of its own.
        let detail = si > 0
            && violent
            && !tr.weak
            && tr.form == Form::Verb
            && self.is_passive(h)
            && actor1.is_none()
            && !place_in_sentence
            && crate::doc::starting_in(&self.times, |x| x.start, &sent).1.iter().all(|x| x.start >= sent.end);
        let speech_in_sentence = self.has_speech(&sent);
        // "The death toll from the market attack rose to 20 on Monday": a toll's update retells
        // the act, on the day of the update.
        let toll_update = violent && {
            // A total's noun tied to an act ("toll from", "toll of") within six words before it.
            let cas = &self.ex.cues.casualties;
            let word = |j: usize| &self.text()[self.toks[j].start..self.toks[j].end];
            let k = self.tok_index(h.start);
            (k.saturating_sub(7).max(self.tok_index(self.clause_start(h.start)))..k).any(|j| {
                cas.toll_nouns.iter().any(|n| word(j).eq_ignore_ascii_case(n))
                    && j + 1 < k
                    && cas
                        .toll_of_act
                        .iter()
                        .chain(&cas.toll_of_act_if_named)
                        .any(|x| word(j + 1).eq_ignore_ascii_case(x))
            })
        };
        let retells = if claimed_act {
            Some(Retell::Claim)
        } else if reaction {
            Some(Retell::Reaction)
        } else if toll_update || refers_back && violent && speech_in_sentence {
            Some(Retell::Account)
        } else {
            None
        };
        let partisan = self_claim
            || self.hits_in(sent.clone()).iter().any(|c| {
                matches!(
                    c.tag,
                    Tag::Cue(Cue::Speech(StatementKind::ClaimResponsibility | StatementKind::Deny))
                ) && c.start >= sent.start
                    && c.end <= sent.end
            });
        Some(Cand {
            sent: si,
            trig,
            trigger: match h.tag {
                Tag::Trigger(i) => i,
                _ => 0,
            },
            sub,
            plover: tr.plover,
            mode: tr.mode,
            weak: tr.weak,
            // "Troops repelled the attack": a sentence that points back at an event is about it.
            anaphoric: refers_back || detail,
            separate: holds(&self.grammar().separate, &wb) || self.opens_apart(&sent),
            actor1,
            actor2,
            claimed_by,
            victims,
            place,
            place_in_sentence,
            date,
            fatalities,
            injured,
            background,
            aggregate,
            evidence: vec![sent],
            priority: tr.priority,
            anaphoric_actor: a1.is_some_and(|m| m.anaphor) || a2.is_some_and(|m| m.anaphor),
            generic_actor1: a1.is_some_and(|m| matches!(m.who, Who::Generic { .. })),
            many,
            partisan,
            retells,
        })
    }

    /// Whether place `k` only qualifies a place beside it: the container after "of"/"in"
    /// ("Eastern Ghouta of Damascus") or a name before the head ("Damascus Ghouta").
    fn qualifies_place(&self, k: usize, p: &PlaceMatch) -> bool {
        let t = self.text();
        let before = k.checked_sub(1).map(|j| &self.places[j]).filter(|q| {
            q.end <= p.start
                && q.place.precision != GeoPrecision::Country
                && holds(&self.grammar().qualifier_links, &t[q.end..p.start].trim().to_lowercase())
        });
        let after = self.places.get(k + 1).filter(|q| p.end < q.start && &t[p.end..q.start] == " ");
        before.is_some() || after.is_some()
    }

    /// The places listed with place `i` in `sent`, joined to it only by commas and "and"
    /// ("Idlib, Hama and Latakia"), in text order, without `i` itself.
    fn listed_with(&self, i: usize, sent: &Range<usize>) -> Vec<usize> {
        let t = self.text();
        let joined = |a: usize, b: usize| {
            let (pa, pb) = (&self.places[a], &self.places[b]);
            if pb.start < pa.end || pb.end > sent.end || pa.start < sent.start {
                return false;
            }
            let gap = &t[pa.end..pb.start];
            let words: Vec<&str> =
                gap.split(|c: char| c == ',' || c.is_whitespace()).filter(|w| !w.is_empty()).collect();
            (gap.contains(',') || words.iter().any(|w| holds(&self.grammar().list_conjunctions, w)))
                && words.iter().all(|w| holds(&self.grammar().list_joiners, &w.to_lowercase()))
        };
        let mut out = Vec::new();
        let mut k = i;
        while k > 0 && joined(k - 1, k) {
            k -= 1;
            out.push(k);
        }
        out.reverse();
        // "between Mosul and Erbil" names a route: the event is at neither end alone.
        let first = out.first().copied().unwrap_or(i);
        if self.word_before(self.places[first].start).is_some_and(|w| holds(&self.grammar().route_words, &w))
        {
            return Vec::new();
        }
        let mut k = i;
        while k + 1 < self.places.len() && joined(k, k + 1) {
            k += 1;
            out.push(k);
        }
        out
    }

    /// The violent (or strategic) events of one sentence: the strongest trigger of each clause,
    /// clauses in one place merged, clauses in different provinces kept apart ("raids on Aleppo
    /// and shelling of Idlib" are two events).
    fn sentence_events(&self, si: usize, here: &[&Hit]) -> Vec<Cand> {
        let mut per_clause: Vec<Cand> = Vec::new();
        for clause in self.clauses(&self.sents[si]) {
            // Violence first, then strength, then the lexicon's priority: "police arrested three
            // after a man was killed" reports the killing.
            let primary = here
                .iter()
                .copied()
                .filter(|h| h.start >= clause.start && h.end <= clause.end)
                .filter(|h| self.trigger_of(h).is_some_and(|t| t.sub_event.is_some()))
                .max_by_key(|h| {
                    let t = self.trigger_of(h);
                    let violent = t.and_then(|t| t.sub_event).is_some_and(|s| {
                        !matches!(s.event_type(), sitrep_model::AcledEventType::StrategicDevelopments)
                    });
                    (violent, t.is_some_and(|t| !t.weak), t.map(|t| t.priority), std::cmp::Reverse(h.start))
                });
            // "Police arrested five suspects in a raid": a raid that only frames arrests is the arrest.
            let arrest = here.iter().copied().find(|a| {
                a.start >= clause.start
                    && a.end <= clause.end
                    && self.trigger_of(a).and_then(|t| t.sub_event) == Some(Sub::Arrests)
            });
            let primary = match (primary, arrest) {
                (Some(h), Some(a))
                    if self.trigger_of(h).is_some_and(|t| t.enforcement) && {
                        let (killed, injured) = self.casualties(clause.clone());
                        killed.is_unknown() && injured.is_unknown()
                    } =>
                {
                    Some(a)
                }
                (p, _) => p,
            };
            if let Some(h) = primary
                && let Some(c) = self.frame_in(si, h, clause.clone())
            {
                per_clause.push(c);
            }
        }
        let area = |c: &Cand| {
            c.place.filter(|_| c.place_in_sentence).map(|i| {
                let p = &self.places[i].place;
                (p.country.clone(), p.admin1.clone())
            })
        };
        // "Bombardment targets Idlib, Hama and Latakia": one event per province of the list, as
        // ACLED codes one event per location. The toll stays with the first: it is not known how
        // it divides, and copying it would count it twice.
        let mut listed: Vec<Cand> = Vec::new();
        for c in &per_clause {
            let Some(i) = c.place.filter(|_| c.place_in_sentence) else { continue };
            let mut seen = vec![area(c)];
            for k in self.listed_with(i, &self.sents[si]) {
                let p = &self.places[k].place;
                if p.precision == GeoPrecision::Country || p.admin1.is_none() {
                    continue;
                }
                let a = Some((p.country.clone(), p.admin1.clone()));
                if seen.contains(&a) {
                    continue;
                }
                seen.push(a);
                let mut copy = c.clone();
                copy.place = Some(k);
                copy.fatalities = Count::UNKNOWN;
                copy.injured = Count::UNKNOWN;
                listed.push(copy);
            }
        }
        per_clause.extend(listed);
        // Clauses with a place of their own found the groups; the others join the group before them.
        let apart = |g: &Cand, c: &Cand| {
            c.background && !g.background || g.background && !c.background && c.actor1.is_some()
        };
        let mut groups: Vec<Cand> = Vec::new();
        let mut placeless: Vec<(usize, Cand)> = Vec::new();
        for c in per_clause {
            let a = area(&c);
            match a {
                // An earlier act told beside the news ("Two months after the raid, troops killed
                // 20 bandits") and the news stay apart, as across sentences (`compatible`); an
                // outcome of the earlier act with no doer of its own ("… the September 11 attacks,
                // … the 3,000 people who died") still joins that act.
                Some(a) => match groups.iter_mut().find(|g| {
                    !apart(g, &c)
                        && (area(g).as_ref() == Some(&a)
                            || area(g).is_some_and(|(gc, g1)| gc == a.0 && (g1.is_none() || a.1.is_none())))
                }) {
                    Some(g) => merge_clause_into(self, g, c),
                    None => groups.push(c),
                },
                None => placeless.push((groups.len(), c)),
            }
        }
        for (before, c) in placeless {
            if groups.is_empty() {
                groups.push(c);
            } else {
                let i = before.saturating_sub(1).min(groups.len() - 1);
                if apart(&groups[i], &c) {
                    groups.push(c);
                } else {
                    merge_clause_into(self, &mut groups[i], c);
                }
            }
        }
        // An outcome word alone ("casualties") is an event only with a toll or a place.
        groups.retain(|c| {
            !c.weak || c.place_in_sentence || !c.fatalities.is_unknown() || !c.injured.is_unknown()
        });
        // ACLED codes an abduction "without reports of further violence": one that kills
        // ("killed 12 farmers and abducted four women") is an attack.
        for c in &mut groups {
            if c.sub == Some(Sub::AbductionForcedDisappearance) && c.fatalities.min.is_some_and(|n| n > 0) {
                c.sub = Some(Sub::Attack);
            }
        }
        groups
    }

    /// The actor an accusation names right before a violent trigger of its sentence ("accused the
    /// TTP of carrying out the attack", "blamed Hamas for the bombing").
    fn accused_before(&self, sent: &Range<usize>, h: &Hit) -> Option<&Mention> {
        let accuse = self.hits_in(sent.clone()).iter().rev().find(|c| {
            matches!(c.tag, Tag::Cue(Cue::Speech(StatementKind::Accuse)))
                && c.start >= sent.start
                && c.end <= h.start
                && self.tokens_between(c.end, h.start) <= 8
        })?;
        self.mentions_in(accuse.end..h.start).find(|m| {
            self.tokens_between(accuse.end, m.start) <= 2
                && self.word_after(m.end).is_some_and(|w| holds(&self.grammar().accusation_links, &w))
        })
    }

    /// "its aircraft struck", "their fighters stormed": the owner of a possessive right before a
    /// trigger (the last actor named before it in the sentence, a speaker too), and whether the
    /// words owned are aircraft.
    fn owned_subject(&self, sent: &Range<usize>, h: &Hit) -> Option<(&Mention, bool)> {
        let i = self.tok_index(h.start);
        let t = self.text();
        let p = (i.saturating_sub(3)..i).find(|&j| {
            self.toks[j].start >= sent.start
                && holds(&self.grammar().possessives, &t[self.toks[j].start..self.toks[j].end].to_lowercase())
        })?;
        let at = self.toks[p].start;
        let owner = self.mentions_in(sent.start..at).rfind(|m| m.end <= at)?;
        let air =
            self.words(self.toks[p].end, h.start).iter().any(|w| holds(&self.ex.cues.aircraft.words, w));
        Some((owner, air))
    }

    /// The actor an accusation after a violent trigger names ("…, police said, blaming dissidents
    /// of the FARC"; "…, and officials blamed the Taliban").
    fn accused_after(&self, sent: &Range<usize>, h: &Hit) -> Option<&Mention> {
        let accuse = self.hits_in(h.end..sent.end).iter().find(|c| {
            matches!(c.tag, Tag::Cue(Cue::Speech(StatementKind::Accuse)))
                && c.start >= h.end
                && c.end <= sent.end
                // "the alleged attackers": an adjective accuses nobody.
                && !holds(&self.grammar().accusing_adjectives, &self.text()[c.start..c.end].to_lowercase())
        })?;
        let m = self
            .mentions_in(accuse.end..sent.end)
            .find(|m| m.end <= sent.end && self.tokens_between(accuse.end, m.start) <= 4)?;
        // "accused the group of using civilian buildings as cover": of another deed.
        let after = self.words(m.end, (m.end + 40).min(sent.end));
        let of_deed =
            after.first().is_some_and(|w| w == "of") && after.get(1).is_some_and(|w| w.ends_with("ing"));
        (!of_deed).then_some(m)
    }

    /// "The army said it had struck …": "it" or "they" right after a speech verb is the speaker.
    fn pronoun_speaker(&self, sent: &Range<usize>, h: &Hit) -> Option<&Mention> {
        let i = self.tok_index(h.start);
        let t = self.text();
        let p = (i.saturating_sub(5)..i).find(|&j| {
            self.toks[j].start >= sent.start
                && holds(
                    &self.grammar().plural_or_thing_pronouns,
                    &t[self.toks[j].start..self.toks[j].end].to_lowercase(),
                )
        })?;
        let at = self.toks[p].start;
        // Nobody else between the pronoun and the act ("it had struck", "it carried out the attack").
        if self.mentions_in(self.toks[p].end..h.start).next().is_some() {
            return None;
        }
        let speech = self.hits_in(sent.start..at).iter().rev().find(|c| {
            matches!(c.tag, Tag::Cue(Cue::Speech(_))) && c.end <= at && self.tokens_between(c.end, at) <= 3
        })?;
        self.mentions_in(sent.start..speech.start).rfind(|m| self.speaks(m, at))
    }

    /// A live blog's update ("14:05 GMT - Israeli strike kills five", then its paragraph) tells
    /// of the day it was published: the clock time opening the sentence's line or the line before.
    fn live_update_day(&self, sent: &Range<usize>) -> Option<DateFix> {
        let p = self.published?;
        let t = self.text();
        let line_start = t[..sent.start].rfind('\n').map_or(0, |i| i + 1);
        let prev_start = t[..line_start.saturating_sub(1)].trim_end().rfind('\n').map_or(0, |i| i + 1);
        let stamped = |from: usize| {
            let l = t[from..].trim_start();
            let digits = l.bytes().take_while(u8::is_ascii_digit).count();
            let rest = &l[digits..];
            (1..=2).contains(&digits)
                && rest.starts_with(':')
                && rest[1..].bytes().take_while(u8::is_ascii_digit).count() == 2
                && rest[3..]
                    .trim_start()
                    .split(|c: char| !c.is_alphabetic())
                    .next()
                    .is_some_and(|z| holds(&self.grammar().clock_zones, &z.to_lowercase()))
        };
        (stamped(line_start) || line_start > 0 && stamped(prev_start)).then_some(DateFix {
            date: p,
            end: None,
            precision: DatePrecision::Day,
            source: DateSource::Context,
        })
    }

    /// "the next day": how many days after the day of the sentence before this one tells of,
    /// where the sentence has no date of its own.
    fn relative_day(&self, s: &Range<usize>) -> Option<i64> {
        if crate::doc::starting_in(&self.times, |x| x.start, s).1.iter().any(|x| x.end <= s.end) {
            return None;
        }
        self.hits_in(s.clone()).iter().find_map(|h| match h.tag {
            Tag::Cue(Cue::RelativeDay(d)) if h.start >= s.start && h.end <= s.end => Some(i64::from(d)),
            _ => None,
        })
    }

    /// The candidate events of the document, before merging: the violent event of each
    /// sentence, and one PLOVER-only event per non-violent type in it.
    pub fn candidates(&self, skip: &HashSet<usize>) -> (Vec<Cand>, Vec<Cand>) {
        // "Amnesty International": a word inside an actor's name tells no act. One that ends it
        // does ("Russian warplanes").
        let triggers = select(&self.hits, |h| {
            matches!(h.tag, Tag::Trigger(_))
                && !self.is_literal(h)
                && !self.is_attributive(h)
                && !self
                    .mentions_in(h.start.saturating_sub(64)..h.end + 64)
                    .any(|m| matches!(m.who, Who::Actor(_)) && m.start <= h.start && h.end < m.end)
        });
        let mut acled = Vec::new();
        let mut plover = Vec::new();
        // The last day a sentence named, for "the next day", "the same day" after it.
        let mut last_day: Option<NaiveDate> = None;
        for si in 0..self.sents.len() {
            let s = &self.sents[si];
            let all: Vec<&Hit> =
                triggers.iter().copied().filter(|h| h.start >= s.start && h.end <= s.end).collect();
            let here: Vec<&Hit> = if !all.is_empty() && self.sentence_out_of_domain(s) {
                Vec::new()
            } else {
                all.iter().copied().filter(|h| !self.is_irrealis(h)).collect()
            };
            if !skip.contains(&si) {
                let mut events = self.sentence_events(si, &here);
                if let Some(day) = last_day
                    && let Some(offset) = self.relative_day(s)
                {
                    for c in events
                        .iter_mut()
                        .filter(|c| c.date.as_ref().is_none_or(|x| x.source != DateSource::Text))
                    {
                        c.date = Some(DateFix {
                            date: day + chrono::Duration::days(offset),
                            end: None,
                            precision: DatePrecision::Day,
                            source: DateSource::Context,
                        });
                    }
                }
                // The day this sentence's events were dated to, for a "next day" after it.
                if let Some(x) = events
                    .iter()
                    .filter_map(|c| c.date.as_ref())
                    .find(|x| x.precision == DatePrecision::Day && x.end.is_none())
                {
                    last_day = Some(x.date);
                }
                acled.extend(events);
            }
            // Non-violent events keep their modality: "will support", "offered to send" are an
            // intent to cooperate, which PLOVER codes AGREE.
            let mut seen = HashSet::new();
            for h in &all {
                let Some(t) = self.trigger_of(h) else { continue };
                if t.sub_event.is_some() {
                    continue;
                }
                let kind = self.modal_type(h, t.plover);
                if !seen.insert(kind) {
                    continue;
                }
                if let Some(mut c) = self.frame(si, h) {
                    if kind != c.plover {
                        c.plover = kind;
                        c.mode = None;
                    }
                    if c.actor1.is_none() {
                        c.actor1 = self.surface_subject(s, h.start);
                    }
                    plover.push(c);
                }
            }
        }
        (acled, plover)
    }
}

/// Where the clause separators stand in `t`, sorted: each separator's occurrences without
/// overlap (" and and " is one cut), as one `match_indices` per separator would find them.
fn separator_cuts(separators: &aho_corasick::AhoCorasick, t: &str) -> Vec<usize> {
    let mut cuts: Vec<usize> = Vec::new();
    // The overlapping search reports each pattern's matches in order.
    let mut next_free = vec![0usize; separators.patterns_len()];
    for m in separators.find_overlapping_iter(t) {
        let p = m.pattern().as_usize();
        if m.start() >= next_free[p] {
            cuts.push(m.start());
            next_free[p] = m.end();
        }
    }
    cuts.sort_unstable();
    cuts
}

/// Whether two candidates can tell the same event.
fn compatible(doc: &Doc, a: &Cand, b: &Cand) -> bool {
    // A headline sums up the report ("TROOPS NEUTRALISE TERRORISTS IN BORNO, KADUNA"): the body
    // tells its acts, each in some place of the province the headline names.
    let a_headline = || a.evidence.iter().all(|r| doc.is_headline(doc.sentence_of(r.start)));
    // "In a separate operation, …": distinct from the acts told before it, not from a headline.
    if b.separate && !a_headline() {
        return false;
    }
    // "The conflict has killed more than 6,000 people since 2017": a running total told after an
    // event is not part of it (its dead are not the event's).
    if b.background && !a.background {
        return false;
    }
    let types = a.sub == b.sub
        || a.weak
        || b.weak
        || b.anaphoric && a.sub.map(|s| s.event_type()) == b.sub.map(|s| s.event_type())
        || b.anaphoric && matches!(b.sub, Some(Sub::Attack | Sub::RemoteExplosiveLandmineIed))
        // "…denied that civilians had been targeted and said the strike hit 'terrorists'": a side's
        // own account of the act just told.
        || b.anaphoric && b.partisan && a.sub.is_some_and(is_violent) && b.sub.is_some_and(is_violent)
        // "… raided a hideout. Weapons and explosives were seized.": the seizure is part of the raid.
        || b.sub == Some(Sub::DisruptedWeaponsUse) && a.sub.is_some_and(is_violent)
        // "… attacked a police post. The attackers used hand grenades.": how the act told was done.
        || b.anaphoric
            && b.fatalities.is_unknown()
            && b.injured.is_unknown()
            && a.sub.is_some_and(is_violent)
            && b.sub.is_some_and(is_violent)
        // "… attacked a rally. Witnesses said about 200 men armed with crude bombs attacked the
        // gathering …": a sentence right after an act that names no time, place or toll of its
        // own tells how that act went.
        || b.date.is_none()
            && !b.place_in_sentence
            && b.fatalities.is_unknown()
            && b.injured.is_unknown()
            && a.sub.is_some_and(is_violent)
            && b.sub.is_some_and(is_violent)
            && b.sent <= last_sentence(doc, a) + 2
        // A claim of, a reaction to or an account of violence told is about that violence; a
        // headline names the act its lead tells in other words ("Air strike kills seven" and "a
        // jet bombed a village").
        || (b.retells.is_some() || a_headline()) && a.sub.is_some_and(is_violent) && b.sub.is_some_and(is_violent);
    if !types {
        return false;
    }
    let places = match (a.place, b.place) {
        (Some(x), Some(y)) if a.place_in_sentence && b.place_in_sentence => {
            let (p, q) = (&doc.places[x].place, &doc.places[y].place);
            p.geonameid == q.geonameid
                || p.country == q.country
                    && (p.precision == GeoPrecision::Country
                        || q.precision == GeoPrecision::Country
                        || p.admin1 == q.admin1
                            && (rank(p.precision) <= 1
                                || rank(q.precision) <= 1
                                || a_headline()
                                // "Narathiwat" (the town or the province?) and "Rangae district"
                                // of Narathiwat province.
                                || names_its_province(p)
                                || names_its_province(q)))
        }
        _ => true,
    };
    // "President Petro condemned the attack, saying it undermined peace talks being held in
    // Caracas": a later sentence's place abroad that is not the act's does not set "the attack"
    // apart. (Within a sentence, "… and the clashes near Talbiseh" are a second act.)
    let places = places
        || b.anaphoric
            && b.sent > a.sent
            && b.fatalities.is_unknown()
            && b.injured.is_unknown()
            && a.place.zip(b.place).is_some_and(|(x, y)| {
                let (p, q) = (&doc.places[x], &doc.places[y]);
                p.place.country != q.place.country
                    && (q.end <= b.trig.start || doc.tokens_between(b.trig.end, q.start) > 3)
            });
    // "In Khartoum, the government accused the RSF of …": a reaction without figures of its own
    // may be said anywhere in the act's country.
    let places = places
        || b.retells == Some(Retell::Reaction)
            && b.fatalities.is_unknown()
            && b.injured.is_unknown()
            && a.place
                .zip(b.place)
                .is_some_and(|(x, y)| doc.places[x].place.country == doc.places[y].place.country);
    let dates = match (&a.date, &b.date) {
        (Some(x), Some(y)) => {
            let (xa, xb) = (x.date, x.end.unwrap_or(x.date));
            let (ya, yb) = (y.date, y.end.unwrap_or(y.date));
            xa <= yb && ya <= xb
                // An act retold is told on its day or in the week after it; a retelling that names
                // no time of its own has only the report's date, which says nothing of the act's.
                || b.retells.is_some() && (xa <= ya && yb <= xb + Days::new(7) || y.source == DateSource::Published)
        }
        _ => true,
    };
    let near = b.sent <= a.sent + 2 || b.anaphoric || b.weak || a.sent == 0 || b.retells.is_some();
    places && dates && near && a.background == b.background
}

/// The sentence where the report last told of an event.
fn last_sentence(doc: &Doc, e: &Cand) -> usize {
    e.evidence.iter().map(|r| doc.sentence_of(r.start)).max().unwrap_or(e.sent)
}

/// A town that bears its province's name ("Narathiwat", "Kandahar", "Idlib"): the text may mean
/// either, so it does not set an act elsewhere in that province apart.
fn names_its_province(p: &sitrep_geo::Place) -> bool {
    p.admin1.as_deref().is_some_and(|a| {
        let (a, n) = (a.to_lowercase(), p.name.to_lowercase());
        a == n || a.strip_prefix(n.as_str()).is_some_and(|rest| rest.starts_with(' '))
    })
}

fn merge_into(doc: &Doc, a: &mut Cand, b: Cand) {
    // One act told besides a total is an act.
    a.aggregate &= b.aggregate;
    // The stronger trigger names the event, but never turns violence into a strategic development
    // ("four were killed and two were arrested" is a killing).
    let keeps_violence = b.sub.is_some_and(is_violent) || !a.sub.is_some_and(is_violent);
    // Violence told in the same event names it, however weak its word ("a defected officer
    // and his mother killed").
    // A protest met with force stays the protest ACLED codes it as.
    let becomes_violent = b.sub.is_some_and(is_violent)
        && !a.sub.is_some_and(is_violent)
        && a.sub.is_none_or(|s| s.event_type() != sitrep_model::AcledEventType::Protests);
    // A headline sums the act up; its lead tells it ("IS ambush" in the headline, "militants
    // ambushed their bus" in the lead): the lead's word names it.
    let headline = |c: &Cand| c.evidence.iter().all(|r| doc.is_headline(doc.sentence_of(r.start)));
    let says = |c: &Cand, list: &[String]| c.evidence.iter().any(|r| doc.says_any(r.clone(), list));
    let cas = &doc.ex.cues.casualties;
    // Only a figure to weigh needs the reading.
    let figures = !(b.fatalities.is_unknown() && b.injured.is_unknown());
    let rose = figures && (says(&b, &cas.toll_rises) || headline(&*a));
    // "Two of the attackers were also killed": more dead, added.
    // "… killed 15 insurgents. Two soldiers died in the clash.": the other side's dead, added.
    let sides = a.actor2.as_ref().zip(b.actor2.as_ref()).is_some_and(|(x, y)| x.name != y.name);
    let adds = figures && !rose && !b.partisan && (sides || says(&b, &cas.toll_additions));
    // Only a figure someone gives is another account: "… killed 15 insurgents. Two soldiers died
    // in the clash." tells more dead, not another count of them.
    let attributed = |c: &Cand| c.evidence.iter().any(|r| doc.has_speech(r));
    let accounts = figures && !rose && !adds && attributed(&b);
    let told_by_lead = headline(a) && !headline(&b) && !b.weak && b.sub.is_some_and(is_violent);
    // A later sentence tells how the act went ("armed with heavy weapons, they attacked the post
    // from several directions"): it does not rename an act its lead named with its own word.
    // A riot told after "clashes" with youths is what the clashes were, and a fight told after
    // "an attack" ("Our soldiers fought with courage") makes the attack a clash.
    let goes_on = !headline(a)
        && a.sub.is_some_and(is_violent)
        && b.sub.is_none_or(|s| s.event_type() != sitrep_model::AcledEventType::Riots)
        && !(a.sub == Some(Sub::Attack) && b.sub == Some(Sub::ArmedClash))
        && last_sentence(doc, a) < b.sent;
    if (a.weak && !b.weak || (!b.weak && b.priority > a.priority && !b.anaphoric && !goes_on))
        && keeps_violence
        || becomes_violent
        || told_by_lead
    {
        a.sub = b.sub;
        a.plover = b.plover;
        a.mode = b.mode;
        a.trigger = b.trigger;
        a.priority = b.priority;
        a.weak = b.weak;
    }
    if a.actor1.is_none() || a.generic_actor1 && b.actor1.is_some() && !b.generic_actor1 && !b.many {
        a.actor1 = b.actor1;
        a.generic_actor1 = b.generic_actor1;
    }
    if a.actor2.is_none() {
        a.actor2 = b.actor2;
    }
    if a.claimed_by.is_none() {
        a.claimed_by = b.claimed_by;
        if a.actor1.is_none() {
            a.actor1 = a.claimed_by.clone();
        }
    }
    for v in b.victims {
        if !a.victims.iter().any(|x| x.name == v.name) {
            a.victims.push(v);
        }
    }
    let better_place = match (a.place, b.place) {
        (None, Some(_)) => true,
        (Some(x), Some(y)) => {
            b.place_in_sentence
                && (!a.place_in_sentence
                    || rank(doc.places[y].place.precision) > rank(doc.places[x].place.precision))
        }
        _ => false,
    };
    if better_place {
        a.place = b.place;
        a.place_in_sentence = b.place_in_sentence;
    }
    let better_date = match (&a.date, &b.date) {
        (None, Some(_)) => true,
        (Some(x), Some(y)) => x.source != DateSource::Text && y.source == DateSource::Text,
        _ => false,
    };
    if better_date {
        // "Katsina has been at war since June 2021, when fighting broke out": a clause without a
        // date of its own that takes an earlier act's date tells that earlier act.
        if b.background && b.date.as_ref().is_some_and(|x| doc.is_old(x)) {
            a.background = true;
        }
        a.date = b.date;
    }
    // Two figures for one act are two accounts, and the lowest is the toll the text supports
    // ("the army said five soldiers died; security sources said 11"); a later figure that tells a
    // rise ("the toll rose to 12") or the lead's after its headline replaces it. A side's own
    // figure never outweighs the report's, and the report's replaces a side's.
    let mut took = false;
    for (mine, theirs) in [(&mut a.fatalities, b.fatalities), (&mut a.injured, b.injured)] {
        let (higher, lower) = match (theirs.min, mine.min) {
            (Some(t), Some(m)) => (t > m, t < m),
            _ => (false, false),
        };
        if adds && let (Some(t), Some(m)) = (theirs.min, mine.min) {
            *mine = Count { min: Some(m + t), max: mine.max.zip(theirs.max).map(|(x, y)| x + y) };
            continue;
        }
        let take = mine.min.is_none()
            || a.partisan && !b.partisan
            || (if accounts { lower } else { higher }) && (!b.partisan || a.partisan);
        if take && !theirs.is_unknown() {
            *mine = theirs;
            took = true;
        }
    }
    if took {
        a.partisan = b.partisan;
    }
    a.evidence.extend(b.evidence);
}

/// Merges a clause into the event of its sentence: each clause counts its own dead ("four
/// terrorists were killed, while two soldiers were martyred" is six), where the sentences of a
/// report retell one toll and the higher wins (`merge_into`).
fn merge_clause_into(doc: &Doc, a: &mut Cand, b: Cand) {
    a.aggregate &= b.aggregate;
    // Only the dead of two different sides add up; "62 were killed, including 12 soldiers, and
    // 13 civilians were killed" lists parts of one toll.
    let sent_start = doc.sents.get(b.sent).map_or(0, |s| s.start);
    let sides_differ = a.actor2.as_ref().zip(b.actor2.as_ref()).is_some_and(|(x, y)| x.name != y.name)
        && !doc.has_cue(sent_start..b.trig.start, Cue::Subset);
    let add = |x: Count, y: Count| {
        if !sides_differ || x.is_unknown() || y.is_unknown() {
            return None;
        }
        Some(Count {
            min: Some(x.min.unwrap_or(0) + y.min.unwrap_or(0)),
            max: x.max.zip(y.max).map(|(p, q)| p + q),
        })
    };
    let (killed, injured) = (add(a.fatalities, b.fatalities), add(a.injured, b.injured));
    // "Three soldiers injured, Taliban commander killed": two armed sides' losses and nobody
    // named as acting tell a clash between them.
    let armed = |x: &Option<ActorRef>| {
        x.as_ref().and_then(|r| r.kind.as_deref()).is_some_and(crate::actors::is_armed_kind)
    };
    let two_sides =
        sides_differ && a.actor1.is_none() && b.actor1.is_none() && armed(&a.actor2) && armed(&b.actor2);
    let other_side = if two_sides { b.actor2.clone() } else { None };
    merge_into(doc, a, b);
    if let Some(o) = other_side {
        a.actor1 = a.actor2.take();
        a.actor2 = Some(o);
    }
    if let Some(k) = killed {
        a.fatalities = k;
    }
    if let Some(i) = injured {
        a.injured = i;
    }
}

/// Merges candidates that tell one event, in document order.
pub fn merge(doc: &Doc, cands: Vec<Cand>) -> Vec<Cand> {
    let mut out: Vec<Cand> = Vec::new();
    let headline_only = |e: &Cand| e.evidence.iter().all(|r| doc.is_headline(doc.sentence_of(r.start)));
    for mut c in cands {
        // A sentence goes on about the event told last ("The bomb was hidden under a bridge" after
        // the lead, not the headline's second act), of the same kind where two were told as late.
        let pick = |out: &[Cand], f: &dyn Fn(&Cand) -> bool| {
            out.iter()
                .enumerate()
                .filter(|(_, e)| f(e) && compatible(doc, e, &c))
                .max_by_key(|(i, e)| (last_sentence(doc, e), e.sub == c.sub, *i))
                .map(|(i, _)| i)
        };
        // An outcome alone ("Police said more than 150 people were wounded") belongs to the
        // latest act a report names with its own word, before a mere outcome of another.
        let at = if c.weak {
            pick(&out, &|e| !e.weak).or_else(|| pick(&out, &|_| true))
        } else {
            pick(&out, &|_| true)
        };
        // An act retold keeps the day it was first told with (a claim's or a reaction's day is
        // when it was said), a reaction the place (often the speaker's), a claim the figures
        // (the claimant's).
        if let (Some(i), Some(r)) = (at, c.retells) {
            let a = &out[i];
            if c.date.as_ref().zip(a.date.as_ref()).is_some_and(|(y, x)| y.date > x.end.unwrap_or(x.date)) {
                c.date = None;
            }
            if r == Retell::Reaction {
                c.place = None;
                c.place_in_sentence = false;
            }
            if r == Retell::Claim && !(a.fatalities.is_unknown() && a.injured.is_unknown()) {
                c.fatalities = Count::UNKNOWN;
                c.injured = Count::UNKNOWN;
            }
        }
        match at {
            // "…six khwarij were sent to hell. However, … two soldiers embraced shahadat": the
            // next sentence's dead of the other side add up, as in one sentence.
            // Not for counts of acts ("conducted at least 30 raids, killing 41"), nor a sentence
            // that retells "the attack".
            Some(i)
                if !c.partisan
                    && !out[i].partisan
                    && !c.many
                    && !out[i].many
                    && !c.anaphoric
                    && c.retells.is_none()
                    // A headline sums up its lead: "Two police officers killed" and "Two police
                    // officers were killed on Sunday" are the same two.
                    && !headline_only(&out[i])
                    && c.sent
                        <= out[i].evidence.last().map_or(out[i].sent, |r| doc.sentence_of(r.start)) + 1 =>
            {
                merge_clause_into(doc, &mut out[i], c)
            }
            Some(i) => merge_into(doc, &mut out[i], c),
            None => out.push(c),
        }
    }
    // An act told after a dated one with no time of its own ("HTS responded with rocket fire on
    // government positions") happened on the day the report last named, not on the day before
    // publication.
    let mut day: Option<DateFix> = None;
    for c in out.iter_mut() {
        match &c.date {
            Some(x) if x.source == DateSource::Text && x.precision == DatePrecision::Day => {
                day = Some(x.clone())
            }
            None if !c.background && c.sub.is_some_and(is_violent) => {
                if let Some(d) = &day {
                    c.date = Some(DateFix { source: DateSource::Context, ..d.clone() });
                }
            }
            _ => {}
        }
    }
    out
}

/// The contract record of a candidate.
pub fn to_event(doc: &Doc, c: Cand) -> Event {
    let location: Option<Location> = match c.place {
        Some(i) => {
            let p = &doc.places[i];
            Some(p.place.to_location(&p.text))
        }
        None if c.sub.is_some() => doc.country_location(c.actor1.as_ref().and_then(|a| a.country.as_deref())),
        None => None,
    };
    let mut date = c.date.or_else(|| doc.fallback_date());
    // A report tells what happened by its publication: "this week" ends on the day it was published.
    if let (Some(d), Some(p)) = (date.as_mut(), doc.published)
        && d.date <= p
        && d.end.is_some_and(|e| e > p)
    {
        d.end = Some(p);
    }
    let mut confidence: f32 = 0.4;
    confidence += if c.weak { 0.0 } else { 0.15 };
    confidence += if c.actor1.is_some() { 0.1 } else { 0.0 };
    confidence += if c.place_in_sentence { 0.1 } else { 0.0 };
    confidence += if date.as_ref().is_some_and(|d| d.source == DateSource::Text) { 0.1 } else { 0.0 };
    confidence += if c.evidence.len() > 1 { 0.05 } else { 0.0 };
    confidence -= if c.anaphoric_actor { 0.05 } else { 0.0 };
    let trigger = doc.text()[c.trig.clone()].to_string();
    // "Armed men attacked the camp … JNIM claimed the attack": where the report names no doer but
    // a group claims the act, the claimant is its doer.
    let actor1 = match (c.actor1, &c.claimed_by) {
        (Some(a), Some(claimant)) if a.kind.as_deref() == Some("unidentified") => Some(claimant.clone()),
        (a, _) => a,
    };
    // One actor is never both sides of its own event (clauses merged from "… killing 7 of them").
    let actor2 = c.actor2.filter(|b| actor1.as_ref().is_none_or(|a| a.name != b.name));
    let mut evidence: Vec<_> = c.evidence.iter().map(|r| doc.span(r.clone())).collect();
    evidence.sort();
    evidence.dedup();
    Event {
        event_type: c.sub.map(|s| s.event_type()),
        sub_event_type: c.sub,
        plover: Plover { kind: c.plover, mode: c.mode },
        cameo: c.sub.and_then(|s| s.cameo_root()).or(c.plover.cameo_root()),
        actor1,
        actor2,
        location,
        date: date.as_ref().map(|d| d.date),
        date_end: date.as_ref().and_then(|d| d.end),
        date_precision: date.as_ref().map(|d| d.precision),
        date_source: date.as_ref().map(|d| d.source),
        fatalities: c.fatalities,
        injured: c.injured,
        claimed_by: c.claimed_by,
        victims: c.victims,
        background: c.background,
        trigger: Some(trigger),
        evidence,
        confidence: confidence.min(0.95),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One `match_indices` per separator: what `separator_cuts` must equal.
    fn one_search_per_separator(separators: &[String], t: &str) -> Vec<usize> {
        let mut v: Vec<usize> =
            separators.iter().flat_map(|s| t.match_indices(s.as_str()).map(|(i, _)| i)).collect();
        v.sort_unstable();
        v
    }

    #[test]
    fn separator_cuts_equal_one_search_per_separator() {
        let cues = crate::lexicon::load_cues("cues.toml", crate::lexicon::CUES_TOML).unwrap();
        let seps = &cues.clauses.separators;
        let ac = aho_corasick::AhoCorasick::new(seps).unwrap();
        // Pieces that make separators, overlap them (" and and ") and split them.
        let pieces = [
            ", ",
            " and",
            " and ",
            "and ",
            " - ",
            "-",
            " – ",
            "…",
            " as well as ",
            " as well",
            " while ",
            ";",
            " ",
            "x",
        ];
        let mut layer = vec![String::new()];
        let mut checked = 0;
        for _ in 0..4 {
            let mut next = Vec::new();
            for s in &layer {
                for p in pieces {
                    let t = format!("{s}{p}");
                    assert_eq!(separator_cuts(&ac, &t), one_search_per_separator(seps, &t), "{t:?}");
                    checked += 1;
                    next.push(t);
                }
            }
            layer = next;
        }
        assert!(checked > 10_000);
        let t = "Two soldiers and a civilian were killed, police said – and and more";
        assert_eq!(separator_cuts(&ac, t), one_search_per_separator(seps, t));
    }
}
