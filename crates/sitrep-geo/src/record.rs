//! One gazetteer entry before indexing, and the committed source format (a gzip TSV) that the
//! default index is compiled from. Shared by build.rs and the library (included by path), so it
//! depends only on std and flate2.

use std::io::{self, BufRead, Write};

/// What an entry is. The index ranks candidates by it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    Country = 0,
    Admin1 = 1,
    Admin2 = 2,
    Place = 3,
}

impl Kind {
    pub fn code(self) -> &'static str {
        match self {
            Kind::Country => "C",
            Kind::Admin1 => "A1",
            Kind::Admin2 => "A2",
            Kind::Place => "P",
        }
    }
    pub fn from_code(s: &str) -> Option<Kind> {
        Some(match s {
            "C" => Kind::Country,
            "A1" => Kind::Admin1,
            "A2" => Kind::Admin2,
            "P" => Kind::Place,
            _ => return None,
        })
    }
    pub fn from_u8(b: u8) -> Kind {
        match b {
            0 => Kind::Country,
            1 => Kind::Admin1,
            2 => Kind::Admin2,
            _ => Kind::Place,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    pub kind: Kind,
    pub geonameid: u64,
    pub name: String,
    /// Other names (ASCII name, alternate names), without `name` itself.
    pub alt: Vec<String>,
    /// Absent for admin units and countries in GeoNames' code tables: the index derives them.
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    /// GeoNames feature code ("PPLC", "PPLA"); empty when the dump lacks it.
    pub fcode: String,
    pub country: String,
    /// The admin1 code within the country ("03"), empty when unknown.
    pub admin1: String,
    /// The admin2 code within the admin1, empty when unknown.
    pub admin2: String,
    pub population: u64,
}

pub const SOURCE_HEADER: &str = "\
# sitrep default gazetteer source, derived from GeoNames (geonames.org, CC BY 4.0).
# Produced by `sitrep gazetteer export-source --geonames DIR -o data/geo/places.tsv.gz`.
# One entry per line, tab-separated:
#   kind        C country, A1 first-order admin unit, A2 second-order, P populated place
#   geonameid   GeoNames id
#   name        GeoNames name
#   lat, lon    WGS84 degrees; empty for admin units (the index uses the mean of member places)
#   fcode       GeoNames feature code (PPLC capital, PPLA seat of an admin1 ...); may be empty
#   country     ISO 3166-1 alpha-2
#   admin1      GeoNames admin1 code within the country; may be empty
#   admin2      GeoNames admin2 code; may be empty
#   population  0 when unknown
#   alt         other Latin-script names, comma-separated
kind\tgeonameid\tname\tlat\tlon\tfcode\tcountry\tadmin1\tadmin2\tpopulation\talt
";

fn bad(line: usize, what: &str) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, format!("source line {line}: {what}"))
}

/// Reads the source TSV (already decompressed).
pub fn read_source<R: BufRead>(r: R) -> io::Result<Vec<Record>> {
    let mut out = Vec::new();
    for (i, line) in r.lines().enumerate() {
        let line = line?;
        if line.starts_with('#') || line.starts_with("kind\t") || line.is_empty() {
            continue;
        }
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() != 11 {
            return Err(bad(i + 1, "expected 11 tab-separated fields"));
        }
        let coord = |s: &str| -> io::Result<Option<f64>> {
            if s.is_empty() {
                Ok(None)
            } else {
                s.parse().map(Some).map_err(|_| bad(i + 1, "bad coordinate"))
            }
        };
        out.push(Record {
            kind: Kind::from_code(f[0]).ok_or_else(|| bad(i + 1, "bad kind"))?,
            geonameid: f[1].parse().map_err(|_| bad(i + 1, "bad geonameid"))?,
            name: f[2].to_string(),
            lat: coord(f[3])?,
            lon: coord(f[4])?,
            fcode: f[5].to_string(),
            country: f[6].to_string(),
            admin1: f[7].to_string(),
            admin2: f[8].to_string(),
            population: if f[9].is_empty() {
                0
            } else {
                f[9].parse().map_err(|_| bad(i + 1, "bad population"))?
            },
            alt: f[10].split(',').filter(|s| !s.is_empty()).map(str::to_string).collect(),
        });
    }
    Ok(out)
}

/// Writes the source TSV (the caller compresses). Tabs and newlines inside names become spaces.
pub fn write_source<W: Write>(mut w: W, records: &[Record]) -> io::Result<()> {
    w.write_all(SOURCE_HEADER.as_bytes())?;
    let clean = |s: &str| s.replace(['\t', '\n', '\r'], " ");
    let coord = |c: Option<f64>| c.map(|v| format!("{v}")).unwrap_or_default();
    for r in records {
        let alt: Vec<String> = r.alt.iter().map(|a| clean(a).replace(',', " ")).collect();
        writeln!(
            w,
            "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
            r.kind.code(),
            r.geonameid,
            clean(&r.name),
            coord(r.lat),
            coord(r.lon),
            r.fcode,
            r.country,
            r.admin1,
            r.admin2,
            r.population,
            alt.join(",")
        )?;
    }
    Ok(())
}
