//! Unit tests of the event rules on sentences written for them.
//!
//! Each test runs a short news text of its own through the same layers the pipeline uses
//! (sentences, numbers and times, actors, quotes; no gazetteer places) and pins what the
//! rules code from it: roles in active and passive voice, noun triggers, coordinated
//! targets, casualty sides and totals, claims and denials, modality and the statements it
//! implies, background, merging a standfirst with the body, relations, and silence on text
//! that reports nothing.

use std::collections::HashMap;
use std::sync::OnceLock;

use faultline_actors::Dictionary;
use faultline_model::{Anchor, Casualties, Event, EventActor, Modality, Status};

use crate::{Coded, Input, Lexicon, find_events};

/// The knowledge data, loaded once for all tests.
struct Shared {
    dictionary: Dictionary,
    lexicon: Lexicon,
    country_names: HashMap<String, String>,
}

fn shared() -> &'static Shared {
    static SHARED: OnceLock<Shared> = OnceLock::new();
    SHARED.get_or_init(|| {
        let dictionary = Dictionary::load_default().expect("the shipped actor dictionary loads");
        let country_names = dictionary.countries().iter().map(|c| (c.iso3.clone(), c.name.clone())).collect();
        Shared { dictionary, lexicon: Lexicon::load_default(), country_names }
    })
}

/// Codes a text as the pipeline would, without places, anchored on `published` if given.
fn code(text: &str, published: Option<&str>) -> Coded {
    let shared = shared();
    let sentences = faultline_clean::sentences::split_sentences(text);
    let anchor = published.and_then(Anchor::from_published);
    let found = faultline_annotate::annotate(text, anchor.as_ref());
    let date = anchor.as_ref().map(|a| a.date);
    let entities = faultline_actors::find_entities(text, &shared.dictionary, date);
    let quotes = faultline_quotes::find_quotes(text, &sentences, &entities);
    let input = Input {
        article_id: "t",
        text,
        sentences: &sentences,
        numbers: &found.numbers,
        times: &found.times,
        entities: &entities,
        places: &[],
        quotes: &quotes,
        published: date,
        outlet: None,
        country_names: &shared.country_names,
    };
    find_events(&input, &shared.lexicon)
}

/// The ids of some actors, in order.
fn ids(actors: &[EventActor]) -> Vec<&str> {
    actors.iter().map(|a| a.id.as_str()).collect()
}

/// The events of one type.
fn of_type<'c>(coded: &'c Coded, event_type: &str) -> Vec<&'c Event> {
    coded.events.iter().filter(|e| e.event_type == event_type).collect()
}

/// The one event of a type, failing with all events shown when there is not exactly one.
fn only<'c>(coded: &'c Coded, event_type: &str) -> &'c Event {
    let found = of_type(coded, event_type);
    assert_eq!(found.len(), 1, "one {event_type} expected in {:#?}", coded.events);
    found[0]
}

/// The best figure of a side, by ISO3.
fn side(casualties: &Casualties, iso3: &str) -> Option<f64> {
    casualties.by_side.iter().find(|s| s.country.as_deref() == Some(iso3)).and_then(|s| s.range.best)
}

fn total(casualties: &Casualties) -> Option<f64> {
    casualties.total.and_then(|t| t.point())
}

#[test]
fn active_voice_takes_the_subject_as_source() {
    let coded = code("Russian forces shelled Ukrainian positions near the front line on Tuesday.", None);
    let event = only(&coded, "ASSAULT");
    assert_eq!(event.mode.as_deref(), Some("shelling"));
    assert_eq!(ids(&event.source), ["RUS:ARMED_FORCES"]);
    assert_eq!(ids(&event.target), ["UKR:ARMED_FORCES"]);
    assert_eq!(event.modality, Modality::Actual);
    assert_eq!(event.status, Status::Asserted);
    assert!(!event.background);
}

