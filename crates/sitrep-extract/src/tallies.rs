//! Tallies: counts of events that the text itself reports ("on eight occasions", "took the
//! number of attacks to eight").

use crate::doc::Doc;
use crate::scan::{Cue, Tag, select};
use sitrep_model::{AcledEventType, ActorRef, DatePrecision, Tally, TallyLocation};
use std::collections::HashSet;
use std::ops::Range;

impl Doc<'_> {
    /// The tallies of the document, and the sentences they use up (a sentence that only counts
    /// events, and the sentence that says where, report no single event).
    pub fn tallies(&self) -> (Vec<Tally>, HashSet<usize>) {
        let mut out = Vec::new();
        let mut used = HashSet::new();
        for (si, sent) in self.sents.iter().enumerate() {
            let Some((count, after, explicit)) = self.tally_count(sent) else { continue };
            let triggers =
                select(self.hits_in(sent.clone()), |h| h.end <= sent.end && matches!(h.tag, Tag::Trigger(_)));
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
            let subj = counted.or_else(|| {
                ms.iter().rev().find(|m| {
                    m.end <= pivot
                        && !matches!(
                            self.word_before(m.start).as_deref(),
                            Some("of" | "by" | "against" | "on" | "in" | "to")
                        )
                })
            });
            let obj = ms.iter().find(|m| m.start >= pivot && Some(m.start) != subj.map(|s| s.start));
            // The period counted: a range before a single day, and never the dateline's date nor a
            // statement's ("the ministry said on Wednesday").
            let dates: Vec<_> = self
                .times
                .iter()
                .filter(|x| x.start >= sent.start && x.end <= sent.end)
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
            let best = dates.iter().max_by_key(|x| {
                let rank = match x.precision {
                    DatePrecision::Range => 5,
                    DatePrecision::Day => 4,
                    DatePrecision::Week => 3,
                    DatePrecision::Month => 2,
                    DatePrecision::Year => 1,
                };
                (rank, std::cmp::Reverse(x.start.abs_diff(after)))
            });
            let date = best.map(|x| x.date);
            let date_end = best.and_then(|x| x.date_end);
            let country = self.country.clone();
            let resolve = |m: &&&crate::doc::Mention| -> Option<ActorRef> {
                self.actor_ref(m, country.as_deref(), date)
            };
            let actor1 = subj.and_then(|m| resolve(&m));
            let actor2 = obj.and_then(|m| resolve(&m));
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
            if (killed.is_unknown() && explicit || over_a_period) && !own_clause {
                used.insert(si);
            }
            // The next sentence says where, if it adds only places ("It also showed that … in
            // Kabul and the provinces of Herat and Balkh").
            if let Some(next) = self.sents.get(si + 1)
                && explicit
                && self.elaborates(next)
            {
                used.insert(si + 1);
                evidence.push(next.clone());
                place_range.push(next.clone());
            }
            let mut locations: Vec<TallyLocation> = Vec::new();
            for r in &place_range {
                for p in self.places.iter().filter(|p| p.start >= r.start && p.end <= r.end) {
                    // Countries say nothing a province does not; a dateline is where the report was filed.
                    if p.place.precision == sitrep_model::GeoPrecision::Country || self.in_dateline(p.end) {
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
            out.push(Tally {
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
            });
        }
        (out, used)
    }

    /// A count of events in a sentence, and where the counting phrase ends.
    fn tally_count(&self, sent: &Range<usize>) -> Option<(u32, usize, bool)> {
        // "took the number of Daesh attacks on the Taliban to eight"
        if let Some(h) = self
            .cue_hits(sent.clone(), Cue::TallyNumberOf)
            .find(|h| self.text()[h.start..h.end].split_whitespace().count() > 3)
        {
            let t = self.text();
            let to = t[h.end..sent.end].find(" to ").map(|i| h.end + i + 4)?;
            let q = self.quantities.iter().find(|q| q.start >= to && q.start <= to + 2)?;
            return Some((q.min?, h.end, true));
        }
        // "on eight occasions", "eight times", "carried out 12 raids"
        for q in self.quantities.iter().filter(|q| q.start >= sent.start && q.end <= sent.end) {
            let Some(n) = q.min.filter(|n| Some(*n) == q.max) else { continue };
            let Some(c) = self.cue_hits(q.end..sent.end, Cue::TallyOccasion).next() else { continue };
            if self.tokens_between(q.end, c.start) > 1 {
                continue;
            }
            let w = self.text()[c.start..c.end].to_lowercase();
            // A plain event noun counts events only from three on ("two attacks" is told one by one).
            if (w == "occasions" || w == "times" || w.starts_with("separate")) || n >= 3 {
                if self.times.iter().any(|x| x.start <= q.start && q.end <= x.end) {
                    continue;
                }
                let explicit = w == "occasions" || w == "times" || w.starts_with("separate");
                return Some((n, c.end, explicit));
            }
        }
        None
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
