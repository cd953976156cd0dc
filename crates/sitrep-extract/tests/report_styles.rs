//! Whole reports in the styles sitrep reads (wire copy with a dateline, an NGO note), checked
//! for the fields an analyst counts. Texts written for sitrep.

use sitrep_extract::Extractor;
use sitrep_model::Document;

fn doc(published: &str, text: &str) -> Document {
    let line = serde_json::json!({"id": "r", "published": published, "text": text});
    serde_json::from_value(line).expect("a valid document line")
}

#[test]
fn a_wire_story_dated_by_weekday_with_its_outlet_in_the_dateline() {
    let ex = Extractor::with_defaults().expect("shipped dictionaries load");
    // 2024-03-12 is a Tuesday: a wire filing on Tuesday calls that day "Tuesday".
    let text = "KABUL, Afghanistan (AP) \u{2014} A suicide bomber struck a crowded market in the eastern city \
                of Jalalabad on Tuesday, killing at least 14 people, a provincial spokesman said.";
    let out = ex.extract(&doc("2024-03-12", text));
    let e = out.events.iter().find(|e| e.event_type.is_some()).expect("the bombing");
    assert_eq!(e.date.map(|d| d.to_string()).as_deref(), Some("2024-03-12"));
    assert_eq!(e.location.as_ref().and_then(|l| l.admin1.as_deref()), Some("Nangarhar"));
    assert_eq!(e.fatalities.min, Some(14));
    // The outlet filed the story; it did not bomb the market.
    let a1 = e.actor1.as_ref().map(|a| a.name.as_str()).unwrap_or("");
    assert!(!a1.contains("Associated Press"), "{a1}");
}

#[test]
fn a_number_after_including_is_part_of_the_toll() {
    let ex = Extractor::with_defaults().expect("shipped dictionaries load");
    let text = "MOGADISHU \u{2014} At least eight civilians, including three children, were killed when a \
                mortar shell struck a house in the Somali capital on Thursday evening, residents said.";
    let out = ex.extract(&doc("2023-10-20", text));
    let e = out.events.iter().find(|e| e.event_type.is_some()).expect("the shelling");
    assert_eq!((e.fatalities.min, e.fatalities.max), (Some(8), None));
    assert_eq!(e.date.map(|d| d.to_string()).as_deref(), Some("2023-10-19"));
    assert_eq!(e.location.as_ref().and_then(|l| l.admin1.as_deref()), Some("Banaadir"));
}

/// (actor1, actor2) names of the first ACLED event of a text.
fn actors(ex: &Extractor, text: &str) -> (String, String) {
    let out = ex.extract(&doc("2024-03-12", text));
    let e = out.events.into_iter().find(|e| e.event_type.is_some()).expect("an event");
    let name = |a: Option<sitrep_model::ActorRef>| a.map(|a| a.name).unwrap_or_default();
    (name(e.actor1), name(e.actor2))
}

#[test]
fn the_object_of_an_active_verb_and_the_sides_of_a_clash_are_actors() {
    let ex = Extractor::with_defaults().expect("shipped dictionaries load");
    let (a1, a2) = actors(&ex, "Gunmen attacked villagers in Deir ez-Zor.");
    assert!(a1.starts_with("Unidentified Armed Group") && a2.starts_with("Civilians"), "{a1} / {a2}");
    let (a1, a2) = actors(&ex, "Heavy clashes between SDF and tribal fighters in Deir ez-Zor.");
    assert!(
        a1 == "Syrian Democratic Forces" && a2.starts_with("Unidentified Communal Militia"),
        "{a1} / {a2}"
    );
    let (a1, a2) = actors(&ex, "Clashes broke out between the Taliban and IS-K fighters in Nangarhar.");
    assert_eq!((a1.as_str(), a2.as_str()), ("Taliban", "Islamic State Khorasan Province"));
}

#[test]
fn a_groups_own_channel_claims_the_attack_it_tells_of() {
    let ex = Extractor::with_defaults().expect("shipped dictionaries load");
    let text = "Soldiers of the Caliphate detonated an explosive device on a vehicle of the Taliban militia \
                in Jalalabad city, killing 3 of them.";
    let claimed = |source: serde_json::Value| {
        let line = serde_json::json!({"id": "c", "published": "2024-03-12", "source": source, "text": text});
        let d: Document = serde_json::from_value(line).expect("a valid document line");
        let out = ex.extract(&d);
        let e = out.events.into_iter().find(|e| e.event_type.is_some()).expect("the bombing");
        (e.actor1.map(|a| a.name), e.claimed_by.map(|a| a.name))
    };
    let (a1, by) = claimed(serde_json::json!({"name": "Khurasan channel", "affiliation": "ISKP"}));
    assert_eq!(a1.as_deref(), Some("Islamic State Khorasan Province"));
    assert_eq!(by, a1);
    // The same words from a news agency claim nothing.
    assert_eq!(claimed(serde_json::json!("Example Wire")).1, None);
}

#[test]
fn the_first_actor_after_a_dateline_is_the_subject() {
    let ex = Extractor::with_defaults().expect("shipped dictionaries load");
    let text = "QUETTA, March 11 (Example Wire) - Gunmen opened fire on a police checkpoint in Turbat, killing \
                three policemen.";
    let (a1, a2) = actors(&ex, text);
    assert!(a1.starts_with("Unidentified Armed Group") && a2.starts_with("Police Forces"), "{a1} / {a2}");
    // The dash is no part of the attackers' words, and the outlet is nobody's target.
    let out = ex.extract(&doc("2024-03-12", text));
    let e = out.events.iter().find(|e| e.event_type.is_some()).expect("the attack");
    assert_eq!(e.actor1.as_ref().and_then(|a| a.text.as_deref()), Some("Gunmen"));
    let said = "KABUL, Afghanistan (AP) \u{2014} Gunmen killed two people on Monday, police said.";
    let out = ex.extract(&doc("2024-03-12", said));
    assert!(!out.statements.is_empty(), "the police's statement");
    for s in &out.statements {
        assert!(s.target.as_ref().is_none_or(|t| !t.name.contains("Associated Press")), "{s:?}");
    }
}

