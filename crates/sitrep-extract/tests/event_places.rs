//! Where an event happened, read from the words around its places. Texts written for sitrep.

mod common;

use common::extract;
use sitrep_extract::Extractor;
use sitrep_model::Document;

/// (sub-event type, admin1) of each ACLED event of `text`, as published by a Syrian source.
fn events(ex: &Extractor, text: &str) -> Vec<(String, Option<String>)> {
    extract(ex, text, "2017-03-01", Some("SOHR"))
        .events
        .into_iter()
        .filter(|e| e.event_type.is_some())
        .map(|e| {
            (
                e.sub_event_type.map(|s| s.as_str().to_string()).unwrap_or_default(),
                e.location.and_then(|l| l.admin1),
            )
        })
        .collect()
}

fn admin1s(ex: &Extractor, text: &str) -> Vec<String> {
    let mut v: Vec<String> = events(ex, text).into_iter().filter_map(|(_, a)| a).collect();
    v.sort();
    v
}

#[test]
fn a_list_of_provinces_is_one_event_per_province() {
    let ex = Extractor::with_defaults().expect("shipped dictionaries load");
    assert_eq!(
        admin1s(&ex, "Warplanes bombed Idlib, Hama and Latakia on Tuesday."),
        ["Hama", "Idlib", "Latakia"]
    );
    assert_eq!(admin1s(&ex, "Heavy clashes broke out in Homs and western Aleppo."), ["Aleppo", "Homs"]);
    // Two towns of one province are one place for this purpose: one event.
    assert_eq!(admin1s(&ex, "Artillery shelled Binnish and Saraqib."), ["Idlib"]);
}

#[test]
fn the_toll_of_a_listed_attack_is_not_copied() {
    let ex = Extractor::with_defaults().expect("shipped dictionaries load");
    let out = extract(&ex, "Airstrikes killed 12 people in Idlib and Hama.", "2017-03-01", Some("SOHR"));
    let known: Vec<_> = out.events.iter().filter(|e| e.fatalities.min.is_some()).collect();
    assert_eq!(out.events.len(), 2, "{:?}", out.events);
    assert_eq!(known.len(), 1, "the 12 dead are told once: {:?}", out.events);
}

#[test]
fn a_city_that_only_qualifies_a_region_is_not_the_place() {
    let ex = Extractor::with_defaults().expect("shipped dictionaries load");
    for text in [
        "Clashes raged in the Eastern Ghouta of Damascus overnight.",
        "Airstrikes hit several towns in the Eastern Damascus Ghouta.",
    ] {
        assert_eq!(admin1s(&ex, text), ["Rif-dimashq"], "{text}");
    }
}

#[test]
fn a_place_before_and_is_no_modifier_of_the_next_subject() {
    let ex = Extractor::with_defaults().expect("shipped dictionaries load");
    let got = admin1s(&ex, "Clashes erupted east of Damascus and warplanes struck the countryside of Homs.");
    assert_eq!(got, ["Dimashq", "Homs"]);
}

#[test]
fn a_surface_subject_never_holds_another_events_verb() {
    let ex = Extractor::with_defaults().expect("shipped dictionaries load");
    let published = chrono::NaiveDate::from_ymd_opt(2024, 3, 5);
    let doc = Document::new("t", "Thousands marched peacefully in Islamabad to demand elections.", published);
    for e in ex.extract(&doc).events {
        let name = e.actor1.map(|a| a.name).unwrap_or_default();
        assert!(!name.contains("marched"), "{name:?}");
    }
}

#[test]
fn a_raid_that_only_frames_arrests_is_an_arrest() {
    let ex = Extractor::with_defaults().expect("shipped dictionaries load");
    let types = |text: &str| -> Vec<String> { events(&ex, text).into_iter().map(|(t, _)| t).collect() };
    assert_eq!(types("Police arrested five suspected ISIS members in a raid in Istanbul."), ["Arrests"]);
    // With casualties in the clause, the raid stays violence.
    assert_ne!(types("Gunmen raided a village in Zamfara state, killing 12 people."), ["Arrests"]);
}

