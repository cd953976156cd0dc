//! Plain `.txt` files: one document each. The publication date is `--published`, else a date
//! in the file name (`2023-03-28`, `2023_03_28` or `20230328`), else unknown.

use crate::{ReadError, stem, utf8};
use chrono::NaiveDate;
use sitrep_model::Document;

/// The first date found in a file name.
pub fn date_in_name(name: &str) -> Option<NaiveDate> {
    let s = stem(name);
    let b = s.as_bytes();
    // Scans windows by hand: the three layouts are fixed-width, a regex would add nothing.
    for i in 0..b.len() {
        if i > 0 && b[i - 1].is_ascii_digit() {
            continue;
        }
        for (len, fmt) in [(10, "%Y-%m-%d"), (10, "%Y_%m_%d"), (8, "%Y%m%d")] {
            let Some(w) = s.get(i..i + len) else { continue };
            if b.get(i + len).is_some_and(u8::is_ascii_digit) {
                continue;
            }
            if let Ok(d) = NaiveDate::parse_from_str(w, fmt) {
                return Some(d);
            }
        }
    }
    None
}

pub fn read(name: &str, bytes: &[u8], published: Option<NaiveDate>) -> Vec<Result<Document, ReadError>> {
    let text = match utf8(name, bytes) {
        Ok(t) => t.trim(),
        Err(e) => return vec![Err(e)],
    };
    if text.is_empty() {
        return vec![Err(ReadError::new(name, None, "empty file"))];
    }
    vec![Ok(Document::new(stem(name), text, published.or_else(|| date_in_name(name))))]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_names() {
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d);
        // (file name, date), one per line.
        let cases = [
            ("2023-03-28_kabul.txt", d(2023, 3, 28)),
            ("dir/report_20230328.txt", d(2023, 3, 28)),
            ("notes-2023_03_28.txt", d(2023, 3, 28)),
            ("id123456789.txt", None),
            ("2023-13-40.txt", None),
            ("plain.txt", None),
        ];
        for (name, want) in cases {
            assert_eq!(date_in_name(name), want, "{name}");
        }
    }

    #[test]
    fn published_option_wins_over_name() {
        let p = NaiveDate::from_ymd_opt(2020, 1, 2);
        let r = read("2023-03-28.txt", b"Text.\n", p);
        let d = r[0].as_ref().unwrap();
        assert_eq!((d.id.as_str(), d.text.as_str()), ("2023-03-28", "Text."));
        assert_eq!(d.published_date().unwrap(), p);
        assert!(read("x.txt", b"  \n", None)[0].is_err());
        assert!(read("x.txt", &[0xff, 0xfe, 0x00], None)[0].is_err());
    }
}
