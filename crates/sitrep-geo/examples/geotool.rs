//! A stand-alone twin of `sitrep gazetteer export-source` and `sitrep geocode --jsonl`, for
//! working on the gazetteer without building the whole CLI:
//!
//!     cargo run --release -p sitrep-geo --example geotool -- export-source GEONAMES_DIR OUT.tsv.gz
//!     cargo run --release -p sitrep-geo --example geotool -- -q geocode --jsonl DOCS.jsonl

use sitrep_geo::{Context, Filter, Gazetteer};
use std::io::{BufRead, Write};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).filter(|a| a != "-q").collect();
    match args.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
        ["export-source", dir, out] => {
            let filter = Filter {
                full_countries: sitrep_geo::DEFAULT_FULL_COUNTRIES.split(',').map(str::to_string).collect(),
                min_population_elsewhere: sitrep_geo::DEFAULT_MIN_POPULATION,
            };
            let recs = sitrep_geo::read_dir(std::path::Path::new(dir), &filter, &mut |_, _| {})?;
            sitrep_geo::write_source_gz(std::path::Path::new(out), &recs)?;
            eprintln!("{out}: {} entries", recs.len());
        }
        ["geocode", "--jsonl", path] => {
            let g = Gazetteer::embedded();
            let mut out = std::io::BufWriter::new(std::io::stdout().lock());
            for line in std::io::BufReader::new(std::fs::File::open(path)?).lines() {
                let v: serde_json::Value = serde_json::from_str(&line?)?;
                let text = v["text"].as_str().unwrap_or("");
                let places: Vec<_> = g
                    .find(text, &Context::default())
                    .iter()
                    .map(|m| {
                        serde_json::json!({"start": text[..m.start].chars().count(), "text": m.text,
                            "location": m.place.to_location(&m.text), "reason": m.reason, "confidence": m.confidence})
                    })
                    .collect();
                writeln!(out, "{}", serde_json::json!({"id": v["id"], "places": places}))?;
            }
        }
        ["geocode", text] => {
            for m in Gazetteer::embedded().find(text, &Context::default()) {
                println!(
                    "{} {:?} {:?} {} [{}] {:.2}",
                    m.text, m.place.name, m.place.admin1, m.place.country, m.reason, m.confidence
                );
            }
        }
        _ => eprintln!(
            "usage: geotool export-source DIR OUT | geotool geocode --jsonl FILE | geotool geocode TEXT"
        ),
    }
    Ok(())
}
