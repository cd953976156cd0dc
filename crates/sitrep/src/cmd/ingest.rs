//! `sitrep ingest PATH…` and `sitrep consolidate`.
//!
//! Reads every file (walking directories), extracts in parallel, and writes documents with
//! their mentions in batched transactions: a kill at any moment loses at most the batch in
//! flight, which the next run writes again; the content hash makes the rerun skip what is in.

use crate::Global;
use anyhow::{Context, bail};
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;
use sitrep_extract::Extractor;
use sitrep_ingest::{CsvMap, Format, Options, ReadError, SourceMap};
use sitrep_model::{DocOutput, Document};
use sitrep_store::{Item, Store, content_hash};
use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use std::time::Instant;

#[derive(clap::Args)]
pub struct Args {
    /// Files or directories (walked recursively; hidden files are skipped).
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// Report a malformed record (file and line/record) and go on, instead of stopping.
    #[arg(long)]
    pub keep_going: bool,
    /// Publication date (YYYY-MM-DD) for .txt files whose name holds none.
    #[arg(long)]
    pub published: Option<chrono::NaiveDate>,
    /// CSV column mapping, e.g. `text=body,published=date,id=post_id,source=outlet`.
    #[arg(long, default_value = "")]
    pub csv_map: String,
    /// Source list mapping handles and feeds to affiliations (default: ./sources.toml if present).
    #[arg(long)]
    pub sources: Option<PathBuf>,
    /// Read every file as this format instead of detecting it
    /// (jsonl, twitter, telegram, feed, html, txt, csv).
    #[arg(long)]
    pub format: Option<String>,
    /// Documents per transaction. Each commit checkpoints the WAL, rewriting the index pages the
    /// batch touched: 8,000 (~20 MB more held than 2,000) saved ~0.9 of 9 CPU-s on 100k short
    /// documents.
    #[arg(long, default_value_t = 8000)]
    pub batch: usize,
    /// Write documents and mentions only; cluster later with `sitrep consolidate`.
    #[arg(long)]
    pub no_consolidate: bool,
}

#[derive(clap::Args)]
pub struct ConsolidateArgs {
    /// Forget every event and cluster all mentions anew (reviews are kept: they are anchored on
    /// mention keys).
    #[arg(long)]
    pub rebuild: bool,
}

/// Files to read: explicit files always; inside directories, those of a known format.
pub fn collect(paths: &[PathBuf], skipped: &mut Vec<String>) -> anyhow::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for p in paths {
        let meta = std::fs::metadata(p).with_context(|| format!("reading {}", p.display()))?;
        if meta.is_file() {
            out.push(p.clone());
            continue;
        }
        let walk = walkdir::WalkDir::new(p)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| e.depth() == 0 || !e.file_name().to_str().is_some_and(|n| n.starts_with('.')));
        for e in walk {
            let e = e.with_context(|| format!("walking {}", p.display()))?;
            if !e.file_type().is_file() {
                continue;
            }
            let name = e.path().to_string_lossy();
            let known = matches!(
                e.path().extension().and_then(|x| x.to_str()).map(str::to_ascii_lowercase).as_deref(),
                Some(
                    "jsonl"
                        | "ndjson"
                        | "json"
                        | "xml"
                        | "rss"
                        | "atom"
                        | "html"
                        | "htm"
                        | "txt"
                        | "csv"
                        | "tsv"
                )
            );
            if known {
                out.push(e.into_path());
            } else {
                skipped.push(format!("{name}: not a format sitrep reads"));
            }
        }
    }
    Ok(out)
}

/// What an ingest pass read, wrote and skipped (`sitrep watch` keeps one per poll).
#[derive(Default)]
pub struct Summary {
    pub files: usize,
    pub read: usize,
    pub new: usize,
    pub duplicate: usize,
    pub mentions: usize,
    pub malformed: Vec<ReadError>,
    pub files_skipped: Vec<String>,
}

impl Summary {
    fn absorb(&mut self, s: sitrep_store::BatchStats) {
        self.new += s.new;
        self.duplicate += s.duplicate;
        self.mentions += s.mentions;
    }
}

struct Prepared {
    docs: Vec<(Document, String, String)>,
    outputs: Vec<DocOutput>,
}

fn write(store: &mut Store, p: Prepared) -> anyhow::Result<sitrep_store::BatchStats> {
    let items: Vec<Item> = p
        .docs
        .iter()
        .zip(&p.outputs)
        .map(|((doc, hash, origin), output)| Item { doc, hash, output, origin: Some(origin) })
        .collect();
    Ok(store.write_batch(&items)?)
}