#[test]
fn the_subject_of_an_outcome_verb_did_the_raid_it_names() {
    let ex = Extractor::with_defaults().expect("shipped dictionaries load");
    // "killed" is active here (its subject stands right before it), so the farmers are its object,
    // not the subject of "raid".
    let text = "Suspected Boko Haram insurgents killed at least 12 farmers in an overnight raid on a village \
                in Borno state on Saturday.";
    let (a1, a2) = actors(&ex, text);
    assert!(a1 == "Boko Haram" && a2.starts_with("Civilians"), "{a1} / {a2}");
    // A clause after a comma is no object of the verb before it.
    let (a1, a2) = actors(&ex, "Three soldiers injured, Taliban commander killed in North Waziristan.");
    assert!(a1.starts_with("Military Forces") && a2 == "Taliban", "{a1} / {a2}");
}

#[test]
fn a_toll_counted_since_a_month_is_a_running_total_not_the_days_event() {
    let ex = Extractor::with_defaults().expect("shipped dictionaries load");
    let text = "Troops killed seven militants in an operation near Bama on Friday. More than 40 farmers \
                have been killed in the state since January.";
    let out = ex.extract(&doc("2024-06-02", text));
    let news: Vec<_> = out.events.iter().filter(|e| e.event_type.is_some() && !e.background).collect();
    assert_eq!(news.len(), 1, "{news:?}");
    assert_eq!(news[0].fatalities.min, Some(7));
    // The running total is no event at all (it was a background event until the hidden-style
    // probes showed every coder leaves totals out), and never dated to the start of its period.
    assert!(!out.events.iter().any(|e| e.fatalities.min == Some(40)), "{:?}", out.events);
    for e in out.events.iter().filter(|e| e.background) {
        assert_ne!(e.date.map(|d| d.to_string()).as_deref(), Some("2024-01-01"));
    }
    // "since yesterday" is one spell of fighting: news.
    let out = ex
        .extract(&doc("2024-06-02", "Warplanes have carried out intense strikes on Idlib since yesterday."));
    assert!(out.events.iter().any(|e| e.event_type.is_some() && !e.background));
}

#[test]
fn a_word_inside_an_actors_name_tells_no_act() {
    let ex = Extractor::with_defaults().expect("shipped dictionaries load");
    let text = "Gunmen killed five traders near Gao on Monday, according to Amnesty International.";
    let out = ex.extract(&doc("2024-06-04", text));
    // "Amnesty" is a CONCEDE word, but here it is part of a name.
    assert!(
        out.events.iter().all(|e| e.plover.kind != sitrep_model::PloverType::Concede),
        "{:?}",
        out.events
    );
    assert!(out.events.iter().any(|e| e.fatalities.min == Some(5)));
}

#[test]
fn a_raid_told_over_three_sentences_is_one_attack_where_it_happened() {
    let ex = Extractor::with_defaults().expect("shipped dictionaries load");
    // The dateline's town and the hospital's town are not where the raid was; a raid that kills
    // is an attack even though it also abducts (ACLED).
    let text = "GAO, Mali (Example Wire) - Gunmen killed at least nine herders and abducted three boys in a \
                raid on a camp in Mali's Menaka region, a local official said on Wednesday.\n\n\
                The attackers arrived on motorbikes at Tinzouragan, near the town of Menaka, and opened fire \
                on the herders, he said. Four other herders were wounded and taken to a hospital in Gao.\n\n\
                Menaka governor Daouda Maiga condemned the attack.";
    let out = ex.extract(&doc("2024-02-08", text));
    let news: Vec<_> = out.events.iter().filter(|e| e.event_type.is_some() && !e.background).collect();
    assert_eq!(news.len(), 1, "{news:?}");
    let e = news[0];
    assert_eq!(e.sub_event_type, Some(sitrep_model::AcledSubEventType::Attack));
    assert_eq!(e.location.as_ref().and_then(|l| l.admin1.as_deref()), Some("Ménaka"));
    assert_eq!((e.fatalities.min, e.injured.min), (Some(9), Some(4)));
    let condemn = out.events.iter().find(|e| e.plover.kind == sitrep_model::PloverType::Disapprove);
    let speaker = condemn.and_then(|e| e.actor1.as_ref()).map(|a| a.name.as_str());
    assert_eq!(speaker, Some("Menaka governor Daouda Maiga"));
}

#[test]
fn its_forces_are_the_speakers_and_a_name_before_said_speaks() {
    let ex = Extractor::with_defaults().expect("shipped dictionaries load");
    let text = "Russia's Defence Ministry said its forces had captured the village of Krynky in the Kherson \
                region. In Kharkiv, a drone hit a school, wounding four people, regional governor Oleh \
                Syniehubov said.";
    let out = ex.extract(&doc("2024-03-07", text));
    let capture = out.events.iter().find(|e| e.event_type.is_some()).expect("the capture");
    assert_eq!(capture.actor1.as_ref().map(|a| a.name.as_str()), Some("Military Forces of Russia"));
    let speakers: Vec<&str> = out.statements.iter().map(|s| s.speaker.name.as_str()).collect();
    assert!(speakers.contains(&"Oleh Syniehubov"), "{speakers:?}");
    assert!(!speakers.iter().any(|s| s.starts_with("Civilians")), "{speakers:?}");
}

#[test]
fn a_sides_own_claimed_toll_never_outweighs_the_reports() {
    let ex = Extractor::with_defaults().expect("shipped dictionaries load");
    let text = "Al-Shabaab militants attacked an army base in the Middle Shabelle region on Monday, killing at \
                least 9 soldiers, an army officer said. The group claimed responsibility for the attack, saying \
                its fighters had killed 30 soldiers.";
    let out = ex.extract(&doc("2024-01-16", text));
    let e = out.events.iter().find(|e| e.event_type.is_some()).expect("the attack");
    assert_eq!((e.fatalities.min, e.fatalities.max), (Some(9), None));
    // The claim is still on record, as the group's statement.
    assert!(out.statements.iter().any(|s| s.kind == sitrep_model::StatementKind::ClaimResponsibility));
}

#[test]
fn a_number_of_days_is_never_a_toll() {
    let ex = Extractor::with_defaults().expect("shipped dictionaries load");
    let text = "Renewed shelling in Khartoum raised the death toll to 410 in 45 days.";
    let out = ex.extract(&doc("2024-01-16", text));
    let e = out.events.iter().find(|e| e.event_type.is_some()).expect("the shelling");
    assert_ne!(e.fatalities.min, Some(45));
}