#[test]
fn passive_voice_takes_the_by_phrase_as_source() {
    let coded = code("Ukrainian positions were shelled by Russian forces on Tuesday.", None);
    let event = only(&coded, "ASSAULT");
    assert_eq!(event.mode.as_deref(), Some("shelling"));
    assert_eq!(ids(&event.source), ["RUS:ARMED_FORCES"]);
    assert_eq!(ids(&event.target), ["UKR:ARMED_FORCES"]);

    let coded = code("Ukraine was shelled by Russia overnight.", None);
    let event = only(&coded, "ASSAULT");
    assert_eq!(ids(&event.source), ["COUNTRY:RUS"]);
    assert_eq!(ids(&event.target), ["COUNTRY:UKR"]);
}

#[test]
fn a_noun_trigger_takes_its_possessive_as_source() {
    let coded = code("Japan's apology to South Korea was welcomed in Seoul.", None);
    let event = only(&coded, "CONCEDE");
    assert_eq!(event.mode.as_deref(), Some("apologize"));
    assert_eq!(event.trigger, "apology");
    assert_eq!(ids(&event.source), ["COUNTRY:JPN"]);
    assert_eq!(ids(&event.target), ["COUNTRY:KOR"]);
}

#[test]
fn mediation_names_its_mediator_and_both_parties() {
    let coded = code("Egypt's mediation between Israel and Hamas continued.", None);
    let event = only(&coded, "CONSULT");
    assert_eq!(event.mode.as_deref(), Some("mediate"));
    assert_eq!(ids(&event.source), ["COUNTRY:EGY"]);
    assert_eq!(ids(&event.target), ["COUNTRY:ISR", "ORG:HAMAS"]);
    let relation = coded.relations.iter().find(|r| r.kind == "mediates").expect("a mediates relation");
    assert_eq!(ids(&relation.source), ["COUNTRY:EGY"]);
}

#[test]
fn coordinated_targets_are_one_event() {
    let coded = code("Turkey held talks with Azerbaijan, Armenia and Georgia on Monday.", None);
    let event = only(&coded, "CONSULT");
    assert_eq!(ids(&event.source), ["COUNTRY:TUR"]);
    assert_eq!(ids(&event.target), ["COUNTRY:AZE", "COUNTRY:ARM", "COUNTRY:GEO"]);

    let coded = code("Russia called France, Germany and Italy on Monday.", None);
    let event = only(&coded, "CONSULT");
    assert_eq!(event.mode.as_deref(), Some("phone"));
    assert_eq!(ids(&event.source), ["COUNTRY:RUS"]);
    assert_eq!(ids(&event.target), ["COUNTRY:FRA", "COUNTRY:DEU", "COUNTRY:ITA"]);
}

#[test]
fn losses_reported_by_each_side_are_counted_by_side() {
    let coded = code("Armenia reported losing 12 soldiers, Azerbaijan 15.", None);
    let event = only(&coded, "ASSAULT");
    assert_eq!(side(&event.fatalities, "ARM"), Some(12.0));
    assert_eq!(side(&event.fatalities, "AZE"), Some(15.0));
    assert_eq!(event.fatalities.by_side.len(), 2);
    assert_eq!(total(&event.fatalities), Some(27.0));
    assert_eq!(ids(&event.target), ["ARM:ARMED_FORCES", "AZE:ARMED_FORCES"]);
}

#[test]
fn a_stated_total_in_the_next_sentence_is_reconciled_with_the_parts() {
    // The parts add up to the total: counted once.
    let coded = code(
        "Armenia reported losing 12 soldiers, Azerbaijan 15. Officials said 27 soldiers were killed in \
         the clashes.",
        None,
    );
    let event = only(&coded, "ASSAULT");
    assert_eq!(total(&event.fatalities), Some(27.0));
    assert_eq!(side(&event.fatalities, "ARM"), Some(12.0));
    assert_eq!(side(&event.fatalities, "AZE"), Some(15.0));
    assert_eq!(event.evidence.len(), 2);

    // A total larger than the parts stays: some of the dead are on no named side.
    let coded = code(
        "Armenia reported losing 12 soldiers, Azerbaijan 15. A total of 30 soldiers were killed, \
         officials said.",
        None,
    );
    let event = only(&coded, "ASSAULT");
    assert_eq!(total(&event.fatalities), Some(30.0));
    assert_eq!(event.fatalities.by_side.len(), 2);
}

