//! sitrep's extraction.
//!
//! - In: a `Document` (text, publication date, source), the actor dictionary and event lexicon
//!   (data files, compiled once), and a loaded gazetteer.
//! - Out: a `DocOutput`: events, statements and tallies, each with evidence spans and a confidence.
//! - Never: I/O; never an event without evidence, never a fallback type.
//!
//! The pipeline of one document (see ARCHITECTURE.md): normalise → sentences, tokens, numbers,
//! time expressions (sitrep-text) → places (sitrep-geo) → one Aho-Corasick pass for actors,
//! triggers and cues → actor mentions with anaphora → tallies → event frames per sentence →
//! merging within the document → statements.

pub mod actors;
mod doc;
mod events;
pub mod lexicon;
mod scan;
mod statements;
mod tallies;

use actors::ActorDict;
use lexicon::{Cues, Trigger};
use scan::Scanner;
use sitrep_geo::Gazetteer;
use sitrep_model::{ActorRef, DocOutput, Document};

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/actor_files.rs"));
}

/// Errors building an extractor (a data file that does not parse or does not resolve).
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{file}: {message}")]
    Data { file: String, message: String },
}

/// Actor files a user adds to the embedded ones: (file name, contents).
#[derive(Debug, Default, Clone)]
pub struct ExtraActors {
    pub files: Vec<(String, String)>,
}

enum Gaz {
    Embedded(&'static Gazetteer),
    Owned(Box<Gazetteer>),
}

/// The compiled dictionaries and lexicon; build once, share across threads (`Sync`).
pub struct Extractor {
    pub(crate) dict: ActorDict,
    pub(crate) triggers: Vec<Trigger>,
    pub(crate) cues: Cues,
    pub(crate) scanner: Scanner,
    /// The clause separators of cues.toml in one automaton: a sentence is read once for all of
    /// them, not once per separator.
    pub(crate) separators: aho_corasick::AhoCorasick,
    gaz: Gaz,
    /// Source name → its country, as `country_of_source` found it: a feed repeats a handful of
    /// sources, and reading each name costs more than a short document.
    source_countries: std::sync::RwLock<std::collections::HashMap<String, Option<String>>>,
}

/// Distinct source names remembered; past this, names are read afresh.
const SOURCE_CACHE: usize = 10_000;

impl Extractor {
    /// An extractor with the dictionaries and gazetteer that ship with sitrep.
    pub fn with_defaults() -> Result<Self, Error> {
        Self::new(ExtraActors::default(), None)
    }

    /// An extractor with the shipped dictionaries plus `extra` actor files, and a gazetteer
    /// (the embedded one when `None`).
    pub fn new(extra: ExtraActors, gazetteer: Option<Gazetteer>) -> Result<Self, Error> {
        let files = embedded::ACTOR_FILES
            .iter()
            .copied()
            .chain(extra.files.iter().map(|(n, t)| (n.as_str(), t.as_str())));
        let dict = ActorDict::load(files)?;
        let (triggers, phrases) =
            lexicon::load_triggers("data/lexicon/triggers.toml", lexicon::TRIGGERS_TOML)?;
        let cues = lexicon::load_cues("data/lexicon/cues.toml", lexicon::CUES_TOML)?;
        let scanner = Scanner::new(&dict, &phrases, &cues)?;
        let separators =
            aho_corasick::AhoCorasick::new(&cues.clauses.separators).map_err(|e| Error::Data {
                file: "data/lexicon/cues.toml".into(),
                message: format!("[clauses] separators: {e}"),
            })?;
        let gaz = match gazetteer {
            Some(g) => Gaz::Owned(Box::new(g)),
            None => Gaz::Embedded(Gazetteer::embedded()),
        };
        Ok(Extractor { dict, triggers, cues, scanner, separators, gaz, source_countries: Default::default() })
    }

    pub fn gazetteer(&self) -> &Gazetteer {
        match &self.gaz {
            Gaz::Embedded(g) => g,
            Gaz::Owned(g) => g,
        }
    }

