//! `sitrep watch`: polls the feeds and directories of `sources.toml` and ingests what is new,
//! through the same pipeline as `sitrep ingest` (so the content hash keeps it idempotent).
//!
//! A feed's validators are saved only after its documents are written; a stop signal is
//! honoured between inputs, after the batch in flight is written (a second signal exits at once:
//! the store is transactional, so that loses at most the batch in flight, which the next run
//! writes again).

use crate::Global;
use crate::cmd::ingest::{Input, Pipeline, Summary, collect, consolidate, load_sources, report_skipped};
use anyhow::{Context, bail};
use indicatif::ProgressBar;
use sitrep_extract::Extractor;
use sitrep_ingest::{Format, Options};
use sitrep_store::Store;
use sitrep_watch::{DirState, Fetched, Fetcher, Schedule, Target, Validators, parse_interval};
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

#[derive(clap::Args)]
pub struct Args {
    /// Source list whose `feeds` and `dirs` are watched (default: ./sources.toml).
    #[arg(long)]
    pub sources: Option<PathBuf>,
    /// Time between two polls of one feed or directory (s, m or h).
    #[arg(long, default_value = "300s", value_parser = interval)]
    pub interval: Duration,
    /// Longest wait after repeated errors (the wait doubles with each error up to this).
    #[arg(long, default_value = "1h", value_parser = interval)]
    pub max_backoff: Duration,
    /// Poll everything once, then stop.
    #[arg(long, conflicts_with = "max_polls")]
    pub once: bool,
    /// Stop after N rounds (a round polls every feed and directory that is due).
    #[arg(long)]
    pub max_polls: Option<u64>,
    /// Skip malformed records (reported with their feed or file and record number) instead of
    /// failing the whole feed or directory until it is fixed.
    #[arg(long)]
    pub keep_going: bool,
    /// Give up on a feed request after this long (s, m or h).
    #[arg(long, default_value = "60s", value_parser = interval)]
    pub timeout: Duration,
    /// Documents per transaction.
    #[arg(long, default_value_t = 2000)]
    pub batch: usize,
}

fn interval(s: &str) -> Result<Duration, String> {
    parse_interval(s).map_err(|e| e.to_string())
}

/// A feed larger than this is refused rather than read into memory.
const MAX_FEED_BYTES: u64 = 64 << 20;

/// What one poll of one target did.
enum Polled {
    NotModified,
    Read(Summary),
}

/// Totals over the whole run, for the closing summary.
#[derive(Default)]
struct Totals {
    polls: u64,
    not_modified: u64,
    errors: u64,
    read: usize,
    new: usize,
    duplicate: usize,
    skipped: usize,
    mentions: usize,
}

/// Sets `stop` on SIGINT or SIGTERM; a second signal exits at once with 130.
fn on_signals(stop: Arc<AtomicBool>) -> anyhow::Result<()> {
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
    // Handlers are registered before this returns, so a signal right after start is not lost.
    #[cfg(unix)]
    let (mut int, mut term) = {
        use tokio::signal::unix::{SignalKind, signal};
        let _guard = rt.enter();
        (signal(SignalKind::interrupt())?, signal(SignalKind::terminate())?)
    };
    std::thread::Builder::new().name("signals".into()).spawn(move || {
        rt.block_on(async move {
            loop {
                #[cfg(unix)]
                tokio::select! {
                    _ = int.recv() => {}
                    _ = term.recv() => {}
                }
                #[cfg(not(unix))]
                if tokio::signal::ctrl_c().await.is_err() {
                    return;
                }
                if stop.swap(true, Ordering::SeqCst) {
                    std::process::exit(130);
                }
            }
        })
    })?;
    Ok(())
}

/// A watched directory: the files read so far, and the unreadable ones already reported.
#[derive(Default, Clone)]
struct DirWatch {
    state: DirState,
    told: HashSet<String>,
}

struct Watcher<'a> {
    store: Store,
    extractor: Extractor,
    feed_opts: Options,
    dir_opts: Options,
    fetcher: Fetcher,
    args: &'a Args,
    stop: Arc<AtomicBool>,
}

fn pipeline<'p>(extractor: &'p Extractor, opts: &'p Options, a: &Args, bar: &'p ProgressBar) -> Pipeline<'p> {
    Pipeline { extractor, opts, batch: a.batch, keep_going: a.keep_going, bar }
}