#[test]
fn the_object_of_a_verb_is_not_the_subject_of_the_next_clause() {
    let ex = Extractor::with_defaults().expect("shipped dictionaries load");
    let out = extract(
        &ex,
        "A roadside bomb struck a military convoy in Kunar province, killing three soldiers.",
        "2019-03-05",
        None,
    );
    assert_eq!(out.events.len(), 1, "{:?}", out.events);
    let e = &out.events[0];
    assert!(e.actor1.is_none(), "the convoy did not bomb itself: {:?}", e.actor1);
    assert!(e.actor2.is_some(), "the convoy's army is the target");
}

#[test]
fn one_victim_without_a_number_is_one() {
    let ex = Extractor::with_defaults().expect("shipped dictionaries load");
    for text in [
        "Gunmen killed a police officer in Quetta on Tuesday.",
        "A tribal elder was killed when a bomb exploded in Bajaur.",
        "The blast killed a child and wounded his mother.",
    ] {
        let out = extract(&ex, text, "2024-03-05", None);
        let killed: Vec<_> = out.events.iter().filter_map(|e| e.fatalities.min).collect();
        assert_eq!(killed, [1], "{text}: {:?}", out.events);
    }
}

#[test]
fn a_part_with_no_event_word_is_no_clause_of_its_own() {
    let ex = Extractor::with_defaults().expect("shipped dictionaries load");
    let out = extract(&ex, "Two soldiers and a civilian were killed in the attack.", "2024-03-05", None);
    let killed: Vec<_> = out.events.iter().filter_map(|e| e.fatalities.min).collect();
    assert!(killed.iter().all(|&k| k >= 2) && !killed.is_empty(), "{:?}", out.events);
}

#[test]
fn an_event_told_before_a_running_count_is_still_news() {
    let ex = Extractor::with_defaults().expect("shipped dictionaries load");
    let got = events(
        &ex,
        "Warplanes carried out a massacre in Douma, raising the number of people killed in the Eastern Ghouta since the start of the month to at least 100.",
    );
    assert!(!got.is_empty(), "the massacre in Douma is an event");
}

#[test]
fn a_running_total_is_not_the_toll_of_the_event() {
    let ex = Extractor::with_defaults().expect("shipped dictionaries load");
    for (text, want) in [
        ("An airstrike killed 11 people in Raqqa, raising the civilian death toll to 317.", 11),
        ("Unidentified gunmen assassinate 2 members of the SDF in Deir Ezzor.", 2),
    ] {
        let out = extract(&ex, text, "2019-03-05", None);
        let killed: Vec<_> = out.events.iter().filter_map(|e| e.fatalities.min).collect();
        assert_eq!(killed, [want], "{text}: {:?}", out.events);
    }
}

#[test]
fn one_of_many_is_not_the_toll() {
    let ex = Extractor::with_defaults().expect("shipped dictionaries load");
    let out = extract(
        &ex,
        "Seventeen members of the Islamic State, including a Moroccan commander, were killed in Russian airstrikes on Hajin.",
        "2019-03-05",
        None,
    );
    assert!(out.events.iter().all(|e| e.fatalities.min != Some(1)), "{:?}", out.events);
}

#[test]
fn a_route_between_two_places_is_one_event() {
    let ex = Extractor::with_defaults().expect("shipped dictionaries load");
    let text = "Two soldiers died when their vehicle hit a mine on the road between Mosul and Erbil.";
    assert_eq!(admin1s(&ex, text), ["Nineveh"]);
    // A list is still one event per province.
    assert_eq!(admin1s(&ex, "Mines killed two in Mosul and Erbil."), ["Erbil", "Nineveh"]);
}

/// (event type, admin1, killed, background) of every event of a report published 2024-05-14.
fn report(ex: &Extractor, text: &str) -> Vec<(String, Option<String>, Option<u32>, bool)> {
    extract(ex, text, "2024-05-14", None)
        .events
        .into_iter()
        .filter(|e| e.event_type.is_some())
        .map(|e| {
            (
                e.event_type.map(|t| t.as_str().to_string()).unwrap_or_default(),
                e.location.and_then(|l| l.admin1),
                e.fatalities.min,
                e.background,
            )
        })
        .collect()
}

