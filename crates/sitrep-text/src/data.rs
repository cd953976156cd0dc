//! The embedded word lists, parsed once.

use crate::Error;
use serde::Deserialize;
use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::LazyLock;

/// FxHash, as in rustc: the keys are short words from our own files, so SipHash's resistance
/// to crafted collisions buys nothing and its cost showed in profiles of the number parser.
/// Hand-written (a dozen lines) rather than adding `rustc-hash` to the shared workspace manifest.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct Fx(u64);

impl Fx {
    fn add(&mut self, w: u64) {
        self.0 = (self.0.rotate_left(5) ^ w).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
}

impl Hasher for Fx {
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut v = [0u8; 8];
            v[..chunk.len()].copy_from_slice(chunk);
            self.add(u64::from_le_bytes(v));
        }
    }
    fn write_u8(&mut self, i: u8) {
        self.add(i as u64);
    }
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

pub(crate) type FxMap<K, V> = HashMap<K, V, BuildHasherDefault<Fx>>;
pub(crate) type FxSet<K> = HashSet<K, BuildHasherDefault<Fx>>;

const CHARACTERS: &str = include_str!("../../../data/text/characters.tsv");
const ABBREVIATIONS: &str = include_str!("../../../data/text/abbreviations.txt");
const NUMBERS: &str = include_str!("../../../data/text/numbers.toml");
const DATES: &str = include_str!("../../../data/text/dates.toml");