#[test]
fn an_unsided_figure_goes_to_the_single_target() {
    let coded = code("Azerbaijani troops attacked Armenia, killing three soldiers.", None);
    let event = only(&coded, "ASSAULT");
    assert_eq!(ids(&event.source), ["AZE:ARMED_FORCES"]);
    assert_eq!(ids(&event.target), ["COUNTRY:ARM"]);
    assert_eq!(side(&event.fatalities, "ARM"), Some(3.0));
    assert_eq!(event.fatalities.by_side.len(), 1);
    assert_eq!(total(&event.fatalities), Some(3.0));
    assert!(event.injuries.is_empty());
}

#[test]
fn a_denial_in_the_next_sentence_disputes_the_claim() {
    let coded = code("Ukraine said rebels attacked Kharkiv. The rebels denied it.", None);
    let event = only(&coded, "ASSAULT");
    assert_eq!(ids(&event.source), ["GENERIC:REB"]);
    assert_eq!(event.status, Status::Disputed);
    assert_eq!(ids(&event.claimed_by), ["COUNTRY:UKR"]);
    assert_eq!(ids(&event.denied_by), ["GENERIC:REB"]);
    assert_eq!(event.evidence.len(), 2);
    assert!(event.evidence[1].text.contains("denied"));
    assert!(of_type(&coded, "REJECT").is_empty(), "the denial is not an event of its own");
}

#[test]
fn a_claim_without_a_denial_stays_claimed() {
    let coded = code("Ukraine said Russian troops attacked Kharkiv. Kyiv closed its schools.", None);
    let event = only(&coded, "ASSAULT");
    assert_eq!(event.status, Status::Claimed);
    assert_eq!(ids(&event.claimed_by), ["COUNTRY:UKR"]);
    assert!(event.denied_by.is_empty());
    // Claiming that the other side attacked is an accusation of its own.
    let accuse = only(&coded, "ACCUSE");
    assert_eq!(ids(&accuse.source), ["COUNTRY:UKR"]);
    assert_eq!(ids(&accuse.target), ["RUS:ARMED_FORCES"]);
}

#[test]
fn a_negated_attack_is_negated_and_implies_no_statement() {
    let coded = code("Turkish troops did not attack the Syrian town.", None);
    let event = only(&coded, "ASSAULT");
    assert_eq!(event.modality, Modality::Negated);
    assert_eq!(ids(&event.source), ["TUR:ARMED_FORCES"]);
    assert_eq!(ids(&event.target), ["COUNTRY:SYR"]);
    assert!(event.confidence < 0.8, "a negated act is less sure: {}", event.confidence);
    // A plain negation is no refusal.
    assert!(of_type(&coded, "REJECT").is_empty(), "{:#?}", coded.events);
}

#[test]
fn a_promised_withdrawal_is_a_future_retreat_and_an_agree() {
    let coded = code("Ethiopia said it will withdraw its troops from Somalia.", None);
    let retreat = only(&coded, "RETREAT");
    assert_eq!(retreat.modality, Modality::Future);
    assert_eq!(retreat.mode.as_deref(), Some("withdraw"));
    assert_eq!(ids(&retreat.source), ["COUNTRY:ETH"]);
    assert_eq!(ids(&retreat.target), ["COUNTRY:SOM"]);
    let agree = only(&coded, "AGREE");
    assert_eq!(agree.modality, Modality::Actual);
    assert_eq!(agree.mode.as_deref(), Some("intent:retreat"));
    assert_eq!(ids(&agree.source), ["COUNTRY:ETH"]);
    assert_eq!(ids(&agree.target), ["COUNTRY:SOM"]);
}

#[test]
fn a_refusal_is_a_reject() {
    let coded = code("Israel refused to release the Palestinian prisoners.", None);
    let event = only(&coded, "REJECT");
    assert_eq!(event.mode.as_deref(), Some("refuse"));
    assert_eq!(event.modality, Modality::Actual);
    assert_eq!(ids(&event.source), ["COUNTRY:ISR"]);
    assert_eq!(ids(&event.target), ["COUNTRY:PSE"]);

    // The refused act stays beside the REJECT, negated.
    let coded = code("Armenia refused to sign the peace agreement with Azerbaijan.", None);
    let reject = only(&coded, "REJECT");
    assert_eq!(ids(&reject.source), ["COUNTRY:ARM"]);
    assert_eq!(ids(&reject.target), ["COUNTRY:AZE"]);
    let agree = only(&coded, "AGREE");
    assert_eq!(agree.modality, Modality::Negated);
}

