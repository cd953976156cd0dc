//! Sentence splitting for news and social-media text.
//!
//! Hand-written rather than `unicode-segmentation`'s UAX #29 sentence breaks: those split after
//! "Gen." and "U.S.", and know nothing of headlines on their own line.

use crate::data::{AbbrevKind, LEX};
use std::ops::Range;

fn is_closer(b: u8) -> bool {
    matches!(b, b'"' | b'\'' | b')' | b']' | b'}')
}

/// The end of a citation mark ("[1]", "[12]", "[a]") starting at `i`, if there is one.
fn citation_end(b: &[u8], i: usize) -> Option<usize> {
    if b.get(i) != Some(&b'[') {
        return None;
    }
    let close = b.get(i + 1..(i + 6).min(b.len()))?.iter().position(|&c| c == b']')?;
    let inner = &b[i + 1..i + 1 + close];
    (!inner.is_empty() && inner.iter().all(u8::is_ascii_alphanumeric)).then_some(i + close + 2)
}

/// The first character at byte `i`, if any.
fn char_at(text: &str, i: usize) -> Option<char> {
    text.get(i..).and_then(|s| s.chars().next())
}

/// Whether a line starting with `c` starts something new (a headline, a sentence, a post)
/// rather than continuing a hard-wrapped line.
fn starts_new(c: char) -> bool {
    if c.is_lowercase() {
        return false;
    }
    c.is_uppercase()
        || c.is_ascii_digit()
        || matches!(c, '"' | '\'' | '#' | '@' | '*' | '-' | '•' | '(' | '[' | '>')
        // Scripts without case (Arabic, Persian) cannot tell; a line break is the best signal.
        || (c.is_alphabetic() && !c.is_ascii())
        || !c.is_alphanumeric()
}

/// The word ending just before byte `end` (letters, digits and inner dots).
fn word_before(text: &str, end: usize) -> &str {
    let b = text.as_bytes();
    let mut start = end;
    while start > 0 && (b[start - 1].is_ascii_alphanumeric() || b[start - 1] == b'.') {
        start -= 1;
    }
    // A non-ASCII letter glued to the word means it is not an ASCII abbreviation.
    if start > 0 && b[start - 1] >= 0x80 {
        return "";
    }
    text.get(start..end).unwrap_or("").trim_start_matches('.')
}

/// Decides whether the period(s) at `dot..after` end a sentence, given the next non-space
/// character at `next` and whether a line break lies between.
fn period_ends(text: &str, dot: usize, run: &[u8], next: char, newline: bool) -> bool {
    if next.is_lowercase() {
        return false;
    }
    if newline {
        return true;
    }
    if run.len() > 1 {
        // An ellipsis ends a sentence only before a capital.
        return next.is_uppercase();
    }
    let word = word_before(text, dot);
    if word.is_empty() {
        return true;
    }
    if let Some(kind) = LEX.abbreviations.get(word) {
        return match kind {
            AbbrevKind::Title => false,
            AbbrevKind::Other => next.is_uppercase(),
        };
    }
    let wb = word.as_bytes();
    // Initials: "J. R. Smith", and two run together: "D.I. Khan", "J.R. Smith".
    if wb.len() == 1 && wb[0].is_ascii_uppercase() {
        return false;
    }
    if wb.len() == 3 && wb[0].is_ascii_uppercase() && wb[1] == b'.' && wb[2].is_ascii_uppercase() {
        return false;
    }
    // Dotted abbreviations not in the list ("N.A.T.O.") end a sentence only before a capital.
    if word.contains('.') {
        return next.is_uppercase();
    }
    true
}