#[test]
fn the_dead_of_both_sides_add_up_and_a_press_release_releases_nobody() {
    let ex = Extractor::with_defaults().expect("shipped dictionaries load");
    let text = "Ministry of Defence press release, 14 May 2023\n\nSecurity forces conducted an operation in \
                South Waziristan district on Saturday. After an intense exchange of fire, five terrorists were \
                killed, while three soldiers embraced martyrdom.";
    let out = ex.extract(&doc("2023-05-14", text));
    let e = out.events.iter().find(|e| e.event_type.is_some()).expect("the operation");
    assert_eq!(e.fatalities.min, Some(8));
    assert!(
        out.events.iter().all(|e| e.plover.kind != sitrep_model::PloverType::Concede),
        "{:?}",
        out.events
    );
    let out =
        ex.extract(&doc("2023-05-14", "Three soldiers and two civilians were killed in an attack in Kunar."));
    let e = out.events.iter().find(|e| e.event_type.is_some()).expect("the attack");
    assert_eq!(e.fatalities.min, Some(5));
}

#[test]
fn a_months_count_is_a_tally_and_its_dated_instance_an_event() {
    let ex = Extractor::with_defaults().expect("shipped dictionaries load");
    let text = "Taliban security forces carried out five raids on Islamic State Khorasan hideouts in Kunar in \
                September, killing 11 suspected members, the police spokesman said on 2 October. ISKP claimed \
                four attacks in the province during the month, including a bombing on 9 September that killed \
                three Taliban fighters in Asadabad.";
    let out = ex.extract(&doc("2023-10-03", text));
    let news: Vec<_> = out.events.iter().filter(|e| e.event_type.is_some()).collect();
    assert_eq!(news.len(), 1, "the month's raids are a count, not one raid: {news:?}");
    assert_eq!(news[0].date.map(|d| d.to_string()).as_deref(), Some("2023-09-09"));
    assert_eq!(news[0].fatalities.min, Some(3));
    let counts: Vec<u32> = out.tallies.iter().map(|t| t.count).collect();
    assert!(counts.contains(&5) && counts.contains(&4), "{counts:?}");
}

#[test]
fn what_aircraft_bomb_is_an_air_strike_and_a_kidnapped_victims_death_a_killing() {
    let ex = Extractor::with_defaults().expect("shipped dictionaries load");
    let out = ex.extract(&doc("2016-01-10", "Regime helicopters bombed the town of Kafr Nabl on Saturday."));
    let e = out.events.iter().find(|e| e.event_type.is_some()).expect("the bombing");
    assert_eq!(e.sub_event_type, Some(sitrep_model::AcledSubEventType::AirDroneStrike));
    let out = ex.extract(&doc("2024-01-10", "The kidnapped aid worker was killed by his captors in Gao."));
    let e = out.events.iter().find(|e| e.event_type.is_some()).expect("the killing");
    assert_eq!(e.sub_event_type, Some(sitrep_model::AcledSubEventType::Attack));
    // "aid worker" names a person, not an act of aid.
    assert!(out.events.iter().all(|e| e.plover.kind != sitrep_model::PloverType::Aid), "{:?}", out.events);
}

#[test]
fn a_weekly_summary_keeps_its_incidents_apart_and_dates_the_next_day() {
    let ex = Extractor::with_defaults().expect("shipped dictionaries load");
    let text = "Weekly incident summary (3-9 June 2024)\n\nOn 4 June, suspected JNIM militants attacked a \
                gendarmerie post in Dori, killing six gendarmes. The army said air strikes the next day killed \
                many militants.\n\nOn 6 June, unidentified armed men killed 11 civilians in Kompienga province. \
                The same day, a roadside bomb struck a bus near Pama, killing three passengers.";
    let out = ex.extract(&doc("2024-06-10", text));
    let news: Vec<_> = out.events.iter().filter(|e| e.event_type.is_some() && !e.background).collect();
    let days: Vec<String> = news.iter().map(|e| e.date.map(|d| d.to_string()).unwrap_or_default()).collect();
    assert_eq!(days, ["2024-06-04", "2024-06-05", "2024-06-06", "2024-06-06"], "{news:?}");
    let tolls: Vec<Option<u32>> = news.iter().map(|e| e.fatalities.min).collect();
    assert_eq!(tolls[2..], [Some(11), Some(3)]);
    // "suspected JNIM militants" are JNIM, not unidentified.
    assert_eq!(
        news[0].actor1.as_ref().map(|a| a.name.as_str()),
        Some("Jama'at Nusrat al-Islam wal-Muslimin")
    );
}

#[test]
fn the_accused_is_the_actor_of_the_act_they_are_accused_of() {
    let ex = Extractor::with_defaults().expect("shipped dictionaries load");
    let (a1, _) = actors(&ex, "Islamabad accused the TTP of carrying out the bombing in Peshawar.");
    assert_eq!(a1, "Tehrik-i-Taliban Pakistan");
    // "alleged" before a noun accuses nobody.
    let (a1, a2) = actors(&ex, "Two alleged militants were among five killed in Bannu.");
    assert!(a1.is_empty() && a2.starts_with("Unidentified Armed Group"), "{a1} / {a2}");
    let out = ex.extract(&doc("2024-03-12", "Two alleged militants were among five killed in Bannu."));
    assert!(out.events.iter().all(|e| e.actor1.as_ref().is_none_or(|a| a.name != "Two")), "{:?}", out.events);
}

#[test]
fn a_post_that_says_who_speaks_and_who_claims() {
    let ex = Extractor::with_defaults().expect("shipped dictionaries load");
    // Who says it did not do it.
    let (a1, _) = actors(&ex, "Police say gunmen killed two polio workers in Bannu.");
    assert!(a1.starts_with("Unidentified Armed Group"), "{a1}");
    let (a1, _) = actors(&ex, "Police say a suicide attack targeted an FC vehicle in Quetta.");
    assert!(!a1.starts_with("Police"), "{a1}");
    // A claim in a sentence of its own claims the bombing told before it.
    let text = "A suicide blast tore through a mosque in Peshawar on Monday, killing 32 worshippers. The TTP \
                denies involvement; a breakaway faction, Jamaat-ul-Ahrar, claims it.";
    let out = ex.extract(&doc("2023-01-31", text));
    let e = out.events.iter().find(|e| e.event_type.is_some()).expect("the bombing");
    assert_eq!(e.claimed_by.as_ref().map(|a| a.name.as_str()), Some("Jamaat-ul-Ahrar"));
    // The denial claims nothing.
    assert!(out.events.iter().filter(|e| e.event_type.is_none()).all(|e| e.claimed_by.is_none()));
}

