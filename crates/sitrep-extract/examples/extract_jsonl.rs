//! The extraction library alone over documents JSONL (stdin → stdout), single-threaded: for
//! measuring the library without the CLI, the store or any thread pool. Malformed lines are
//! reported on stderr with their number and skipped.
//!
//! `cargo run --release -p sitrep-extract --example extract_jsonl < docs.jsonl > out.jsonl`

use sitrep_extract::Extractor;
use sitrep_model::Document;
use std::io::{BufRead, Write};
use std::time::Instant;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let t0 = Instant::now();
    let ex = Extractor::with_defaults()?;
    let load = t0.elapsed();
    let stdin = std::io::stdin();
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let (mut docs, mut bytes) = (0usize, 0usize);
    let t1 = Instant::now();
    for (n, line) in stdin.lock().lines().enumerate() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        match serde_json::from_str::<Document>(&line) {
            Ok(d) => {
                bytes += d.text.len();
                docs += 1;
                serde_json::to_writer(&mut out, &ex.extract(&d))?;
                out.write_all(b"\n")?;
            }
            Err(e) => eprintln!("<stdin>:{}: {e}", n + 1),
        }
    }
    out.flush()?;
    let s = t1.elapsed().as_secs_f64();
    eprintln!(
        "loaded in {:.1} ms; {docs} documents, {:.2} MB in {s:.2} s: {:.1} MB/s, {:.0} docs/s (one thread)",
        load.as_secs_f64() * 1e3,
        bytes as f64 / 1e6,
        bytes as f64 / 1e6 / s,
        docs as f64 / s
    );
    Ok(())
}
