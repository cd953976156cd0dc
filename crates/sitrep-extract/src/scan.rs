//! One Aho-Corasick pass over a document for every dictionary at once: actors, persons,
//! generic descriptors, triggers and cue words. Two automata, because acronyms and surnames
//! must match with their capitals ("IS" is not "is") while everything else folds case.

use crate::Error;
use crate::actors::{ActorDict, Named};
use crate::lexicon::Cues;
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use sitrep_model::StatementKind;
use std::collections::HashMap;

/// A cue list of `data/lexicon/cues.toml`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Cue {
    IrrealisBefore,
    Intent,
    Negation,
    Condition,
    IrrealisAfter,
    Background,
    /// A habit's word ("frequently"), `[background] habitual`.
    Habitual,
    Domain,
    Literal,
    Accident,
    Conflict,
    CivilianTarget,
    ArmedTarget,
    Killed,
    Injured,
    Singular,
    Subset,
    Attacker,
    Claim,
    ClaimNegated,
    GroupNoun,
    PersonPronoun,
    PluralPronoun,
    Speech(StatementKind),
    ContentReject,
    ContentAccuse,
    ContentPraise,
    ContentThreaten,
    FigureNoun,
    TallyOccasion,
    TallyNumberOf,
    ProtestIntervention,
    ProtestExcessive,
    /// Where someone went after an event ("taken to a hospital in"), `[grammar] elsewhere_places`.
    Elsewhere,
    /// A day told against the day before it ("the next day"): its offset in days.
    RelativeDay(i8),
}

/// What a matched phrase is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tag {
    Named(Named),
    Trigger(usize),
    Cue(Cue),
}

/// One match of a phrase, on word boundaries, with byte offsets into the scanned text.
#[derive(Debug, Clone, Copy)]
pub struct Hit {
    pub start: usize,
    pub end: usize,
    pub tag: Tag,
}

pub struct Scanner {
    folded: AhoCorasick,
    folded_tags: Vec<Vec<Tag>>,
    exact: AhoCorasick,
    exact_tags: Vec<Vec<Tag>>,
}

fn add(map: &mut HashMap<String, Vec<Tag>>, order: &mut Vec<String>, phrase: &str, tag: Tag) {
    let key = phrase.trim().to_string();
    if key.is_empty() {
        return;
    }
    let e = map.entry(key.clone()).or_insert_with(|| {
        order.push(key);
        Vec::new()
    });
    if !e.contains(&tag) {
        e.push(tag);
    }
}

