//! `sitrep extract [FILE|-] [-o OUT]`.

use crate::Global;
use std::path::PathBuf;

#[derive(clap::Args)]
pub struct Args {
    /// Documents JSONL; `-` or nothing reads stdin.
    pub input: Option<PathBuf>,
}

pub fn run(_a: Args, _g: &Global) -> anyhow::Result<()> {
    anyhow::bail!("extract is being built")
}
