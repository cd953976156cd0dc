//! The `sitrep` binary: a thin shell that owns the command line and wires the library crates
//! together. Each subcommand lives in its own module under `cmd/`.

mod cmd;

/// Extraction makes many small, short-lived allocations (tokens, spans, candidate lists);
/// mimalloc serves them with fewer instructions than the system allocator. The `mimalloc`
/// crate's `MiMalloc` sends every allocation through mimalloc's aligned entry points, which
/// cost ~50 instructions more per call than `mi_malloc`; this one asks for alignment only when
/// a type needs more than a machine word (mimalloc's blocks are always word-aligned).
struct Mimalloc;

/// Alignment every mimalloc block has: block sizes are multiples of the word size.
const WORD: usize = std::mem::size_of::<usize>();

// SAFETY: each method forwards to the mimalloc call for the same request; the word-aligned
// entry points are used only when `layout.align()` is at most a word, which every mimalloc
// block satisfies, and `mi_free` frees blocks from either family.
unsafe impl std::alloc::GlobalAlloc for Mimalloc {
    #[inline]
    unsafe fn alloc(&self, layout: std::alloc::Layout) -> *mut u8 {
        // SAFETY: see the impl.
        unsafe {
            if layout.align() <= WORD {
                libmimalloc_sys::mi_malloc(layout.size()).cast()
            } else {
                libmimalloc_sys::mi_malloc_aligned(layout.size(), layout.align()).cast()
            }
        }
    }

    #[inline]
    unsafe fn alloc_zeroed(&self, layout: std::alloc::Layout) -> *mut u8 {
        // SAFETY: see the impl.
        unsafe {
            if layout.align() <= WORD {
                libmimalloc_sys::mi_zalloc(layout.size()).cast()
            } else {
                libmimalloc_sys::mi_zalloc_aligned(layout.size(), layout.align()).cast()
            }
        }
    }

    #[inline]
    unsafe fn dealloc(&self, ptr: *mut u8, _layout: std::alloc::Layout) {
        // SAFETY: `ptr` came from this allocator (the `GlobalAlloc` contract).
        unsafe { libmimalloc_sys::mi_free(ptr.cast()) }
    }

    #[inline]
    unsafe fn realloc(&self, ptr: *mut u8, layout: std::alloc::Layout, new_size: usize) -> *mut u8 {
        // SAFETY: see the impl; `ptr` came from this allocator.
        unsafe {
            if layout.align() <= WORD {
                libmimalloc_sys::mi_realloc(ptr.cast(), new_size).cast()
            } else {
                libmimalloc_sys::mi_realloc_aligned(ptr.cast(), new_size, layout.align()).cast()
            }
        }
    }
}

#[global_allocator]
static ALLOC: Mimalloc = Mimalloc;

use clap::{Parser, Subcommand};
use std::path::PathBuf;

#[derive(Parser)]
#[command(
    name = "sitrep",
    version,
    about = "Political-violence events and statements, traced to their sentences."
)]
struct Cli {
    #[command(flatten)]
    global: Global,
    #[command(subcommand)]
    command: Command,
}

/// Options every command takes.
#[derive(clap::Args, Clone, Debug)]
pub struct Global {
    /// The database (SQLite file).
    #[arg(long, global = true, env = "SITREP_DB", default_value = "sitrep.db")]
    pub db: PathBuf,
    /// More diagnostics on stderr (-v, -vv).
    #[arg(short, long, global = true, action = clap::ArgAction::Count)]
    pub verbose: u8,
    /// Only errors on stderr.
    #[arg(short, long, global = true)]
    pub quiet: bool,
}

