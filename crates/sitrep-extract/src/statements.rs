//! Statements: who claims, denies, accuses, rejects, condemns, threatens, demands, praises or
//! gives a figure. A speech verb opens a statement; its kind comes from the verb, or, for a
//! neutral verb ("said", "tweeted"), from what was said.

use crate::doc::{Doc, Mention, Who};
use crate::lexicon::holds;
use crate::scan::{Cue, Hit, Tag, select};
use sitrep_model::{ActorRef, Speaker, Statement, StatementKind};
use std::ops::Range;

/// A speaker already read in the document, with the sentence it spoke in.
struct Told {
    speaker: Speaker,
    sent: Range<usize>,
    /// A named person, not a body or a group ("Ali Osman", not "the army").
    person: bool,
}

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
        // "the Council in a statement denied": a phrase of saying right before the verb.
        let verb = self
            .hits
            .iter()
            .rfind(|x| {
                matches!(x.tag, Tag::Cue(Cue::Speech(_)))
                    && x.end <= verb
                    && x.start >= sent.start
                    && self.tokens_between(x.end, verb) == 0
            })
            .map_or(verb, |x| x.start);
        // "Lebanese President Joseph Aoun on Monday condemned": when it was said, between name and verb.
        let verb = match self
            .times
            .iter()
            .find(|x| x.end <= verb && x.start >= sent.start && self.tokens_between(x.end, verb) == 0)
        {
            Some(x) => {
                let k = self.tok_index(x.start);
                let lead = k.checked_sub(1).map(|k| t[self.toks[k].start..self.toks[k].end].to_lowercase());
                match lead {
                    Some(w) if holds(&self.grammar().place_prepositions, &w) => self.toks[k - 1].start,
                    _ => x.start,
                }
            }
            None => verb,
        };
        // "Peter Malanda, who toured the camp, urged": a relative clause set off by
        // commas between the name and the verb; the name ends at the comma that opens it.
        let verb = {
            let lead = t[sent.start..verb].trim_end();
            let relative = lead.strip_suffix(',').and_then(|l| l.rfind(", ").map(|c| (l, c)));
            match relative {
                Some((l, c))
                    if !l[c + 2..].contains([',', ';', '"'])
                        && l[c + 2..].split(' ').next().is_some_and(|w| {
                            holds(&self.ex.cues.statements.relative_openers, &w.to_lowercase())
                        }) =>
                {
                    sent.start + c + 1
                }
                _ => verb,
            }
        };
        let mut i = self.tok_index(verb);
        // "Osman strongly condemns", "The UPP has called for": a manner word or an auxiliary
        // between name and verb.
        while i > 0 && self.toks[i - 1].start >= sent.start && {
            let w = t[self.toks[i - 1].start..self.toks[i - 1].end].to_lowercase();
            holds(&self.ex.cues.statements.speech_adverbs, &w)
                || holds(&self.grammar().perfect_auxiliaries, &w)
        } {
            i -= 1;
        }
        // "the Frontier Security Directorate (FSD) said": the acronym in brackets is the name's.
        if i >= 3
            && self.toks[i - 3].start >= sent.start
            && &t[self.toks[i - 1].start..self.toks[i - 1].end] == ")"
            && &t[self.toks[i - 3].start..self.toks[i - 3].end] == "("
            && is_acronym(&t[self.toks[i - 2].start..self.toks[i - 2].end])
        {
            i -= 3;
        }
        // "The Governor of Cauca, Octavio Guzmán, rejects": a name set off by commas before the verb.
        let set_off = i > 1
            && self.toks[i - 1].start >= sent.start
            && &t[self.toks[i - 1].start..self.toks[i - 1].end] == ",";
        if set_off {
            i -= 1;
        }
        let mut j = i;
        while j > 0 {
            let k = &self.toks[j - 1];
            let w = &t[k.start..k.end];
            let joiner = matches!(w, "and" | "of" | "for") && j >= 2;
            // "V.K. Birdi", "Lt. Col. Sani Uba": initials and short titles keep their dots.
            let short = |w: &str| w.len() <= 4 && w.chars().next().is_some_and(char::is_uppercase);
            let dot = w == "." && j >= 2 && short(&t[self.toks[j - 2].start..self.toks[j - 2].end]);
            if k.start < sent.start
                || !joiner && !dot && !w.chars().next().is_some_and(char::is_uppercase)
                || !dot
                    && !w.chars().all(|c| c.is_alphabetic() || c == '-' || c == '\'' || c == '.' && short(w))
            {
                break;
            }
            j -= 1;
        }
        // "the people of Arauca and calls on": a name neither opens nor ends on a joiner.
        let joiner = |k: usize| matches!(&t[self.toks[k].start..self.toks[k].end], "and" | "of" | "for");
        while j < i && joiner(j) {
            j += 1;
        }
        while i > j && joiner(i - 1) {
            i -= 1;
        }
        let acronym = i - j == 1 && is_acronym(&t[self.toks[j].start..self.toks[j].end]);
        if (i - j < 2 && !acronym) || i - j > 7 {
            return None;
        }
        if set_off && !(j > 0 && &t[self.toks[j - 1].start..self.toks[j - 1].end] == ",") {
            return None;
        }
        let (s, e) = (self.toks[j].start, self.toks[i - 1].end);
        let name = t[s..e].to_string();
        // "The UPP said": an acronym a bracket defined before ("the Union for Peace and Progress (UPP)")
        // stands for the name it was defined with.
        let last = &t[self.toks[i - 1].start..e];
        if is_acronym(last)
            && i - j <= 2
            && let Some(full) = self.defined_acronym(last, s)
        {
            return Some(Speaker { name: full, text: Some(name), affiliation: None });
        }
        // "Al-Shabaab's Shahada News Agency", "Hezbollah's Secretary-General Naim Qassem": an
        // outlet speaks for the group that owns it; a person keeps the group as affiliation.
        let owner = self
            .mentions_in(s..e)
            .find(|m| t[m.end..e].starts_with("'s ") || t[m.end..e].starts_with("\u{2019}s "));
        if let Some(m) = owner {
            let outlet = t[m.end..e]
                .split(' ')
                .any(|w| holds(&self.ex.cues.statements.outlet_heads, &w.to_lowercase()));
            if outlet {
                return self.speaker_ref(m).map(|sp| Speaker { text: Some(name.clone()), ..sp });
            }
            let aff = self.actor_ref(m, self.country.as_deref(), self.published).map(|r| r.name);
            if aff.is_some() {
                return Some(Speaker { name: name.clone(), text: Some(name), affiliation: aff });
            }
        }
        // "Taliban spokesman X"; set off by commas, the whole title before it ("The Police Public
        // Relations Officer in the state, DSP X,").
        let reach = if set_off { 10 } else { 3 };
        let aff = self
            .mentions
            .iter()
            .rfind(|m| m.end <= s && m.start >= sent.start && self.tokens_between(m.end, s) <= reach)
            .and_then(|m| self.actor_ref(m, self.country.as_deref(), self.published))
            .map(|r| r.name);
        // "Interior Minister X", "The state governor, X,": a title of government, of the country
        // the document is about.
        let aff = aff.or_else(|| {
            let from = self.toks[self.tok_index(s).saturating_sub(reach)].start.max(sent.start);
            let titled =
                self.words(from, e).iter().any(|w| holds(&self.ex.cues.statements.government_titles, w));
            self.country
                .as_deref()
                .filter(|_| titled)
                .and_then(|c| self.government_ref(c, None))
                .map(|r| r.name)
        });
        Some(Speaker { name: name.clone(), text: Some(name), affiliation: aff })
    }

    /// Whether the words between two offsets are at most manner words, auxiliaries and brackets
    /// ("strongly", "has", ")"): a name ending at `a` is the subject of a verb at `b`.
    fn only_manner(&self, a: usize, b: usize) -> bool {
        let t = self.text();
        self.toks[self.tok_index(a)..self.tok_index(b)].iter().filter(|k| k.end <= b).all(|k| {
            let w = t[k.start..k.end].to_lowercase();
            w == ")"
                || holds(&self.ex.cues.statements.speech_adverbs, &w)
                || holds(&self.grammar().perfect_auxiliaries, &w)
        })
    }

    /// "A lawyer representing …", "The Kasane district council", "The family of the dead trader": the
    /// last noun of `speaker_roles` in the clause before the verb, after an article or at the clause's
    /// start, with the words between them; its span and the speaker it names.
    fn role_subject(&self, clause: usize, verb: usize) -> Option<(Range<usize>, Speaker)> {
        let t = self.text();
        let (a, b) = (self.tok_index(clause), self.tok_index(verb));
        let roles = &self.ex.cues.statements.speaker_roles;
        let r =
            (a..b).rev().find(|&k| holds(roles, &t[self.toks[k].start..self.toks[k].end].to_lowercase()))?;
        // Back to the article over at most three words ("The Kasane district council").
        let g = self.grammar();
        // An article or a possessive opens the role's phrase ("the", "their", "his").
        let opener = |k: usize| {
            let w = t[self.toks[k].start..self.toks[k].end].to_lowercase();
            holds(&g.determiners, &w) || holds(&self.ex.cues.statements.speaker_role_possessives, &w)
        };
        let mut j = r;
        while j > a && r - j < 4 {
            let w = t[self.toks[j - 1].start..self.toks[j - 1].end].to_lowercase();
            if opener(j - 1) {
                break;
            }
            if !w.chars().all(|c| c.is_alphabetic() || c == '\'' || c == '-') {
                return None;
            }
            j -= 1;
        }
        let opens = j == a || opener(j - 1);
        // "A Kenyan defence source": a role word is the head of its phrase, not a modifier.
        let head = r + 1 >= b || {
            let w = t[self.toks[r + 1].start..self.toks[r + 1].end].to_lowercase();
            !w.chars().all(char::is_alphabetic)
                || holds(&self.ex.cues.statements.speaker_role_links, &w)
                || holds(&self.ex.cues.statements.speech_adverbs, &w)
                || holds(&g.perfect_auxiliaries, &w)
        };
        // "the family of the young man" is named by its head: what the role is of varies in the telling.
        if !opens || !head || j == a && r > a + 1 {
            return None;
        }
        let span = self.toks[j].start..self.toks[r].end;
        let name = t[span.clone()].to_string();
        let from = if j > a { self.toks[j - 1].start } else { span.start };
        Some((span, Speaker { name, text: Some(t[from..self.toks[r].end].to_string()), affiliation: None }))
    }

    /// The name a bracketed acronym was defined with before `before`: "the National Citizen Party
    /// (NCP)" defines NCP; the capitalised words (and "of", "for", "and") right before the bracket.
    fn defined_acronym(&self, acronym: &str, before: usize) -> Option<String> {
        let t = self.text();
        let at = t[..before].find(&format!("({acronym})"))?;
        let mut j = self.tok_index(at);
        let end = j;
        while j > 0 {
            let w = &t[self.toks[j - 1].start..self.toks[j - 1].end];
            let word = w.chars().next().is_some_and(char::is_uppercase)
                && w.chars().all(|c| c.is_alphabetic() || c == '-' || c == '\'');
            if !word && !matches!(w, "of" | "for" | "and") {
                break;
            }
            j -= 1;
        }
        while j < end && matches!(&t[self.toks[j].start..self.toks[j].end], "of" | "for" | "and") {
            j += 1;
        }
        (end >= j + 2).then(|| t[self.toks[j].start..self.toks[end - 1].end].to_string())
    }

    /// Whether the words of a range hold one of `phrases` (whole lower-cased words).
    fn content_kind(&self, r: Range<usize>) -> StatementKind {
        // "\"We call on them to surrender,\" the colonel said": the quoted first person's own verb.
        let quoted = self.hits_in(r.clone()).iter().find_map(|h| match h.tag {
            Tag::Cue(Cue::Speech(k))
                if k != StatementKind::Other
                    && h.end <= r.end
                    && self
                        .word_before(h.start)
                        .is_some_and(|w| holds(&self.ex.cues.statements.first_person, &w)) =>
            {
                Some(k)
            }
            _ => None,
        });
        if let Some(k) = quoted {
            return k;
        }
        // "said no soldier was harmed": the speaker's own side came to no harm or took no part.
        if self.says_any(r.clone(), &self.ex.cues.statements.content_deny) {
            return StatementKind::Deny;
        }
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

    /// "6,500 Daesh fighters", "14 bodies", "nine were killed": a number followed closely by a
    /// noun of people or things or by a death or injury word; or the number a toll is put at
    /// ("put the death toll at 11", "the number of dead rose to nine").
    fn figures(&self, r: Range<usize>) -> Vec<String> {
        let s = &self.ex.cues.statements;
        let sent = &self.sents[self.sentence_of(r.start)];
        self.quantities
            .iter()
            .filter(|q| q.start >= r.start && q.end <= r.end && q.min.is_some())
            .filter(|q| !self.times.iter().any(|x| x.start < q.end && q.start < x.end))
            .filter_map(|q| {
                let after = self
                    .hits_in(q.end..r.end)
                    .iter()
                    .filter(|n| {
                        n.end <= r.end
                            && matches!(n.tag, Tag::Cue(Cue::FigureNoun | Cue::Killed | Cue::Injured))
                    })
                    .find(|n| self.tokens_between(q.end, n.start) <= 3);
                if let Some(n) = after {
                    return Some(self.text()[q.start..n.end].to_string());
                }
                // The toll word may open the sentence, before the verb ("The number of people
                // killed … rose to nine, the ministry said").
                let before = self.words(sent.start.min(q.start), q.start);
                let linked = before.last().is_some_and(|w| holds(&s.toll_links, w));
                let toll = before.iter().rev().take(14).position(|w| holds(&s.toll_words, w));
                if linked && let Some(back) = toll {
                    let from = self.toks[self.tok_index(q.start).saturating_sub(back + 1)].start;
                    return Some(self.text()[from..q.end].to_string());
                }
                None
            })
            .collect()
    }

    /// Whether a non-state armed group's words open with itself doing violence: "it" or "they",
    /// or "its"/"their" and a noun, then a violent act within a few words.
    fn claims_own_act(&self, speaker: &str, r: Range<usize>) -> bool {
        if !self.armed_speaker(speaker) {
            return false;
        }
        // "said in a statement on its own channel that it had killed …": what is said opens after
        // an early "that".
        let t = self.text();
        let lead = self.toks[self.tok_index(r.start)..].iter().take(10).take_while(|k| k.end <= r.end);
        let from =
            lead.filter(|k| t[k.start..k.end].eq_ignore_ascii_case("that")).last().map_or(r.start, |k| k.end);
        let words = self.words(from, r.end.min(from + 80));
        // "said on Tuesday its fighters …": a date may come first; "claimed to have killed",
        // "said mujahideen had fired": the group's own men or an infinitive of its own act.
        let opens = words.iter().take(4).any(|w| {
            holds(&self.grammar().plural_or_thing_pronouns, w)
                || holds(&self.grammar().possessives, w)
                || holds(&self.ex.cues.statements.own_men, w)
        }) || words.first().is_some_and(|w| w.as_str() == "to");
        opens
            && self.hits_in(from..r.end).iter().any(|h| {
                h.start >= from
                    && h.end <= r.end
                    // "said on Monday \"mujahideen\" had fired": a date and quotes come first.
                    && self.tokens_between(from, h.start) <= 9
                    && self.trigger_of(h).is_some_and(|t| t.sub_event.is_some_and(crate::events::is_violent))
                    // "two of its fighters were killed": its men suffered the act, it did not do it.
                    && !self.word_before(h.start).is_some_and(|w| holds(&self.grammar().passive, &w))
            })
    }

    /// Whether a speaker is a non-state armed group of the dictionary (not an unidentified one).
    fn armed_speaker(&self, speaker: &str) -> bool {
        let dict = &self.ex.dict;
        dict.by_name(speaker).is_some_and(|i| {
            let k = dict.actors[i].kind_on(self.published);
            crate::actors::is_non_state_armed_kind(k) && k != "unidentified"
        })
    }

    /// Whether a violent act's word is the object of a verb: within `reach` words after it, before
    /// `end`, with no clause opening between ("rejects the attack", not "rejects that they attacked").
    fn act_object(&self, verb: &Hit, end: usize, reach: usize) -> bool {
        let g = self.grammar();
        self.hits_in(verb.end..end).iter().any(|t| {
            t.end <= end
                && self.tokens_between(verb.end, t.start) <= reach
                && self.trigger_of(t).is_some_and(|tr| tr.sub_event.is_some_and(crate::events::is_violent))
                && !self.words(verb.end, t.start).iter().any(|w| {
                    // "disputed the identity of those killed": the act is not the object.
                    w == "that"
                        || w == "to"
                        || w == "of"
                        || holds(&g.plural_or_thing_pronouns, w)
                        || holds(&self.ex.cues.anaphora.person_pronouns, w)
                        || holds(&self.ex.cues.anaphora.plural_pronouns, w)
                })
                && !self.word_after(t.end).is_some_and(|w| holds(&g.passive, &w) || w == "had" || w == "has")
        })
    }

    /// Whether a speaker is an armed party of the dictionary: state forces, police, rebels, militias.
    fn armed_speaker_kind(&self, speaker: &str) -> bool {
        let dict = &self.ex.dict;
        dict.by_name(speaker).is_some_and(|i| {
            let k = dict.actors[i].kind_on(self.published);
            crate::actors::is_armed_kind(k) && k != "unidentified"
        })
    }

    /// "claimed the raid", "claims the attack on its channels": a claim verb whose object, within
    /// a few words, is a violent act; "claimed the attack was …" reports a clause instead.
    fn claims_act_noun(&self, verb: &Hit, sent: &Range<usize>) -> bool {
        let word = self.text()[verb.start..verb.end].to_lowercase();
        holds(&self.grammar().claim_verbs, &word) && self.act_object(verb, sent.end, 3)
    }

    /// "The attack was claimed on Sunday by IS": a passive claim verb after a violent act's noun;
    /// the claimant is the first name after "by".
    fn passive_claimant(&self, verb: &Hit, sent: &Range<usize>) -> Option<&Mention> {
        let word = self.text()[verb.start..verb.end].to_lowercase();
        if !holds(&self.grammar().claim_verbs, &word)
            || !self.word_before(verb.start).is_some_and(|w| holds(&self.grammar().passive, &w))
        {
            return None;
        }
        let act = self.hits_in(sent.start..verb.start).iter().any(|t| {
            self.trigger_of(t).is_some_and(|tr| tr.sub_event.is_some_and(crate::events::is_violent))
                && self.tokens_between(t.end, verb.start) <= 4
        });
        if !act {
            return None;
        }
        let t = self.text();
        let by = self.toks[self.tok_index(verb.end)..]
            .iter()
            .take(6)
            .take_while(|k| k.end <= sent.end)
            .find(|k| t[k.start..k.end].eq_ignore_ascii_case("by"))?;
        self.mentions_in(by.end..sent.end).next().filter(|m| self.tokens_between(by.end, m.start) <= 2)
    }

    fn quote_in(&self, r: Range<usize>) -> Option<String> {
        let t = &self.text()[r];
        let a = t.find('"')?;
        let b = t[a + 1..].find('"')? + a + 1;
        Some(t[a + 1..b].trim().to_string()).filter(|q| !q.is_empty())
    }

    /// "The Governor calls on …": a title alone names whoever was named with that title before
    /// (the statement whose sentence holds the word "Governor"), else the document's own voice.
    fn title_referent(&self, sp: &Speaker, told: &[Told], voice: Option<&Speaker>) -> Option<Speaker> {
        let words: Vec<&str> = sp.name.split_whitespace().collect();
        // (A title may carry its office as affiliation: "The Governor" is still a bare title.)
        let bare =
            (2..=3).contains(&words.len()) && holds(&self.grammar().definite, &words[0].to_lowercase());
        if !bare {
            return Some(sp.clone());
        }
        let title = words[words.len() - 1];
        let t = self.text();
        told.iter()
            .find(|x| x.person && t[x.sent.clone()].contains(title))
            .map(|x| x.speaker.clone())
            .or_else(|| voice.cloned())
            .or_else(|| Some(sp.clone()))
    }

    /// The statements of a document; `voice` is who the document itself speaks for (an army's
    /// press office, a governor's communiqué): it says the sentences written in the first person
    /// ("We call on …") and the dismissals no one else is said to make ("The claims … are baseless").
    pub fn statements(&self, voice: Option<&Speaker>) -> Vec<Statement> {
        let mut told: Vec<Told> = Vec::new();
        // A speech word inside a name ("United States", "Islamic State") is no verb.
        let verbs = select(&self.hits, |h| {
            matches!(h.tag, Tag::Cue(Cue::Speech(_)))
                && !self.mentions.iter().any(|m| m.start < h.end && h.start < m.end && !m.anaphor)
                && !self.places.iter().any(|p| p.start < h.end && h.start < p.end)
                // "its demands", "was reported": a noun or a passive, not a speaker's verb.
                && (!self.word_before(h.start).is_some_and(|w| holds(&self.grammar().not_verb_before, &w))
                    || self.passive_claimant(h, &self.sents[self.sentence_of(h.start)]).is_some())
        });
        let mut out: Vec<Statement> = Vec::new();
        for (si, sent) in self.sents.iter().enumerate() {
            let mut here: Vec<&Hit> =
                verbs.iter().copied().filter(|h| h.start >= sent.start && h.end <= sent.end).collect();
            // "said in a statement that …", "in a statement denied": of two phrases of saying side by
            // side, one is how it was said; the verb that gives a kind stays.
            here.dedup_by(|b, a| {
                let side_by_side = self.tokens_between(a.end, b.start) == 0;
                if side_by_side
                    && a.tag == Tag::Cue(Cue::Speech(StatementKind::Other))
                    && b.tag != Tag::Cue(Cue::Speech(StatementKind::Other))
                {
                    std::mem::swap(a, b);
                }
                side_by_side
            });
            let mut spoke = false;
            let mut last_speaker: Option<Speaker> = None;
            for (k, h) in here.iter().enumerate() {
                let Tag::Cue(Cue::Speech(verb_kind)) = h.tag else { continue };
                // "is expected to … deny", "will condemn": a saying to come is not said.
                if self
                    .word_before(h.start)
                    .is_some_and(|w| holds(&self.ex.cues.statements.unsaid_before, &w))
                {
                    continue;
                }
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
                    let short = rest.len() <= 3
                        && rest.iter().all(|w| {
                            holds(&self.grammar().place_prepositions, w)
                                || holds(&self.grammar().platforms, w)
                        });
                    // "…, the government announced in a communiqué read on state television": a
                    // speaker set off by a comma after what was said, then only how it was said.
                    let set_off = {
                        let lead = &t[sent.start..h.start];
                        lead.rfind(", ").is_some_and(|c| {
                            self.tokens_between(sent.start + c, h.start) <= 7
                                && self.tokens_between(sent.start, sent.start + c) >= 6
                        })
                    };
                    let how = set_off
                        && rest.first().is_some_and(|w| holds(&self.ex.cues.statements.said_how, w))
                        && !rest.iter().any(|w| w == "that")
                        && !t[h.end..end].contains(['"', '\u{201c}', '\u{201d}', ':']);
                    short || how
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
                // A verb before it that found no speaker ("\"We call on them …,\" the colonel said")
                // leaves it the first.
                let content = if (tail || closed) && (k == 0 || !spoke) { before } else { h.end..next };
                // "The minister blamed the TTP and vowed to …": the second verb has the first's speaker.
                // "condemned the killings, calling them barbaric, and urged …": commas inside the
                // first verb's words do not change the subject; a semicolon does.
                let conjoined = k > 0
                    && self
                        .words(here[k - 1].end, h.start)
                        .last()
                        .is_some_and(|w| holds(&self.ex.cues.statements.same_subject_joiners, w))
                    && !self.text()[here[k - 1].end..h.start].contains(';');
                let continues = (word.starts_with("add") || word == "concluded")
                    && self.text()[sent.start..h.start].trim_end().ends_with(',')
                    && !tail
                    || conjoined && last_speaker.is_some();
                let passive = self.passive_claimant(h, sent);
                // "nine men accused of smuggling": a participle with no object names who is
                // accused; the accuser is whoever tells of it in the sentence, if anyone.
                let accused =
                    verb_kind == StatementKind::Accuse && self.word_after(h.end).as_deref() == Some("of");
                let speaker = if let Some(m) = passive {
                    self.speaker_ref(m)
                } else if accused || continues {
                    last_speaker.clone()
                } else if word == "according to" {
                    self.mentions_in(h.end..next).next().and_then(|m| self.speaker_ref(m))
                } else if let Some(m) = self.appositive_subject(sent, h.start) {
                    self.speaker_ref(m)
                } else {
                    // "…; association accuses": a semicolon closes the clause of any name before it.
                    let clause =
                        self.text()[sent.start..h.start].rfind(';').map_or(sent.start, |i| sent.start + i);
                    // "…, accusing them of …": a participle after a comma has the subject of the clause.
                    // "fighters abducted two teachers and demanded a ransom": a verb joined to an act
                    // that is no saying has the subject of that act too.
                    let joined = self
                        .word_before(h.start)
                        .is_some_and(|w| holds(&self.ex.cues.statements.same_subject_joiners, &w));
                    let participle = word.ends_with("ing")
                        && self.text()[clause..h.start].trim_end().ends_with(',')
                        || joined;
                    // The joined act's subject is in the same stretch between commas ("…, a decision
                    // the leader called a sin and vowed to ignore").
                    // When that stretch names no one, the clause's subject ("The army, in a post, admitted
                    // … but said …").
                    let clause = match self.text()[clause..h.start].rfind(", ") {
                        Some(i) if joined && self.mentions_in(clause + i..h.start).next().is_some() => {
                            clause + i
                        }
                        _ => clause,
                    };
                    // "condolences to the families … and calls on": an object, past its article.
                    let objectless = |m: &&Mention| {
                        let mut at = m.start;
                        let mut w = self.word_before(at);
                        if w.as_deref().is_some_and(|w| holds(&self.grammar().determiners, w)) {
                            at = self.toks[self.tok_index(at).saturating_sub(1)].start;
                            w = self.word_before(at);
                        }
                        // "a spokesman for the militia denied", "members of the assembly condemned": the
                        // side the speaker belongs to speaks.
                        let side = matches!(w.as_deref(), Some("of" | "for"))
                            && self
                                .word_before(self.toks[self.tok_index(at).saturating_sub(1)].start)
                                .is_some_and(|h| holds(&self.ex.cues.statements.affiliation_heads, &h));
                        side || !matches!(
                            w.as_deref(),
                            Some("of" | "against" | "on" | "by" | "to" | "with" | "in" | "at" | "for")
                        )
                    };
                    let subj = if participle {
                        self.mentions_in(clause..h.start).find(objectless)
                    } else {
                        self.mentions_in(clause..h.start).rev().find(objectless)
                    };
                    // A verb at the end speaks for the words just before it ("…, the governor said").
                    let reach = if tail {
                        3
                    } else if participle {
                        40
                    } else {
                        12
                    };
                    let near = subj.filter(|m| self.tokens_between(m.end, h.start) <= reach);
                    // "men whom it accused", "young men they accused": a pronoun right before the verb
                    // is its subject; a name before that is not.
                    let pronoun = self.word_before(h.start).is_some_and(|w| {
                        let a = &self.ex.cues.anaphora;
                        holds(&self.grammar().plural_or_thing_pronouns, &w)
                            || holds(&a.plural_pronouns, &w)
                            || holds(&a.person_pronouns, &w)
                    });
                    let near = near.filter(|m| !pronoun || self.tokens_between(m.end, h.start) == 0);
                    // A name written right before the verb speaks, not an actor further back
                    // ("wounding five people, regional governor Oleh Syniehubov said").
                    let written = self.unknown_speaker(sent, h.start);
                    // "Interior Minister X flew to Bol and said": with no one named before
                    // the joined verb, the name that opens the clause.
                    let written = written.or_else(|| {
                        if !joined || near.is_some() {
                            return None;
                        }
                        let t = self.text();
                        let lower = self.toks[self.tok_index(clause)..self.tok_index(h.start)]
                            .iter()
                            .take(9)
                            .find(|k| t[k.start..k.end].starts_with(|c: char| !c.is_uppercase()))?;
                        self.unknown_speaker(sent, lower.start).filter(|sp| {
                            t[clause..].trim_start().starts_with(sp.text.as_deref().unwrap_or("-"))
                        })
                    });
                    // "A lawyer representing the two men denied", "The defence rejected": a
                    // person or body named by its role, not by a name.
                    let role = if participle || tail { None } else { self.role_subject(clause, h.start) };
                    // A name after the role is the role's complement ("a lawyer representing the
                    // two men"), unless a new subject opens after a conjunction or a comma ("the
                    // court jailed three men and the Taliban said").
                    let near = match (near, &role) {
                        (Some(m), Some((r, _))) if m.start > r.end => {
                            let between = &self.text()[r.end..m.start];
                            let relative = |i: usize| {
                                between[i + 2..].split(' ').next().is_some_and(|w| {
                                    holds(&self.ex.cues.statements.relative_openers, &w.to_lowercase())
                                })
                            };
                            let new_subject = between.contains(" and ")
                                || between.contains(" but ")
                                || between.match_indices(", ").any(|(i, _)| !relative(i));
                            new_subject.then_some(m)
                        }
                        (Some(m), Some((r, _))) if m.end <= r.start => None,
                        (m, _) => m,
                    };
                    let written = written.or_else(|| role.map(|(_, sp)| sp));
                    // "… Mansour Tahiri vowed …. He said …": "he" right after a person spoke is that person,
                    // whoever else the pronoun could stand for.
                    let spoke_before =
                        told.last().filter(|x| x.person && si > 0 && x.sent == self.sents[si - 1]);
                    match near {
                        Some(m)
                            if m.anaphor
                                && spoke_before.is_some()
                                && holds(
                                    &self.ex.cues.anaphora.person_pronouns,
                                    &self.text()[m.start..m.end].to_lowercase(),
                                ) =>
                        {
                            spoke_before.map(|x| x.speaker.clone())
                        }
                        // "The Government strongly condemns", "the Frontier Security Directorate (FSD) said": the
                        // name before the verb is the mention.
                        Some(m)
                            if written.is_none()
                                || self.only_manner(m.end, h.start)
                                || written
                                    .as_ref()
                                    .and_then(|w| w.text.as_deref())
                                    .is_some_and(|w| w.ends_with(&self.text()[m.start..m.end])) =>
                        {
                            self.speaker_ref(m)
                        }
                        // "The General Staff calls on …, warning that …": the participle's speaker is
                        // the one who spoke before it in the sentence.
                        _ if written.is_none() && participle && !joined => last_speaker.clone(),
                        _ => written,
                    }
                };
                // The word before the verb past manner words: a pronoun subject ("We urge", "He warns").
                let subject_word = {
                    let t = self.text();
                    self.toks[..self.tok_index(h.start)]
                        .iter()
                        .rev()
                        .take_while(|k| k.start >= sent.start)
                        .map(|k| t[k.start..k.end].to_lowercase())
                        .find(|w| !holds(&self.ex.cues.statements.speech_adverbs, w))
                };
                let speaker = match speaker {
                    Some(sp) => self.title_referent(&sp, &told, voice),
                    None => match subject_word.as_deref() {
                        // Inside a quote, "we" is whoever the quote is given to, not the document.
                        Some(w)
                            if holds(&self.ex.cues.statements.first_person, w)
                                && !self.text()[sent.start..h.start].contains(['"', '\u{201c}']) =>
                        {
                            voice.cloned()
                        }
                        Some(w) if holds(&self.ex.cues.anaphora.person_pronouns, w) => {
                            told.iter().rev().find(|x| x.person).map(|x| x.speaker.clone())
                        }
                        // "Petinglay said": a surname alone is the person named in full before.
                        Some(w) if w.len() > 2 => told
                            .iter()
                            .rev()
                            .find(|x| {
                                x.person
                                    && x.speaker
                                        .name
                                        .rsplit(' ')
                                        .next()
                                        .is_some_and(|l| l.eq_ignore_ascii_case(w))
                                    && x.speaker.name.contains(' ')
                            })
                            .map(|x| x.speaker.clone()),
                        _ => None,
                    },
                };
                let Some(speaker) = speaker else { continue };
                spoke = true;
                last_speaker = Some(speaker.clone());
                told.push(Told {
                    person: speaker.affiliation.as_ref() != Some(&speaker.name)
                        && !holds(
                            &self.grammar().definite,
                            &speaker.name.split(' ').next().unwrap_or_default().to_lowercase(),
                        ),
                    speaker: speaker.clone(),
                    sent: sent.clone(),
                });
                if verb_kind == StatementKind::ClaimResponsibility
                    && self
                        .cue_hits(sent.start..h.start, Cue::ClaimNegated)
                        .any(|n| self.tokens_between(n.end, h.start) <= 3)
                {
                    continue;
                }
                let kind = if passive.is_some()
                    || verb_kind == StatementKind::Other
                        && self.armed_speaker(&speaker.name)
                        && self.claims_act_noun(h, sent)
                {
                    StatementKind::ClaimResponsibility
                } else if verb_kind == StatementKind::Other {
                    self.content_kind(content.clone())
                } else if verb_kind == StatementKind::Reject && self.act_object(h, next, 6) {
                    // "rejects in the strongest terms the attack on …": an act is condemned, not denied.
                    StatementKind::Condemn
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
                // "claimed the attack, saying its fighters had killed 20 soldiers": the claim also
                // puts a figure on what it claims.
                let mut kinds = vec![kind];
                // Not the toll told of the act itself ("claimed responsibility for the bombing that
                // left six dead"): after "claimed responsibility", the figure comes in what follows
                // a comma ("…, saying it had killed 20").
                let said_after = self.text()[content.clone()]
                    .find(", ")
                    .is_some_and(|i| !self.figures(content.start + i..content.end).is_empty());
                if kind == StatementKind::ClaimResponsibility
                    && !figures.is_empty()
                    && (verb_kind == StatementKind::Other || said_after)
                {
                    kinds.push(StatementKind::AssertFigure);
                }
                for kind in kinds {
                    // One record per speaker and kind: a second sentence saying the same adds evidence.
                    if let Some(prev) =
                        out.iter_mut().find(|s| s.speaker.name == speaker.name && s.kind == kind)
                    {
                        if !prev.evidence.contains(&ev) {
                            prev.evidence.push(ev);
                        }
                        prev.figures.extend(figures.iter().cloned());
                        continue;
                    }
                    out.push(Statement {
                        speaker: speaker.clone(),
                        kind,
                        plover: kind.plover(),
                        target: target.clone(),
                        quote: quote.clone(),
                        figures: figures.clone(),
                        evidence: vec![ev],
                        confidence: if kind == StatementKind::Other { 0.5 } else { 0.75 },
                    });
                }
            }
            // "The claims made by some officials are baseless." in a press office's own post; "Troops
            // neutralised 58 terrorists" in the post of a party to the fighting: its own figure.
            // A headline in capitals or a title line is no saying of the body's.
            let letters: Vec<char> =
                self.text()[sent.clone()].chars().filter(|c| c.is_alphabetic()).collect();
            let shouted = letters.iter().filter(|c| c.is_uppercase()).count() * 2 > letters.len();
            if let Some(v) = voice
                && !spoke
                && !shouted
                && !self.is_headline(si)
            {
                let figures =
                    if self.armed_speaker_kind(&v.name) { self.figures(sent.clone()) } else { Vec::new() };
                let kind = if self.says_any(sent.clone(), &self.ex.cues.statements.voice_reject) {
                    Some(StatementKind::Reject)
                } else if !figures.is_empty() {
                    Some(StatementKind::AssertFigure)
                } else {
                    None
                };
                if let Some(kind) = kind {
                    let ev = self.span(sent.clone());
                    match out.iter_mut().find(|s| s.speaker.name == v.name && s.kind == kind) {
                        Some(prev) => {
                            prev.evidence.push(ev);
                            prev.figures.extend(figures);
                        }
                        None => out.push(Statement {
                            speaker: v.clone(),
                            kind,
                            plover: kind.plover(),
                            target: None,
                            quote: Some(self.text()[sent.clone()].trim().to_string()),
                            figures,
                            evidence: vec![ev],
                            confidence: 0.6,
                        }),
                    }
                }
            }
        }
        out
    }

    /// "Zalmay Khalilzad, Washington's main man …, tweeted": the name before an appositive
    /// set off by commas is the subject of the verb after it.
    fn appositive_subject(&self, sent: &Range<usize>, verb: usize) -> Option<&Mention> {
        let t = self.text();
        // "Al-Shabaab, which has fought the government for years, said": a group's relative
        // clause is set off the same way.
        self.mentions_in(sent.start..verb).find(|m| {
            let between = t[m.end..verb].trim();
            let relative = self
                .words(m.end, verb)
                .get(1)
                .is_some_and(|w| holds(&self.ex.cues.statements.relative_openers, w));
            (matches!(m.who, Who::Person(_)) || relative && !m.anaphor)
                && between.starts_with(',')
                && between.ends_with(',')
                && between.len() > 1
        })
    }
}

/// "UPP", "FSD", "FLEC": two to six capitals, no lower case.
fn is_acronym(w: &str) -> bool {
    (2..=6).contains(&w.chars().count()) && w.chars().all(|c| c.is_ascii_uppercase())
}

#[cfg(test)]
mod tests {
    use super::is_acronym;

    #[test]
    fn acronyms_are_short_runs_of_capitals() {
        let cases = [
            ("UPP", true),
            ("FSD", true),
            ("FLEC", true),
            ("A", false),
            ("Nato", false),
            ("ABCDEFG", false),
            ("3R", false),
        ];
        for (w, want) in cases {
            assert_eq!(is_acronym(w), want, "{w}");
        }
    }
}
