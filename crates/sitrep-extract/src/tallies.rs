//! Tallies: counts of events that the text itself reports ("on eight occasions", "took the
//! number of attacks to eight").

use crate::doc::Doc;
use crate::lexicon::holds;
use crate::scan::{Cue, Tag, select};
use sitrep_model::{AcledEventType, ActorRef, DatePrecision, Tally, TallyLocation};
use sitrep_text::TimeExpr;
use std::collections::HashSet;
use std::ops::Range;

/// A count of events found in a sentence.
#[derive(Debug, Clone, Copy)]
struct Found {
    count: u32,
    /// Where the count starts, and where its counting phrase ends.
    start: usize,
    after: usize,
    /// Counted in so many words ("on eight occasions", "the third attack this month"); a number
    /// before an event noun ("25 raids on Sheikh Miskeen") may be a burst of violence told as news.
    explicit: bool,
    /// "It was the third attack …": the subject points back to the act just told, not to who
    /// carried out the acts counted.
    ordinal: bool,
}

impl Doc<'_> {
    /// The tallies of the document, and the sentences they use up (a sentence that only counts
    /// events, and the sentence that says where, report no single event).
    pub fn tallies(&self) -> (Vec<Tally>, HashSet<usize>) {
        let mut out = Vec::new();
        let mut used = HashSet::new();
        for (si, sent) in self.sents.iter().enumerate() {
            let Some(found) = self.tally_count(sent) else { continue };
            let Found { count, after, explicit, .. } = found;
            // "It was the third roadside bomb …": the act counted is named after the ordinal.
            let from = if found.ordinal { after } else { sent.start };
            let triggers = select(self.hits_in(from..sent.end), |h| {
                h.end <= sent.end && matches!(h.tag, Tag::Trigger(_))
            });
            let trig = triggers
                .iter()
                .filter_map(|h| match h.tag {
                    Tag::Trigger(i) => self.ex.triggers[i].sub_event.map(|_| (*h, &self.ex.triggers[i])),
                    _ => None,
                })
                .max_by_key(|(_, t)| t.priority);
            let pivot = trig.map(|(h, _)| h.start).unwrap_or(after);
            let ms: Vec<_> = self.mentions_in(sent.clone()).collect();
            // "the number of Daesh attacks": the actor right after the counting phrase.
            let counted = self
                .cue_hits(sent.clone(), Cue::TallyNumberOf)
                .next()
                .and_then(|c| ms.iter().find(|m| m.start >= c.end && m.end <= pivot));
            let tc = &self.ex.cues.tallies;
            let subj = if found.ordinal {
                // "the ninth ELN attack", "the third attack by the ELN"; "it" and "this" name nobody.
                ms.iter().find(|m| {
                    m.start >= after && (m.end <= pivot || self.word_before(m.start).as_deref() == Some("by"))
                })
            } else {
                counted.or_else(|| {
                    ms.iter().rev().find(|m| {
                        m.end <= pivot
                            && !self.word_before(m.start).is_some_and(|w| holds(&tc.not_subject_after, &w))
                            && !self.in_aside(m.start..m.end, pivot)
                    })
                })
            };
            // "UNIFIL said it had counted 5,000 Israeli air violations": who counts did not act.
            let told = |m: &crate::doc::Mention| {
                m.end <= found.start && self.says_any(m.end..found.start, &tc.recorders)
            };
            let subj = subj.filter(|m| !told(m)).map(|m| (*m).clone());
            // "11 attacks claimed by ISKP": with no subject, the agent after the count.
            let subj = subj.or_else(|| {
                ms.iter()
                    .find(|m| {
                        m.start >= pivot
                            && self.word_before(m.start).as_deref() == Some("by")
                            && self.clause_start(m.start) <= pivot
                    })
                    .map(|m| (*m).clone())
            });
            // "5,000 Israeli air violations", "The Turkish occupation drones carried out 21 strikes":
            // a demonym in the acts' noun phrase, or in the subject's unless that only counted them.
            let subj = subj.or_else(|| {
                self.demonym_in(found.start..pivot.max(found.start)).or_else(|| {
                    let cs = self.clause_start(found.start);
                    self.demonym_in(cs..found.start)
                        .filter(|_| !self.says_any(cs..found.start, &tc.recorders))
                })
            });
            let subj = subj.as_ref();
            let obj = ms.iter().find(|m| {
                m.start >= pivot
                    && Some(m.start) != subj.map(|s| s.start)
                    && (!found.ordinal
                        || self.word_before(m.start).is_some_and(|w| holds(&tc.target_after, &w)))
            });
            // The period counted: a range before a single day, and never the dateline's date nor a
            // statement's ("the ministry said on Wednesday").
            // "14 incidents in January, against 19 in December": a second count with its own period.
            let second = self.compared_count(sent, &found);
            let scope = sent.start..second.map_or(sent.end, |(_, at)| at);
            let dates: Vec<&TimeExpr> = self
                .times
                .iter()
                .filter(|x| x.start >= scope.start && x.end <= scope.end)
                // "the 14th attack" is no day of the month; "UNIFIL, whose mandate the Council voted
                // last week to end, counted …" dates no count.
                .filter(|x| {
                    !(x.start < after && found.start < x.end || self.in_aside(x.start..x.end, found.start))
                })
                .filter(|x| {
                    !self.in_dateline(x.end)
                        && !self.hits_in(x.start.saturating_sub(64)..x.start).iter().any(|h| {
                            matches!(h.tag, Tag::Cue(Cue::Speech(_)))
                                && self.tokens_between(h.end, x.start) <= 1
                        })
                })
                .collect();
            // Among periods alike, the one nearest the count ("14 attacks in Iraq in April, down
            // from 22 in March" counts April).
            let best = period(&dates, after);
            let date = best.map(|x| x.date);
            let date_end = best.and_then(|x| x.date_end);
            let country = self.country.clone();
            let resolve =
                |m: &crate::doc::Mention| -> Option<ActorRef> { self.actor_ref(m, country.as_deref(), date) };
            let actor1 = subj.and_then(resolve);
            let actor2 = obj.and_then(|m| resolve(m));
            let armed =
                obj.is_some_and(|m| self.is_armed(m)) || self.has_cue(pivot..sent.end, Cue::ArmedTarget);
            let sub =
                trig.and_then(|(_, t)| if armed { t.armed_target.or(t.sub_event) } else { t.sub_event });
            let mut evidence = vec![sent.clone()];
            let mut place_range = vec![sent.clone()];
            let (killed, _) = self.casualties(sent.clone());
            // Only a sentence that counts in so many words ("on eight occasions", "took the number
            // of attacks to eight") is a tally instead of an event; "25 raids on Sheikh Miskeen" is
            // a burst of violence reported as news.
            // "Warplanes carry out a massacre in X, raising the number of martyrs to 100": an event
            // told in its own clause before the count is news as well.
            let own_clause =
                trig.is_some_and(|(h, _)| h.end < after && self.text()[h.end..after].contains(", "));
            // "six raids … in October, killing 14": a count over a month or more, with no day of
            // its own in the sentence, is a tally and not one event, whatever its toll.
            let over_a_period = best
                .is_some_and(|x| x.date_end.is_some_and(|e| (e - x.date).num_days() >= 7))
                && !dates.iter().any(|x| x.precision == DatePrecision::Day);
            // A number before an event noun is a count only over a period (`names_a_period`): with
            // no toll, "carried out 300 drone attacks since the truce" tells no one attack either.
            if (killed.is_unknown() || over_a_period) && !own_clause {
                used.insert(si);
            }
            // The next sentence says where, if it adds only places ("It also showed that … in
            // Kabul and the provinces of Herat and Balkh").
            // Not after "It was the third attack in the district this month": that sentence looks
            // back at the act told, and the next one goes on with the report.
            if let Some(next) = self.sents.get(si + 1)
                && explicit
                && !found.ordinal
                && self.elaborates(next)
            {
                used.insert(si + 1);
                evidence.push(next.clone());
                place_range.push(next.clone());
            }
            let locations = locations_in(self, &place_range);
            let tally = Tally {
                count,
                event_type: sub
                    .map(|s| s.event_type())
                    .or(trig.map(|_| AcledEventType::Battles).filter(|_| armed)),
                sub_event_type: None,
                actor1,
                actor2,
                date,
                date_end,
                locations,
                evidence: evidence.into_iter().map(|r| self.span(r)).collect(),
                confidence: 0.7,
            };
            if let Some((n, at)) = second {
                // The same acts by the same hands, over the period named after the second count.
                let dates: Vec<&TimeExpr> =
                    self.times.iter().filter(|x| x.start >= at && x.end <= sent.end).collect();
                let best = period(&dates, at);
                let locations = locations_in(self, std::slice::from_ref(&(at..sent.end)));
                out.push(Tally {
                    count: n,
                    date: best.map(|x| x.date),
                    date_end: best.and_then(|x| x.date_end),
                    locations,
                    ..tally.clone()
                });
            }
            out.push(tally);
        }
        (out, used)
    }

    /// Whether a mention before the count sits in a clause set off before it that tells something
    /// else ("Since August 2023, when the government declared an emergency, we have documented
    /// 62 drone strikes").
    fn in_aside(&self, r: Range<usize>, pivot: usize) -> bool {
        let cs = self.clause_start(r.start);
        self.clause_end(r.end) < pivot
            && self.words(cs, r.start).first().is_some_and(|w| holds(&self.ex.cues.tallies.asides, w))
    }

    /// A country named by its demonym in a range, as an actor ("The Turkish occupation drones
    /// carried out 21 strikes", "5,000 Israeli air violations"): a capitalised word the gazetteer
    /// knows as a country's, not after a preposition ("drones over Syrian villages").
    fn demonym_in(&self, r: Range<usize>) -> Option<crate::doc::Mention> {
        let t = self.text();
        let (a, z) = (self.tok_index(r.start), self.tok_index(r.end).min(self.toks.len()));
        (a..z).find_map(|k| {
            let tok = self.toks[k];
            let w = &t[tok.start..tok.end];
            if !w.chars().next().is_some_and(char::is_uppercase)
                || self
                    .word_before(tok.start)
                    .is_some_and(|p| holds(&self.grammar().not_actor_prepositions, &p))
            {
                return None;
            }
            let c = self.ex.gazetteer().country_of_word(w)?;
            // A country's own name is a place; only its demonym qualifies the acts.
            (!self.places.iter().any(|p| p.start <= tok.start && tok.end <= p.end)).then(|| {
                crate::doc::Mention {
                    start: tok.start,
                    end: tok.end,
                    who: crate::doc::Who::Country(c.to_string()),
                    anaphor: false,
                }
            })
        })
    }

    /// "… 14 incidents in January, against 19 in December": a second count beside the first, for a
    /// period of its own named right after it. The count, and where it starts.
    fn compared_count(&self, sent: &Range<usize>, first: &Found) -> Option<(u32, usize)> {
        if first.ordinal {
            return None;
        }
        let tc = &self.ex.cues.tallies;
        let g = self.grammar();
        self.quantities.iter().filter(|q| q.start >= first.after && q.end <= sent.end).find_map(|q| {
            let n = q.min.filter(|n| Some(*n) == q.max)?;
            let before = self.words(self.clause_start(q.start), q.start).join(" ");
            if !tc.comparisons.iter().any(|c| before == *c || before.ends_with(&format!(" {c}"))) {
                return None;
            }
            // "against 19 in December", not "against 19 people" nor "in the same period last year".
            self.times.iter().find(|x| {
                x.start >= q.end
                    && x.end <= sent.end
                    && self.tokens_between(q.end, x.start) <= 1
                    && self.words(q.end, x.start).iter().all(|w| holds(&g.object_prepositions, w))
            })?;
            Some((n, q.start))
        })
    }

    /// A count of events in a sentence.
    fn tally_count(&self, sent: &Range<usize>) -> Option<Found> {
        let tc = &self.ex.cues.tallies;
        // "took the number of Daesh attacks on the Taliban to eight"; not "raising the number of
        // martyrs to 18", a count of people.
        if let Some(h) = self
            .cue_hits(sent.clone(), Cue::TallyNumberOf)
            .find(|h| self.text()[h.start..h.end].split_whitespace().count() > 3)
        {
            let t = self.text();
            let to = t[h.end..sent.end].find(" to ").map(|i| h.end + i + 4)?;
            self.cue_hits(h.end..to, Cue::TallyOccasion).next()?;
            let q = self.quantities.iter().find(|q| q.start >= to && q.start <= to + 2)?;
            return Some(Found {
                count: q.min?,
                start: h.start,
                after: h.end,
                explicit: true,
                ordinal: false,
            });
        }
        // "on eight occasions", "eight times", "carried out 12 raids", "at least 12 airstrikes"
        for q in self.quantities.iter().filter(|q| q.start >= sent.start && q.end <= sent.end) {
            // "more than 1,200 airstrikes" counts 1,200; "dozens of attacks" gives no count.
            let Some(n) = q.min.filter(|n| Some(*n) == q.max || q.max.is_none() && !q.approximate) else {
                continue;
            };
            let Some(c) = self.cue_hits(q.end..sent.end, Cue::TallyOccasion).next() else { continue };
            if !self.modifies(q.end, c.start) {
                continue;
            }
            let w = self.text()[c.start..c.end].to_lowercase();
            // A plain event noun counts events only from three on ("two attacks" is told one by one).
            let explicit = w == "occasions" || w == "times" || w.starts_with("separate");
            if explicit || n >= 3 {
                if self.times.iter().any(|x| x.start <= q.start && q.end <= x.end) {
                    continue;
                }
                if !explicit && !self.names_a_period(sent, q.start) {
                    continue;
                }
                return Some(Found { count: n, start: q.start, after: c.end, explicit, ordinal: false });
            }
        }
        // "It was the third roadside bomb in the district this month", "the 14th attack on the
        // pipeline this year": the acts of a period, the one told being the last.
        let (a, z) = (self.tok_index(sent.start), self.tok_index(sent.end).min(self.toks.len()));
        let word = |k: usize| self.text()[self.toks[k].start..self.toks[k].end].to_lowercase();
        for k in a + 2..z {
            let tok = self.toks[k];
            // Every token is asked: "the" first, compared in place, with no lower-cased copy.
            let the = self.toks[k - 1];
            if !self.text()[the.start..the.end].eq_ignore_ascii_case("the") {
                continue;
            }
            let Some(n) = ordinal_value(&word(k), &tc.ordinals) else { continue };
            if !holds(&self.grammar().passive, &word(k - 2)) {
                continue;
            }
            let next = if k + 1 < z && word(k + 1) == "such" { k + 2 } else { k + 1 };
            if next < z && holds(&tc.ordinal_not_acts, &word(next)) {
                continue;
            }
            let rest = tok.end..sent.end;
            let act = self.hits_in(rest.clone()).iter().any(|h| {
                h.end <= sent.end
                    && match h.tag {
                        Tag::Trigger(i) => self.ex.triggers[i].sub_event.is_some(),
                        Tag::Cue(Cue::TallyOccasion) => true,
                        _ => false,
                    }
            });
            let over_a_period = self.times.iter().any(|x| {
                x.start >= tok.end
                    && x.end <= sent.end
                    && (x.date_end.is_some()
                        || self.word_before(x.start).as_deref() == Some("since")
                        || self.text()[x.start..x.end].to_lowercase().starts_with("since"))
            });
            if act && over_a_period {
                return Some(Found {
                    count: n,
                    start: tok.start,
                    after: tok.end,
                    explicit: true,
                    ordinal: true,
                });
            }
        }
        None
    }

    /// Whether a count at `at` is told over a period: a time expression that spans days or opens
    /// with "since", or a word of `[tallies] periods`, in the count's clause ("12 airstrikes in
    /// Somalia since the start of the year") or opening the sentence ("Since the start of the
    /// year, this update has recorded 11 attacks"); not "For the first time since the escalation
    /// began, warplanes carried out 35 airstrikes".
    fn names_a_period(&self, sent: &Range<usize>, at: usize) -> bool {
        let periods = &self.ex.cues.tallies.periods;
        let spans = |x: &TimeExpr| {
            x.date_end.is_some_and(|e| e > x.date)
                || self.word_before(x.start).as_deref() == Some("since")
                || self.text()[x.start..x.end].get(..6).is_some_and(|w| w.eq_ignore_ascii_case("since "))
        };
        let times_in = |r: &Range<usize>| crate::doc::starting_in(&self.times, |x| x.start, r).1;
        let clause = self.clause_start(at)..self.clause_end(at);
        if times_in(&clause).iter().any(|x| x.end <= clause.end && spans(x))
            || self.says_any(clause.clone(), periods)
        {
            return true;
        }
        let opening = sent.start..self.clause_end(sent.start);
        if opening.end > at {
            return false;
        }
        let first = self.words(opening.start, opening.end).join(" ");
        times_in(&opening).iter().any(|x| spans(x) && self.tokens_between(opening.start, x.start) <= 1)
            || periods.iter().any(|p| first.starts_with(&format!("{p} ")))
    }

    /// Whether the words between a number and an event noun only qualify the noun ("41 insurgent
    /// attacks", "5,000 Israeli air violations"), so that the number counts the acts: not "five in
    /// attacks on police" nor "No. 3 - Attacks in Borno".
    fn modifies(&self, num_end: usize, noun: usize) -> bool {
        let between: Vec<&str> = self.text()[num_end..noun].split_whitespace().collect();
        let g = self.grammar();
        between.len() <= 2
            && between.iter().all(|w| {
                w.chars().next().is_some_and(char::is_alphabetic)
                    && w.chars().all(|c| c.is_alphabetic() || c == '-' || c == '\'')
                    && !holds(&g.object_prepositions, &w.to_lowercase())
                    && !holds(&g.determiners, &w.to_lowercase())
            })
    }

    fn elaborates(&self, s: &Range<usize>) -> bool {
        let first = self.words(s.start, s.end).into_iter().next().unwrap_or_default();
        let anaphoric = matches!(first.as_str(), "it" | "this" | "they" | "these" | "the");
        let has_places = self.places.iter().any(|p| p.start >= s.start && p.end <= s.end);
        let (k, _) = self.casualties(s.clone());
        let day = self
            .times
            .iter()
            .any(|x| x.start >= s.start && x.end <= s.end && x.precision == DatePrecision::Day);
        anaphoric && has_places && k.is_unknown() && !day
    }
}

