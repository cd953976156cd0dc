//! NFKC plus house rewrites (quotes, dashes, spaces, invisible marks), keeping a map back to
//! code-point offsets in the original text.

use crate::data::LEX;
use sitrep_model::Span;
use std::ops::Range;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::canonical_combining_class;

/// One stretch of the output and the original characters it came from.
#[derive(Debug, Clone, Copy)]
struct Seg {
    /// First byte in the normalised text.
    out: usize,
    /// First code point in the original text.
    orig: usize,
    /// The segment is ASCII copied verbatim: output byte `out + k` is original char `orig + k`.
    /// Otherwise it is one cluster (a character and its combining marks) whose output bytes all
    /// map to the cluster as a whole.
    verbatim: bool,
    /// One past the last original code point.
    orig_end: usize,
}

/// A text after normalisation, with a map back to the original's code-point offsets.
///
/// NFKC runs per cluster (a starter and the combining marks that follow it). That is exact
/// for everything except the rare compositions that join two starters (conjoining Hangul
/// jamo); those stay decomposed, which only matters for matching Korean text.
#[derive(Debug, Clone)]
pub struct Normalized {
    /// The normalised text: NFKC, curly quotes as `'` and `"`, dashes as `-`, no-break spaces
    /// as spaces, zero-width and bidirectional marks removed (`data/text/characters.tsv`).
    pub text: String,
    segs: Vec<Seg>,
}

fn push_verbatim(segs: &mut Vec<Seg>, out: usize, orig: usize, n: usize) {
    if n == 0 {
        return;
    }
    if let Some(last) = segs.last_mut()
        && last.verbatim
        && last.out + (last.orig_end - last.orig) == out
        && last.orig_end == orig
    {
        last.orig_end += n;
        return;
    }
    segs.push(Seg { out, orig, verbatim: true, orig_end: orig + n });
}

impl Normalized {
    /// Normalises `original`. ASCII text is copied as is, without allocation beyond the copy.
    pub fn new(original: &str) -> Normalized {
        let bytes = original.as_bytes();
        if bytes.is_ascii() {
            let mut segs = Vec::with_capacity(1);
            push_verbatim(&mut segs, 0, 0, bytes.len());
            return Normalized { text: original.to_string(), segs };
        }
        let mut text = String::with_capacity(original.len());
        let mut segs = Vec::new();
        let mut cluster = String::new();
        let mut orig = 0usize; // code points consumed so far
        let mut i = 0usize; // bytes consumed so far
        while i < bytes.len() {
            // An ASCII run, except a final character that a combining mark may follow.
            let run_end = bytes[i..].iter().position(|b| !b.is_ascii()).map_or(bytes.len(), |p| i + p);
            let verbatim_end = if run_end < bytes.len() && run_end > i { run_end - 1 } else { run_end };
            if verbatim_end > i {
                push_verbatim(&mut segs, text.len(), orig, verbatim_end - i);
                text.push_str(&original[i..verbatim_end]);
                orig += verbatim_end - i;
                i = verbatim_end;
                continue;
            }
            // One cluster: a character and the combining marks after it.
            let mut chars = original[i..].char_indices();
            let mut n = 0;
            let mut end = original.len();
            cluster.clear();
            for (k, c) in chars.by_ref() {
                if n > 0 && canonical_combining_class(c) == 0 {
                    end = i + k;
                    break;
                }
                cluster.push(c);
                n += 1;
            }
            let out = text.len();
            if cluster.len() == 1 {
                // A lone ASCII character before a non-ASCII one: nothing to normalise.
                push_verbatim(&mut segs, out, orig, 1);
                text.push_str(&cluster);
            } else {
                for c in cluster.nfkc() {
                    match LEX.characters.get(&c) {
                        Some(Some(r)) => text.push(*r),
                        Some(None) => {}
                        None => text.push(c),
                    }
                }
                if text.len() > out {
                    segs.push(Seg { out, orig, verbatim: false, orig_end: orig + n });
                }
            }
            orig += n;
            i = end;
        }
        Normalized { text, segs }
    }

    /// The segment holding output byte `b`, for `b < self.text.len()`.
    fn seg_at(&self, b: usize) -> Option<&Seg> {
        let idx = self.segs.partition_point(|s| s.out <= b);
        idx.checked_sub(1).and_then(|i| self.segs.get(i))
    }

    /// Maps a byte offset in [`Normalized::text`] (`0..=len`) to a code-point offset in the
    /// original text. An offset inside a rewritten character maps to that character's start;
    /// the end of the text maps to the end of the last character kept. Offsets past the end are
    /// treated as the end. The map is monotonic.
    pub fn original_char_offset(&self, byte: usize) -> usize {
        if byte >= self.text.len() {
            return self.segs.last().map_or(0, |s| s.orig_end);
        }
        match self.seg_at(byte) {
            Some(s) if s.verbatim => s.orig + (byte - s.out),
            Some(s) => s.orig,
            None => 0,
        }
    }

