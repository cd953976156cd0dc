//! Finding place names in a text and choosing, for each, the place it means.
//!
//! Spans are capitalised word runs looked up by skeleton key (longest first). Each candidate
//! is scored by its kind, population, name exactness, the words around it ("X province",
//! "in X", "northwest X") and the countries and provinces the rest of the document names.
//! A hand-written scanner rather than Aho-Corasick over all names: the names are folded to
//! skeleton keys, and an automaton over 300k variant keys would not see word boundaries or
//! capitalisation.

use crate::fold::{fold, near, skeleton, ta_marbuta_key};
use crate::index_write::strip_generic;
use crate::record::Kind;
use crate::{Context, Gazetteer, PlaceMatch};
use rustc_hash::FxHashMap as HashMap;
use std::borrow::Cow;

/// Lower-case words that may sit inside a multi-word name ("Mazar-e-Sharif", "Bab al-Hawa").
const CONNECTORS: &[&str] = &[
    "e", "i", "ye", "al", "el", "as", "ad", "ar", "an", "at", "ash", "az", "ez", "es", "ed", "er", "en",
    "et", "esh", "ul", "of", "de", "la", "le", "du", "des", "del", "da", "do", "dos", "bin", "ibn", "and",
    "on", "upon",
];
/// The longest name tried, in words.
const MAX_WORDS: usize = 6;
/// Candidates considered per span, biggest first.
const MAX_CANDIDATES: usize = 150;
/// Below this population a populated place needs a cue, a suffix or its province/country in context.
const SMALL: u64 = 1000;
/// A bare name shared by a province and its city means the city from this size ("Herat",
/// "Aleppo"), the province below it ("Balkh", whose town of 115,000 news rarely means).
const CITY_OVER_PROVINCE: u64 = 200_000;
/// A town this big wins over the district of its name ("Jenin").
const TOWN_OVER_DISTRICT: u64 = 10_000;
/// Below this population a populated place inside a run of capitalised words is a person's name.
const BIG: u64 = 100_000;
/// From this population a town's GeoNames alternates are its names ("Garowe", "Afgoye"); below
/// it they are where "Grenade" and "One" come from.
const ALIAS_TOWN: u64 = 20_000;

/// How a candidate's name meets the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum How {
    /// A similar key only (the skeleton).
    Similar,
    /// One of GeoNames' alternate names.
    Alias,
    /// The place's own name, equal once doubled letters collapse.
    Own,
    /// A spelling listed in data/geo/variants.toml.
    Variant,
    /// The own name, letter for letter.
    OwnLiteral,
    /// A listed spelling, letter for letter.
    VariantLiteral,
}

impl How {
    /// Its own name or a listed spelling, not another place's alternate.
    fn is_named(self) -> bool {
        !matches!(self, How::Similar | How::Alias)
    }

    fn is_literal(self) -> bool {
        matches!(self, How::OwnLiteral | How::VariantLiteral)
    }

    fn is_variant(self) -> bool {
        matches!(self, How::Variant | How::VariantLiteral)
    }
}

/// (place, the name matches after folding, how it matches)
type Cand = (u32, bool, How);

/// The reasons `score` gives, collected only when asked: they are written for the candidate
/// that wins, not for every candidate of every span in both passes (where `format!` was a
/// tenth of place resolution).
struct Why(Option<Vec<String>>);

impl Why {
    fn push(&mut self, r: impl std::fmt::Display) {
        if let Some(v) = &mut self.0 {
            v.push(r.to_string());
        }
    }
}

/// Why a span resolved as it did, turned into words (`Gazetteer::reason`) only for the
/// resolutions that are reported.
#[derive(Clone)]
enum Reason {
    Text(String),
    /// Scored best: the index of the candidate in its span, a reason said after its own,
    /// whether the surrounding province was taken, whether only a border was named.
    Scored {
        cand: usize,
        then: Option<&'static str>,
        around: bool,
        border: bool,
    },
}

/// Whether a folded phrase is filed, and its candidates, depend on the gazetteer alone; news
/// repeats its names within a document and across a feed, and reading the fst for a phrase
/// costs more than a short sentence. One memo per thread (no locking), for one gazetteer at a
/// time, emptied when full.
#[derive(Default)]
pub(crate) struct Memo {
    gazetteer: Option<u64>,
    filed: HashMap<String, bool>,
    cands: HashMap<String, Vec<Cand>>,
    /// `Gazetteer::country_of_word` by the word as asked.
    pub(crate) words: HashMap<String, WordCountry>,
}

/// What `country_of_word` found for a word.
pub(crate) enum WordCountry {
    /// A demonym, by its folded form (a key of the lexicon's demonyms).
    Demonym(String),
    /// A country's name: the country place.
    Place(u32),
    Not,
}

/// Phrases remembered per thread before the memo starts afresh.
const MEMO_LIMIT: usize = 200_000;

impl Memo {
    /// Forgets what another gazetteer answered, and everything once the memo is full.
    pub(crate) fn check(&mut self, gazetteer: u64) {
        if self.gazetteer != Some(gazetteer)
            || self.filed.len() + self.cands.len() + self.words.len() > MEMO_LIMIT
        {
            *self = Memo { gazetteer: Some(gazetteer), ..Memo::default() };
        }
    }
}

thread_local! {
    pub(crate) static MEMO: std::cell::RefCell<Memo> = std::cell::RefCell::new(Memo::default());
}

#[derive(Debug)]
struct Tok<'a> {
    s: usize,
    e: usize,
    /// The folded word: borrowed from the text when it is already lower-case ASCII (most words
    /// of news text are), so only capitalised and non-ASCII words allocate.
    folded: Cow<'a, str>,
    raw: &'a str,
    cap: bool,
}

impl Tok<'_> {
    fn f(&self) -> &str {
        &self.folded
    }
}

fn tokenize(text: &str) -> Vec<Tok<'_>> {
    let is_word = |c: char| c.is_alphanumeric() || unicode_normalization::char::is_combining_mark(c);
    let tok = |s: usize, e: usize| {
        let raw = &text[s..e];
        // A word of ASCII letters and digits folds to its lower case (what `fold` gives it):
        // most words are, and `fold` was half of tokenizing.
        let f = if !raw.is_ascii() {
            Cow::Owned(fold(raw))
        } else if raw.bytes().any(|b| b.is_ascii_uppercase()) {
            Cow::Owned(raw.to_ascii_lowercase())
        } else {
            Cow::Borrowed(raw)
        };
        Tok { s, e, folded: f, raw, cap: raw.chars().next().is_some_and(char::is_uppercase) }
    };
    let bytes = text.as_bytes();
    // About one word in six bytes of news text.
    let mut out = Vec::with_capacity(text.len() / 6 + 1);
    let mut start: Option<usize> = None;
    let mut i = 0;
    // Bytes, not chars: an ASCII byte is a whole char, and only the others need decoding.
    while i < bytes.len() {
        let (word, len) = if bytes[i].is_ascii() {
            (bytes[i].is_ascii_alphanumeric(), 1)
        } else {
            let c = text[i..].chars().next().unwrap_or(' ');
            (is_word(c), c.len_utf8())
        };
        match (start, word) {
            (None, true) => start = Some(i),
            (Some(s), false) => {
                out.push(tok(s, i));
                start = None;
            }
            _ => {}
        }
        i += len;
    }
    if let Some(s) = start {
        out.push(tok(s, text.len()));
    }
    out
}

