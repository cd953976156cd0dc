//! Statement kinds and speakers: claims worded as relays or in the passive, figures put by an
//! institution, denials in what is said, communiqués that speak in their own voice. Every sentence
//! here is written for the test.

mod common;

use common::ex;

use sitrep_model::{Document, Statement, StatementKind};

fn statements(text: &str) -> Vec<Statement> {
    common::extract(ex(), text, "2025-03-12", None).statements
}

/// The statements of a document issued by a body that speaks for `affiliation`.
fn voiced(text: &str, affiliation: &str) -> Vec<Statement> {
    let line = serde_json::json!({
        "id": "t", "published": "2025-03-12", "text": text,
        "source": {"name": "Press office", "affiliation": affiliation},
    });
    let doc: Document = serde_json::from_value(line).expect("a valid document line");
    ex().extract(&doc).statements
}

fn has(st: &[Statement], kind: StatementKind, speaker: &str) -> bool {
    st.iter().any(|s| {
        s.kind == kind
            && (s.speaker.name.contains(speaker) || s.speaker.affiliation.as_deref() == Some(speaker))
    })
}

fn kinds(st: &[Statement]) -> Vec<(String, StatementKind)> {
    st.iter().map(|s| (s.speaker.name.clone(), s.kind)).collect()
}

#[test]
fn statements_claim_verb_with_an_act_noun_claims_it() {
    let cases = [
        "ISWAP claimed the raid on its Telegram channel on Wednesday.",
        "ISWAP claimed the ambush on its propaganda outlets, saying dozens had died.",
    ];
    for text in cases {
        let st = statements(text);
        assert!(
            has(&st, StatementKind::ClaimResponsibility, "Islamic State West Africa Province"),
            "{text}: {:?}",
            kinds(&st)
        );
        assert!(!st.iter().any(|s| s.kind == StatementKind::Reject), "{text}: {:?}", kinds(&st));
    }
}

#[test]
fn statements_passive_claim_names_the_claimant_after_by() {
    let st = statements(
        "Gunmen stormed the hotel in Kismayo on Friday. The assault was claimed on Saturday by al-Shabaab.",
    );
    assert!(has(&st, StatementKind::ClaimResponsibility, "al-Shabaab"), "{:?}", kinds(&st));
}

#[test]
fn statements_claim_of_an_infinitive_or_of_its_men() {
    let cases = [
        "ISWAP claimed to have killed ten soldiers near the town.",
        "Al-Shabaab's Radio Andalus said mujahideen had shelled the airport in Baidoa.",
    ];
    for text in cases {
        let st = statements(text);
        assert!(st.iter().any(|s| s.kind == StatementKind::ClaimResponsibility), "{text}: {:?}", kinds(&st));
    }
}

#[test]
fn statements_a_claim_of_what_others_did_is_no_claim() {
    let st = statements("Residents claimed the attack was carried out by bandits from the forest.");
    assert!(!st.iter().any(|s| s.kind == StatementKind::ClaimResponsibility), "{:?}", kinds(&st));
}

#[test]
fn statements_group_with_a_relative_clause_speaks() {
    let st = statements(
        "Al-Shabaab, which has fought for years to topple the central government, said in a statement that its fighters had attacked the base.",
    );
    assert!(has(&st, StatementKind::ClaimResponsibility, "al-Shabaab"), "{:?}", kinds(&st));
    assert!(!st.iter().any(|s| s.speaker.name.contains("Government")), "{:?}", kinds(&st));
}

#[test]
fn statements_toll_put_at_a_number_is_a_figure() {
    let cases = [
        "A police spokesman confirmed the raid but put the number of the dead at six.",
        "The number of people killed in the blast has risen to eleven, the Health Ministry said.",
        "Fourteen civilians were killed in the attack on the village, the government announced in a statement read on state radio.",
        "A car bomb killed nine people at a market in Mogadishu on Saturday. Ambulance service director Ali Warsame said his crews had carried 9 bodies from the market.",
    ];
    for text in cases {
        let st = statements(text);
        assert!(st.iter().any(|s| s.kind == StatementKind::AssertFigure), "{text}: {:?}", kinds(&st));
    }
}

