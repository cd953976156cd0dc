//! sitrep's gazetteer and place resolver.
//!
//! - In: GeoNames dumps (to build an index), or a built index (to load: the embedded default,
//!   compiled from `data/geo/places.tsv.gz` by build.rs, or a user's file by memory map), and
//!   normalised text (NFKC, straight quotes) to resolve.
//! - Out: `PlaceMatch`es — byte spans with a `Place` (GeoNames id, admin1/admin2, country,
//!   coordinates, precision) and the reason for the choice; country words and capitals.
//! - Never: a wrong guess with high confidence; an unresolvable name yields no place. Never
//!   prints, never touches the network.

mod data;
mod fold;
mod geonames;
mod index;
mod index_write;
mod record;
mod resolve;

pub use fold::{fold as fold_name, key as name_key};
pub use geonames::{DEFAULT_FULL_COUNTRIES, DEFAULT_MIN_POPULATION, Filter, keep_alt, prune_alts, read_dir};
pub use index_write::build_index;
pub use record::{Kind, Record, read_source, write_source};

use data::Lexicon;
use index::{Bytes, Index};
use rustc_hash::FxHashMap as HashMap;
use sitrep_model::{GeoPrecision, Location};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },
    #[error("{0}")]
    Format(String),
    #[error("gazetteer data file {0}")]
    Data(String),
}

impl Error {
    pub(crate) fn io(path: &Path, source: std::io::Error) -> Error {
        Error::Io { path: path.to_path_buf(), source }
    }
}

/// What the caller already knows about the document.
#[derive(Debug, Default, Clone)]
pub struct Context {
    /// The country of the source (alpha-2), a weak hint.
    pub source_country: Option<String>,
    /// Countries (alpha-2) the document is about: a small namesake elsewhere is not taken.
    pub countries: Vec<String>,
    /// Countries (alpha-2) of the armed groups the document names. A hint for ranking, not a
    /// bound: groups fight across borders (the PKK near Sinjar, al-Shabaab in Kenya).
    pub actor_countries: Vec<String>,
    /// (country alpha-2, GeoNames admin1 code) pairs named in the document.
    pub admin1s: Vec<(String, String)>,
}

/// A resolved place.
#[derive(Debug, Clone, PartialEq)]
pub struct Place {
    pub geonameid: u64,
    pub name: String,
    /// The admin1 name (GeoNames), when known.
    pub admin1: Option<String>,
    /// The admin2 name (GeoNames), when known.
    pub admin2: Option<String>,
    /// ISO 3166-1 alpha-2.
    pub country: String,
    pub lat: f64,
    pub lon: f64,
    pub precision: GeoPrecision,
    /// The coordinates are derived (the mean of an admin unit's member places).
    pub approximate: bool,
    pub population: u64,
    /// The GeoNames admin1 code within the country ("03"), for `Context::admin1s`.
    pub admin1_code: Option<String>,
}

impl Place {
    /// The contract's location record; `text` is the words in the document.
    pub fn to_location(&self, text: &str) -> Location {
        Location {
            name: self.name.clone(),
            text: Some(text.to_string()),
            admin1: self.admin1.clone(),
            admin2: self.admin2.clone(),
            country: Some(self.country.clone()),
            lat: Some(self.lat).filter(|v| v.is_finite()),
            lon: Some(self.lon).filter(|v| v.is_finite()),
            geonameid: Some(self.geonameid),
            precision: self.precision,
            approximate: self.approximate,
        }
    }
}

/// A place mention in a text.
#[derive(Debug, Clone, PartialEq)]
pub struct PlaceMatch {
    /// Byte offsets into the text.
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub place: Place,
    /// Why this place: the kind, the cues and the context that decided.
    pub reason: String,
    pub confidence: f32,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Country {
    pub code: String,
    pub name: String,
    pub capital: Option<Place>,
    pub demonyms: Vec<String>,
}

/// The gazetteer: an index plus the resolver's word lists. `Send + Sync`.
pub struct Gazetteer {
    index: Index,
    lex: Lexicon,
    /// Folded variant spellings (data/geo/variants.toml, countries.toml) → place numbers.
    overlay: HashMap<String, Vec<(u32, String)>>,
    /// (country, direction) → admin1 place number.
    compass: HashMap<(String, String), u32>,
    /// (country, admin1 code of a city-province) → the admin1 place around it.
    around: HashMap<(String, String), u32>,
    /// Tells this gazetteer's entries in the resolver's per-thread memo from another's.
    id: u64,
}

static EMBEDDED_INDEX: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/gazetteer.idx"));

impl Gazetteer {
    /// The default gazetteer compiled into the binary, loaded on first use.
    pub fn embedded() -> &'static Gazetteer {
        static G: OnceLock<Gazetteer> = OnceLock::new();
        G.get_or_init(|| {
            // The index and word lists are compiled in and checked by this crate's tests.
            Gazetteer::from_bytes(Bytes::Static(EMBEDDED_INDEX)).expect("embedded gazetteer is valid")
        })
    }

