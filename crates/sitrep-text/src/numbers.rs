//! Count expressions: "6,500", "at least six", "a dozen", "10-15", "dozens", "several".

use crate::data::{Bound, LEX, NumWord};
use crate::scan::{WordSet, anchors};
use crate::tokens::{Token, TokenKind, next_token};
use std::sync::LazyLock;

/// A count expression: byte span in the text it came from and what it says.
///
/// `min` is the lowest figure the text supports and `max` the highest it gives; `None` is
/// unknown, never 0. "at least six" → min 6; "up to 20" → max 20; "10-15" → 10..15; "about
/// 20" → 20..20, approximate; "dozens" → min 24, approximate; "several" → both unknown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Quantity {
    pub start: usize,
    pub end: usize,
    pub min: Option<u32>,
    pub max: Option<u32>,
    /// The text hedges the figure ("about", "nearly", "dozens", "several").
    pub approximate: bool,
}

impl Quantity {
    /// The count, as the contract writes it.
    pub fn count(&self) -> sitrep_model::Count {
        sitrep_model::Count { min: self.min, max: self.max }
    }
}

/// The longest phrase that may follow `a`/`an` or stand for a number, in tokens.
const MAX_PHRASE: usize = 4;
/// How many tokens a candidate may span: "between one hundred and twenty and two hundred".
const WINDOW: usize = 16;

/// Tokens near a candidate, with their lower-cased text, up to the first punctuation mark
/// other than a hyphen (a count never crosses a comma or a period).
struct Window<'a> {
    text: &'a str,
    toks: Vec<Token>,
    lower: String,
    /// Byte ranges of each token's lower-cased text in `lower`.
    words: Vec<(usize, usize)>,
}

impl<'a> Window<'a> {
    fn new(text: &'a str, from: usize) -> Window<'a> {
        let mut w =
            Window { text, toks: Vec::with_capacity(8), lower: String::new(), words: Vec::with_capacity(8) };
        w.fill(from);
        w
    }

    /// Re-reads the window from byte `from`, reusing its buffers.
    fn fill(&mut self, from: usize) {
        self.toks.clear();
        self.words.clear();
        self.lower.clear();
        let mut pos = from;
        while self.toks.len() < WINDOW {
            let Some(t) = next_token(self.text, pos) else { break };
            let word = t.text(self.text);
            if t.kind == TokenKind::Punct && word != "-" {
                break;
            }
            pos = t.end;
            let at = self.lower.len();
            self.lower.push_str(word);
            self.lower[at..].make_ascii_lowercase();
            self.words.push((at, self.lower.len()));
            self.toks.push(t);
        }
    }

    fn word(&self, i: usize) -> Option<&str> {
        self.words.get(i).and_then(|&(a, b)| self.lower.get(a..b))
    }

    fn is_word(&self, i: usize, w: &str) -> bool {
        self.word(i) == Some(w)
    }

    /// The longest run of words from `i` (at most `max` tokens, all words) that `found` accepts.
    fn longest<T>(&self, i: usize, max: usize, found: impl Fn(&str) -> Option<T>) -> Option<(T, usize)> {
        let mut key = String::new();
        let mut best = None;
        for n in 1..=max {
            let Some(t) = self.toks.get(i + n - 1) else { break };
            if t.kind != TokenKind::Word {
                break;
            }
            if n > 1 {
                key.push(' ');
            }
            key.push_str(self.word(i + n - 1).unwrap_or(""));
            if let Some(v) = found(&key) {
                best = Some((v, i + n));
            }
            // No longer phrase starts with these words: stop before building more keys.
            if !LEX.phrase_prefixes.contains(&key) {
                break;
            }
        }
        best
    }
}

/// A parsed count before qualifiers.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Core {
    Exact(u32),
    /// A vague plural: at least this many.
    Plural(u32),
}

/// Parses the digits of a number token: "6,500" → 6500, "1.2" → 1.2. Thousands separators must
/// group by three; anything else is not a number.
fn parse_digits(s: &str) -> Option<f64> {
    if s.contains(',') {
        let mut groups = s.split(',');
        let first = groups.next()?;
        if first.is_empty() || first.len() > 3 {
            return None;
        }
        let mut digits = first.to_string();
        for g in groups {
            // "1,200.5" is not a count either way; only whole groups of three.
            if g.len() != 3 || !g.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            digits.push_str(g);
        }
        return digits.parse::<u64>().ok().map(|n| n as f64);
    }
    if s.bytes().filter(|&b| b == b'.').count() > 1 {
        return None;
    }
    s.parse::<f64>().ok()
}

