//! `sitrep events`, `sitrep count`, `sitrep explain`: reading consolidated events back.

use crate::Global;
use crate::cmd::ingest::open;
use anyhow::Context;
use sitrep_store::{CountBy, EventFilter, EventRecord};
use std::io::{IsTerminal, Write};

#[derive(clap::Args, Clone, Default)]
pub struct Filter {
    /// Events on or after this day (YYYY-MM-DD).
    #[arg(long)]
    pub from: Option<chrono::NaiveDate>,
    /// Events on or before this day.
    #[arg(long)]
    pub to: Option<chrono::NaiveDate>,
    /// An actor: canonical name or any words a document used for it.
    #[arg(long)]
    pub actor: Option<String>,
    /// ACLED event type or sub-event type ("Battles", "Suicide bomb").
    #[arg(long = "type")]
    pub event_type: Option<String>,
    /// ISO 3166-1 alpha-2 country code.
    #[arg(long)]
    pub country: Option<String>,
    #[arg(long)]
    pub admin1: Option<String>,
    /// Affiliation of a reporting source (from sources.toml or the input).
    #[arg(long)]
    pub affiliation: Option<String>,
    /// Name or handle of a reporting source.
    #[arg(long)]
    pub source: Option<String>,
    /// Include events an analyst rejected.
    #[arg(long)]
    pub include_rejected: bool,
    /// At most this many events.
    #[arg(long)]
    pub limit: Option<usize>,
}