/// Splits `text` into sentences: byte ranges, trimmed of whitespace, in order, non-overlapping,
/// never empty.
///
/// A sentence ends at `.`, `!` or `?` (with any closing quotes or brackets) before a space and a
/// word that does not start in lower case, except after an abbreviation listed in
/// `data/text/abbreviations.txt` or an initial. A line break ends a sentence when the next line
/// starts something new (a capital, a digit, a quote, `#`, `@`, a bullet, a letter of a script
/// without case) and the line does not end in `,` `;` `:` `-` `(` or `&`; a blank line always
/// does. Text without punctuation (a post, a headline) is one sentence per line.
pub fn sentences(text: &str) -> Vec<Range<usize>> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    let push = |out: &mut Vec<Range<usize>>, s: usize, e: usize| {
        let piece = &text[s..e];
        let lead = piece.len() - piece.trim_start().len();
        let trail = piece.len() - piece.trim_end().len();
        // A piece of bare ASCII punctuation is a bullet (". Near Mosul, …"), not a sentence.
        if s + lead < e - trail && !piece.trim().bytes().all(|c| c.is_ascii_punctuation()) {
            out.push(s + lead..e - trail);
        }
    };
    while i < b.len() {
        let Some(off) = memchr::memchr3(b'.', b'!', b'?', &b[i..]).map(|o| i + o) else {
            break;
        };
        // Line breaks between `i` and the next terminal punctuation.
        if let Some(nl) = memchr::memchr(b'\n', &b[i..off]).map(|o| i + o) {
            if let Some(next) = line_break_ends(text, start, nl) {
                push(&mut out, start, nl);
                start = next;
            }
            i = nl + 1;
            continue;
        }
        let mut j = off;
        while j < b.len() && matches!(b[j], b'.' | b'!' | b'?') {
            j += 1;
        }
        let run = &b[off..j];
        loop {
            while j < b.len() && is_closer(b[j]) {
                j += 1;
            }
            // Citation marks after the period: "round.[1] On December 7".
            match citation_end(b, j) {
                Some(e) => j = e,
                None => break,
            }
        }
        if j >= b.len() {
            break;
        }
        // Terminal punctuation must be followed by whitespace ("3.5", "U.S", "x.com" are not ends).
        let Some(ws) = char_at(text, j).filter(|c| c.is_whitespace()) else {
            i = j.max(off + 1);
            continue;
        };
        let mut k = j + ws.len_utf8();
        let mut newline = ws == '\n';
        while let Some(c) = char_at(text, k).filter(|c| c.is_whitespace()) {
            newline |= c == '\n';
            k += c.len_utf8();
        }
        let Some(next) = char_at(text, k) else {
            break;
        };
        let ends = if run.iter().all(|&c| c == b'.') {
            period_ends(text, off, run, next, newline)
        } else {
            // "Why?" he asked: a lower-case word continues the sentence.
            !next.is_lowercase()
        };
        if ends {
            push(&mut out, start, j);
            start = k;
        }
        i = j;
    }
    // Line breaks after the last terminal punctuation.
    while let Some(nl) = memchr::memchr(b'\n', &b[i.min(b.len())..]).map(|o| i + o) {
        if let Some(next) = line_break_ends(text, start, nl) {
            push(&mut out, start, nl);
            start = next;
        }
        i = nl + 1;
    }
    push(&mut out, start, b.len());
    out
}

