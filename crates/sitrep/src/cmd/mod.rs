//! One module per subcommand: its arguments and its `run`.

pub mod extract;
pub mod gazetteer;
pub mod geocode;
