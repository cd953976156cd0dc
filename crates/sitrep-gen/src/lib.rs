//! sitrep's synthetic corpus: documents written from templates, each with its ground truth.
//!
//! - In: a seed and a document index; the templates, places and actors of `data/gen/*.toml`
//!   (embedded at compile time, or given as text).
//! - Out: a CONTRACT `Document` and its truth in the shape of the scorer's gold files
//!   (`../shared/eval/score.py`, "events" gold), so a scale run can also be scored.
//! - Never: I/O, clocks or global randomness: the same (seed, index) always gives the same
//!   document, on every machine and in any order, so N documents can be written in parallel.
//! - Never: text from a corpus. The templates are our own sentences.

use chrono::{Datelike, Days, NaiveDate};
use serde::{Deserialize, Serialize};
use sitrep_model::{AcledSubEventType, Document, Source};

mod rng;
pub use rng::Rng;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{file}: {source}")]
    Toml { file: &'static str, source: toml::de::Error },
    #[error("{file}: {message}")]
    Invalid { file: &'static str, message: String },
}

/// Who fills an actor slot.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
enum Role {
    Militant,
    State,
    Civilians,
    Unknown,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct EventTemplate {
    sub_event_type: AcledSubEventType,
    actor1: Role,
    actor2: Role,
    lead: Vec<String>,
    #[serde(default)]
    claim_lead: Vec<String>,
    #[serde(default)]
    follow: Vec<String>,
    #[serde(default)]
    claim_follow: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Filler {
    text: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Words {
    numbers: Vec<String>,
    at_least: Vec<String>,
    sources: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TemplatesFile {
    event: Vec<EventTemplate>,
    filler: Vec<Filler>,
    words: Words,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PlaceEntry {
    name: String,
    country: String,
    admin1: String,
}

#[derive(Debug, Deserialize)]
struct PlacesFile {
    place: Vec<PlaceEntry>,
}

/// An actor the generator names: the canonical name (truth) and the ways a text may say it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GenActor {
    pub name: String,
    pub texts: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CountryEntry {
    code: String,
    name: String,
    state: Vec<GenActor>,
    militant: Vec<GenActor>,
}

#[derive(Debug, Deserialize)]
struct ActorsFile {
    country: Vec<CountryEntry>,
}

/// One event of the truth, in the scorer's "events" gold shape.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TruthEvent {
    pub acled_event_type: String,
    pub acled_sub_event_type: String,
    pub actor1: Option<String>,
    pub actor2: Option<String>,
    pub country: String,
    pub admin1: String,
    pub location: String,
    pub date: NaiveDate,
    pub date_end: Option<NaiveDate>,
    pub date_precision: String,
    pub fatalities: Option<u32>,
    pub injured: Option<u32>,
    pub claimed_by: Option<String>,
    pub is_background: bool,
}

/// The truth of one document: one gold line.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Truth {
    pub id: String,
    pub published: NaiveDate,
    pub events: Vec<TruthEvent>,
}

/// A generated document and what it reports.
#[derive(Debug, Clone)]
pub struct Generated {
    pub doc: Document,
    pub truth: Truth,
}

/// The templates, places and actors, checked and ready.
#[derive(Debug)]
pub struct Generator {
    events: Vec<EventTemplate>,
    fillers: Vec<String>,
    words: Words,
    places: Vec<PlaceEntry>,
    countries: Vec<CountryEntry>,
}

const TEMPLATES: &str = include_str!("../../../data/gen/templates.toml");
const PLACES: &str = include_str!("../../../data/gen/places.toml");
const ACTORS: &str = include_str!("../../../data/gen/actors.toml");

/// Slots a template may use, lower-case; a capitalised slot is the same slot.
const SLOTS: &[&str] = &["a1", "a2", "place", "when", "killed", "injured"];

/// First day of the publication window (a three-year span from here).
fn first_day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2022, 1, 1).unwrap_or(NaiveDate::MIN)
}

impl Generator {
    /// The generator with the data files of `data/gen/`.
    pub fn embedded() -> Result<Generator, Error> {
        Generator::parse(TEMPLATES, PLACES, ACTORS)
    }

    /// A generator from the texts of the three data files.
    pub fn parse(templates: &str, places: &str, actors: &str) -> Result<Generator, Error> {
        let t: TemplatesFile =
            toml::from_str(templates).map_err(|source| Error::Toml { file: "templates.toml", source })?;
        let p: PlacesFile =
            toml::from_str(places).map_err(|source| Error::Toml { file: "places.toml", source })?;
        let a: ActorsFile =
            toml::from_str(actors).map_err(|source| Error::Toml { file: "actors.toml", source })?;
        let g = Generator {
            events: t.event,
            fillers: t.filler.into_iter().flat_map(|f| f.text).collect(),
            words: t.words,
            places: p.place,
            countries: a.country,
        };
        g.check()?;
        Ok(g)
    }

    fn check(&self) -> Result<(), Error> {
        let bad = |file, message: String| Err(Error::Invalid { file, message });
        if self.events.is_empty() || self.places.is_empty() || self.words.sources.is_empty() {
            return bad("templates.toml", "needs events, places and sources".into());
        }
        if self.words.at_least.is_empty() || self.words.numbers.len() < 2 {
            return bad("templates.toml", "[words] needs numbers and at_least".into());
        }
        for e in &self.events {
            if e.lead.is_empty() && e.claim_lead.is_empty() {
                return bad("templates.toml", format!("{} has no lead sentence", e.sub_event_type));
            }
            if e.actor1 == Role::Civilians {
                return bad("templates.toml", format!("{}: civilians are never actor1", e.sub_event_type));
            }
            let uses = |slot: &str| {
                e.lead.iter().chain(&e.follow).any(|s| slots(s).any(|k| k.eq_ignore_ascii_case(slot)))
            };
            if (e.actor1 == Role::Unknown && uses("a1")) || (e.actor2 == Role::Unknown && uses("a2")) {
                return bad("templates.toml", format!("{}: an unknown actor has no text", e.sub_event_type));
            }
            if e.actor1 == Role::Unknown && !(e.claim_lead.is_empty() && e.claim_follow.is_empty()) {
                return bad(
                    "templates.toml",
                    format!("{}: an unknown actor claims nothing", e.sub_event_type),
                );
            }
            let all = e.lead.iter().chain(&e.claim_lead).chain(&e.follow).chain(&e.claim_follow);
            for s in all.chain(&self.fillers) {
                for slot in slots(s) {
                    if !SLOTS.iter().any(|k| k.eq_ignore_ascii_case(slot)) {
                        return bad("templates.toml", format!("unknown slot {{{slot}}} in {s:?}"));
                    }
                }
            }
        }
        for f in &self.fillers {
            if slots(f).next().is_some() {
                return bad("templates.toml", format!("a filler has a slot: {f:?}"));
            }
        }
        for p in &self.places {
            let Some(c) = self.countries.iter().find(|c| c.code == p.country) else {
                return bad("places.toml", format!("{}: no country {} in actors.toml", p.name, p.country));
            };
            if c.state.is_empty() || c.militant.is_empty() {
                return bad("actors.toml", format!("{} needs state and militant actors", c.code));
            }
        }
        for c in &self.countries {
            if c.state.iter().chain(&c.militant).any(|a| a.texts.is_empty()) {
                return bad("actors.toml", format!("{}: an actor without texts", c.code));
            }
        }
        Ok(())
    }

    /// Every actor, for checking against the actor dictionary.
    pub fn actors(&self) -> impl Iterator<Item = &GenActor> {
        self.countries.iter().flat_map(|c| c.state.iter().chain(&c.militant))
    }

    /// Every place name with its country, for checking against the gazetteer.
    pub fn places(&self) -> impl Iterator<Item = (&str, &str, &str)> {
        self.places.iter().map(|p| (p.name.as_str(), p.country.as_str(), p.admin1.as_str()))
    }

    /// Document `index` of the corpus `seed`.
    pub fn generate(&self, seed: u64, index: u64) -> Generated {
        let mut r = Rng::for_item(seed, index);
        let id = format!("gen-{seed}-{index}");
        let published = first_day() + Days::new(r.below(3 * 365));
        let t = &self.events[r.index(self.events.len())];
        let place = &self.places[r.index(self.places.len())];
        let country = self.countries.iter().find(|c| c.code == place.country);
        // `check` guarantees the country; an empty pool is never reached.
        let pick = |r: &mut Rng, role: Role| -> Option<(String, String)> {
            let c = country?;
            let pool = match role {
                Role::State => &c.state,
                Role::Militant => &c.militant,
                Role::Civilians => return Some((format!("Civilians ({})", c.name), "people".into())),
                Role::Unknown => return None,
            };
            let a = pool.get(r.index(pool.len()))?;
            Some((a.name.clone(), a.texts.get(r.index(a.texts.len()))?.clone()))
        };
        let a1 = pick(&mut r, t.actor1);
        let a2 = pick(&mut r, t.actor2);

        let (when, date) = self.date_phrase(&mut r, published);
        // Most reported tolls are small; one in five runs past forty. Never one: "one people".
        let killed = 2 + if r.below(5) == 0 { r.below(40) } else { r.below(8) } as u32;
        let (killed_text, killed_min) = self.count_phrase(&mut r, killed);
        let injured = 2 + r.below(30) as u32;
        let (injured_text, injured_min) = self.count_phrase(&mut r, injured);

        let claim_lead = !t.claim_lead.is_empty() && a1.is_some() && r.below(4) == 0;
        let lead = if claim_lead || t.lead.is_empty() {
            &t.claim_lead[r.index(t.claim_lead.len())]
        } else {
            &t.lead[r.index(t.lead.len())]
        };
        let mut claimed = claim_lead;
        let mut follow: Option<&String> = None;
        if r.below(2) == 0 {
            let use_claim = !t.claim_follow.is_empty() && a1.is_some() && !claimed && r.below(3) == 0;
            if use_claim {
                claimed = true;
                follow = Some(&t.claim_follow[r.index(t.claim_follow.len())]);
            } else if !t.follow.is_empty() {
                follow = Some(&t.follow[r.index(t.follow.len())]);
            }
        }
        let mut rest: Vec<&String> = follow.into_iter().collect();
        for _ in 0..r.below(4) {
            let f = &self.fillers[r.index(self.fillers.len())];
            if !rest.contains(&f) {
                rest.push(f);
            }
        }
        // The follow-up stays right after the lead half of the time, as in news copy.
        if rest.len() > 1 && r.below(2) == 0 {
            let j = r.index(rest.len());
            rest.swap(0, j);
        }
        let injured_said = std::iter::once(lead)
            .chain(rest.iter().copied())
            .any(|s| slots(s).any(|k| k.eq_ignore_ascii_case("injured")));

        let fill = |s: &str| -> String {
            let filled = expand(s, |slot| match slot.to_ascii_lowercase().as_str() {
                "a1" => a1.as_ref().map(|a| a.1.clone()),
                "a2" => a2.as_ref().map(|a| a.1.clone()),
                "place" => Some(place.name.clone()),
                "when" => Some(when.clone()),
                "killed" => Some(killed_text.clone()),
                "injured" => Some(injured_text.clone()),
                _ => None,
            });
            capitalise(&filled)
        };
        let mut sentences = vec![fill(lead)];
        sentences.extend(rest.iter().map(|s| fill(s)));
        let mut text = sentences.join(" ");
        if r.below(2) == 0 {
            let source = &self.words.sources[r.index(self.words.sources.len())];
            let dateline = format!(
                "{}, {} {} ({source}) - ",
                place.name.to_uppercase(),
                published.format("%B"),
                published.day()
            );
            text.insert_str(0, &dateline);
        }
        let source = self.words.sources[r.index(self.words.sources.len())].clone();
        let mut doc = Document::new(id.clone(), text, Some(published));
        doc.source = Some(Source { name: Some(source), ..Source::default() });

        let event = TruthEvent {
            acled_event_type: t.sub_event_type.event_type().as_str().to_string(),
            acled_sub_event_type: t.sub_event_type.as_str().to_string(),
            actor1: a1.as_ref().map(|a| a.0.clone()),
            actor2: a2.as_ref().map(|a| a.0.clone()),
            country: place.country.clone(),
            admin1: place.admin1.clone(),
            location: place.name.clone(),
            date,
            date_end: None,
            date_precision: "day".into(),
            fatalities: Some(killed_min),
            injured: injured_said.then_some(injured_min),
            claimed_by: if claimed { a1.as_ref().map(|a| a.0.clone()) } else { None },
            is_background: false,
        };
        Generated { doc, truth: Truth { id, published, events: vec![event] } }
    }

    /// "on Monday" (within the week before publication), "on 12 March" or "on March 12".
    fn date_phrase(&self, r: &mut Rng, published: NaiveDate) -> (String, NaiveDate) {
        match r.below(3) {
            0 => {
                let d = published - Days::new(1 + r.below(6));
                (format!("on {}", d.format("%A")), d)
            }
            1 => {
                let d = published - Days::new(r.below(20));
                (format!("on {} {}", d.day(), d.format("%B")), d)
            }
            _ => {
                let d = published - Days::new(r.below(20));
                (format!("on {} {}", d.format("%B"), d.day()), d)
            }
        }
    }

    /// A count in digits or words, sometimes as a lower bound; the truth is the lowest figure.
    fn count_phrase(&self, r: &mut Rng, n: u32) -> (String, u32) {
        let w = &self.words;
        let bare = match w.numbers.get(n as usize) {
            Some(word) if r.below(2) == 0 => word.clone(),
            _ => n.to_string(),
        };
        if r.below(3) == 0 {
            (format!("{} {bare}", w.at_least[r.index(w.at_least.len())]), n)
        } else {
            (bare, n)
        }
    }
}

/// The slot names of a template, in order.
fn slots(s: &str) -> impl Iterator<Item = &str> {
    s.split('{').skip(1).filter_map(|part| part.split_once('}').map(|(k, _)| k))
}

/// The template with each `{slot}` replaced (`check` ensures every slot used has a value).
fn expand(s: &str, mut value: impl FnMut(&str) -> Option<String>) -> String {
    let mut out = String::with_capacity(s.len() + 32);
    let mut rest = s;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) => {
                let slot = &after[..close];
                let v = value(slot).unwrap_or_default();
                if slot.starts_with(|c: char| c.is_ascii_uppercase()) {
                    out.push_str(&capitalise(&v));
                } else {
                    out.push_str(&v);
                }
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests;
