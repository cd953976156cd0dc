//! Full reports: what a report says around its news (habits, states, reactions, claims, its
//! headline, details of the act) is no new event. Sentences written for sitrep.

mod common;

use sitrep_extract::Extractor;
use sitrep_model::Event;

/// The current (not background) violent ACLED events of `text`.
fn current(ex: &Extractor, text: &str, published: &str) -> Vec<Event> {
    common::violent(ex, text, published).into_iter().filter(|e| !e.background).collect()
}

/// One line per event: type, place, date, toll, claimant and the first words of each evidence.
fn brief(ev: &[Event]) -> String {
    ev.iter()
        .map(|e| {
            format!(
                "\n  {:?} {:?} {:?} killed={:?} claimed={:?} ev={:?}",
                e.sub_event_type,
                e.location.as_ref().map(|l| (&l.name, &l.admin1)),
                e.date,
                e.fatalities.min,
                e.claimed_by.as_ref().map(|c| &c.name),
                e.evidence.len()
            )
        })
        .collect()
}

const LEAD: &str = "Gunmen killed five traders near Gusau in Zamfara state on Monday, police said.\n\n";

#[test]
fn a_habit_or_a_state_is_no_event() {
    let ex = Extractor::with_defaults().expect("shipped dictionaries load");
    let mut wrong = Vec::new();
    for tail in [
        "Bandits frequently attack travellers on the roads of Katsina.",
        "The gangs have repeatedly targeted markets in Katsina.",
        "Armed gangs regularly raid villages in Katsina state.",
        "The bandits have stepped up attacks in Katsina since the amnesty collapsed.",
        "The armed group has been fighting the army in Katsina for more than ten years.",
        "The town of Funtua has been besieged by bandits since 2019.",
        "Katsina has been at war since June 2021, when fighting broke out between two gangs in Funtua.",
        "The state government in Katsina, which rarely comments on attacks, did not respond to questions.",
        "The government in Abuja has in the past said its forces only target armed bandits.",
    ] {
        let text = format!("{LEAD}{tail}");
        let ev = current(&ex, &text, "2024-05-08");
        if ev.len() != 1 || ev[0].fatalities.min != Some(5) {
            wrong.push(format!("{tail}: {}", brief(&ev)));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn acts_counted_over_a_span_are_no_event() {
    let ex = Extractor::with_defaults().expect("shipped dictionaries load");
    for text in [
        "In the past week, troops across the theatres of operation neutralised 40 bandits and arrested 90 suspects.",
        "Since the start of the year, the monitor has recorded 14 attacks claimed by the group in the province.",
        "Over the previous two months, the militia has burned down villages across the district.",
    ] {
        let ev = current(&ex, text, "2024-10-02");
        assert!(ev.is_empty(), "{text}: {}", brief(&ev));
    }
    // A span in the clause of a running total does not touch the act told before it.
    let ev = current(
        &ex,
        "Two car bombs killed 11 people in the city centre, raising the number killed to 340 since April.",
        "2024-10-02",
    );
    assert_eq!(ev.len(), 1, "{}", brief(&ev));
    assert_eq!(ev[0].fatalities.min, Some(11));
}

#[test]
fn a_repeated_act_on_a_given_day_is_news() {
    let ex = Extractor::with_defaults().expect("shipped dictionaries load");
    let ev = current(
        &ex,
        "Soldiers repeatedly shelled the village of Anka on Tuesday, killing three people.",
        "2024-05-08",
    );
    assert_eq!(ev.len(), 1, "{}", brief(&ev));
}

#[test]
fn a_reaction_to_the_act_is_no_new_event() {
    let ex = Extractor::with_defaults().expect("shipped dictionaries load");
    let lead =
        "Militants killed 11 soldiers in an ambush on a patrol near Diffa on Sunday, the army said.\n\n";
    let mut wrong = Vec::new();
    for tail in [
        "In Niamey, the government accused the militants of deliberately targeting troops.",
        "The governor condemned the attack in a statement issued in Zinder and urged calm.",
        "The insurgents denied shelling civilians in the town, accusing the army of shelling homes in Maine-Soroa.",
        "The defence ministry, in a statement read on Tuesday, confirmed the toll and said several \
         attackers had been neutralised in the counter-attack.",
    ] {
        let text = format!("{lead}{tail}");
        let ev = current(&ex, &text, "2024-06-04");
        if ev.len() != 1 || ev[0].fatalities.min != Some(11) {
            wrong.push(format!("{tail}: {}", brief(&ev)));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn a_later_claim_is_the_claim_of_the_act_told() {
    let ex = Extractor::with_defaults().expect("shipped dictionaries load");
    let mut wrong = Vec::new();
    for tail in [
        "JNIM claimed the attack on Tuesday.",
        "JNIM claimed the Djibo attack in a statement on Tuesday, according to a monitoring group.",
        "JNIM later claimed responsibility for the Djibo attack.",
        // The claim carried over a comma to the act it names, with no day of its own.
        "JNIM claimed responsibility, saying its fighters had stormed \"a base of the apostate army\".",
    ] {
        let text = format!(
            "Gunmen killed eight soldiers at an army post in Djibo on Sunday, security sources said.\n\n{tail}"
        );
        let ev = current(&ex, &text, "2024-10-02");
        if ev.len() != 1
            || ev[0].fatalities.min != Some(8)
            || ev[0].location.as_ref().and_then(|l| l.admin1.as_deref()) != Some("Sahel")
            || ev[0].claimed_by.is_none()
        {
            wrong.push(format!("{tail}: {}", brief(&ev)));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    // A claim set apart is the claim of another act.
    let text = "Gunmen killed eight soldiers at an army post in Djibo on Sunday, security sources said.\n\n\
                Separately, JNIM also claimed a mortar attack on Monday on a base near Dori.";
    let ev = current(&ex, text, "2024-10-02");
    assert_eq!(ev.len(), 2, "{}", brief(&ev));
}

#[test]
fn the_day_a_figure_was_published_is_not_the_day_of_the_act() {
    let ex = Extractor::with_defaults().expect("shipped dictionaries load");
    let text = "Gunmen attacked an army patrol near Banibangou on Friday, the defence ministry said.\n\n\
                Twelve soldiers were killed, against five dead announced in a first communiqué on Saturday.";
    let ev = current(&ex, text, "2024-03-25");
    assert_eq!(ev.len(), 1, "{}", brief(&ev));
    assert_eq!(ev[0].date.map(|d| d.to_string()).as_deref(), Some("2024-03-22"), "{}", brief(&ev));
    // What the announcement tells has no other day than the announcement's.
    let ev = current(
        &ex,
        "On 23 November, the army announced that it had neutralised four rebels near Mayi-Moya.",
        "2024-11-26",
    );
    assert_eq!(ev.len(), 1, "{}", brief(&ev));
    assert_eq!(ev[0].date.map(|d| d.to_string()).as_deref(), Some("2024-11-23"), "{}", brief(&ev));
}

#[test]
fn the_day_a_source_spoke_is_not_the_day_of_the_act() {
    let ex = Extractor::with_defaults().expect("shipped dictionaries load");
    let text = "Militants killed at least 14 soldiers in an attack on an army post in northern Burkina \
                Faso, security sources told Reuters on Wednesday.\n\n\
                The assault targeted the army post in Djibo on Tuesday morning, one source said.";
    let ev = current(&ex, text, "2024-10-02");
    assert_eq!(ev.len(), 1, "{}", brief(&ev));
    assert_eq!(ev[0].date.map(|d| d.to_string()).as_deref(), Some("2024-10-01"), "{}", brief(&ev));
}

#[test]
fn a_headline_restates_its_lead() {
    let ex = Extractor::with_defaults().expect("shipped dictionaries load");
    let text = "Two police officers killed in rebel drone attack in Cauca\n\n\
                Two police officers were killed on Sunday when rebels attacked a police station with \
                drones in Suárez, in the department of Cauca, police said.";
    let ev = current(&ex, text, "2024-04-15");
    assert_eq!(ev.len(), 1, "{}", brief(&ev));
    assert_eq!(ev[0].fatalities.min, Some(2), "{}", brief(&ev));
    // The headline's act is told with another word in the lead.
    let text = "Army air strike kills seven in Sagaing village\n\n\
                Seven civilians were killed when a military jet bombed a village in Monywa township, \
                Sagaing Region, on Friday, residents said.";
    let ev = current(&ex, text, "2024-03-09");
    assert_eq!(ev.len(), 1, "{}", brief(&ev));
    assert_eq!(ev[0].fatalities.min, Some(7), "{}", brief(&ev));
}

#[test]
fn a_detail_belongs_to_the_act_told_last() {
    let ex = Extractor::with_defaults().expect("shipped dictionaries load");
    // A headline of two acts: a detail after the lead tells the lead's act, not the headline's
    // second one.
    let text = "Three soldiers killed in Narathiwat bomb, teacher shot dead in Pattani\n\n\
                Three soldiers were killed when a roadside bomb exploded as their patrol passed in \
                Rangae district of Narathiwat on Monday, police said.\n\n\
                The bomb was hidden under a bridge.\n\n\
                On Sunday, a teacher was shot dead by gunmen in Nong Chik district of Pattani province.";
    let ev = current(&ex, text, "2024-07-23");
    assert_eq!(ev.len(), 2, "{}", brief(&ev));
    // A strike, then what it hit, then its toll: one act.
    let text = "At 04:10 the enemy struck the Saltivskyi district of Kharkiv with guided bombs. \
                A school and a garage were hit.\n\nThree people were killed and 12 injured.";
    let ev = current(&ex, text, "2024-11-29");
    assert_eq!(ev.len(), 1, "{}", brief(&ev));
    assert_eq!(ev[0].fatalities.min, Some(3), "{}", brief(&ev));
}

#[test]
fn a_captured_position_is_territory_not_an_arrest() {
    let ex = Extractor::with_defaults().expect("shipped dictionaries load");
    let ev = current(
        &ex,
        "The Arakan Army said on Sunday that its fighters had captured a military outpost near the river town \
         of Paletwa in Chin State after three days of fighting.",
        "2024-01-15",
    );
    assert_eq!(ev.len(), 1, "{}", brief(&ev));
    assert_eq!(
        ev[0].sub_event_type.map(|s| s.as_str()),
        Some("Non-state actor overtakes territory"),
        "{}",
        brief(&ev)
    );
    // People captured are arrested.
    let out =
        common::extract(&ex, "Troops captured three militants near Paletwa on Sunday.", "2024-01-15", None);
    assert!(
        out.events.iter().any(|e| e.sub_event_type.map(|s| s.as_str()) == Some("Arrests")),
        "{:?}",
        out.events
    );
}