fn to_u32(v: f64) -> Option<u32> {
    (v.is_finite() && v >= 0.0 && v <= u32::MAX as f64 && v.fract() == 0.0).then_some(v as u32)
}

/// A number written in words, digits, or both, from token `i`: the value and the next token.
fn core(w: &Window, i: usize) -> Option<(Core, usize)> {
    let tok = w.toks.get(i)?;
    // Fixed phrases first, so that "a couple" is not "a" + something.
    if let Some((v, next)) = w.longest(i, MAX_PHRASE, |k| LEX.phrases.get(k).copied()) {
        return Some((Core::Exact(v), next));
    }
    // Vague plurals, multiplied: "hundreds of thousands".
    if let Some(NumWord::Plural(v)) = w.word(i).and_then(|s| LEX.num_words.get(s)) {
        if w.is_word(i + 1, "of")
            && let Some(NumWord::Plural(v2)) = w.word(i + 2).and_then(|s| LEX.num_words.get(s))
        {
            return Some((Core::Plural(v.checked_mul(*v2)?), i + 3));
        }
        return Some((Core::Plural(*v), i + 1));
    }
    // The accumulator of an English number: total of completed groups, and the current group.
    let mut total: u64 = 0;
    let mut current: u64 = 0;
    #[derive(PartialEq, Clone, Copy)]
    enum Last {
        Start,
        Unit,
        Tens,
        Mult(u32),
    }
    let mut last = Last::Start;
    let mut j = i;
    let mut fraction: Option<f64> = None;
    if tok.kind == TokenKind::Number {
        let v = parse_digits(tok.text(w.text))?;
        if v.fract() == 0.0 {
            current = to_u32(v)? as u64;
        } else {
            fraction = Some(v);
        }
        last = Last::Tens; // only multipliers may follow digits
        j += 1;
    } else if matches!(w.word(i), Some("a" | "an"))
        && let Some(NumWord::Multiplier(_)) = w.word(i + 1).and_then(|s| LEX.num_words.get(s))
    {
        current = 1;
        last = Last::Unit;
        j += 1;
    }
    let digits = tok.kind == TokenKind::Number;
    'tokens: while let Some(t) = w.toks.get(j) {
        if t.kind != TokenKind::Word {
            break;
        }
        let word = w.word(j).unwrap_or("");
        if word == "and" {
            // "one hundred and twenty": only between a multiplier and a smaller number word.
            let next_is_small = matches!(
                w.word(j + 1).and_then(|s| s.split('-').next()).and_then(|s| LEX.num_words.get(s)),
                Some(NumWord::Unit(_) | NumWord::Tens(_))
            );
            if matches!(last, Last::Mult(100)) && next_is_small && !digits {
                j += 1;
                continue;
            }
            break;
        }
        // "twenty-one" is one token; every part must be a number word for it to count.
        let parts: Vec<&str> = word.split('-').collect();
        let mut state = (total, current, last);
        for p in &parts {
            let (mut tot, mut cur, l) = state;
            let next_last = match LEX.num_words.get(*p) {
                Some(NumWord::Unit(v))
                    if !digits
                        && (l == Last::Start
                            || matches!(l, Last::Mult(_))
                            || (l == Last::Tens && *v < 10 && cur % 10 == 0)) =>
                {
                    cur += *v as u64;
                    Last::Unit
                }
                Some(NumWord::Tens(v)) if !digits && (l == Last::Start || matches!(l, Last::Mult(_))) => {
                    cur += *v as u64;
                    Last::Tens
                }
                Some(NumWord::Multiplier(m))
                    if l != Last::Start && !matches!(l, Last::Mult(p) if p >= *m) =>
                {
                    if let Some(f) = fraction.take() {
                        cur = to_u32((f * *m as f64 * 1000.0).round() / 1000.0)? as u64;
                    } else if *m < 1000 {
                        cur *= *m as u64;
                    } else {
                        tot += cur * *m as u64;
                        cur = 0;
                    }
                    Last::Mult(*m)
                }
                _ => break 'tokens,
            };
            state = (tot, cur, next_last);
        }
        (total, current, last) = state;
        j += 1;
    }
    if fraction.is_some() || j == i || last == Last::Start {
        return None;
    }
    let value = u32::try_from(total + current).ok()?;
    Some((Core::Exact(value), j))
}