impl Watcher<'_> {
    fn poll_feed(&mut self, url: &str, source: &str) -> anyhow::Result<Polled> {
        let (etag, last_modified) = self.store.feed_validators(url)?;
        let sent = Validators { etag, last_modified };
        let (bytes, got) = match self.fetcher.fetch(url, &sent)? {
            Fetched::NotModified => return Ok(Polled::NotModified),
            Fetched::Body { bytes, validators } => (bytes, validators),
        };
        let bar = ProgressBar::hidden();
        let mut summary = Summary::default();
        let input = Input { name: url.to_string(), bytes, source: Some(source.to_string()) };
        pipeline(&self.extractor, &self.feed_opts, self.args, &bar).ingest(
            &mut self.store,
            [Ok(input)],
            &mut summary,
        )?;
        self.store.set_feed_validators(url, got.etag.as_deref(), got.last_modified.as_deref())?;
        Ok(Polled::Read(summary))
    }

    fn poll_dir(&mut self, path: &Path, source: &str, dir: &mut DirWatch) -> anyhow::Result<Polled> {
        let mut skipped = Vec::new();
        let files = collect(&[path.to_path_buf()], &mut skipped)?;
        let changed = dir.state.changed(files)?;
        // A file of no known format is reported once, when it first shows up.
        let skipped = skipped.into_iter().filter(|f| dir.told.insert(f.clone())).collect();
        let mut summary = Summary { files_skipped: skipped, ..Summary::default() };
        if changed.is_empty() {
            return Ok(Polled::Read(summary));
        }
        let stop = self.stop.clone();
        let inputs = changed.iter().take_while(|_| !stop.load(Ordering::SeqCst)).map(|(file, _)| {
            let name = file.to_string_lossy().to_string();
            let bytes = std::fs::read(file).with_context(|| format!("reading {name}"))?;
            Ok(Input { name, bytes, source: Some(source.to_string()) })
        });
        let bar = ProgressBar::hidden();
        pipeline(&self.extractor, &self.dir_opts, self.args, &bar).ingest(
            &mut self.store,
            inputs,
            &mut summary,
        )?;
        // Interrupted: files not yet read stay unmarked (a next run reads them anyway).
        let read = summary.files;
        dir.state.mark(changed.into_iter().take(read));
        Ok(Polled::Read(summary))
    }
}

