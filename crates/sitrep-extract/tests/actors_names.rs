//! How names in a report become actors: short forms several groups share, words that only look
//! like a name, descriptors of the one group a report is about, and claims in the passive.

mod common;

use common::{ex, violent};
use sitrep_extract::Extractor;

/// actor1 and actor2 of the first violent event of `text` ("" where unknown).
fn sides(ex: &Extractor, text: &str) -> (String, String) {
    let evs = violent(ex, text, "2025-03-10");
    let e = evs.first().unwrap_or_else(|| panic!("no event in {text:?}"));
    let name = |a: &Option<sitrep_model::ActorRef>| a.as_ref().map(|a| a.name.clone()).unwrap_or_default();
    (name(&e.actor1), name(&e.actor2))
}

fn names(ex: &Extractor, text: &str) -> Vec<String> {
    violent(ex, text, "2025-03-10")
        .iter()
        .flat_map(|e| [&e.actor1, &e.actor2, &e.claimed_by])
        .flatten()
        .map(|a| a.name.clone())
        .collect()
}

#[test]
fn a_short_form_two_groups_share_is_the_one_of_the_reports_country() {
    let ex = ex();
    // (text, a name that must be among the actors, a name that must not)
    let cases = [
        (
            "Militants fired mortars at an SNA base in Jowhar, Somalia, on Sunday, wounding two soldiers.",
            "Military Forces of Somalia",
            "Syrian National Army",
        ),
        (
            "SNA fighters shelled a village near Afrin, Syria, killing three people.",
            "Syrian National Army",
            "Somalia",
        ),
        ("PLA cadres ambushed a police patrol in Imphal, Manipur, killing one officer.", "Manipur", "China"),
        (
            "Soldiers of the Somali National Army (SNA) killed four fighters of al-Shabaab near Afgooye. \
             The SNA said the operation continues.",
            "Military Forces of Somalia",
            "Syrian",
        ),
        (
            "Troops killed six khawarij in an operation in Bannu district.",
            "Tehrik-i-Taliban Pakistan",
            "Unidentified",
        ),
    ];
    for (text, want, not) in cases {
        let got = names(ex, text);
        assert!(got.iter().any(|n| n.contains(want)), "{text}: want {want} in {got:?}");
        assert!(!got.iter().any(|n| n.contains(not)), "{text}: not {not} in {got:?}");
    }
    // Neither country named: the short form names nobody.
    let got = names(ex, "SNA fighters attacked a checkpoint overnight, killing two guards.");
    assert!(!got.iter().any(|n| n.contains("National Army") || n.contains("Somalia")), "{got:?}");
}

#[test]
fn a_lower_case_word_is_no_country_and_a_place_is_no_surname() {
    let ex = ex();
    let (a1, _) = sides(ex, "A suicide car bomber struck a hotel in Mogadishu, killing five people.");
    assert_eq!(a1, "Unidentified Armed Group (Somalia)");
    let got =
        names(ex, "Militants attacked an army post in Salahuddin province, Iraq, killing two soldiers.");
    assert!(!got.iter().any(|n| n.contains("Hizbul")), "{got:?}");
    // A combatant command is its country's forces, as ACLED codes it.
    let (a1, _) =
        sides(ex, "AFRICOM said its air strike killed two al-Shabaab fighters near Jilib, Somalia.");
    assert_eq!(a1, "Military Forces of the United States");
}

#[test]
fn a_descriptor_is_the_one_group_the_report_names() {
    let ex = ex();
    let text = "Insurgents beheaded three farmers near Macomia in Cabo Delgado on Saturday. \
                Islamic State claimed the killings on Sunday.";
    let (a1, _) = sides(ex, text);
    assert_eq!(a1, "Islamic State Mozambique Province");
    // A branch named beside its parent is one group.
    let text = "Jihadists attacked the army camp at Djibo on Monday, killing ten soldiers. \
                JNIM, the al-Qaida affiliate, later said its fighters had held the camp.";
    let (a1, _) = sides(ex, text);
    assert_eq!(a1, "Jama'at Nusrat al-Islam wal-Muslimin");
    // Two groups of the country named: the descriptor stays unidentified.
    let text = "Militants attacked a checkpoint in Khyber, Pakistan, on Monday, killing two guards. Police \
                said the TTP and Lashkar-e-Islam are both active there.";
    let (a1, _) = sides(ex, text);
    assert!(a1.starts_with("Unidentified Armed Group") || a1.is_empty(), "{a1}");
    // Words that say the doer is unknown do not name the group.
    let text = "Unidentified gunmen shot dead a trader in Pattani on Friday. The BRN has been active there.";
    let (a1, _) = sides(ex, text);
    assert_eq!(a1, "Unidentified Armed Group (Thailand)");
}