#[test]
fn statements_unharmed_side_denies() {
    let st = statements("The Somali army said no soldier was harmed when the shells landed near the camp.");
    assert!(st.iter().any(|s| s.kind == StatementKind::Deny), "{:?}", kinds(&st));
}

#[test]
fn statements_second_verb_after_commas_keeps_the_speaker() {
    let st = statements(
        "Governor Musa Danjuma condemned the killings, calling them barbaric, and urged the federal authorities to send troops.",
    );
    assert!(has(&st, StatementKind::Condemn, "Musa Danjuma"), "{:?}", kinds(&st));
    assert!(has(&st, StatementKind::Demand, "Musa Danjuma"), "{:?}", kinds(&st));
}

#[test]
fn statements_communique_names_and_titles() {
    let text = "The Governor of the province, Amina Baraka, strongly rejects the cowardly attack on the market.\n\n\
                The Governor calls on the federal government to send food to the displaced.\n\n\
                He warns that anyone who hides the attackers will face the full force of the law.";
    let st = statements(text);
    assert!(has(&st, StatementKind::Condemn, "Amina Baraka"), "{:?}", kinds(&st));
    assert!(has(&st, StatementKind::Demand, "Amina Baraka"), "{:?}", kinds(&st));
    assert!(has(&st, StatementKind::Threaten, "Amina Baraka"), "{:?}", kinds(&st));
    assert!(!st.iter().any(|s| s.speaker.name == "The Governor"), "{:?}", kinds(&st));
}

#[test]
fn statements_press_office_speaks_in_its_own_voice() {
    let text = "Troops repelled an attack on a base in Borno on Monday.\n\n\
                Reports that soldiers abandoned the base are baseless.\n\n\
                We call on residents to report suspicious movements.";
    let st = voiced(text, "Military Forces of Nigeria");
    assert!(has(&st, StatementKind::Reject, "Military Forces of Nigeria"), "{:?}", kinds(&st));
    assert!(has(&st, StatementKind::Demand, "Military Forces of Nigeria"), "{:?}", kinds(&st));
    // A news report has no voice of its own: the same words speak for no one.
    let st = statements(text);
    assert!(
        !st.iter().any(|s| matches!(s.kind, StatementKind::Reject | StatementKind::Demand)),
        "{:?}",
        kinds(&st)
    );
}

#[test]
fn statements_a_phrase_of_saying_beside_the_verb_leaves_its_kind_and_speaker() {
    let st = statements(
        "Gunmen killed four villagers in Jiribam on Sunday. The Tribal Unity Council in a statement denied any role in the attack.",
    );
    assert!(has(&st, StatementKind::Deny, "Tribal Unity Council"), "{:?}", kinds(&st));
}

#[test]
fn statements_attributing_an_attack_accuses() {
    let st = statements(
        "A bomb damaged the pipeline in Arauca on Monday. Colombia's army attributed the bombing to the ELN.",
    );
    assert!(st.iter().any(|s| s.kind == StatementKind::Accuse), "{:?}", kinds(&st));
}

#[test]
fn statements_whom_the_actor_accused_do_not_speak() {
    let cases = [
        "Soldiers shot dead three farmers in Bamenda on Monday whom they accused of helping the separatists.",
        "Gunmen killed five traders in the market on Monday, accusing them of spying for the army.",
        "Pakistan is expected to deny the use of its soil by militants after the attack on the border post.",
    ];
    for text in cases {
        let st = statements(text);
        assert!(
            !st.iter().any(|s| s.speaker.name.contains("Civilians") || s.kind == StatementKind::Deny),
            "{text}: {:?}",
            kinds(&st)
        );
    }
}

#[test]
fn statements_a_name_neither_opens_nor_ends_on_a_joiner() {
    let st = statements(
        "Gunmen killed two soldiers in Arauca. The Army thanks the people of Arauca and calls on the community to keep reporting.",
    );
    assert!(
        !st.iter().any(|s| s.speaker.name.starts_with("of ") || s.speaker.name.ends_with(" and")),
        "{:?}",
        kinds(&st)
    );
}

