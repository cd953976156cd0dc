//! `sitrep extract` as a user runs it: the bundled examples, bad lines, order and threads.

use std::io::Write;
use std::process::{Command, Stdio};

fn sitrep() -> Command {
    Command::new(env!("CARGO_BIN_EXE_sitrep"))
}

fn examples() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/reports.jsonl")
}

fn run_stdin(args: &[&str], input: &str) -> std::process::Output {
    let mut child = sitrep()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    child.stdin.take().expect("stdin").write_all(input.as_bytes()).expect("write");
    child.wait_with_output().expect("wait")
}

#[test]
fn one_line_per_document_in_order() {
    let out = sitrep().arg("extract").arg(examples()).arg("--threads").arg("2").output().expect("run");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let ids: Vec<String> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).expect("JSON line")["doc_id"]
                .as_str()
                .unwrap_or("")
                .to_string()
        })
        .collect();
    let want: Vec<String> = std::fs::read_to_string(examples())
        .expect("examples")
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).expect("JSON")["id"]
                .as_str()
                .unwrap_or("")
                .to_string()
        })
        .collect();
    assert_eq!(ids, want);
}

#[test]
fn a_bad_line_names_its_number() {
    let input = "{\"id\":\"a\",\"text\":\"x\"}\n{not json}\n{\"id\":\"b\",\"text\":\"y\"}\n";
    let out = run_stdin(&["extract", "-"], input);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("<stdin>:2"), "{err}");
    let kept = run_stdin(&["extract", "--keep-going"], input);
    assert!(kept.status.success());
    assert_eq!(String::from_utf8_lossy(&kept.stdout).lines().count(), 2);
    assert!(String::from_utf8_lossy(&kept.stderr).contains("<stdin>:2"));
}

#[test]
fn an_unreadable_date_is_an_error() {
    let out = run_stdin(&["extract"], "{\"id\":\"a\",\"text\":\"x\",\"published\":\"28/03/2023\"}\n");
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("published"));
}

#[test]
fn examples_report_what_they_say() {
    let out = sitrep().arg("extract").arg(examples()).output().expect("run");
    let docs: Vec<serde_json::Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON"))
        .collect();
    let acled = |id: &str| -> Vec<serde_json::Value> {
        docs.iter()
            .find(|d| d["doc_id"] == id)
            .map(|d| d["events"].as_array().cloned().unwrap_or_default())
            .unwrap_or_default()
            .into_iter()
            .filter(|e| !e["event_type"].is_null())
            .collect()
    };
    for neg in ["ex-neg-sport", "ex-neg-film", "ex-neg-anniv", "ex-neg-threat"] {
        assert!(acled(neg).is_empty(), "{neg}: {:?}", acled(neg));
    }
    let bomb = acled("ex-local-01");
    assert_eq!(bomb.len(), 1, "{bomb:?}");
    assert_eq!(bomb[0]["fatalities"]["min"], 12);
    assert_eq!(bomb[0]["injured"]["min"], 30);
    assert_eq!(bomb[0]["claimed_by"]["name"], "al-Shabaab");
    assert_eq!(bomb[0]["location"]["country"], "SO");
    let raid = acled("ex-official-01");
    assert_eq!(raid[0]["actor1"]["name"], "Taliban");
    assert_eq!(raid[0]["actor2"]["name"], "Islamic State Khorasan Province");
    assert_eq!(raid[0]["fatalities"]["min"], 4);
    let wire = acled("ex-wire-01");
    assert_eq!(wire[0]["location"]["admin1"], "Khyber Pakhtunkhwa");
    assert_eq!(wire[0]["date"], "2024-05-13");
    assert_eq!(wire[0]["fatalities"]["min"], 3);
}

#[test]
fn dash_as_output_is_standard_output() {
    let dir = std::env::temp_dir().join(format!("sitrep-dash-out-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let mut child = sitrep()
        .args(["extract", "-", "-o", "-"])
        .current_dir(&dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("spawn");
    child.stdin.take().expect("stdin").write_all(b"{\"id\":\"a\",\"text\":\"x\"}\n").expect("write");
    let out = child.wait_with_output().expect("wait");
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("\"doc_id\":\"a\""));
    assert!(!dir.join("-").exists(), "wrote a file named '-'");
    let _ = std::fs::remove_dir_all(&dir);
}
