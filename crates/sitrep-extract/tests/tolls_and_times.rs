//! Who died, how many, and whether the act is the news: sentences written for sitrep.

mod common;

use sitrep_extract::Extractor;

use common::violent;

fn killed(ex: &Extractor, text: &str) -> Option<u32> {
    let ev = violent(ex, text, "2024-05-10");
    assert_eq!(ev.len(), 1, "{text}: {ev:?}");
    ev[0].fatalities.min
}

#[test]
fn an_age_is_no_count_and_the_person_is_one() {
    let ex = Extractor::with_defaults().expect("shipped dictionaries load");
    assert_eq!(killed(&ex, "A 12-year-old boy was killed when shells hit Kafr Nabl on Tuesday."), Some(1));
    assert_eq!(killed(&ex, "A seven-year-old girl died in the shelling of Kharkiv on Monday."), Some(1));
}

#[test]
fn two_singular_victims_joined_by_and_are_two() {
    let ex = Extractor::with_defaults().expect("shipped dictionaries load");
    assert_eq!(killed(&ex, "Gunmen killed a gendarme and a motorbike rider near Djibo on Sunday."), Some(2));
    assert_eq!(killed(&ex, "A soldier and a civilian were killed in Kunar province on Monday."), Some(2));
    // The second person is the subject of a verb of its own.
    assert_eq!(
        killed(&ex, "Militants killed a soldier and a civilian was wounded in Kunar on Monday."),
        Some(1)
    );
}

#[test]
fn the_agent_of_a_passive_is_not_counted_among_the_dead() {
    let ex = Extractor::with_defaults().expect("shipped dictionaries load");
    let ev = violent(&ex, "A teacher was shot dead by two gunmen in Peshawar on Monday.", "2024-05-10");
    assert_eq!(ev.len(), 1, "{ev:?}");
    assert_eq!(ev[0].fatalities.min, Some(1));
    assert_eq!(ev[0].event_type.map(|t| t.as_str()), Some("Violence against civilians"));
    assert!(ev[0].actor1.is_some(), "the gunmen acted: {ev:?}");
}

#[test]
fn shooting_a_person_is_an_attack_and_other_shots_are_not() {
    let ex = Extractor::with_defaults().expect("shipped dictionaries load");
    for text in [
        "Armed men shot a police officer in Tegucigalpa on Wednesday.",
        "Assailants burned two trucks and shot a watchman near Popayan on Thursday.",
    ] {
        let ev = violent(&ex, text, "2024-05-10");
        assert_eq!(ev.len(), 1, "{text}: {ev:?}");
        assert_eq!(
            ev[0].sub_event_type.map(|s| s.as_str()),
            Some(if text.contains("officer") { "Armed clash" } else { "Attack" })
        );
    }
    for text in [
        "The singer was in Lagos for a photo shoot on Monday.",
        "The actor shot to fame in Nairobi last year.",
        "The director shot a film in Kabul on Monday.",
    ] {
        assert!(violent(&ex, text, "2024-05-10").is_empty(), "{text}");
    }
    // Arson still makes an event.
    assert!(
        !common::extract(&ex, "Rebels torched houses in Beni on Monday.", "2024-05-10", None)
            .events
            .is_empty()
    );
}

/// (background, fatalities) of each violent event.
/// (background, fatalities) of the violent events, news and history (`context`) in text order.
fn flags(ex: &Extractor, text: &str, published: &str) -> Vec<(bool, Option<u32>)> {
    let out = common::extract(ex, text, published, None);
    let mut all: Vec<_> = out
        .events
        .into_iter()
        .chain(out.context)
        .filter(|e| {
            e.event_type
                .is_some_and(|t| !matches!(t.as_str(), "Strategic developments" | "Protests" | "Riots"))
        })
        .collect();
    all.sort_by_key(|e| e.evidence.first().map(|s| s.start));
    all.into_iter().map(|e| (e.background, e.fatalities.min)).collect()
}