#[test]
fn a_claim_in_the_passive_names_its_claimant() {
    let ex = ex();
    let text = "A roadside bomb killed four soldiers near Gao on Tuesday, in an attack claimed by JNIM.";
    let evs = violent(ex, text, "2025-03-10");
    let claimed: Vec<_> = evs.iter().filter_map(|e| e.claimed_by.as_ref().map(|a| a.name.as_str())).collect();
    assert_eq!(claimed, ["Jama'at Nusrat al-Islam wal-Muslimin"], "{evs:?}");
    // A passive report of a figure by a state is no claim.
    let text = "A roadside bomb killed four soldiers near Gao on Tuesday, a toll claimed by the army.";
    let evs = violent(ex, text, "2025-03-10");
    assert!(evs.iter().all(|e| e.claimed_by.is_none()), "{evs:?}");
}

#[test]
fn a_transnational_name_is_its_branch_and_a_front_is_its_movement() {
    let ex = ex();
    let text = "Rebels killed 14 villagers near Beni, North Kivu, on Saturday. Islamic State claimed \
                responsibility for the attack.";
    let got = names(ex, text);
    assert!(got.iter().any(|n| n == "Islamic State Central Africa Province"), "{got:?}");
    let text = "Fighters of the Carlos Patiño Front attacked a police post in Argelia, Cauca, on Friday.";
    let got = names(ex, text);
    assert!(got.iter().any(|n| n == "Revolutionary Armed Forces of Colombia"), "{got:?}");
}

#[test]
fn a_descriptor_names_the_group_of_the_reports_country_and_claims_nothing_by_itself() {
    let ex = ex();
    let text = "Separatists killed two soldiers in Bamenda, Cameroon, on Monday. The Amba Boys had \
                announced a lockdown. In the Far North, Boko Haram fighters raided a village in Mozogo, \
                Cameroon.";
    let (a1, _) = sides(ex, text);
    assert_eq!(a1, "Ambazonian separatists");
    // A descriptor read as the group reports a toll; it does not claim the act.
    let text = "Insurgents clashed with soldiers near Macomia, Mozambique, on Monday, and insurgents \
                claimed eight soldiers died. Islamic State is active in the district.";
    let evs = violent(ex, text, "2025-03-10");
    assert!(evs.iter().all(|e| e.claimed_by.is_none()), "{evs:?}");
}

#[test]
fn a_states_jets_are_its_forces() {
    let ex = ex();
    for text in [
        "Iraqi F-16 jets struck a hideout in the Hamrin mountains, Diyala, on Monday, killing five militants.",
        "Iraqi military aircraft struck a hideout in the Hamrin mountains, Diyala, on Monday.",
    ] {
        let (a1, _) = sides(ex, text);
        assert_eq!(a1, "Military Forces of Iraq", "{text}");
    }
}

#[test]
fn a_surname_followed_by_another_name_is_a_first_name() {
    let ex = ex();
    // "Mansour" is the last name of a Taliban leader in the dictionary; here it opens another
    // man's name, and that man is no one the dictionary knows.
    let got = names(
        ex,
        "Gunmen attacked a border post in Zahedan, Iran, on Sunday, killing two guards. \
         Deputy governor Mansour Karimi said the attackers fled.",
    );
    assert!(!got.iter().any(|n| n == "Taliban"), "{got:?}");
}

#[test]
fn groups_of_libya_burundi_and_cabinda_are_named() {
    let ex = ex();
    let cases = [
        (
            "Fighting broke out in Tripoli, Libya, on Monday between the 444 Combat Brigade and the Stability \
             Support Apparatus (SSA), leaving four dead.",
            "444 Brigade",
            "Stability Support Apparatus",
        ),
        (
            "Separatists of FLEC-FAC ambushed an army patrol near Buco-Zau in Cabinda, Angola, killing a soldier.",
            "Front for the Liberation of the Enclave of Cabinda - Cabinda Armed Forces",
            "Military Forces of Angola",
        ),
        (
            "Imbonerakure militiamen attacked members of the CNL in Ngozi, Burundi, on Friday, wounding three.",
            "Imbonerakure",
            "National Congress for Freedom",
        ),
    ];
    for (text, a, b) in cases {
        let got = names(ex, text);
        assert!(got.iter().any(|n| n == a) && got.iter().any(|n| n == b), "{text}: {got:?}");
    }
}