#[test]
fn saying_one_will_not_act_is_a_refusal() {
    let coded = code("Israel said it would not release the Palestinian prisoners.", None);
    let reject = only(&coded, "REJECT");
    assert_eq!(reject.modality, Modality::Actual);
    assert_eq!(ids(&reject.source), ["COUNTRY:ISR"]);
    assert_eq!(only(&coded, "RETREAT").modality, Modality::Negated);

    // "will not meet their demands" refuses the concession; "did not" only negates it.
    let coded = code("Serbia will not meet the demands of Kosovo.", None);
    assert_eq!(only(&coded, "CONCEDE").modality, Modality::Negated);
    assert_eq!(ids(&only(&coded, "REJECT").source), ["COUNTRY:SRB"]);
    let coded = code("Serbia did not meet the demands of Kosovo.", None);
    assert!(coded.events.iter().all(|e| e.event_type != "REJECT"), "{:?}", coded.events);
}

#[test]
fn agreeing_to_resign_is_an_agreement_and_a_future_resignation() {
    let coded = code("Kyrgyzstan's President Askar Akayev has agreed to resign.", None);
    assert_eq!(only(&coded, "AGREE").modality, Modality::Actual);
    assert_eq!(only(&coded, "CONCEDE").modality, Modality::Future);
}

#[test]
fn an_urged_act_is_a_request_and_a_demanded_act() {
    let coded = code("France urged Russia to withdraw its troops from Ukraine.", None);
    let request = only(&coded, "REQUEST");
    assert_eq!(request.modality, Modality::Actual);
    assert_eq!(request.mode.as_deref(), Some("appeal"));
    assert_eq!(ids(&request.source), ["COUNTRY:FRA"]);
    assert_eq!(ids(&request.target), ["COUNTRY:RUS"]);
    let retreat = only(&coded, "RETREAT");
    assert_eq!(retreat.modality, Modality::Demanded);
    assert_eq!(ids(&retreat.source), ["COUNTRY:RUS"]);
    assert_eq!(ids(&retreat.target), ["COUNTRY:UKR"]);
}

#[test]
fn an_old_year_is_background_against_the_publication_date() {
    let coded = code("Russia invaded Georgia in 2008.", Some("2024-05-10"));
    let event = only(&coded, "ASSAULT");
    assert_eq!(ids(&event.source), ["COUNTRY:RUS"]);
    assert_eq!(ids(&event.target), ["COUNTRY:GEO"]);
    assert!(event.background);
    let reason = event.background_reason.as_deref().unwrap_or_default();
    assert!(reason.contains("2008") && reason.contains("2024-05-10"), "{reason}");

    let coded = code("Russia shelled Ukraine on Monday.", Some("2024-05-10"));
    let event = only(&coded, "ASSAULT");
    assert!(!event.background, "{:?}", event.background_reason);
    assert_eq!(event.time.as_ref().map(|t| t.source.as_str()), Some("clause"));
}

#[test]
fn a_state_since_a_year_is_background() {
    let coded = code("Iraq has occupied Kuwait since 1990.", Some("1991-01-10"));
    let event = only(&coded, "COERCE");
    assert_eq!(ids(&event.source), ["COUNTRY:IRQ"]);
    assert_eq!(ids(&event.target), ["COUNTRY:KWT"]);
    assert!(event.background);
    assert_eq!(event.background_reason.as_deref(), Some("a state since 1990"));
}

#[test]
fn a_war_tally_so_far_is_background() {
    let coded = code("More than 200 Ukrainian soldiers have been killed in the war so far.", None);
    let event = only(&coded, "ASSAULT");
    assert!(event.background);
    assert_eq!(total(&event.fatalities), Some(200.0));
    assert_eq!(side(&event.fatalities, "UKR"), Some(200.0));
    assert_eq!(ids(&event.target), ["UKR:ARMED_FORCES"]);
}