#[test]
fn an_act_at_an_earlier_time_after_the_lede_is_background() {
    let ex = Extractor::with_defaults().expect("shipped dictionaries load");
    let cases = [
        (
            "2024-09-20",
            "Gunmen killed three people in Djibo on Monday. In August, jihadists killed 200 villagers near Barsalogho.",
        ),
        (
            "2024-05-20",
            "Gunmen killed three people in Jiribam on Monday. Last month, armed men killed six people in Moreh.",
        ),
        (
            "2024-05-20",
            "Shelling killed two people in Gaza on Sunday. Last week, a drone hit the village of Al-Mawasi.",
        ),
        (
            "2024-04-20",
            "Guerrillas killed a soldier in Cauca on Sunday. In March, guerrillas attacked El Plateado.",
        ),
        (
            "2024-03-15",
            "Jihadists attacked an army post in Gao on Thursday. The army recalls that the attack on the Menaka camp was repelled.",
        ),
        (
            "2024-05-20",
            "Jihadists attacked an army post in Gao on Sunday. The assault of 3 February on the Menaka camp left 12 soldiers dead.",
        ),
        (
            "2025-03-10",
            "Gangs killed five people in Port-au-Prince on Sunday. More than 5,000 people were killed in Haiti in 2024.",
        ),
    ];
    for (published, text) in cases {
        let got = flags(&ex, text, published);
        assert_eq!(got.len(), 2, "{text}: {got:?}");
        assert!(!got[0].0 && got[1].0, "{text}: {got:?}");
    }
    // An act recalled from months before is history: apart from the news, in `context`.
    let out = common::extract(
        &ex,
        "Jihadists attacked an army post in Gao on Sunday. The assault of 3 February on the Menaka camp left 12 soldiers dead.",
        "2024-05-20",
        None,
    );
    assert!(out.events.iter().all(|e| !e.background), "{:?}", out.events);
    assert_eq!(out.context.iter().map(|e| e.fatalities.min).collect::<Vec<_>>(), vec![Some(12)]);
    // "Last week" is part of the news, background or not.
    let out = common::extract(
        &ex,
        "Shelling killed two people in Gaza on Sunday. Last week, a drone hit the village of Al-Mawasi.",
        "2024-05-20",
        None,
    );
    assert!(out.context.is_empty() && out.events.iter().any(|e| e.background), "{:?}", out.events);
}

#[test]
fn a_recent_time_keeps_the_act_current() {
    let ex = Extractor::with_defaults().expect("shipped dictionaries load");
    for text in [
        "Gunmen killed three people in Jiribam on Sunday. On Monday, gunmen killed four people in Moreh.",
        "Shelling killed two people in Gaza on Sunday. Yesterday, a drone hit the village of Al-Mawasi.",
        "Guerrillas killed a soldier in Cauca on Sunday. Late Saturday, guerrillas attacked El Plateado.",
        "Guerrillas killed a soldier in Cauca on Sunday. This week, guerrillas attacked El Plateado.",
    ] {
        let got = flags(&ex, text, "2024-05-21");
        assert!(got.len() == 2 && got.iter().all(|(bg, _)| !bg), "{text}: {got:?}");
    }
    // A headline dated last week is still the news.
    let got = flags(&ex, "Gunmen killed four people in Moreh last week.", "2024-05-21");
    assert!(got.len() == 1 && !got[0].0, "{got:?}");
}

#[test]
fn a_running_total_is_no_current_event() {
    let ex = Extractor::with_defaults().expect("shipped dictionaries load");
    for text in [
        "Militants killed 12 soldiers in Borno on Sunday. The insurgency has killed more than 20,000 people.",
        "Militants killed 12 soldiers in Borno on Sunday. More than 6,000 people have been killed, according to monitors.",
        "Militants killed 12 soldiers in Borno on Sunday. At least 6,000 people have died in the insurgency since 2007.",
        "Militants killed 12 soldiers in Borno on Sunday. Over 900 civilians have been killed by shelling in the state since the start of the war.",
    ] {
        let got = flags(&ex, text, "2024-05-20");
        assert_eq!(
            got.iter().filter(|(bg, _)| !bg).collect::<Vec<_>>(),
            [&(false, Some(12))],
            "{text}: {got:?}"
        );
    }
    let got = flags(
        &ex,
        "Gangs killed five people in Tegucigalpa on Sunday. The murder rate fell in 2023.",
        "2024-05-20",
    );
    assert_eq!(got.iter().filter(|(bg, _)| !bg).count(), 1, "{got:?}");
}