/// How an abbreviation's period behaves at the end of a word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum AbbrevKind {
    /// Never ends a sentence on the same line.
    Title,
    /// Ends a sentence only before a capitalised word.
    Other,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Bound {
    Min,
    Max,
    Both,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Qualifier {
    pub bound: Bound,
    #[serde(default)]
    pub approximate: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct NumbersFile {
    units: HashMap<String, u32>,
    tens: HashMap<String, u32>,
    multipliers: HashMap<String, u32>,
    phrases: HashMap<String, u32>,
    plurals: HashMap<String, u32>,
    vague: VagueList,
    qualifiers: HashMap<String, Qualifier>,
    one: OneRules,
    dates: DateWords,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct VagueList {
    words: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct OneRules {
    not_before: Vec<String>,
    not_after: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct DateWords {
    year_after: Vec<String>,
}

/// How a relative time phrase resolves; see the header of `data/text/dates.toml`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Relative {
    Today,
    Yesterday,
    DayBefore,
    Overnight,
    #[serde(rename = "last_24h")]
    Last24h,
    ThisWeek,
    EarlierWeek,
    LastWeek,
    LastWeekend,
    ThisWeekend,
    ThisMonth,
    EarlierMonth,
    LastMonth,
    ThisYear,
    EarlierYear,
    LastYear,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct DatesFile {
    months: HashMap<String, u32>,
    weekdays: HashMap<String, u32>,
    relative: HashMap<String, Relative>,
}

/// A number word's role in the quantity grammar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum NumWord {
    Unit(u32),
    Tens(u32),
    Multiplier(u32),
    Plural(u32),
}

/// Everything the parsers look words up in. Multi-word keys are single-space separated, lower case.
#[derive(Debug)]
pub(crate) struct Lexicons {
    pub characters: FxMap<char, Option<char>>,
    pub abbreviations: FxMap<String, AbbrevKind>,
    pub num_words: FxMap<String, NumWord>,
    pub phrases: FxMap<String, u32>,
    pub vague: FxSet<String>,
    pub qualifiers: FxMap<String, Qualifier>,
    pub one_not_before: FxSet<String>,
    pub one_not_after: FxSet<String>,
    pub year_after: FxSet<String>,
    /// Every proper word prefix of a multi-word phrase, qualifier or vague expression ("at",
    /// "a number"), so that look-ups of longer phrases stop early.
    pub phrase_prefixes: FxSet<String>,
    /// Month names as written (capitalised), and lower-cased for look-ups.
    pub months: FxMap<String, u32>,
    pub weekdays: FxMap<String, u32>,
    pub relative: FxMap<String, Relative>,
}

fn data_err(file: &'static str, message: impl Into<String>) -> Error {
    Error::Data { file, message: message.into() }
}

fn tsv_rows(text: &str) -> impl Iterator<Item = (usize, Vec<&str>)> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#'))
        .skip(1) // the header row
        .map(|(i, l)| (i + 1, l.split('\t').collect()))
}

fn parse_characters() -> Result<FxMap<char, Option<char>>, Error> {
    const F: &str = "characters.tsv";
    let mut map = FxMap::default();
    for (line, cols) in tsv_rows(CHARACTERS) {
        let [from, to, _name] = cols[..] else {
            return Err(data_err(F, format!("line {line}: expected 3 tab-separated fields")));
        };
        let code = |s: &str| {
            u32::from_str_radix(s, 16)
                .ok()
                .and_then(char::from_u32)
                .ok_or_else(|| data_err(F, format!("line {line}: {s:?} is not a hexadecimal code point")))
        };
        let from = code(from)?;
        let to = if to == "-" { None } else { Some(code(to)?) };
        if map.insert(from, to).is_some() {
            return Err(data_err(F, format!("line {line}: {from:?} listed twice")));
        }
    }
    Ok(map)
}

fn parse_abbreviations() -> Result<FxMap<String, AbbrevKind>, Error> {
    const F: &str = "abbreviations.txt";
    let mut map = FxMap::default();
    for (line, cols) in tsv_rows(ABBREVIATIONS) {
        let [abbr, kind] = cols[..] else {
            return Err(data_err(F, format!("line {line}: expected 2 tab-separated fields")));
        };
        let kind = match kind {
            "title" => AbbrevKind::Title,
            "other" => AbbrevKind::Other,
            k => return Err(data_err(F, format!("line {line}: unknown kind {k:?}"))),
        };
        if abbr.is_empty() || abbr.ends_with('.') {
            return Err(data_err(F, format!("line {line}: write the abbreviation without its final period")));
        }
        if map.insert(abbr.to_string(), kind).is_some() {
            return Err(data_err(F, format!("line {line}: {abbr:?} listed twice")));
        }
    }
    Ok(map)
}

fn key(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

fn lower_set(file: &'static str, words: &[String]) -> Result<FxSet<String>, Error> {
    let mut set = FxSet::default();
    for w in words {
        if !set.insert(key(w)) {
            return Err(data_err(file, format!("{w:?} listed twice")));
        }
    }
    Ok(set)
}

impl Lexicons {
    pub(crate) fn load() -> Result<Lexicons, Error> {
        const N: &str = "numbers.toml";
        const D: &str = "dates.toml";
        // toml already rejects duplicate keys within a table.
        let n: NumbersFile = toml::from_str(NUMBERS).map_err(|e| data_err(N, e.to_string()))?;
        let d: DatesFile = toml::from_str(DATES).map_err(|e| data_err(D, e.to_string()))?;
        let mut num_words = FxMap::default();
        type Table<'a> = (&'a HashMap<String, u32>, fn(u32) -> NumWord);
        let groups: [Table; 4] = [
            (&n.units, NumWord::Unit),
            (&n.tens, NumWord::Tens),
            (&n.multipliers, NumWord::Multiplier),
            (&n.plurals, NumWord::Plural),
        ];
        for (table, make) in groups {
            for (w, &v) in table {
                if w.contains(char::is_whitespace) || *w != w.to_lowercase() {
                    return Err(data_err(N, format!("{w:?}: number words are single lower-case words")));
                }
                if num_words.insert(w.clone(), make(v)).is_some() {
                    return Err(data_err(N, format!("{w:?} is in two tables")));
                }
            }
        }
        let months: FxMap<String, u32> = d.months.into_iter().collect();
        for (name, &m) in &months {
            if !(1..=12).contains(&m) || !name.starts_with(|c: char| c.is_ascii_uppercase()) {
                return Err(data_err(D, format!("month {name:?} = {m}: want a capitalised name and 1..=12")));
            }
        }
        for (name, &w) in &d.weekdays {
            if !(1..=7).contains(&w) || !name.starts_with(|c: char| c.is_ascii_uppercase()) {
                return Err(data_err(
                    D,
                    format!("weekday {name:?} = {w}: want a capitalised name and 1..=7"),
                ));
            }
        }
        let mut relative = FxMap::default();
        for (p, r) in d.relative {
            if relative.insert(key(&p), r).is_some() {
                return Err(data_err(D, format!("{p:?} listed twice")));
            }
        }
        let mut qualifiers = FxMap::default();
        for (p, q) in n.qualifiers {
            if qualifiers.insert(key(&p), q).is_some() {
                return Err(data_err(N, format!("qualifier {p:?} listed twice")));
            }
        }
        let vague = lower_set(N, &n.vague.words)?;
        let phrases: FxMap<String, u32> = n.phrases.into_iter().map(|(k, v)| (key(&k), v)).collect();
        let mut phrase_prefixes = FxSet::default();
        for p in phrases.keys().chain(qualifiers.keys()).chain(vague.iter()) {
            let words: Vec<&str> = p.split(' ').collect();
            for n in 1..words.len() {
                phrase_prefixes.insert(words[..n].join(" "));
            }
        }
        Ok(Lexicons {
            characters: parse_characters()?,
            abbreviations: parse_abbreviations()?,
            num_words,
            phrases,
            vague,
            phrase_prefixes,
            qualifiers,
            one_not_before: lower_set(N, &n.one.not_before)?,
            one_not_after: lower_set(N, &n.one.not_after)?,
            year_after: lower_set(N, &n.dates.year_after)?,
            months,
            weekdays: d.weekdays.into_iter().collect(),
            relative,
        })
    }
}

/// The parsed lexicons. The files are compiled in and `tests::data_files_parse` proves they
/// parse, so a failure here is a build defect, not an input error.
pub(crate) static LEX: LazyLock<Lexicons> =
    LazyLock::new(|| Lexicons::load().unwrap_or_else(|e| panic!("embedded data is broken: {e}")));

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_files_parse() {
        let lex = Lexicons::load().unwrap();
        assert_eq!(lex.num_words.get("twenty"), Some(&NumWord::Tens(20)));
        assert_eq!(lex.months.get("March"), Some(&3));
        assert_eq!(lex.relative.get("last weekend"), Some(&Relative::LastWeekend));
        assert_eq!(lex.abbreviations.get("Gen"), Some(&AbbrevKind::Title));
        assert_eq!(lex.characters.get(&'\u{201C}'), Some(&Some('"')));
        assert_eq!(lex.characters.get(&'\u{200B}'), Some(&None));
    }

    #[test]
    fn no_word_is_both_a_number_and_something_else() {
        let lex = Lexicons::load().unwrap();
        for w in lex.num_words.keys() {
            assert!(!lex.vague.contains(w), "{w} is both a number and vague");
            assert!(!lex.qualifiers.contains_key(w), "{w} is both a number and a qualifier");
        }
        for q in lex.qualifiers.keys() {
            assert!(!lex.vague.contains(q), "{q} is both a qualifier and vague");
        }
    }
}