#[test]
fn a_dateline_after_a_headline_is_where_the_report_was_filed() {
    let ex = Extractor::with_defaults().expect("shipped dictionaries load");
    let text = "Rebels attack army base with drones, seven soldiers wounded\n\nBOGOTA, Jan 14 (Example Wire) - \
                ELN fighters attacked a military base in the northeastern province of Arauca with \
                explosive-laden drones late on Saturday, wounding seven soldiers, the army said.";
    let out = ex.extract(&doc("2024-01-14", text));
    let e = out.events.iter().find(|e| e.event_type.is_some()).expect("the attack");
    let admin1 = e.location.as_ref().and_then(|l| l.admin1.as_deref()).unwrap_or("");
    assert!(admin1.starts_with("Arauca"), "{admin1}");
    assert_eq!(e.injured.min, Some(7));
}

#[test]
fn who_died_in_an_act_did_not_do_it_and_whom_the_report_blames_did() {
    let ex = Extractor::with_defaults().expect("shipped dictionaries load");
    let (a1, a2) = actors(&ex, "Two police officers were killed in an ambush in Cauca on Friday.");
    assert!(a1.is_empty() && a2.starts_with("Police Forces"), "{a1} / {a2}");
    let (a1, a2) = actors(
        &ex,
        "Two police officers were killed in an ambush in Cauca on Friday, police said, blaming \
         dissidents of the former FARC rebel group.",
    );
    assert!(a1.contains("FARC") || a1.contains("Revolutionary Armed Forces"), "{a1} / {a2}");
    assert!(a2.starts_with("Police Forces"), "{a1} / {a2}");
    // The act's own object is not who died in it: "kill 3 police officers in a bomb attack".
    let (a1, a2) = actors(&ex, "Militants kill three police officers in a bomb attack in Quetta.");
    assert!(a1.starts_with("Unidentified Armed Group") && a2.starts_with("Police Forces"), "{a1} / {a2}");
}

#[test]
fn the_agent_after_by_and_the_group_before_the_act_are_who_acted() {
    let ex = Extractor::with_defaults().expect("shipped dictionaries load");
    let (a1, a2) = actors(&ex, "Six Pakistani soldiers killed in Indian shelling near the Line of Control.");
    assert_eq!((a1.as_str(), a2.as_str()), ("Military Forces of India", "Military Forces of Pakistan"));
    let (a1, _) = actors(&ex, "Ten civilians were wounded in shelling by the regime forces on Douma.");
    assert_eq!(a1, "Military Forces of Syria");
    let (a1, a2) = actors(&ex, "Army officer shot dead by Taliban militants in Peshawar.");
    assert!(a1.contains("Taliban") && a2.starts_with("Military Forces of Pakistan"), "{a1} / {a2}");
    // "Woman" is not Oman, though the two fold alike.
    let (a1, a2) = actors(&ex, "Woman killed in Indian firing in Kupwara.");
    assert!(a1 == "Military Forces of India" && !a2.contains("Oman"), "{a1} / {a2}");
}

#[test]
fn a_group_that_says_its_fighters_did_it_claims_it_and_the_report_keeps_its_own_toll() {
    let ex = Extractor::with_defaults().expect("shipped dictionaries load");
    let text = "Islamic State said on Tuesday its fighters had killed 11 Christians in an attack on a \
                village in Mozambique's Cabo Delgado province, in a statement posted on its Amaq news \
                agency on Telegram. A local official put the death toll at nine.";
    let out = ex.extract(&doc("2024-03-05", text));
    let e = out.events.iter().find(|e| e.event_type.is_some()).expect("the attack");
    let claimed = e.claimed_by.as_ref().map(|a| a.name.as_str()).unwrap_or("");
    let a1 = e.actor1.as_ref().map(|a| a.name.as_str()).unwrap_or("");
    assert!(claimed.starts_with("Islamic State") && a1.starts_with("Islamic State"), "{claimed} / {a1}");
    // The outlet that carried the claim is no victim.
    let a2 = e.actor2.as_ref().map(|a| a.name.as_str()).unwrap_or("");
    assert!(!a2.contains("Amaq"), "{a2}");
    // The group's own figure is its statement's; the official's is the report's.
    assert_eq!(e.fatalities.min, Some(9));
}

#[test]
fn a_name_later_in_the_report_replaces_a_descriptor_and_its_aircraft_strike_from_the_air() {
    let ex = Extractor::with_defaults().expect("shipped dictionaries load");
    let text = "Paramilitary fighters shelled a displacement camp outside El Fasher on Thursday, killing at \
                least 23 people, a monitoring group said.\n\nThe Rapid Support Forces fired artillery at \
                the camp for a second day, the group said. It blamed the RSF for the attack. The RSF did not \
                respond to a request for comment.\n\nThe Sudanese army said its aircraft struck RSF \
                positions near Mellit, in North Darfur, on Wednesday, killing dozens of fighters.";
    let out = ex.extract(&doc("2024-03-10", text));
    let violent: Vec<_> = out.events.iter().filter(|e| e.event_type.is_some()).collect();
    let camp = violent.iter().find(|e| e.fatalities.min == Some(23)).expect("the shelling of the camp");
    assert_eq!(camp.actor1.as_ref().map(|a| a.name.as_str()), Some("Rapid Support Forces"));
    let air = violent.iter().find(|e| e.fatalities.min == Some(24)).expect("the army's strike");
    assert_eq!(air.sub_event_type.map(|s| s.as_str()), Some("Air/drone strike"));
    assert_eq!(air.actor1.as_ref().map(|a| a.name.as_str()), Some("Military Forces of Sudan"));
    // A request for comment demands nothing, and "It" names nobody.
    assert!(out.events.iter().all(|e| e.plover.kind.as_str() != "DEMAND"), "{:?}", out.events);
    assert!(out.events.iter().all(|e| e.actor1.as_ref().is_none_or(|a| a.name != "It")));
}

#[test]
fn who_found_the_bodies_took_no_part() {
    let ex = Extractor::with_defaults().expect("shipped dictionaries load");
    let (a1, a2) =
        actors(&ex, "Police found the bodies of six men dumped on a highway near Celaya on Sunday.");
    assert!(a1.is_empty() && a2.starts_with("Civilians"), "{a1} / {a2}");
}