/// What a whole expression says, from token `i`: (min, max, approximate, next token).
fn expression(w: &Window, i: usize) -> Option<(Option<u32>, Option<u32>, bool, usize)> {
    if let Some(((), next)) = w.longest(i, MAX_PHRASE, |k| LEX.vague.contains(k).then_some(())) {
        return Some((None, None, true, next));
    }
    if w.is_word(i, "between")
        && let Some((Core::Exact(a), j)) = core(w, i + 1)
        && w.is_word(j, "and")
        && let Some((Core::Exact(b), k)) = core(w, j + 1)
        && b >= a
    {
        return Some((Some(a), Some(b), false, k));
    }
    let qualifier = w.longest(i, 3, |k| LEX.qualifiers.get(k).copied());
    let start = qualifier.map_or(i, |(_, n)| n);
    let (c, mut next) = core(w, start)?;
    let (mut min, mut max, mut approx) = match c {
        Core::Exact(n) => (Some(n), Some(n), false),
        Core::Plural(n) => (Some(n), None, true),
    };
    // Ranges: "10 to 15", "10-15", "two or three".
    if let Core::Exact(a) = c
        && matches!(w.word(next), Some("to" | "-" | "or"))
        && let Some((Core::Exact(b), k)) = core(w, next + 1)
        && b > a
    {
        max = Some(b);
        next = k;
    }
    if let Some((q, _)) = qualifier {
        approx |= q.approximate;
        match q.bound {
            Bound::Min => max = None,
            Bound::Max => {
                max = max.or(min);
                min = None;
            }
            Bound::Both => approx = true,
        }
    }
    Some((min, max, approx, next))
}

/// Parses one phrase that is entirely a count expression: "at least six", "6,500", "one",
/// "several". `None` if the phrase is not one, or has words left over. The span is the phrase
/// without surrounding whitespace.
///
/// Unlike [`quantities`], a lone "one" is a count here: the caller has decided it stands as a
/// number. A lone "a" or "an" is not.
pub fn parse_quantity(phrase: &str) -> Option<Quantity> {
    let w = Window::new(phrase, 0);
    let (min, max, approximate, next) = expression(&w, 0)?;
    if next != w.toks.len() || next_token(phrase, w.toks.last()?.end).is_some() {
        return None;
    }
    Some(Quantity { start: w.toks.first()?.start, end: w.toks.last()?.end, min, max, approximate })
}

/// Words a count must contain (besides digits): number words, and the last word of each
/// phrase ("a dozen" → dozen, "a number of" → number). Qualifiers are found looking back.
static ANCHORS: LazyLock<WordSet> = LazyLock::new(|| {
    let mut words: Vec<&str> = LEX.num_words.keys().map(String::as_str).collect();
    for p in LEX.phrases.keys().chain(LEX.vague.iter()) {
        words.extend(p.split(' ').rfind(|w| *w != "of"));
    }
    WordSet::new(words).unwrap_or_else(|w| panic!("{w:?} cannot be an anchor word"))
});

/// Words a count may start with before its anchor: the first words of qualifiers, phrases and
/// vague expressions, "between", and "a"/"an" ("a hundred"). Other starts are not tried.
static STARTERS: LazyLock<WordSet> = LazyLock::new(|| {
    let mut words: Vec<&str> = vec!["between", "a", "an"];
    for p in LEX.qualifiers.keys().chain(LEX.phrases.keys()).chain(LEX.vague.iter()) {
        words.extend(p.split(' ').next());
    }
    words.extend(LEX.num_words.keys().map(String::as_str));
    WordSet::new(words).unwrap_or_else(|w| panic!("{w:?} cannot start a count"))
});

/// How many words before its anchor a count may start: "no fewer than a dozen".
const MAX_BACK: usize = 4;