    /// A fresh copy of the embedded gazetteer, not cached (for load-time benchmarks).
    pub fn embedded_uncached() -> Result<Gazetteer, Error> {
        Gazetteer::from_bytes(Bytes::Static(EMBEDDED_INDEX))
    }

    /// The embedded index file's bytes, in the format `open` reads.
    pub fn embedded_index_bytes() -> &'static [u8] {
        EMBEDDED_INDEX
    }

    /// A user-built index (`sitrep gazetteer build`), memory-mapped.
    pub fn open(path: &Path) -> Result<Gazetteer, Error> {
        let f = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
        // SAFETY: the file is opened read-only; a concurrent writer truncating it is outside what
        // sitrep supports (the index is written once by `gazetteer build` to a new file).
        let m = unsafe { memmap2::Mmap::map(&f) }.map_err(|e| Error::io(path, e))?;
        Gazetteer::from_bytes(Bytes::Mapped(m)).map_err(|e| match e {
            Error::Format(s) => Error::Format(format!("{}: {s}", path.display())),
            e => e,
        })
    }

    /// An index built in memory from records (tests, small custom gazetteers).
    pub fn from_records(records: &[Record]) -> Result<Gazetteer, Error> {
        let bytes = build_index(records, &data::generic_words(data::GENERIC_TXT));
        Gazetteer::from_bytes(Bytes::Static(Box::leak(bytes.into_boxed_slice())))
    }

    fn from_bytes(bytes: Bytes) -> Result<Gazetteer, Error> {
        let index = Index::new(bytes)?;
        let lex = Lexicon::load()?;
        let mut g = Gazetteer {
            index,
            lex,
            overlay: HashMap::default(),
            compass: HashMap::default(),
            around: HashMap::default(),
            id: {
                static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
                NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
            },
        };
        g.load_overlay();
        Ok(g)
    }

    fn add_variant(&mut self, name: &str, place: u32) {
        let f = fold::fold(name);
        let e = self.overlay.entry(fold::skeleton(&f)).or_default();
        if !e.iter().any(|(p, g)| *p == place && *g == f) {
            e.push((place, f));
        }
    }

    /// The place a `[place]` key of variants.toml ("Name, CC") names: the most populous
    /// populated place of that very name in that country.
    fn variant_place(&self, target: &str) -> Option<u32> {
        let (name, cc) = target.rsplit_once(", ")?;
        let f = fold::fold(name);
        self.index.postings(&fold::skeleton(&f)).into_iter().find(|&i| {
            let r = self.index.row(i);
            r.kind() == Kind::Place && r.country() == cc.as_bytes() && fold::fold(self.index.name(&r)) == f
        })
    }

    /// Variants whose target the index lacks are skipped: a smaller user index may not have them
    /// (the shipped one has them all: a test says so).
    fn load_overlay(&mut self) {
        let mut adds: Vec<(String, u32)> = Vec::new();
        let v = &self.lex.variants;
        for (code, names) in &v.admin1 {
            if let Some(p) = self.index.by_code(&format!("#A1:{code}")) {
                adds.extend(names.iter().map(|n| (n.clone(), p)));
            }
        }
        for (code, names) in &v.admin2 {
            if let Some(p) = self.index.by_code(&format!("#A2:{code}")) {
                adds.extend(names.iter().map(|n| (n.clone(), p)));
            }
        }
        for (target, names) in &v.place {
            if let Some(p) = self.variant_place(target) {
                adds.extend(names.iter().map(|n| (n.clone(), p)));
            }
        }
        for (cc, c) in &self.lex.countries {
            if let Some(p) = self.index.by_code(&format!("#C:{cc}")) {
                adds.extend(c.names.iter().map(|n| (n.clone(), p)));
            }
        }
        let mut compass = HashMap::default();
        for (k, code) in &v.compass {
            let Some((cc, dir)) = k.split_once(' ') else { continue };
            if let Some(p) = self.index.by_code(&format!("#A1:{code}")) {
                compass.insert((cc.to_string(), dir.replace(' ', "")), p);
            }
        }
        for (inner, outer) in &v.around {
            if let (Some((cc, code)), Some(p)) =
                (inner.split_once('.'), self.index.by_code(&format!("#A1:{outer}")))
            {
                self.around.insert((cc.to_string(), code.to_string()), p);
            }
        }
        for (n, p) in adds {
            self.add_variant(&n, p);
        }
        self.compass = compass;
    }

    /// Number of entries in the index.
    pub fn len(&self) -> usize {
        self.index.len()
    }

    pub fn is_empty(&self) -> bool {
        self.index.len() == 0
    }

    pub(crate) fn place(&self, i: u32) -> Place {
        let r = self.index.row(i);
        let kind = r.kind();
        let a1 = r.admin1().filter(|_| kind != Kind::Country).map(|a| self.index.row(a));
        let a2 =
            r.admin2().filter(|_| kind == Kind::Place || kind == Kind::Admin2).map(|a| self.index.row(a));
        let c = r.country();
        Place {
            geonameid: r.geonameid(),
            name: self.index.name(&r).to_string(),
            admin1: a1.map(|a| self.index.name(&a).to_string()),
            admin2: a2.map(|a| self.index.name(&a).to_string()),
            country: String::from_utf8_lossy(&c).into_owned(),
            // The index stores f32; five decimals (about a metre) is all it holds.
            lat: (r.lat() * 1e5).round() / 1e5,
            lon: (r.lon() * 1e5).round() / 1e5,
            precision: match kind {
                Kind::Country => GeoPrecision::Country,
                Kind::Admin1 => GeoPrecision::Province,
                Kind::Admin2 => GeoPrecision::District,
                Kind::Place => GeoPrecision::Town,
            },
            approximate: r.approximate(),
            population: r.population(),
            admin1_code: a1.map(|a| self.index.code(&a).to_string()).filter(|s| !s.is_empty()),
        }
    }

    /// A country by alpha-2 code: its name, capital and demonyms.
    pub fn country(&self, alpha2: &str) -> Option<Country> {
        let code = alpha2.to_ascii_uppercase();
        let i = self.index.by_code(&format!("#C:{code}"))?;
        let r = self.index.row(i);
        Some(Country {
            name: self.index.name(&r).to_string(),
            capital: r.admin2().map(|c| self.place(c)),
            demonyms: self.lex.countries.get(&code).map(|c| c.demonyms.clone()).unwrap_or_default(),
            code,
        })
    }

    /// The country a word names: a demonym ("Afghan", "Pakistani") or a country name
    /// ("Pakistan", "Burma"). `None` for anything else.
    pub fn country_of_word(&self, word: &str) -> Option<&str> {
        // The same few words are asked about in every document: remembered per thread.
        let known = resolve::MEMO.with(|m| {
            let mut m = m.borrow_mut();
            m.check(self.id);
            let known = m.words.get(word)?;
            Some(match known {
                resolve::WordCountry::Demonym(f) => self.lex.demonym.get(f.as_str()).map(String::as_str),
                resolve::WordCountry::Place(p) => Some(self.index.country_str(*p)),
                resolve::WordCountry::Not => None,
            })
        });
        if let Some(c) = known {
            return c;
        }
        let (found, c) = self.read_country_of_word(word);
        resolve::MEMO.with(|m| m.borrow_mut().words.insert(word.to_string(), found));
        c
    }

    fn read_country_of_word(&self, word: &str) -> (resolve::WordCountry, Option<&str>) {
        let w = word.trim();
        let w = w.strip_suffix("'s").or_else(|| w.strip_suffix("\u{2019}s")).unwrap_or(w);
        let f = fold::fold(w);
        if let Some(cc) = self.lex.demonym.get(f.as_str()) {
            return (resolve::WordCountry::Demonym(f), Some(cc.as_str()));
        }
        let key = fold::skeleton(&f);
        let from_overlay = self.overlay.get(&key).into_iter().flatten().map(|(p, _)| *p);
        match from_overlay
            .chain(self.index.postings_iter(&key))
            .find(|&p| self.index.row(p).kind() == Kind::Country)
        {
            Some(p) => (resolve::WordCountry::Place(p), Some(self.index.country_str(p))),
            None => (resolve::WordCountry::Not, None),
        }
    }

    /// The name of a country by its alpha-2 code: `country(code).name` without building the rest.
    pub fn country_name(&self, alpha2: &str) -> Option<&str> {
        let i = self.index.by_code(&format!("#C:{}", alpha2.to_ascii_uppercase()))?;
        Some(self.index.name(&self.index.row(i)))
    }
}

/// The generic admin words (data/geo/generic.txt) that `build_index` strips from admin names.
pub fn generic_words() -> Vec<String> {
    data::generic_words(data::GENERIC_TXT)
}

/// Writes the default gazetteer's source format, gzip-compressed.
pub fn write_source_gz(path: &Path, records: &[Record]) -> Result<(), Error> {
    use std::io::Write;
    let f = std::fs::File::create(path).map_err(|e| Error::io(path, e))?;
    let mut gz = flate2::write::GzEncoder::new(std::io::BufWriter::new(f), flate2::Compression::best());
    write_source(&mut gz, records).map_err(|e| Error::io(path, e))?;
    gz.finish().and_then(|mut w| w.flush()).map_err(|e| Error::io(path, e))
}

#[cfg(test)]
mod tests;
