//! The output records of the contract: one `DocOutput` per input document.

use crate::taxonomy::{
    AcledEventType, AcledSubEventType, CameoRoot, DatePrecision, GeoPrecision, PloverMode, PloverType,
};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Character offsets into a document's `text`, in Unicode code points, end exclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }
}

/// A count as the text supports it: "at least six" is `{min: 6, max: null}`.
/// Unknown is `null`, never 0.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Count {
    pub min: Option<u32>,
    pub max: Option<u32>,
}

impl Count {
    pub const UNKNOWN: Count = Count { min: None, max: None };
    pub fn exact(n: u32) -> Self {
        Count { min: Some(n), max: Some(n) }
    }
    pub fn is_unknown(&self) -> bool {
        self.min.is_none() && self.max.is_none()
    }
}

/// An actor as named in a document and as canonicalised by the actor dictionary.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ActorRef {
    /// Canonical name from the dictionary, or the cleaned surface text when the dictionary lacks it.
    pub name: String,
    /// The words in the document.
    #[serde(default)]
    pub text: Option<String>,
    /// Actor kind from the dictionary (state, police, rebel, civilians, …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// ISO 3166-1 alpha-2 country of the actor, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
}

/// A resolved place.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Location {
    pub name: String,
    #[serde(default)]
    pub text: Option<String>,
    #[serde(default)]
    pub admin1: Option<String>,
    #[serde(default)]
    pub admin2: Option<String>,
    /// ISO 3166-1 alpha-2.
    #[serde(default)]
    pub country: Option<String>,
    #[serde(default)]
    pub lat: Option<f64>,
    #[serde(default)]
    pub lon: Option<f64>,
    #[serde(default)]
    pub geonameid: Option<u64>,
    pub precision: GeoPrecision,
    /// The coordinates are derived (e.g. the mean of an admin unit's member places).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub approximate: bool,
}

/// PLOVER coding of an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Plover {
    #[serde(rename = "type")]
    pub kind: PloverType,
    #[serde(default)]
    pub mode: Option<PloverMode>,
}

/// Where an event's date came from, so a reader can tell a stated date from an assumed one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DateSource {
    /// A time expression in the sentence of the event.
    Text,
    /// A time expression elsewhere in the document.
    Context,
    /// No time expression: the window before publication, at reduced precision.
    Published,
}

/// One event: ACLED-coded where it is political violence, PLOVER-coded always.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    pub event_type: Option<AcledEventType>,
    pub sub_event_type: Option<AcledSubEventType>,
    pub plover: Plover,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cameo: Option<CameoRoot>,
    pub actor1: Option<ActorRef>,
    pub actor2: Option<ActorRef>,
    pub location: Option<Location>,
    pub date: Option<NaiveDate>,
    pub date_end: Option<NaiveDate>,
    pub date_precision: Option<DatePrecision>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_source: Option<DateSource>,
    pub fatalities: Count,
    pub injured: Count,
    pub claimed_by: Option<ActorRef>,
    /// Named victims ("Balkh Governor Mohammad Daud Muzammil").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub victims: Vec<ActorRef>,
    pub background: bool,
    /// The trigger words ("suicide bombing").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trigger: Option<String>,
    pub evidence: Vec<Span>,
    pub confidence: f32,
}

/// What a statement does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StatementKind {
    ClaimResponsibility,
    Deny,
    Accuse,
    Reject,
    Condemn,
    Threaten,
    Demand,
    Praise,
    AssertFigure,
    Other,
}

impl StatementKind {
    pub const ALL: &'static [StatementKind] = &[
        StatementKind::ClaimResponsibility,
        StatementKind::Deny,
        StatementKind::Accuse,
        StatementKind::Reject,
        StatementKind::Condemn,
        StatementKind::Threaten,
        StatementKind::Demand,
        StatementKind::Praise,
        StatementKind::AssertFigure,
        StatementKind::Other,
    ];

    /// The PLOVER type a statement of this kind is; claims, figures and plain remarks have none
    /// (PLOVER has no type for making a statement, and none is guessed).
    pub fn plover(self) -> Option<PloverType> {
        use StatementKind::*;
        match self {
            ClaimResponsibility | AssertFigure | Other => None,
            Deny | Reject => Some(PloverType::Reject),
            Accuse | Condemn => Some(PloverType::Disapprove),
            Threaten => Some(PloverType::Threaten),
            Demand => Some(PloverType::Demand),
            Praise => Some(PloverType::Support),
        }
    }
}