/// Starts of the (at most `MAX_BACK`) words before byte `anchor` in the same clause and not
/// before `floor`, earliest first, then `anchor` itself.
fn lookback(text: &str, anchor: usize, floor: usize) -> ([usize; MAX_BACK + 1], usize) {
    let b = text.as_bytes();
    let mut starts = [anchor; MAX_BACK + 1];
    let mut n = 0;
    let mut i = anchor;
    while n < MAX_BACK {
        let mut j = i;
        while j > floor && matches!(b[j - 1], b' ' | b'\t') {
            j -= 1;
        }
        let end = j;
        // No apostrophes: a quote glued to a word ("'kills nine'") would start a window at the quote.
        while j > floor && (b[j - 1].is_ascii_alphanumeric() || b[j - 1] == b'-') {
            j -= 1;
        }
        if end == i || j == end || (j > 0 && b[j - 1] >= 0x80) {
            break;
        }
        n += 1;
        starts[MAX_BACK - n] = j;
        i = j;
    }
    let mut out = [anchor; MAX_BACK + 1];
    out[..=n].copy_from_slice(&starts[MAX_BACK - n..]);
    (out, n + 1)
}

fn byte_before(text: &str, i: usize) -> Option<u8> {
    i.checked_sub(1).and_then(|j| text.as_bytes().get(j).copied())
}

/// The word (lower case) ending before byte `i`, skipping whitespace.
fn prev_word(text: &str, i: usize) -> Option<&str> {
    // "Jan. 8": an abbreviation's period belongs to the word.
    let head = text.get(..i)?.trim_end().trim_end_matches('.');
    let start = head.rfind(|c: char| !c.is_alphanumeric()).map_or(0, |p| p + 1);
    head.get(start..).filter(|s| !s.is_empty())
}

fn next_word(text: &str, i: usize) -> Option<&str> {
    let tail = text.get(i..)?.trim_start();
    let end = tail.find(|c: char| !c.is_alphanumeric()).unwrap_or(tail.len());
    tail.get(..end).filter(|s| !s.is_empty())
}

/// Whether a count with digits in it is really a date, a time, a percentage or money.
fn looks_like_other_number(text: &str, q: &Quantity) -> bool {
    let b = text.as_bytes();
    let after = b.get(q.end).copied();
    let after2 = b.get(q.end + 1).copied();
    if matches!(byte_before(text, q.start), Some(b'/' | b':' | b'$' | b'#')) {
        return true;
    }
    // The digits after a decimal point or a thousands separator: "3.5", "1,5".
    if matches!(byte_before(text, q.start), Some(b'.' | b','))
        && byte_before(text, q.start - 1).is_some_and(|c| c.is_ascii_digit())
    {
        return true;
    }
    // Compounds and designations: "20-year-old", "3-day", "F-16", "AK-47".
    if after == Some(b'-') && after2.is_some_and(|c| c.is_ascii_alphabetic()) {
        return true;
    }
    if byte_before(text, q.start) == Some(b'-')
        && byte_before(text, q.start - 1).is_some_and(|c| c.is_ascii_alphabetic())
    {
        return true;
    }
    if byte_before(text, q.start) == Some(b'-')
        && byte_before(text, q.start - 1).is_some_and(|c| c.is_ascii_digit())
    {
        return true;
    }
    if matches!(after, Some(b'/' | b':' | b'%'))
        || (matches!(after, Some(b'-' | b'.')) && after2.is_some_and(|c| c.is_ascii_digit()))
    {
        return true;
    }
    if text.get(..q.start).is_some_and(|h| h.ends_with('£') || h.ends_with('€')) {
        return true;
    }
    let is_month = |w: Option<&str>| w.is_some_and(|w| LEX.months.contains_key(w));
    if is_month(prev_word(text, q.start)) || is_month(next_word(text, q.end)) {
        return true;
    }
    let next = next_word(text, q.end).map(str::to_ascii_lowercase);
    if matches!(
        next.as_deref(),
        Some("percent" | "per" | "pc" | "am" | "pm" | "a" | "p" | "gmt" | "utc" | "hrs" | "hours")
    ) {
        // "10 a.m." tokenises as "10", "a": a bare "a" after a number is a time, not "a dozen".
        return next.as_deref() != Some("a")
            || text.get(q.end..).is_some_and(|t| t.trim_start().starts_with("a.m"));
    }
    let digits = &text[q.start..q.end];
    if digits.len() == 4 && digits.starts_with(['1', '2']) && q.min == q.max {
        let year = q.min.is_some_and(|y| (1900..=2099).contains(&y));
        let prev = prev_word(text, q.start).map(str::to_ascii_lowercase);
        if year && prev.is_some_and(|p| LEX.year_after.contains(&p)) {
            return true;
        }
        // "March 27, 2023", "Monday, 2023"… a year after a comma that follows a day or a month.
        let head = text[..q.start].trim_end();
        if year && let Some(h) = head.strip_suffix(',') {
            let w = prev_word(text, h.len());
            if w.is_some_and(|w| {
                (w.len() <= 2 && w.bytes().all(|c| c.is_ascii_digit())) || LEX.months.contains_key(w)
            }) {
                return true;
            }
        }
    }
    false
}

