//! `sitrep gazetteer build|export-source|info`.

use crate::Global;
use anyhow::Context as _;
use sitrep_geo::{Filter, Gazetteer};
use std::path::PathBuf;

/// Countries whose every GeoNames place goes into the default gazetteer's source: the conflict
/// countries of the corpora and of ACLED's busiest regions.
#[derive(clap::Subcommand)]
pub enum Command {
    /// Build an index from GeoNames dumps (allCountries/citiesN .txt/.zip/.gz, admin1CodesASCII,
    /// admin2Codes, countryInfo, and alternateNamesV2 when present).
    Build {
        /// Folder holding the GeoNames files.
        #[arg(long)]
        geonames: PathBuf,
        /// The index file to write.
        #[arg(short, long)]
        output: PathBuf,
    },
    /// Write the filtered, gzip-compressed TSV the default gazetteer is compiled from
    /// (data/geo/places.tsv.gz): every place of the conflict countries, elsewhere places of
    /// 15,000 people or more, all admin1 units, and admin2 units of the conflict countries.
    ExportSource {
        #[arg(long)]
        geonames: PathBuf,
        #[arg(short, long, default_value = "data/geo/places.tsv.gz")]
        output: PathBuf,
        /// Countries kept in full (alpha-2, comma-separated).
        #[arg(long, default_value = sitrep_geo::DEFAULT_FULL_COUNTRIES, value_delimiter = ',')]
        full_countries: Vec<String>,
        /// Elsewhere, the smallest population kept.
        #[arg(long, default_value_t = sitrep_geo::DEFAULT_MIN_POPULATION)]
        min_population: u64,
    },
    /// Size and load time of an index (the embedded one without --gazetteer).
    Info {
        #[arg(long)]
        gazetteer: Option<PathBuf>,
    },
}

fn progress_bar(quiet: bool) -> indicatif::ProgressBar {
    if quiet {
        return indicatif::ProgressBar::hidden();
    }
    let pb = indicatif::ProgressBar::new_spinner();
    if let Ok(style) = indicatif::ProgressStyle::with_template("{spinner} {elapsed} {msg}") {
        pb.set_style(style);
    }
    pb
}

pub fn run(c: Command, g: &Global) -> anyhow::Result<()> {
    match c {
        Command::Build { geonames, output } => {
            let pb = progress_bar(g.quiet);
            let records = sitrep_geo::read_dir(&geonames, &Filter::default(), &mut |stage, n| {
                pb.set_message(format!("{stage}: {n} rows"));
                pb.tick();
            })?;
            pb.set_message(format!("indexing {} entries", records.len()));
            let bytes = sitrep_geo::build_index(&records, &sitrep_geo::generic_words());
            std::fs::write(&output, &bytes).with_context(|| format!("writing {}", output.display()))?;
            pb.finish_and_clear();
            eprintln!("{}: {} entries, {} bytes", output.display(), records.len(), bytes.len());
            Ok(())
        }
        Command::ExportSource { geonames, output, full_countries, min_population } => {
            let pb = progress_bar(g.quiet);
            let filter = Filter { full_countries, min_population_elsewhere: min_population };
            let records = sitrep_geo::read_dir(&geonames, &filter, &mut |stage, n| {
                pb.set_message(format!("{stage}: {n} rows"));
                pb.tick();
            })?;
            sitrep_geo::write_source_gz(&output, &records)?;
            pb.finish_and_clear();
            eprintln!("{}: {} entries", output.display(), records.len());
            Ok(())
        }
        Command::Info { gazetteer } => {
            let t = std::time::Instant::now();
            let n = match &gazetteer {
                Some(p) => Gazetteer::open(p)?.len(),
                None => Gazetteer::embedded().len(),
            };
            println!("{} entries, loaded in {:.1} ms", n, t.elapsed().as_secs_f64() * 1000.0);
            Ok(())
        }
    }
}