#[test]
fn a_standfirst_repeated_by_the_body_is_one_event() {
    let text = "Azerbaijani troops shelled Armenian villages on Tuesday\n\nAzerbaijani troops shelled \
                Armenian border villages on Tuesday morning, Armenia's defence ministry said. The \
                ministry said nobody was hurt.";
    let coded = code(text, Some("2024-03-12"));
    let event = only(&coded, "ASSAULT");
    assert_eq!(ids(&event.source), ["AZE:ARMED_FORCES"]);
    assert_eq!(event.evidence.len(), 2);
    assert!(event.evidence[0].text.starts_with("Azerbaijani troops shelled Armenian villages"));
    assert!(event.evidence[1].text.contains("defence ministry said"));
}

#[test]
fn a_backed_compound_is_a_supports_relation() {
    let coded = code("Russia-backed rebels attacked Ukrainian positions.", None);
    let relation = coded
        .relations
        .iter()
        .find(|r| r.kind == "supports" && r.rule.starts_with("supports:"))
        .unwrap_or_else(|| panic!("a supports relation from the compound in {:#?}", coded.relations));
    assert_eq!(ids(&relation.source), ["COUNTRY:RUS"]);
    assert_eq!(ids(&relation.target), ["GENERIC:REB"]);
    let assault = only(&coded, "ASSAULT");
    assert_eq!(ids(&assault.source), ["GENERIC:REB"]);
    assert_eq!(ids(&assault.target), ["UKR:ARMED_FORCES"]);
}

#[test]
fn junk_text_codes_nothing() {
    for text in [
        "Premier League: Arsenal beat Chelsea 3-1\nTennis: Djokovic wins in Paris\nCricket: India thrash \
         Australia by six wickets\nFormula One: Verstappen takes pole in Monaco",
        "You received this email because you subscribed to updates from The Daily Report. To \
         unsubscribe, click here. © 2024 The Daily Report. All rights reserved. Privacy policy | \
         Terms of use",
        "Click here to subscribe to our newsletter. Follow us on Facebook and Twitter. Share this article.",
    ] {
        let coded = code(text, Some("2024-05-10"));
        assert!(coded.events.is_empty(), "{text}: {:#?}", coded.events);
        assert!(coded.relations.is_empty(), "{text}: {:#?}", coded.relations);
    }
}

#[test]
fn a_hyphenated_spelling_in_a_list_of_alternatives_matches() {
    let coded = code("Azerbaijan and Armenia agreed to a cease-fire on Monday.", Some("2024-03-05"));
    let agree = only(&coded, "AGREE");
    assert_eq!(agree.mode.as_deref(), Some("ceasefire"));
    assert!(ids(&agree.source).contains(&"COUNTRY:AZE") && ids(&agree.source).contains(&"COUNTRY:ARM"));
}

#[test]
fn a_call_with_its_day_after_the_object_is_still_a_call() {
    let coded = code("Putin called Erdogan on Monday.", Some("2024-03-05"));
    let consult = only(&coded, "CONSULT");
    assert_eq!(consult.mode.as_deref(), Some("phone"));
    assert_eq!(ids(&consult.target), ["PERSON:recep-tayyip-erdogan"]);
}

#[test]
fn competing_explanations_are_kept_as_attributed_alternatives() {
    let coded = code(
        "A cargo plane crashed near Aktau on Tuesday, killing 12 people. \
         Kazakh officials cited engine failure, while other accounts point to a missile strike.",
        Some("2024-03-06"),
    );
    let crash = of_type(&coded, "ASSAULT")
        .into_iter()
        .find(|e| total(&e.fatalities) == Some(12.0))
        .expect("the crash");
    let texts: Vec<&str> = crash.alternatives.iter().map(|a| a.text.as_str()).collect();
    assert!(texts.contains(&"engine failure"), "{texts:?}");
    assert!(texts.contains(&"a missile strike"), "{texts:?}");
    let official = crash.alternatives.iter().find(|a| a.text == "engine failure").expect("engine failure");
    assert_eq!(ids(&official.attributed_to), ["COUNTRY:KAZ"]);
}

