//! Compiles the default gazetteer index from the committed source (data/geo/places.tsv.gz)
//! into OUT_DIR, so the binary index never enters the git history.
#![allow(dead_code)]

#[path = "src/fold.rs"]
mod fold;
#[path = "src/index_write.rs"]
mod index_write;
#[path = "src/record.rs"]
mod record;

use std::io::BufReader;
use std::path::PathBuf;

fn main() {
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap_or_default());
    let data = manifest.join("../../data/geo");
    let source = data.join("places.tsv.gz");
    let generic = data.join("generic.txt");
    for p in [&source, &generic] {
        println!("cargo:rerun-if-changed={}", p.display());
    }
    for f in ["src/fold.rs", "src/index_write.rs", "src/record.rs"] {
        println!("cargo:rerun-if-changed={f}");
    }
    let generic: Vec<String> = std::fs::read_to_string(&generic)
        .unwrap_or_default()
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(fold::fold)
        .collect();
    let records = match std::fs::File::open(&source) {
        Ok(f) => match record::read_source(BufReader::new(flate2::read::GzDecoder::new(f))) {
            Ok(r) => r,
            Err(e) => {
                println!("cargo:error={}: {e}", source.display());
                std::process::exit(1);
            }
        },
        Err(_) => {
            // Only while bootstrapping: `sitrep gazetteer export-source` writes the source.
            println!("cargo:warning={} missing: the embedded gazetteer is empty", source.display());
            Vec::new()
        }
    };
    let bytes = index_write::build_index(&records, &generic);
    let out = PathBuf::from(std::env::var("OUT_DIR").unwrap_or_default()).join("gazetteer.idx");
    if let Err(e) = std::fs::write(&out, bytes) {
        println!("cargo:error={}: {e}", out.display());
        std::process::exit(1);
    }
}
