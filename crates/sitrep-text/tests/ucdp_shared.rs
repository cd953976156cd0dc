//! The text layer against UCDP GED dev headlines (read from `../shared`, skipped when absent):
//! headlines that state a death toll should yield a quantity equal to one of UCDP's figures.

use serde_json::Value;

fn read(name: &str) -> Option<Vec<Value>> {
    let path = format!("{}/../../../shared/corpora/ucdp-ged/{name}", env!("CARGO_MANIFEST_DIR"));
    let raw = std::fs::read_to_string(path).ok()?;
    Some(raw.lines().filter_map(|l| serde_json::from_str(l).ok()).collect())
}

#[test]
fn ucdp_dev_death_tolls_shared() {
    let (Some(docs), Some(gold)) = (read("dev.docs.jsonl"), read("dev.gold.jsonl")) else {
        eprintln!("skipping: ../shared absent");
        return;
    };
    let (mut stated, mut found) = (0, 0);
    let mut misses = Vec::new();
    for (doc, g) in docs.iter().zip(&gold) {
        assert_eq!(doc["id"], g["id"]);
        let Some(ev) = g["events"].as_array().and_then(|e| e.first()) else { continue };
        if ev["deaths_in_text"] != Value::Bool(true) {
            continue;
        }
        stated += 1;
        let text = doc["text"].as_str().unwrap_or("");
        let n = sitrep_text::Normalized::new(text);
        let figures: Vec<u64> =
            ["deaths_best", "deaths_low", "deaths_high"].iter().filter_map(|k| ev[*k].as_u64()).collect();
        let qs = sitrep_text::quantities(&n.text);
        let hit = qs.iter().any(|q| {
            figures.iter().any(|&f| q.min.map(u64::from) == Some(f) || q.max.map(u64::from) == Some(f))
        });
        if hit {
            found += 1;
        } else {
            misses.push(format!("{figures:?} {text}"));
        }
    }
    let rate = found as f64 / stated.max(1) as f64;
    eprintln!("UCDP dev: {found}/{stated} stated death tolls found as a quantity ({:.1}%)", rate * 100.0);
    for m in misses.iter().take(40) {
        eprintln!("  miss: {m}");
    }
    assert!(stated > 100, "{stated}");
    assert!(rate >= 0.80, "{rate}");
}

#[test]
fn ucdp_dev_never_panics_shared() {
    let Some(docs) = read("dev.docs.jsonl") else {
        eprintln!("skipping: ../shared absent");
        return;
    };
    let p = chrono::NaiveDate::from_ymd_opt(2020, 1, 1).unwrap_or_default();
    for d in &docs {
        let text = d["text"].as_str().unwrap_or("");
        let n = sitrep_text::Normalized::new(text);
        for r in sitrep_text::sentences(&n.text) {
            assert!(n.original_span(r).end <= text.chars().count());
        }
        let _ = sitrep_text::tokens(&n.text);
        let _ = sitrep_text::time_expressions(&n.text, p);
    }
}

#[test]
fn ucdp_dev_time_expressions_shared() {
    let (Some(docs), Some(gold)) = (read("dev.docs.jsonl"), read("dev.gold.jsonl")) else {
        eprintln!("skipping: ../shared absent");
        return;
    };
    let date =
        |v: &Value| v.as_str().and_then(|s| chrono::NaiveDate::parse_from_str(s.get(..10)?, "%Y-%m-%d").ok());
    let (mut with, mut agree) = (0, 0);
    let mut misses = Vec::new();
    for (doc, g) in docs.iter().zip(&gold) {
        let (Some(p), Some(ev)) = (date(&doc["published"]), g["events"].as_array().and_then(|e| e.first()))
        else {
            continue;
        };
        let (Some(a), Some(b)) = (date(&ev["date"]), date(&ev["date_end"])) else { continue };
        let text = doc["text"].as_str().unwrap_or("");
        let Some(t) = sitrep_text::time_expressions(text, p).into_iter().next() else { continue };
        with += 1;
        // The expression's period overlaps the event's.
        if t.date <= b && t.date_end.unwrap_or(t.date) >= a {
            agree += 1;
        } else {
            misses.push(format!(
                "{p} gold {a}..{b} got {}..{:?} {:?}: {text}",
                t.date,
                t.date_end,
                &text[t.start..t.end]
            ));
        }
    }
    let rate = agree as f64 / with.max(1) as f64;
    eprintln!(
        "UCDP dev: {agree}/{with} headlines with a time expression overlap the event's dates ({:.1}%)",
        rate * 100.0
    );
    for m in misses.iter().take(30) {
        eprintln!("  miss: {m}");
    }
    assert!(with > 50 && rate >= 0.7, "{agree}/{with}");
}