#[test]
fn another_wounded_person_counts_one() {
    let coded =
        code("Two soldiers were killed and another was wounded when Russian forces shelled Kherson.", None);
    let attack = only(&coded, "ASSAULT");
    assert_eq!(total(&attack.fatalities), Some(2.0));
    assert_eq!(total(&attack.injuries), Some(1.0));
}

#[test]
fn an_unknown_office_holder_serves_the_one_country_named() {
    let coded = code("President Mahamat Doumbe urged rebels in Chad to lay down their arms.", None);
    let request = only(&coded, "REQUEST");
    assert_eq!(request.source[0].country.as_deref(), Some("TCD"));
    assert_eq!(ids(&request.target), ["TCD:REB"]);
}

#[test]
fn violent_words_in_peaceful_senses_code_no_violence() {
    for text in [
        "HIV infection is reported in 33 million people and has killed 25 million.",
        "The Flyers have lost eight of their nine games this season.",
        "The S&P 500 fell sharply on Tuesday, losing 39.45 points.",
        "Russia beat Croatia in the quarter-final on Saturday.",
        "\"Confidence is shot to ribbons,\" a trader said.",
        "Get a flu shot before the winter.",
        "The linebacker weighs 243 pounds.",
        "Merrill Lynch is the sole underwriter for the offering.",
        "The jetliner crashed into the Atlantic Ocean in June, killing all 228 people on board.",
        "Travel insurance may not cover trips canceled because of terrorist attacks.",
    ] {
        let coded = code(text, Some("2024-03-05"));
        let violent: Vec<&Event> = of_type(&coded, "ASSAULT");
        assert!(violent.is_empty(), "{text}: {violent:#?}");
        assert!(coded.events.iter().all(|e| e.fatalities.total.is_none()), "{text}: {:#?}", coded.events);
    }
}

#[test]
fn violence_with_armed_people_or_in_an_article_about_violence_stands() {
    let coded = code("Gunmen attacked a football match in Kaduna on Sunday, killing 12 people.", None);
    assert_eq!(total(&only(&coded, "ASSAULT").fatalities), Some(12.0));
    // "fighting" alone is another sense; beside an attack by troops it is the same war.
    let alone = code("The relatives are fighting to keep the boy in Miami.", None);
    assert!(of_type(&alone, "ASSAULT").is_empty(), "{:#?}", alone.events);
    let beside = code(
        "Russian troops shelled Kharkiv on Monday, killing four civilians. \
         Fighting continued near Izium on Tuesday.",
        Some("2024-03-05"),
    );
    assert!(
        of_type(&beside, "ASSAULT").iter().any(|e| e.trigger.contains("Fighting")),
        "{:#?}",
        beside.events
    );
}

#[test]
fn a_toll_counts_the_victims_of_its_own_verb() {
    let coded = code("Militants stormed the village, killing 29 people and taking over 400 hostage.", None);
    assert_eq!(total(&only(&coded, "ASSAULT").fatalities), Some(29.0));
    let coded = code("About 300 insurgents attacked the base, and troops killed 25 of them.", None);
    let tolls: Vec<f64> = of_type(&coded, "ASSAULT").iter().filter_map(|e| total(&e.fatalities)).collect();
    assert_eq!(tolls, [25.0], "{:#?}", coded.events);
}

#[test]
fn an_office_holder_takes_no_country_named_as_a_place_or_as_another_persons() {
    let coded = code("Minister Halvard Brekke condemned the attack in al-Hilla, Iraq.", None);
    let accuse = only(&coded, "ACCUSE");
    assert!(accuse.source.iter().all(|a| a.country.is_none()), "{:#?}", accuse.source);
    let coded = code("President Imre Kovacs met South African leader Sipho Dlamini on Thursday.", None);
    let host = only(&coded, "CONSULT");
    assert_eq!(host.source.iter().map(|a| a.country.clone()).collect::<Vec<_>>(), [None]);
    let coded = code("President Imre Kovacs accused Ivory Coast rebels of looting the town.", None);
    assert!(
        coded
            .events
            .iter()
            .flat_map(|e| &e.source)
            .any(|a| a.name == "Imre Kovacs" && a.country.as_deref() == Some("CIV")),
        "{:#?}",
        coded.events
    );
}