/// Whether a lone "one" is a pronoun or part of an idiom rather than a count.
fn one_is_not_a_count(text: &str, q: &Quantity) -> bool {
    let next = next_word(text, q.end).map(str::to_ascii_lowercase);
    if next.is_some_and(|n| LEX.one_not_before.contains(&n)) {
        return true;
    }
    let prev = prev_word(text, q.start).map(str::to_ascii_lowercase);
    if prev.as_ref().is_some_and(|p| LEX.one_not_after.contains(p)) {
        return true;
    }
    let before_prev = prev_word(text, q.start).and_then(|p| {
        let at = q.start - (text[..q.start].len() - text[..q.start].trim_end().len()) - p.len();
        prev_word(text, at)
    });
    match (before_prev, prev) {
        (Some(a), Some(b)) => LEX.one_not_after.contains(&format!("{} {b}", a.to_ascii_lowercase())),
        _ => false,
    }
}

/// Every count expression in `text`, in order, with byte spans.
///
/// Left out: numbers that are dates, years ("in 2021"), times, percentages or money; a bare
/// "a"/"an" ("a soldier was killed" is the caller's call); a lone "one" in "one of", "no one",
/// "the one" (`[one]` in `data/text/numbers.toml`); decimals that are not counts ("3.5").
pub fn quantities(text: &str) -> Vec<Quantity> {
    let mut out = Vec::new();
    // Everything before `pos` is settled.
    let mut pos = 0;
    let mut w = Window::new(text, text.len());
    for (anchor, _) in anchors(text, &ANCHORS) {
        if anchor < pos {
            continue;
        }
        let (mut starts, mut n) = lookback(text, anchor, pos);
        w.fill(starts[0]);
        if !w.toks.iter().any(|t| t.start == anchor) {
            // Punctuation between the look-back words and the anchor: start at the anchor.
            (starts[0], n) = (anchor, 1);
            w.fill(anchor);
        }
        // The earliest start that parses into a count covering the anchor wins.
        for &st in &starts[..n] {
            let word_end = text[st..].find(|c: char| !c.is_ascii_alphabetic()).map_or(text.len(), |e| st + e);
            if st != anchor && !STARTERS.contains(&text.as_bytes()[st..word_end]) {
                continue;
            }
            let Some(k) = w.toks.iter().position(|t| t.start == st) else { continue };
            let Some((min, max, approximate, next)) = expression(&w, k) else { continue };
            let Some(last) = next.checked_sub(1).and_then(|l| w.toks.get(l)) else { continue };
            if last.end <= anchor {
                continue;
            }
            let q = Quantity { start: st, end: last.end, min, max, approximate };
            pos = q.end;
            let has_digits = w.toks[k..next].iter().any(|t| t.kind == TokenKind::Number);
            // A date is skipped whole, or "between 3 and 26 March" would yield "26".
            let date_like = has_digits && looks_like_other_number(text, &q);
            let lone_one = next == k + 1 && w.is_word(k, "one") && one_is_not_a_count(text, &q);
            if !date_like && !lone_one {
                out.push(q);
            }
            break;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// (phrase, min, max, approximate)
    const PHRASES: &[(&str, Option<u32>, Option<u32>, bool)] = &[
        ("six", Some(6), Some(6), false),
        ("Six", Some(6), Some(6), false),
        ("one", Some(1), Some(1), false),
        ("zero", Some(0), Some(0), false),
        ("twelve", Some(12), Some(12), false),
        ("nineteen", Some(19), Some(19), false),
        ("twenty", Some(20), Some(20), false),
        ("twenty-one", Some(21), Some(21), false),
        ("twenty one", Some(21), Some(21), false),
        ("ninety-nine", Some(99), Some(99), false),
        ("a hundred", Some(100), Some(100), false),
        ("one hundred", Some(100), Some(100), false),
        ("three hundred", Some(300), Some(300), false),
        ("one hundred and twenty", Some(120), Some(120), false),
        ("one hundred and twenty-five", Some(125), Some(125), false),
        ("two thousand", Some(2000), Some(2000), false),
        ("two hundred thousand", Some(200_000), Some(200_000), false),
        ("a thousand", Some(1000), Some(1000), false),
        ("a million", Some(1_000_000), Some(1_000_000), false),
        ("6,500", Some(6500), Some(6500), false),
        ("1,234,567", Some(1_234_567), Some(1_234_567), false),
        ("6500", Some(6500), Some(6500), false),
        ("0", Some(0), Some(0), false),
        ("1.2 million", Some(1_200_000), Some(1_200_000), false),
        ("2.5 thousand", Some(2500), Some(2500), false),
        ("6 thousand", Some(6000), Some(6000), false),
        ("a dozen", Some(12), Some(12), false),
        ("two dozen", Some(24), Some(24), false),
        ("half a dozen", Some(6), Some(6), false),
        ("a couple", Some(2), Some(2), false),
        ("a pair", Some(2), Some(2), false),
        ("dozens", Some(24), None, true),
        ("Dozens", Some(24), None, true),
        ("scores", Some(24), None, true),
        ("hundreds", Some(100), None, true),
        ("thousands", Some(1000), None, true),
        ("hundreds of thousands", Some(100_000), None, true),
        ("tens of thousands", Some(10_000), None, true),
        ("at least six", Some(6), None, false),
        ("at least 6", Some(6), None, false),
        ("At least 12", Some(12), None, false),
        ("more than 500", Some(500), None, false),
        ("over 500", Some(500), None, false),
        ("more than a dozen", Some(12), None, false),
        ("no fewer than ten", Some(10), None, false),
        ("up to 20", None, Some(20), false),
        ("up to twenty", None, Some(20), false),
        ("as many as 30", None, Some(30), false),
        ("fewer than 10", None, Some(10), false),
        ("nearly 100", None, Some(100), true),
        ("almost fifty", None, Some(50), true),
        ("about 20", Some(20), Some(20), true),
        ("around 300", Some(300), Some(300), true),
        ("some 40", Some(40), Some(40), true),
        ("approximately 1,000", Some(1000), Some(1000), true),
        ("roughly two dozen", Some(24), Some(24), true),
        ("an estimated 5,000", Some(5000), Some(5000), true),
        ("10 to 15", Some(10), Some(15), false),
        ("10-15", Some(10), Some(15), false),
        ("10 - 15", Some(10), Some(15), false),
        ("between 10 and 15", Some(10), Some(15), false),
        ("between ten and fifteen", Some(10), Some(15), false),
        ("two or three", Some(2), Some(3), false),
        ("five to six", Some(5), Some(6), false),
        ("at least 10-15", Some(10), None, false),
        ("up to 10-15", None, Some(15), false),
        ("several", None, None, true),
        ("Several", None, None, true),
        ("a number of", None, None, true),
        ("many", None, None, true),
        ("numerous", None, None, true),
        ("a few", None, None, true),
        ("a handful of", None, None, true),
        ("scores of", None, None, false), // not a whole phrase: "of" is left over
    ];

    #[test]
    fn parse_table() {
        let mut n = 0;
        for &(phrase, min, max, approx) in PHRASES {
            let q = parse_quantity(phrase);
            if phrase == "scores of" {
                assert_eq!(q, None, "{phrase}");
                continue;
            }
            let q = q.unwrap_or_else(|| panic!("{phrase:?} did not parse"));
            assert_eq!((q.min, q.max, q.approximate), (min, max, approx), "{phrase:?}");
            assert_eq!((q.start, q.end), (0, phrase.len()), "{phrase:?}");
            n += 1;
        }
        assert!(n >= 60);
    }

    #[test]
    fn not_quantities() {
        for phrase in [
            "a",
            "an",
            "",
            "  ",
            "the",
            "3.5",
            "1,20",
            "one two",
            "six people",
            "hundred",
            "between 15 and 10",
            "and",
            "over",
            "a soldier",
            "4294967296",
        ] {
            assert_eq!(parse_quantity(phrase), None, "{phrase:?}");
        }
        assert_eq!(parse_quantity(" six ").map(|q| (q.start, q.end)), Some((1, 4)));
    }

    /// (text, the quantities found as (span text, min, max))
    #[allow(clippy::type_complexity)]
    const TEXTS: &[(&str, &[(&str, Option<u32>, Option<u32>)])] = &[
        (
            "left at least six people dead and several more injured",
            &[("at least six", Some(6), None), ("several", None, None)],
        ),
        ("6,500 Daesh fighters were present", &[("6,500", Some(6500), Some(6500))]),
        ("on eight occasions this month between 3 and 26 March", &[("eight", Some(8), Some(8))]),
        ("eliminated three key Daesh commanders last weekend", &[("three", Some(3), Some(3))]),
        ("the number of attacks rose to eight in March 2023", &[("eight", Some(8), Some(8))]),
        ("He was one of the highest-ranking officials", &[]),
        ("One person was killed", &[("One", Some(1), Some(1))]),
        ("no one was hurt", &[]),
        ("a soldier was killed", &[]),
        ("A dozen people died", &[("A dozen", Some(12), Some(12))]),
        ("Dozens killed, hundreds wounded", &[("Dozens", Some(24), None), ("hundreds", Some(100), None)]),
        ("since August 2021 and in 2021", &[]),
        ("on 27/03/2023 at 10:30", &[]),
        ("on 2023-03-27", &[]),
        ("March 27, 2023", &[]),
        ("it rose 50% or 3.5 percent", &[]),
        ("cost $5 million", &[]),
        (
            "killed 10-15 people, wounded over 20",
            &[("10-15", Some(10), Some(15)), ("over 20", Some(20), None)],
        ),
        ("over the weekend 4 died", &[("4", Some(4), Some(4))]),
        ("Six Pakistani soldiers killed in shelling.", &[("Six", Some(6), Some(6))]),
        ("some people said about 30 fled", &[("about 30", Some(30), Some(30))]),
        ("a number of militants", &[("a number of", None, None)]),
        ("killed 2000 people", &[("2000", Some(2000), Some(2000))]),
        ("Militants' attack leaves 1 security man dead", &[("1", Some(1), Some(1))]),
        ("Air raid 'kills nine' in Pakistan", &[("nine", Some(9), Some(9))]),
        ("under control...3 children die", &[("3", Some(3), Some(3))]),
        ("rose by 3.5 or 1,5", &[]),
        ("On Jan. 8, forces conducted 34 strikes", &[("34", Some(34), Some(34))]),
        ("killing an 80-year-old woman in a 3-day siege", &[]),
        ("two F-16 jets and an AK-47", &[("two", Some(2), Some(2))]),
        ("انفجار في كابل 💥 12 killed", &[("12", Some(12), Some(12))]),
    ];

    #[test]
    fn text_table() {
        for (text, want) in TEXTS {
            let got: Vec<(&str, Option<u32>, Option<u32>)> =
                quantities(text).iter().map(|q| (&text[q.start..q.end], q.min, q.max)).collect();
            assert_eq!(got, *want, "{text:?}");
        }
    }

    proptest! {
        #[test]
        fn never_panics(s in any::<String>()) {
            let _ = parse_quantity(&s);
            for q in quantities(&s) {
                prop_assert!(q.start < q.end && q.end <= s.len());
                prop_assert!(s.is_char_boundary(q.start) && s.is_char_boundary(q.end));
            }
        }

        #[test]
        fn number_like_text(s in "(at least|over|up to|between|a|dozens|several|one|twenty|-| |,|[0-9]{1,4}|and|to|hundred|thousand|كابل|💥|\\.){0,12}") {
            let mut prev = 0;
            for q in quantities(&s) {
                prop_assert!(q.start >= prev && q.end > q.start);
                if let (Some(a), Some(b)) = (q.min, q.max) { prop_assert!(a <= b); }
                prev = q.end;
            }
        }

        #[test]
        fn digits_round_trip(n in 0u32..10_000_000) {
            let q = parse_quantity(&n.to_string());
            prop_assert_eq!(q.map(|q| (q.min, q.max)), Some((Some(n), Some(n))));
        }
    }
}
