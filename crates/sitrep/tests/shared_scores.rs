//! Regression guard: runs `sitrep extract` on the shared corpora and scores the output with
//! `../shared/eval/score.py`, failing when a figure drops below its floor. The floors are the
//! figures measured when they were set (see the README's "Quality" table); raise them as the
//! extractor improves, never lower them to make a change pass.
//!
//! Every test here reads `../shared`: it skips, saying so, where that folder or python3 is absent.

use std::path::{Path, PathBuf};
use std::process::Command;

fn shared() -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared");
    if p.join("eval/score.py").is_file() {
        Some(p)
    } else {
        eprintln!("skipping: ../shared is absent");
        None
    }
}

fn python() -> bool {
    let ok = Command::new("python3").arg("--version").output().is_ok_and(|o| o.status.success());
    if !ok {
        eprintln!("skipping: python3 is absent");
    }
    ok
}

/// Extracts `docs` and returns the scorer's JSON.
fn score(shared: &Path, docs: &str, gold: &str) -> serde_json::Value {
    let out = tempfile::NamedTempFile::new().expect("temp file");
    let status = Command::new(env!("CARGO_BIN_EXE_sitrep"))
        .args(["extract", "-q"])
        .arg(shared.join(docs))
        .arg("-o")
        .arg(out.path())
        .status()
        .expect("running sitrep");
    assert!(status.success(), "sitrep extract {docs} failed");
    let scored = Command::new("python3")
        .arg(shared.join("eval/score.py"))
        .arg(shared.join(gold))
        .arg(out.path())
        .arg("--json")
        .output()
        .expect("running score.py");
    assert!(scored.status.success(), "score.py failed: {}", String::from_utf8_lossy(&scored.stderr));
    let v: serde_json::Value = serde_json::from_slice(&scored.stdout).expect("score.py prints JSON");
    eprintln!("{docs}: {v}");
    v
}

fn at_least(v: &serde_json::Value, path: &[&str], floor: f64) {
    let mut x = v;
    for k in path {
        x = &x[*k];
    }
    let got = x.as_f64().unwrap_or_else(|| panic!("{path:?} missing in {v}"));
    assert!(got >= floor, "{} = {got} fell below its floor {floor}", path.join("."));
}

#[test]
fn shared_seed_scores_at_floor() {
    let (Some(s), true) = (shared(), python()) else { return };
    let v = score(&s, "seed/seed.docs.jsonl", "seed/seed.gold.jsonl");
    at_least(&v, &["events", "f1"], 1.0);
    for f in ["sub_event_type", "actor1", "actor2", "admin1", "date", "fatalities", "claimed_by"] {
        at_least(&v, &["fields", f], 1.0);
    }
    at_least(&v, &["statements", "f1"], 0.85);
    assert_eq!(v["tallies"]["found"], v["tallies"]["gold"], "tallies: {}", v["tallies"]);
}

#[test]
fn shared_ucdp_dev_scores_at_floor() {
    let (Some(s), true) = (shared(), python()) else { return };
    let v = score(&s, "corpora/ucdp-ged/dev.docs.jsonl", "corpora/ucdp-ged/dev.gold.jsonl");
    at_least(&v, &["recall"], 0.90);
    at_least(&v, &["accuracy", "country"], 0.97);
    at_least(&v, &["accuracy", "date"], 0.95);
    at_least(&v, &["accuracy", "deaths"], 0.85);
    at_least(&v, &["accuracy", "admin1"], 0.70);
}

#[test]
fn shared_plover_gsr_scores_at_floor() {
    let (Some(s), true) = (shared(), python()) else { return };
    let v = score(&s, "corpora/plover-gsr/docs.jsonl", "corpora/plover-gsr/gold.jsonl");
    at_least(&v, &["type_accuracy"], 0.70);
    at_least(&v, &["source_accuracy"], 0.70);
    at_least(&v, &["target_accuracy"], 0.58);
}