/// Reads `sources.toml` (or `./sources.toml` when present and no path is given); none is empty.
pub fn load_sources(path: Option<&Path>) -> anyhow::Result<SourceMap> {
    let path = path.map(Path::to_path_buf).or_else(|| {
        let p = PathBuf::from("sources.toml");
        p.exists().then_some(p)
    });
    match &path {
        Some(p) => {
            let text = std::fs::read_to_string(p).with_context(|| format!("reading {}", p.display()))?;
            Ok(SourceMap::parse(&text).with_context(|| format!("in {}", p.display()))?)
        }
        None => Ok(SourceMap::default()),
    }
}

/// One input to the pipeline: a file's path or a feed's URL, and its bytes.
pub struct Input {
    pub name: String,
    pub bytes: Vec<u8>,
    /// The `sources.toml` entry this input was listed under (a watched feed or directory): its
    /// documents that match no entry by their own handle, name or URL get this one.
    pub source: Option<String>,
}

/// The one path from bytes to stored documents: read → hash → skip known → extract → write, in
/// batched transactions. `sitrep ingest` feeds it files, `sitrep watch` fetched feeds too.
pub struct Pipeline<'a> {
    pub extractor: &'a Extractor,
    pub opts: &'a Options,
    /// Documents per transaction.
    pub batch: usize,
    pub keep_going: bool,
    pub bar: &'a ProgressBar,
}

impl Pipeline<'_> {
    /// Ingests each input (its name, a path or URL, and its bytes). A malformed record stops the
    /// pass unless `keep_going`; an input that could not be obtained stops it too. Either way
    /// what was extracted before is written first (it is complete, and idempotent).
    pub fn ingest(
        &self,
        store: &mut Store,
        inputs: impl IntoIterator<Item = anyhow::Result<Input>>,
        summary: &mut Summary,
    ) -> anyhow::Result<()> {
        let batch = self.batch.max(1);
        let mut pending: Option<Prepared> = None;
        let mut seen: HashSet<String> = HashSet::new();
        for input in inputs {
            let Input { name, bytes, source } = match input {
                Ok(i) => i,
                Err(e) => {
                    if let Some(p) = pending.take() {
                        summary.absorb(write(store, p)?);
                    }
                    return Err(e);
                }
            };
            self.bar.set_message(name.clone());
            let mut records = sitrep_ingest::read(&name, &bytes, self.opts);
            drop(bytes);
            if let Some(source) = source {
                for d in records.iter_mut().flatten().filter(|d| self.opts.sources.lookup(d).is_none()) {
                    d.source.get_or_insert_with(Default::default).name = Some(source.clone());
                    self.opts.sources.attach(d);
                }
            }
            summary.files += 1;
            let mut docs: Vec<(Document, String)> = Vec::with_capacity(records.len());
            for (i, r) in records.into_iter().enumerate() {
                match r {
                    Ok(d) => docs.push((d, format!("{name}#{}", i + 1))),
                    Err(e) if self.keep_going => summary.malformed.push(e),
                    Err(e) => {
                        if let Some(p) = pending.take() {
                            summary.absorb(write(store, p)?);
                        }
                        bail!("{e}\n(use --keep-going to skip malformed records)");
                    }
                }
            }
            summary.read += docs.len();
            self.bar.inc_length(docs.len() as u64);
            let mut it = docs.into_iter().peekable();
            while it.peek().is_some() {
                let chunk: Vec<(Document, String)> = it.by_ref().take(batch).collect();
                let n = chunk.len() as u64;
                let mut hashed: Vec<(Document, String, String)> = chunk
                    .into_par_iter()
                    .map(|(d, origin)| (content_hash(&d.text), d, origin))
                    .map(|(h, d, o)| (d, h, o))
                    .collect();
                let known = store.known_hashes(hashed.iter().map(|(_, h, _)| h.as_str()))?;
                let before = hashed.len();
                hashed.retain(|(_, h, _)| !known.contains(h) && seen.insert(h.clone()));
                summary.duplicate += before - hashed.len();
                // Write the previous batch while this one is extracted.
                let (written, outputs) = rayon::join(
                    || pending.take().map(|p| write(store, p)).transpose(),
                    || hashed.par_iter().map(|(d, _, _)| self.extractor.extract(d)).collect::<Vec<_>>(),
                );
                if let Some(s) = written? {
                    summary.absorb(s);
                }
                pending = Some(Prepared { docs: hashed, outputs });
                self.bar.inc(n);
            }
        }
        if let Some(p) = pending.take() {
            summary.absorb(write(store, p)?);
        }
        Ok(())
    }
}

