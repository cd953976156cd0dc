//! Writes the binary index from records. Shared by build.rs (the embedded default) and
//! `sitrep gazetteer build` (a user's index), so both produce the same format.
//!
//! Layout (little-endian), read by `index.rs` without parsing or allocation:
//! header | places (REC bytes each) | postings (u32 place numbers) | strings (UTF-8) | fst
//! The fst maps a name skeleton, and "=" + a name's near form (fold::near), to
//! `postings_start << 16 | count`, and `#C:PK`, `#A1:PK.03`,
//! `#A2:PK.03.1173641` to a place number. The admin2 slot of a country holds its capital, that
//! of an admin1 its seat (the most populous PPLA).

use crate::fold;
use crate::record::{Kind, Record};
use std::collections::{BTreeMap, HashMap};

pub const MAGIC: &[u8; 8] = b"SRGAZ\0\0\0";
pub const VERSION: u32 = 3;
pub const REC: usize = 40;
pub const HEADER: usize = 64;
pub const NONE: u32 = u32::MAX;
pub const FLAG_APPROX: u8 = 1;
pub const FLAG_CAPITAL: u8 = 2;
/// Most places one name may point to; beyond it the smallest are dropped (a "San José" has hundreds).
pub const MAX_POSTINGS: usize = 60_000;

/// Admin-unit names with their generic word removed ("Khyber Agency" → "Khyber").
pub fn strip_generic(name: &str, words: &[String]) -> Option<String> {
    let f = fold::fold(name);
    for w in words {
        if let Some(s) = f.strip_suffix(w.as_str()).map(str::trim_end).filter(|s| !s.is_empty()) {
            return Some(s.to_string());
        }
        // "Province of Tarlac", "Municipality of Kabul": the unit word and its "of".
        if let Some(s) = f.strip_prefix(w.as_str()).filter(|s| s.starts_with(' ')).map(str::trim_start) {
            let s = s.strip_prefix("of ").unwrap_or(s);
            return Some(s.to_string());
        }
    }
    None
}

struct Acc {
    lat: f64,
    lon: f64,
    n: u32,
    pop: u64,
}