/// Among the periods of a count, a range before a single day, and among periods alike the one
/// nearest the count ("14 attacks in Iraq in April, down from 22 in March" counts April).
fn period<'t>(dates: &[&'t TimeExpr], near: usize) -> Option<&'t TimeExpr> {
    dates
        .iter()
        .max_by_key(|x| {
            let rank = match x.precision {
                DatePrecision::Range => 5,
                DatePrecision::Day => 4,
                DatePrecision::Week => 3,
                DatePrecision::Month => 2,
                DatePrecision::Year => 1,
            };
            (rank, std::cmp::Reverse(x.start.abs_diff(near)))
        })
        .copied()
}

/// The places a tally's ranges name, each once.
fn locations_in(d: &Doc<'_>, ranges: &[Range<usize>]) -> Vec<TallyLocation> {
    let mut locations: Vec<TallyLocation> = Vec::new();
    for r in ranges {
        for p in d.places.iter().filter(|p| p.start >= r.start && p.end <= r.end) {
            // Countries say nothing a province does not; a dateline is where the report was filed.
            if p.place.precision == sitrep_model::GeoPrecision::Country || d.in_dateline(p.end) {
                continue;
            }
            if locations.iter().any(|l| l.geonameid == Some(p.place.geonameid)) {
                continue;
            }
            locations.push(TallyLocation {
                name: p.place.name.clone(),
                admin1: p.place.admin1.clone(),
                country: Some(p.place.country.clone()),
                geonameid: Some(p.place.geonameid),
            });
        }
    }
    locations
}