    /// The country of a source the dictionary knows ("SOHR" is Syrian), when the document does
    /// not say it. `extract` uses it as a hint for places; `sitrep geocode --jsonl` does too.
    pub fn country_of_source(&self, s: &sitrep_model::Source) -> Option<String> {
        let name = s.name.as_deref().or(s.handle.as_deref())?;
        if let Ok(m) = self.source_countries.read()
            && let Some(c) = m.get(name)
        {
            return c.clone();
        }
        let c = self.read_country_of_source(name);
        if let Ok(mut m) = self.source_countries.write()
            && m.len() < SOURCE_CACHE
        {
            m.insert(name.to_string(), c.clone());
        }
        c
    }

    /// The non-state armed group a source speaks for (`affiliation`, "Islamic State Khorasan
    /// Province" for its channel), by canonical name, when the document says so.
    fn source_group(&self, s: &sitrep_model::Source, on: Option<chrono::NaiveDate>) -> Option<String> {
        let aff = s.affiliation.as_deref()?;
        let i = self.dict.by_name(aff).or_else(|| {
            self.scanner.scan(aff).iter().find_map(|h| match h.tag {
                scan::Tag::Named(actors::Named::Actor(i)) => Some(i),
                _ => None,
            })
        })?;
        let a = &self.dict.actors[i];
        actors::is_non_state_armed_kind(a.kind_on(on)).then(|| a.name.clone())
    }

    /// The actor a source speaks for (`affiliation` "Military Forces of Pakistan" for its press
    /// office), when the dictionary knows it: the speaker of the document's own first-person words.
    fn source_voice(
        &self,
        s: &sitrep_model::Source,
        on: Option<chrono::NaiveDate>,
    ) -> Option<sitrep_model::Speaker> {
        let aff = s.affiliation.as_deref()?;
        // "Government of Somalia (Hirshabelle)": the parenthesis only narrows the name.
        let bare = aff.split(" (").next().unwrap_or(aff).trim();
        let i = self.dict.by_name(aff).or_else(|| self.dict.by_name(bare))?;
        let r = self.dict.reference(i, s.name.clone(), on);
        Some(sitrep_model::Speaker { name: r.name.clone(), text: s.name.clone(), affiliation: Some(r.name) })
    }

    fn read_country_of_source(&self, name: &str) -> Option<String> {
        // "Dawn" is the source "Dawn (Pakistan)": a parenthesis only disambiguates the name in text.
        let exact = self.dict.actors.iter().find(|a| {
            !a.international
                && a.name.split(" (").next().is_some_and(|n| n.eq_ignore_ascii_case(name.trim()))
                && a.kind == "media"
        });
        if let Some(a) = exact {
            return a.country.clone();
        }
        // "Radio Pakistan", "The Baluchistan Post": a source named after its country or province.
        let named_place = || {
            self.gazetteer()
                .find(name, &sitrep_geo::Context::default())
                .into_iter()
                .find(|p| {
                    matches!(
                        p.place.precision,
                        sitrep_model::GeoPrecision::Country | sitrep_model::GeoPrecision::Province
                    )
                })
                .map(|p| p.place.country)
        };
        let actor = self.scanner.scan(name).iter().find_map(|h| match h.tag {
            scan::Tag::Named(actors::Named::Actor(i)) => Some(&self.dict.actors[i]),
            _ => None,
        });
        match actor {
            // A wire agency's home country says nothing of where its stories happen, nor does
            // the country in its name ("Agence France Presse" is not a source on France).
            Some(a) if a.international => None,
            Some(a) => a.country.clone().or_else(named_place),
            None => named_place(),
        }
    }

    /// Number of canonical actors, persons and generic descriptors loaded.
    pub fn dictionary_size(&self) -> (usize, usize, usize) {
        (self.dict.actors.len(), self.dict.persons.len(), self.dict.generics.len())
    }