/// Who speaks.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Speaker {
    pub name: String,
    #[serde(default)]
    pub text: Option<String>,
    #[serde(default)]
    pub affiliation: Option<String>,
}

/// Who accuses, denies, threatens or gives a figure.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Statement {
    pub speaker: Speaker,
    pub kind: StatementKind,
    pub plover: Option<PloverType>,
    pub target: Option<ActorRef>,
    pub quote: Option<String>,
    /// Figures the statement gives ("6,500 fighters").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub figures: Vec<String>,
    pub evidence: Vec<Span>,
    #[serde(default = "one")]
    pub confidence: f32,
}

fn one() -> f32 {
    1.0
}

/// A place named by a tally.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TallyLocation {
    pub name: String,
    #[serde(default)]
    pub admin1: Option<String>,
    #[serde(default)]
    pub country: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub geonameid: Option<u64>,
}

/// A count of events that the text itself reports ("on eight occasions").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Tally {
    pub count: u32,
    pub event_type: Option<AcledEventType>,
    pub sub_event_type: Option<AcledSubEventType>,
    pub actor1: Option<ActorRef>,
    pub actor2: Option<ActorRef>,
    pub date: Option<NaiveDate>,
    pub date_end: Option<NaiveDate>,
    pub locations: Vec<TallyLocation>,
    pub evidence: Vec<Span>,
    #[serde(default = "one")]
    pub confidence: f32,
}

/// Everything extracted from one document.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DocOutput {
    pub doc_id: String,
    pub events: Vec<Event>,
    pub statements: Vec<Statement>,
    pub tallies: Vec<Tally>,
    /// Earlier acts the text recalls as history ("In May 2019, the group massacred …"): events
    /// marked `background` that began more than `HISTORY_DAYS` before publication. They are
    /// kept, with their evidence, but apart: they are not news of this report, and the report
    /// of their own day is where a dataset takes them from.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub context: Vec<Event>,
}

/// How long before publication a recalled act must have begun to be history (`DocOutput::context`)
/// rather than part of the news ("earlier this month", "last week").
pub const HISTORY_DAYS: i64 = 45;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn event_json_has_contract_keys() {
        let e = Event {
            event_type: Some(AcledEventType::ExplosionsRemoteViolence),
            sub_event_type: Some(AcledSubEventType::SuicideBomb),
            plover: Plover { kind: PloverType::Assault, mode: Some(PloverMode::SuicideAttack) },
            cameo: Some(CameoRoot::Assault),
            actor1: None,
            actor2: None,
            location: None,
            date: NaiveDate::from_ymd_opt(2023, 3, 27),
            date_end: None,
            date_precision: Some(DatePrecision::Day),
            date_source: Some(DateSource::Text),
            fatalities: Count { min: Some(6), max: None },
            injured: Count::UNKNOWN,
            claimed_by: None,
            victims: vec![],
            background: false,
            trigger: None,
            evidence: vec![Span::new(1, 5)],
            confidence: 0.8,
        };
        let v = serde_json::to_value(&e).unwrap();
        assert_eq!(v["plover"]["type"], "ASSAULT");
        assert_eq!(v["plover"]["mode"], "suicide-attack");
        assert_eq!(v["date"], "2023-03-27");
        assert_eq!(v["fatalities"]["min"], 6);
        assert!(v["fatalities"]["max"].is_null());
        assert!(v["injured"]["min"].is_null());
        let back: Event = serde_json::from_value(v).unwrap();
        assert_eq!(back, e);
    }

    #[test]
    fn statement_kinds_are_snake_case() {
        assert_eq!(
            serde_json::to_string(&StatementKind::ClaimResponsibility).unwrap(),
            "\"claim_responsibility\""
        );
        assert!(serde_json::from_str::<StatementKind>("\"claims\"").is_err());
        assert_eq!(StatementKind::ALL.len(), 10);
        assert_eq!(StatementKind::Reject.plover(), Some(PloverType::Reject));
        assert_eq!(StatementKind::Other.plover(), None);
    }
}
