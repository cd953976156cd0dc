//! Whom a non-violent act is aimed at (PLOVER's target): the name or place after its verb,
//! in the dictionary or not, and never the source that reports it. Sentences written for sitrep.

use sitrep_extract::Extractor;
use sitrep_model::{Document, PloverType};

fn doc(text: &str) -> Document {
    let line = serde_json::json!({"id": "t", "published": "2024-05-06", "text": text});
    serde_json::from_value(line).expect("a valid document line")
}

/// (actor1 name, actor2 text) of the first event of a PLOVER type.
fn sides(ex: &Extractor, text: &str, t: PloverType) -> (String, String) {
    let out = ex.extract(&doc(text));
    let e = out
        .events
        .iter()
        .find(|e| e.plover.kind == t)
        .unwrap_or_else(|| panic!("no {t:?} event in {text:?}: {:?}", out.events));
    let a1 = e.actor1.as_ref().map(|a| a.name.clone()).unwrap_or_default();
    let a2 = e.actor2.as_ref().and_then(|a| a.text.clone()).unwrap_or_default();
    (a1, a2)
}

#[test]
fn the_target_is_what_follows_the_verb() {
    let ex = Extractor::with_defaults().expect("shipped dictionaries load");
    // (text, type, actor1 name, actor2 text)
    let cases = [
        (
            "Japan sent medical supplies to Sri Lanka on Tuesday, officials said.",
            PloverType::Aid,
            "Government of Japan",
            "Sri Lanka",
        ),
        (
            "Ghana has agreed to open an embassy in Abuja, the foreign ministry said on Monday.",
            PloverType::Agree,
            "Government of Ghana",
            "Abuja",
        ),
        (
            "The Kenyan president hosted Somali President Hassan Sheikh Mohamud in Nairobi on Friday.",
            PloverType::Consult,
            "Kenyan",
            "Somali President Hassan Sheikh Mohamud",
        ),
    ];
    for (text, t, a1, a2) in cases {
        assert_eq!(sides(&ex, text, t), (a1.to_string(), a2.to_string()), "{text}");
    }
}

#[test]
fn who_reports_an_act_is_not_its_target() {
    let ex = Extractor::with_defaults().expect("shipped dictionaries load");
    let text = "Two soldiers were killed as Indian and Pakistani troops traded fire across the border, \
                Pakistani officials said.";
    let out = ex.extract(&doc(text));
    assert!(out.events.iter().any(|e| e.event_type.is_some()), "the clash: {:?}", out.events);
    for e in &out.events {
        let a2 = e.actor2.as_ref().and_then(|a| a.text.as_deref()).unwrap_or("");
        assert!(!a2.contains("officials"), "the officials reported the clash: {a2}");
    }
}

#[test]
fn a_platform_is_no_target() {
    let ex = Extractor::with_defaults().expect("shipped dictionaries load");
    let out = ex.extract(&doc("The TTP rejected the accusation in a statement on Telegram."));
    assert!(out.events.iter().any(|e| e.plover.kind == PloverType::Reject), "{:?}", out.events);
    for e in &out.events {
        let a2 = e.actor2.as_ref().and_then(|a| a.text.as_deref()).unwrap_or("");
        assert_ne!(a2, "Telegram", "{e:?}");
    }
}