#[test]
fn a_sides_denial_that_retells_the_attack_is_no_second_event() {
    let ex = Extractor::with_defaults().expect("shipped dictionaries load");
    let text = "A military airstrike on a village in Myanmar's Sagaing region killed at least 17 civilians \
                on Sunday, residents said.\n\nA spokesman for the military government denied that \
                civilians had been targeted and said the attack hit \"terrorists\" of the resistance.";
    let out = ex.extract(&doc("2024-03-10", text));
    let violent: Vec<_> = out.events.iter().filter(|e| e.event_type.is_some()).collect();
    assert_eq!(violent.len(), 1, "{violent:?}");
    assert_eq!(violent[0].fatalities.min, Some(17));
}

#[test]
fn a_press_release_with_a_colon_dateline_counts_both_sides_dead() {
    let ex = Extractor::with_defaults().expect("shipped dictionaries load");
    let text = "RAWALPINDI: Security forces conducted an intelligence-based operation in North Waziristan \
                district on the reported presence of khwarij, the military said in a press release on \
                Saturday.\n\nDuring the operation, own troops effectively engaged the khwarij location and \
                as a result six khwarij were sent to hell. However, during the intense exchange of fire, \
                two soldiers embraced shahadat.";
    let out = ex.extract(&doc("2024-05-11", text));
    let violent: Vec<_> = out.events.iter().filter(|e| e.event_type.is_some()).collect();
    assert_eq!(violent.len(), 1, "{violent:?}");
    let e = violent[0];
    // The dateline is where the release was issued; the operation was in North Waziristan.
    assert_eq!(e.location.as_ref().and_then(|l| l.admin1.as_deref()), Some("Khyber Pakhtunkhwa"));
    assert_eq!(e.fatalities.min, Some(8));
    assert!(out.events.iter().all(|e| e.plover.kind.as_str() != "AID"), "{:?}", out.events);
}

#[test]
fn a_clause_without_a_place_happened_where_its_sentence_says() {
    let ex = Extractor::with_defaults().expect("shipped dictionaries load");
    let text = "Gunmen abduct 15 students from school in northwest Nigeria\n\nKADUNA, Nigeria, May 9 - Armed \
                bandits stormed a boarding school in Kaduna state's Kajuru district early on Thursday and \
                abducted at least 15 students, police said.";
    let out = ex.extract(&doc("2024-05-10", text));
    let e = out.events.iter().find(|e| e.event_type.is_some()).expect("the abduction");
    let loc = e.location.as_ref().expect("a place");
    assert_eq!((loc.name.as_str(), loc.admin1.as_deref()), ("Kajuru", Some("Kaduna State")));
}

#[test]
fn fighters_of_a_named_group_are_that_group() {
    let ex = Extractor::with_defaults().expect("shipped dictionaries load");
    let text = "Mujahideen of the Islamic Emirate conducted a special operation against a hideout of the \
                Khawarij in Darzab district of Jawzjan province last night. Four members of the Daesh group \
                were killed.";
    let out = ex.extract(&doc("2024-05-11", text));
    let e = out.events.iter().find(|e| e.event_type.is_some()).expect("the operation");
    assert_eq!(e.actor1.as_ref().map(|a| a.name.as_str()), Some("Taliban"));
    assert_eq!(e.actor2.as_ref().map(|a| a.name.as_str()), Some("Islamic State Khorasan Province"));
    assert_eq!(e.fatalities.min, Some(4));
    // A descriptor of a state is not the state: "bombers of the U.S. airliner".
    let (a1, _) = actors(&ex, "Gunmen of the U.S. airliner case attacked a court in Tripoli.");
    assert!(!a1.contains("United States"), "{a1}");
}

#[test]
fn it_after_a_speech_verb_is_the_speaker_and_a_group_saying_it_did_it_claims_it() {
    let ex = Extractor::with_defaults().expect("shipped dictionaries load");
    let (a1, a2) = actors(
        &ex,
        "The Israeli military said it had struck more than 40 Hamas targets in Gaza, and accused the \
         group of using civilian buildings as cover.",
    );
    // The accusation is of another deed: Hamas did not strike its own targets.
    assert_eq!((a1.as_str(), a2.as_str()), ("Military Forces of Israel", "Hamas"));
    let out = ex.extract(&doc(
        "2024-05-11",
        "Al-Shabaab said it carried out the attack on the base in Lower Shabelle.",
    ));
    let e = out.events.iter().find(|e| e.event_type.is_some()).expect("the attack");
    assert_eq!(e.claimed_by.as_ref().map(|a| a.name.as_str()), Some("al-Shabaab"));
    let (a1, a2) = actors(&ex, "Police said they killed three militants in Quetta.");
    assert!(a1.starts_with("Police Forces") && a2.starts_with("Unidentified Armed Group"), "{a1} / {a2}");
}

#[test]
fn the_toll_of_one_event_that_rose_is_its_toll_and_a_running_total_is_not() {
    let ex = Extractor::with_defaults().expect("shipped dictionaries load");
    let toll = |text: &str| {
        let out = ex.extract(&doc("2023-01-31", text));
        out.events.into_iter().find(|e| e.event_type.is_some()).and_then(|e| e.fatalities.min)
    };
    assert_eq!(
        toll(
            "The death toll from Monday's suicide bombing at a mosque inside a police compound in \
             Peshawar rose to 59 on Tuesday, officials said."
        ),
        Some(59)
    );
    assert_eq!(toll("The death toll in the mosque bombing in Peshawar rose to 59 on Tuesday."), Some(59));
    // A province's toll over months counts more than one bombing.
    assert_eq!(toll("A bombing in Peshawar raised the death toll in the province this year to 190."), None);
    // The total's other shapes: a death word after "the number of", a casualty noun as subject,
    // a toll that "reached" its figure; one figure is one toll, however many death words name it.
    assert_eq!(
        toll("The death toll from Sunday's car bomb in Mogadishu has risen to 21, police said."),
        Some(21)
    );
    assert_eq!(
        toll("Police said the number of people killed in Sunday's car bombing in Mogadishu had risen to 21."),
        Some(21)
    );
    assert_eq!(toll("The death toll from the car bombing in Mogadishu has reached 21."), Some(21));
    assert_eq!(toll("Casualties of the Damascus bombings this morning rise to 21."), Some(21));
    assert_eq!(toll("More casualties raise the death toll to 9 in the shelling of Douma."), Some(9));
    // Spans of time and places make the risen figure a running total.
    assert_eq!(toll("The number of people killed in bombings in Mogadishu since January rose to 210."), None);
    assert_eq!(toll("A car bomb exploded in Mogadishu, and the death toll in the city rose to 210."), None);
}

