//! `sitrep geocode TEXT | --jsonl FILE`: the places in a text, with spans and reasons.

use crate::Global;
use anyhow::Context as _;
use sitrep_geo::{Context, Gazetteer, PlaceMatch};
use sitrep_model::Document;
use std::io::{BufRead, Write};
use std::path::PathBuf;

#[derive(clap::Args)]
pub struct Args {
    /// The text to geocode.
    pub text: Option<String>,
    /// Documents JSONL (the CONTRACT input); `-` reads stdin. One JSON line out per document.
    #[arg(long, conflicts_with = "text")]
    pub jsonl: Option<PathBuf>,
    /// A gazetteer index built by `sitrep gazetteer build` instead of the embedded one.
    #[arg(long, env = "SITREP_GAZETTEER")]
    pub gazetteer: Option<PathBuf>,
    /// Country (alpha-2) of the source, a hint for ambiguous names.
    #[arg(long)]
    pub source_country: Option<String>,
}

fn to_json(m: &PlaceMatch, text: &str) -> serde_json::Value {
    // Spans in the output are character offsets, as everywhere in the contract.
    let start = text[..m.start].chars().count();
    let end = start + text[m.start..m.end].chars().count();
    serde_json::json!({
        "start": start,
        "end": end,
        "text": m.text,
        "location": m.place.to_location(&m.text),
        "population": m.place.population,
        "admin1_code": m.place.admin1_code,
        "reason": m.reason,
        "confidence": m.confidence,
    })
}

pub fn run(a: Args, _g: &Global) -> anyhow::Result<()> {
    let owned;
    let gz: &Gazetteer = match &a.gazetteer {
        Some(p) => {
            owned = Gazetteer::open(p)?;
            &owned
        }
        None => Gazetteer::embedded(),
    };
    let ctx = Context { source_country: a.source_country.clone(), ..Context::default() };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    if let Some(path) = &a.jsonl {
        let reader: Box<dyn BufRead> = if path.as_os_str() == "-" {
            Box::new(std::io::stdin().lock())
        } else {
            Box::new(std::io::BufReader::new(
                std::fs::File::open(path).with_context(|| format!("reading {}", path.display()))?,
            ))
        };
        // The source's country as `sitrep extract` reads it: given, else known to the actor
        // dictionary ("SOHR" is Syrian), so both commands see the same places.
        let ex = sitrep_extract::Extractor::with_defaults().context("loading the dictionaries")?;
        for (i, line) in reader.lines().enumerate() {
            let line = line.with_context(|| format!("reading {}", path.display()))?;
            if line.trim().is_empty() {
                continue;
            }
            let doc: Document = serde_json::from_str(&line)
                .with_context(|| format!("{} line {}: not a document", path.display(), i + 1))?;
            let mut c = ctx.clone();
            if c.source_country.is_none() {
                c.source_country =
                    doc.source.as_ref().and_then(|s| s.country.clone().or_else(|| ex.country_of_source(s)));
            }
            let places: Vec<_> = gz.find(&doc.text, &c).iter().map(|m| to_json(m, &doc.text)).collect();
            serde_json::to_writer(&mut out, &serde_json::json!({"id": doc.id, "places": places}))?;
            writeln!(out)?;
        }
    } else {
        let text = match a.text {
            Some(t) => t,
            None => anyhow::bail!("give a TEXT or --jsonl FILE"),
        };
        for m in gz.find(&text, &ctx) {
            serde_json::to_writer(&mut out, &to_json(&m, &text))?;
            writeln!(out)?;
        }
    }
    out.flush()?;
    Ok(())
}
