//! Texts that report no political violence must yield no ACLED event. Written for sitrep:
//! sport, culture, anniversaries, policy debates, threats, plans, foiled plots, accidents.

use sitrep_extract::Extractor;
use sitrep_model::Document;

const NEGATIVES: &[&str] = &[
    // sport
    "Manchester City's attack was relentless as they crushed their rivals 5-0 on Saturday, with the striker scoring a hat-trick.",
    "The Pakistan cricket team launched a blistering assault on the bowlers in Lahore, scoring 350 runs in the first innings.",
    "Kabul's football club stormed to victory in the league final, and fans celebrated in the streets until dawn.",
    // a match report in war words, one of them a conflict word used of the game
    "The hosts launched attack after attack and the striker shot into the far corner after 20 minutes. \
     The visitors' coach said his team had been under bombardment all match, and that a late goal had \
     killed off the game. The league leaders travel to Niger for their final match.",
    // culture
    "The new war film, which depicts the 2001 bombing campaign, is a gripping two hours; critics praised its explosive battle scenes.",
    "Her debut novel follows a sniper in Sarajevo, and the author said the book took ten years to write.",
    "The museum opened an exhibition of photographs from the Iraq war, drawing large crowds on its first weekend.",
    // anniversaries and history
    "Families gathered in New York on Wednesday to mark the anniversary of the September 11 attacks, reading the names of the nearly 3,000 people who died.",
    "Historians gathered in Geneva to discuss the legacy of the 1994 genocide and how it is taught in schools today.",
    // policy debates and politics
    "Parliament debated a bill on Tuesday that would expand the powers of the counter-terrorism police, with a vote expected next month.",
    "The finance minister presented the budget, which raises defence spending by four percent, to lawmakers in Islamabad.",
    "Analysts say the peace talks could resume next year if both sides agree on an agenda.",
    // threats, plans, foiled plots
    "The group threatened to attack government offices if its demands were not met, but no violence was reported by Friday evening.",
    "Police said they foiled a plot to bomb a shopping centre in Nairobi and were questioning the suspects.",
    "Agents seized short-range rockets, explosives and parts for drones in a warehouse in Zarqa, the statement said.",
    "Customs officers impounded a shipment of mortars and grenades at the port of Mombasa on Friday.",
    "Police said the house had been used to plan attacks on the city, and that the owner had fled.",
    "Officials warned that militants may try to disrupt the elections and said security would be tightened.",
    "Police said a team had been sent to the area and that efforts were on to trace and arrest the suspects.",
    "The interior minister has vowed to launch a \"decisive\" offensive against the rebels in the hills before the rains.",
    "The armed group warned traders in the valley to pay a levy by the end of the month or face attacks.",
    "The rebel leader said a new offensive would be launched after the harvest, and that attacks on the mines would intensify.",
    "We call on all parties to end attacks on schools and hospitals, the aid agencies said in a joint statement.",
    // totals, habits and conflicts told as a whole
    "The insurgency in the north, which began in 2012, has caused more than 9,000 deaths and displaced two million people.",
    "Since the start of the year, the militia has killed more than 300 villagers in the three districts, according to the UN.",
    // accidents and disasters
    "A gas cylinder exploded in a restaurant kitchen in Karachi on Monday, injuring four cooks; officials blamed a leaking pipe.",
    "At least 30 people died when a bus plunged into a ravine in northern Pakistan after its brakes failed.",
    "Floods killed 12 people in Sindh province this week as heavy monsoon rains swept away homes.",
    // markets and metaphors
    "Shares of the defence contractor exploded higher on Monday after it won a large contract, and investors cheered.",
    "The opposition leader launched a blistering attack on the government's economic record in a speech to supporters.",
    "Doctors said the former minister suffered a heart attack on Sunday and was in stable condition in hospital.",
];

#[test]
fn negatives_report_no_violent_event() {
    let ex = Extractor::with_defaults().expect("shipped dictionaries load");
    let mut failures = Vec::new();
    for (i, text) in NEGATIVES.iter().enumerate() {
        let doc = Document::new(format!("neg-{i}"), *text, chrono::NaiveDate::from_ymd_opt(2024, 9, 20));
        let out = ex.extract(&doc);
        let acled: Vec<_> = out.events.iter().filter(|e| e.event_type.is_some()).collect();
        if !acled.is_empty() {
            failures.push(format!(
                "{text:?} → {:?}",
                acled.iter().map(|e| (e.sub_event_type, e.trigger.clone())).collect::<Vec<_>>()
            ));
        }
    }
    assert!(NEGATIVES.len() >= 20);
    assert!(
        failures.is_empty(),
        "{} of {} negatives produced events:\n{}",
        failures.len(),
        NEGATIVES.len(),
        failures.join("\n")
    );
}

#[test]
fn habits_and_kinds_told_after_the_news_are_no_events() {
    let ex = Extractor::with_defaults().expect("shipped dictionaries load");
    for tail in [
        "The district has suffered repeated attacks in recent years.",
        "Such clashes have become routine along the border.",
        "Analysts say the group moves freely in the forest and has attacked army posts before.",
        "The attack is blamed on a faction which controls several islands and still raids fishing villages.",
        "With every targeted killing, the space for politicians to push the group towards disarmament narrows.",
    ] {
        let text = format!("Gunmen killed four herders near Bria on Sunday, local officials said. {tail}");
        let doc = Document::new("habit", text.as_str(), chrono::NaiveDate::from_ymd_opt(2024, 9, 20));
        let out = ex.extract(&doc);
        let acled: Vec<_> = out.events.iter().filter(|e| e.event_type.is_some()).collect();
        assert_eq!(acled.len(), 1, "{tail}: {acled:?}");
    }
}

#[test]
fn a_sports_item_in_a_news_bulletin_is_no_event() {
    let ex = Extractor::with_defaults().expect("shipped dictionaries load");
    let text = "Gunmen killed four herders near Bria yesterday, local officials said. And in football, Ghana \
                beat Mali two-nil in the regional championship, with two late strikes from the Black Stars' attack.";
    let doc = Document::new("bulletin", text, chrono::NaiveDate::from_ymd_opt(2024, 9, 20));
    let out = ex.extract(&doc);
    let acled: Vec<_> = out.events.iter().filter(|e| e.event_type.is_some()).collect();
    assert_eq!(acled.len(), 1, "{acled:?}");
    assert_eq!(acled[0].fatalities.min, Some(4));
}

#[test]
fn a_bombing_at_a_market_told_by_a_director_is_news() {
    let ex = Extractor::with_defaults().expect("shipped dictionaries load");
    // "market" (twice) and "director" are words of other domains; a killing keeps the text in.
    let text = "Attackers killed nine people at a market in Mogadishu on Saturday. Ambulance service \
                director Ali Warsame said his crews had carried nine bodies from the market.";
    let doc = Document::new("market", text, chrono::NaiveDate::from_ymd_opt(2023, 3, 28));
    let out = ex.extract(&doc);
    assert_eq!(out.events.iter().filter(|e| e.event_type.is_some()).count(), 1, "{:?}", out.events);
}