#[test]
fn a_statement_is_what_its_verb_speaks_of_and_a_second_verb_has_the_first_speaker() {
    let ex = Extractor::with_defaults().expect("shipped dictionaries load");
    let text = "PESHAWAR, Pakistan (Example Wire) - The death toll from Monday's suicide bombing at a mosque in \
                Peshawar rose to 59 on Tuesday, officials said, as the Pakistani Taliban denied involvement.\n\n\
                Interior Minister Rana Sanaullah blamed the TTP and vowed to hunt down those responsible. \
                Fighters attacked a checkpoint in Bannu, wounding seven soldiers, the army said on Sunday.";
    let out = ex.extract(&doc("2023-01-31", text));
    let quote = |speaker: &str, kind: &str| {
        out.statements
            .iter()
            .find(|s| {
                s.speaker.name.contains(speaker) && format!("{:?}", s.kind).to_lowercase().contains(kind)
            })
            .and_then(|s| s.quote.clone())
            .unwrap_or_default()
    };
    // What officials said is the toll before their verb, without the dateline; a toll put at a
    // number is a figure they assert.
    let officials = quote("Government of Pakistan", "figure");
    assert!(officials.starts_with("The death toll"), "{officials}");
    // "vowed" has the minister's voice, not "the TTP and".
    assert!(
        out.statements.iter().any(|s| s.speaker.name.contains("Rana Sanaullah")
            && format!("{:?}", s.kind).to_lowercase().contains("threat")),
        "{:?}",
        out.statements
    );
    let accused = quote("Rana Sanaullah", "accuse");
    assert!(!accused.ends_with(" and"), "{accused}");
    // "…, the army said on Sunday.": the army speaks of the attack, not of Sunday.
    let army =
        out.statements.iter().find(|s| s.speaker.name.starts_with("Military Forces")).expect("the army");
    assert!(army.quote.as_deref().unwrap_or("").starts_with("Fighters attacked"), "{:?}", army.quote);
}

#[test]
fn a_weekly_brief_glosses_names_in_brackets_and_counts_acts_without_telling_new_ones() {
    let ex = Extractor::with_defaults().expect("shipped dictionaries load");
    let (a1, a2) = actors(
        &ex,
        "Suspected jihadists killed at least 15 volunteer fighters (VDP) in an ambush near Djibo last weekend.",
    );
    assert!(
        a1.starts_with("Unidentified Armed Group") && a2.starts_with("Volunteers for the Defense"),
        "{a1} / {a2}"
    );
    let text = "Islamic State Sahel Province fighters attacked a military post in Tillaberi region on Tuesday. \
                Nine soldiers were killed, the defence ministry said. It was the third attack on the army in \
                the region this month.";
    let out = ex.extract(&doc("2024-03-25", text));
    let news: Vec<_> = out.events.iter().filter(|e| e.event_type.is_some() && !e.background).collect();
    assert_eq!(news.len(), 1, "{news:?}");
    assert_eq!(news[0].fatalities.min, Some(9));
    // "A third attack targets …" is itself news.
    let out = ex.extract(&doc(
        "2024-03-25",
        "A third attack targets SDF fighters east of the Euphrates in Deir ez-Zor.",
    ));
    assert!(out.events.iter().any(|e| e.event_type.is_some() && !e.background), "{:?}", out.events);
}

#[test]
fn an_event_without_a_place_takes_no_place_from_a_later_paragraph_nor_another_countrys() {
    let ex = Extractor::with_defaults().expect("shipped dictionaries load");
    let text = "Houthi rebels fired two anti-ship missiles at a tanker off the coast on Friday, the US military \
                said.\n\nA Turkish drone strike on a car near Qamishli killed three members of the Syrian \
                Democratic Forces on Saturday.\n\nM23 rebels seized the town of Rubaya in North Kivu province \
                after heavy fighting with the Congolese army and allied militias.";
    let out = ex.extract(&doc("2024-05-11", text));
    let houthi = out
        .events
        .iter()
        .find(|e| e.actor1.as_ref().is_some_and(|a| a.name == "Houthis"))
        .expect("the missile attack");
    let loc = houthi.location.as_ref().expect("the Houthis' country");
    assert_eq!((loc.country.as_deref(), loc.admin1.as_deref()), (Some("YE"), None));
    let m23 = out.events.iter().find(|e| e.actor1.as_ref().is_some_and(|a| a.name == "M23")).expect("M23");
    assert_eq!(m23.sub_event_type.map(|s| s.as_str()), Some("Non-state actor overtakes territory"));
    // "allied militias" cooperate with nobody in this report.
    assert!(out.events.iter().all(|e| e.plover.kind.as_str() != "COOPERATE"), "{:?}", out.events);
}

#[test]
fn a_period_that_holds_the_publication_day_ends_on_it() {
    let ex = Extractor::with_defaults().expect("shipped dictionaries load");
    let out = ex.extract(&doc("2024-03-13", "Gunmen killed five people in Kabul this week."));
    let e = out.events.iter().find(|e| e.event_type.is_some()).expect("the killing");
    let (from, to) = (e.date.map(|d| d.to_string()), e.date_end.map(|d| d.to_string()));
    assert_eq!((from.as_deref(), to.as_deref()), (Some("2024-03-11"), Some("2024-03-13")));
}

#[test]
fn posts_and_headlines_claim_by_naming_the_act() {
    let ex = Extractor::with_defaults().expect("shipped dictionaries load");
    let claimed = |text: &str| {
        let out = ex.extract(&doc("2024-11-10", text));
        let e = out.events.into_iter().find(|e| e.event_type.is_some()).expect("an event");
        (e.claimed_by.map(|a| a.name), e.actor2.map(|a| a.name), e.fatalities.min)
    };
    let (by, _, _) =
        claimed("#Mali: JNIM claims ambush on FAMa convoy near #Boni (Mopti) - 7 soldiers killed.");
    assert_eq!(by.as_deref(), Some("Jama'at Nusrat al-Islam wal-Muslimin"));
    // A state reporting its own operation claims nothing, and is not its own victim.
    let (by, a2, _) = claimed("Pakistan claims killing of eight Al-Qaeda militants");
    assert_eq!((by, a2.as_deref()), (None, Some("al-Qaida")));
    // A post's victims after a comma are victims: "3 Taliban fighters killed, 5 wounded".
    let (_, a2, _) = claimed(
        "BREAKING: Explosion at a checkpoint in #Kandahar city. At least 3 Taliban fighters killed, 5 wounded.",
    );
    assert_eq!(a2.as_deref(), Some("Taliban"));
    let (by, _, toll) = claimed(
        "UPDATE: Death toll in yesterday's Quetta railway station bombing rises to 26, officials say. BLA claimed the attack.",
    );
    assert_eq!((by.as_deref(), toll), (Some("Balochistan Liberation Army"), Some(26)));
}