    /// Extracts everything from one document. Never fails: a document with nothing to report
    /// yields empty lists. A document without a readable publication date gets no relative dates.
    pub fn extract(&self, doc: &Document) -> DocOutput {
        let published = doc.published_date().ok().flatten();
        let source_country =
            doc.source.as_ref().and_then(|s| s.country.clone().or_else(|| self.country_of_source(s)));
        let d = doc::Doc::new(self, &doc.text, published, source_country);
        let mut out = DocOutput { doc_id: doc.id.clone(), ..DocOutput::default() };
        if d.out_of_domain() {
            return out;
        }
        let (tallies, used) = d.tallies();
        let (acled, plover) = d.candidates(&used);
        let merged = events::merge(&d, acled);
        // Background events are context for news; a text that reports no news of its own
        // (an anniversary, a history) reports no event.
        let has_news = merged.iter().any(|c| !c.background);
        // A total or a habit is no event; the text's own counts are tallies.
        out.events = merged
            .into_iter()
            .filter(|c| !c.aggregate)
            .filter(|c| has_news || !c.background)
            .map(|c| events::to_event(&d, c))
            .collect();
        out.events.extend(plover.into_iter().filter(|c| !c.background).map(|c| events::to_event(&d, c)));
        // What a text recalls from long before it was published is context, not its news.
        if let Some(p) = published {
            // Told as background and begun long before ("has intensified an offensive since
            // 2022"), an act is history too, though it runs to the present.
            let history = |e: &sitrep_model::Event| {
                e.background && e.date.is_some_and(|d| (p - d).num_days() > sitrep_model::HISTORY_DAYS)
            };
            let (context, news) = std::mem::take(&mut out.events).into_iter().partition(history);
            out.events = news;
            out.context = context;
        }
        // An armed group's own channel telling of its own attack claims it.
        if let Some(group) = doc.source.as_ref().and_then(|s| self.source_group(s, published)) {
            for e in out.events.iter_mut().filter(|e| e.event_type.is_some() && !e.background) {
                if e.claimed_by.is_none() && e.actor1.as_ref().is_some_and(|a| a.name == group) {
                    e.claimed_by = e.actor1.clone();
                }
            }
        }
        let voice = doc.source.as_ref().and_then(|s| self.source_voice(s, published));
        out.statements = d.statements(voice.as_ref());
        self.claims_of_their_own(&mut out);
        out.tallies = tallies;
        out
    }
}

impl Extractor {
    /// "… rises to 59. Jamaat-ul-Ahrar claims it.": a claim in a sentence that tells no violence
    /// of its own claims the violent event told before it, if nobody has claimed that one yet.
    fn claims_of_their_own(&self, out: &mut DocOutput) {
        for s in out.statements.iter().filter(|s| s.kind == sitrep_model::StatementKind::ClaimResponsibility)
        {
            let Some(at) = s.evidence.first() else { continue };
            let violent = |e: &sitrep_model::Event| e.event_type.is_some() && !e.background;
            if out.events.iter().any(|e| violent(e) && e.evidence.contains(at)) {
                continue;
            }
            let before = out
                .events
                .iter_mut()
                .filter(|e| violent(e) && e.evidence.first().is_some_and(|v| v.start < at.start))
                .last();
            if let Some(e) = before.filter(|e| e.claimed_by.is_none()) {
                let name = s.speaker.affiliation.clone().unwrap_or_else(|| s.speaker.name.clone());
                let text = s.speaker.text.clone();
                e.claimed_by = Some(match self.dict.by_name(&name) {
                    Some(i) => self.dict.reference(i, text, e.date),
                    None => ActorRef { name, text, kind: None, country: None },
                });
                if e.actor1.is_none() {
                    e.actor1 = e.claimed_by.clone();
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_source_country_is_the_same_read_or_remembered() {
        let ex = Extractor::with_defaults().unwrap();
        let sohr = sitrep_model::Source { name: Some("SOHR".into()), ..Default::default() };
        let first = ex.country_of_source(&sohr);
        assert_eq!(first.as_deref(), Some("SY"));
        assert_eq!(ex.country_of_source(&sohr), first);
        let none = sitrep_model::Source { name: Some("A Blog Of No Place".into()), ..Default::default() };
        assert_eq!(ex.country_of_source(&none), None);
        assert_eq!(ex.country_of_source(&none), None);
        // A wire agency writes about the world: the country in its name is not its stories'.
        let afp = sitrep_model::Source { name: Some("Agence France Presse".into()), ..Default::default() };
        assert_eq!(ex.country_of_source(&afp), None);
        let radio = sitrep_model::Source { name: Some("Radio Pakistan".into()), ..Default::default() };
        assert_eq!(ex.country_of_source(&radio).as_deref(), Some("PK"));
    }

    #[test]
    fn shipped_dictionaries_load() {
        let ex = Extractor::with_defaults().unwrap();
        let (actors, _, generics) = ex.dictionary_size();
        assert!(actors > 0 && generics > 0);
    }
}