/// Whether the line break at `nl` ends the sentence begun at `start`; if so, where the next
/// one begins.
fn line_break_ends(text: &str, start: usize, nl: usize) -> Option<usize> {
    let before = text.get(start..nl)?.trim_end();
    let last = before.chars().next_back()?;
    let mut k = nl + 1;
    let mut blank = false;
    while let Some(c) = char_at(text, k).filter(|c| c.is_whitespace()) {
        blank |= c == '\n';
        k += c.len_utf8();
    }
    let next = char_at(text, k)?;
    if blank {
        return Some(k);
    }
    if matches!(last, ',' | ';' | ':' | '-' | '(' | '&' | '/') {
        return None;
    }
    starts_new(next).then_some(k)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn split(s: &str) -> Vec<&str> {
        sentences(s).into_iter().map(|r| &s[r]).collect()
    }

    #[test]
    fn table() {
        let cases: &[(&str, &[&str])] = &[
            ("One. Two.", &["One.", "Two."]),
            ("Gen. Michael Kurilla spoke. He left.", &["Gen. Michael Kurilla spoke.", "He left."]),
            (
                "The U.S. Central Command said so. Then it left.",
                &["The U.S. Central Command said so.", "Then it left."],
            ),
            ("Mr. Smith came. Mrs. Jones left.", &["Mr. Smith came.", "Mrs. Jones left."]),
            ("Checkpoint No. 3 was hit. Two died.", &["Checkpoint No. 3 was hit.", "Two died."]),
            ("J. R. Smith said it. Then he left.", &["J. R. Smith said it.", "Then he left."]),
            (
                "Six soldiers died in D.I. Khan district. Then he left.",
                &["Six soldiers died in D.I. Khan district.", "Then he left."],
            ),
            ("It rose 3.5 percent. Then fell.", &["It rose 3.5 percent.", "Then fell."]),
            (
                "\"It should be stopped,\" Mujahid said. Next.",
                &["\"It should be stopped,\" Mujahid said.", "Next."],
            ),
            ("He said \"it is over.\" Then he left.", &["He said \"it is over.\"", "Then he left."]),
            ("\"Why?\" he asked. Nobody knew.", &["\"Why?\" he asked.", "Nobody knew."]),
            ("Really?! Yes.", &["Really?!", "Yes."]),
            (
                "KABUL, March 27 (Reuters) - Six people were killed. Police said so.",
                &["KABUL, March 27 (Reuters) - Six people were killed.", "Police said so."],
            ),
            ("KABUL, Mar. 27 (Reuters) - Six died.", &["KABUL, Mar. 27 (Reuters) - Six died."]),
            (
                "High-Ranking Taliban Official Killed in Balkh\nEarlier this month, a bomber struck.",
                &["High-Ranking Taliban Official Killed in Balkh", "Earlier this month, a bomber struck."],
            ),
            ("Headline one\nHeadline two\n", &["Headline one", "Headline two"]),
            ("a line that is\nwrapped by hand.", &["a line that is\nwrapped by hand."]),
            (
                "KABUL, March 27 (Reuters) -\nSix people died.",
                &["KABUL, March 27 (Reuters) -\nSix people died."],
            ),
            (
                "blast in kabul #Afghanistan @TOLOnews 5 dead",
                &["blast in kabul #Afghanistan @TOLOnews 5 dead"],
            ),
            (
                "blast in kabul #Afghanistan\n@TOLOnews says 5 dead",
                &["blast in kabul #Afghanistan", "@TOLOnews says 5 dead"],
            ),
            ("guns, etc. The group fled.", &["guns, etc.", "The group fled."]),
            ("guns, etc. and more.", &["guns, etc. and more."]),
            ("Wait... Then it came.", &["Wait...", "Then it came."]),
            ("Wait... and see.", &["Wait... and see."]),
            ("Visit x.com now. Ok.", &["Visit x.com now.", "Ok."]),
            ("It happened in 2021. 5 died.", &["It happened in 2021.", "5 died."]),
            ("Para one.\n\npara two", &["Para one.", "para two"]),
            ("in the U.S.\nTaliban Calls Out US", &["in the U.S.", "Taliban Calls Out US"]),
            ("انفجار في كابل. قتل ستة", &["انفجار في كابل.", "قتل ستة"]),
            ("انفجار في كابل\nقتل ستة", &["انفجار في كابل", "قتل ستة"]),
            ("*under UN sanctions\n**Daesh is banned", &["*under UN sanctions", "**Daesh is banned"]),
            ("   ", &[]),
            ("", &[]),
            ("No period at all", &["No period at all"]),
            (
                "Syria\n.  Near Al Shadaddi, one strike.\n.  Near Ayn Isa, one.",
                &["Syria", "Near Al Shadaddi, one strike.", "Near Ayn Isa, one."],
            ),
            ("said Spc. Lorraine Walsh, a gunner.", &["said Spc. Lorraine Walsh, a gunner."]),
            ("Lt. Col. Smith and Pfc. Jones left.", &["Lt. Col. Smith and Pfc. Jones left."]),
            ("Boom!!! 💥💥", &["Boom!!!", "💥💥"]),
            (
                "an artillery round.[1] On December 7, he left.[2][3]",
                &["an artillery round.[1]", "On December 7, he left.[2][3]"],
            ),
        ];
        for (input, want) in cases {
            assert_eq!(split(input), *want, "input {input:?}");
        }
    }

    #[test]
    fn seed_article_shared() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/seed/000_a4c7c5db470ad6e8.txt");
        let Ok(text) = std::fs::read_to_string(path) else {
            eprintln!("skipping: ../shared absent");
            return;
        };
        let s = split(&text);
        // Headlines on their own line are sentences; "Gen."-free text, quotes kept whole.
        assert!(s.contains(&"High-Ranking Taliban Official Killed in Balkh"), "{s:#?}");
        assert!(s.contains(&"Taliban Calls Out US on Abetting Daesh Insurgents"), "{s:#?}");
        assert!(
            s.iter()
                .any(|x| x.starts_with("\"The interest of the US officials")
                    && x.ends_with("Mujahid concluded.")),
            "{s:#?}"
        );
        assert_eq!(s.len(), 20, "{s:#?}");
    }

    proptest! {
        #[test]
        fn ranges_are_ordered_trimmed_and_valid(s in any::<String>()) {
            let mut prev = 0;
            for r in sentences(&s) {
                prop_assert!(r.start >= prev && r.start < r.end && r.end <= s.len());
                prop_assert!(s.is_char_boundary(r.start) && s.is_char_boundary(r.end));
                prop_assert_eq!(s[r.clone()].trim(), &s[r.clone()]);
                prev = r.end;
            }
        }

        #[test]
        fn news_like_text(s in "[A-Za-z .,!?\"'\n#@0-9\u{0600}-\u{06FF}\u{1F4A5}]{0,120}") {
            let mut prev = 0;
            for r in sentences(&s) {
                prop_assert!(r.start >= prev && r.start < r.end);
                prev = r.end;
            }
        }
    }
}