#[test]
fn statements_a_shouted_headline_is_no_saying_of_the_voice() {
    let text =
        "TROOPS KILL 12 TERRORISTS IN ZAMFARA\n\nTroops repelled an attack on a base in Zamfara on Monday.";
    let st = voiced(text, "Military Forces of Nigeria");
    assert!(!st.iter().any(|s| s.kind == StatementKind::AssertFigure), "{:?}", kinds(&st));
}

#[test]
fn statements_speakers_of_joined_acts_and_clauses() {
    // The joined verb has the subject of the act before it, not its object.
    let st = statements(
        "Gunmen abducted two teachers in Bamenda on Monday and demanded a ransom of five million francs.",
    );
    assert!(!st.iter().any(|s| s.speaker.name.contains("Civilians")), "{:?}", kinds(&st));
    // Across a semicolon, a name does not speak for the verb after it.
    let st = statements(
        "Gunmen killed three drivers near Kayes; a local association accuses soldiers of executions.",
    );
    assert!(!st.iter().any(|s| s.speaker.name.contains("Civilians")), "{:?}", kinds(&st));
    // When it was said may stand between the name and its verb.
    let st = statements(
        "Gunmen killed two guards in Tyre on Sunday. President Amal Haddad on Monday condemned the attack.",
    );
    assert!(has(&st, StatementKind::Condemn, "Amal Haddad"), "{:?}", kinds(&st));
}

#[test]
fn statements_initials_stay_in_a_name() {
    let st = statements(
        "Militants attacked a police post in Sopore on Sunday. \"We will not rest,\" police chief R.K. Mehta told reporters, adding that 12 militants had been killed since March.",
    );
    assert!(has(&st, StatementKind::AssertFigure, "Mehta"), "{:?}", kinds(&st));
}

#[test]
fn statements_a_quoted_first_person_verb_gives_the_kind() {
    let st = statements(
        "Troops killed three militants in Marawi on Saturday, Colonel Ramon Dizon told reporters. \"We call on the rest to surrender,\" Dizon said.",
    );
    // "Dizon" alone is the colonel named before.
    assert!(has(&st, StatementKind::Demand, "Ramon Dizon"), "{:?}", kinds(&st));
}

#[test]
fn statements_a_participle_after_a_verb_has_its_speaker() {
    let st = statements(
        "Gunmen attacked a camp near Gao. The General Staff calls on the population to remain calm, warning that rumours will be punished.",
    );
    assert!(
        st.iter().any(|s| s.kind == StatementKind::Threaten && s.speaker.name.contains("General Staff")),
        "{:?}",
        kinds(&st)
    );
}

#[test]
fn statements_a_person_keeps_the_body_of_the_title() {
    let text = "Gunmen killed nine villagers in Zamfara state, Nigeria, on Sunday. \
                The Police Public Relations Officer in the state, DSP Musa Garba, confirmed the attack but put the number of the dead at nine. \
                Interior Minister Bala Idris condemned the killings.";
    let st = statements(text);
    let aff =
        |n: &str| st.iter().find(|s| s.speaker.name.contains(n)).and_then(|s| s.speaker.affiliation.clone());
    assert!(
        aff("Musa Garba").is_some_and(|a| a.contains("Police")),
        "{:?}",
        st.iter().map(|s| (s.speaker.clone(), s.kind)).collect::<Vec<_>>()
    );
    assert!(aff("Bala Idris").is_some_and(|a| a.contains("Government")), "{:?}", aff("Bala Idris"));
}

