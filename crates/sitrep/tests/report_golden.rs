//! `sitrep report` end to end: the database is built by the real binary (`sitrep ingest`), the
//! Markdown compared with `tests/golden/report*.md`. `UPDATE_GOLDEN=1` rewrites the files.
//! The seed golden is written without quotes or titles: it must not reproduce the article.

use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn sitrep(db: &Path, args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_sitrep"))
        .current_dir(root())
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .unwrap();
    assert!(out.status.success(), "sitrep {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

/// Event ids follow the order in which parallel ingest wrote the documents: mask them.
fn mask_ids(md: &str) -> String {
    let mut out = String::with_capacity(md.len());
    let mut rest = md;
    while let Some(i) = rest.find("vent ") {
        let (head, tail) = rest.split_at(i + 5);
        out.push_str(head);
        let digits = tail.chars().take_while(char::is_ascii_digit).count();
        if digits > 0 {
            out.push('N');
        }
        rest = &tail[digits..];
    }
    out.push_str(rest);
    out
}

fn check_golden(name: &str, got: &str) {
    let got = &mask_ids(got);
    let path = root().join("tests/golden").join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, got).unwrap();
        return;
    }
    let want = std::fs::read_to_string(&path).unwrap_or_default();
    if want != *got {
        let line = want.lines().zip(got.lines()).position(|(a, b)| a != b).unwrap_or(0);
        panic!(
            "{name} differs from the golden file at line {}:\n want: {:?}\n  got: {:?}\n\
             (review the change, then UPDATE_GOLDEN=1 cargo test -p sitrep --test report_golden)",
            line + 1,
            want.lines().nth(line),
            got.lines().nth(line)
        );
    }
}

#[test]
fn report_on_the_examples_matches_golden() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    // The fixtures (fictional, written for this test) add a contested figure and a tally.
    sitrep(&db, &["-q", "ingest", "examples/reports.jsonl", "tests/golden/report_fixtures.jsonl"]);
    let md_path = dir.path().join("r.md");
    let md_arg = md_path.to_string_lossy().to_string();
    sitrep(&db, &["-q", "report", "--from", "2024-01-01", "--to", "2024-12-31", "-o", &md_arg]);
    let md = std::fs::read_to_string(&md_path).unwrap();
    let svg = std::fs::read_to_string(dir.path().join("r.timeline.svg")).unwrap();
    assert!(svg.starts_with("<svg") && svg.contains("<rect"), "{svg}");
    assert!(md.contains("![Timeline](r.timeline.svg)"));
    assert!(md.contains("**Zabihullah Mujahid** (Taliban) rejects Michael Kurilla"), "{md}");
    assert!(md.contains("reports 6 events by Taliban against Islamic State Khorasan Province"), "{md}");
    check_golden("report_examples.md", &md);

    // HTML carries the same report with the chart inline.
    let html = sitrep(&db, &["report", "--from", "2024-01-01", "--to", "2024-12-31", "--format", "html"]);
    assert!(html.starts_with("<!doctype html>") && html.contains("<svg"));
    // Scope filters narrow the events.
    let so = sitrep(&db, &["report", "--from", "2024-01-01", "--to", "2024-12-31", "--country", "SO"]);
    assert!(so.contains("| SO | Banaadir |") && !so.contains("| PK |"), "{so}");
}

#[test]
fn report_on_the_seed_and_examples_matches_golden_shared() {
    let seed = root().join("../shared/seed/seed.docs.jsonl");
    if !seed.exists() {
        eprintln!("skipping: ../shared absent");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    let seed_arg = seed.to_string_lossy().to_string();
    sitrep(&db, &["-q", "ingest", "examples/reports.jsonl", &seed_arg]);
    let md = sitrep(&db, &["report", "--from", "2023-03-01", "--to", "2023-03-31", "--no-quotes"]);
    // The article's words stay out: no quotation marks, only offsets.
    assert!(!md.contains('“'), "{md}");
    assert!(md.contains("## Contested claims") && md.contains("## Reported tallies against the data"));
    check_golden("report_seed.md", &md);
}
