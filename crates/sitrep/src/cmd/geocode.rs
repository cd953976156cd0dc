//! `sitrep geocode TEXT | --jsonl FILE`.

use crate::Global;

#[derive(clap::Args)]
pub struct Args {
    /// The text to geocode.
    pub text: Option<String>,
}

pub fn run(_a: Args, _g: &Global) -> anyhow::Result<()> {
    anyhow::bail!("geocode is being built")
}
