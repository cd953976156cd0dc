//! Reading the binary index written by `index_write.rs`, in place: every accessor slices the
//! bytes, nothing is parsed at load time beyond the 64-byte header.

use crate::Error;
use crate::index_write::{FLAG_APPROX, FLAG_CAPITAL, HEADER, MAGIC, NONE, REC, VERSION};
use crate::record::Kind;

pub enum Bytes {
    Static(&'static [u8]),
    Mapped(memmap2::Mmap),
}

impl Bytes {
    fn get(&self) -> &[u8] {
        match self {
            Bytes::Static(b) => b,
            Bytes::Mapped(m) => m,
        }
    }
}

pub struct Index {
    bytes: Bytes,
    n: u32,
    places: usize,
    postings: usize,
    strings: usize,
    fst: (usize, usize),
}

/// One row of the place table, read lazily.
#[derive(Clone, Copy)]
pub struct Row<'a> {
    b: &'a [u8],
}

fn u32_at(b: &[u8], o: usize) -> u32 {
    u32::from_le_bytes([b[o], b[o + 1], b[o + 2], b[o + 3]])
}
fn u64_at(b: &[u8], o: usize) -> u64 {
    let mut a = [0u8; 8];
    a.copy_from_slice(&b[o..o + 8]);
    u64::from_le_bytes(a)
}

impl<'a> Row<'a> {
    pub fn geonameid(&self) -> u64 {
        u32_at(self.b, 0) as u64
    }
    pub fn lat(&self) -> f64 {
        f32::from_le_bytes([self.b[4], self.b[5], self.b[6], self.b[7]]) as f64
    }
    pub fn lon(&self) -> f64 {
        f32::from_le_bytes([self.b[8], self.b[9], self.b[10], self.b[11]]) as f64
    }
    pub fn population(&self) -> u64 {
        u32_at(self.b, 12) as u64
    }
    fn name_range(&self) -> (usize, usize) {
        (u32_at(self.b, 16) as usize, u16::from_le_bytes([self.b[20], self.b[21]]) as usize)
    }
    pub fn country(&self) -> [u8; 2] {
        [self.b[22], self.b[23]]
    }
    pub fn admin1(&self) -> Option<u32> {
        Some(u32_at(self.b, 24)).filter(|&v| v != NONE)
    }
    /// For a country: its capital; for an admin1: its seat.
    pub fn admin2(&self) -> Option<u32> {
        Some(u32_at(self.b, 28)).filter(|&v| v != NONE)
    }
    fn code_range(&self) -> (usize, usize) {
        (u32_at(self.b, 32) as usize, self.b[36] as usize)
    }
    pub fn kind(&self) -> Kind {
        Kind::from_u8(self.b[37])
    }
    pub fn approximate(&self) -> bool {
        self.b[38] & FLAG_APPROX != 0
    }
    pub fn capital(&self) -> bool {
        self.b[38] & FLAG_CAPITAL != 0
    }
}

impl Index {
    pub fn new(bytes: Bytes) -> Result<Index, Error> {
        let b = bytes.get();
        if b.len() < HEADER || &b[..8] != MAGIC {
            return Err(Error::Format("not a sitrep gazetteer index (bad magic)".into()));
        }
        let v = u32_at(b, 8);
        if v != VERSION {
            return Err(Error::Format(format!(
                "gazetteer index version {v}, this sitrep reads {VERSION}: rebuild it with `sitrep gazetteer build`"
            )));
        }
        let n = u32_at(b, 12);
        let (places, postings, strings, fst_off, fst_len) =
            (u64_at(b, 16), u64_at(b, 24), u64_at(b, 32), u64_at(b, 40), u64_at(b, 48));
        let ok = places as usize + n as usize * REC == postings as usize
            && postings <= strings
            && strings <= fst_off
            && (fst_off + fst_len) as usize == b.len();
        if !ok {
            return Err(Error::Format("gazetteer index is truncated or corrupt".into()));
        }
        let idx = Index {
            n,
            places: places as usize,
            postings: postings as usize,
            strings: strings as usize,
            fst: (fst_off as usize, fst_len as usize),
            bytes,
        };
        fst::Map::new(idx.fst_bytes()).map_err(|e| Error::Format(format!("gazetteer names: {e}")))?;
        Ok(idx)
    }

    fn fst_bytes(&self) -> &[u8] {
        &self.bytes.get()[self.fst.0..self.fst.0 + self.fst.1]
    }

    fn map(&self) -> Option<fst::Map<&[u8]>> {
        fst::Map::new(self.fst_bytes()).ok()
    }

    pub fn len(&self) -> usize {
        self.n as usize
    }

    pub fn row(&self, i: u32) -> Row<'_> {
        let o = self.places + i as usize * REC;
        Row { b: &self.bytes.get()[o..o + REC] }
    }

    /// The alpha-2 country of a row, borrowed from the index bytes.
    pub fn country_str(&self, i: u32) -> &str {
        let o = self.places + i as usize * REC + 22;
        std::str::from_utf8(&self.bytes.get()[o..o + 2]).unwrap_or("")
    }

    fn str_at(&self, (off, len): (usize, usize)) -> &str {
        let b = &self.bytes.get()[self.strings..self.fst.0];
        b.get(off..off + len).and_then(|s| std::str::from_utf8(s).ok()).unwrap_or("")
    }

    pub fn name(&self, r: &Row<'_>) -> &str {
        self.str_at(r.name_range())
    }

    pub fn code(&self, r: &Row<'_>) -> &str {
        self.str_at(r.code_range())
    }

    /// Whether any place is filed under a skeleton key (one lookup, no allocation).
    pub fn has(&self, key: &str) -> bool {
        self.map().is_some_and(|m| m.contains_key(key))
    }

    /// Place numbers filed under a skeleton key, biggest first.
    pub fn postings(&self, key: &str) -> Vec<u32> {
        self.postings_iter(key).collect()
    }

    /// `postings` without collecting them: a caller that stops at the first it wants reads no
    /// more (a common word's key files thousands of places).
    pub fn postings_iter(&self, key: &str) -> impl Iterator<Item = u32> + '_ {
        let (start, count) = match self.map().and_then(|m| m.get(key)) {
            Some(v) => ((v >> 16) as usize, (v & 0xFFFF) as usize),
            None => (0, 0),
        };
        let b = self.bytes.get();
        (0..count).map(move |k| u32_at(b, self.postings + (start + k) * 4))
    }

    /// A country, admin1 or admin2 by GeoNames code: "#C:PK", "#A1:PK.03", "#A2:PK.03.1173641".
    pub fn by_code(&self, code: &str) -> Option<u32> {
        self.map().and_then(|m| m.get(code)).map(|v| v as u32)
    }
}
