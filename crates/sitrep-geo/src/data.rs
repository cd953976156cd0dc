//! The word lists the resolver reads (data/geo/*.toml), parsed once.

use crate::Error;
use crate::fold::fold;
use crate::record::Kind;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use serde::Deserialize;
use std::collections::BTreeMap;

pub const RESOLVER_TOML: &str = include_str!("../../../data/geo/resolver.toml");
pub const VARIANTS_TOML: &str = include_str!("../../../data/geo/variants.toml");
pub const COUNTRIES_TOML: &str = include_str!("../../../data/geo/countries.toml");

#[derive(Deserialize)]
struct Words {
    words: Vec<String>,
}

#[derive(Deserialize)]
struct ResolverFile {
    suffix: BTreeMap<String, String>,
    after: BTreeMap<String, String>,
    cue: Words,
    compass: BTreeMap<String, String>,
    capital: Words,
    person_after: Words,
    group_after: Words,
    feature_after: Words,
    descriptor_after: Words,
    name_openers: Words,
    name_particles: Words,
    locative: Words,
    place_before_said: Words,
    lower_name_words: Words,
    around: Words,
    stop: Words,
}

#[derive(Deserialize)]
pub struct VariantsFile {
    pub admin1: BTreeMap<String, Vec<String>>,
    pub admin2: BTreeMap<String, Vec<String>>,
    pub place: BTreeMap<String, Vec<String>>,
    pub compass: BTreeMap<String, String>,
    pub around: BTreeMap<String, String>,
}

#[derive(Deserialize)]
pub struct CountryWords {
    pub demonyms: Vec<String>,
    pub names: Vec<String>,
}

/// Resolver vocabulary, all keys folded.
pub struct Lexicon {
    pub generic: Vec<String>,
    pub suffix: HashMap<String, Kind>,
    pub after: HashMap<String, Kind>,
    pub cue: HashSet<String>,
    pub compass: HashMap<String, String>,
    pub capital: HashSet<String>,
    pub person_after: HashSet<String>,
    pub group_after: HashSet<String>,
    pub feature_after: HashSet<String>,
    pub descriptor_after: HashSet<String>,
    pub name_openers: HashSet<String>,
    pub name_particles: HashSet<String>,
    pub locative: HashSet<String>,
    pub place_before_said: HashSet<String>,
    pub lower_name_words: HashSet<String>,
    pub around: HashSet<String>,
    pub stop: HashSet<String>,
    pub variants: VariantsFile,
    pub countries: BTreeMap<String, CountryWords>,
    /// Folded demonym → alpha-2.
    pub demonym: HashMap<String, String>,
}

fn parse<T: for<'de> Deserialize<'de>>(what: &str, s: &str) -> Result<T, Error> {
    toml::from_str(s).map_err(|e| Error::Data(format!("{what}: {e}")))
}

impl Lexicon {
    pub fn load() -> Result<Lexicon, Error> {
        let r: ResolverFile = parse("data/geo/resolver.toml", RESOLVER_TOML)?;
        let kinds = |m: BTreeMap<String, String>| -> Result<HashMap<String, Kind>, Error> {
            let mut out = HashMap::default();
            for (w, k) in m {
                let kind = match k.as_str() {
                    "admin1" => Kind::Admin1,
                    "admin2" => Kind::Admin2,
                    "place" => Kind::Place,
                    other => return Err(Error::Data(format!("resolver.toml: {w:?} has kind {other:?}"))),
                };
                out.insert(fold(&w), kind);
            }
            Ok(out)
        };
        let suffix = kinds(r.suffix)?;
        let after = kinds(r.after)?;
        let countries: BTreeMap<String, CountryWords> = parse("data/geo/countries.toml", COUNTRIES_TOML)?;
        let mut demonym = HashMap::default();
        for (cc, c) in &countries {
            for d in &c.demonyms {
                demonym.insert(fold(d), cc.clone());
            }
        }
        Ok(Lexicon {
            after,
            generic: generic_words(GENERIC_TXT),
            suffix,
            cue: r.cue.words.iter().map(|w| fold(w)).collect(),
            compass: r.compass.into_iter().map(|(k, v)| (fold(&k), v)).collect(),
            capital: r.capital.words.iter().map(|w| fold(w)).collect(),
            person_after: r.person_after.words.iter().map(|w| fold(w)).collect(),
            group_after: r.group_after.words.iter().map(|w| fold(w)).collect(),
            feature_after: r.feature_after.words.iter().map(|w| fold(w)).collect(),
            descriptor_after: r.descriptor_after.words.iter().map(|w| fold(w)).collect(),
            name_openers: r.name_openers.words.iter().map(|w| fold(w)).collect(),
            name_particles: r.name_particles.words.iter().map(|w| fold(w)).collect(),
            locative: r.locative.words.iter().map(|w| fold(w)).collect(),
            place_before_said: r.place_before_said.words.iter().map(|w| fold(w)).collect(),
            lower_name_words: r.lower_name_words.words.iter().map(|w| fold(w)).collect(),
            around: r.around.words.iter().map(|w| fold(w)).collect(),
            stop: r.stop.words.iter().map(|w| fold(w)).collect(),
            variants: parse("data/geo/variants.toml", VARIANTS_TOML)?,
            countries,
            demonym,
        })
    }
}

pub const GENERIC_TXT: &str = include_str!("../../../data/geo/generic.txt");

/// Generic admin words (data/geo/generic.txt), folded. build.rs reads the same file.
pub fn generic_words(txt: &str) -> Vec<String> {
    txt.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')).map(fold).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_files_parse_without_duplicates() {
        let lx = Lexicon::load().unwrap();
        assert!(lx.stop.contains("taliban"));
        assert_eq!(lx.suffix.get("province"), Some(&Kind::Admin1));
        let r: ResolverFile = parse("r", RESOLVER_TOML).unwrap();
        let mut seen = HashSet::default();
        for w in &r.stop.words {
            assert!(seen.insert(fold(w)), "duplicate stop word {w}");
        }
        for (code, names) in lx.variants.admin1.iter().chain(lx.variants.admin2.iter()) {
            let mut seen = HashSet::default();
            for n in names {
                assert!(seen.insert(n), "duplicate variant {n} of {code}");
            }
        }
        for cc in lx.countries.keys() {
            assert_eq!(cc.len(), 2, "{cc}");
        }
    }
}