pub fn run(a: Args, g: &Global) -> anyhow::Result<()> {
    let started = Instant::now();
    let sources = load_sources(a.sources.as_deref())?;
    let format = a.format.as_deref().map(str::parse::<Format>).transpose().map_err(anyhow::Error::msg)?;
    let opts = Options { published: a.published, csv_map: a.csv_map.parse::<CsvMap>()?, sources, format };
    let mut summary = Summary::default();
    let files = collect(&a.paths, &mut summary.files_skipped)?;
    let mut store = Store::open(&g.db).with_context(|| format!("opening {}", g.db.display()))?;
    let extractor = Extractor::with_defaults().context("loading the extractor")?;
    let bar = if g.quiet { ProgressBar::hidden() } else { ProgressBar::new(0) };
    bar.set_style(
        ProgressStyle::with_template("{spinner} {pos}/{len} docs {per_sec} {elapsed} {msg}")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    let pipeline =
        Pipeline { extractor: &extractor, opts: &opts, batch: a.batch, keep_going: a.keep_going, bar: &bar };
    let inputs = files.iter().map(|file| {
        let name = file.to_string_lossy().to_string();
        let bytes = std::fs::read(file).with_context(|| format!("reading {name}"))?;
        Ok(Input { name, bytes, source: None })
    });
    let ingested = pipeline.ingest(&mut store, inputs, &mut summary);
    bar.finish_and_clear();
    ingested?;
    // The extractor's dictionaries and gazetteer are not needed to consolidate: their memory
    // goes back before the mentions are loaded.
    drop(extractor);
    let secs = started.elapsed().as_secs_f64();
    if !g.quiet {
        eprintln!(
            "ingest: {} file(s), {} document(s) read: {} new, {} duplicate, {} skipped; {} mention(s); {:.1}s ({:.0} docs/s)",
            summary.files,
            summary.read,
            summary.new,
            summary.duplicate,
            summary.malformed.len() + summary.files_skipped.len(),
            summary.mentions,
            secs,
            summary.read as f64 / secs.max(1e-9),
        );
        report_skipped(&summary);
    }
    if !a.no_consolidate {
        consolidate(&mut store, false, g)?;
    }
    Ok(())
}

pub fn report_skipped(s: &Summary) {
    let mut why: BTreeMap<String, Vec<&ReadError>> = BTreeMap::new();
    for e in &s.malformed {
        // Group by the kind of problem (the message up to its first detail).
        let head = e.message.split([':', '(']).next().unwrap_or(&e.message).trim().to_string();
        why.entry(head).or_default().push(e);
    }
    for (head, errs) in &why {
        eprintln!("  skipped {} record(s): {head}", errs.len());
        for e in errs.iter().take(5) {
            eprintln!("    {e}");
        }
        if errs.len() > 5 {
            eprintln!("    … and {} more", errs.len() - 5);
        }
    }
    if !s.files_skipped.is_empty() {
        eprintln!("  skipped {} file(s): not a format sitrep reads", s.files_skipped.len());
        for f in s.files_skipped.iter().take(5) {
            eprintln!("    {f}");
        }
    }
}

pub fn consolidate(store: &mut Store, rebuild: bool, g: &Global) -> anyhow::Result<()> {
    let rules = sitrep_consolidate::Rules::embedded()?;
    let s = store.consolidate(rules, rebuild).context("consolidating")?;
    if !g.quiet {
        eprintln!(
            "consolidate: {} new mention(s): {} new event(s), {} event(s) grown",
            s.mentions, s.new_events, s.grown_events
        );
    }
    Ok(())
}

pub fn run_consolidate(a: ConsolidateArgs, g: &Global) -> anyhow::Result<()> {
    let mut store = open(&g.db)?;
    consolidate(&mut store, a.rebuild, g)
}

/// Opens an existing store (a query on a missing file is a mistake, not an empty answer).
pub fn open(db: &Path) -> anyhow::Result<Store> {
    if !db.exists() {
        bail!("{}: no such database (run `sitrep ingest` first, or pass --db)", db.display());
    }
    Store::open(db).with_context(|| format!("opening {}", db.display()))
}