#[test]
fn who_condemns_an_attack_did_not_carry_it_out() {
    let coded = code("The United States condemns the terrorist attack on Syrian troops in Hasaka.", None);
    let accuse = only(&coded, "ACCUSE");
    assert_eq!(ids(&accuse.source), ["COUNTRY:USA"]);
    let attack = only(&coded, "ASSAULT");
    assert!(!attack.source.iter().any(|a| a.country.as_deref() == Some("USA")), "{attack:#?}");
}

#[test]
fn an_attack_told_again_further_on_is_one_event() {
    let text = "Gunmen attacked a checkpoint in the north on Monday, killing three soldiers. \
                Officials said the attack lasted two hours. The attack was the deadliest this month.";
    let coded = code(text, Some("2024-03-05"));
    let attack = only(&coded, "ASSAULT");
    assert_eq!(attack.evidence.len(), 3, "{attack:#?}");
    let coded = code(
        "Gunmen attacked a checkpoint on Monday. Another attack hit a market on Tuesday.",
        Some("2024-03-05"),
    );
    assert_eq!(of_type(&coded, "ASSAULT").len(), 2, "{:#?}", coded.events);
}

#[test]
fn a_shooting_with_a_death_on_a_given_day_is_violence() {
    let coded = code("One man was killed in a shooting on Sunday night.", Some("2024-03-05"));
    assert_eq!(of_type(&coded, "ASSAULT").len(), 1, "{:#?}", coded.events);
    let coded = code("The film crew was shooting on Sunday night.", Some("2024-03-05"));
    assert!(of_type(&coded, "ASSAULT").is_empty(), "{:#?}", coded.events);
}

#[test]
fn a_clause_after_but_with_its_own_subject_does_not_take_the_first_subject() {
    let coded = code(
        "Georgian police are still investigating, but there is little doubt that this was a \
         deliberately targeted attack.",
        Some("2024-03-05"),
    );
    for attack in of_type(&coded, "ASSAULT") {
        assert!(!attack.source.iter().any(|a| a.country.as_deref() == Some("GEO")), "{attack:#?}");
    }
}

#[test]
fn a_passive_infinitive_is_no_act_and_a_quotes_speaker_is_not_its_object() {
    let coded = code("In darkness it is easy to be raped, says a trader in the market.", Some("2024-03-05"));
    assert!(of_type(&coded, "ASSAULT").iter().all(|e| e.modality != Modality::Actual), "{:#?}", coded.events);
    let coded = code(
        "\"The cracks in my house widen with every blast,\" Ms Mpho Molatjeng said.",
        Some("2024-03-05"),
    );
    assert!(of_type(&coded, "ASSAULT").iter().all(|e| e.target.is_empty()), "{:#?}", coded.events);
}

#[test]
fn the_last_act_of_a_list_shares_the_modality_of_the_first() {
    let coded = code(
        "In the dark, women can be harassed, attacked by armed robbers on the way home or raped, the trader says.",
        Some("2024-03-05"),
    );
    assert!(of_type(&coded, "ASSAULT").iter().all(|e| e.modality != Modality::Actual), "{:#?}", coded.events);
}

#[test]
fn a_headline_tells_violence_an_article_about_something_else_would_not() {
    // A casualty word with its victims, or an act placed or breaking out, is violence in a
    // headline: the text has nothing else to be about.
    for headline in [
        "Civilian killed in the northern countryside",
        "Two men are killed on Sunday night",
        "Clashes erupt on the outskirts of the city on Friday",
    ] {
        let coded = code(headline, Some("2024-03-05"));
        assert_eq!(of_type(&coded, "ASSAULT").len(), 1, "{headline}: {:#?}", coded.events);
    }
    // Words of politics and family life keep their sense, in a headline too.
    for headline in [
        "Senators clash over the budget on Friday",
        "Relatives fight to keep the boy on Friday",
        "Heat wave kills 12 on Sunday",
    ] {
        let coded = code(headline, Some("2024-03-05"));
        assert!(of_type(&coded, "ASSAULT").is_empty(), "{headline}: {:#?}", coded.events);
    }
    // Inside a long article about something else, the same act told once is another sense.
    let mut article = String::from("Two men are killed on Sunday night. ");
    for _ in 0..12 {
        article.push_str("The council discussed the budget for the new school year at length. ");
    }
    let coded = code(&article, Some("2024-03-05"));
    assert!(of_type(&coded, "ASSAULT").is_empty(), "{:#?}", coded.events);
}

