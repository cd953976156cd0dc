//! The actor dictionary: canonical actors with aliases, persons with roles, and generic
//! descriptors typed by context. Loaded from TOML (schema in `data/actors/README.md`).

use crate::Error;
use chrono::NaiveDate;
use serde::Deserialize;
use sitrep_model::ActorRef;
use std::collections::HashMap;

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    actor: Vec<RawActor>,
    #[serde(default)]
    person: Vec<RawPerson>,
    #[serde(default)]
    generic: Vec<RawGeneric>,
    #[serde(default)]
    roles: RawRoles,
}

/// `[roles]`: words that decide which side of an act is which (`data/actors/roles.toml`).
#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawRoles {
    #[serde(default)]
    defence: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawActor {
    name: String,
    #[serde(default)]
    aliases: Vec<String>,
    #[serde(default)]
    acronyms: Vec<String>,
    kind: String,
    country: Option<String>,
    parent: Option<String>,
    from: Option<String>,
    to: Option<String>,
    #[serde(default)]
    period: Vec<RawPeriod>,
    reach: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPeriod {
    kind: String,
    from: Option<String>,
    to: Option<String>,
    country: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPerson {
    name: String,
    #[serde(default)]
    aliases: Vec<String>,
    role: String,
    affiliation: String,
    country: Option<String>,
    from: Option<String>,
    to: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawGeneric {
    terms: Vec<String>,
    name: String,
    kind: String,
    #[serde(default)]
    names_the_group: bool,
}

/// The kinds an actor may have; anything else in a file is an error.
pub const KINDS: &[&str] = &[
    "state_forces",
    "police",
    "government",
    "rebel",
    "political_militia",
    "identity_militia",
    "civilians",
    "external",
    "igo",
    "media",
    "political_party",
    "unidentified",
    "protesters",
    "rioters",
];

/// Kinds that carry arms: an attack on them is a clash, not violence against civilians.
pub fn is_armed_kind(kind: &str) -> bool {
    matches!(
        kind,
        "state_forces" | "police" | "rebel" | "political_militia" | "identity_militia" | "unidentified"
    )
}

/// Armed kinds that are not the state's own forces: rebels, militias, unidentified gunmen.
pub fn is_non_state_armed_kind(kind: &str) -> bool {
    is_armed_kind(kind) && kind != "state_forces" && kind != "police"
}

#[derive(Debug, Clone)]
pub struct Period {
    pub kind: String,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub country: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Actor {
    pub name: String,
    pub kind: String,
    pub country: Option<String>,
    pub parent: Option<usize>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub periods: Vec<Period>,
    /// A news organisation that reports from everywhere (`reach = "international"`).
    pub international: bool,
}

impl Actor {
    /// The actor's kind on a date (a rebel group may be a state's forces later).
    pub fn kind_on(&self, date: Option<NaiveDate>) -> &str {
        if let Some(d) = date {
            for p in &self.periods {
                if p.from.is_none_or(|f| f <= d) && p.to.is_none_or(|t| d <= t) {
                    return &p.kind;
                }
            }
        }
        &self.kind
    }
}

#[derive(Debug, Clone)]
pub struct Person {
    pub name: String,
    pub role: String,
    pub affiliation: usize,
    pub country: Option<String>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

#[derive(Debug, Clone)]
pub struct Generic {
    /// A name template; `{country}` is replaced with the country of the event's place.
    pub template: String,
    pub kind: String,
    /// The terms name the one armed group the document names, where it names exactly one
    /// ("insurgents" in a report that says Islamic State claimed the attack).
    pub names_the_group: bool,
}

/// What a dictionary phrase names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Named {
    Actor(usize),
    Person(usize),
    /// A person's surname alone: it names the person only after the full name has appeared.
    Surname(usize),
    Generic(usize),
}

/// A phrase and how it must be matched.
#[derive(Debug, Clone)]
pub struct Phrase {
    pub text: String,
    pub case_sensitive: bool,
    pub named: Named,
}

#[derive(Debug, Default)]
pub struct ActorDict {
    pub actors: Vec<Actor>,
    pub persons: Vec<Person>,
    pub generics: Vec<Generic>,
    pub phrases: Vec<Phrase>,
    /// Verbs of holding off an attack, lower case: their subject was attacked.
    pub defence_verbs: Vec<String>,
    by_name: HashMap<String, usize>,
    /// (parent, country) → the branch of the parent that operates in that country.
    branches: HashMap<(usize, String), usize>,
    /// The actors whose kind changes over time (`[[actor.period]]`).
    with_periods: Vec<usize>,
    /// How many persons bear each last name: `unique_surname` counted them all on every call.
    surnames: HashMap<String, usize>,
}

fn date(file: &str, what: &str, s: &Option<String>) -> Result<Option<NaiveDate>, Error> {
    match s.as_deref().map(str::trim) {
        None | Some("") => Ok(None),
        Some(v) => NaiveDate::parse_from_str(v, "%Y-%m-%d").map(Some).map_err(|_| Error::Data {
            file: file.into(),
            message: format!("{what}: {v:?} is not YYYY-MM-DD"),
        }),
    }
}

fn surname(p: &Person) -> Option<&str> {
    p.name.split_whitespace().last()
}

fn fold(s: &str) -> String {
    s.trim().to_lowercase()
}

impl ActorDict {
    /// The record of actor `i` as it stood on `date`, written `text` in the document.
    pub fn reference(&self, i: usize, text: Option<String>, date: Option<NaiveDate>) -> ActorRef {
        let a = &self.actors[i];
        ActorRef {
            name: a.name.clone(),
            text,
            kind: Some(a.kind_on(date).to_string()),
            country: a.country.clone(),
        }
    }

    /// Loads and cross-checks dictionary files given as (file name, contents).
    pub fn load<'a>(files: impl IntoIterator<Item = (&'a str, &'a str)>) -> Result<ActorDict, Error> {
        let parsed: Vec<(&str, File)> = files
            .into_iter()
            .map(|(name, text)| {
                toml::from_str::<File>(text)
                    .map(|f| (name, f))
                    .map_err(|e| Error::Data { file: name.into(), message: e.to_string() })
            })
            .collect::<Result<_, _>>()?;
        let mut d = ActorDict::default();
        let mut parents: Vec<(usize, &str, String)> = Vec::new();
        // Actors first, so that persons and parents can name actors from any file.
        for (file, f) in &parsed {
            for a in &f.actor {
                let err = |m: String| Error::Data {
                    file: (*file).into(),
                    message: format!("actor {:?}: {m}", a.name),
                };
                if !KINDS.contains(&a.kind.as_str()) {
                    return Err(err(format!("unknown kind {:?}", a.kind)));
                }
                if d.by_name.contains_key(&fold(&a.name)) {
                    return Err(err("defined twice".into()));
                }
                let mut periods = Vec::new();
                for p in &a.period {
                    if !KINDS.contains(&p.kind.as_str()) {
                        return Err(err(format!("unknown period kind {:?}", p.kind)));
                    }
                    periods.push(Period {
                        kind: p.kind.clone(),
                        from: date(file, "period from", &p.from)?,
                        to: date(file, "period to", &p.to)?,
                        country: p.country.clone(),
                    });
                }
                let id = d.actors.len();
                d.actors.push(Actor {
                    name: a.name.clone(),
                    kind: a.kind.clone(),
                    country: a.country.clone(),
                    parent: None,
                    from: date(file, "from", &a.from)?,
                    to: date(file, "to", &a.to)?,
                    periods,
                    international: match a.reach.as_deref() {
                        None => false,
                        Some("international") => true,
                        Some(x) => return Err(err(format!("reach {x:?}: only \"international\""))),
                    },
                });
                d.by_name.insert(fold(&a.name), id);
                if let Some(p) = &a.parent {
                    parents.push((id, file, p.clone()));
                }
                d.phrases.push(Phrase {
                    text: a.name.clone(),
                    case_sensitive: false,
                    named: Named::Actor(id),
                });
                for al in &a.aliases {
                    d.phrases.push(Phrase {
                        text: al.clone(),
                        case_sensitive: false,
                        named: Named::Actor(id),
                    });
                }
                for ac in &a.acronyms {
                    d.phrases.push(Phrase {
                        text: ac.clone(),
                        case_sensitive: true,
                        named: Named::Actor(id),
                    });
                }
            }
        }
        for (id, file, parent) in parents {
            let p = *d.by_name.get(&fold(&parent)).ok_or_else(|| Error::Data {
                file: file.into(),
                message: format!("actor {:?}: parent {parent:?} is not defined", d.actors[id].name),
            })?;
            d.actors[id].parent = Some(p);
            // Only a transnational parent has branches to choose from: "Daesh" in Afghanistan is
            // ISKP, but "Taliban" in Afghanistan is not the Haqqani Network.
            if let Some(c) = d.actors[id].country.clone()
                && d.actors[p].country.is_none()
            {
                d.branches.entry((p, c)).or_insert(id);
            }
        }
        for (file, f) in &parsed {
            d.defence_verbs.extend(f.roles.defence.iter().map(|w| fold(w)));
            for p in &f.person {
                let affiliation = *d.by_name.get(&fold(&p.affiliation)).ok_or_else(|| Error::Data {
                    file: (*file).into(),
                    message: format!("person {:?}: affiliation {:?} is not defined", p.name, p.affiliation),
                })?;
                let id = d.persons.len();
                d.persons.push(Person {
                    name: p.name.clone(),
                    role: p.role.clone(),
                    affiliation,
                    country: p.country.clone(),
                    from: date(file, "from", &p.from)?,
                    to: date(file, "to", &p.to)?,
                });
                d.phrases.push(Phrase {
                    text: p.name.clone(),
                    case_sensitive: false,
                    named: Named::Person(id),
                });
                for al in &p.aliases {
                    d.phrases.push(Phrase {
                        text: al.clone(),
                        case_sensitive: false,
                        named: Named::Person(id),
                    });
                }
                // The surname alone names the person once the full name is known; matched with its
                // capital so that "Mujahid" the person is not "mujahid" the word.
                if let Some(last) = p.name.split_whitespace().last().filter(|w| w.chars().count() >= 4) {
                    d.phrases.push(Phrase {
                        text: last.to_string(),
                        case_sensitive: true,
                        named: Named::Surname(id),
                    });
                }
            }
            for g in &f.generic {
                if !KINDS.contains(&g.kind.as_str()) {
                    return Err(Error::Data {
                        file: (*file).into(),
                        message: format!("generic {:?}: unknown kind", g.name),
                    });
                }
                let id = d.generics.len();
                d.generics.push(Generic {
                    template: g.name.clone(),
                    kind: g.kind.clone(),
                    names_the_group: g.names_the_group,
                });
                for t in &g.terms {
                    d.phrases.push(Phrase {
                        text: t.clone(),
                        case_sensitive: false,
                        named: Named::Generic(id),
                    });
                }
            }
        }
        d.check_aliases()?;
        d.with_periods = (0..d.actors.len()).filter(|&i| !d.actors[i].periods.is_empty()).collect();
        for p in &d.persons {
            if let Some(s) = surname(p) {
                *d.surnames.entry(s.to_string()).or_default() += 1;
            }
        }
        Ok(d)
    }

    /// No phrase may name two different things (an alias shared by two actors is ambiguous).
    fn check_aliases(&self) -> Result<(), Error> {
        let mut seen: HashMap<(String, bool), Vec<Named>> = HashMap::new();
        for p in self.phrases.iter().filter(|p| !matches!(p.named, Named::Surname(_))) {
            let key = if p.case_sensitive { (p.text.clone(), true) } else { (fold(&p.text), false) };
            let names = seen.entry(key).or_default();
            let clash = names.iter().copied().find(|&prev| {
                prev != p.named
                    && !matches!((prev, p.named), (Named::Person(_), Named::Person(_)))
                    && !self.decided_by_country(prev, p.named)
            });
            names.push(p.named);
            if let Some(prev) = clash {
                return Err(Error::Data {
                    file: "actors".into(),
                    message: format!(
                        "{:?} names both {} and {}",
                        p.text,
                        self.describe(prev),
                        self.describe(p.named)
                    ),
                });
            }
        }
        Ok(())
    }

    /// Two actors of different home countries may share a short form ("SNA" is Somalia's army
    /// and the Syrian National Army): the document's country decides between them
    /// (`Doc::find_mentions`), and nothing is named where it cannot.
    fn decided_by_country(&self, a: Named, b: Named) -> bool {
        let (Named::Actor(a), Named::Actor(b)) = (a, b) else { return false };
        let (ca, cb) = (&self.actors[a].country, &self.actors[b].country);
        ca.is_some() && cb.is_some() && ca != cb
    }

    /// Of the actors that share a name, the one a document means: one it has already named in
    /// full ("Somali National Army (SNA)"), else the one at home in the document's country, else
    /// the one whose country the document names as a place. None when that does not decide.
    pub fn decide_by_country(
        &self,
        candidates: &[usize],
        named_before: impl Fn(usize) -> bool,
        doc_country: Option<&str>,
        place_countries: &[&str],
    ) -> Option<usize> {
        let one = |keep: &dyn Fn(usize) -> bool| {
            let mut it = candidates.iter().copied().filter(|&i| keep(i));
            let first = it.next();
            if it.next().is_some() { None } else { first }
        };
        let home = |i: usize, c: &str| self.actors[i].country.as_deref() == Some(c);
        one(&|i| named_before(i))
            .or_else(|| doc_country.and_then(|c| one(&|i| home(i, c))))
            .or_else(|| one(&|i| place_countries.iter().any(|c| home(i, c))))
    }

    fn describe(&self, n: Named) -> String {
        match n {
            Named::Actor(i) => format!("actor {:?}", self.actors[i].name),
            Named::Person(i) | Named::Surname(i) => format!("person {:?}", self.persons[i].name),
            Named::Generic(i) => format!("generic {:?}", self.generics[i].template),
        }
    }

    /// Whether a person's surname is long and shared by no other person in the dictionary.
    pub fn unique_surname(&self, person: usize) -> bool {
        let Some(s) = surname(&self.persons[person]) else { return false };
        s.chars().count() >= 5 && self.surnames.get(s) == Some(&1)
    }

    pub fn by_name(&self, name: &str) -> Option<usize> {
        self.by_name.get(&fold(name)).copied()
    }

    /// The branch of an actor that operates in a country ("Daesh" in Afghanistan is ISKP).
    pub fn branch_in(&self, actor: usize, country: &str) -> usize {
        self.branches.get(&(actor, country.to_string())).copied().unwrap_or(actor)
    }

    /// The actor that holds a state role (state_forces, government, police) in a country on a
    /// date, where a dictionary period says so (the Taliban in Afghanistan from 2021-08-15).
    pub fn state_holder(&self, country: &str, kind: &str, date: Option<NaiveDate>) -> Option<usize> {
        let d = date?;
        // Only actors with periods can hold another's role: a handful, indexed at load.
        self.with_periods.iter().copied().find(|&i| {
            let a = &self.actors[i];
            a.periods.iter().any(|p| {
                // An actor that became a state's forces holds its government and police too.
                (p.kind == kind || (matches!(kind, "government" | "police") && p.kind == "state_forces"))
                    && a.country.as_deref() == Some(country)
                    && p.country.as_deref().is_none_or(|c| c == country)
                    && p.from.is_none_or(|f| f <= d)
                    && p.to.is_none_or(|t| d <= t)
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = r#"
[[actor]]
name = "Islamic State"
aliases = ["Daesh"]
acronyms = ["IS", "ISIS"]
kind = "rebel"
[[actor]]
name = "Islamic State Khorasan Province"
acronyms = ["ISKP"]
kind = "rebel"
country = "AF"
parent = "Islamic State"
[[actor]]
name = "Taliban"
kind = "rebel"
country = "AF"
[[actor.period]]
kind = "state_forces"
from = "2021-08-15"
[[person]]
name = "Zabihullah Mujahid"
role = "spokesman"
affiliation = "Taliban"
[[generic]]
terms = ["gunmen"]
name = "Unidentified Armed Group ({country})"
kind = "unidentified"
"#;

    #[test]
    fn loads_branches_periods_and_surnames() {
        let d = ActorDict::load([("t.toml", SAMPLE)]).unwrap();
        let is = d.by_name("islamic state").unwrap();
        let iskp = d.by_name("Islamic State Khorasan Province").unwrap();
        assert_eq!(d.branch_in(is, "AF"), iskp);
        assert_eq!(d.branch_in(is, "IQ"), is);
        let tal = d.by_name("Taliban").unwrap();
        let after = NaiveDate::from_ymd_opt(2023, 1, 1);
        let before = NaiveDate::from_ymd_opt(2020, 1, 1);
        assert_eq!(d.actors[tal].kind_on(after), "state_forces");
        assert_eq!(d.actors[tal].kind_on(before), "rebel");
        assert_eq!(d.state_holder("AF", "state_forces", after), Some(tal));
        assert_eq!(d.state_holder("AF", "government", after), Some(tal));
        assert_eq!(d.state_holder("AF", "state_forces", before), None);
        assert!(d.phrases.iter().any(|p| p.text == "Mujahid" && p.named == Named::Surname(0)));
        assert!(d.unique_surname(0));
    }

    #[test]
    fn a_shared_or_short_surname_is_not_unique() {
        let more = "[[person]]\nname = \"Ahmad Mujahid\"\nrole = \"x\"\naffiliation = \"Taliban\"\n\
                    [[person]]\nname = \"Ali Khan\"\nrole = \"x\"\naffiliation = \"Taliban\"\n";
        let d = ActorDict::load([("t.toml", SAMPLE), ("u.toml", more)]).unwrap();
        let unique: Vec<bool> = (0..d.persons.len()).map(|i| d.unique_surname(i)).collect();
        assert_eq!(unique, [false, false, false]);
    }

    #[test]
    fn a_short_form_shared_across_countries_is_decided_by_the_document() {
        let two = "[[actor]]\nname = \"A\"\nacronyms = [\"XNA\"]\nkind = \"rebel\"\ncountry = \"SY\"\n\
                   [[actor]]\nname = \"B\"\nacronyms = [\"XNA\"]\nkind = \"state_forces\"\ncountry = \"SO\"\n";
        let d = ActorDict::load([("t.toml", two)]).unwrap();
        let (a, b) = (d.by_name("A").unwrap(), d.by_name("B").unwrap());
        let none = |_: usize| false;
        let cases: &[(Option<&str>, &[&str], Option<usize>)] = &[
            (Some("SO"), &[], Some(b)),
            (Some("SY"), &["SO"], Some(a)),
            (None, &["SO"], Some(b)),
            (None, &["SO", "SY"], None),
            (Some("KE"), &[], None),
            (None, &[], None),
        ];
        for (country, places, want) in cases {
            assert_eq!(d.decide_by_country(&[a, b], none, *country, places), *want, "{country:?} {places:?}");
        }
        // A name spelled out earlier in the document wins over the document's country.
        assert_eq!(d.decide_by_country(&[a, b], |i| i == a, Some("SO"), &[]), Some(a));
        // The same short form for two actors of one country (or of none) stays an error.
        let same = two.replace("\"SO\"", "\"SY\"");
        assert!(ActorDict::load([("t.toml", same.as_str())]).is_err());
    }

    #[test]
    fn roles_of_every_file_are_gathered_in_lower_case() {
        let a = "[roles]\ndefence = [\"Repelled\", \"fended off\"]\n";
        let b = "[roles]\ndefence = [\"repulsed\"]\n";
        let d = ActorDict::load([("a.toml", a), ("b.toml", b), ("t.toml", SAMPLE)]).unwrap();
        assert_eq!(d.defence_verbs, ["repelled", "fended off", "repulsed"]);
        assert!(ActorDict::load([("c.toml", "[roles]\nattack = [\"x\"]\n")]).is_err());
    }

    #[test]
    fn bad_files_are_errors() {
        let dup = format!("{SAMPLE}\n[[actor]]\nname = \"Taliban\"\nkind = \"rebel\"\n");
        assert!(ActorDict::load([("t.toml", dup.as_str())]).is_err());
        let bad_parent = "[[actor]]\nname = \"X\"\nkind = \"rebel\"\nparent = \"Nobody\"\n";
        assert!(ActorDict::load([("t.toml", bad_parent)]).is_err());
        let bad_kind = "[[actor]]\nname = \"X\"\nkind = \"warlord\"\n";
        assert!(ActorDict::load([("t.toml", bad_kind)]).is_err());
        let clash = "[[actor]]\nname = \"X\"\naliases=[\"Y\"]\nkind = \"rebel\"\n[[actor]]\nname = \"Z\"\naliases=[\"y\"]\nkind = \"rebel\"\n";
        assert!(ActorDict::load([("t.toml", clash)]).is_err());
        let bad_aff = "[[person]]\nname = \"A B\"\nrole = \"x\"\naffiliation = \"Nobody\"\n";
        assert!(ActorDict::load([("t.toml", bad_aff)]).is_err());
    }
}
