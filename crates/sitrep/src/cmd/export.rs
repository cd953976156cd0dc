//! `sitrep export --format acled-csv|json|geojson`: the filtered events for other tools.

use crate::Global;
use crate::cmd::ingest::open;
use crate::cmd::query::Filter;
use anyhow::Context;
use chrono::Datelike;
use sitrep_model::{AcledEventType, DatePrecision};
use sitrep_store::{EventRecord, Store};
use std::collections::HashMap;
use std::io::Write;
use std::path::PathBuf;

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    /// ACLED's column names and precision codes.
    AcledCsv,
    /// A JSON array of events (the `sitrep events --format json` shape).
    Json,
    /// A GeoJSON FeatureCollection of Points (events without coordinates are left out and counted).
    Geojson,
    /// Parquet files under OUTPUT/year=YYYY/month=M/ (Hive layout; needs the `parquet` feature).
    Parquet,
}

#[derive(clap::Args)]
pub struct Args {
    #[arg(long, value_enum)]
    pub format: ExportFormat,
    /// Output file (default: stdout); for parquet, the output directory (required).
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    #[command(flatten)]
    pub filter: Filter,
}

/// ACLED's column order.
const ACLED_COLUMNS: &[&str] = &[
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
];

/// kind -> ACLED inter code, from `data/export/acled_inter.tsv`.
fn inter_codes() -> anyhow::Result<HashMap<String, u8>> {
    let mut m = HashMap::new();
    for (i, line) in include_str!("../../../../data/export/acled_inter.tsv").lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() || line.starts_with("kind\t") {
            continue;
        }
        let (k, v) = line
            .split_once('\t')
            .with_context(|| format!("acled_inter.tsv:{}: expected kind<TAB>inter", i + 1))?;
        let code: u8 = v.trim().parse().with_context(|| format!("acled_inter.tsv:{}: bad code", i + 1))?;
        anyhow::ensure!(
            m.insert(k.trim().to_string(), code).is_none(),
            "acled_inter.tsv:{}: duplicate {k}",
            i + 1
        );
    }
    Ok(m)
}

/// ACLED's time_precision: 1 the day is known, 2 the week, 3 the month (or coarser).
fn time_precision(p: Option<DatePrecision>, span_days: i64) -> Option<u8> {
    Some(match p? {
        DatePrecision::Day => 1,
        DatePrecision::Range if span_days <= 7 => 2,
        DatePrecision::Week => 2,
        DatePrecision::Range | DatePrecision::Month | DatePrecision::Year => 3,
    })
}

/// ACLED's disorder_type, fixed by the codebook for every type but riots (which ACLED files under
/// either heading case by case: left empty rather than guessed).
fn disorder_type(t: Option<AcledEventType>) -> &'static str {
    match t {
        Some(
            AcledEventType::Battles
            | AcledEventType::ExplosionsRemoteViolence
            | AcledEventType::ViolenceAgainstCivilians,
        ) => "Political violence",
        Some(AcledEventType::Protests) => "Demonstrations",
        Some(AcledEventType::StrategicDevelopments) => "Strategic developments",
        Some(AcledEventType::Riots) | None => "",
    }
}

fn acled_row(r: &EventRecord, notes: Option<String>, inter: &HashMap<String, u8>) -> Vec<String> {
    let s = &r.summary;
    let e = &s.event;
    let loc = e.location.as_ref();
    let code = |a: &Option<sitrep_model::ActorRef>| {
        a.as_ref().and_then(|a| a.kind.as_ref()).and_then(|k| inter.get(k)).copied()
    };
    let (i1, i2) = (code(&e.actor1), code(&e.actor2));
    let interaction = match (i1, i2) {
        (Some(a), Some(b)) => (a.min(b) * 10 + a.max(b)).to_string(),
        (Some(a), None) => (a * 10).to_string(),
        _ => String::new(),
    };
    let span = match (e.date, e.date_end) {
        (Some(a), Some(b)) => (b - a).num_days(),
        _ => 0,
    };
    let civ = e.actor2.as_ref().and_then(|a| a.kind.as_deref()) == Some("civilians");
    let country = loc.and_then(|l| l.country.clone()).unwrap_or_default();
    let o = |v: Option<String>| v.unwrap_or_default();
    vec![
        format!("{country}{}", r.id),
        o(e.date.map(|d| d.to_string())),
        o(e.date.map(|d| d.year().to_string())),
        o(time_precision(e.date_precision, span).map(|p| p.to_string())),
        disorder_type(e.event_type).to_string(),
        o(e.event_type.map(|t| t.to_string())),
        o(e.sub_event_type.map(|t| t.to_string())),
        o(e.actor1.as_ref().map(|a| a.name.clone())),
        o(e.claimed_by
            .as_ref()
            .filter(|c| Some(&c.name) != e.actor1.as_ref().map(|a| &a.name))
            .map(|a| a.name.clone())),
        o(i1.map(|c| c.to_string())),
        o(e.actor2.as_ref().map(|a| a.name.clone())),
        String::new(),
        o(i2.map(|c| c.to_string())),
        interaction,
        if civ { "Civilian targeting".into() } else { String::new() },
        String::new(),
        String::new(),
        country,
        o(loc.and_then(|l| l.admin1.clone())),
        o(loc.and_then(|l| l.admin2.clone())),
        String::new(),
        o(loc.map(|l| l.name.clone())),
        o(loc.and_then(|l| l.lat).map(|x| format!("{x:.4}"))),
        o(loc.and_then(|l| l.lon).map(|x| format!("{x:.4}"))),
        o(loc.map(|l| l.precision.acled_code().to_string())),
        s.sources.join("; "),
        String::new(),
        o(notes),
        o(s.estimate.best.map(|b| b.to_string())),
        String::new(),
        String::new(),
    ]
}