impl Filter {
    pub fn to_store(&self) -> EventFilter {
        EventFilter {
            from: self.from,
            to: self.to,
            actor: self.actor.clone(),
            event_type: self.event_type.clone(),
            country: self.country.clone(),
            admin1: self.admin1.clone(),
            affiliation: self.affiliation.clone(),
            source: self.source.clone(),
            include_rejected: self.include_rejected,
            limit: self.limit,
            ..EventFilter::default()
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum OutFormat {
    Table,
    Json,
    Jsonl,
    Csv,
}

/// The format asked for, else a table on a terminal and JSON lines when piped.
pub fn resolve(f: Option<OutFormat>) -> OutFormat {
    f.unwrap_or(if std::io::stdout().is_terminal() { OutFormat::Table } else { OutFormat::Jsonl })
}

#[derive(clap::Args)]
pub struct EventsArgs {
    #[command(flatten)]
    pub filter: Filter,
    #[arg(long, value_enum)]
    pub format: Option<OutFormat>,
}

#[derive(clap::Args)]
pub struct CountArgs {
    /// Group by day, week (ISO), month, admin1, actor (actor1), type (sub-event type) or source.
    #[arg(long, default_value = "month")]
    pub by: String,
    #[command(flatten)]
    pub filter: Filter,
    #[arg(long, value_enum)]
    pub format: Option<OutFormat>,
}

#[derive(clap::Args)]
pub struct ExplainArgs {
    /// The event id (as `sitrep events` prints it).
    pub id: i64,
    #[arg(long, value_enum)]
    pub format: Option<OutFormat>,
}

fn opt<T: ToString>(v: Option<T>) -> String {
    v.map(|x| x.to_string()).unwrap_or_default()
}

/// Flat columns of an event, shared by the table and CSV.
pub fn row(r: &EventRecord) -> Vec<String> {
    let s = &r.summary;
    let e = &s.event;
    let loc = e.location.as_ref();
    let ty = e
        .sub_event_type
        .map(|t| t.as_str())
        .or(e.event_type.map(|t| t.as_str()))
        .unwrap_or(e.plover.kind.as_str());
    vec![
        r.id.to_string(),
        opt(e.date),
        opt(e.date_end),
        ty.to_string(),
        opt(loc.map(|l| l.name.clone())),
        opt(loc.and_then(|l| l.admin1.clone())),
        opt(loc.and_then(|l| l.country.clone())),
        opt(e.actor1.as_ref().map(|a| a.name.clone())),
        opt(e.actor2.as_ref().map(|a| a.name.clone())),
        opt(s.estimate.low),
        opt(s.estimate.best),
        opt(s.estimate.high),
        s.documents.len().to_string(),
        s.sources.join("; "),
        format!("{:.2}", e.confidence),
        opt(r.status()),
    ]
}

pub const COLUMNS: &[&str] = &[
    "id",
    "date",
    "date_end",
    "type",
    "location",
    "admin1",
    "country",
    "actor1",
    "actor2",
    "fatalities_low",
    "fatalities_best",
    "fatalities_high",
    "documents",
    "sources",
    "confidence",
    "review",
];

/// Aligned columns; long cells are cut so a row fits a terminal line.
pub fn table(out: &mut impl Write, header: &[&str], rows: &[Vec<String>]) -> std::io::Result<()> {
    let cut = |s: &str| -> String {
        if s.chars().count() > 28 {
            format!("{}…", s.chars().take(27).collect::<String>())
        } else {
            s.to_string()
        }
    };
    let rows: Vec<Vec<String>> = rows.iter().map(|r| r.iter().map(|c| cut(c)).collect()).collect();
    let mut w: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for r in &rows {
        for (i, c) in r.iter().enumerate() {
            w[i] = w[i].max(c.chars().count());
        }
    }
    let line = |cells: Vec<&str>| {
        cells
            .iter()
            .enumerate()
            .map(|(i, c)| format!("{c:<width$}", width = w[i]))
            .collect::<Vec<_>>()
            .join("  ")
    };
    writeln!(out, "{}", line(header.to_vec()).trim_end())?;
    for r in &rows {
        writeln!(out, "{}", line(r.iter().map(String::as_str).collect()).trim_end())?;
    }
    Ok(())
}

pub fn run_events(a: EventsArgs, g: &Global) -> anyhow::Result<()> {
    let store = open(&g.db)?;
    let events = store.events(&a.filter.to_store())?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match resolve(a.format) {
        OutFormat::Table => {
            let rows: Vec<Vec<String>> = events.iter().map(row).collect();
            table(&mut out, COLUMNS, &rows)?;
        }
        OutFormat::Json => {
            let v: Vec<serde_json::Value> = events.iter().map(EventRecord::to_json).collect();
            serde_json::to_writer_pretty(&mut out, &v)?;
            writeln!(out)?;
        }
        OutFormat::Jsonl => {
            for e in &events {
                serde_json::to_writer(&mut out, &e.to_json())?;
                writeln!(out)?;
            }
        }
        OutFormat::Csv => {
            let mut w = csv::Writer::from_writer(out);
            w.write_record(COLUMNS)?;
            for e in &events {
                w.write_record(row(e))?;
            }
            w.flush()?;
            return Ok(());
        }
    }
    out.flush().context("writing")?;
    Ok(())
}

pub fn run_count(a: CountArgs, g: &Global) -> anyhow::Result<()> {
    let by: CountBy = a.by.parse()?;
    let store = open(&g.db)?;
    let rows = store.count(by, &a.filter.to_store())?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let header =
        [a.by.as_str(), "events", "with_figures", "fatalities_low", "fatalities_best", "fatalities_high"];
    // Where no event of the group gives a figure, the dead are unknown, not zero.
    let figure = |r: &sitrep_store::CountRow, n: u64| {
        if r.with_figures == 0 { "unknown".to_string() } else { n.to_string() }
    };
    let flat = |r: &sitrep_store::CountRow| {
        vec![
            r.key.clone(),
            r.events.to_string(),
            r.with_figures.to_string(),
            figure(r, r.fatalities_low),
            figure(r, r.fatalities_best),
            figure(r, r.fatalities_high),
        ]
    };
    match resolve(a.format) {
        OutFormat::Table => table(&mut out, &header, &rows.iter().map(flat).collect::<Vec<_>>())?,
        OutFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &rows)?;
            writeln!(out)?;
        }
        OutFormat::Jsonl => {
            for r in &rows {
                serde_json::to_writer(&mut out, r)?;
                writeln!(out)?;
            }
        }
        OutFormat::Csv => {
            let mut w = csv::Writer::from_writer(out);
            w.write_record(header)?;
            for r in &rows {
                w.write_record(flat(r))?;
            }
            w.flush()?;
            return Ok(());
        }
    }
    out.flush()?;
    Ok(())
}

pub fn run_explain(a: ExplainArgs, g: &Global) -> anyhow::Result<()> {
    let store = open(&g.db)?;
    let ex = store.explain(a.id)?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    if matches!(resolve(a.format), OutFormat::Json | OutFormat::Jsonl) {
        let v = serde_json::json!({"event": ex.event.to_json(), "mentions": ex.mentions});
        serde_json::to_writer_pretty(&mut out, &v)?;
        writeln!(out)?;
        return Ok(());
    }
    let r = row(&ex.event);
    writeln!(
        out,
        "event {} ({}): {} on {} at {} ({}, {})",
        r[0], ex.event.summary.key, r[3], r[1], r[4], r[5], r[6]
    )?;
    writeln!(out, "  actors: {} / {}", r[7], r[8])?;
    writeln!(
        out,
        "  fatalities low/best/high: {}/{}/{} (best = median of the sources' figures)",
        r[9], r[10], r[11]
    )?;
    for rv in &ex.event.reviews {
        writeln!(out, "  review: {} by {} at {}: {}", rv.action, rv.who, rv.at, rv.why)?;
    }
    writeln!(out, "  {} mention(s):", ex.mentions.len())?;
    for m in &ex.mentions {
        let f = &m.event["fatalities"];
        writeln!(
            out,
            "  - {} in {} ({}{}), published {}: fatalities {}..{}",
            m.key,
            m.doc_id,
            m.source.as_deref().unwrap_or("unknown source"),
            m.affiliation.as_deref().map(|a| format!(", {a}")).unwrap_or_default(),
            m.published.as_deref().unwrap_or("?"),
            f["min"],
            f["max"],
        )?;
        match &m.link.matched {
            None => writeln!(out, "      started the event")?,
            Some(k) => {
                writeln!(out, "      joined via {k} (score {}): {}", m.link.score, m.link.reasons.join("; "))?
            }
        }
        if let Some(t) = &m.evidence_text {
            writeln!(out, "      evidence: {t}")?;
        }
    }
    out.flush()?;
    Ok(())
}