#[test]
fn a_figure_after_another_verb_counts_no_dead() {
    let coded = code("Militants attacked buses in the north, kill 9, abduct 35.", None);
    assert_eq!(total(&only(&coded, "ASSAULT").fatalities), Some(9.0));
    let coded = code("A bicycle bomb kills 1 civilian, wounds 11 others in the city.", None);
    let attack = only(&coded, "ASSAULT");
    assert_eq!((total(&attack.fatalities), total(&attack.injuries)), (Some(1.0), Some(11.0)));
    // A passive verb's figure after it is a part of the figure before it.
    let coded = code("56 people were killed on Monday, including 18 soldiers.", Some("2024-03-05"));
    assert_eq!(total(&only(&coded, "ASSAULT").fatalities), Some(56.0));
}

#[test]
fn a_figure_of_a_named_people_or_group_counts_people() {
    let coded = code("An airstrike killed 14 Taliban in Helmand on Monday.", Some("2024-03-05"));
    assert_eq!(total(&only(&coded, "ASSAULT").fatalities), Some(14.0), "{:#?}", coded.events);
    let coded = code("Shelling killed 150 Syrians in Idlib on Monday.", Some("2024-03-05"));
    assert_eq!(total(&only(&coded, "ASSAULT").fatalities), Some(150.0), "{:#?}", coded.events);
}

#[test]
fn a_group_acting_in_many_countries_takes_the_country_of_the_events_place() {
    let coded =
        code("Islamic State fighters attacked a checkpoint, killing four soldiers.", Some("2024-03-05"));
    let mut events = coded.events;
    let place = |country: &str| faultline_model::Place {
        text: "Mosul".into(),
        start: 0,
        end: 0,
        name: "Mosul".into(),
        id: "geonames:99072".into(),
        admin1: None,
        country: Some(country.into()),
        lat: None,
        lon: None,
        precision: faultline_model::PlacePrecision::Point,
    };
    let attack = events.iter_mut().find(|e| e.event_type == "ASSAULT").expect("the attack is coded");
    assert!(attack.source.iter().any(|a| a.id == "ORG:ISIS"), "{attack:#?}");
    attack.place = Some(place("IRQ"));
    crate::locate_actors_by_place(&mut events, &shared().lexicon.words);
    let attack = events.iter().find(|e| e.event_type == "ASSAULT").unwrap();
    let isis = attack.source.iter().find(|a| a.id == "ORG:ISIS").unwrap();
    assert_eq!(isis.country.as_deref(), Some("IRQ"));
}

#[test]
fn one_person_named_without_a_numeral_counts_one() {
    let coded = code("A man was killed in a shooting on Monday.", Some("2024-03-05"));
    assert_eq!(total(&only(&coded, "ASSAULT").fatalities), Some(1.0), "{:#?}", coded.events);
    let coded = code("Gunmen killed a policeman on Monday.", Some("2024-03-05"));
    assert_eq!(total(&only(&coded, "ASSAULT").fatalities), Some(1.0), "{:#?}", coded.events);
    let coded = code("An official was killed in a blast on Monday.", Some("2024-03-05"));
    assert_eq!(total(&only(&coded, "ASSAULT").fatalities), Some(1.0), "{:#?}", coded.events);
    // The speaker is not the one the verb after "said" counts.
    let coded = code("A spokesman said soldiers were killed in a blast on Monday.", Some("2024-03-05"));
    assert_eq!(total(&only(&coded, "ASSAULT").fatalities), None, "{:#?}", coded.events);
}

#[test]
fn a_figure_before_a_passive_casualty_word_is_its_subject() {
    let coded = code("A soldier was killed and two others were wounded on Monday.", Some("2024-03-05"));
    let attack = only(&coded, "ASSAULT");
    assert_eq!((total(&attack.fatalities), total(&attack.injuries)), (Some(1.0), Some(2.0)), "{attack:#?}");
}