#[test]
fn statements_speakers_named_by_their_role() {
    let cases = [
        (
            "A lawyer representing the two detained men denied that they had planned any attack.",
            StatementKind::Deny,
            "lawyer",
        ),
        (
            "The court jailed four men for the killings in Paoua. The defence rejected the verdict.",
            StatementKind::Reject,
            "defence",
        ),
        (
            "Drones struck two depots near Kasane. The Kasane district council called for an end to the strikes.",
            StatementKind::Demand,
            "Kasane district council",
        ),
        (
            "The family of the dead trader, who was buried on Friday, accuses municipal agents of beating him.",
            StatementKind::Accuse,
            "family",
        ),
    ];
    for (text, kind, speaker) in cases {
        let st = statements(text);
        assert!(st.iter().any(|s| s.kind == kind && s.speaker.name == speaker), "{text}: {:?}", kinds(&st));
    }
    // A role word that only qualifies the noun after it names no one.
    let st = statements("A Kenyan defence source said four soldiers were killed near Mandera.");
    assert!(!st.iter().any(|s| s.speaker.name.contains("defence")), "{:?}", kinds(&st));
}

#[test]
fn statements_an_acronym_defined_in_brackets_names_its_speaker() {
    let st = statements(
        "Five people were killed in Gaalkacyo when gunmen attacked a rally of the Union for Peace and Progress (UPP). The UPP has called for a general strike and threatened to boycott the vote if the killers are not found.",
    );
    assert!(has(&st, StatementKind::Threaten, "Union for Peace and Progress"), "{:?}", kinds(&st));
    let st = statements(
        "The Frontier Security Directorate (FSD) said it had seized nine rifles and arrested three smugglers.",
    );
    assert!(st.iter().any(|s| s.speaker.name.contains("Frontier Security Directorate")), "{:?}", kinds(&st));
}

#[test]
fn statements_names_past_a_relative_clause_or_an_act() {
    let cases = [
        (
            "The governor of the province, Peter Malanda, who visited the wounded in hospital, called on residents to stay calm.",
            StatementKind::Demand,
            "Peter Malanda",
        ),
        (
            "Interior Minister Hamid Saleh travelled to Bol on Monday and said the army \"will not rest until\" the attackers are caught.",
            StatementKind::Threaten,
            "Hamid Saleh",
        ),
        (
            "Gunmen raided the camp near Baidoa. A spokesman for al-Shabaab denied that its fighters had been there.",
            StatementKind::Deny,
            "al-Shabaab",
        ),
        (
            "Drones struck a house used by the 400 Mawozo gang. A spokesman for the gang denied that any of its men had died.",
            StatementKind::Deny,
            "400 Mawozo",
        ),
    ];
    for (text, kind, speaker) in cases {
        let st = statements(text);
        assert!(has(&st, kind, speaker), "{text}: {:?}", kinds(&st));
    }
}

#[test]
fn statements_the_accused_do_not_accuse() {
    let st =
        statements("The army said on Monday it had arrested nine men accused of smuggling weapons to ISWAP.");
    assert!(!st.iter().any(|s| s.speaker.name.contains("Civilians")), "{:?}", kinds(&st));
    assert!(st.iter().any(|s| s.kind == StatementKind::Accuse), "{:?}", kinds(&st));
}

#[test]
fn statements_he_is_the_person_who_spoke_just_before() {
    let st = statements(
        "Gunmen attacked a police post in Saravan. The governor of the province, Mansour Tahiri, vowed that the attackers would pay. He said the attack was planned with the help of foreign intelligence services.",
    );
    assert!(has(&st, StatementKind::Accuse, "Mansour Tahiri"), "{:?}", kinds(&st));
    assert!(!st.iter().any(|s| s.speaker.name.contains("Akhtar")), "{:?}", kinds(&st));
}

#[test]
fn statements_kinds_from_what_is_said() {
    let cases = [
        ("The Awami League said the protests in Dhaka were financed from abroad.", StatementKind::Accuse),
        (
            "Information Minister Koffi Adjo said there was \"no link\" between the deaths and the police operation in Lomé.",
            StatementKind::Deny,
        ),
        ("Residents blame the militia for the fire that gutted the market.", StatementKind::Accuse),
        ("Governor Ali Mahamat thanked the soldiers who repelled the attack on Bol.", StatementKind::Praise),
        (
            "The governor of Lac, Ali Mahamat, promised that \"the response will be swift\" after the attack.",
            StatementKind::Threaten,
        ),
    ];
    for (text, kind) in cases {
        let st = statements(text);
        assert!(st.iter().any(|s| s.kind == kind), "{text}: {:?}", kinds(&st));
    }
}