pub fn run(a: Args, g: &Global) -> anyhow::Result<()> {
    let sources_path = match &a.sources {
        Some(p) => p.clone(),
        None => {
            let p = PathBuf::from("sources.toml");
            if !p.exists() {
                bail!("no sources.toml here: pass --sources FILE (see sources.example.toml)");
            }
            p
        }
    };
    let sources = load_sources(Some(&sources_path))?;
    let base = sources_path.parent().map(Path::to_path_buf).unwrap_or_default();
    let targets = sitrep_watch::targets(sources.entries(), &base)?;
    if targets.is_empty() {
        bail!("{}: no source lists feeds or dirs to watch", sources_path.display());
    }
    let stop = Arc::new(AtomicBool::new(false));
    on_signals(stop.clone()).context("installing the signal handlers")?;
    let store = Store::open(&g.db).with_context(|| format!("opening {}", g.db.display()))?;
    let extractor = Extractor::with_defaults().context("loading the extractor")?;
    let feed_opts = Options { sources: sources.clone(), format: Some(Format::Feed), ..Options::default() };
    let dir_opts = Options { sources, ..Options::default() };
    let fetcher = Fetcher::new(a.timeout, MAX_FEED_BYTES);
    let mut w = Watcher { store, extractor, feed_opts, dir_opts, fetcher, args: &a, stop: stop.clone() };
    let max_rounds = if a.once { Some(1) } else { a.max_polls };
    let mut schedule = Schedule::new(targets.len(), a.interval, a.max_backoff, Instant::now());
    let mut dirs: Vec<DirWatch> = vec![DirWatch::default(); targets.len()];
    let mut failing: Vec<bool> = vec![false; targets.len()];
    let mut totals = Totals::default();
    let mut rounds = 0u64;
    let started = Instant::now();
    if !g.quiet {
        let feeds = targets.iter().filter(|t| matches!(t, Target::Feed { .. })).count();
        eprintln!(
            "watch: {feeds} feed(s) and {} directory(ies) every {}s; Ctrl-C stops",
            targets.len() - feeds,
            a.interval.as_secs()
        );
    }
    while !stop.load(Ordering::SeqCst) && max_rounds.is_none_or(|m| rounds < m) {
        let due = schedule.due(Instant::now());
        if due.is_empty() {
            // Sleep in short steps so a signal is seen within a fraction of a second.
            let wake = schedule.next_due().unwrap_or_else(|| Instant::now() + a.interval);
            let left = wake.saturating_duration_since(Instant::now());
            std::thread::sleep(left.min(Duration::from_millis(200)));
            continue;
        }
        rounds += 1;
        let last_round = max_rounds.is_some_and(|m| rounds >= m);
        let mut new_docs = 0;
        for i in due {
            if stop.load(Ordering::SeqCst) {
                break;
            }
            let target = &targets[i];
            totals.polls += 1;
            let polled = match target {
                Target::Feed { url, source } => w.poll_feed(url, source),
                Target::Dir { path, source } => w.poll_dir(path, source, &mut dirs[i]),
            };
            match polled {
                Ok(p) => {
                    schedule.succeeded(i, Instant::now());
                    failing[i] = false;
                    match p {
                        Polled::NotModified => {
                            totals.not_modified += 1;
                            if g.verbose > 0 && !g.quiet {
                                eprintln!("watch: {target}: not modified");
                            }
                        }
                        Polled::Read(s) => {
                            new_docs += s.new;
                            totals.read += s.read;
                            totals.new += s.new;
                            totals.duplicate += s.duplicate;
                            totals.skipped += s.malformed.len();
                            totals.mentions += s.mentions;
                            if !g.quiet && (s.read > 0 || g.verbose > 0) {
                                eprintln!(
                                    "watch: {target}: {} document(s) read: {} new, {} duplicate, {} skipped; {} mention(s)",
                                    s.read,
                                    s.new,
                                    s.duplicate,
                                    s.malformed.len(),
                                    s.mentions
                                );
                            }
                            if !g.quiet {
                                report_skipped(&s);
                            }
                        }
                    }
                }
                Err(e) => {
                    totals.errors += 1;
                    failing[i] = true;
                    let asked = match e.downcast_ref::<sitrep_watch::Error>() {
                        Some(sitrep_watch::Error::Status { retry_after, .. }) => *retry_after,
                        _ => None,
                    };
                    let wait = schedule.failed_asked(i, Instant::now(), asked).unwrap_or(a.interval);
                    // Fetch and read errors name their URL or file already.
                    let msg = format!("{e:#}");
                    let name = target.to_string();
                    let head = if msg.starts_with(&name) { String::new() } else { format!("{name}: ") };
                    let next =
                        if last_round { String::new() } else { format!("; next try in {}s", wait.as_secs()) };
                    eprintln!("watch: {head}{msg} (error {} in a row{next})", schedule.failures(i));
                }
            }
        }
        if new_docs > 0 {
            // A failed pass leaves its mentions unclustered; the next one takes them up.
            if let Err(e) = consolidate(&mut w.store, false, g) {
                totals.errors += 1;
                eprintln!("watch: {e:#}");
            }
        }
    }
    let interrupted = stop.load(Ordering::SeqCst);
    if !g.quiet {
        eprintln!(
            "watch: {}{} round(s), {} poll(s) in {:.0}s: {} not modified, {} error(s); {} document(s) read: {} new, {} duplicate, {} skipped; {} mention(s)",
            if interrupted { "stopped; " } else { "" },
            rounds,
            totals.polls,
            started.elapsed().as_secs_f64(),
            totals.not_modified,
            totals.errors,
            totals.read,
            totals.new,
            totals.duplicate,
            totals.skipped,
            totals.mentions,
        );
    }
    // A bounded run (--once, --max-polls) reports a target still failing at its end, so a cron
    // job notices; a run stopped by a signal was asked to stop, which is success.
    let still_failing = failing.iter().filter(|f| **f).count();
    if !interrupted && still_failing > 0 {
        bail!(
            "{still_failing} of {} watched feed(s) and directory(ies) failed at their last poll",
            targets.len()
        );
    }
    Ok(())
}
