//! SplitMix64 (Steele, Lea & Flood 2014). Hand-written because `rand` does not promise the same
//! stream across versions, and a corpus must be reproducible from its seed for years.

/// A small, fast, reproducible random stream.
#[derive(Debug, Clone)]
pub struct Rng(u64);

const GOLDEN: u64 = 0x9E37_79B9_7F4A_7C15;

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    /// The stream of item `index` of corpus `seed`: independent of every other item, so items
    /// can be made in any order or in parallel.
    pub fn for_item(seed: u64, index: u64) -> Rng {
        let mut r = Rng(seed ^ index.wrapping_mul(GOLDEN).rotate_left(17));
        let mixed = r.next_u64() ^ index;
        Rng(mixed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(GOLDEN);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (0 when n is 0). Lemire's multiply-shift; its bias (< n / 2^64) is
    /// far below anything a corpus can show.
    pub fn below(&mut self, n: u64) -> u64 {
        ((u128::from(self.next_u64()) * u128::from(n)) >> 64) as u64
    }

    /// An index into a slice of `len` items (0 when empty: callers index only non-empty slices).
    pub fn index(&mut self, len: usize) -> usize {
        self.below(len as u64) as usize
    }
}
