//! `sitrep review`: the queue of low-confidence events, and accept/reject/edit decisions.

use crate::Global;
use crate::cmd::ingest::open;
use crate::cmd::query::{COLUMNS, OutFormat, resolve, row, table};
use anyhow::{Context, bail};
use sitrep_store::EventFilter;
use std::io::Write;

#[derive(clap::Args)]
pub struct Args {
    #[command(subcommand)]
    pub action: Option<Action>,
    /// List unreviewed events whose confidence is below this.
    #[arg(long, default_value_t = 0.5)]
    pub below: f32,
    #[arg(long)]
    pub limit: Option<usize>,
    #[arg(long, value_enum)]
    pub format: Option<OutFormat>,
}

#[derive(clap::Args)]
pub struct Decision {
    /// Event id.
    pub id: i64,
    /// Why (required: a decision without a reason cannot be checked later).
    #[arg(long)]
    pub why: String,
    /// Who decides (default: $SITREP_USER, else $USER).
    #[arg(long)]
    pub by: Option<String>,
    /// For edit: FIELD=VALUE, FIELD a key of the event JSON (dotted for inner ones, e.g.
    /// `fatalities_estimate.best=6`); VALUE is read as JSON, else as a string.
    #[arg(long = "set")]
    pub set: Vec<String>,
}

#[derive(clap::Subcommand)]
pub enum Action {
    /// The event is right as it stands.
    Accept(Decision),
    /// The event is wrong (not an event, a duplicate): hidden from events and exports.
    Reject(Decision),
    /// Correct fields of the event.
    Edit(Decision),
}

fn who(d: &Decision) -> anyhow::Result<String> {
    if let Some(b) = &d.by {
        return Ok(b.clone());
    }
    for var in ["SITREP_USER", "USER"] {
        if let Ok(v) = std::env::var(var)
            && !v.is_empty()
        {
            return Ok(v);
        }
    }
    bail!("who is deciding? pass --by NAME")
}

fn patch(sets: &[String]) -> anyhow::Result<serde_json::Value> {
    let mut m = serde_json::Map::new();
    for s in sets {
        let (k, v) = s.split_once('=').with_context(|| format!("--set {s:?}: expected FIELD=VALUE"))?;
        let val = serde_json::from_str(v).unwrap_or_else(|_| serde_json::Value::String(v.to_string()));
        m.insert(k.trim().to_string(), val);
    }
    Ok(serde_json::Value::Object(m))
}

pub fn run(a: Args, g: &Global) -> anyhow::Result<()> {
    let mut store = open(&g.db)?;
    let Some(action) = a.action else {
        let f = EventFilter { max_confidence: Some(a.below), limit: a.limit, ..EventFilter::default() };
        let events = store.events(&f)?;
        let stdout = std::io::stdout();
        let mut out = std::io::BufWriter::new(stdout.lock());
        match resolve(a.format) {
            OutFormat::Table | OutFormat::Csv => {
                table(&mut out, COLUMNS, &events.iter().map(row).collect::<Vec<_>>())?
            }
            OutFormat::Json | OutFormat::Jsonl => {
                for e in &events {
                    serde_json::to_writer(&mut out, &e.to_json())?;
                    writeln!(out)?;
                }
            }
        }
        out.flush()?;
        return Ok(());
    };
    let (verb, d) = match &action {
        Action::Accept(d) => ("accept", d),
        Action::Reject(d) => ("reject", d),
        Action::Edit(d) => ("edit", d),
    };
    if verb == "edit" && d.set.is_empty() {
        bail!("edit needs at least one --set FIELD=VALUE");
    }
    if verb != "edit" && !d.set.is_empty() {
        bail!("--set goes with edit only");
    }
    let p = if verb == "edit" { Some(patch(&d.set)?) } else { None };
    store.review(d.id, verb, &d.why, &who(d)?, p.as_ref())?;
    if !g.quiet {
        eprintln!("review: event {} {verb}ed", d.id);
    }
    Ok(())
}