#[test]
fn where_the_wounded_or_the_dead_were_taken_is_not_an_event() {
    let ex = Extractor::with_defaults().expect("shipped dictionaries load");
    for text in [
        // the place that says where the hospital town is
        "Two CRPF personnel were killed in an ambush in Jiribam. Three others were injured and airlifted to Silchar in neighbouring Assam.",
        "Gunmen killed two soldiers in Khalis on Sunday. The bodies were taken to the morgue in Baquba.",
    ] {
        let got = report(&ex, text);
        assert_eq!(got.len(), 1, "{text}: {got:?}");
    }
}

#[test]
fn a_running_total_after_an_event_is_not_its_toll() {
    let ex = Extractor::with_defaults().expect("shipped dictionaries load");
    // "6,000": a comma between digits ends no clause, so "since 2017" is seen with its verb.
    let got = report(
        &ex,
        "Separatist fighters killed four soldiers in a raid on a checkpoint in Buea on Monday. \
         The conflict has killed more than 6,000 people since 2017.",
    );
    let news: Vec<_> = got.iter().filter(|e| !e.3).collect();
    assert_eq!(news.len(), 1, "{got:?}");
    assert_eq!(news[0].2, Some(4), "{got:?}");
}

#[test]
fn how_the_act_was_done_or_heard_retells_it() {
    let ex = Extractor::with_defaults().expect("shipped dictionaries load");
    for text in [
        "At least nine people were killed when militants attacked a police checkpost in Dera Ismail Khan district late on Thursday, officials said. The attackers used heavy weapons and hand grenades, a police spokesman said.",
        "Al-Shabaab fighters stormed a military base in Lower Shabelle on Friday, killing 12 soldiers. The operation began with a suicide car bomb at the gate. Residents of nearby Afgoye said they heard heavy gunfire for hours.",
    ] {
        let got = report(&ex, text);
        assert_eq!(got.iter().filter(|e| !e.3).count(), 1, "{text}: {got:?}");
    }
    // A new toll is a new act, even after "the attackers".
    let got = report(
        &ex,
        "Gunmen attacked a police post in Bannu on Monday, killing two officers. \
         On Tuesday, the attackers killed three villagers in Lakki Marwat.",
    );
    assert_eq!(got.iter().filter(|e| !e.3).count(), 2, "{got:?}");
}

#[test]
fn an_office_s_place_and_a_siege_since_months_are_not_new_events() {
    let ex = Extractor::with_defaults().expect("shipped dictionaries load");
    // "Bastar IG": the place of the inspector general's office.
    let got = report(
        &ex,
        "Two jawans were killed and three injured when Maoists triggered an IED blast in Bijapur district on Saturday, police said. \
         The blast occurred near Kutru village when the team was returning from an operation, Bastar IG P Sundarraj said.",
    );
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(got[0].1.as_deref(), Some("Chhattisgarh"), "{got:?}");
    // "has besieged … since May": a state over months, told as background.
    let got = report(
        &ex,
        "An army air strike killed 12 civilians in El Fasher on Wednesday, residents said. \
         The RSF has besieged El Fasher, the last major city in Darfur held by the army, since January.",
    );
    assert_eq!(got.iter().filter(|e| !e.3).count(), 1, "{got:?}");
}

/// Events of a report published on `published`, background ones left out: (admin1, killed).
fn news(ex: &Extractor, text: &str, published: &str) -> Vec<(Option<String>, Option<u32>)> {
    extract(ex, text, published, None)
        .events
        .into_iter()
        .filter(|e| e.event_type.is_some() && !e.background)
        .map(|e| (e.location.and_then(|l| l.admin1), e.fatalities.min))
        .collect()
}

#[test]
fn a_headline_sums_up_and_a_venue_abroad_is_no_new_act() {
    let ex = Extractor::with_defaults().expect("shipped dictionaries load");
    let got = news(
        &ex,
        "TROOPS NEUTRALISE TERRORISTS IN BORNO, KADUNA\nTroops on 12 June neutralised 9 ISWAP terrorists \
         during a clearance operation around Malam Fatori in Borno State. In a separate operation, troops \
         engaged bandits at Kampanin Doka in Birnin Gwari LGA of Kaduna State, killing 4 of them.",
        "2024-06-13",
    );
    assert_eq!(got.len(), 2, "{got:?}");
    let got = news(
        &ex,
        "BOGOTA, Jan 19 (Reuters) - Two soldiers were killed when ELN fighters attacked a military base in \
         Tame, Arauca. President Gustavo Petro condemned the attack, saying it undermined peace talks with \
         the group being held in Caracas.",
        "2024-01-19",
    );
    assert_eq!(got, [(Some("Arauca Department".to_string()), Some(2))], "{got:?}");
}