/// The count an ordinal gives: "third" 3, "14th" 14.
fn ordinal_value(w: &str, words: &std::collections::BTreeMap<String, u32>) -> Option<u32> {
    if let Some(n) = words.get(w) {
        return Some(*n);
    }
    let digits =
        w.strip_suffix("st").or(w.strip_suffix("nd")).or(w.strip_suffix("rd")).or(w.strip_suffix("th"))?;
    digits
        .parse::<u32>()
        .ok()
        .filter(|n| (3..=1000).contains(n) && digits.bytes().all(|b| b.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::ordinal_value;
    use crate::Extractor;
    use sitrep_model::Document;
    use std::sync::OnceLock;

    fn ex() -> &'static Extractor {
        static EX: OnceLock<Extractor> = OnceLock::new();
        EX.get_or_init(|| Extractor::with_defaults().expect("shipped dictionaries load"))
    }

    /// A tally as the tests compare it: count, actor1, date, date_end.
    type Seen = (u32, Option<String>, Option<String>, Option<String>);

    /// The tallies of a text published on 2025-03-20.
    fn tallies(text: &str) -> Vec<Seen> {
        let line = serde_json::json!({"id": "t", "published": "2025-03-20", "text": text});
        let doc: Document = serde_json::from_value(line).expect("a valid document line");
        let mut v: Vec<_> = ex()
            .extract(&doc)
            .tallies
            .into_iter()
            .map(|t| {
                (
                    t.count,
                    t.actor1.map(|a| a.name),
                    t.date.map(|d| d.to_string()),
                    t.date_end.map(|d| d.to_string()),
                )
            })
            .collect();
        v.sort();
        v
    }

    #[test]
    fn ordinals_give_their_count() {
        let words = ex().cues.tallies.ordinals.clone();
        let cases = [
            ("third", Some(3)),
            ("fourteenth", Some(14)),
            ("14th", Some(14)),
            ("21st", Some(21)),
            ("22nd", Some(22)),
            ("3rd", Some(3)),
            ("second", None),
            ("2nd", None),
            ("first", None),
            ("north", None),
            ("th", None),
        ];
        for (w, want) in cases {
            assert_eq!(ordinal_value(w, &words), want, "{w}");
        }
    }

    #[test]
    fn counts_of_acts_and_what_is_no_count() {
        let none: &[(u32, Option<&str>)] = &[];
        type Case<'a> = (&'a str, &'a [(u32, Option<&'a str>)]);
        let cases: &[Case] = &[
            // An ordinal after "was the", over a period: the acts counted, by nobody named.
            (
                "Gunmen attacked a checkpoint near Kunduz on Sunday. It was the fourth attack on the army \
                 in the province this month, officials said.",
                &[(4, None)],
            ),
            (
                "The line was bombed again on Monday. It was the 12th bombing of the railway this year.",
                &[(12, None)],
            ),
            // Two acts are told one by one; days in a row and ranks count no acts.
            (
                "A bomb went off in a market in Yala on Monday. It was the second attack in the district this year.",
                none,
            ),
            (
                "Fighting went on in Kidal on Tuesday. It was the third consecutive day of clashes this week.",
                none,
            ),
            // A bound is the count as written.
            (
                "Boko Haram has carried out at least 15 attacks in Borno since January, the army said.",
                &[(15, Some("Boko Haram"))],
            ),
            // A number of acts with no period is a burst of violence told as news.
            (
                "Russian warplanes launched at least four air strikes on a market in Idlib in the morning.",
                none,
            ),
            (
                "For the first time since the truce collapsed, warplanes carried out 35 airstrikes near Hama.",
                none,
            ),
            // Who counts did not act; a demonym before the acts names who did.
            (
                "The monitors said they had counted more than 300 Iranian drone attacks since the truce.",
                &[(300, Some("Military Forces of Iran"))],
            ),
            (
                "Since June, when the governor declared a curfew, observers have documented 25 drone strikes \
                 in Amhara.",
                &[(25, None)],
            ),
            (
                "The monitor has recorded 11 attacks claimed by al-Shabaab in Somalia since the start of the year.",
                &[(11, Some("al-Shabaab"))],
            ),
            // "insurgent attacks" in a report about one rebel group are that group's.
            (
                "Islamic State said its fighters ambushed an army patrol near Macomia on Monday. Monitors \
                 have recorded 20 insurgent attacks in Cabo Delgado since January.",
                &[(20, Some("Islamic State Mozambique Province"))],
            ),
            // Counts of people, numbers before a preposition and list numbers are no counts of acts.
            (
                "Air strikes hit Idlib on Monday, raising the number of civilians killed this month to 40.",
                none,
            ),
            ("Gunmen killed five in attacks on police posts in Zamfara since Monday.", none),
            ("Flash Update No. 4 - Attacks in the north of Borno (as of 12 March)", none),
        ];
        for (text, want) in cases {
            let got: Vec<(u32, Option<String>)> =
                tallies(text).into_iter().map(|(n, a, _, _)| (n, a)).collect();
            let want: Vec<(u32, Option<String>)> =
                want.iter().map(|(n, a)| (*n, a.map(str::to_string))).collect();
            assert_eq!(got, want, "{text}");
        }
    }

    #[test]
    fn a_count_set_against_another_period_is_a_second_tally() {
        let got = tallies(
            "A monitoring group recorded 30 violent incidents in the region in February, against 22 in January.",
        );
        let day = |s: &str| Some(s.to_string());
        assert_eq!(
            got,
            vec![
                (22, None, day("2025-01-01"), day("2025-01-31")),
                (30, None, day("2025-02-01"), day("2025-02-28")),
            ]
        );
        // "the same period last year" is no period a tally can date.
        let got = tallies(
            "The group recorded 41 attacks on civilians since 1 January, up from 29 in the same period last year.",
        );
        assert_eq!(got.iter().map(|t| t.0).collect::<Vec<_>>(), vec![41]);
    }
}