#[test]
fn an_outcome_verb_after_auxiliaries_is_active_and_similar_past_attacks_are_background() {
    let ex = Extractor::with_defaults().expect("shipped dictionaries load");
    let text = "The National Resistance Front said its fighters had killed three Taliban soldiers in an ambush \
                in Panjshir province on Saturday.";
    let out = ex.extract(&doc("2024-05-14", text));
    let e = out.events.iter().find(|e| e.event_type.is_some()).expect("the ambush");
    assert_eq!(e.actor1.as_ref().map(|a| a.name.as_str()), Some("National Resistance Front of Afghanistan"));
    assert_eq!(e.actor2.as_ref().map(|a| a.name.as_str()), Some("Taliban"));
    let text = "A roadside bomb struck a minibus in Mazar-i-Sharif on Monday, killing seven people. No group has \
                claimed responsibility, but IS-K has carried out similar attacks against the Hazara community.";
    let out = ex.extract(&doc("2024-05-14", text));
    let news: Vec<_> = out.events.iter().filter(|e| e.event_type.is_some() && !e.background).collect();
    assert_eq!(news.len(), 1, "{news:?}");
}

#[test]
fn a_later_sentence_without_a_place_takes_the_reports_first_place_not_its_dateline() {
    let ex = Extractor::with_defaults().expect("shipped dictionaries load");
    let text = "BAGHDAD (Example Wire) \u{2014} Two Iraqi soldiers were killed when Islamic State militants \
                attacked an army post in Diyala province late on Tuesday, security sources said.\n\nIraqi \
                aircraft later bombed suspected IS hideouts in the nearby hills, killing five militants, \
                according to a statement from the Joint Operations Command.";
    let out = ex.extract(&doc("2024-05-15", text));
    let air = out
        .events
        .iter()
        .find(|e| e.sub_event_type.map(|s| s.as_str()) == Some("Air/drone strike"))
        .expect("the air strike");
    assert_eq!(air.actor1.as_ref().map(|a| a.name.as_str()), Some("Military Forces of Iraq"));
    assert_eq!(air.location.as_ref().and_then(|l| l.admin1.as_deref()), Some("Diyālá"));
    // The command's name tells no cooperation.
    assert!(out.events.iter().all(|e| e.plover.kind.as_str() != "COOPERATE"), "{:?}", out.events);
}

#[test]
fn a_tally_counts_the_period_next_to_its_number_and_counts_of_acts_add_no_tolls() {
    let ex = Extractor::with_defaults().expect("shipped dictionaries load");
    let text = "Islamic State militants carried out 14 attacks in Iraq in April, down from 22 in March, \
                according to a tally by a conflict monitor. The attacks killed 19 people.\n\nIraqi forces \
                conducted at least 30 raids against IS hideouts during the month, killing 41 suspected \
                militants, the military said.";
    let out = ex.extract(&doc("2024-05-03", text));
    let t = out.tallies.iter().find(|t| t.count == 14).expect("the tally of 14 attacks");
    assert_eq!(t.date.map(|d| d.to_string()).as_deref(), Some("2024-04-01"));
    // Two counts of acts in two sentences are no one event's 60 dead.
    assert!(out.events.iter().all(|e| e.fatalities.min != Some(60)), "{:?}", out.events);
}

#[test]
fn force_against_protesters_is_coded_as_the_protest_and_a_refugee_camp_holds_civilians() {
    let ex = Extractor::with_defaults().expect("shipped dictionaries load");
    let sub = |text: &str| {
        let out = ex.extract(&doc("2024-06-10", text));
        let e = out.events.into_iter().find(|e| e.event_type.is_some()).expect("an event");
        e.sub_event_type.map(|s| s.as_str().to_string()).unwrap_or_default()
    };
    assert_eq!(
        sub("Security forces fired tear gas at protesters in Dhaka on Sunday, injuring dozens."),
        "Protest with intervention"
    );
    assert_eq!(
        sub("Police opened fire on protesters in Nairobi, killing three."),
        "Excessive force against protesters"
    );
    assert_eq!(
        sub(
            "Israeli troops shot dead two Palestinians during a raid in the Jenin refugee camp, officials said."
        ),
        "Attack"
    );
}

#[test]
fn an_armed_group_telling_its_own_violence_makes_a_claim_statement() {
    let ex = Extractor::with_defaults().expect("shipped dictionaries load");
    for text in [
        "Al-Shabaab said it carried out the attack on the base in Lower Shabelle.",
        "Islamic State said on Tuesday its fighters had killed 11 Christians in Cabo Delgado.",
    ] {
        let out = ex.extract(&doc("2024-05-11", text));
        assert!(
            out.statements.iter().any(|s| s.kind == sitrep_model::StatementKind::ClaimResponsibility),
            "{text}: {:?}",
            out.statements
        );
    }
    // A state's army reporting its strike claims nothing.
    let out = ex
        .extract(&doc("2024-05-11", "The Sudanese army said its aircraft struck RSF positions near Mellit."));
    assert!(out.statements.iter().all(|s| s.kind != sitrep_model::StatementKind::ClaimResponsibility));
}

#[test]
fn what_a_speaker_said_before_its_verb_ends_at_the_comma_before_it() {
    let ex = Extractor::with_defaults().expect("shipped dictionaries load");
    let text = "Russia launched 87 drones at Ukraine overnight, the Ukrainian air force said on Telegram on \
                Monday.\n\nIn the Odesa region, a drone hit an apartment building, killing two people, Governor \
                Oleh Kiper said. Russia's Defence Ministry said its air defences had destroyed 24 drones over \
                the Belgorod region.";
    let out = ex.extract(&doc("2024-05-13", text));
    let air_force = out
        .statements
        .iter()
        .find(|s| s.speaker.name.starts_with("Military Forces of Ukraine"))
        .expect("the air force's statement");
    assert_eq!(air_force.quote.as_deref(), Some("Russia launched 87 drones at Ukraine overnight"));
}

