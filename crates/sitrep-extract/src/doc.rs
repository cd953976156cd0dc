//! The analysis of one document that every extractor stage reads: normalised text, sentences,
//! tokens, dictionary hits, quantities, time expressions, places and actor mentions.

use crate::Extractor;
use crate::actors::{Named, is_armed_kind, is_non_state_armed_kind};
use crate::lexicon::holds;
use crate::scan::{Cue, Hit, Tag, select};
use chrono::NaiveDate;
use sitrep_geo::{Context, PlaceMatch};
use sitrep_model::{ActorRef, Span};
use sitrep_text::{Normalized, Quantity, TimeExpr, Token};
use std::collections::HashMap;
use std::ops::Range;

/// What an actor mention names, once anaphors are resolved.
#[derive(Debug, Clone, PartialEq)]
pub enum Who {
    Actor(usize),
    Person(usize),
    /// A generic descriptor; the country comes from a demonym before it, else from the event.
    Generic {
        id: usize,
        country: Option<String>,
    },
    /// A country named as an actor ("Pakistan says", "Indian firing").
    Country(String),
}

#[derive(Debug, Clone)]
pub struct Mention {
    pub start: usize,
    pub end: usize,
    pub who: Who,
    /// The resolved mention was an anaphor ("the group", "he"): it lowers confidence.
    pub anaphor: bool,
}

pub struct Doc<'a> {
    pub ex: &'a Extractor,
    pub norm: Normalized,
    pub published: Option<NaiveDate>,
    pub sents: Vec<Range<usize>>,
    pub toks: Vec<Token>,
    pub hits: Vec<Hit>,
    pub quantities: Vec<Quantity>,
    pub times: Vec<TimeExpr>,
    pub places: Vec<PlaceMatch>,
    pub mentions: Vec<Mention>,
    /// The country most of the document's places are in.
    pub country: Option<String>,
    /// A wire dateline ("KABUL, March 27 (Reuters) -"), at the start of the text or of the line
    /// after a headline; empty (0..0) when there is none.
    pub dateline: Range<usize>,
    /// Where the verbs of holding off an attack stand (`[roles] defence`), found once on first
    /// use: the roles of every act ask.
    pub defence: std::cell::OnceCell<Vec<Range<usize>>>,
}

/// A comma, semicolon or colon that ends a clause: not one between digits ("6,000", "14:05").
fn is_clause_break(b: &[u8], i: usize) -> bool {
    matches!(b[i], b',' | b';' | b':')
        && !(i > 0 && b[i - 1].is_ascii_digit() && b.get(i + 1).is_some_and(u8::is_ascii_digit))
}

/// The items of a list sorted by start whose start lies in `r`, and the index of the first: a
/// binary search, so that per-sentence lookups keep extraction linear in the document's length.
pub fn starting_in<'a, T>(v: &'a [T], start: impl Fn(&T) -> usize, r: &Range<usize>) -> (usize, &'a [T]) {
    let lo = v.partition_point(|x| start(x) < r.start);
    let hi = v.partition_point(|x| start(x) < r.end).max(lo);
    (lo, &v[lo..hi])
}

/// A wire dateline at the start of the text, or of its first non-blank line after a headline.
/// `is_place` says whether a span of the text is a place the gazetteer found: a dateline in
/// title case ("N'Djamena — …") is one only where its lead is a place.
fn dateline(t: &str, is_place: impl Fn(Range<usize>) -> bool) -> Range<usize> {
    let end = dateline_end(t, &is_place, 0);
    if end > 0 {
        return 0..end;
    }
    // "Headline\n\nKABUL (AP) — …": the dateline opens the body, not the text.
    let Some(nl) = t.find('\n') else { return 0..0 };
    let start = nl + t[nl..].len() - t[nl..].trim_start().len();
    match dateline_end(&t[start..], &is_place, start) {
        0 => 0..0,
        end => start..start + end,
    }
}

/// The end of a wire dateline: a place in capitals, maybe a comma and more, and a dash within
/// the first line ("PESHAWAR, May 13 (Example Wire) -", "MOGADISHU —"), or a place in title case
/// and a dash ("N'Djamena — ", "Cox's Bazar, 22 April -"). `at` is where `t` starts in the
/// text, for `is_place`.
fn dateline_end(t: &str, is_place: &impl Fn(Range<usize>) -> bool, at: usize) -> usize {
    let head: String = t.chars().take(120).collect();
    // "RAWALPINDI: Security forces …": South Asian papers end a dateline with a colon.
    let Some((dash, sep)) = [" - ", " -- ", " \u{2014} ", " \u{2013} ", ": "]
        .iter()
        .filter_map(|sep| head.find(sep).map(|i| (i, *sep)))
        .min_by_key(|(i, _)| *i)
    else {
        return 0;
    };
    let lead = &head[..dash];
    if lead.contains('\n') {
        return 0;
    }
    let place = &lead[..lead.find([',', '(']).unwrap_or(lead.len())];
    let letters = |s: &str| s.chars().filter(|c| c.is_alphabetic()).count();
    let upper = |s: &str| s.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase);
    // "LAC PROVINCE: SEVEN SOLDIERS KILLED …": a headline in capitals with a kicker, not a
    // dateline; its place is the headline's.
    let rest = &head[dash + sep.len()..];
    let rest = &rest[..rest.find('\n').unwrap_or(rest.len())];
    if letters(rest) >= 3 && upper(rest) {
        return 0;
    }
    if upper(place) && letters(place) >= 3 {
        return dash + sep.len();
    }
    // Normalisation made long dashes "-": a colon does not end a dateline in title case
    // ("Kabul: a view from the ground").
    let dash_sep = sep != ": ";
    let name = place.trim_end();
    let title = !name.is_empty()
        && name.split_whitespace().count() <= 3
        && name.split_whitespace().all(|w| w.chars().next().is_some_and(char::is_uppercase));
    if dash_sep && title && is_place(at..at + name.len()) { dash + sep.len() } else { 0 }
}

