//! One module per subcommand: its arguments and its `run`.

pub mod export;
pub mod extract;
pub mod gazetteer;
pub mod r#gen;
pub mod geocode;
pub mod ingest;
pub mod query;
pub mod report;
pub mod review;
pub mod serve;
pub mod watch;