#[derive(Subcommand)]
enum Command {
    /// Extract events, statements and tallies from documents JSONL (the CONTRACT format).
    Extract(cmd::extract::Args),
    /// Build or inspect a gazetteer index.
    #[command(subcommand)]
    Gazetteer(cmd::gazetteer::Command),
    /// Write a synthetic corpus (CONTRACT documents JSONL) with its ground truth, for scale runs.
    Gen(cmd::r#gen::Args),
    /// Print the places found in a text, with spans and the reason for each choice.
    Geocode(cmd::geocode::Args),
    /// Read files or directories of documents, extract, store and consolidate them.
    Ingest(cmd::ingest::Args),
    /// Cluster stored mentions into events (ingest does this unless --no-consolidate).
    Consolidate(cmd::ingest::ConsolidateArgs),
    /// List consolidated events, filtered.
    Events(cmd::query::EventsArgs),
    /// Count events and fatalities by day, week, month, admin1, actor, type or source.
    Count(cmd::query::CountArgs),
    /// Show an event's mentions and why they were merged.
    Explain(cmd::query::ExplainArgs),
    /// Export events as ACLED CSV, JSON or GeoJSON.
    Export(cmd::export::Args),
    /// List low-confidence events, or accept, reject or edit one.
    Review(cmd::review::Args),
    /// Write a situation report for a period (Markdown or HTML, with a timeline SVG).
    Report(cmd::report::Args),
    /// Serve the JSON API and the dashboard.
    Serve(cmd::serve::Args),
    /// Poll the feeds and directories of sources.toml and ingest what is new, until Ctrl-C.
    Watch(cmd::watch::Args),
}

fn main() -> std::process::ExitCode {
    let cli = Cli::parse();
    let level = if cli.global.quiet {
        "error"
    } else {
        match cli.global.verbose {
            0 => "warn",
            1 => "info",
            _ => "debug",
        }
    };
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("SITREP_LOG").unwrap_or_else(|_| level.into()),
        )
        .with_writer(std::io::stderr)
        .init();
    let result = match cli.command {
        Command::Extract(a) => cmd::extract::run(a, &cli.global),
        Command::Gazetteer(c) => cmd::gazetteer::run(c, &cli.global),
        Command::Gen(a) => cmd::r#gen::run(a, &cli.global),
        Command::Geocode(a) => cmd::geocode::run(a, &cli.global),
        Command::Ingest(a) => cmd::ingest::run(a, &cli.global),
        Command::Consolidate(a) => cmd::ingest::run_consolidate(a, &cli.global),
        Command::Events(a) => cmd::query::run_events(a, &cli.global),
        Command::Count(a) => cmd::query::run_count(a, &cli.global),
        Command::Explain(a) => cmd::query::run_explain(a, &cli.global),
        Command::Export(a) => cmd::export::run(a, &cli.global),
        Command::Review(a) => cmd::review::run(a, &cli.global),
        Command::Report(a) => cmd::report::run(a, &cli.global),
        Command::Serve(a) => cmd::serve::run(a, &cli.global),
        Command::Watch(a) => cmd::watch::run(a, &cli.global),
    };
    match result {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("sitrep: error: {e:#}");
            std::process::ExitCode::FAILURE
        }
    }
}

#[cfg(test)]
mod tests {
    use std::alloc::{GlobalAlloc, Layout};

    /// Every alignment, on either side of a word, gets a block aligned to it that keeps its
    /// bytes through a `realloc`, and `alloc_zeroed` gives zeros.
    #[test]
    fn alignment_zeroing_and_realloc() {
        let a = super::Mimalloc;
        for align in [1usize, 2, 4, 8, 16, 32, 64, 4096] {
            for size in [1usize, 3, 8, 17, 24, 100, 5000] {
                let Ok(layout) = Layout::from_size_align(size, align) else { continue };
                // SAFETY: a non-zero size; every pointer is freed with the layout it was made with.
                unsafe {
                    let p = a.alloc(layout);
                    assert!(!p.is_null() && (p as usize).is_multiple_of(align), "alloc {size} {align}");
                    for k in 0..size {
                        p.add(k).write(k as u8);
                    }
                    let q = a.realloc(p, layout, size * 3);
                    assert!(!q.is_null() && (q as usize).is_multiple_of(align), "realloc {size} {align}");
                    assert!((0..size).all(|k| q.add(k).read() == k as u8), "kept {size} {align}");
                    a.dealloc(q, Layout::from_size_align_unchecked(size * 3, align));
                    let z = a.alloc_zeroed(layout);
                    assert!(!z.is_null() && (z as usize).is_multiple_of(align), "zeroed {size} {align}");
                    assert!((0..size).all(|k| z.add(k).read() == 0), "zeros {size} {align}");
                    a.dealloc(z, layout);
                }
            }
        }
    }
}