fn geojson(records: &[EventRecord]) -> (serde_json::Value, usize) {
    let mut features = Vec::new();
    let mut skipped = 0;
    for r in records {
        let e = &r.summary.event;
        let Some((lat, lon)) = e.location.as_ref().and_then(|l| Some((l.lat?, l.lon?))) else {
            skipped += 1;
            continue;
        };
        let loc = e.location.as_ref();
        features.push(serde_json::json!({
            "type": "Feature",
            "id": r.id,
            "geometry": {"type": "Point", "coordinates": [lon, lat]},
            "properties": {
                "id": r.id,
                "event_date": e.date.map(|d| d.to_string()),
                "date_end": e.date_end.map(|d| d.to_string()),
                "event_type": e.event_type.map(|t| t.as_str()),
                "sub_event_type": e.sub_event_type.map(|t| t.as_str()),
                "actor1": e.actor1.as_ref().map(|a| a.name.as_str()),
                "actor2": e.actor2.as_ref().map(|a| a.name.as_str()),
                "location": loc.map(|l| l.name.as_str()),
                "admin1": loc.and_then(|l| l.admin1.as_deref()),
                "country": loc.and_then(|l| l.country.as_deref()),
                "geo_precision": loc.map(|l| l.precision.as_str()),
                "fatalities_low": r.summary.estimate.low,
                "fatalities_best": r.summary.estimate.best,
                "fatalities_high": r.summary.estimate.high,
                "sources": r.summary.sources.join("; "),
                "documents": r.summary.documents.len(),
                "review": r.status(),
            }
        }));
    }
    (serde_json::json!({"type": "FeatureCollection", "features": features}), skipped)
}

fn write_all(
    store: &Store,
    a: &Args,
    records: &[EventRecord],
    out: &mut dyn Write,
    g: &Global,
) -> anyhow::Result<()> {
    match a.format {
        ExportFormat::AcledCsv => {
            let inter = inter_codes()?;
            let mut w = csv::Writer::from_writer(out);
            w.write_record(ACLED_COLUMNS)?;
            for r in records {
                w.write_record(acled_row(r, store.notes(r.id)?, &inter))?;
            }
            w.flush()?;
        }
        ExportFormat::Json => {
            let v: Vec<serde_json::Value> = records.iter().map(EventRecord::to_json).collect();
            serde_json::to_writer_pretty(&mut *out, &v)?;
            writeln!(out)?;
        }
        ExportFormat::Parquet => anyhow::bail!("parquet writes a directory: use -o DIRECTORY"),
        ExportFormat::Geojson => {
            let (v, skipped) = geojson(records);
            serde_json::to_writer(&mut *out, &v)?;
            writeln!(out)?;
            if skipped > 0 && !g.quiet {
                eprintln!("export: {skipped} event(s) without coordinates left out of the GeoJSON");
            }
        }
    }
    Ok(())
}