#[test]
fn a_live_blogs_updates_tell_of_the_day_it_was_published() {
    let ex = Extractor::with_defaults().expect("shipped dictionaries load");
    let text = "Live updates\n\n14:05 GMT - Strike kills five in southern Lebanon\nAn Israeli drone strike on a car \
                in the town of Nabatieh killed five people, the health ministry said.\n\n12:15 GMT - Three killed \
                in Rafah\nThree Palestinians were killed near an aid distribution point in Rafah, witnesses said.";
    let out = ex.extract(&doc("2024-06-10", text));
    let violent: Vec<_> = out.events.iter().filter(|e| e.event_type.is_some()).collect();
    assert_eq!(violent.len(), 2, "{violent:?}");
    for e in &violent {
        assert_eq!(e.date.map(|d| d.to_string()).as_deref(), Some("2024-06-10"), "{e:?}");
    }
    // Where aid is handed out is no act of aid.
    assert!(out.events.iter().all(|e| e.plover.kind.as_str() != "AID"), "{:?}", out.events);
}

#[test]
fn one_named_victim_with_titles_counts_one_and_protesters_burning_a_station_riot() {
    let ex = Extractor::with_defaults().expect("shipped dictionaries load");
    let out = ex.extract(&doc(
        "2024-06-10",
        "A senior Taliban commander was killed in a US drone strike in Kunar province on Friday.",
    ));
    let e = out.events.iter().find(|e| e.event_type.is_some()).expect("the strike");
    assert_eq!(e.fatalities.min, Some(1));
    let out = ex.extract(&doc(
        "2024-06-10",
        "Protesters set fire to a police station in Karachi after a man died in custody.",
    ));
    let e = out.events.iter().find(|e| e.event_type.is_some()).expect("the riot");
    assert_eq!(e.sub_event_type.map(|s| s.as_str()), Some("Violent demonstration"));
}

#[test]
fn a_countrys_bare_name_or_demonym_acting_with_force_is_its_forces() {
    let ex = Extractor::with_defaults().expect("shipped dictionaries load");
    let (a1, _) = actors(
        &ex,
        "A senior Taliban commander was killed in a US drone strike in Kunar province on Friday.",
    );
    assert_eq!(a1, "Military Forces of the United States");
    let (a1, _) = actors(&ex, "Three Palestinians were killed by Israeli fire near Rafah, witnesses said.");
    assert_eq!(a1, "Military Forces of Israel");
}

#[test]
fn a_demonym_opening_a_descriptor_gives_its_country() {
    let ex = Extractor::with_defaults().expect("shipped dictionaries load");
    let out = ex.extract(&doc(
        "2024-06-10",
        "Israeli intelligence officials have shared evidence with the U.S. about the plot, officials said.",
    ));
    let e = out.events.iter().find(|e| e.plover.kind.as_str() == "COOPERATE").expect("the cooperation");
    assert_eq!(e.actor1.as_ref().map(|a| a.name.as_str()), Some("Government of Israel"));
}

#[test]
fn a_title_case_dateline_and_a_kicker_in_capitals() {
    let ex = Extractor::with_defaults().expect("shipped dictionaries load");
    // The kicker "LAC PROVINCE:" names the event's place; "N'Djamena —" only where it was filed.
    // 2025-10-28 is a Tuesday: the night of Sunday to Monday is the 26th to the 27th.
    let text = "LAC PROVINCE: SEVEN SOLDIERS KILLED IN ATTACK ON ISLAND POSITION\n\nN'Djamena \u{2014} Seven \
                soldiers were killed when Boko Haram fighters attacked a military position on an island in \
                the Lac province during the night of Sunday to Monday, the army said.";
    let out = ex.extract(&doc("2025-10-28", text));
    let violent: Vec<_> = out.events.iter().filter(|e| e.event_type.is_some()).collect();
    assert_eq!(violent.len(), 1, "{violent:?}");
    let e = violent[0];
    assert_eq!(e.location.as_ref().and_then(|l| l.admin1.as_deref()), Some("Lac"));
    assert_eq!(e.date.map(|d| d.to_string()).as_deref(), Some("2025-10-26"));
    assert_eq!(e.date_end.map(|d| d.to_string()).as_deref(), Some("2025-10-27"));
    assert_eq!(e.fatalities.min, Some(7));
}

#[test]
fn sentences_that_tell_how_the_act_went_are_that_act() {
    let ex = Extractor::with_defaults().expect("shipped dictionaries load");
    // No time, place or toll of their own: the weapons, the siege and the crowd's dispersal are
    // parts of the attack on the rally, which its lead names (a mob attack, not a bombing).
    let text = "Four killed as rally is attacked in Gopalganj\n\n\
                At least four people were killed in Gopalganj on Wednesday when supporters of a banned \
                party attacked a rally of a new student party, officials said. Witnesses said about 200 \
                men armed with sticks and crude bombs attacked the gathering near the park shortly after \
                noon. The party's leaders were escorted to the police office, which was then besieged by \
                the attackers for nearly three hours. Police fired tear gas and sound grenades to disperse \
                the crowd.";
    let out = ex.extract(&doc("2025-07-17", text));
    let violent: Vec<_> = out.events.iter().filter(|e| e.event_type.is_some()).collect();
    assert_eq!(violent.len(), 1, "{violent:?}");
    assert_eq!(violent[0].fatalities.min, Some(4));
    // "Narathiwat" may be the town or the province; "Rangae district" lies in that province.
    let text = "Two rangers killed in Narathiwat roadside bomb\n\nNARATHIWAT: Two rangers were killed when a \
                bomb exploded as their patrol passed in Rangae district on Monday morning, police said. \
                The rangers were on a motorcycle patrol in tambon Tanyong Mas when the device, detonated \
                by a mobile phone, went off.";
    let out = ex.extract(&doc("2025-02-18", text));
    let violent: Vec<_> = out.events.iter().filter(|e| e.event_type.is_some()).collect();
    assert_eq!(violent.len(), 1, "{violent:?}");
}

#[test]
fn the_end_of_a_journey_is_not_where_the_act_was() {
    let ex = Extractor::with_defaults().expect("shipped dictionaries load");
    let text = "Three truck drivers were killed on Sunday when a convoy carrying fuel from Dakar to Bamako \
                was attacked near Kayes, transporters said.";
    let out = ex.extract(&doc("2025-08-19", text));
    let e = out.events.iter().find(|e| e.event_type.is_some()).expect("the attack");
    let name = e.location.as_ref().map(|l| l.name.as_str()).unwrap_or("");
    assert_ne!(name, "Bamako", "{:?}", e.location);
}
