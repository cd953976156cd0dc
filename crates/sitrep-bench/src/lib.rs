//! sitrep's benchmark workloads: the corpora every stage bench runs on, and timing helpers.
//!
//! - In: `../shared` (UCDP GED dev headlines, the seed article, PLOVER GSR sentences), read at run
//!   time and never copied; the repository's `examples/`; synthetic documents from `sitrep-gen`.
//! - Out: `Document`s and byte counts for the divan benches (`benches/stages.rs`), the query
//!   probe (`sitrep-querylat`) and the CI smoke check (`sitrep-smoke`); synthetic consolidated
//!   events written straight into a store ([`synth`]) for latency at 10M events.
//! - Never: prints (the binaries do), nor fails when `../shared` is absent: a missing corpus is
//!   `Err(Error::Absent)` so the caller can skip it and say so.

pub mod synth;

use sitrep_model::Document;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{0} absent (../shared is read at run time, never copied into the repository)")]
    Absent(PathBuf),
    #[error("{path}:{line}: not a document: {source}")]
    BadLine { path: PathBuf, line: usize, source: serde_json::Error },
    #[error("synthetic generator: {0}")]
    Gen(#[from] sitrep_gen::Error),
}

/// The repository root (two levels above this crate).
pub fn repo_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// `../shared` beside the repository; `SITREP_SHARED` overrides it.
pub fn shared_dir() -> PathBuf {
    std::env::var_os("SITREP_SHARED").map_or_else(|| repo_dir().join("../shared"), PathBuf::from)
}

/// Documents of a CONTRACT JSONL file; blank lines are skipped.
pub fn read_docs(path: &Path) -> Result<Vec<Document>, Error> {
    let raw = std::fs::read_to_string(path).map_err(|_| Error::Absent(path.to_path_buf()))?;
    raw.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| {
            serde_json::from_str(l).map_err(|source| Error::BadLine {
                path: path.into(),
                line: i + 1,
                source,
            })
        })
        .collect()
}

/// The 3,300 UCDP GED dev headlines.
pub fn ucdp_dev() -> Result<Vec<Document>, Error> {
    read_docs(&shared_dir().join("corpora/ucdp-ged/dev.docs.jsonl"))
}

/// The seed article as its one document.
pub fn seed() -> Result<Document, Error> {
    let path = shared_dir().join("seed/seed.docs.jsonl");
    read_docs(&path)?.into_iter().next().ok_or(Error::Absent(path))
}

/// A long article: the seed text `times` times over, paragraphs apart.
pub fn long_seed(times: usize) -> Result<Document, Error> {
    let mut d = seed()?;
    d.text = vec![d.text.as_str(); times].join("\n\n");
    d.id = format!("{}-x{times}", d.id);
    Ok(d)
}

/// The 322 PLOVER gold-standard sentences.
pub fn plover() -> Result<Vec<Document>, Error> {
    read_docs(&shared_dir().join("corpora/plover-gsr/docs.jsonl"))
}

/// The repository's example reports (`examples/reports.jsonl`).
pub fn examples() -> Result<Vec<Document>, Error> {
    read_docs(&repo_dir().join("examples/reports.jsonl"))
}

/// `n` synthetic documents of corpus `seed`.
pub fn synthetic(n: u64, seed: u64) -> Result<Vec<Document>, Error> {
    let g = sitrep_gen::Generator::embedded()?;
    Ok((0..n).map(|i| g.generate(seed, i).doc).collect())
}

/// Total bytes of the documents' texts: what MB/s figures divide by.
pub fn text_bytes(docs: &[Document]) -> usize {
    docs.iter().map(|d| d.text.len()).sum()
}

/// The text layer's work on one document, as every text-layer measure runs it: normalise, then
/// sentences, tokens, quantities and time expressions against `day`. Returns a count to keep.
pub fn text_layer(d: &Document, day: chrono::NaiveDate) -> usize {
    let n = sitrep_text::Normalized::new(&d.text);
    sitrep_text::sentences(&n.text).len()
        + sitrep_text::tokens(&n.text).len()
        + sitrep_text::quantities(&n.text).len()
        + sitrep_text::time_expressions(&n.text, day).len()
}

/// The fastest of `reps` runs of `f` (the minimum is the least noisy estimate on a shared machine:
/// interference only ever adds time).
pub fn fastest<T>(reps: usize, mut f: impl FnMut() -> T) -> Duration {
    (0..reps.max(1))
        .map(|_| {
            let t = Instant::now();
            std::hint::black_box(f());
            t.elapsed()
        })
        .min()
        .unwrap_or_default()
}

/// The `q`-quantile (0..=1) of the samples, nearest rank; zero when there are none.
pub fn quantile(samples: &mut [Duration], q: f64) -> Duration {
    if samples.is_empty() {
        return Duration::ZERO;
    }
    samples.sort_unstable();
    let rank = (q.clamp(0.0, 1.0) * samples.len() as f64).ceil() as usize;
    samples[rank.saturating_sub(1).min(samples.len() - 1)]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantiles_nearest_rank() {
        let ms = |v: &[u64]| v.iter().map(|&m| Duration::from_millis(m)).collect::<Vec<_>>();
        let cases: &[(&[u64], f64, u64)] = &[
            (&[5, 1, 3, 2, 4], 0.5, 3),
            (&[5, 1, 3, 2, 4], 0.99, 5),
            (&[5, 1, 3, 2, 4], 0.0, 1),
            (&[7], 0.99, 7),
        ];
        for (v, q, want) in cases {
            assert_eq!(quantile(&mut ms(v), *q), Duration::from_millis(*want), "{v:?} q{q}");
        }
        assert_eq!(quantile(&mut [], 0.5), Duration::ZERO);
    }

    #[test]
    fn synthetic_is_reproducible() {
        let a = synthetic(20, 3).unwrap();
        let b = synthetic(20, 3).unwrap();
        assert_eq!(a, b);
        assert!(text_bytes(&a) > 20 * 50);
    }

    #[test]
    fn examples_read() {
        assert!(!examples().unwrap().is_empty());
    }

    #[test]
    fn shared_corpora_read_or_skip() {
        match (ucdp_dev(), long_seed(3), plover()) {
            (Ok(u), Ok(l), Ok(p)) => {
                assert!(u.len() > 3000);
                assert_eq!(l.text.matches("\n\n").count(), 2);
                assert!(p.len() > 300);
            }
            _ => eprintln!("skipping: ../shared absent"),
        }
    }
}
