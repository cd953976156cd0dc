//! `sitrep report`: a situation report for a period, written from the database.

use crate::Global;
use crate::cmd::ingest::open;
use anyhow::Context;
use chrono::NaiveDate;
use sitrep_report::{Input, Options, Scope};
use sitrep_store::EventFilter;
use sitrep_store::answers::{RecordFilter, StatementRow, TallyRow};
use std::collections::BTreeSet;
use std::io::Write;
use std::path::PathBuf;

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ReportFormat {
    Md,
    Html,
}

#[derive(clap::Args)]
pub struct Args {
    /// First day of the period (YYYY-MM-DD).
    #[arg(long)]
    pub from: NaiveDate,
    /// Last day of the period.
    #[arg(long)]
    pub to: NaiveDate,
    /// Only events in this country (ISO 3166-1 alpha-2).
    #[arg(long)]
    pub country: Option<String>,
    /// Only events with this actor (canonical name or any words a document used for it).
    #[arg(long)]
    pub actor: Option<String>,
    #[arg(long, value_enum, default_value = "md")]
    pub format: ReportFormat,
    /// Write here instead of stdout. Markdown also saves the timeline as FILE's stem + `.timeline.svg`.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// Leave out statement quotes and document titles (point at character offsets instead).
    #[arg(long)]
    pub no_quotes: bool,
    /// How many key events to list.
    #[arg(long, default_value_t = 10)]
    pub top: usize,
}

fn gather(a: &Args, g: &Global) -> anyhow::Result<Input> {
    let store = open(&g.db)?;
    let f = EventFilter {
        from: Some(a.from),
        to: Some(a.to),
        country: a.country.clone(),
        actor: a.actor.clone(),
        ..EventFilter::default()
    };
    let events = store.events(&f).context("reading events")?;
    let event_docs: BTreeSet<String> =
        events.iter().flat_map(|e| e.summary.documents.iter().cloned()).collect();
    let narrowed = a.country.is_some() || a.actor.is_some();
    let window = RecordFilter { from: Some(a.from), to: Some(a.to), ..RecordFilter::default() };
    let of_events =
        RecordFilter { doc_ids: Some(event_docs.iter().cloned().collect()), ..RecordFilter::default() };

    // Statements: those of the documents behind the events, and (without a country or actor
    // filter) those of every document published in the period.
    let mut statements: Vec<StatementRow> = store.statements(&of_events)?;
    if !narrowed {
        statements.extend(store.statements(&window)?);
    }
    statements.sort_by_key(|s| s.id);
    statements.dedup_by_key(|s| s.id);
    // Row ids follow the order of ingest, which may vary: order by content instead.
    let first = |e: &[sitrep_model::Span]| e.first().map(|x| x.start);
    statements.sort_by(|x, y| {
        (x.doc.published_date, &x.doc.doc_id, first(&x.statement.evidence)).cmp(&(
            y.doc.published_date,
            &y.doc.doc_id,
            first(&y.statement.evidence),
        ))
    });

    let eq = |x: &str, y: &str| x.eq_ignore_ascii_case(y);
    let mut tallies: Vec<TallyRow> = store.tallies(&window)?;
    tallies.retain(|t| {
        let ty = &t.tally;
        event_docs.contains(&t.doc.doc_id)
            || (a.country.as_deref().is_none_or(|c| {
                ty.locations.iter().any(|l| l.country.as_deref().is_some_and(|lc| eq(lc, c)))
            }) && a
                .actor
                .as_deref()
                .is_none_or(|x| [&ty.actor1, &ty.actor2].into_iter().flatten().any(|r| eq(&r.name, x))))
    });
    tallies.sort_by(|x, y| {
        (x.tally.date, &x.doc.doc_id, first(&x.tally.evidence)).cmp(&(
            y.tally.date,
            &y.doc.doc_id,
            first(&y.tally.evidence),
        ))
    });
    let lo = tallies.iter().filter_map(|t| t.tally.date).min();
    let hi = tallies.iter().filter_map(|t| t.tally.date_end.or(t.tally.date)).max();
    let tally_events = match (lo, hi) {
        (Some(lo), Some(hi)) => {
            store.events(&EventFilter { from: Some(lo), to: Some(hi), ..EventFilter::default() })?
        }
        _ => Vec::new(),
    };
    let mut doc_ids: BTreeSet<String> = event_docs;
    doc_ids.extend(statements.iter().map(|s| s.doc.doc_id.clone()));
    doc_ids.extend(tallies.iter().map(|t| t.doc.doc_id.clone()));
    let docs = store.doc_infos(&doc_ids.into_iter().collect::<Vec<_>>())?;
    Ok(Input {
        scope: Scope { from: a.from, to: a.to, country: a.country.clone(), actor: a.actor.clone() },
        events,
        docs,
        statements,
        tallies,
        tally_events,
    })
}

pub fn run(a: Args, g: &Global) -> anyhow::Result<()> {
    let input = gather(&a, g)?;
    let svg_path = match (&a.output, a.format) {
        (Some(p), ReportFormat::Md) => {
            let stem = p.file_stem().and_then(|s| s.to_str()).unwrap_or("report");
            Some(p.with_file_name(format!("{stem}.timeline.svg")))
        }
        _ => None,
    };
    let opt = Options {
        quotes: !a.no_quotes,
        top: a.top,
        timeline_href: svg_path
            .as_ref()
            .and_then(|p| p.file_name())
            .map(|n| n.to_string_lossy().into_owned()),
    };
    let report = sitrep_report::write(&input, &opt)?;
    let text = match a.format {
        ReportFormat::Md => report.markdown(),
        ReportFormat::Html => report.html(&format!("sitrep report {} to {}", a.from, a.to)),
    };
    match &a.output {
        Some(p) => {
            std::fs::write(p, &text).with_context(|| format!("writing {}", p.display()))?;
            if let Some(s) = &svg_path {
                std::fs::write(s, &report.timeline_svg)
                    .with_context(|| format!("writing {}", s.display()))?;
            }
            if !g.quiet {
                eprintln!("report: {} events, written to {}", input.events.len(), p.display());
            }
        }
        None => {
            let mut out = std::io::stdout().lock();
            out.write_all(text.as_bytes())?;
            out.flush()?;
        }
    }
    Ok(())
}