/// Writes one Parquet file per month under `root/year=YYYY/month=M/part-0.parquet`, replacing
/// the files of an earlier export there. Returns (files, events written, undated events left out).
#[cfg(feature = "parquet")]
fn write_parquet(root: &std::path::Path, records: &[EventRecord]) -> anyhow::Result<(usize, usize, usize)> {
    use arrow_array::{ArrayRef, Date32Array, Float64Array, Int64Array, RecordBatch, StringArray};
    use arrow_schema::{DataType, Field, Schema};
    use std::collections::BTreeMap;
    use std::sync::Arc;
    let mut by_month: BTreeMap<(i32, u32), Vec<&EventRecord>> = BTreeMap::new();
    let mut undated = 0;
    for r in records {
        match r.summary.event.date {
            Some(d) => by_month.entry((d.year(), d.month())).or_default().push(r),
            None => undated += 1,
        }
    }
    if root.exists() {
        for e in std::fs::read_dir(root).with_context(|| format!("reading {}", root.display()))? {
            let e = e?;
            if e.file_name().to_string_lossy().starts_with("year=") && e.file_type()?.is_dir() {
                std::fs::remove_dir_all(e.path())
                    .with_context(|| format!("replacing {}", e.path().display()))?;
            }
        }
    }
    let text = |name: &str| Field::new(name, DataType::Utf8, true);
    let int = |name: &str| Field::new(name, DataType::Int64, true);
    let schema = Arc::new(Schema::new(vec![
        Field::new("id", DataType::Int64, false),
        text("key"),
        Field::new("event_date", DataType::Date32, false),
        Field::new("date_end", DataType::Date32, true),
        text("date_precision"),
        text("event_type"),
        text("sub_event_type"),
        text("plover_type"),
        text("actor1"),
        text("actor2"),
        text("country"),
        text("admin1"),
        text("admin2"),
        text("location"),
        Field::new("latitude", DataType::Float64, true),
        Field::new("longitude", DataType::Float64, true),
        text("geo_precision"),
        int("fatalities_low"),
        int("fatalities_best"),
        int("fatalities_high"),
        int("documents"),
        text("sources"),
        Field::new("confidence", DataType::Float64, false),
        text("review"),
    ]));
    let epoch = chrono::NaiveDate::from_ymd_opt(1970, 1, 1).context("epoch")?;
    let days = |d: chrono::NaiveDate| (d - epoch).num_days() as i32;
    let mut files = 0;
    let mut written = 0;
    for ((y, m), recs) in &by_month {
        let ev = |r: &&EventRecord| r.summary.event.clone();
        let events: Vec<sitrep_model::Event> = recs.iter().map(ev).collect();
        let loc = |e: &sitrep_model::Event| e.location.clone();
        let s = |f: &dyn Fn(&EventRecord, &sitrep_model::Event) -> Option<String>| -> ArrayRef {
            Arc::new(StringArray::from(recs.iter().zip(&events).map(|(r, e)| f(r, e)).collect::<Vec<_>>()))
        };
        let n = |f: &dyn Fn(&EventRecord) -> Option<u32>| -> ArrayRef {
            Arc::new(Int64Array::from(recs.iter().map(|r| f(r).map(i64::from)).collect::<Vec<_>>()))
        };
        let columns: Vec<ArrayRef> = vec![
            Arc::new(Int64Array::from(recs.iter().map(|r| r.id).collect::<Vec<_>>())),
            s(&|r, _| Some(r.summary.key.clone())),
            Arc::new(Date32Array::from(events.iter().map(|e| e.date.map_or(0, days)).collect::<Vec<_>>())),
            Arc::new(Date32Array::from(events.iter().map(|e| e.date_end.map(days)).collect::<Vec<_>>())),
            s(&|_, e| e.date_precision.map(|p| p.as_str().to_string())),
            s(&|_, e| e.event_type.map(|t| t.as_str().to_string())),
            s(&|_, e| e.sub_event_type.map(|t| t.as_str().to_string())),
            s(&|_, e| Some(e.plover.kind.as_str().to_string())),
            s(&|_, e| e.actor1.as_ref().map(|a| a.name.clone())),
            s(&|_, e| e.actor2.as_ref().map(|a| a.name.clone())),
            s(&|_, e| loc(e).and_then(|l| l.country)),
            s(&|_, e| loc(e).and_then(|l| l.admin1)),
            s(&|_, e| loc(e).and_then(|l| l.admin2)),
            s(&|_, e| loc(e).map(|l| l.name)),
            Arc::new(Float64Array::from(
                events.iter().map(|e| loc(e).and_then(|l| l.lat)).collect::<Vec<_>>(),
            )),
            Arc::new(Float64Array::from(
                events.iter().map(|e| loc(e).and_then(|l| l.lon)).collect::<Vec<_>>(),
            )),
            s(&|_, e| loc(e).map(|l| l.precision.as_str().to_string())),
            n(&|r| r.summary.estimate.low),
            n(&|r| r.summary.estimate.best),
            n(&|r| r.summary.estimate.high),
            Arc::new(Int64Array::from(
                recs.iter().map(|r| r.summary.documents.len() as i64).collect::<Vec<_>>(),
            )),
            s(&|r, _| Some(r.summary.sources.join("; "))),
            Arc::new(Float64Array::from(events.iter().map(|e| f64::from(e.confidence)).collect::<Vec<_>>())),
            s(&|r, _| r.status().map(str::to_string)),
        ];
        let batch = RecordBatch::try_new(schema.clone(), columns)?;
        let dir = root.join(format!("year={y}")).join(format!("month={m}"));
        std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
        let path = dir.join("part-0.parquet");
        let f = std::fs::File::create(&path).with_context(|| format!("creating {}", path.display()))?;
        let mut w = parquet::arrow::ArrowWriter::try_new(f, schema.clone(), None)?;
        w.write(&batch)?;
        w.close()?;
        files += 1;
        written += recs.len();
    }
    Ok((files, written, undated))
}