#[test]
fn where_it_was_said_or_the_wounded_went_and_acts_counted_since_months() {
    let ex = Extractor::with_defaults().expect("shipped dictionaries load");
    let got = news(
        &ex,
        "Soldiers clashed with an armed group in Navolato, killing four suspected cartel gunmen, the Defense Department said in Mexico City.",
        "2024-05-14",
    );
    assert_eq!(got, [(Some("Sinaloa".to_string()), Some(4))], "{got:?}");
    let got = news(
        &ex,
        "Jihadists killed 12 soldiers in an attack on a base near Djibo on Sunday, the army said. \
         Several wounded soldiers were evacuated by helicopter to Ouagadougou.",
        "2024-05-14",
    );
    assert_eq!(got.len(), 1, "{got:?}");
    let got = news(
        &ex,
        "Since January, ADF attacks have killed more than 500 civilians in Beni and Lubero territories.",
        "2024-05-14",
    );
    assert!(got.is_empty(), "{got:?}");
}

#[test]
fn acts_since_years_ago_are_background() {
    let ex = Extractor::with_defaults().expect("shipped dictionaries load");
    for text in [
        "Gunmen killed 9 soldiers near Tera on Monday. Tillaberi has been the scene of repeated massacres since 2021, when more than 100 villagers were killed in Tchoma Bangou.",
        "Gunmen killed 9 soldiers near Tera on Monday. The area has seen repeated revenge attacks since 2020, when more than 200 people were killed in clashes in Pieri.",
    ] {
        let got = news(&ex, text, "2024-05-14");
        assert_eq!(got, [(Some("Tillabéri Region".to_string()), Some(9))], "{text}: {got:?}");
    }
}

#[test]
fn the_place_of_an_attribution_is_the_sources() {
    let ex = Extractor::with_defaults().expect("shipped dictionaries load");
    let text = "A drone struck a car near the town of Penjwen in Sulaimani province on Thursday, killing two people, according to a statement from the counter-terrorism directorate in Erbil.";
    let got = news(&ex, text, "2024-05-14");
    assert_eq!(got, [(Some("Sulaymaniyah".to_string()), Some(2))], "{got:?}");
}

#[test]
fn an_act_heard_is_the_act_told() {
    let ex = Extractor::with_defaults().expect("shipped dictionaries load");
    let text = "Clashes between rival militias killed two people in Tripoli's Abu Salim district on Monday, residents said.\n\nGunfire and explosions could be heard until dawn, and flights at Mitiga airport were diverted to Misrata.";
    let got = news(&ex, text, "2024-05-14");
    assert_eq!(got, [(Some("Tripoli".to_string()), Some(2))], "{got:?}");
}

#[test]
fn a_clause_measured_from_a_place_happened_where_its_sentence_says() {
    let ex = Extractor::with_defaults().expect("shipped dictionaries load");
    for text in [
        "Gunmen attacked a checkpoint in Zawiya, 45 kilometers west of Tripoli, on Monday, killing two members of the security forces.",
        "Clashes shook the Libyan capital overnight. Separately, gunmen attacked a checkpoint in Zawiya, about 45 kilometers (28 miles) west of the capital, on Monday, killing two policemen.",
    ] {
        let got: Vec<_> = news(&ex, text, "2024-05-14").into_iter().filter(|(_, k)| k.is_some()).collect();
        assert_eq!(got, [(Some("Az Zāwiyah".to_string()), Some(2))], "{text}: {got:?}");
    }
}

#[test]
fn an_earlier_act_told_beside_the_news_does_not_swallow_it() {
    let ex = Extractor::with_defaults().expect("shipped dictionaries load");
    // The raid is background; the killing had merged into it and the sentence gave no event.
    let text = "Two months after the raid, troops killed 20 bandits near Gusau.";
    let got = news(&ex, text, "2025-02-19");
    assert_eq!(got, [(Some("Zamfara State".to_string()), Some(20))], "{got:?}");
}