impl<'a> Doc<'a> {
    pub fn new(
        ex: &'a Extractor,
        text: &str,
        published: Option<NaiveDate>,
        source_country: Option<String>,
    ) -> Doc<'a> {
        let norm = Normalized::new(text);
        let t = norm.text.as_str();
        let sents = sitrep_text::sentences(t);
        let toks = sitrep_text::tokens(t);
        let hits = ex.scanner.scan(t);
        let mut quantities = sitrep_text::quantities(t);
        quantities.sort_by_key(|q| q.start);
        let mut times = match published {
            Some(p) => sitrep_text::time_expressions(t, p),
            None => Vec::new(),
        };
        times.sort_by_key(|x| x.start);
        // The countries of the groups the text names are context for its places: "Palmyra" in a
        // report about the SDF is in Syria.
        let mut countries: Vec<String> = Vec::new();
        for h in &hits {
            // A name several actors share tells no country until the country decides it.
            let shared = starting_in(&hits, |x| x.start, &(h.start..h.end))
                .1
                .iter()
                .filter(|x| {
                    x.start == h.start && x.end == h.end && matches!(x.tag, Tag::Named(Named::Actor(_)))
                })
                .count()
                > 1;
            let c = match h.tag {
                Tag::Named(Named::Actor(i)) if !shared => {
                    let a = &ex.dict.actors[i];
                    a.country.as_ref().filter(|_| is_non_state_armed_kind(&a.kind))
                }
                _ => None,
            };
            if let Some(c) = c
                && !countries.contains(c)
            {
                countries.push(c.clone());
            }
        }
        let ctx = Context {
            source_country: source_country.clone(),
            actor_countries: countries.clone(),
            ..Context::default()
        };
        let mut places = ex.gazetteer().find(t, &ctx);
        places.sort_by_key(|p| p.start);
        let dateline = dateline(t, |r| places.iter().any(|p| p.start == r.start && p.end == r.end));
        let mut doc = Doc {
            ex,
            norm,
            published,
            sents,
            toks,
            hits,
            quantities,
            times,
            places,
            mentions: Vec::new(),
            country: None,
            dateline,
            defence: std::cell::OnceCell::new(),
        };
        // Without a place, the source's country, else the one country its groups fight in.
        doc.country = doc
            .main_country()
            .or(source_country)
            .or_else(|| (countries.len() == 1).then(|| countries[0].clone()));
        doc.mentions = doc.find_mentions();
        // Still no country: the one country every actor named belongs to ("Pak soldier killed").
        if doc.country.is_none() {
            let mut cs: Vec<String> = doc.mentions.iter().filter_map(|m| doc.country_of(m)).collect();
            cs.sort();
            cs.dedup();
            if cs.len() == 1 {
                doc.country = cs.pop();
            }
        }
        doc
    }

    /// The country of the document as a location, when no place is named: text is null, so a
    /// reader sees it was not stated.
    /// The country an event without a place is in: the document's, where its places lie in one
    /// country; else the country of the act's own actor, if it has one ("Houthi rebels fired
    /// missiles at a tanker in the Red Sea" in a brief that also covers Syria and Ethiopia).
    pub fn country_location(&self, actor_country: Option<&str>) -> Option<sitrep_model::Location> {
        let several = self.places.iter().any(|p| Some(p.place.country.as_str()) != self.country.as_deref());
        let c = if several { actor_country? } else { self.country.as_deref()? };
        let name = self.country_name(c)?;
        let place = self.ex.gazetteer().lookup(&name, &Context::default()).filter(|p| p.country == c)?;
        let mut loc = place.to_location(&name);
        loc.text = None;
        Some(loc)
    }

    /// The function words of the lexicon (`[grammar]` in cues.toml).
    pub fn grammar(&self) -> &crate::lexicon::Grammar {
        &self.ex.cues.grammar
    }

    pub fn text(&self) -> &str {
        &self.norm.text
    }

    pub fn span(&self, r: Range<usize>) -> Span {
        self.norm.original_span(r)
    }

    pub fn sentence_of(&self, byte: usize) -> usize {
        match self.sents.binary_search_by(|s| {
            if byte < s.start {
                std::cmp::Ordering::Greater
            } else if byte >= s.end {
                std::cmp::Ordering::Less
            } else {
                std::cmp::Ordering::Equal
            }
        }) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1).min(self.sents.len().saturating_sub(1)),
        }
    }

    /// Index of the first token that starts at or after `byte`.
    pub fn tok_index(&self, byte: usize) -> usize {
        self.toks.partition_point(|t| t.start < byte)
    }

    /// Whether the words of `r` hold one of `phrases` (lower-case, words joined by single
    /// spaces) as whole words. The cheap test first: a phrase's first word among the words.
    pub fn says_any(&self, r: Range<usize>, phrases: &[String]) -> bool {
        let words = self.words(r.start, r.end);
        let mut joined: Option<String> = None;
        phrases.iter().any(|p| {
            let first = p.split(' ').next().unwrap_or(p);
            words.iter().any(|w| w == first)
                && (!p.contains(' ')
                    || joined
                        .get_or_insert_with(|| format!(" {} ", words.join(" ")))
                        .contains(&format!(" {p} ")))
        })
    }

    /// Number of tokens wholly between two byte offsets.
    pub fn tokens_between(&self, a: usize, b: usize) -> usize {
        if b <= a {
            return 0;
        }
        self.tok_index(b).saturating_sub(self.tok_index(a))
    }

    /// `tokens_between`, leaving out the tokens in brackets: "Seven soldiers of the Chadian
    /// National Army (ANT) were killed" has as many words between the number and the death word
    /// as without the acronym.
    pub fn tokens_between_unbracketed(&self, a: usize, b: usize) -> usize {
        let n = self.tokens_between(a, b);
        if b <= a || !self.text()[a..b].contains('(') {
            return n;
        }
        let (mut depth, mut open, mut inside) = (0usize, a, 0usize);
        for (i, ch) in self.text()[a..b].char_indices() {
            match ch {
                '(' => {
                    if depth == 0 {
                        open = a + i;
                    }
                    depth += 1;
                }
                ')' if depth > 0 => {
                    depth -= 1;
                    if depth == 0 {
                        inside += self.tokens_between(open, a + i + 1);
                    }
                }
                _ => {}
            }
        }
        n.saturating_sub(inside)
    }

    /// The word tokens of a byte range, lower-cased.
    pub fn words(&self, a: usize, b: usize) -> Vec<String> {
        let t = self.text();
        self.toks[self.tok_index(a)..self.tok_index(b)]
            .iter()
            .filter(|k| k.end <= b)
            .map(|k| t[k.start..k.end].to_lowercase())
            .collect()
    }

    /// Whether sentence `si` is a headline: the first line of a text of several lines, ending
    /// without a full stop.
    pub fn is_headline(&self, si: usize) -> bool {
        let t = self.text();
        si == 0
            && self.sents.first().is_some_and(|s| {
                let line = t[s.start..s.end].trim_end();
                t[s.end..].trim_start_matches([' ', '\t']).starts_with('\n')
                    && !line.ends_with(['.', '!', '?', '"', '\u{201d}'])
                    && t[s.end..].contains(|c: char| c.is_alphanumeric())
            })
    }

    /// The word just before a byte offset, lower-cased.
    pub fn word_before(&self, byte: usize) -> Option<String> {
        let i = self.tok_index(byte);
        let t = self.text();
        self.toks[..i]
            .iter()
            .rev()
            .find(|k| t[k.start..k.end].chars().any(char::is_alphanumeric))
            .map(|k| t[k.start..k.end].to_lowercase())
    }

    /// The word just after a byte offset, lower-cased.
    pub fn word_after(&self, byte: usize) -> Option<String> {
        let i = self.tok_index(byte);
        let t = self.text();
        self.toks[i..]
            .iter()
            .find(|k| t[k.start..k.end].chars().any(char::is_alphanumeric))
            .map(|k| t[k.start..k.end].to_lowercase())
    }

    /// Start of the clause holding `byte` within its sentence: after the last comma, semicolon or colon.
    pub fn clause_start(&self, byte: usize) -> usize {
        let s = &self.sents[self.sentence_of(byte)];
        let t = self.text();
        let from = s.start.min(byte);
        let b = t.as_bytes();
        (from..byte).rev().find(|&i| is_clause_break(b, i)).map(|i| i + 1).unwrap_or(from)
    }

    /// End of the clause holding `byte`.
    pub fn clause_end(&self, byte: usize) -> usize {
        let s = &self.sents[self.sentence_of(byte)];
        let t = self.text();
        let to = s.end.max(byte);
        let b = t.as_bytes();
        (byte..to).find(|&i| is_clause_break(b, i)).unwrap_or(to)
    }

    /// The mentions wholly inside a range (the mentions are sorted by start).
    pub fn mentions_in(&self, r: Range<usize>) -> impl DoubleEndedIterator<Item = &Mention> + '_ {
        starting_in(&self.mentions, |m| m.start, &r).1.iter().filter(move |m| m.end <= r.end)
    }

    /// The hits that start in a range (the hits are sorted by start).
    pub fn hits_in(&self, r: Range<usize>) -> &[Hit] {
        starting_in(&self.hits, |h| h.start, &r).1
    }

    pub fn cue_hits(&self, range: Range<usize>, cue: Cue) -> impl Iterator<Item = &Hit> + '_ {
        self.hits_in(range.clone()).iter().filter(move |h| h.end <= range.end && h.tag == Tag::Cue(cue))
    }

    pub fn has_cue(&self, range: Range<usize>, cue: Cue) -> bool {
        self.cue_hits(range, cue).next().is_some()
    }

    fn main_country(&self) -> Option<String> {
        let mut votes: HashMap<&str, usize> = HashMap::new();
        for p in &self.places {
            *votes.entry(p.place.country.as_str()).or_default() += 1;
        }
        let max = votes.values().copied().max()?;
        // The first place named breaks ties: headlines and datelines come first.
        self.places.iter().map(|p| p.place.country.as_str()).find(|c| votes[c] == max).map(str::to_string)
    }

    /// The country a mention stands for, where it has one.
    fn country_of(&self, m: &Mention) -> Option<String> {
        let dict = &self.ex.dict;
        match &m.who {
            Who::Actor(i) => dict.actors[*i].country.clone(),
            Who::Person(p) => dict.persons[*p].country.clone(),
            Who::Generic { country, .. } => country.clone(),
            Who::Country(c) => Some(c.clone()),
        }
    }

    /// Actor mentions in document order: dictionary phrases (longest wins), countries in subject
    /// position, demonyms before triggers, and anaphors resolved to the last fitting actor.
    fn find_mentions(&self) -> Vec<Mention> {
        let t = self.text();
        let mut out: Vec<Mention> = Vec::new();
        let named = select(&self.hits, |h| matches!(h.tag, Tag::Named(_)));
        for h in named {
            let Tag::Named(n) = h.tag else { continue };
            // "anti-Taliban", "pro-government": the group is qualified, not named.
            let prefix = &t[..h.start];
            if prefix.ends_with("anti-")
                || prefix.ends_with("pro-")
                || prefix.ends_with("Anti-")
                || prefix.ends_with("Pro-")
            {
                continue;
            }
            // "visited Russia today": an outlet is named by its title, every word capitalised.
            if let Named::Actor(i) = n
                && self.ex.dict.actors[i].kind == "media"
                && t[h.start..h.end]
                    .split([' ', '-'])
                    .any(|w| w.len() > 3 && w.starts_with(char::is_lowercase))
            {
                continue;
            }
            let who = match n {
                Named::Actor(i) => {
                    // A name several actors share ("SNA", "PLA", "khawarij") is the one the
                    // document's country decides, or none.
                    let sharing: Vec<usize> = self
                        .hits_in(h.start..h.end)
                        .iter()
                        .filter_map(|x| match x.tag {
                            Tag::Named(Named::Actor(j)) if x.start == h.start && x.end == h.end => Some(j),
                            _ => None,
                        })
                        .collect();
                    if sharing.len() > 1 {
                        let place_countries: Vec<&str> =
                            self.places.iter().map(|p| p.place.country.as_str()).collect();
                        match self.ex.dict.decide_by_country(
                            &sharing,
                            |j| out.iter().any(|m| m.who == Who::Actor(j)),
                            self.country.as_deref(),
                            &place_countries,
                        ) {
                            Some(j) => Who::Actor(j),
                            None => continue,
                        }
                    } else {
                        Who::Actor(i)
                    }
                }
                Named::Person(i) => Who::Person(i),
                Named::Surname(i) => {
                    // A surname alone names the person once the full name has appeared, or when
                    // it is long and no other person in the dictionary shares it ("Putin"), and
                    // never inside a hyphenated place ("Mazar-e-Sharif").
                    let hyphen = prefix.ends_with('-') || t[h.end..].starts_with('-');
                    let known = out.iter().any(|m| m.who == Who::Person(i));
                    // A surname the gazetteer reads as a place ("Salahuddin" the Iraqi province)
                    // is that place until the full name has appeared.
                    let place = self.places.iter().any(|p| p.start <= h.start && h.end <= p.end);
                    // "Mansour Bijar": a surname followed by another name is someone's first name
                    // (a headline capitalises every word, so it is not asked there).
                    let first_name = !known
                        && self.toks.get(self.tok_index(h.end)).is_some_and(|k| {
                            k.start == h.end + 1
                                && t[k.start..k.end].starts_with(char::is_uppercase)
                                && t[k.start..k.end].chars().all(char::is_alphabetic)
                        })
                        && !self.is_headline(self.sentence_of(h.start));
                    if hyphen || first_name || !(known || self.ex.dict.unique_surname(i) && !place) {
                        continue;
                    }
                    Who::Person(i)
                }
                Named::Generic(id) => {
                    let before = self.word_before(h.start);
                    // A demonym or a country's short form is written with its capital: the "car"
                    // of "car bomber" is no Central African Republic.
                    let capital = self.toks[..self.tok_index(h.start)]
                        .iter()
                        .rev()
                        .find(|k| t[k.start..k.end].chars().any(char::is_alphanumeric))
                        .is_some_and(|k| t[k.start..k.end].starts_with(char::is_uppercase));
                    let mut country = before
                        .as_deref()
                        .filter(|_| capital)
                        .and_then(|w| self.ex.gazetteer().country_of_word(w).map(str::to_string));
                    // "Russia's Defence Ministry claimed its forces …": the forces are the
                    // country of the actor the possessive points back to, in its sentence.
                    if country.is_none()
                        && before.as_deref().is_some_and(|w| holds(&self.grammar().possessives, w))
                    {
                        let from = self.sents.get(self.sentence_of(h.start)).map_or(0, |s| s.start);
                        country =
                            out.iter().rev().take_while(|m| m.start >= from).find_map(|m| self.country_of(m));
                    }
                    Who::Generic { id, country }
                }
            };
            // A descriptor's text takes its modifiers: "Senior Hungarian and Romanian officials",
            // "Israeli intelligence officials".
            let mut start =
                if matches!(who, Who::Generic { .. }) { self.noun_phrase_start(h.start) } else { h.start };
            // "Israeli intelligence officials": a demonym opening the phrase gives its country.
            let who = match who {
                Who::Generic { id, country: None } if start < h.start => {
                    let first = &t[start..self.toks[self.tok_index(start)].end];
                    let country = Some(first)
                        .filter(|w| w.starts_with(char::is_uppercase))
                        .and_then(|w| self.ex.gazetteer().country_of_word(w).map(str::to_string));
                    Who::Generic { id, country }
                }
                w => w,
            };
            // "suspected JNIM militants": the modifiers stop at a name; the descriptor then
            // describes the named actor (below).
            if out.iter().any(|m| !matches!(m.who, Who::Generic { .. }) && m.end <= h.start && m.end > start)
            {
                start = h.start;
            }
            out.push(Mention { start, end: h.end, who, anaphor: false });
        }
        // Countries (and demonyms) as actors: subject position, or a demonym before a trigger noun.
        for p in &self.places {
            if p.place.precision != sitrep_model::GeoPrecision::Country {
                continue;
            }
            if out.iter().any(|m| m.start < p.end && p.start < m.end) {
                continue;
            }
            let prev = self.word_before(p.start);
            if prev.as_deref().is_some_and(|w| holds(&self.grammar().not_actor_prepositions, w)) {
                continue;
            }
            let next_is_verbish = self.word_after(p.end).is_some_and(|w| {
                self.hits_in(p.end..p.end + 48).iter().any(|h| {
                    h.start >= p.end
                        && matches!(h.tag, Tag::Trigger(_) | Tag::Cue(Cue::Speech(_)))
                        && self.tokens_between(p.end, h.start) <= 1
                }) || w == "has"
                    || w == "have"
                    || w == "had"
                    || w == "is"
                    || w == "was"
            });
            if next_is_verbish {
                out.push(Mention {
                    start: p.start,
                    end: p.end,
                    who: Who::Country(p.place.country.clone()),
                    anaphor: false,
                });
            }
        }
        // "Indian shelling", and "killed by Israeli fire": a demonym before an act's noun, or
        // before a noun of fire that is no trigger by itself (`fire_nouns`).
        let fire_nouns = self.toks.iter().enumerate().filter(|(_, k)| {
            // Every token is asked: compared in place, with no lower-cased copy.
            self.grammar().fire_nouns.iter().any(|f| f.eq_ignore_ascii_case(&t[k.start..k.end]))
        });
        let starts: Vec<usize> = select(&self.hits, |h| matches!(h.tag, Tag::Trigger(_)))
            .iter()
            .map(|h| self.tok_index(h.start))
            .chain(fire_nouns.map(|(i, _)| i))
            .collect();
        for i in starts {
            if i == 0 {
                continue;
            }
            let k = &self.toks[i - 1];
            if out.iter().any(|m| m.start <= k.start && k.end <= m.end) {
                continue;
            }
            if let Some(c) = self.ex.gazetteer().country_of_word(&t[k.start..k.end])
                && t[k.start..k.end].chars().next().is_some_and(char::is_uppercase)
            {
                {
                    out.push(Mention {
                        start: k.start,
                        end: k.end,
                        who: Who::Country(c.to_string()),
                        anaphor: false,
                    });
                }
            }
        }
        out.sort_by_key(|m| m.start);
        out.dedup_by(|b, a| b.start < a.end);
        // "Daesh terrorists": the descriptor describes the actor just named, not another one.
        let mut keep = vec![true; out.len()];
        for i in 1..out.len() {
            if matches!(out[i].who, Who::Generic { .. })
                && !matches!(out[i - 1].who, Who::Generic { .. })
                && t[out[i - 1].end..out[i].start].trim().is_empty()
            {
                keep[i] = false;
            }
        }
        // "Fighters of the National Liberation Army", "Mujahideen of the Islamic Emirate": an
        // armed descriptor of a named group is that group, and the phrase its subject.
        for i in 0..out.len().saturating_sub(1) {
            let Who::Generic { id, .. } = out[i].who else { continue };
            if !keep[i] || !crate::actors::is_armed_kind(&self.ex.dict.generics[id].kind) {
                continue;
            }
            let gap = t[out[i].end..out[i + 1].start].trim().to_lowercase();
            let group = match out[i + 1].who {
                Who::Actor(a) => crate::actors::is_non_state_armed_kind(&self.ex.dict.actors[a].kind),
                _ => false,
            };
            // "volunteer fighters (VDP)": the name in brackets glosses the descriptor.
            let glossed = gap == "(" && matches!(out[i + 1].who, Who::Actor(_));
            if group && (gap == "of" || gap == "of the") || glossed {
                out[i + 1].start = out[i].start;
                keep[i] = false;
            }
        }
        let mut k = keep.into_iter();
        out.retain(|_| k.next().unwrap_or(true));
        let out = self.resolve_anaphora(out);
        self.name_the_group(out)
    }

    /// "Insurgents beheaded two fishermen … Islamic State claimed the attack": where the document
    /// names exactly one rebel group of its country (a parent named beside its branch is the branch),
    /// the descriptors that name a report's group (`names_the_group` in generic.toml) are it.
    fn name_the_group(&self, mut out: Vec<Mention>) -> Vec<Mention> {
        let dict = &self.ex.dict;
        let mut groups: Vec<usize> = out
            .iter()
            .filter_map(|m| match m.who {
                Who::Actor(i) => Some(self.country.as_deref().map_or(i, |c| dict.branch_in(i, c))),
                _ => None,
            })
            // Rebels only: a militia ("volunteer fighters (VDP)") is as often the insurgents' target.
            .filter(|&i| dict.actors[i].kind_on(self.published) == "rebel")
            .collect();
        groups.sort_unstable();
        groups.dedup();
        let descends = |mut i: usize, from: usize| {
            while let Some(p) = dict.actors[i].parent {
                if p == from {
                    return true;
                }
                i = p;
            }
            false
        };
        let branches_only = |gs: &mut Vec<usize>| {
            let all = gs.clone();
            gs.retain(|&g| !all.iter().any(|&o| o != g && descends(o, g)));
        };
        branches_only(&mut groups);
        // Several groups: those of the document's country, or of none (a Cameroon digest that
        // mentions a Boko Haram raid still means the Ambazonians by "separatists").
        if groups.len() > 1
            && let Some(c) = self.country.as_deref()
        {
            groups.retain(|&i| dict.actors[i].country.as_deref().is_none_or(|h| h == c));
        }
        let [group] = groups[..] else { return out };
        for m in &mut out {
            if let Who::Generic { id, .. } = m.who
                && dict.generics[id].names_the_group
            {
                m.who = Who::Actor(group);
                m.anaphor = true;
            }
        }
        out
    }

    /// The start of the noun phrase that ends with the word at `start`: modifiers back to a
    /// determiner, a preposition or a verb, at most four words.
    fn noun_phrase_start(&self, start: usize) -> usize {
        let t = self.text();
        let mut i = self.tok_index(start);
        let mut first = start;
        let mut taken = 0;
        while i > 0 && taken < 4 {
            let k = &self.toks[i - 1];
            let w = &t[k.start..k.end];
            let lw = w.to_lowercase();
            // "Hungarian and Romanian officials" join; "east of Damascus and warplanes" and "the
            // SDF and tribal fighters" do not: a place or a group is no modifier of the noun.
            let joins = lw == "and"
                && i >= 2
                && t[self.toks[i - 2].start..self.toks[i - 2].end]
                    .chars()
                    .next()
                    .is_some_and(char::is_uppercase)
                && !self
                    .hits_in(self.toks[i - 2].start.saturating_sub(64)..self.toks[i - 2].end)
                    .iter()
                    .any(|h| matches!(h.tag, Tag::Named(Named::Actor(_))) && h.end == self.toks[i - 2].end)
                && !self.places.iter().any(|p| {
                    p.start <= self.toks[i - 2].start
                        && self.toks[i - 2].end <= p.end
                        && p.place.precision != sitrep_model::GeoPrecision::Country
                });
            // A verb ends the phrase: "Gunmen attacked villagers" has two phrases, not one, and so
            // does "Police say gunmen …".
            let verb = self.hits_in(k.start..k.end).iter().any(|h| {
                h.end == k.end
                    && (self.trigger_of(h).is_some_and(|tr| tr.form == crate::lexicon::Form::Verb)
                        || matches!(h.tag, Tag::Cue(Cue::Speech(_))))
            });
            // A word, hyphenated or not; a dash alone ("KABUL (AP) - Gunmen") ends the phrase.
            if !w.chars().all(|c| c.is_alphabetic() || c == '-')
                || !w.chars().any(char::is_alphabetic)
                || (holds(&self.grammar().phrase_stops, &lw) && !joins)
                || verb
            {
                break;
            }
            first = k.start;
            taken += 1;
            i -= 1;
        }
        first
    }

    /// "the group", "the notorious terrorist group" → the last non-state armed actor named;
    /// "he"/"she" → the last person named.
    fn resolve_anaphora(&self, mut out: Vec<Mention>) -> Vec<Mention> {
        let t = self.text();
        let is_the = |j: usize| t[self.toks[j].start..self.toks[j].end].eq_ignore_ascii_case("the");
        // "the (up to two words) group": the start of the definite phrase ending at a token.
        let definite_start = |end_tok: usize| -> Option<usize> {
            let lo = end_tok.saturating_sub(3);
            let j = (lo..end_tok).rev().find(|&j| is_the(j))?;
            let plain = (j + 1..end_tok).all(|k| {
                t[self.toks[k].start..self.toks[k].end].chars().all(|c| c.is_alphabetic() || c == '-')
            });
            plain.then_some(self.toks[j].start)
        };
        let mut anaphors: Vec<Mention> = Vec::new();
        let mut drop: Vec<usize> = Vec::new();
        // Definite militant descriptors ("the militants", "the notorious terrorist group").
        for (idx, m) in out.iter().enumerate() {
            if let Who::Generic { id, .. } = m.who
                && self.ex.dict.generics[id].kind == "unidentified"
                && let Some(start) = definite_start(self.tok_index(m.start)).or_else(|| {
                    let i = self.tok_index(m.start);
                    (i > 0 && is_the(i - 1)).then(|| self.toks[i - 1].start)
                })
            {
                let end = self
                    .hits
                    .iter()
                    .filter(|h| {
                        h.tag == Tag::Cue(Cue::GroupNoun)
                            && h.start >= m.end
                            && self.tokens_between(m.end, h.start) == 0
                    })
                    .map(|h| h.end)
                    .next()
                    .unwrap_or(m.end);
                if let Some(a) = self.antecedent(&out, start, false) {
                    anaphors.push(Mention { start, end, who: a, anaphor: true });
                    drop.push(idx);
                }
            } else if let Who::Generic { id, .. } = m.who
                && self.ex.dict.generics[id].kind == "unidentified"
                && self.word_before(m.start).is_some_and(|w| holds(&self.grammar().possessives, &w))
                && let Some(a) = self.antecedent(&out, m.start, false)
                && {
                    // "Islamic State said its fighters …": the group of the same sentence.
                    let from = self.sents.get(self.sentence_of(m.start)).map_or(0, |s| s.start);
                    out.iter().any(|x| x.who == a && x.start >= from && x.end <= m.start)
                }
            {
                anaphors.push(Mention { start: m.start, end: m.end, who: a, anaphor: true });
                drop.push(idx);
            }
        }
        for h in self.hits.iter().filter(|h| matches!(h.tag, Tag::Cue(Cue::GroupNoun | Cue::PersonPronoun))) {
            if out.iter().chain(anaphors.iter()).any(|m| m.start < h.end && h.start < m.end) {
                continue;
            }
            let group = h.tag == Tag::Cue(Cue::GroupNoun);
            let start = if group {
                match definite_start(self.tok_index(h.start)) {
                    Some(s) => s,
                    None => continue,
                }
            } else {
                h.start
            };
            // "the Taliban militia" names its group: a definite phrase holding a name is that name.
            if out.iter().any(|m| m.start < h.end && start < m.end) {
                continue;
            }
            if let Some(a) = self.antecedent(&out, start, !group) {
                anaphors.push(Mention { start, end: h.end, who: a, anaphor: true });
            }
        }
        let mut i = 0;
        out.retain(|_| {
            i += 1;
            !drop.contains(&(i - 1))
        });
        out.extend(anaphors);
        out.sort_by_key(|m| m.start);
        out
    }

    /// The actor an anaphor at `start` points back to: for a person pronoun, the first person
    /// named in the latest sentence that names one (the speaker, not the one spoken of); for a
    /// group, the last non-state armed actor (by its dictionary kind, so the Taliban stay "the
    /// group" after they became a state's forces).
    fn antecedent(&self, out: &[Mention], start: usize, person: bool) -> Option<Who> {
        if person {
            let last = out.iter().rev().find(|m| m.end <= start && matches!(m.who, Who::Person(_)))?;
            let s = self.sentence_of(last.start);
            let r = &self.sents[s];
            return out
                .iter()
                .find(|m| m.start >= r.start && matches!(m.who, Who::Person(_)))
                .map(|m| m.who.clone());
        }
        out.iter()
            .rev()
            .filter(|m| m.end <= start)
            .find(|m| match &m.who {
                Who::Actor(i) => {
                    let k = self.ex.dict.actors[*i].kind.as_str();
                    is_non_state_armed_kind(k) && k != "unidentified"
                }
                _ => false,
            })
            .map(|m| m.who.clone())
    }

    /// The country name for templates ("Military Forces of {country}").
    pub fn country_name(&self, code: &str) -> Option<String> {
        self.ex.gazetteer().country_name(code).map(str::to_string)
    }

    /// "a US drone strike": a country's bare name acting with force is its forces, as a country
    /// mention is; the dictionary lists "US" as the government, which a statement speaks of.
    pub fn forces_of_bare_country(&self, m: &Mention, date: Option<NaiveDate>) -> Option<ActorRef> {
        let Who::Actor(i) = m.who else { return None };
        let a = &self.ex.dict.actors[i];
        let c = a.country.as_deref().filter(|_| a.kind == "government")?;
        let text = &self.text()[m.start..m.end];
        if self.ex.gazetteer().country_of_word(text) != Some(c) {
            return None;
        }
        let date = date.or(self.published);
        self.state_or_template(
            "Military Forces of {country}",
            "state_forces",
            Some(c),
            date,
            Some(text.to_string()),
        )
    }

    /// An actor reference for a mention, in the setting of an event (its country and date).
    pub fn actor_ref(&self, m: &Mention, country: Option<&str>, date: Option<NaiveDate>) -> Option<ActorRef> {
        let dict = &self.ex.dict;
        let text = Some(self.text()[m.start..m.end].to_string());
        let country = country.or(self.country.as_deref());
        let date = date.or(self.published);
        let from_actor = |i: usize| {
            let mut i = i;
            if let Some(c) = country {
                i = dict.branch_in(i, c);
            }
            let a = &dict.actors[i];
            // A state role held by another actor on that date (Afghanistan's forces after 2021-08-15).
            if matches!(a.kind.as_str(), "state_forces" | "government" | "police")
                && let Some(c) = a.country.as_deref()
                && let Some(h) = dict.state_holder(c, &a.kind, date)
                && h != i
            {
                return dict.reference(h, text.clone(), date);
            }
            dict.reference(i, text.clone(), date)
        };
        match &m.who {
            Who::Actor(i) => Some(from_actor(*i)),
            Who::Person(p) => {
                let mut r = from_actor(dict.persons[*p].affiliation);
                r.text = text;
                Some(r)
            }
            Who::Generic { id, country: own } => {
                let g = &dict.generics[*id];
                let c = own.as_deref().or(country);
                self.state_or_template(&g.template, &g.kind, c, date, text)
            }
            Who::Country(c) => {
                self.state_or_template("Military Forces of {country}", "state_forces", Some(c), date, text)
            }
        }
    }

    /// A government as a speaker ("Pakistan says" is the Government of Pakistan).
    pub fn government_ref(&self, code: &str, text: Option<String>) -> Option<ActorRef> {
        self.state_or_template("Government of {country}", "government", Some(code), self.published, text)
    }

    /// A country named as the actor of a non-violent act is its government ("Japan sent aid to
    /// Sri Lanka"), not its forces.
    pub fn civil_actor_ref(
        &self,
        m: &Mention,
        country: Option<&str>,
        date: Option<NaiveDate>,
    ) -> Option<ActorRef> {
        match &m.who {
            Who::Country(c) => {
                let text = Some(self.text()[m.start..m.end].to_string());
                self.state_or_template(
                    "Government of {country}",
                    "government",
                    Some(c),
                    date.or(self.published),
                    text,
                )
            }
            _ => self.actor_ref(m, country, date),
        }
    }

    fn state_or_template(
        &self,
        template: &str,
        kind: &str,
        country: Option<&str>,
        date: Option<NaiveDate>,
        text: Option<String>,
    ) -> Option<ActorRef> {
        let dict = &self.ex.dict;
        if let Some(c) = country
            && matches!(kind, "state_forces" | "government" | "police")
            && let Some(h) = dict.state_holder(c, kind, date)
        {
            let a = &dict.actors[h];
            return Some(ActorRef {
                name: a.name.clone(),
                text,
                kind: Some(a.kind_on(date).to_string()),
                country: a.country.clone(),
            });
        }
        let name = match country.and_then(|c| self.country_name(c)) {
            Some(n) => template.replace("{country}", &n),
            None => {
                template.replace(" ({country})", "").replace(" of {country}", "").replace("{country}", "")
            }
        };
        // "Military Forces of the United States": a few countries take an article in the names.
        let with_the = country
            .and_then(|c| self.country_name(c))
            .map(|n| template.replace("{country}", &format!("the {n}")));
        let name = match dict.by_name(&name).or_else(|| with_the.as_deref().and_then(|w| dict.by_name(w))) {
            Some(i) => dict.actors[i].name.clone(),
            None => name,
        };
        Some(ActorRef { name, text, kind: Some(kind.to_string()), country: country.map(str::to_string) })
    }

    /// Whether a mention names an armed actor (for choosing between clash and attack).
    pub fn is_armed(&self, m: &Mention) -> bool {
        match &m.who {
            Who::Actor(i) => is_armed_kind(self.ex.dict.actors[*i].kind_on(self.published)),
            Who::Person(p) => {
                let a = &self.ex.dict.actors[self.ex.dict.persons[*p].affiliation];
                is_armed_kind(a.kind_on(self.published))
                    && self.ex.dict.persons[*p].role != "governor"
                    && self.ex.dict.persons[*p].role != "minister"
                    && self.ex.dict.persons[*p].role != "official"
            }
            Who::Generic { id, .. } => is_armed_kind(&self.ex.dict.generics[*id].kind),
            Who::Country(_) => true,
        }
    }

    /// Whether a mention names a news outlet ("(AP)", "Reuters"): it reports events, it is no
    /// party to them.
    /// Whether an item ending at `end` lies in the dateline (where the report was filed).
    pub fn in_dateline(&self, end: usize) -> bool {
        self.dateline.start < end && end <= self.dateline.end
    }

    pub fn is_media(&self, m: &Mention) -> bool {
        match &m.who {
            Who::Actor(i) => self.ex.dict.actors[*i].kind_on(self.published) == "media",
            Who::Generic { id, .. } => self.ex.dict.generics[*id].kind == "media",
            _ => false,
        }
    }

    pub fn is_protesters(&self, m: &Mention) -> bool {
        match &m.who {
            Who::Generic { id, .. } => self.ex.dict.generics[*id].kind == "protesters",
            Who::Actor(i) => self.ex.dict.actors[*i].kind == "protesters",
            _ => false,
        }
    }

    pub fn is_civilian(&self, m: &Mention) -> bool {
        match &m.who {
            Who::Generic { id, .. } => self.ex.dict.generics[*id].kind == "civilians",
            Who::Actor(i) => self.ex.dict.actors[*i].kind == "civilians",
            _ => false,
        }
    }
}
