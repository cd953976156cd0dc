//! Where one-event sentences from two dozen countries happened: spelling variants and indirect
//! place phrases, read through the whole extractor. Sentences written for sitrep
//! (tests/data/world_places.tsv).

use sitrep_extract::Extractor;
use sitrep_model::Document;

const CASES: &str = include_str!("data/world_places.tsv");

#[test]
fn each_sentence_puts_its_event_in_the_right_country_and_province() {
    let ex = Extractor::with_defaults().expect("shipped dictionaries load");
    let mut wrong = Vec::new();
    let mut n = 0;
    for (i, line) in CASES.lines().enumerate().filter(|(_, l)| !l.starts_with('#') && !l.is_empty()) {
        let cols: Vec<&str> = line.split('\t').collect();
        let [text, country, admin1] = cols[..] else { panic!("line {}: three columns expected", i + 1) };
        n += 1;
        let line = serde_json::json!({"id": "w", "published": "2024-05-06", "text": text});
        let doc: Document = serde_json::from_value(line).expect("a valid document line");
        let out = ex.extract(&doc);
        let got = out.events.first().and_then(|e| e.location.clone());
        let got_country = got.as_ref().and_then(|l| l.country.clone()).unwrap_or_default();
        let got_admin1 = got.as_ref().and_then(|l| l.admin1.clone()).unwrap_or_else(|| "-".into());
        if got_country != country || got_admin1 != admin1 {
            wrong.push(format!("line {}: {text:?}: got {got_country} / {got_admin1}", i + 1));
        }
    }
    assert!(n >= 120, "only {n} cases read");
    assert!(wrong.is_empty(), "{} of {n} wrong:\n{}", wrong.len(), wrong.join("\n"));
}
