//! sitrep's record types: the JSON contract of `sitrep extract` (see `../shared/eval/CONTRACT.md`).
//!
//! - In: nothing; every other sitrep crate depends on this one, and it depends on none of ours.
//! - Out: `Document` (input), `DocOutput` with `Event`, `Statement`, `Tally`, and the taxonomies
//!   (ACLED event and sub-event types, PLOVER types and modes, CAMEO roots) as enums.
//! - Never: defaults an unknown taxonomy value. An unknown spelling is a deserialisation error.
//! - Never: does I/O or NLP.

pub mod document;
pub mod record;
pub mod taxonomy;

pub use document::{Document, DocumentError, Source};
pub use record::{
    ActorRef, Count, DateSource, DocOutput, Event, HISTORY_DAYS, Location, Plover, Span, Speaker, Statement,
    StatementKind, Tally, TallyLocation,
};
pub use taxonomy::{
    AcledEventType, AcledSubEventType, CameoRoot, DatePrecision, GeoPrecision, PloverMode, PloverType,
    UnknownValue,
};
