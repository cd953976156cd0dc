use super::*;
use proptest::prelude::*;
use std::collections::HashSet;

fn generator() -> &'static Generator {
    static G: std::sync::OnceLock<Generator> = std::sync::OnceLock::new();
    G.get_or_init(|| match Generator::embedded() {
        Ok(g) => g,
        Err(e) => panic!("embedded data: {e}"),
    })
}

#[test]
fn embedded_data_parses() {
    let g = generator();
    assert!(g.events.len() >= 5);
    assert!(g.places().count() >= 10);
}

#[test]
fn same_seed_same_document_other_index_other_document() {
    let g = generator();
    let a = g.generate(7, 42);
    let b = g.generate(7, 42);
    assert_eq!(a.doc, b.doc);
    assert_eq!(a.truth, b.truth);
    let texts: HashSet<String> = (0..200).map(|i| g.generate(7, i).doc.text).collect();
    assert!(texts.len() > 190, "only {} distinct texts in 200", texts.len());
    assert_ne!(g.generate(8, 42).doc.text, a.doc.text);
}

#[test]
fn every_actor_text_is_known_to_the_actor_dictionary() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/actors");
    let mut known: Vec<(String, HashSet<String>)> = Vec::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().and_then(|e| e.to_str()) != Some("toml") {
            continue;
        }
        let v: toml::Value = toml::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        for a in v.get("actor").and_then(|a| a.as_array()).into_iter().flatten() {
            let name = a["name"].as_str().unwrap().to_string();
            let mut forms: HashSet<String> = HashSet::from([name.to_lowercase()]);
            for key in ["aliases", "acronyms"] {
                for f in a.get(key).and_then(|x| x.as_array()).into_iter().flatten() {
                    forms.insert(f.as_str().unwrap().to_lowercase());
                }
            }
            known.push((name, forms));
        }
    }
    for a in generator().actors() {
        let (_, forms) = known
            .iter()
            .find(|(n, _)| n == &a.name)
            .unwrap_or_else(|| panic!("{} is not a canonical name in data/actors", a.name));
        for t in &a.texts {
            let t = t.strip_prefix("the ").unwrap_or(t).to_lowercase();
            assert!(forms.contains(&t), "{:?} is not an alias of {}", t, a.name);
        }
    }
}

#[test]
fn bad_templates_are_refused() {
    let ok = TEMPLATES;
    let words = "[words]\nnumbers = [\"zero\", \"one\"]\nat_least = [\"at least\"]\nsources = [\"S\"]\n";
    let filler = "[[filler]]\ntext = [\"Calm.\"]\n";
    let cases: &[(&str, &str)] = &[
        (
            "unknown slot",
            "[[event]]\nsub_event_type = \"Attack\"\nactor1 = \"militant\"\nactor2 = \"civilians\"\nlead = [\"{who} hit {place}.\"]\n",
        ),
        (
            "civilian actor1",
            "[[event]]\nsub_event_type = \"Attack\"\nactor1 = \"civilians\"\nactor2 = \"state\"\nlead = [\"x {place}.\"]\n",
        ),
        (
            "unknown a1 written",
            "[[event]]\nsub_event_type = \"Grenade\"\nactor1 = \"unknown\"\nactor2 = \"civilians\"\nlead = [\"{a1} threw a grenade in {place}.\"]\n",
        ),
        (
            "no lead",
            "[[event]]\nsub_event_type = \"Grenade\"\nactor1 = \"unknown\"\nactor2 = \"civilians\"\nlead = []\n",
        ),
        (
            "bad sub-event",
            "[[event]]\nsub_event_type = \"Skirmish\"\nactor1 = \"state\"\nactor2 = \"militant\"\nlead = [\"x.\"]\n",
        ),
    ];
    for (why, event) in cases {
        let text = format!("{event}{filler}{words}");
        assert!(Generator::parse(&text, PLACES, ACTORS).is_err(), "{why} was accepted");
    }
    assert!(Generator::parse(ok, PLACES, ACTORS).is_ok());
    assert!(
        Generator::parse(ok, "[[place]]\nname = \"X\"\ncountry = \"ZZ\"\nadmin1 = \"Y\"\n", ACTORS).is_err()
    );
}

#[test]
fn expand_fills_and_capitalises() {
    let cases: &[(&str, &str)] = &[
        ("{a1} hit {place}.", "isis hit Mosul."),
        ("{A1} hit {place}.", "Isis hit Mosul."),
        ("no slots", "no slots"),
        ("open { brace", "open { brace"),
    ];
    for (t, want) in cases {
        let got = expand(t, |s| match s.to_ascii_lowercase().as_str() {
            "a1" => Some("isis".into()),
            "place" => Some("Mosul".into()),
            _ => None,
        });
        assert_eq!(&got, want, "{t}");
    }
}

proptest! {
    #[test]
    fn any_document_is_valid_and_agrees_with_its_truth(seed in any::<u64>(), index in any::<u64>()) {
        let g = generator().generate(seed, index);
        prop_assert!(g.doc.validate().is_ok());
        let text = &g.doc.text;
        prop_assert!(!text.contains('{') && !text.contains('}'), "{}", text);
        prop_assert!(text.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit()), "{}", text);
        let e = &g.truth.events[0];
        prop_assert!(text.contains(&e.location));
        prop_assert!(e.date <= g.truth.published);
        prop_assert!(g.truth.published - e.date <= chrono::TimeDelta::days(20));
        let weekday = format!("on {}", e.date.format("%A"));
        let month_day = [
            format!("on {} {}", e.date.day(), e.date.format("%B")),
            format!("on {} {}", e.date.format("%B"), e.date.day()),
        ];
        prop_assert!(text.contains(&weekday) || month_day.iter().any(|m| text.contains(m.as_str())), "{}", text);
        let n = e.fatalities.unwrap_or(0);
        let word = generator().words.numbers.get(n as usize).cloned().unwrap_or_default();
        prop_assert!(text.contains(&n.to_string()) || text.to_lowercase().contains(&word), "{n}: {}", text);
        let claims = ["claimed a", "claimed responsibility", "carried out the attack"];
        prop_assert_eq!(e.claimed_by.is_some(), claims.iter().any(|c| text.contains(c)), "{}", text);
    }
}
