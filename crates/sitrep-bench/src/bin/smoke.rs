//! CI smoke check: fails when a stage got 2× slower, whatever the machine.
//!
//!     sitrep-smoke [--baseline bench/smoke_baseline.toml] [--write-baseline] [--factor 2]
//!     sitrep-smoke --selftest     # extraction done three times over: the check must fail
//!
//! Each stage is timed against SHA-256 over the same bytes, in the same process, minutes
//! apart at most: a noisy or slow CI machine slows both, and their ratio stays. The ratios are
//! compared with those recorded in the baseline file; the check fails when one exceeds
//! `factor` × its recorded value.

use anyhow::{Context, Result, bail};
use sha2::{Digest, Sha256};
use sitrep_bench::{fastest, synthetic, text_bytes};
use std::collections::BTreeMap;

/// Repetitions of each workload; the fastest counts (interference only adds time).
const REPS: usize = 9;

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let flag = |name: &str| args.iter().position(|a| a == name).and_then(|i| args.get(i + 1));
    let path = flag("--baseline")
        .map_or_else(|| sitrep_bench::repo_dir().join("bench/smoke_baseline.toml"), Into::into);
    let factor: f64 = flag("--factor").map_or(Ok(2.0), |f| f.parse())?;

    let docs = synthetic(400, 11)?;
    let bytes = text_bytes(&docs);
    let x = sitrep_extract::Extractor::with_defaults().context("loading the extractor")?;
    let g = sitrep_geo::Gazetteer::embedded();
    let day = chrono::NaiveDate::from_ymd_opt(2023, 3, 28).unwrap_or_default();

    // SHA-256 is ~500× faster than extraction: hash the bytes many times for a measurable time.
    const SHA_ROUNDS: usize = 200;
    let sha = || {
        let mut h = Sha256::new();
        for _ in 0..SHA_ROUNDS {
            for d in &docs {
                h.update(d.text.as_bytes());
            }
        }
        h.finalize()
    };
    // The self-test proves the check can fail: a stage made three times slower must be caught.
    let times = if args.iter().any(|a| a == "--selftest") { 3 } else { 1 };
    let extract =
        || (0..times).map(|_| docs.iter().map(|d| x.extract(d).events.len()).sum::<usize>()).sum::<usize>();
    // The text layer is ~20× faster than extraction: run it 20 times for a timing as long.
    const TEXT_ROUNDS: usize = 20;
    let text = || {
        (0..TEXT_ROUNDS)
            .map(|_| docs.iter().map(|d| sitrep_bench::text_layer(d, day)).sum::<usize>())
            .sum::<usize>()
    };
    let geo = || docs.iter().map(|d| g.find(&d.text, &sitrep_geo::Context::default()).len()).sum::<usize>();
    // Interleaved, so that a burst of load on a shared machine hits the reference and the stages
    // alike; the fastest of each counts.
    let measure = || {
        let mut best = [f64::MAX; 4];
        for _ in 0..REPS {
            let t = [
                fastest(1, sha).as_secs_f64() / SHA_ROUNDS as f64,
                fastest(1, extract).as_secs_f64(),
                fastest(1, text).as_secs_f64(),
                fastest(1, geo).as_secs_f64(),
            ];
            for (b, t) in best.iter_mut().zip(t) {
                *b = b.min(t);
            }
        }
        let [sha, extract, text, geo] = best;
        let mut ratios = BTreeMap::new();
        ratios.insert("extract_vs_sha256", extract / sha);
        ratios.insert("text_vs_sha256", text / TEXT_ROUNDS as f64 / sha);
        ratios.insert("geo_vs_sha256", geo / sha);
        (ratios, sha)
    };
    if args.iter().any(|a| a == "--write-baseline") {
        // A baseline is the median of three measurements, so one unlucky moment does not set it.
        let runs: Vec<BTreeMap<&str, f64>> = (0..3).map(|_| measure().0).collect();
        let mut ratios = BTreeMap::new();
        for k in runs[0].keys() {
            let mut v: Vec<f64> = runs.iter().filter_map(|r| r.get(k).copied()).collect();
            v.sort_by(f64::total_cmp);
            ratios.insert(*k, v[v.len() / 2]);
        }
        let mut out = String::from(
            "# Ratios of stage time to SHA-256 time over the same bytes (scripts/bench_smoke.sh).\n\
             # Written by `sitrep-smoke --write-baseline`; CI fails when a ratio doubles.\n",
        );
        for (k, v) in &ratios {
            out.push_str(&format!("{k} = {v:.1}\n"));
        }
        std::fs::write(&path, out).with_context(|| format!("writing {}", path.display()))?;
        println!("smoke: baseline written to {}", path.display());
        return Ok(());
    }
    let (ratios, sha) = measure();
    println!("smoke: {} docs, {bytes} bytes; sha256 {:.1} MB/s", docs.len(), bytes as f64 / sha / 1e6);
    let text = std::fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?;
    let base: BTreeMap<String, f64> =
        toml::from_str(&text).with_context(|| format!("parsing {}", path.display()))?;
    let mut failed = Vec::new();
    for (k, v) in &ratios {
        let Some(b) = base.get(*k) else { bail!("{}: no baseline for {k}", path.display()) };
        let verdict = if *v > b * factor { "FAIL" } else { "ok" };
        println!("smoke: {k:<20} {v:>8.1}  baseline {b:>8.1}  ({:.2}×)  {verdict}", v / b);
        if verdict == "FAIL" {
            failed.push(*k);
        }
    }
    if !failed.is_empty() {
        bail!("{} slower than {factor}× the baseline: {}", failed.len(), failed.join(", "));
    }
    Ok(())
}