impl Scanner {
    pub fn new(dict: &ActorDict, trigger_phrases: &[(String, usize)], cues: &Cues) -> Result<Scanner, Error> {
        let (mut f_map, mut f_order) = (HashMap::new(), Vec::new());
        let (mut e_map, mut e_order) = (HashMap::new(), Vec::new());
        for p in &dict.phrases {
            if p.case_sensitive {
                add(&mut e_map, &mut e_order, &p.text, Tag::Named(p.named));
            } else {
                add(&mut f_map, &mut f_order, &p.text.to_lowercase(), Tag::Named(p.named));
            }
        }
        for (p, id) in trigger_phrases {
            // A phrase written in capitals in the lexicon ("IED", "RPG") is an acronym.
            if p.len() > 1 && p.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit()) {
                add(&mut e_map, &mut e_order, p, Tag::Trigger(*id));
            } else {
                add(&mut f_map, &mut f_order, &p.to_lowercase(), Tag::Trigger(*id));
            }
        }
        let s = &cues.statements;
        let lists: Vec<(&Vec<String>, Cue)> = vec![
            (&cues.irrealis.before, Cue::IrrealisBefore),
            (&cues.irrealis.after, Cue::IrrealisAfter),
            (&cues.irrealis.intent, Cue::Intent),
            (&cues.irrealis.negation, Cue::Negation),
            (&cues.irrealis.condition, Cue::Condition),
            (&cues.background.before, Cue::Background),
            (&cues.background.habitual, Cue::Habitual),
            (&cues.domain.words, Cue::Domain),
            (&cues.domain.conflict, Cue::Conflict),
            (&cues.literal.phrases, Cue::Literal),
            (&cues.accident.words, Cue::Accident),
            (&cues.targets.civilian, Cue::CivilianTarget),
            (&cues.targets.armed, Cue::ArmedTarget),
            (&cues.casualties.killed, Cue::Killed),
            (&cues.casualties.injured, Cue::Injured),
            (&cues.casualties.singular, Cue::Singular),
            (&cues.casualties.subset, Cue::Subset),
            (&cues.casualties.attacker, Cue::Attacker),
            (&cues.claims.phrases, Cue::Claim),
            (&cues.claims.negated, Cue::ClaimNegated),
            (&cues.anaphora.group_nouns, Cue::GroupNoun),
            (&cues.anaphora.person_pronouns, Cue::PersonPronoun),
            (&cues.anaphora.plural_pronouns, Cue::PluralPronoun),
            (&s.claim_responsibility, Cue::Speech(StatementKind::ClaimResponsibility)),
            (&s.deny, Cue::Speech(StatementKind::Deny)),
            (&s.accuse, Cue::Speech(StatementKind::Accuse)),
            (&s.reject, Cue::Speech(StatementKind::Reject)),
            (&s.condemn, Cue::Speech(StatementKind::Condemn)),
            (&s.threaten, Cue::Speech(StatementKind::Threaten)),
            (&s.demand, Cue::Speech(StatementKind::Demand)),
            (&s.praise, Cue::Speech(StatementKind::Praise)),
            (&s.other, Cue::Speech(StatementKind::Other)),
            (&s.content_reject, Cue::ContentReject),
            (&s.content_accuse, Cue::ContentAccuse),
            (&s.content_praise, Cue::ContentPraise),
            (&s.content_threaten, Cue::ContentThreaten),
            (&s.figure_nouns, Cue::FigureNoun),
            (&cues.tallies.occasions, Cue::TallyOccasion),
            (&cues.tallies.number_of, Cue::TallyNumberOf),
            (&cues.protest.intervention, Cue::ProtestIntervention),
            (&cues.protest.excessive_force, Cue::ProtestExcessive),
            (&cues.grammar.elsewhere_places, Cue::Elsewhere),
        ];
        for (list, cue) in lists {
            for p in list {
                if p.len() > 1 && p.chars().all(|c| c.is_ascii_uppercase()) {
                    add(&mut e_map, &mut e_order, p, Tag::Cue(cue));
                } else {
                    add(&mut f_map, &mut f_order, &p.to_lowercase(), Tag::Cue(cue));
                }
            }
        }
        for (p, offset) in &cues.relative_days {
            add(&mut f_map, &mut f_order, &p.to_lowercase(), Tag::Cue(Cue::RelativeDay(*offset)));
        }
        let build = |pats: &[String], fold: bool| {
            AhoCorasickBuilder::new()
                .ascii_case_insensitive(fold)
                // The contiguous form searched no faster here (its dense root is the same) and
                // cost a tenth of process start to build; a DFA costs 6x the start.
                .kind(Some(aho_corasick::AhoCorasickKind::NoncontiguousNFA))
                .match_kind(MatchKind::Standard)
                .build(pats)
                .map_err(|e| Error::Data { file: "dictionaries".into(), message: e.to_string() })
        };
        // The folded phrases are lower case and meet a lower-cased copy of the text: the same
        // matches as an ASCII-case-insensitive automaton, which took twice as long to build.
        let folded = build(&f_order, false)?;
        let exact = build(&e_order, false)?;
        let folded_tags = f_order.iter().map(|k| f_map.remove(k).unwrap_or_default()).collect();
        let exact_tags = e_order.iter().map(|k| e_map.remove(k).unwrap_or_default()).collect();
        Ok(Scanner { folded, folded_tags, exact, exact_tags })
    }

    /// Every phrase match on word boundaries, sorted by start then longest first.
    pub fn scan(&self, text: &str) -> Vec<Hit> {
        let mut hits = Vec::new();
        // ASCII lower case keeps every byte offset.
        let lower = text.to_ascii_lowercase();
        for (ac, tags, hay) in
            [(&self.folded, &self.folded_tags, lower.as_str()), (&self.exact, &self.exact_tags, text)]
        {
            for m in ac.find_overlapping_iter(hay) {
                if !on_word_boundaries(text, m.start(), m.end()) {
                    continue;
                }
                for &tag in &tags[m.pattern().as_usize()] {
                    hits.push(Hit { start: m.start(), end: m.end(), tag });
                }
            }
        }
        hits.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
        hits
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// A match must not start or end inside a word ("IS" in "ISIS", "raid" in "afraid").
pub fn on_word_boundaries(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    let first = text[start..end].chars().next();
    let last = text[start..end].chars().next_back();
    let left_ok = match (before, first) {
        (Some(b), Some(f)) => !(is_word_char(b) && is_word_char(f)),
        _ => true,
    };
    let right_ok = match (after, last) {
        (Some(a), Some(l)) => !(is_word_char(a) && is_word_char(l)),
        _ => true,
    };
    left_ok && right_ok
}

/// Leftmost-longest, non-overlapping selection of the hits that `keep` accepts.
pub fn select(hits: &[Hit], keep: impl Fn(&Hit) -> bool) -> Vec<&Hit> {
    let mut out: Vec<&Hit> = Vec::new();
    let mut candidates: Vec<&Hit> = hits.iter().filter(|h| keep(h)).collect();
    candidates.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
    let mut i = 0;
    while i < candidates.len() {
        let h = candidates[i];
        if out.last().is_some_and(|p| h.start < p.end) {
            i += 1;
            continue;
        }
        // Among overlapping candidates starting here or inside, the longest wins.
        let mut best = h;
        let mut j = i + 1;
        while j < candidates.len() && candidates[j].start < best.end {
            if candidates[j].end - candidates[j].start > best.end - best.start {
                best = candidates[j];
            }
            j += 1;
        }
        out.push(best);
        i += 1;
        while i < candidates.len() && candidates[i].start < best.end {
            i += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_boundaries() {
        let t = "ISIS afraid raid IS-K";
        assert!(!on_word_boundaries(t, 0, 2)); // "IS" inside "ISIS"
        assert!(on_word_boundaries(t, 0, 4));
        assert!(!on_word_boundaries(t, 7, 11)); // "raid" inside "afraid"
        assert!(on_word_boundaries(t, 12, 16));
        assert!(on_word_boundaries(t, 17, 19)); // "IS" before "-K"
    }

    /// Lower-case phrases over the lower-cased text match where an ASCII-case-insensitive
    /// automaton over the text does, at the same offsets.
    #[test]
    fn lowered_text_matches_like_case_insensitive() {
        let pats: Vec<String> = ["ab", "a b", "k", "I\u{307}", "ba-", "\u{212a}a", "é"]
            .iter()
            .map(|p| p.to_lowercase())
            .collect();
        let ci = aho_corasick::AhoCorasickBuilder::new().ascii_case_insensitive(true).build(&pats).unwrap();
        let cs = aho_corasick::AhoCorasick::new(&pats).unwrap();
        let span = |m: aho_corasick::Match| (m.start(), m.end(), m.pattern().as_usize());
        for text in
            ["AB a B ab Ab", "K k \u{212a}A \u{212a}a ka", "I\u{307} i\u{307} \u{130}", "BA- ba-ab É é", ""]
        {
            let want: Vec<_> = ci.find_overlapping_iter(text).map(span).collect();
            let got: Vec<_> = cs.find_overlapping_iter(&text.to_ascii_lowercase()).map(span).collect();
            assert_eq!(got, want, "{text:?}");
            assert!(!want.is_empty() || text.is_empty());
        }
    }

    #[test]
    fn select_prefers_longest() {
        let h = |start, end| Hit { start, end, tag: Tag::Trigger(0) };
        let hits = vec![h(0, 4), h(0, 12), h(5, 12), h(13, 20)];
        let s = select(&hits, |_| true);
        let spans: Vec<_> = s.iter().map(|h| (h.start, h.end)).collect();
        assert_eq!(spans, vec![(0, 12), (13, 20)]);
    }
}
