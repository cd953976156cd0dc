//! `sitrep gen --docs N --seed S [-o FILE] [--truth FILE]`: a synthetic corpus with known truth.

use crate::Global;
use anyhow::{Context, Result};
use rayon::prelude::*;
use sitrep_gen::Generator;
use std::io::{BufWriter, Write};
use std::path::PathBuf;

#[derive(clap::Args)]
pub struct Args {
    /// How many documents.
    #[arg(long, default_value_t = 1000)]
    pub docs: u64,
    /// The corpus seed: the same seed always gives the same documents.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Write the documents (CONTRACT JSONL) here instead of stdout.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// Also write the ground truth (the scorer's gold JSONL, `eval/score.py`) here.
    #[arg(long)]
    pub truth: Option<PathBuf>,
}

/// Documents are made in parallel chunks of this many and written in order.
const CHUNK: u64 = 8192;

pub fn run(a: Args, _g: &Global) -> Result<()> {
    let generator = Generator::embedded().context("loading data/gen templates")?;
    let create = |p: &PathBuf| -> Result<Box<dyn Write>> {
        Ok(Box::new(std::fs::File::create(p).with_context(|| format!("creating {}", p.display()))?))
    };
    let out: Box<dyn Write> = match &a.output {
        Some(p) => create(p)?,
        None => Box::new(std::io::stdout().lock()),
    };
    let mut out = BufWriter::with_capacity(1 << 20, out);
    let mut truth = a.truth.as_ref().map(create).transpose()?.map(|w| BufWriter::with_capacity(1 << 20, w));
    let want_truth = truth.is_some();
    let mut start = 0;
    while start < a.docs {
        let end = (start + CHUNK).min(a.docs);
        let lines: Vec<(Vec<u8>, Vec<u8>)> = (start..end)
            .into_par_iter()
            .map(|i| {
                let g = generator.generate(a.seed, i);
                let doc = serde_json::to_vec(&g.doc)?;
                let gold = if want_truth { serde_json::to_vec(&g.truth)? } else { Vec::new() };
                Ok((doc, gold))
            })
            .collect::<Result<_, serde_json::Error>>()?;
        for (doc, gold) in lines {
            out.write_all(&doc)?;
            out.write_all(b"\n")?;
            if let Some(t) = truth.as_mut() {
                t.write_all(&gold)?;
                t.write_all(b"\n")?;
            }
        }
        start = end;
    }
    out.flush()?;
    if let Some(t) = truth.as_mut() {
        t.flush()?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn global() -> Global {
        Global { db: PathBuf::from("unused.db"), verbose: 0, quiet: true }
    }

    fn write(dir: &std::path::Path, name: &str, docs: u64, seed: u64) -> (String, String) {
        let (out, truth) = (dir.join(format!("{name}.jsonl")), dir.join(format!("{name}.gold.jsonl")));
        let a = Args { docs, seed, output: Some(out.clone()), truth: Some(truth.clone()) };
        run(a, &global()).unwrap();
        (std::fs::read_to_string(out).unwrap(), std::fs::read_to_string(truth).unwrap())
    }

    #[test]
    fn documents_and_truth_line_up_and_repeat() {
        let dir = tempfile::tempdir().unwrap();
        // More than one chunk, so the chunked writer keeps order across chunks.
        let n = CHUNK + 5;
        let (docs, truth) = write(dir.path(), "a", n, 4);
        let ids = |s: &str, key: &str| -> Vec<String> {
            s.lines()
                .map(|l| {
                    serde_json::from_str::<serde_json::Value>(l).unwrap()[key].as_str().unwrap().to_string()
                })
                .collect()
        };
        let doc_ids = ids(&docs, "id");
        assert_eq!(doc_ids.len() as u64, n);
        assert_eq!(doc_ids, ids(&truth, "id"));
        assert_eq!(doc_ids[n as usize - 1], format!("gen-4-{}", n - 1));
        for l in docs.lines().take(50) {
            let d: sitrep_model::Document = serde_json::from_str(l).unwrap();
            assert!(d.validate().is_ok());
        }
        assert_eq!(write(dir.path(), "b", n, 4).0, docs);
        assert_ne!(write(dir.path(), "c", 20, 5).0.lines().next(), docs.lines().next());
    }
}