#[test]
fn two_accounts_of_one_toll_give_the_lowest_and_a_rise_or_an_addition_the_new_figure() {
    let ex = Extractor::with_defaults().expect("shipped dictionaries load");
    let toll = |text: &str| {
        let ev: Vec<_> = violent(&ex, text, "2024-05-14").into_iter().filter(|e| !e.background).collect();
        assert_eq!(ev.len(), 1, "{text}: {ev:?}");
        ev[0].fatalities.min
    };
    let lead =
        "Gunmen attacked a market in the town of Gao on Sunday, killing at least 12 people, the army said.";
    // Two accounts: the lowest is what the text supports.
    assert_eq!(
        toll(&format!("{lead}\n\nLocal officials said 20 people were killed in the market attack.")),
        Some(12)
    );
    assert_eq!(
        toll(
            "Gunmen attacked a market in the town of Gao on Sunday, killing 20 people, residents said.\n\n\
              The army said 12 people were killed in the market attack."
        ),
        Some(12)
    );
    // A rise replaces the first figure; an addition adds to it.
    assert_eq!(
        toll(&format!("{lead}\n\nThe death toll from the market attack rose to 20 on Monday.")),
        Some(20)
    );
    assert_eq!(
        toll(&format!("{lead}\n\nTwo of the gunmen were also killed in the market attack, the army said.")),
        Some(14)
    );
    // A part of the toll is no account of it, and an earlier act's dead are not this act's.
    assert_eq!(
        toll(&format!(
            "{lead}\n\nThe victims of the market attack, including three women, were shot dead, a witness said."
        )),
        Some(12)
    );
    assert_eq!(
        toll(&format!("{lead}\n\nThe market attack comes days after a trader was killed in the same town.")),
        Some(12)
    );
}

#[test]
fn tolls_through_brackets_idioms_and_ages() {
    let ex = Extractor::with_defaults().expect("shipped dictionaries load");
    let toll = |text: &str| violent(&ex, text, "2025-10-28").first().and_then(|e| e.fatalities.min);
    // An acronym in brackets between the number and the death word.
    assert_eq!(
        toll("Seven soldiers of the Chadian National Army (ANT) were killed in an attack in Bol on Monday."),
        Some(7)
    );
    // A figure spelt out and repeated in digits; a communiqué's idiom for soldiers killed.
    assert_eq!(
        toll(
            "Unfortunately, fifteen (15) of our soldiers fell on the field of honour in an attack in Bol on Monday."
        ),
        Some(15)
    );
    // A number between commas after a name is an age, not a toll.
    assert_ne!(
        toll("An opposition member, Jean Ndikumana, 34, was beaten to death in Bol on Monday."),
        Some(34)
    );
}

#[test]
fn an_act_with_no_time_of_its_own_is_on_the_day_the_report_last_named() {
    let ex = Extractor::with_defaults().expect("shipped dictionaries load");
    // 2024-09-10 is a Tuesday: "on Wednesday" is 4 September.
    let text = "Government warplanes struck the town of Sarmin in Idlib province on Wednesday, killing \
                five civilians, rescuers said. Rebels responded with rocket fire on army positions in \
                the al-Ghab plain in neighbouring Hama province; no casualties were reported.";
    let events = violent(&ex, text, "2024-09-10");
    assert_eq!(events.len(), 2, "{events:?}");
    for e in &events {
        assert_eq!(e.date.map(|d| d.to_string()).as_deref(), Some("2024-09-04"), "{e:?}");
    }
}
