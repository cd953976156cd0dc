//! Statements: who claims, denies, accuses, rejects, condemns, threatens, demands, praises or
//! gives a figure. A speech verb opens a statement; its kind comes from the verb, or, for a
//! neutral verb ("said", "tweeted"), from what was said.

use crate::doc::{Doc, Mention, Who};
use crate::lexicon::holds;
use crate::scan::{Cue, Hit, Tag, select};
use sitrep_model::{ActorRef, Speaker, Statement, StatementKind};
use std::ops::Range;

impl Doc<'_> {
    fn speaker_ref(&self, m: &Mention) -> Option<Speaker> {
        let dict = &self.ex.dict;
        let text = Some(self.text()[m.start..m.end].to_string());
        match &m.who {
            Who::Person(p) => {
                let person = &dict.persons[*p];
                Some(Speaker {
                    name: person.name.clone(),
                    text,
                    affiliation: Some(dict.actors[person.affiliation].name.clone()),
                })
            }
            Who::Country(c) => {
                let r = self.government_ref(c, text.clone())?;
                Some(Speaker { name: r.name.clone(), text, affiliation: Some(r.name) })
            }
            _ => {
                let r = self.actor_ref(m, self.country.as_deref(), self.published)?;
                Some(Speaker { name: r.name.clone(), text, affiliation: Some(r.name) })
            }
        }
    }

    /// A speaker the dictionary lacks: the capitalised name just before the verb ("Saeed Khosty
    /// said"), with the affiliation of an actor named just before it ("Taliban spokesman …").
    fn unknown_speaker(&self, sent: &Range<usize>, verb: usize) -> Option<Speaker> {
        let t = self.text();
        let i = self.tok_index(verb);
        let mut j = i;
        while j > 0 {
            let k = &self.toks[j - 1];
            let w = &t[k.start..k.end];
            let joiner = matches!(w, "and" | "of" | "for") && j >= 2;
            if k.start < sent.start
                || !joiner && !w.chars().next().is_some_and(char::is_uppercase)
                || !w.chars().all(|c| c.is_alphabetic() || c == '-' || c == '\'')
            {
                break;
            }
            j -= 1;
        }
        if i - j < 2 || i - j > 7 {
            return None;
        }
        let (s, e) = (self.toks[j].start, self.toks[i - 1].end);
        let name = t[s..e].to_string();
        let aff = self
            .mentions
            .iter()
            .rfind(|m| m.end <= s && m.start >= sent.start && self.tokens_between(m.end, s) <= 3)
            .and_then(|m| self.actor_ref(m, self.country.as_deref(), self.published))
            .map(|r| r.name);
        Some(Speaker { name: name.clone(), text: Some(name), affiliation: aff })
    }

    fn content_kind(&self, r: Range<usize>) -> StatementKind {
        let order = [
            (Cue::ContentReject, StatementKind::Reject),
            (Cue::ContentAccuse, StatementKind::Accuse),
            (Cue::ContentThreaten, StatementKind::Threaten),
            (Cue::ContentPraise, StatementKind::Praise),
        ];
        for (cue, kind) in order {
            if self.has_cue(r.clone(), cue) {
                return kind;
            }
        }
        if !self.figures(r).is_empty() { StatementKind::AssertFigure } else { StatementKind::Other }
    }

    /// "6,500 Daesh fighters": a number followed closely by a noun of people or things.
    fn figures(&self, r: Range<usize>) -> Vec<String> {
        self.quantities
            .iter()
            .filter(|q| q.start >= r.start && q.end <= r.end && q.min.is_some())
            .filter(|q| !self.times.iter().any(|x| x.start < q.end && q.start < x.end))
            .filter_map(|q| {
                let n = self
                    .cue_hits(q.end..r.end, Cue::FigureNoun)
                    .find(|n| self.tokens_between(q.end, n.start) <= 3)?;
                Some(self.text()[q.start..n.end].to_string())
            })
            .collect()
    }

    /// Whether a non-state armed group's words open with itself doing violence: "it" or "they",
    /// or "its"/"their" and a noun, then a violent act within a few words.
    fn claims_own_act(&self, speaker: &str, r: Range<usize>) -> bool {
        let dict = &self.ex.dict;
        let armed = dict.by_name(speaker).is_some_and(|i| {
            let k = dict.actors[i].kind_on(self.published);
            crate::actors::is_non_state_armed_kind(k) && k != "unidentified"
        });
        if !armed {
            return false;
        }
        let words = self.words(r.start, r.end.min(r.start + 80));
        let words: Vec<&String> = words.iter().filter(|w| w.as_str() != "that").collect();
        // "said on Tuesday its fighters …": a date may come first.
        let opens = words.iter().take(4).any(|w| {
            holds(&self.grammar().plural_or_thing_pronouns, w) || holds(&self.grammar().possessives, w)
        });
        opens
            && self.hits_in(r.clone()).iter().any(|h| {
                h.start >= r.start
                    && self.tokens_between(r.start, h.start) <= 6
                    && self.trigger_of(h).is_some_and(|t| t.sub_event.is_some_and(crate::events::is_violent))
            })
    }

    fn quote_in(&self, r: Range<usize>) -> Option<String> {
        let t = &self.text()[r];
        let a = t.find('"')?;
        let b = t[a + 1..].find('"')? + a + 1;
        Some(t[a + 1..b].trim().to_string()).filter(|q| !q.is_empty())
    }

    pub fn statements(&self) -> Vec<Statement> {
        // A speech word inside a name ("United States", "Islamic State") is no verb.
        let verbs = select(&self.hits, |h| {
            matches!(h.tag, Tag::Cue(Cue::Speech(_)))
                && !self.mentions.iter().any(|m| m.start < h.end && h.start < m.end && !m.anaphor)
                && !self.places.iter().any(|p| p.start < h.end && h.start < p.end)
                // "its demands", "was reported": a noun or a passive, not a speaker's verb.
                && !self.word_before(h.start).is_some_and(|w| holds(&self.grammar().not_verb_before, &w))
        });
        let mut out: Vec<Statement> = Vec::new();
        for (si, sent) in self.sents.iter().enumerate() {
            let here: Vec<&Hit> =
                verbs.iter().copied().filter(|h| h.start >= sent.start && h.end <= sent.end).collect();
            let mut last_speaker: Option<Speaker> = None;
            for (k, h) in here.iter().enumerate() {
                let Tag::Cue(Cue::Speech(verb_kind)) = h.tag else { continue };
                let next = here.get(k + 1).map(|n| n.start).unwrap_or(sent.end);
                let word = self.text()[h.start..h.end].to_lowercase();
                // A verb at the end of a sentence speaks of what came before it ("…," Mujahid concluded).
                // What follows is only when and where it was said ("…, the army said on Sunday.",
                // "said on Telegram on Monday"): the verb speaks of what came before it.
                let said_when = {
                    let end = next.min(sent.end);
                    let times = crate::doc::starting_in(&self.times, |x| x.start, &(h.end..end)).1;
                    // The words between, outside any date ("on", "Telegram", not "Monday").
                    let t = self.text();
                    let rest: Vec<String> = self.toks[self.tok_index(h.end)..self.tok_index(end)]
                        .iter()
                        .filter(|k| k.end <= end && t[k.start..k.end].chars().any(char::is_alphanumeric))
                        .filter(|k| !times.iter().any(|x| x.start <= k.start && k.end <= x.end))
                        .map(|k| t[k.start..k.end].to_lowercase())
                        .collect();
                    rest.len() <= 3
                        && rest.iter().all(|w| {
                            holds(&self.grammar().place_prepositions, w)
                                || holds(&self.grammar().platforms, w)
                        })
                };
                let tail = self.tokens_between(h.end, sent.end) <= 2 || said_when;
                // "…, officials said, as the Taliban denied …": a verb its comma closes speaks of
                // what came before it too.
                let closed = self.text()[h.end..sent.end].trim_start().starts_with(',')
                    && self.tokens_between(sent.start, h.start) >= 6;
                // A dateline is no part of what is said.
                let from = if self.in_dateline(sent.start + 1) {
                    self.dateline.end.max(sent.start)
                } else {
                    sent.start
                };
                // "…, the Ukrainian air force said": what is said ends at the comma before its speaker.
                let before = {
                    let cut = self.text()[from..h.start].rfind(", ").map(|i| from + i);
                    match cut {
                        Some(c) if self.tokens_between(c, h.start) <= 7 => from..c,
                        _ => from..h.start,
                    }
                };
                let content = if (tail || closed) && k == 0 { before } else { h.end..next };
                // "The minister blamed the TTP and vowed to …": the second verb has the first's speaker.
                let conjoined = k > 0
                    && self.words(here[k - 1].end, h.start).last().is_some_and(|w| w == "and")
                    && !self.text()[here[k - 1].end..h.start].contains([',', ';']);
                let continues = (word.starts_with("add") || word == "concluded")
                    && self.text()[sent.start..h.start].trim_end().ends_with(',')
                    && !tail
                    || conjoined && last_speaker.is_some();
                let speaker = if continues {
                    last_speaker.clone()
                } else if word == "according to" {
                    self.mentions_in(h.end..next).next().and_then(|m| self.speaker_ref(m))
                } else if let Some(m) = self.appositive_subject(sent, h.start) {
                    self.speaker_ref(m)
                } else {
                    let subj = self.mentions_in(sent.start..h.start).rev().find(|m| {
                        !matches!(
                            self.word_before(m.start).as_deref(),
                            Some("of" | "against" | "on" | "by" | "to" | "with" | "in" | "at" | "for")
                        )
                    });
                    // A verb at the end speaks for the words just before it ("…, the governor said").
                    let reach = if tail { 3 } else { 12 };
                    let near = subj.filter(|m| self.tokens_between(m.end, h.start) <= reach);
                    // A name written right before the verb speaks, not an actor further back
                    // ("wounding five people, regional governor Oleh Syniehubov said").
                    let written = self.unknown_speaker(sent, h.start);
                    match near {
                        Some(m) if written.is_none() || self.tokens_between(m.end, h.start) == 0 => {
                            self.speaker_ref(m)
                        }
                        _ => written,
                    }
                };
                let Some(speaker) = speaker else { continue };
                last_speaker = Some(speaker.clone());
                if verb_kind == StatementKind::ClaimResponsibility
                    && self
                        .cue_hits(sent.start..h.start, Cue::ClaimNegated)
                        .any(|n| self.tokens_between(n.end, h.start) <= 3)
                {
                    continue;
                }
                let kind = if verb_kind == StatementKind::Other {
                    self.content_kind(content.clone())
                } else {
                    verb_kind
                };
                // "Al-Shabaab said it carried out the attack", "IS said its fighters had killed 11":
                // an armed group telling its own violence claims it.
                let kind = if matches!(kind, StatementKind::Other | StatementKind::AssertFigure)
                    && self.claims_own_act(&speaker.name, content.clone())
                {
                    StatementKind::ClaimResponsibility
                } else {
                    kind
                };
                // A plain remark beside a kinded statement of the same speaker in the same sentence
                // ("claimed responsibility … in a statement") adds nothing.
                let here = self.span(sent.clone());
                if kind == StatementKind::Other
                    && out.iter().any(|s| s.speaker.name == speaker.name && s.evidence.contains(&here))
                {
                    continue;
                }
                // The outlet of a dateline ("KABUL (AP) -") filed the report; nobody speaks of it.
                let target = self
                    .mentions_in(content.clone())
                    .filter(|m| !self.in_dateline(m.end) && !self.is_media(m))
                    .filter_map(|m| match &m.who {
                        Who::Person(p) => Some(ActorRef {
                            name: self.ex.dict.persons[*p].name.clone(),
                            text: Some(self.text()[m.start..m.end].to_string()),
                            kind: Some(self.ex.dict.persons[*p].role.clone()),
                            country: self.ex.dict.persons[*p].country.clone(),
                        }),
                        _ => self.actor_ref(m, self.country.as_deref(), self.published),
                    })
                    .find(|r| r.name != speaker.name && Some(&r.name) != speaker.affiliation.as_ref());
                let figures = self.figures(content.clone());
                let quote = self.quote_in(content.clone()).or_else(|| {
                    // "blamed the ELN and said …": the conjunction belongs to the next verb.
                    Some(
                        self.text()[content.clone()]
                            .trim()
                            .trim_start_matches("that ")
                            .trim_end_matches(" and")
                            .trim_end_matches(',')
                            .to_string(),
                    )
                    .filter(|q| !q.is_empty())
                });
                let ev = self.span(sent.clone());
                // One record per speaker and kind: a second sentence saying the same adds evidence.
                if let Some(prev) = out.iter_mut().find(|s| s.speaker.name == speaker.name && s.kind == kind)
                {
                    if !prev.evidence.contains(&ev) {
                        prev.evidence.push(ev);
                    }
                    prev.figures.extend(figures);
                    continue;
                }
                let _ = si;
                out.push(Statement {
                    speaker,
                    kind,
                    plover: kind.plover(),
                    target,
                    quote,
                    figures,
                    evidence: vec![ev],
                    confidence: if kind == StatementKind::Other { 0.5 } else { 0.75 },
                });
            }
        }
        out
    }

    /// "Zalmay Khalilzad, Washington's main man …, tweeted": the name before an appositive
    /// set off by commas is the subject of the verb after it.
    fn appositive_subject(&self, sent: &Range<usize>, verb: usize) -> Option<&Mention> {
        let t = self.text();
        self.mentions_in(sent.start..verb).find(|m| {
            let between = t[m.end..verb].trim();
            matches!(m.who, Who::Person(_))
                && between.starts_with(',')
                && between.ends_with(',')
                && between.len() > 1
        })
    }
}