    /// The original-text span (code points, end exclusive) of a byte range of
    /// [`Normalized::text`]. The end is rounded up to the end of a rewritten character, so the
    /// span covers every original character that contributed to the range.
    pub fn original_span(&self, bytes: Range<usize>) -> Span {
        let start = self.original_char_offset(bytes.start);
        let end = if bytes.end <= bytes.start {
            start
        } else if bytes.end > self.text.len() {
            self.original_char_offset(bytes.end)
        } else {
            match self.seg_at(bytes.end - 1) {
                Some(s) if s.verbatim => s.orig + (bytes.end - s.out),
                Some(s) => s.orig_end,
                None => start,
            }
        };
        Span { start, end: end.max(start) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn span_text(original: &str, s: Span) -> String {
        original.chars().skip(s.start).take(s.end - s.start).collect()
    }

    #[test]
    fn rewrites() {
        let cases: &[(&str, &str)] = &[
            ("plain ascii", "plain ascii"),
            ("\u{201C}stopped,\u{201D} he said", "\"stopped,\" he said"),
            ("Kurilla\u{2019}s", "Kurilla's"),
            ("3\u{2013}5 killed", "3-5 killed"),
            ("a\u{2014}b", "a-b"),
            ("a\u{00A0}b", "a b"),
            ("a\u{202F}b", "a b"),
            ("zero\u{200B}width", "zerowidth"),
            ("\u{200E}Kabul\u{200F}", "Kabul"),
            ("\u{FEFF}text", "text"),
            ("\u{FF11}\u{FF12}", "12"),
            ("caf\u{0065}\u{0301}", "caf\u{00E9}"),
            ("\u{FB01}re", "fire"),
            ("wait\u{2026}", "wait..."),
            ("\u{00AB}Daesh\u{00BB}", "\"Daesh\""),
            ("کابل", "کابل"),
            ("💥 blast", "💥 blast"),
        ];
        for (input, want) in cases {
            assert_eq!(Normalized::new(input).text, *want, "input {input:?}");
        }
    }

    #[test]
    fn offsets_point_back_into_the_original() {
        let original = "\u{200E}\u{201C}Six\u{201D} killed in Kabul\u{2014}police";
        let n = Normalized::new(original);
        assert_eq!(n.text, "\"Six\" killed in Kabul-police");
        let kabul = n.text.find("Kabul").unwrap();
        let s = n.original_span(kabul..kabul + 5);
        assert_eq!(span_text(original, s), "Kabul");
        let q = n.original_span(0..5);
        assert_eq!(span_text(original, q), "\u{201C}Six\u{201D}");
        let police = n.text.find("police").unwrap();
        assert_eq!(span_text(original, n.original_span(police..n.text.len())), "police");
        // A ligature maps as a whole.
        let lig = Normalized::new("\u{FB01}re");
        assert_eq!(lig.original_span(0..1), Span::new(0, 1));
        assert_eq!(lig.original_span(1..3), Span::new(0, 2));
        assert_eq!(lig.original_char_offset(3), 2);
        assert_eq!(lig.original_char_offset(4), 3);
        // Arabic and emoji keep their code-point offsets.
        let ar = Normalized::new("انفجار في كابل 💥 Kabul");
        let k = ar.text.find("Kabul").unwrap();
        assert_eq!(span_text("انفجار في كابل 💥 Kabul", ar.original_span(k..k + 5)), "Kabul");
    }

    #[test]
    fn empty_and_all_dropped() {
        assert_eq!(Normalized::new("").original_char_offset(0), 0);
        let n = Normalized::new("\u{200B}\u{200B}");
        assert_eq!(n.text, "");
        assert_eq!(n.original_span(0..0), Span::new(0, 0));
    }

    proptest! {
        #[test]
        fn offsets_stay_inside_and_are_monotonic(s in "(?s)[a-zA-Z0-9 .,\u{201C}\u{201D}\u{2019}\u{2014}\u{200B}\u{200F}\u{00A0}\u{0301}\u{FB01}\u{FF11}\u{0600}-\u{06FF}\u{1F4A5}\u{AC00}\u{1100}\u{1161}\n]{0,40}") {
            let n = Normalized::new(&s);
            let chars = s.chars().count();
            let mut prev = 0;
            for b in 0..=n.text.len() + 2 {
                let o = n.original_char_offset(b);
                prop_assert!(o <= chars);
                prop_assert!(o >= prev);
                prev = o;
            }
            for a in 0..=n.text.len() {
                for b in a..=n.text.len() {
                    let sp = n.original_span(a..b);
                    prop_assert!(sp.start <= sp.end && sp.end <= chars);
                }
            }
        }

        #[test]
        fn arbitrary_strings(s in any::<String>()) {
            let n = Normalized::new(&s);
            let chars = s.chars().count();
            prop_assert!(n.original_char_offset(n.text.len()) <= chars);
            let sp = n.original_span(0..n.text.len());
            prop_assert!(sp.end <= chars);
        }

        #[test]
        fn ascii_is_identity(s in "[ -~\n\t]{0,80}") {
            let n = Normalized::new(&s);
            prop_assert_eq!(&n.text, &s);
            for b in 0..=s.len() {
                prop_assert_eq!(n.original_char_offset(b), b);
            }
        }
    }
}
