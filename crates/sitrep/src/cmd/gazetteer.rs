//! `sitrep gazetteer build|info`.

use crate::Global;

#[derive(clap::Subcommand)]
pub enum Command {}

pub fn run(c: Command, _g: &Global) -> anyhow::Result<()> {
    match c {}
}