pub fn run(a: Args, g: &Global) -> anyhow::Result<()> {
    let store = open(&g.db)?;
    let records = store.events(&a.filter.to_store())?;
    if a.format == ExportFormat::Parquet {
        let Some(root) = &a.output else { anyhow::bail!("parquet export needs -o DIRECTORY") };
        #[cfg(feature = "parquet")]
        {
            let (files, written, undated) = write_parquet(root, &records)?;
            if !g.quiet {
                eprintln!(
                    "export: {written} event(s) in {files} file(s) under {}; {undated} undated event(s) left out",
                    root.display()
                );
            }
            return Ok(());
        }
        #[cfg(not(feature = "parquet"))]
        {
            let _ = root;
            anyhow::bail!("this sitrep was built without Parquet: cargo build --release --features parquet");
        }
    }
    match &a.output {
        Some(p) => {
            let f = std::fs::File::create(p).with_context(|| format!("creating {}", p.display()))?;
            let mut w = std::io::BufWriter::new(f);
            write_all(&store, &a, &records, &mut w, g)?;
            w.flush()?;
        }
        None => {
            let stdout = std::io::stdout();
            let mut w = std::io::BufWriter::new(stdout.lock());
            write_all(&store, &a, &records, &mut w, g)?;
            w.flush()?;
        }
    }
    if !g.quiet {
        eprintln!("export: {} event(s)", records.len());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use sitrep_model::{
        AcledSubEventType, ActorRef, Count, DocOutput, Document, Event, GeoPrecision, Location, Plover,
        PloverType, Span,
    };
    use sitrep_store::{Item, content_hash};

    fn event(fatalities: u32, located: bool) -> Event {
        let sub = AcledSubEventType::SuicideBomb;
        Event {
            event_type: Some(sub.event_type()),
            sub_event_type: Some(sub),
            plover: Plover { kind: PloverType::Assault, mode: None },
            cameo: None,
            actor1: Some(ActorRef {
                name: "Rebels".into(),
                kind: Some("rebel".into()),
                ..ActorRef::default()
            }),
            actor2: Some(ActorRef {
                name: "Civilians".into(),
                kind: Some("civilians".into()),
                ..ActorRef::default()
            }),
            location: Some(Location {
                name: "Kabul".into(),
                text: None,
                admin1: Some("Kabul".into()),
                admin2: None,
                country: Some("AF".into()),
                lat: located.then_some(34.5281),
                lon: located.then_some(69.1723),
                geonameid: Some(1138958),
                precision: GeoPrecision::Town,
                approximate: false,
            }),
            date: chrono::NaiveDate::from_ymd_opt(2023, 3, 27),
            date_end: None,
            date_precision: Some(DatePrecision::Day),
            date_source: None,
            fatalities: Count::exact(fatalities),
            injured: Count::UNKNOWN,
            claimed_by: None,
            victims: vec![],
            background: false,
            trigger: None,
            evidence: vec![Span::new(0, 11)],
            confidence: 0.7,
        }
    }

    fn store() -> Store {
        let mut s = Store::open_in_memory().unwrap();
        let docs = [
            Document::new("d1", "Kabul blast killed six.", chrono::NaiveDate::from_ymd_opt(2023, 3, 28)),
            Document::new(
                "d2",
                "Claim: twenty killed in Kabul.",
                chrono::NaiveDate::from_ymd_opt(2023, 3, 28),
            ),
        ];
        let outs = [
            DocOutput { doc_id: "d1".into(), events: vec![event(6, true)], ..DocOutput::default() },
            DocOutput { doc_id: "d2".into(), events: vec![event(20, true)], ..DocOutput::default() },
        ];
        let hashes: Vec<String> = docs.iter().map(|d| content_hash(&d.text)).collect();
        let items: Vec<Item> = (0..2)
            .map(|i| Item { doc: &docs[i], hash: &hashes[i], output: &outs[i], origin: None })
            .collect();
        s.write_batch(&items).unwrap();
        s.consolidate(sitrep_consolidate::Rules::embedded().unwrap(), false).unwrap();
        s
    }

    fn export(format: ExportFormat) -> Vec<u8> {
        let s = store();
        let records = s.events(&sitrep_store::EventFilter::default()).unwrap();
        let a = Args { format, output: None, filter: Filter::default() };
        let g = Global { db: "x".into(), verbose: 0, quiet: true };
        let mut out = Vec::new();
        write_all(&s, &a, &records, &mut out, &g).unwrap();
        out
    }

    #[test]
    fn acled_csv_has_acled_columns_and_codes() {
        let out = export(ExportFormat::AcledCsv);
        let mut r = csv::Reader::from_reader(out.as_slice());
        let h = r.headers().unwrap().clone();
        assert_eq!(h.iter().collect::<Vec<_>>(), ACLED_COLUMNS);
        let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
        assert_eq!(rows.len(), 1, "two reports, one event");
        let col = |name: &str| rows[0].get(h.iter().position(|x| x == name).unwrap()).unwrap().to_string();
        assert_eq!(col("event_date"), "2023-03-27");
        assert_eq!(col("time_precision"), "1");
        assert_eq!(col("disorder_type"), "Political violence");
        assert_eq!(col("sub_event_type"), "Suicide bomb");
        assert_eq!((col("inter1"), col("inter2"), col("interaction")), ("2".into(), "7".into(), "27".into()));
        assert_eq!(col("civilian_targeting"), "Civilian targeting");
        assert_eq!(col("geo_precision"), "1");
        assert_eq!(col("fatalities"), "6", "best = lower middle of 6 and 20");
        assert_eq!(col("latitude"), "34.5281");
        assert_eq!(col("notes"), "Kabul blast");
    }

    #[test]
    fn geojson_points_are_lon_lat() {
        let v: serde_json::Value = serde_json::from_slice(&export(ExportFormat::Geojson)).unwrap();
        assert_eq!(v["type"], "FeatureCollection");
        let f = &v["features"][0];
        assert_eq!(f["geometry"]["type"], "Point");
        assert_eq!(f["geometry"]["coordinates"][0], 69.1723);
        assert_eq!(f["geometry"]["coordinates"][1], 34.5281);
        assert_eq!(f["properties"]["fatalities_high"], 20);
    }

    #[cfg(feature = "parquet")]
    #[test]
    fn parquet_is_one_file_per_month_and_reads_back() {
        use parquet::file::reader::{FileReader, SerializedFileReader};
        let s = store();
        let records = s.events(&sitrep_store::EventFilter::default()).unwrap();
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("year=1999/month=1")).unwrap();
        let (files, written, undated) = write_parquet(dir.path(), &records).unwrap();
        assert_eq!((files, written, undated), (1, 1, 0));
        assert!(!dir.path().join("year=1999").exists(), "an earlier export is replaced");
        let f = std::fs::File::open(dir.path().join("year=2023/month=3/part-0.parquet")).unwrap();
        let r = SerializedFileReader::new(f).unwrap();
        assert_eq!(r.metadata().file_metadata().num_rows(), 1);
    }

    #[test]
    fn json_is_an_array_of_contract_events() {
        let v: serde_json::Value = serde_json::from_slice(&export(ExportFormat::Json)).unwrap();
        assert_eq!(v[0]["documents"], serde_json::json!(["d1", "d2"]));
        assert_eq!(v[0]["per_source"].as_array().unwrap().len(), 2);
    }

    #[test]
    fn inter_codes_parse_without_duplicates() {
        let m = inter_codes().unwrap();
        assert_eq!(m.get("rebel"), Some(&2));
        assert_eq!(m.get("political_party"), None);
    }

    #[test]
    fn time_precision_codes() {
        // (precision, span in days, ACLED code), one per line.
        let cases = [
            (Some(DatePrecision::Day), 0, Some(1)),
            (Some(DatePrecision::Range), 3, Some(2)),
            (Some(DatePrecision::Range), 20, Some(3)),
            (Some(DatePrecision::Week), 6, Some(2)),
            (Some(DatePrecision::Month), 30, Some(3)),
            (None, 0, None),
        ];
        for (p, span, want) in cases {
            assert_eq!(time_precision(p, span), want);
        }
    }
}