/// Whether token `k` is the "s" of a possessive on token `owner` ("Syria's", "Pakistan’s").
fn is_possessive_s(text: &str, toks: &[Tok<'_>], owner: usize, k: usize) -> bool {
    toks.get(k).is_some_and(|t| t.f() == "s") && text[toks[owner].e..toks[k].s].contains(['\'', '\u{2019}'])
}

/// Candidate span before scoring.
struct Span {
    s: usize,
    e: usize,
    /// "south of X", "outskirts of X": the place is around X, not in it.
    around: bool,
    cands: Vec<Cand>,
    kind_sel: Option<(Kind, String)>,
    cue: Option<String>,
    compass: Option<String>,
    /// Fixed answer (capital phrases, compass phrases).
    fixed: Option<(u32, String)>,
    /// "the Iran border": the country is only the far side of a border.
    border: bool,
    /// "the capital" with no country: the capital of the country the document is about.
    doc_capital: bool,
    /// "30 km west of Gao", "north of Kidal": a point of reference, so the town rather than the
    /// province of the same name.
    point: bool,
    /// "the country's northwest": a part of the country the document is about.
    doc_country: bool,
}

#[derive(Default, PartialEq)]
struct DocCtx {
    countries: HashMap<String, f32>,
    /// Countries whose people are named ("Syrian", "Afghan").
    demonyms: rustc_hash::FxHashSet<String>,
    admin1s: HashMap<(String, String), f32>,
    /// How firmly the text is about each country: 2 for its name or a province's, 1 for each
    /// other place in it.
    support: HashMap<String, u32>,
}

impl Gazetteer {
    /// `any_alias`: every alternate name counts as the place's name (`lookup`, where the caller
    /// says the words are a place).
    fn candidates(&self, key: &str, f: &str, any_alias: bool) -> Vec<Cand> {
        let mut out: Vec<Cand> = Vec::new();
        let nf = near(f);
        let named = self.index.postings(&format!("={nf}"));
        if let Some(v) = self.overlay.get(key) {
            for (p, vf) in v {
                let name = fold(self.index.name(&self.index.row(*p)));
                let exact = vf == f || near(vf) == nf || near(&name) == nf;
                let how = if name == f || vf == f { How::VariantLiteral } else { How::Variant };
                match out.iter_mut().find(|(q, _, _)| q == p) {
                    Some(e) => e.1 |= exact,
                    None => out.push((*p, exact, how)),
                }
            }
        }
        let mut postings = self.index.postings(key);
        if let Some(k2) = ta_marbuta_key(f) {
            postings.extend(self.index.postings(&k2));
        }
        for p in postings.into_iter().take(MAX_CANDIDATES) {
            if out.iter().any(|(q, _, _)| *q == p) {
                continue;
            }
            let r = self.index.row(p);
            // A place bears this very name (its own or an alternate) only if it is filed under
            // "=" + the near form, so most postings need no folding of their names.
            let in_named = named.contains(&p);
            // An alternate name makes a small town exact only with more evidence (see `score`):
            // GeoNames' alternates of villages abroad are where "Grenade" and "One" come from.
            // A name of several words ("Tarin Kowt", "Miram Shah") is no English word, so a
            // town's alternate of that shape is believed too.
            let alias = in_named
                && (any_alias
                    || r.kind() != Kind::Place
                    || r.population() >= ALIAS_TOWN
                    || (f.contains(' ') && r.population() >= SMALL));
            let (own, literal) = if in_named {
                let name = fold(self.index.name(&r));
                let own = name == f
                    || near(&name) == nf
                    || (r.kind() != Kind::Place
                        && strip_generic(self.index.name(&r), &self.lex.generic)
                            .is_some_and(|s| near(&s) == nf));
                (own, name == f)
            } else {
                (false, false)
            };
            let how = match (own, literal, alias) {
                (true, true, _) => How::OwnLiteral,
                (true, false, _) => How::Own,
                (false, _, true) => How::Alias,
                _ => How::Similar,
            };
            out.push((p, own || alias, how));
        }
        out
    }

    /// Whether `candidates(key, f, _)` would be non-empty.
    fn has_candidates(&self, key: &str, f: &str) -> bool {
        self.overlay.contains_key(key)
            || self.index.has(key)
            || ta_marbuta_key(f).is_some_and(|k| self.index.has(&k))
    }

    /// `has_candidates` of a folded phrase, remembered per thread (see `Memo`).
    fn filed(&self, f: &str) -> bool {
        MEMO.with(|m| {
            let mut m = m.borrow_mut();
            m.check(self.id);
            if let Some(&b) = m.filed.get(f) {
                return b;
            }
            let b = self.has_candidates(&skeleton(f), f);
            m.filed.insert(f.to_string(), b);
            b
        })
    }

    /// `candidates(skeleton(f), f, false)`, remembered per thread (see `Memo`).
    fn scan_candidates(&self, f: &str) -> Vec<Cand> {
        MEMO.with(|m| {
            let mut m = m.borrow_mut();
            m.check(self.id);
            if let Some(c) = m.cands.get(f) {
                return c.clone();
            }
            let c = self.candidates(&skeleton(f), f, false);
            m.cands.insert(f.to_string(), c.clone());
            c
        })
    }

    fn is_joinable(text: &str, a: &Tok<'_>, b: &Tok<'_>) -> bool {
        let sep = &text[a.e..b.s];
        // One space, the usual separator, passes every test below.
        if sep == " " || sep == " & " {
            return true;
        }
        // An initial: "D.I. Khan", "D.G. Khan".
        if a.raw.len() == 1 && a.cap && (sep == "." || sep == ". ") {
            return true;
        }
        !sep.is_empty()
            && sep.chars().count() <= 2
            && sep.chars().all(|c| matches!(c, ' ' | '-' | '\'' | '\u{2019}'))
            && !(sep.contains(['\'', '\u{2019}']) && b.f() == "s")
    }

    /// `caseless`: the text has no case, every word may be a name; `title`: Title Case, so
    /// runs of capitalised words say nothing about person names.
    fn scan(&self, text: &str, toks: &[Tok<'_>], caseless: bool, title: bool) -> Vec<Span> {
        let n = toks.len();
        let cap = |k: usize| caseless || toks[k].cap;
        let mut spans: Vec<Span> = Vec::new();
        let mut i = 0;
        // A kind selected by "the provinces of", carried along a list "X, Y and Z".
        let mut list_kind: Option<(Kind, String, usize)> = None;
        // The last token of the previous place ("Kabul-Jalalabad highway": two places).
        let mut last_place_end: Option<usize> = None;
        // Capital phrases need the word "capital" within five words ("Helmand's provincial
        // capital"): find those words once rather than asking at every token.
        let capitals: Vec<usize> = (0..n).filter(|&k| self.lex.capital.contains(toks[k].f())).collect();
        while i < n {
            let capital_near = capitals.iter().any(|&k| k >= i && k <= i + 5);
            if capital_near && let Some((end, place, why)) = self.capital_phrase(text, toks, i) {
                spans.push(Span {
                    s: toks[i].s,
                    e: toks[end].e,
                    around: false,
                    cands: vec![],
                    kind_sel: None,
                    cue: None,
                    compass: None,
                    fixed: Some((place, why)),
                    border: false,
                    doc_capital: false,
                    point: false,
                    doc_country: false,
                });
                i = end + 1;
                continue;
            }
            // "in the country's northwest": which country the document says elsewhere.
            if toks[i].f() == "the"
                && toks.get(i + 1).is_some_and(|t| t.f() == "country")
                && is_possessive_s(text, toks, i + 1, i + 2)
                && toks.get(i + 3).is_some_and(|t| !t.cap)
                && let Some(d) = toks.get(i + 3).and_then(|t| self.lex.compass.get(t.f()))
            {
                spans.push(Span {
                    s: toks[i].s,
                    e: toks[i + 3].e,
                    around: false,
                    cands: vec![],
                    kind_sel: None,
                    cue: None,
                    compass: Some(d.replace([' ', '-'], "")),
                    fixed: None,
                    border: false,
                    doc_capital: false,
                    point: false,
                    doc_country: true,
                });
                i += 4;
                continue;
            }
            // "east of the capital", "in the capital": which capital the document says elsewhere.
            if toks[i].f() == "capital"
                && !toks[i].cap
                && i > 0
                && toks[i - 1].f() == "the"
                && toks.get(i + 1).is_none_or(|t| t.f() != "of" && !t.cap)
            {
                spans.push(Span {
                    s: toks[i - 1].s,
                    e: toks[i].e,
                    around: self.around_before(toks, i - 1),
                    cands: vec![],
                    kind_sel: None,
                    cue: None,
                    compass: None,
                    fixed: None,
                    border: false,
                    doc_capital: true,
                    point: false,
                    doc_country: false,
                });
                i += 1;
                continue;
            }
            let article_start =
                matches!(toks[i].f(), "al" | "el" | "ad" | "ar" | "as" | "at" | "an" | "ash" | "az" | "ez")
                    && i + 1 < n
                    && cap(i + 1)
                    && (&text[toks[i].e..toks[i + 1].s] == "-"
                        || (matches!(toks[i].f(), "al" | "el") && &text[toks[i].e..toks[i + 1].s] == " "));
            if !(cap(i) || article_start) || toks[i].raw.chars().next().is_some_and(|c| c.is_ascii_digit()) {
                i += 1;
                continue;
            }
            // The longest filed phrase so far: its last token and its length in `f` (a prefix of
            // the growing phrase, so no copy per filed extension).
            let mut best: Option<(usize, usize)> = None;
            let mut f = String::new();
            for j in i..n.min(i + MAX_WORDS) {
                // "A'zaz", "Dar'a", "Ma'arat": an apostrophe inside a word (an ayn or hamza) joins.
                // "Cox's Bazar": a possessive inside a name, with a capitalised word after it.
                let inword = j > i && {
                    let sep = &text[toks[j - 1].e..toks[j].s];
                    matches!(sep, "'" | "\u{2019}" | "\u{2018}" | "`")
                        && (toks[j].f() != "s"
                            || (j + 1 < n && toks[j + 1].cap && &text[toks[j].e..toks[j + 1].s] == " "))
                };
                if j > i {
                    if !inword && !Self::is_joinable(text, &toks[j - 1], &toks[j]) {
                        break;
                    }
                    // "Pakistan-administered Kashmir": a hyphenated lower-case word may sit inside.
                    let hyphened = &text[toks[j - 1].e..toks[j].s] == "-";
                    if !cap(j)
                        && !CONNECTORS.contains(&toks[j].f())
                        && !hyphened
                        && !inword
                        && !self.lex.lower_name_words.contains(toks[j].f())
                    {
                        break;
                    }
                    if !inword {
                        f.push(' ');
                    }
                }
                f.push_str(toks[j].f());
                if !cap(j) && !inword && !self.lex.lower_name_words.contains(toks[j].f()) {
                    continue;
                }
                // "Cox's" alone is no name: only with the word after it ("Hama's North" stays Hama).
                if inword && toks[j].f() == "s" {
                    continue;
                }
                // "Shi'ite": the span would end inside a word.
                if j + 1 < n
                    && text[toks[j].e..toks[j + 1].s].contains(['\'', '\u{2019}'])
                    && toks[j + 1].f() != "s"
                    && !toks[j + 1].cap
                {
                    continue;
                }
                // Only whether the key is filed: the candidates of the longest are read below.
                if self.filed(&f) {
                    best = Some((j, f.len()));
                }
            }
            let best = best.map(|(j, len)| {
                f.truncate(len);
                let c = self.scan_candidates(&f);
                (j, f, c)
            });
            let Some((j, f, cands)) = best else {
                i += 1;
                continue;
            };
            // "X province", "X tribal district"
            let mut end = j;
            let mut kind_sel = None;
            for w in [2usize, 1] {
                if j + w >= n || (1..=w).any(|k| !Self::is_joinable(text, &toks[j + k - 1], &toks[j + k])) {
                    continue;
                }
                let words: Vec<&str> = (1..=w).map(|k| toks[j + k].f()).collect();
                if let Some(&k) = self.lex.suffix.get(&words.join(" ")) {
                    kind_sel = Some((k, words.join(" ")));
                    end = j + w;
                    break;
                }
            }
            // "the provinces of X", "the district of X"
            // "Balkh Governor": a title that belongs to a unit, outside the span.
            if kind_sel.is_none()
                && end + 1 < n
                && let Some(&k) = self.lex.after.get(toks[end + 1].f())
            {
                kind_sel = Some((k, toks[end + 1].f().to_string()));
            }
            // "the Sai Buri district of Pattani": the unit is Sai Buri's; Pattani contains it.
            let unit_owned = i >= 3 && toks[i - 3].cap && toks[i - 3].f() != "the";
            if kind_sel.is_none()
                && i >= 2
                && toks[i - 1].f() == "of"
                && !unit_owned
                && let Some(&k) = self.lex.suffix.get(toks[i - 2].f()).or(self.lex.after.get(toks[i - 2].f()))
            {
                kind_sel = Some((k, format!("{} of", toks[i - 2].f())));
            }
            if kind_sel.is_none()
                && let Some((k, w, last)) = &list_kind
            {
                let between: Vec<&str> = toks[last + 1..i].iter().map(|t| t.f()).collect();
                if between.iter().all(|w| *w == "and") && text[toks[*last].e..toks[i].s].len() <= 6 {
                    kind_sel = Some((*k, w.clone()));
                }
            }
            list_kind =
                kind_sel.as_ref().filter(|(_, w)| w.ends_with(" of")).map(|(k, w)| (*k, w.clone(), end));
            // "Turkey-backed", "US-led", "pro-Ankara": an adjective, not where something happened.
            let adjective = (end + 1 < n
                && &text[toks[end].e..toks[end + 1].s] == "-"
                && !toks[end + 1].cap
                && !caseless)
                || (i > 0
                    && &text[toks[i - 1].e..toks[i].s] == "-"
                    && matches!(toks[i - 1].f(), "pro" | "anti"));
            if adjective {
                i = end + 1;
                continue;
            }
            let single_stop = f.split(' ').all(|w| self.lex.stop.contains(w) || CONNECTORS.contains(&w));
            // "Ras al-Ayn", "Abu Kamal": a name made only of such words is a place where a word
            // before it says so and the name is the place's own.
            // "Syria's al-Bab": a country's possessive says so too.
            let possessive = i >= 2
                && is_possessive_s(text, toks, i - 2, i - 1)
                && self.country_of_word(toks[i - 2].raw).is_some();
            let stop_name = single_stop
                && j > i
                && i > 0
                && (self.lex.cue.contains(toks[i - 1].f()) || possessive)
                && cands.iter().any(|&(_, exact, _)| exact);
            // "Somali" is a people, but "the Somali region" is Ethiopia's: a unit word after the
            // name that selects a unit of exactly that name keeps it.
            let demonym = self.lex.demonym.contains_key(&f)
                && !cands.iter().any(|(p, e, _)| *e && self.is_country(*p))
                && !kind_sel
                    .as_ref()
                    .is_some_and(|(k, _)| cands.iter().any(|&(p, e, _)| e && self.index.row(p).kind() == *k));
            if (single_stop && kind_sel.is_none() && !stop_name) || demonym {
                i = j + 1;
                continue;
            }
            let prev = (i > 0).then(|| &toks[i - 1]);
            let prev_joined =
                prev.is_some_and(|p| text[p.e..toks[i].s] == *" " || text[p.e..toks[i].s] == *"-");
            let cue =
                prev.filter(|p| self.lex.cue.contains(p.f())).map(|p| p.f().to_string()).or_else(|| {
                    (i >= 2 && toks[i - 1].f() == "the" && self.lex.cue.contains(toks[i - 2].f()))
                        .then(|| format!("{} the", toks[i - 2].f()))
                });
            let compass = self.compass_before(text, toks, i);
            // Inside a run of capitalised words ("Mohammad Daud Muzammil", "Islamic State"): a
            // name, unless the place is big. Title-case headlines are exempt (checked by caller).
            let name_word = |p: &Tok<'_>| {
                p.cap
                    && !self.lex.cue.contains(p.f())
                    && p.f() != "the"
                    && !self.lex.demonym.contains_key(p.f())
                    && !self.lex.compass.contains_key(p.f())
            };
            // "Carta de Moçambique", "Saraya al-Quds": a name's article or particle between.
            let particle_before = i >= 2
                && prev_joined
                && self.lex.name_particles.contains(toks[i - 1].f())
                && !toks[i - 1].cap
                && text[toks[i - 2].e..toks[i - 1].s] == *" "
                && last_place_end != Some(i - 2)
                && name_word(&toks[i - 2]);
            let prev_cap = !caseless
                && !title
                && prev_joined
                && last_place_end != Some(i - 1)
                && (prev.is_some_and(name_word) || particle_before);
            // "the area of Abu Rasin": a unit word before the name does not end it.
            let next_cap = !caseless
                && !title
                && kind_sel.as_ref().is_none_or(|(_, w)| w.ends_with(" of"))
                && end + 1 < n
                && text[toks[end].e..toks[end + 1].s] == *" "
                && toks[end + 1].cap
                && !self.lex.stop.contains(toks[end + 1].f());
            let mut cands = cands;
            // "the Egyptian town of Rafah", "the Malian city of Gao": the people names the country.
            if i >= 3
                && toks[i - 1].f() == "of"
                && self.lex.suffix.contains_key(toks[i - 2].f())
                && toks[i - 3].cap
                && let Some(cc) = self.lex.demonym.get(toks[i - 3].f())
                && cands.iter().any(|&(p, _, _)| self.index.country_str(p) == cc)
            {
                cands.retain(|&(p, _, _)| self.index.country_str(p) == cc);
            }
            // "Davis said", "Dayton was": a person, unless a country, province or big city speaks.
            // "a spokesman in Jammu said", "the mayor of Kenscoff says": after "in" it is a place.
            if end + 1 < n
                && self.lex.person_after.contains(toks[end + 1].f())
                && !cue.as_deref().is_some_and(|c| self.lex.place_before_said.contains(c))
            {
                cands.retain(|(p, _, _)| {
                    let r = self.index.row(*p);
                    matches!(r.kind(), Kind::Country | Kind::Admin1) || r.population() >= 1_000_000
                });
            }
            // "Kuki militants", "Fano militiamen": a people's or a group's label. A country, a
            // province or a city of a million is still the place its fighters are from.
            // "across the Ruvuma river": a river, not the region of its name.
            if end + 1 < n && self.lex.feature_after.contains(toks[end + 1].f()) {
                cands.clear();
            }
            if end + 1 < n && self.lex.group_after.contains(toks[end + 1].f()) {
                cands.retain(|(p, _, _)| {
                    let r = self.index.row(*p);
                    matches!(r.kind(), Kind::Country | Kind::Admin1) || r.population() >= 1_000_000
                });
            }
            // "the Sahel nation's Tillaberi region": a description of a country names no unit.
            if end + 1 < n && self.lex.descriptor_after.contains(toks[end + 1].f()) {
                cands.retain(|&(p, _, _)| self.is_country(p));
            }
            // A sentence's first word matched only through the skeleton key is an English word
            // ("Shelling" ~ Shelleng); elsewhere such a match needs a cue or a big place.
            let sentence_start =
                i == 0 || text[..toks[i].s].trim_end().ends_with(['.', '!', '?', ':', '\n', '"']);
            cands.retain(|&(_, exact, _)| exact || !sentence_start);
            // Text with no case: only exact countries, provinces and cities.
            if caseless {
                cands.retain(|&(p, exact, _)| {
                    exact && (self.is_country_or_admin1(p) || self.index.row(p).population() >= BIG)
                });
            }
            // An acronym ("ISI", "LoC", "NW") is a place only through the variant lists or as a
            // country or province written exactly.
            // A dateline's capitals ("KYIV, Ukraine —", "GAO -") open a line and are a place.
            let dateline = text[..toks[i].s].trim_end_matches([' ', '\t']).ends_with('\n')
                || text[..toks[i].s].trim().is_empty();
            let dateline = dateline
                && text[toks[i].e..]
                    .trim_start_matches(' ')
                    .starts_with([',', '(', '-', '\u{2014}', '\u{2013}']);
            let acronym = i == j
                && toks[i].raw.chars().filter(|c| c.is_uppercase()).count() >= 2
                && toks[i].raw.len() <= 5
                && !dateline;
            // A province only when its own name is written in capitals too ("FCT"): "IG" (an
            // inspector general) is not Ig, Slovenia.
            if acronym {
                cands.retain(|&(p, exact, how)| {
                    how.is_variant()
                        || (exact
                            && (self.is_country(p)
                                || (self.index.row(p).kind() == Kind::Admin1
                                    && !self.index.name(&self.index.row(p)).chars().any(char::is_lowercase))))
                });
            }
            // A dateline names the city the report was filed from ("GAO, Mali -"), not its region.
            if dateline && cands.iter().any(|&(p, _, _)| self.index.row(p).kind() == Kind::Place) {
                cands.retain(|&(p, _, _)| self.index.row(p).kind() == Kind::Place);
            }
            let border = (end + 1 < n && matches!(toks[end + 1].f(), "border" | "borders" | "frontier"))
                || (i >= 2 && matches!(toks[i - 2].f(), "border" | "borders") && toks[i - 1].f() == "with");
            // "Puerto Jordan", "Port Sudan" where the gazetteer lacks the town: not the country.
            if prev_joined && prev.is_some_and(|p| p.cap && self.lex.name_openers.contains(p.f())) {
                cands.retain(|&(p, _, _)| !self.is_country(p));
            }
            if prev_cap {
                cands.retain(|(p, _, _)| self.is_country_or_admin1(*p));
                if toks[i - 1].f() != "in" && cands.iter().all(|(p, _, _)| !self.is_country(*p)) {
                    cands.clear();
                }
            }
            if next_cap {
                cands.retain(|(p, _, _)| {
                    let r = self.index.row(*p);
                    r.kind() != Kind::Place || r.population() >= BIG
                });
                // "Abu Rasin": a name the gazetteer lacks (what is left of "Abu" is Turku, by an
                // alternate name). Its later words are not places of their own either ("Rasin" is
                // not Racine), unless one is a country or province ("NW Pakistan").
                if !cands.iter().any(|&(_, exact, how)| exact || how.is_variant())
                    && !self.lex.compass.contains_key(toks[i].f())
                {
                    i = end + 1;
                    while i < n
                        && toks[i].cap
                        && Self::is_joinable(text, &toks[i - 1], &toks[i])
                        && !self
                            .scan_candidates(toks[i].f())
                            .iter()
                            .any(|&(p, exact, _)| exact && self.is_country_or_admin1(p))
                    {
                        i += 1;
                    }
                    continue;
                }
            }
            // "Pakistan's northwest": the compass word after the possessive, in lower case
            // ("Cameroon's Northwest region" names a region).
            let mut compass = compass;
            if compass.is_none()
                && end + 2 < n
                && is_possessive_s(text, toks, end, end + 1)
                && !toks[end + 2].cap
                && let Some(d) = self.lex.compass.get(toks[end + 2].f())
                && cands.iter().any(|&(p, exact, _)| exact && self.is_country(p))
            {
                compass = Some(d.replace([' ', '-'], ""));
                end += 2;
            }
            if !cands.is_empty() {
                spans.push(Span {
                    s: toks[i].s,
                    e: toks[end].e,
                    around: self.around_before(toks, i),
                    point: i >= 2
                        && toks[i - 1].f() == "of"
                        && self.lex.compass.contains_key(toks[i - 2].f()),
                    cands,
                    kind_sel,
                    cue,
                    compass,
                    fixed: None,
                    border,
                    doc_capital: false,
                    doc_country: false,
                });
                last_place_end = Some(end);
            }
            i = end + 1;
        }
        // "the Odesa and Kharkiv regions", "Kunduz, Baghlan and Takhar provinces": a plural unit
        // word names the unit of every name of its list.
        for k in (1..spans.len()).rev() {
            let Some(sel) = spans[k].kind_sel.clone().filter(|(_, w)| w.ends_with('s')) else { continue };
            let mut j = k;
            while j > 0 && spans[j - 1].kind_sel.is_none() {
                let gap = text.get(spans[j - 1].e..spans[j].s).unwrap_or("x").trim();
                if !matches!(gap, "and" | "," | ", and" | "or") {
                    break;
                }
                spans[j - 1].kind_sel = Some(sel.clone());
                j -= 1;
            }
        }
        spans
    }

    /// "the suburbs of Damascus", "the countryside of the capital Damascus". Not "south of
    /// Damascus" or "its outskirts": on UCDP's dev headlines those were coded to the city's own
    /// province 59 times in 81.
    fn around_before(&self, toks: &[Tok<'_>], i: usize) -> bool {
        let mut k = i;
        while k > 0 && matches!(toks[k - 1].f(), "the" | "capital" | "city") {
            k -= 1;
        }
        if k < 2 || toks[k - 1].f() != "of" {
            return false;
        }
        self.lex.around.contains(toks[k - 2].f())
    }

    /// Whether place `p` lies in the country or province `unit`.
    fn lies_in(&self, p: u32, unit: u32) -> bool {
        if self.is_country(unit) {
            return self.index.country_str(p) == self.index.country_str(unit);
        }
        let r = self.index.row(p);
        r.admin1() == Some(unit)
    }

    fn is_country(&self, p: u32) -> bool {
        self.index.row(p).kind() == Kind::Country
    }

    fn is_country_or_admin1(&self, p: u32) -> bool {
        matches!(self.index.row(p).kind(), Kind::Country | Kind::Admin1)
    }

    /// "northwest", "north-west", "northwestern" right before token i.
    fn compass_before(&self, text: &str, toks: &[Tok<'_>], i: usize) -> Option<String> {
        if i == 0 {
            return None;
        }
        let one = self.lex.compass.get(toks[i - 1].f()).cloned();
        let two = (i >= 2 && Self::is_joinable(text, &toks[i - 2], &toks[i - 1]))
            .then(|| self.lex.compass.get(&format!("{} {}", toks[i - 2].f(), toks[i - 1].f())).cloned())
            .flatten();
        let w = two.or(one)?;
        Some(w.replace([' ', '-'], ""))
    }

    /// "the Afghan capital", "Pakistan's capital", "the capital of Syria" → the capital city.
    fn capital_phrase(&self, text: &str, toks: &[Tok<'_>], i: usize) -> Option<(usize, u32, String)> {
        let capital_at = |k: usize| toks.get(k).is_some_and(|t| self.lex.capital.contains(t.f()));
        let country = |k: usize| -> Option<&str> {
            let t = toks.get(k)?;
            if !t.cap {
                return None;
            }
            self.country_of_word(t.raw)
        };
        let national = |cc: &str| -> Option<u32> {
            let c = self.index.by_code(&format!("#C:{cc}"))?;
            self.index.row(c).admin2()
        };
        // "the South Sudanese capital", "the Central African capital": a people of two words
        // (not Khartoum, the Sudanese capital).
        if capital_at(i + 2)
            && toks[i].cap
            && toks.get(i + 1).is_some_and(|t| t.cap)
            && text[toks[i].e..toks[i + 1].s] == *" "
            && let Some(cc) = self.country_of_word(&text[toks[i].s..toks[i + 1].e])
        {
            return Some((i + 2, national(cc)?, format!("capital of {cc}")));
        }
        // "Afghan capital", "Pakistan's capital", "Syrian capital" (the cheap test first: this
        // runs at every token)
        if (capital_at(i + 1) || capital_at(i + 2))
            && let Some(cc) = country(i)
        {
            let mut k = i + 1;
            if is_possessive_s(text, toks, i, k) {
                k += 1;
            }
            if capital_at(k) {
                return Some((k, national(cc)?, format!("capital of {cc}")));
            }
        }
        // "the provincial capital of Helmand", "Helmand's provincial capital" → Lashkar Gah
        let admin1_at = |k: usize| -> Option<(usize, u32)> {
            for w in [2usize, 1] {
                let Some(ts) = toks.get(k..k + w) else { continue };
                if !ts.iter().all(|t| t.cap) {
                    continue;
                }
                let f: Vec<&str> = ts.iter().map(|t| t.f()).collect();
                let f = f.join(" ");
                let hit = self
                    .candidates(&skeleton(&f), &f, false)
                    .into_iter()
                    .find(|&(p, exact, _)| exact && self.index.row(p).kind() == Kind::Admin1);
                // "the capital of West Gojjam zone": the name runs on, it is not Cameroon's West.
                let runs_on = toks.get(k + w).is_some_and(|t| {
                    t.cap && text[toks[k + w - 1].e..t.s] == *" " && !self.lex.suffix.contains_key(t.f())
                });
                if let Some((p, _, _)) = hit
                    && !runs_on
                {
                    return Some((k + w - 1, p));
                }
            }
            None
        };
        let seat_of = |a1: u32| self.index.row(a1).admin2();
        // "Helmand", "Kunar province" at token k: the province's seat, and the span's last token.
        let seat_at = |k: usize| -> Option<(usize, u32, String)> {
            let (mut end, a1) = admin1_at(k)?;
            if toks.get(end + 1).is_some_and(|t| self.lex.suffix.get(t.f()) == Some(&Kind::Admin1)) {
                end += 1;
            }
            Some((end, seat_of(a1)?, "provincial capital".into()))
        };
        let t0 = toks.get(i)?;
        if t0.f() == "provincial" && capital_at(i + 1) && toks.get(i + 2).is_some_and(|t| t.f() == "of") {
            return seat_at(i + 3);
        }
        let provincial_ahead = toks.iter().skip(i + 1).take(4).any(|t| t.f() == "provincial");
        if t0.cap
            && provincial_ahead
            && let Some((end, a1)) = admin1_at(i)
        {
            let mut k = end + 1;
            if toks.get(k).is_some_and(|t| t.f() == "s") {
                k += 1;
            }
            if toks.get(k).is_some_and(|t| self.lex.suffix.get(t.f()) == Some(&Kind::Admin1)) {
                k += 1;
            }
            if toks.get(k).is_some_and(|t| t.f() == "provincial") && capital_at(k + 1) {
                return Some((k + 1, seat_of(a1)?, "provincial capital".into()));
            }
        }
        // "capital of Pakistan" (the span covers "capital of Pakistan"); "the capital of Kunar
        // province" → Asadabad
        if capital_at(i) && toks.get(i + 1).is_some_and(|t| t.f() == "of") {
            // "the capital of Afghanistan's northern Baghlan province": the province's seat.
            if country(i + 2).is_some() && is_possessive_s(text, toks, i + 2, i + 3) {
                let mut k = i + 4;
                while toks.get(k).is_some_and(|t| !t.cap && self.lex.compass.contains_key(t.f())) {
                    k += 1;
                }
                return seat_at(k);
            }
            if let Some(cc) = country(i + 2) {
                return Some((i + 2, national(cc)?, format!("capital of {cc}")));
            }
            return seat_at(i + 2);
        }
        None
    }

    #[allow(clippy::too_many_arguments)]
    fn score(
        &self,
        sp: &Span,
        p: u32,
        exact: bool,
        how: How,
        ctx: &Context,
        doc: &DocCtx,
        why: &mut Why,
    ) -> Option<f32> {
        let r = self.index.row(p);
        let kind = r.kind();
        let pop = r.population();
        let cc = self.index.country_str(p);
        let a1code = r.admin1().map(|a| self.index.code(&self.index.row(a)));
        let mut s = match kind {
            Kind::Country => 6.0,
            Kind::Admin1 => 5.0,
            Kind::Admin2 => 3.5,
            Kind::Place => 1.0 + 0.6 * ((pop + 1) as f32).log10(),
        };
        s += 0.2 * ((pop + 1) as f32).log10();
        match kind {
            Kind::Country => why.push("country"),
            Kind::Admin1 => why.push("admin1"),
            Kind::Admin2 => why.push("admin2"),
            Kind::Place => why.push(format_args!("populated place (pop {pop})")),
        }
        if r.capital() {
            s += 1.0;
            why.push("national capital");
        }
        if exact {
            // Its own name or a variant we list beats another place's alternate name.
            s += if how.is_named() { 1.8 } else { 1.0 };
            // Spelled letter for letter beats equal only once doubled letters are collapsed
            // ("Samarra" is Iraq's, "Samara" Russia's).
            if how.is_literal() {
                s += 2.0;
            }
        } else {
            s -= 0.5;
            why.push("spelling variant");
        }
        // The text names no country: the source's own is the document's.
        let home = ctx.source_country.is_some()
            && doc.countries.is_empty()
            && ctx.countries.is_empty()
            && doc.demonyms.is_empty();
        let mut in_ctx = false;
        // In context through more than a demonym: a people is often the foreign side ("Israeli
        // strikes … in the Bekaa"), too weak a tie to believe a skeleton match there.
        let mut strong = false;
        if let Some(w) = doc.countries.get(cc) {
            s += 2.5 * w;
            in_ctx = true;
            strong = true;
            why.push(format_args!("{cc} named in text"));
        } else if doc.demonyms.contains(cc) {
            s += 0.5;
            in_ctx = true;
            why.push(format_args!("{cc} demonym in text"));
        }
        if ctx.countries.iter().any(|c| c == cc) {
            s += 2.5;
            in_ctx = true;
            strong = true;
            why.push(format_args!("{cc} in context"));
        } else if ctx.actor_countries.iter().any(|c| c == cc) {
            s += 2.5;
            in_ctx = true;
            strong = true;
            why.push(format_args!("{cc} of a group named"));
        }
        if ctx.source_country.as_deref() == Some(cc) {
            s += 1.0;
            why.push("source country");
            // A source that writes about its own country need not name it ("SOHR": Syria).
            if home {
                in_ctx = true;
                strong = true;
            }
            // Its people named by a source of that country: "on the Syrian – Iraqi border" from
            // the Syrian Observatory.
            if doc.demonyms.contains(cc) {
                strong = true;
            }
        }
        if let Some(a) = a1code {
            // Most documents name no province: no key is built for them.
            if kind != Kind::Admin1
                && !doc.admin1s.is_empty()
                && let Some(w) = doc.admin1s.get(&(cc.to_string(), a.to_string()))
            {
                s += 2.0 * w;
                in_ctx = true;
                strong = true;
                why.push("its province named in text");
            }
            if ctx.admin1s.iter().any(|(c, k)| c == cc && k == a) {
                s += 2.0;
                in_ctx = true;
                strong = true;
                why.push("its province in context");
            }
        }
        if let Some((k, w)) = &sp.kind_sel {
            if *k == kind {
                s += 4.0;
                why.push(format_args!("\"{w}\""));
            } else if *k == Kind::Place && kind == Kind::Admin2 {
                s += 1.0;
            } else if *k == Kind::Admin1 && kind == Kind::Admin2 {
                // Burkina Faso's provinces are GeoNames' second-level units: "Soum province" is
                // the unit, not Soum, Senegal.
                s -= 1.0;
            } else {
                s -= 3.0;
            }
        }
        let small_unit = matches!(kind, Kind::Place | Kind::Admin2) && pop < BIG;
        if kind == Kind::Place && pop < SMALL && sp.cue.is_none() && sp.kind_sel.is_none() && !in_ctx {
            return None;
        }
        // The text names its countries, or its source writes about its own: a place elsewhere
        // must be called by its own name there ("Karama" in a report on Nigeria is not Calama,
        // Chile, though GeoNames lists it so; "al-Hamdan" from the Syrian Observatory is not
        // Handan, China).
        let named = !doc.countries.is_empty() || !ctx.countries.is_empty() || home;
        // Firmly about other countries: one or a province named, two of its places, or one in
        // the source's own country. A town of a neighbour ("Rockets struck Kiryat Shmona and
        // Tyre") is not enough to drop a town, unless the name has a namesake in a country the
        // text is about ("Shelling targets Madaya and Daraa city": not Madaya, Myanmar).
        let firmly = || {
            doc.support.iter().any(|(c, &n)| n >= 2 || ctx.source_country.as_deref() == Some(c.as_str()))
                || !ctx.countries.is_empty()
                || home
                || sp
                    .cands
                    .iter()
                    .any(|&(q, _, _)| q != p && doc.countries.contains_key(self.index.country_str(q)))
        };
        if how == How::Alias && !in_ctx && named && kind != Kind::Country {
            return None;
        }
        // A town known to this name only through a GeoNames alternate needs a word that says a
        // place follows, or its country in the text ("Bazar" alone is not Bazar-Korgon).
        if how == How::Alias
            && kind == Kind::Place
            && pop < BIG
            && sp.cue.is_none()
            && sp.kind_sel.is_none()
            && !in_ctx
        {
            return None;
        }
        // Matched only through the skeleton key ("Bostan" ~ Boston, "Ease" ~ Iași): believable
        // only where the text is about that country already.
        // A text that names no country at all and puts a town of some size after "in" is
        // believed too ("in Baqoubah", "in Kapsabit"): nothing in it points elsewhere, neither
        // a people nor the source's own country.
        let unopposed = || {
            doc.countries.is_empty()
                && ctx.countries.is_empty()
                && ctx.source_country.as_deref().is_none_or(|c| c == cc)
                && (doc.demonyms.is_empty() || doc.demonyms.contains(cc))
                && sp.cue.as_deref().is_some_and(|c| self.lex.locative.contains(c))
                && (kind != Kind::Place || pop >= 10_000)
        };
        if !exact && !strong && !unopposed() {
            return None;
        }
        // ...and, for a town or district, a word that says a place follows ("Abadi" ~ Ābādeh).
        if !exact && matches!(kind, Kind::Place | Kind::Admin2) && sp.cue.is_none() && sp.kind_sel.is_none() {
            return None;
        }
        // The document is about other countries: a small namesake abroad is not it ("Madaya").
        // A source writing about its own country counts as naming it ("Madaya" from the Syrian
        // Observatory is the Syrian one, not Myanmar's).
        // A town of some size called by its own name after "in", with no namesake anywhere, is
        // that town even in a text about its neighbour ("A rocket fired from Lebanon hit a house
        // in Kiryat Shmona").
        let only_one = || {
            exact
                && how.is_named()
                && pop >= 10_000
                && sp.cue.as_deref().is_some_and(|c| self.lex.locative.contains(c))
                && sp.cands.iter().all(|&(q, _, _)| q == p)
        };
        // The cheap tests first: this runs for every candidate of every span.
        if small_unit && !in_ctx && ctx.source_country.as_deref() != Some(cc) && firmly() && !only_one() {
            return None;
        }
        if let Some(c) = &sp.cue {
            why.push(format_args!("after \"{c}\""));
        }
        Some(s)
    }

    fn resolve_span(&self, sp: &Span, ctx: &Context, doc: &DocCtx) -> Option<(u32, Reason, f32)> {
        if let Some((p, why)) = &sp.fixed {
            return Some((*p, Reason::Text(why.clone()), 0.9));
        }
        // (score, index in `sp.cands`): the reasons are written for the winner only.
        let mut scored: Vec<(f32, usize)> = sp
            .cands
            .iter()
            .enumerate()
            .filter_map(|(i, &(p, exact, how))| {
                self.score(sp, p, exact, how, ctx, doc, &mut Why(None)).map(|s| (s, i))
            })
            .collect();
        scored.sort_by(|a, b| b.0.total_cmp(&a.0));
        let &(best_s, first) = scored.first()?;
        let cand = |i: usize| sp.cands[i].0;
        let mut best = cand(first);
        let mut why = Reason::Scored { cand: first, then: None, around: false, border: false };
        // A bare name shared by a unit and its big place: a province and its city ("Herat",
        // "Aleppo"), a district and its town ("Jenin").
        for (unit, min_pop, then) in [
            (Kind::Admin1, CITY_OVER_PROVINCE, "city of that province"),
            (Kind::Admin2, TOWN_OVER_DISTRICT, "town of that district"),
        ] {
            if self.index.row(best).kind() != unit || sp.kind_sel.is_some() {
                continue;
            }
            let inside = |r: &crate::index::Row<'_>| {
                if unit == Kind::Admin1 { r.admin1() } else { r.admin2() }
            };
            // A city that is a province of its own lies "inside" the province around it: bare
            // "Kiev" is the city (Kyiv City), not Kyiv Oblast.
            let around_is_best = |r: &crate::index::Row<'_>, p: u32| {
                unit == Kind::Admin1
                    && r.admin1().is_some_and(|a| {
                        let key = (
                            self.index.country_str(p).to_string(),
                            self.index.code(&self.index.row(a)).to_string(),
                        );
                        self.around.get(&key) == Some(&best)
                    })
            };
            // A point of reference is the town whatever its size ("30 km west of Gao").
            let min_pop = if sp.point { 0 } else { min_pop };
            if let Some(&(_, place)) = scored.iter().find(|&&(_, i)| {
                let r = self.index.row(cand(i));
                r.kind() == Kind::Place
                    && (inside(&r) == Some(best) || around_is_best(&r, cand(i)))
                    && r.population() >= min_pop
            }) {
                best = cand(place);
                why = Reason::Scored { cand: place, then: Some(then), around: false, border: false };
            }
        }
        // "south of Damascus" → Rif Dimashq: the unit around a city that is its own province.
        if sp.around
            && let Some(a1) = self.index.row(best).admin1()
        {
            let cc = self.index.country_str(best).to_string();
            let code = self.index.code(&self.index.row(a1)).to_string();
            if let Some(&outer) = self.around.get(&(cc, code)) {
                if let Reason::Scored { around, .. } = &mut why {
                    *around = true;
                }
                return Some((outer, why, 0.6));
            }
        }
        // "northwest Pakistan" → Khyber Pakhtunkhwa
        if self.index.row(best).kind() == Kind::Country
            && let Some(dir) = &sp.compass
        {
            let cc = self.index.country_str(best).to_string();
            if let Some(&a1) = self.compass.get(&(cc, dir.clone())) {
                return Some((a1, Reason::Text(format!("compass phrase \"{dir}\" of a country")), 0.7));
            }
        }
        let (b_country, b_a1) = self.where_is(best);
        let rival = scored.iter().skip(1).find(|&&(_, i)| self.where_is(cand(i)) != (b_country, b_a1));
        let margin = rival.map(|r| best_s - r.0).unwrap_or(6.0);
        let mut conf = (0.45 + margin / 8.0).clamp(0.3, 0.95);
        // A spelling matched only by its skeleton, with nothing in the text for its country
        // ("in Baqoubah" alone): believed, not sure.
        let cc = self.index.country_str(best);
        let backed = doc.countries.contains_key(cc)
            || ctx.countries.iter().chain(&ctx.actor_countries).any(|c| c == cc)
            || ctx.source_country.as_deref() == Some(cc);
        if !sp.cands.iter().any(|&(p, exact, _)| p == best && exact) && !backed {
            conf = conf.min(0.6);
        }
        if sp.border && self.is_country(best) {
            conf = 0.35;
            if let Reason::Scored { border, .. } = &mut why {
                *border = true;
            }
        }
        Some((best, why, conf))
    }

    /// The words of a `Reason`, for the span, context and document context it was chosen in.
    fn reason(&self, sp: &Span, ctx: &Context, doc: &DocCtx, r: &Reason) -> String {
        let &Reason::Scored { cand, then, around, border } = r else {
            let Reason::Text(t) = r else { return String::new() };
            return t.clone();
        };
        let (p, exact, how) = sp.cands[cand];
        let mut why = Why(Some(Vec::new()));
        self.score(sp, p, exact, how, ctx, doc, &mut why);
        let mut why = why.0.unwrap_or_default();
        if let Some(t) = then {
            why.push(t.to_string());
        }
        if around {
            return format!("{}; around it, so the surrounding province", why.join("; "));
        }
        if border {
            why.push("only a border named".into());
        }
        why.join("; ")
    }

    fn where_is(&self, p: u32) -> (&str, Option<u32>) {
        let r = self.index.row(p);
        (self.index.country_str(p), if r.kind() == Kind::Country { None } else { r.admin1() })
    }

    /// All place mentions in a text, resolved in document context.
    pub fn find(&self, text: &str, ctx: &Context) -> Vec<PlaceMatch> {
        let has_lower = text.chars().any(char::is_lowercase);
        let has_upper = text.chars().any(char::is_uppercase);
        let caseless = !(has_lower && has_upper);
        let toks = tokenize(text);
        // Title Case headlines: every word capitalised, so runs of capitals say nothing.
        let long: Vec<&Tok<'_>> = toks.iter().filter(|t| t.raw.len() > 3).collect();
        let title = long.len() >= 4 && long.iter().filter(|t| t.cap).count() * 10 >= long.len() * 8;
        let mut spans = self.scan(text, &toks, caseless, title);
        // Pass 1 without the document's own context; pass 2 with what the others name.
        let demonyms: rustc_hash::FxHashSet<String> =
            toks.iter().filter(|t| t.cap).filter_map(|t| self.lex.demonym.get(t.f()).cloned()).collect();
        let empty = DocCtx { demonyms: demonyms.clone(), ..DocCtx::default() };
        let mut first: Vec<Option<(u32, Reason, f32)>> =
            spans.iter().map(|sp| self.resolve_span(sp, ctx, &empty)).collect();
        // Names the text puts inside a unit, and that unit. A name is its span without the unit
        // word ("Kani Township" and "Kani" are one name).
        let mut owned: Vec<(String, u32)> = Vec::new();
        // Folded only where a name is owned: most documents own none.
        let bare = |sp: &Span| {
            let mut t = &text[sp.s..sp.e];
            if let Some((_, w)) = sp.kind_sel.as_ref().filter(|(_, w)| !w.ends_with(" of")) {
                let cut = t.len().saturating_sub(w.len());
                if t.is_char_boundary(cut) && fold(&t[cut..]) == *w {
                    t = t[..cut].trim_end();
                }
            }
            near(&fold(t))
        };
        // "Sagaing's Kani township", "Kaduna state's Kajuru district": what a country, a province
        // or a city owns lies in it (or in its province); a namesake elsewhere is not meant
        // (Kani, Japan).
        for k in 1..spans.len() {
            // The owner's province: "Kabul's Shah Shaheed" lies in Kabul province.
            let owner = match &first[k - 1] {
                Some((p, _, conf)) if *conf >= 0.5 && self.is_country_or_admin1(*p) => *p,
                Some((p, _, conf)) if *conf >= 0.5 => match self.index.row(*p).admin1() {
                    Some(a) => a,
                    None => continue,
                },
                _ => continue,
            };
            let gap = text[spans[k - 1].e..spans[k].s].trim_end();
            if !matches!(gap, "'s" | "\u{2019}s") {
                continue;
            }
            let before = spans[k].cands.len();
            spans[k].cands.retain(|&(p, _, _)| p == owner || self.lies_in(p, owner));
            if spans[k].cands.len() != before {
                first[k] = self.resolve_span(&spans[k], ctx, &empty);
                owned.push((bare(&spans[k]), owner));
            }
        }
        // "Pauktaw township, in Rakhine state", "La Victoria, in Apure state", "Kajuru district of
        // Kaduna": a place the text puts in a province or country lies there, where it has a
        // namesake there; so does the same name elsewhere in the text ("Kani" after "Sagaing's
        // Kani township").
        for k in 0..spans.len().saturating_sub(1) {
            let Some((owner, _, conf)) = &first[k + 1] else { continue };
            if *conf < 0.5 || !self.is_country_or_admin1(*owner) || spans[k].fixed.is_some() {
                continue;
            }
            let gap: Vec<&str> =
                text[spans[k].e..spans[k + 1].s].split([' ', ',']).filter(|w| !w.is_empty()).collect();
            let inside = gap.len() <= 3
                && matches!(gap.first(), Some(&("in" | "of")))
                && gap[1..].iter().all(|w| *w == "the" || self.lex.compass.contains_key(*w));
            // A town or district with no namesake there is one the gazetteer lacks: none of its
            // namesakes elsewhere is meant. A province or country is a list ("in Kunduz, in
            // Baghlan").
            // Only a unit named by its own name, with no namesake unit, says so ("the Bekaa
            // Valley" is a region across two governorates; "Adamawa" is a state and a region).
            let units: Vec<&Cand> =
                spans[k + 1].cands.iter().filter(|c| self.is_country_or_admin1(c.0)).collect();
            let sure_owner = matches!(units.as_slice(), [(p, _, How::Own | How::OwnLiteral)] if p == owner);
            let towns_only =
                sure_owner && spans[k].cands.iter().all(|&(p, _, _)| !self.is_country_or_admin1(p));
            if !inside || !(towns_only || spans[k].cands.iter().any(|&(p, _, _)| self.lies_in(p, *owner))) {
                continue;
            }
            owned.push((bare(&spans[k]), *owner));
        }
        // Each span's bare name once, and only when some name is owned.
        let bares: Vec<String> = if owned.is_empty() { Vec::new() } else { spans.iter().map(bare).collect() };
        for (name, owner) in &owned {
            for k in 0..spans.len() {
                if bares[k] != *name {
                    continue;
                }
                let before = spans[k].cands.len();
                spans[k].cands.retain(|&(p, _, _)| self.lies_in(p, *owner));
                if spans[k].cands.len() != before {
                    first[k] = self.resolve_span(&spans[k], ctx, &empty);
                }
            }
        }
        let names: Vec<String> = spans.iter().map(|sp| near(&fold(&text[sp.s..sp.e]))).collect();
        // The country the document is about: the caller's, else the most named (as a country or
        // province), else its people, else the source's.
        let mut counts: HashMap<&str, usize> = HashMap::default();
        for (p, _, conf) in first.iter().flatten() {
            if *conf >= 0.5 && self.is_country_or_admin1(*p) {
                *counts.entry(self.index.country_str(*p)).or_default() += 1;
            }
        }
        let main_country = ctx.countries.first().cloned().or_else(|| {
            let mut v: Vec<(&str, usize)> = counts.into_iter().collect();
            v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
            v.first()
                .map(|(c, _)| c.to_string())
                .or_else(|| (demonyms.len() == 1).then(|| demonyms.iter().next().cloned()).flatten())
                .or_else(|| ctx.actor_countries.first().cloned())
                .or_else(|| ctx.source_country.clone())
        });
        let capital = main_country
            .as_ref()
            .and_then(|cc| self.index.by_code(&format!("#C:{cc}")))
            .and_then(|c| self.index.row(c).admin2());
        for sp in spans.iter_mut().filter(|sp| sp.doc_capital) {
            if let Some(c) = capital {
                sp.cands = vec![(c, true, How::Variant)];
                sp.cue = Some("the capital".into());
            }
        }
        let country_place = main_country.as_ref().and_then(|cc| self.index.by_code(&format!("#C:{cc}")));
        for sp in spans.iter_mut().filter(|sp| sp.doc_country) {
            if let Some(c) = country_place {
                sp.cands = vec![(c, true, How::Variant)];
            }
        }
        let mut out = Vec::new();
        // The context of a span leaves out every span of its name (its own included), so it
        // depends on the name only: built once per distinct name, not once per span (a long
        // document repeats its names, and this was quadratic in the spans).
        let mut ctx_of: HashMap<&str, DocCtx> = HashMap::default();
        for (k, sp) in spans.iter().enumerate() {
            let doc = ctx_of
                .entry(names[k].as_str())
                .or_insert_with(|| self.doc_ctx_without(&first, &names, &names[k], &demonyms));
            // Nothing else named (a headline with one place): the first pass had the very same
            // inputs, unless the span was given the document's capital since.
            let (resolved, doc) = if !sp.doc_capital && !sp.doc_country && *doc == empty {
                (first[k].clone(), &empty)
            } else {
                (self.resolve_span(sp, ctx, doc), &*doc)
            };
            if let Some((p, reason, conf)) = resolved {
                let reason = self.reason(sp, ctx, doc, &reason);
                out.push(PlaceMatch {
                    start: sp.s,
                    end: sp.e,
                    text: text[sp.s..sp.e].to_string(),
                    place: self.place(p),
                    reason,
                    confidence: conf,
                });
            }
        }
        out
    }

    /// What the first pass found, except under the name `own`: the document context of a span.
    fn doc_ctx_without(
        &self,
        first: &[Option<(u32, Reason, f32)>],
        names: &[String],
        own: &str,
        demonyms: &rustc_hash::FxHashSet<String>,
    ) -> DocCtx {
        let mut doc = DocCtx { demonyms: demonyms.clone(), ..DocCtx::default() };
        for (m, r) in first.iter().enumerate() {
            let Some((p, _, conf)) = r else { continue };
            // The same name elsewhere is no evidence for itself ("Al-Dameer ... Al-Dameer").
            if *conf < 0.5 || names[m] == own {
                continue;
            }
            let (cc, a1) = self.where_is(*p);
            let w = if self.is_country(*p) { 1.0 } else { 0.6 };
            let e = doc.countries.entry(cc.to_string()).or_insert(0.0);
            *e = e.max(w);
            *doc.support.entry(cc.to_string()).or_default() +=
                if self.is_country_or_admin1(*p) { 2 } else { 1 };
            if let Some(a) = a1 {
                let code = self.index.code(&self.index.row(a)).to_string();
                doc.admin1s.insert((cc.to_string(), code), 1.0);
            }
        }
        doc
    }

    /// One name ("Mazar-i-Sharif", "Helmand province", "northwest Pakistan"), resolved.
    pub fn lookup(&self, name: &str, ctx: &Context) -> Option<crate::Place> {
        let toks = tokenize(name);
        let mut words: Vec<&str> = toks.iter().map(|t| t.f()).collect();
        let mut compass = None;
        for w in [2usize, 1] {
            if words.len() > w
                && let Some(d) = self.lex.compass.get(&words[..w].join(" "))
            {
                compass = Some(d.replace([' ', '-'], ""));
                words.drain(..w);
                break;
            }
        }
        if words.first() == Some(&"the") {
            words.remove(0);
        }
        let mut kind_sel = None;
        for w in [2usize, 1] {
            if words.len() > w {
                let tail = words[words.len() - w..].join(" ");
                if let Some(&k) = self.lex.suffix.get(&tail) {
                    kind_sel = Some((k, tail));
                    words.truncate(words.len() - w);
                    break;
                }
            }
        }
        let f = words.join(" ");
        if let Some((_, p, _)) = self.capital_phrase(name, &toks, 0).or_else(|| {
            toks.first().filter(|t| t.f() == "the").and_then(|_| self.capital_phrase(name, &toks, 1))
        }) {
            return Some(self.place(p));
        }
        let cands = self.candidates(&skeleton(&f), &f, true);
        let sp = Span {
            s: 0,
            e: name.len(),
            around: false,
            cands,
            kind_sel,
            cue: Some("lookup".into()),
            compass,
            fixed: None,
            border: false,
            doc_capital: false,
            point: false,
            doc_country: false,
        };
        self.resolve_span(&sp, ctx, &DocCtx::default()).map(|(p, _, _)| self.place(p))
    }
}

#[cfg(test)]
mod tokenize_tests {
    use super::*;

    /// The tokenizer as it was before the byte loop: a char loop folding every word.
    fn by_chars(text: &str) -> Vec<(usize, usize, String, bool)> {
        let mut out = Vec::new();
        let mut start: Option<usize> = None;
        let is_word = |c: char| c.is_alphanumeric() || unicode_normalization::char::is_combining_mark(c);
        for (i, c) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
            match (start, is_word(c)) {
                (None, true) => start = Some(i),
                (Some(s), false) => {
                    let raw = &text[s..i];
                    out.push((s, i, fold(raw), raw.chars().next().is_some_and(char::is_uppercase)));
                    start = None;
                }
                _ => {}
            }
        }
        out
    }

    fn by_bytes(text: &str) -> Vec<(usize, usize, String, bool)> {
        tokenize(text).into_iter().map(|t| (t.s, t.e, t.folded.into_owned(), t.cap)).collect()
    }

    #[test]
    fn same_words_as_the_char_loop() {
        for t in ["", "Kabul", "Mazār-e Sharīf, 12 km", "al-Bab's Shi'ite ", "Ünye\u{301}x", "a\u{2019}b c"]
        {
            assert_eq!(by_bytes(t), by_chars(t), "{t:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn same_words_as_the_char_loop_any(s in "[a-zA-Z0-9 ,.'\u{2019}\u{301}āŞéİ\u{660}-]{0,40}") {
            proptest::prop_assert_eq!(by_bytes(&s), by_chars(&s));
        }
    }
}