pub fn build_index(records: &[Record], generic: &[String]) -> Vec<u8> {
    let mut seen = std::collections::HashSet::new();
    let recs: Vec<&Record> =
        records.iter().filter(|r| seen.insert((r.kind, r.geonameid, r.country.clone()))).collect();
    let n = recs.len();
    let mut country_ix: HashMap<&str, u32> = HashMap::new();
    let mut a1_ix: HashMap<(&str, &str), u32> = HashMap::new();
    let mut a2_ix: HashMap<(&str, &str, &str), u32> = HashMap::new();
    for (i, r) in recs.iter().enumerate() {
        let i = i as u32;
        match r.kind {
            Kind::Country => {
                country_ix.entry(&r.country).or_insert(i);
            }
            Kind::Admin1 => {
                a1_ix.entry((&r.country, &r.admin1)).or_insert(i);
            }
            Kind::Admin2 => {
                a2_ix.entry((&r.country, &r.admin1, &r.admin2)).or_insert(i);
            }
            Kind::Place => {}
        }
    }
    // Admin units and countries: mean of member places, and the sum of their populations.
    let mut acc: HashMap<u32, Acc> = HashMap::new();
    let mut capital: HashMap<&str, (u64, u32)> = HashMap::new();
    let mut seat: HashMap<(&str, &str), (u64, u32)> = HashMap::new();
    for (i, r) in recs.iter().enumerate() {
        if r.kind != Kind::Place {
            continue;
        }
        let (Some(lat), Some(lon)) = (r.lat, r.lon) else { continue };
        let mut owners = vec![];
        if let Some(&c) = country_ix.get(r.country.as_str()) {
            owners.push(c);
        }
        if let Some(&a) = a1_ix.get(&(r.country.as_str(), r.admin1.as_str())) {
            owners.push(a);
        }
        if let Some(&a) = a2_ix.get(&(r.country.as_str(), r.admin1.as_str(), r.admin2.as_str())) {
            owners.push(a);
        }
        for o in owners {
            let e = acc.entry(o).or_insert(Acc { lat: 0.0, lon: 0.0, n: 0, pop: 0 });
            e.lat += lat;
            e.lon += lon;
            e.n += 1;
            e.pop += r.population;
        }
        if r.fcode == "PPLC" {
            let e = capital.entry(&r.country).or_insert((0, i as u32));
            if r.population >= e.0 {
                *e = (r.population, i as u32);
            }
        }
        // The seat of an admin1 (its "provincial capital"): the most populous PPLA in it.
        if r.fcode == "PPLA" || r.fcode == "PPLC" {
            let e = seat.entry((&r.country, &r.admin1)).or_insert((0, i as u32));
            if r.population >= e.0 {
                *e = (r.population, i as u32);
            }
        }
    }
    let mut strings = String::new();
    let mut places = Vec::with_capacity(n * REC);
    let mut names: BTreeMap<String, Vec<u32>> = BTreeMap::new();
    let mut codes: Vec<(String, u32)> = Vec::new();
    for (i, r) in recs.iter().enumerate() {
        let idx = i as u32;
        let mut flags = 0u8;
        let (mut lat, mut lon) = (r.lat, r.lon);
        let mut pop = r.population;
        if r.kind != Kind::Place
            && let Some(a) = acc.get(&idx)
        {
            if lat.is_none() {
                lat = Some(a.lat / a.n as f64);
                lon = Some(a.lon / a.n as f64);
                flags |= FLAG_APPROX;
            }
            if pop == 0 {
                pop = a.pop;
            }
        }
        // An admin2 with no member places borrows its admin1's centre, flagged approximate.
        if lat.is_none()
            && r.kind == Kind::Admin2
            && let Some(a) = a1_ix.get(&(r.country.as_str(), r.admin1.as_str())).and_then(|a| acc.get(a))
        {
            lat = Some(a.lat / a.n as f64);
            lon = Some(a.lon / a.n as f64);
            flags |= FLAG_APPROX;
        }
        if r.kind == Kind::Place && capital.get(r.country.as_str()).map(|c| c.1) == Some(idx) {
            flags |= FLAG_CAPITAL;
        }
        let name_off = strings.len() as u32;
        let name = if r.name.len() > u16::MAX as usize { &r.name[..0] } else { r.name.as_str() };
        strings.push_str(name);
        let (a1, a2, code) = match r.kind {
            Kind::Country => {
                codes.push((format!("#C:{}", r.country), idx));
                (NONE, capital.get(r.country.as_str()).map(|c| c.1).unwrap_or(NONE), String::new())
            }
            Kind::Admin1 => {
                codes.push((format!("#A1:{}.{}", r.country, r.admin1), idx));
                let seat = seat.get(&(r.country.as_str(), r.admin1.as_str())).map(|s| s.1).unwrap_or(NONE);
                (idx, seat, r.admin1.clone())
            }
            Kind::Admin2 => {
                codes.push((format!("#A2:{}.{}.{}", r.country, r.admin1, r.admin2), idx));
                let a1 = a1_ix.get(&(r.country.as_str(), r.admin1.as_str())).copied().unwrap_or(NONE);
                (a1, idx, r.admin2.clone())
            }
            Kind::Place => (
                a1_ix.get(&(r.country.as_str(), r.admin1.as_str())).copied().unwrap_or(NONE),
                a2_ix
                    .get(&(r.country.as_str(), r.admin1.as_str(), r.admin2.as_str()))
                    .copied()
                    .unwrap_or(NONE),
                String::new(),
            ),
        };
        let code_off = strings.len() as u32;
        let code = if code.len() > 255 { String::new() } else { code };
        strings.push_str(&code);
        let cc = r.country.as_bytes();
        places.extend_from_slice(&(r.geonameid as u32).to_le_bytes());
        places.extend_from_slice(&(lat.unwrap_or(f64::NAN) as f32).to_le_bytes());
        places.extend_from_slice(&(lon.unwrap_or(f64::NAN) as f32).to_le_bytes());
        places.extend_from_slice(&(pop.min(u32::MAX as u64) as u32).to_le_bytes());
        places.extend_from_slice(&name_off.to_le_bytes());
        places.extend_from_slice(&(name.len() as u16).to_le_bytes());
        places.extend_from_slice(&[cc.first().copied().unwrap_or(b' '), cc.get(1).copied().unwrap_or(b' ')]);
        places.extend_from_slice(&a1.to_le_bytes());
        places.extend_from_slice(&a2.to_le_bytes());
        places.extend_from_slice(&code_off.to_le_bytes());
        places.push(code.len() as u8);
        places.push(r.kind as u8);
        places.push(flags);
        places.push(0);

        let mut keys: Vec<String> = Vec::new();
        for nm in std::iter::once(&r.name).chain(r.alt.iter()) {
            let f = fold::fold(nm);
            keys.push(fold::skeleton(&f));
            // "=" + the near form: which places bear this very name, not just a similar one.
            keys.push(format!("={}", fold::near(&f)));
            if r.kind != Kind::Place
                && let Some(s) = strip_generic(nm, generic)
            {
                keys.push(fold::skeleton(&s));
                keys.push(format!("={}", fold::near(&s)));
            }
        }
        keys.sort();
        keys.dedup();
        for k in keys {
            if k.len() >= 2 {
                names.entry(k).or_default().push(idx);
            }
        }
    }
    let pop_of = |i: u32| -> u32 {
        let o = i as usize * REC + 12;
        u32::from_le_bytes([places[o], places[o + 1], places[o + 2], places[o + 3]])
    };
    let mut postings: Vec<u8> = Vec::new();
    let mut entries: Vec<(String, u64)> = Vec::with_capacity(names.len() + codes.len());
    let mut count = 0u64;
    for (k, mut v) in names {
        // Biggest first, so a reader that stops early keeps the likeliest.
        v.sort_by_key(|&i| (Kind::from_u8(places[i as usize * REC + 37]), std::cmp::Reverse(pop_of(i))));
        v.truncate(MAX_POSTINGS.min(0xFFFF));
        entries.push((k, count << 16 | v.len() as u64));
        for i in &v {
            postings.extend_from_slice(&i.to_le_bytes());
        }
        count += v.len() as u64;
    }
    for (k, i) in codes {
        entries.push((k, i as u64));
    }
    entries.sort();
    entries.dedup_by(|a, b| a.0 == b.0);
    let mut b = fst::MapBuilder::memory();
    for (k, v) in &entries {
        // Keys are sorted and unique, which is all insert can fail on.
        let _ = b.insert(k, *v);
    }
    let fst_bytes = b.into_inner().unwrap_or_default();

    let mut out =
        Vec::with_capacity(HEADER + places.len() + postings.len() + strings.len() + fst_bytes.len());
    let places_off = HEADER as u64;
    let postings_off = places_off + places.len() as u64;
    let strings_off = postings_off + postings.len() as u64;
    let fst_off = strings_off + strings.len() as u64;
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&VERSION.to_le_bytes());
    out.extend_from_slice(&(n as u32).to_le_bytes());
    for v in [places_off, postings_off, strings_off, fst_off, fst_bytes.len() as u64] {
        out.extend_from_slice(&v.to_le_bytes());
    }
    out.resize(HEADER, 0);
    out.extend_from_slice(&places);
    out.extend_from_slice(&postings);
    out.extend_from_slice(strings.as_bytes());
    out.extend_from_slice(&fst_bytes);
    out
}
