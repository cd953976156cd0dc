//! `sitrep ingest` end to end on the example feeds: idempotent, and malformed records reported
//! with file and line.

use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn sitrep(db: &Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_sitrep"))
        .current_dir(root())
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .unwrap()
}

const INGEST: &[&str] = &[
    "ingest",
    "examples/feeds",
    "--sources",
    "sources.example.toml",
    "--keep-going",
    "--csv-map",
    "text=body,published=date,id=post_id,source=outlet,title=headline",
];

#[test]
fn ingesting_twice_changes_no_row_count() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    let first = sitrep(&db, INGEST);
    assert!(first.status.success(), "{}", String::from_utf8_lossy(&first.stderr));
    let counts = || sitrep_store::Store::open(&db).unwrap().counts().unwrap();
    let before = counts();
    let docs = before.0.iter().find(|(t, _)| *t == "documents").unwrap().1;
    assert_eq!(docs, 17, "every example record is a document");
    let second = sitrep(&db, INGEST);
    assert!(second.status.success());
    assert!(String::from_utf8_lossy(&second.stderr).contains("0 new, 17 duplicate"));
    assert_eq!(counts(), before);
}

#[test]
fn malformed_record_stops_or_is_skipped_with_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    let input = dir.path().join("bad.jsonl");
    std::fs::write(
        &input,
        "{\"id\": \"a\", \"text\": \"fine\"}\n{\"id\": \"b\"}\n{\"id\": \"c\", \"text\": \"fine too\"}\n",
    )
    .unwrap();
    let path = input.to_str().unwrap();
    let stop = sitrep(&db, &["ingest", path]);
    assert!(!stop.status.success());
    let err = String::from_utf8_lossy(&stop.stderr);
    assert!(err.contains("bad.jsonl:2"), "{err}");
    let go = sitrep(&db, &["ingest", path, "--keep-going"]);
    assert!(go.status.success());
    let err = String::from_utf8_lossy(&go.stderr);
    assert!(
        err.contains("2 document(s) read") && err.contains("1 skipped") && err.contains("bad.jsonl:2"),
        "{err}"
    );
}

#[test]
fn queries_on_a_missing_database_fail_clearly() {
    let dir = tempfile::tempdir().unwrap();
    let out = sitrep(&dir.path().join("none.db"), &["events"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("no such database"));
}
