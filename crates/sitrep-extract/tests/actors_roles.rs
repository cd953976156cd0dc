//! Who acted and who was hit: the roles of the actors of an event.

mod common;

use common::{ex, violent};

fn name(a: &Option<sitrep_model::ActorRef>) -> String {
    a.as_ref().map(|a| a.name.clone()).unwrap_or_default()
}

#[test]
fn the_subject_of_a_passive_attack_with_an_instrument_was_hit() {
    let ex = ex();
    // (text, actor1 must not be, actor2 must be)
    let cases = [
        (
            "The army's outpost near Tame, Arauca, was attacked with a drone on Tuesday, wounding two soldiers.",
            "Military Forces of Colombia",
            "Military Forces of Colombia",
        ),
        (
            "A police station in Bannu was struck with a rocket overnight, killing one constable.",
            "Police Forces of Pakistan",
            "Police Forces of Pakistan",
        ),
    ];
    for (text, not_a1, a2) in cases {
        let evs = violent(ex, text, "2025-03-10");
        assert!(!evs.is_empty(), "{text}");
        assert!(evs.iter().all(|e| name(&e.actor1) != not_a1), "{text}: {evs:?}");
        assert!(evs.iter().any(|e| name(&e.actor2) == a2), "{text}: {evs:?}");
    }
    // A passive with its agent named keeps the agent as the doer.
    let text = "A police station in Bannu was attacked by TTP fighters on Sunday, killing one constable.";
    let evs = violent(ex, text, "2025-03-10");
    assert!(evs.iter().any(|e| name(&e.actor1) == "Tehrik-i-Taliban Pakistan"), "{evs:?}");
    // An active sentence keeps its subject: the army struck with its drone.
    let evs =
        violent(ex, "The army struck a rebel camp near Tame, Arauca, with a drone on Tuesday.", "2025-03-10");
    assert!(evs.iter().any(|e| name(&e.actor1) == "Military Forces of Colombia"), "{evs:?}");
}

#[test]
fn a_group_that_claims_an_act_with_no_named_doer_did_it() {
    let ex = ex();
    let text = "Gunmen attacked a checkpoint near Djibo on Monday, killing six soldiers. JNIM claimed \
                responsibility for the attack.";
    let evs = violent(ex, text, "2025-03-10");
    let e = evs.iter().find(|e| e.fatalities.min == Some(6)).unwrap_or_else(|| panic!("{evs:?}"));
    assert_eq!(name(&e.claimed_by), "Jama'at Nusrat al-Islam wal-Muslimin", "{e:?}");
    assert_eq!(name(&e.actor1), "Jama'at Nusrat al-Islam wal-Muslimin", "{e:?}");
    // A named doer stays the doer whoever claims the act.
    let text = "ISWAP fighters attacked a base in Borno on Monday, killing six soldiers. Boko Haram claimed \
                responsibility for the attack.";
    let evs = violent(ex, text, "2025-03-10");
    assert!(evs.iter().any(|e| name(&e.actor1) == "Islamic State West Africa Province"), "{evs:?}");
}

#[test]
fn the_subject_of_a_passive_toll_suffered_the_act_after_it() {
    let ex = ex();
    let text = "Three police officers were wounded on Monday when a roadside bomb hit their patrol near \
                Bannu, Pakistan.";
    let evs = violent(ex, text, "2025-03-10");
    assert!(evs.iter().all(|e| name(&e.actor1) != "Police Forces of Pakistan"), "{evs:?}");
    assert!(evs.iter().any(|e| name(&e.actor2) == "Police Forces of Pakistan"), "{evs:?}");
    // The subject of an active verb before the act still acted.
    let text = "Soldiers killed three militants on Monday in a raid near Bannu, Pakistan.";
    let evs = violent(ex, text, "2025-03-10");
    assert!(evs.iter().any(|e| name(&e.actor1) == "Military Forces of Pakistan"), "{evs:?}");
}

#[test]
fn who_holds_off_an_attack_was_attacked() {
    let ex = ex();
    // (text, actor1, actor2) of some violent event of the text
    let cases = [
        (
            "Soldiers repelled a TTP attack on a checkpoint in Bannu, Pakistan, on Monday.",
            "Tehrik-i-Taliban Pakistan",
            "Military Forces of Pakistan",
        ),
        (
            "An attack by TTP fighters on a checkpoint in Bannu, Pakistan, was repulsed by police on Monday.",
            "Tehrik-i-Taliban Pakistan",
            "Police Forces of Pakistan",
        ),
        (
            "Police fended off an attack by TTP fighters on a station in Bannu, Pakistan, on Monday.",
            "Tehrik-i-Taliban Pakistan",
            "Police Forces of Pakistan",
        ),
        (
            "Soldiers attacked a TTP hideout in Bannu, Pakistan, on Monday.",
            "Military Forces of Pakistan",
            "Tehrik-i-Taliban Pakistan",
        ),
    ];
    for (text, a1, a2) in cases {
        let evs = violent(ex, text, "2025-03-10");
        assert!(
            evs.iter().any(|e| name(&e.actor1) == a1 && name(&e.actor2) == a2),
            "{text}: want {a1} / {a2} in {:?}",
            evs.iter().map(|e| (name(&e.actor1), name(&e.actor2))).collect::<Vec<_>>()
        );
    }
}

#[test]
fn a_civilian_target_no_name_gives_is_the_civilians_of_the_country() {
    let ex = ex();
    // (text, actor1, actor2)
    let cases = [
        (
            "Gunmen of the Viv Ansanm coalition attacked the village of Savanette, Haiti, on Friday, \
             burning houses.",
            "Viv Ansanm",
            "Civilians (Haiti)",
        ),
        (
            "Russian missiles struck a school in Sumy, Ukraine, overnight.",
            "Military Forces of Russia",
            "Civilians (Ukraine)",
        ),
        // Near the village is where it happened: what was bombed was no civilian.
        (
            "ELN guerrillas bombed an oil pipeline near the village of Caño Verde in Arauca, Colombia, on Sunday.",
            "National Liberation Army",
            "",
        ),
    ];
    for (text, a1, a2) in cases {
        let evs = violent(ex, text, "2025-03-10");
        let e = evs.first().unwrap_or_else(|| panic!("no event in {text:?}"));
        assert_eq!((name(&e.actor1), name(&e.actor2)), (a1.to_string(), a2.to_string()), "{text}");
    }
}
