//! A fast pass that finds anchor words and digit runs, so the costly matchers run only near them.
//!
//! Not `aho-corasick`: with ~60 case-insensitive patterns it loses its SIMD prefilter, and it
//! ran at a third of the speed of this scan on news text. Not `regex` either, for the same reason.

/// A set of ASCII words, matched whole and ignoring case.
#[derive(Debug, Clone)]
pub(crate) struct WordSet {
    /// The words, lower case, packed by [`pack`], sorted.
    words: Vec<u128>,
    /// For each (first letter, last letter), a bit per word length that some word has: nearly
    /// every word that is not in the set fails here, before the look-up.
    shape: Vec<u32>,
}

/// An ASCII word of up to 16 letters as one lower-case integer, for a branch-light look-up.
fn pack(word: &[u8]) -> Option<u128> {
    (word.len() <= 16).then(|| word.iter().fold(0u128, |k, c| (k << 8) | c.to_ascii_lowercase() as u128))
}

impl WordSet {
    /// Words that are not 1..=16 ASCII letters cannot be anchors; they are returned as the error.
    pub(crate) fn new<'a>(words: impl IntoIterator<Item = &'a str>) -> Result<WordSet, String> {
        let mut shape = vec![0u32; 26 * 26];
        let mut packed = Vec::new();
        for w in words {
            let ok = !w.is_empty() && w.len() <= 16 && w.bytes().all(|c| c.is_ascii_alphabetic());
            let (Some(k), true) = (pack(w.as_bytes()), ok) else {
                return Err(w.to_string());
            };
            shape[shape_index(w.as_bytes())] |= 1 << w.len();
            packed.push(k);
        }
        packed.sort_unstable();
        packed.dedup();
        Ok(WordSet { words: packed, shape })
    }

    /// Whether `w` is in the set. Callers pass runs of ASCII letters; anything else is simply
    /// not found (the packed key of a non-letter never equals a word's).
    #[inline]
    pub(crate) fn contains(&self, w: &[u8]) -> bool {
        if w.is_empty() || w.len() > 16 {
            return false;
        }
        self.shape[shape_index(w)] & (1 << w.len()) != 0
            && pack(w).is_some_and(|k| self.words.binary_search(&k).is_ok())
    }
}

/// Index of a word's (first letter, last letter) pair; the word must be ASCII letters.
fn shape_index(w: &[u8]) -> usize {
    let letter = |c: u8| (c.to_ascii_lowercase().wrapping_sub(b'a') as usize).min(25);
    letter(w[0]) * 26 + letter(w[w.len() - 1])
}

/// Byte ranges of anchors in `text`, in order: runs of ASCII digits, and the words of `set`.
/// Both must start a word (not "F16", not "Xsix").
pub(crate) fn anchors<'a>(text: &'a str, set: &'a WordSet) -> impl Iterator<Item = (usize, usize)> + 'a {
    let b = text.as_bytes();
    let mut i = 0;
    // Whether the byte before `i` glues a run to a word before it (a letter, digit or any
    // non-ASCII byte): tracked as the bytes go by, not looked up again at every byte.
    let mut glued = false;
    std::iter::from_fn(move || {
        let n = b.len();
        while i < n {
            let c = b[i];
            let s = i;
            if c.is_ascii_digit() {
                i += 1;
                while i < n && b[i].is_ascii_digit() {
                    i += 1;
                }
                let was_glued = std::mem::replace(&mut glued, true);
                if !was_glued {
                    return Some((s, i));
                }
                continue;
            }
            if c.is_ascii_alphabetic() {
                i += 1;
                while i < n && b[i].is_ascii_alphabetic() {
                    i += 1;
                }
                let was_glued = std::mem::replace(&mut glued, true);
                if !was_glued && set.contains(&b[s..i]) {
                    return Some((s, i));
                }
                continue;
            }
            glued = c >= 0x80;
            i += 1;
        }
        None
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The scan as it was: the byte before each run looked up at every byte.
    fn by_lookback(text: &str, set: &WordSet) -> Vec<(usize, usize)> {
        let b = text.as_bytes();
        let (mut i, n, mut out) = (0, b.len(), Vec::new());
        while i < n {
            let (c, s) = (b[i], i);
            let glued = s > 0 && (b[s - 1].is_ascii_alphanumeric() || b[s - 1] >= 0x80);
            if c.is_ascii_digit() {
                while i < n && b[i].is_ascii_digit() {
                    i += 1;
                }
                if !glued {
                    out.push((s, i));
                }
                continue;
            }
            if c.is_ascii_alphabetic() {
                while i < n && b[i].is_ascii_alphabetic() {
                    i += 1;
                }
                if !glued && set.contains(&b[s..i]) {
                    out.push((s, i));
                }
                continue;
            }
            i += 1;
        }
        out
    }

    proptest::proptest! {
        #[test]
        fn same_anchors_as_the_lookback_scan(text in "[a-cA-C0-9 .,éx-]{0,40}") {
            let set = WordSet::new(["a", "ab", "cab", "x"]).unwrap();
            proptest::prop_assert_eq!(anchors(&text, &set).collect::<Vec<_>>(), by_lookback(&text, &set));
        }
    }

    #[test]
    fn finds_words_and_digits() {
        let set = WordSet::new(["march", "ago", "yesterday"]).unwrap();
        let text = "On 27 MARCH, F16 jets; 3 days ago. Marching yesterday x2";
        let got: Vec<&str> = anchors(text, &set).map(|(a, b)| &text[a..b]).collect();
        assert_eq!(got, ["27", "MARCH", "3", "ago", "yesterday"]);
        assert!(WordSet::new(["two words"]).is_err());
        assert!(WordSet::new(["x".repeat(17).as_str()]).is_err());
    }
}
