//! `sitrep extract [FILE|-] [-o OUT]`: documents JSONL in, one CONTRACT output line per document out.

use crate::Global;
use anyhow::{Context, Result, bail};
use rayon::prelude::*;
use sitrep_extract::{ExtraActors, Extractor};
use sitrep_model::{DocOutput, Document};
use std::io::{BufRead, BufReader, BufWriter, Read, Write};
use std::path::PathBuf;

#[derive(clap::Args)]
pub struct Args {
    /// Documents JSONL (the CONTRACT input); `-` or nothing reads stdin.
    pub input: Option<PathBuf>,
    /// Write here instead of stdout.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// Report a bad line on stderr and go on, instead of stopping at it.
    #[arg(long)]
    pub keep_going: bool,
    /// Indented JSON for humans (one document per block instead of per line).
    #[arg(long)]
    pub pretty: bool,
    /// Worker threads (default: all cores).
    #[arg(long)]
    pub threads: Option<usize>,
    /// More actor dictionary files (TOML, the schema of data/actors/README.md). Repeatable.
    #[arg(long = "actors")]
    pub actors: Vec<PathBuf>,
    /// A gazetteer index built by `sitrep gazetteer build` (default: the embedded one).
    #[arg(long)]
    pub gazetteer: Option<PathBuf>,
}

/// Documents are read and extracted in batches of this many lines, so memory stays flat on
/// large inputs while every batch still keeps both cores busy.
const BATCH: usize = 4096;

pub fn run(a: Args, _g: &Global) -> Result<()> {
    if let Some(n) = a.threads {
        if n == 0 {
            bail!("--threads must be at least 1");
        }
        rayon::ThreadPoolBuilder::new().num_threads(n).build_global().context("starting worker threads")?;
    }
    let extractor = build_extractor(&a.actors, a.gazetteer.as_deref())?;

    let (name, reader): (String, Box<dyn Read>) = match a.input.as_deref() {
        None => ("<stdin>".into(), Box::new(std::io::stdin())),
        Some(p) if p.as_os_str() == "-" => ("<stdin>".into(), Box::new(std::io::stdin())),
        Some(p) => (
            p.display().to_string(),
            Box::new(std::fs::File::open(p).with_context(|| format!("opening {}", p.display()))?),
        ),
    };
    let out: Box<dyn Write> = match &a.output {
        // "-o -" is standard output, as "-" is standard input (not a file named "-").
        Some(p) if p.as_os_str() == "-" => Box::new(std::io::stdout().lock()),
        Some(p) => Box::new(std::fs::File::create(p).with_context(|| format!("creating {}", p.display()))?),
        None => Box::new(std::io::stdout().lock()),
    };
    let mut out = BufWriter::new(out);
    let mut lines = BufReader::new(reader).lines();
    let mut line_no = 0usize;
    let mut bad = 0usize;
    let mut done = 0usize;
    loop {
        let mut batch: Vec<(usize, String)> = Vec::with_capacity(BATCH);
        for line in lines.by_ref() {
            line_no += 1;
            let line = line.with_context(|| format!("{name}:{line_no}: reading"))?;
            if line.trim().is_empty() {
                continue;
            }
            batch.push((line_no, line));
            if batch.len() == BATCH {
                break;
            }
        }
        if batch.is_empty() {
            break;
        }
        let results: Vec<Result<DocOutput, String>> = batch
            .par_iter()
            .map(|(n, line)| {
                parse(line).map(|d| extractor.extract(&d)).map_err(|e| format!("{name}:{n}: {e}"))
            })
            .collect();
        for r in results {
            match r {
                Ok(o) => {
                    if a.pretty {
                        serde_json::to_writer_pretty(&mut out, &o)?;
                    } else {
                        serde_json::to_writer(&mut out, &o)?;
                    }
                    out.write_all(b"\n")?;
                    done += 1;
                }
                Err(e) if a.keep_going => {
                    eprintln!("sitrep: skipped {e}");
                    bad += 1;
                }
                Err(e) => bail!("{e} (use --keep-going to skip bad lines)"),
            }
        }
    }
    out.flush()?;
    if bad > 0 {
        eprintln!("sitrep: {done} documents extracted, {bad} lines skipped");
    }
    Ok(())
}

/// One CONTRACT document line, checked beyond what serde checks.
fn parse(line: &str) -> Result<Document, String> {
    let d: Document = serde_json::from_str(line).map_err(|e| format!("not a document: {e}"))?;
    d.validate().map_err(|e| e.to_string())?;
    Ok(d)
}

/// The extractor with the embedded data plus the user's actor files and gazetteer.
pub fn build_extractor(actor_files: &[PathBuf], gazetteer: Option<&std::path::Path>) -> Result<Extractor> {
    let mut extra = ExtraActors::default();
    for p in actor_files {
        let text = std::fs::read_to_string(p).with_context(|| format!("reading {}", p.display()))?;
        extra.files.push((p.display().to_string(), text));
    }
    let gaz = match gazetteer {
        Some(p) => Some(
            sitrep_geo::Gazetteer::open(p).with_context(|| format!("opening gazetteer {}", p.display()))?,
        ),
        None => None,
    };
    Extractor::new(extra, gaz).context("loading the dictionaries")
}
