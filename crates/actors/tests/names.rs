//! The general person rules (given names, speech and apposition context, initials, later
//! surnames) on sentences written for the purpose, against the fixture dictionary.

use std::path::PathBuf;

use faultline_actors::{Dictionary, find_entities};
use faultline_model::{Entity, EntityKind};

fn find(text: &str) -> Vec<Entity> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/dict");
    let dictionary = Dictionary::from_dirs(&[&dir]).expect("fixture dictionary loads");
    find_entities(text, &dictionary, None)
}

fn people(text: &str) -> Vec<(String, String, String)> {
    find(text)
        .into_iter()
        .filter(|e| e.kind == EntityKind::Person)
        .map(|e| (e.text, e.id, e.resolution))
        .collect()
}

fn texts(text: &str) -> Vec<String> {
    people(text).into_iter().map(|(t, _, _)| t).collect()
}

#[test]
fn a_given_name_opens_a_person() {
    assert_eq!(
        people("Olena Kovalenko visited the front line."),
        [("Olena Kovalenko".into(), "NEW:PERSON:olena-kovalenko".into(), "new".into())]
    );
    assert_eq!(texts("The report was written by Ravi Shankar Prasad."), ["Ravi Shankar Prasad"]);
    assert_eq!(
        texts("Jean-Pierre Dubois and Maria Lopes arrived late."),
        ["Jean-Pierre Dubois", "Maria Lopes"]
    );
}

#[test]
fn a_leading_description_is_left_out() {
    assert_eq!(texts("Defender Marco Bellini scored twice."), ["Marco Bellini"]);
}

#[test]
fn later_surnames_refer_back() {
    let found = people("Olena Kovalenko visited the front line. Later, Kovalenko returned home.");
    assert_eq!(found.len(), 2, "{found:?}");
    assert_eq!(found[1], ("Kovalenko".into(), "NEW:PERSON:olena-kovalenko".into(), "surname".into()));
}

#[test]
fn context_marks_unlisted_names() {
    assert_eq!(texts("Tadeusz Wrobel insisted the talks had failed."), ["Tadeusz Wrobel"]);
    assert_eq!(texts("According to Oyelaran Adebayo, the convoy was hit."), ["Oyelaran Adebayo"]);
    assert_eq!(texts("Hrant Sahakyan, 52, was detained on Monday."), ["Hrant Sahakyan"]);
    assert_eq!(texts("Tarkan Ozdemir, who leads the union, refused."), ["Tarkan Ozdemir"]);
    assert_eq!(texts("\"We will rebuild,\" said Tadeusz Wrobel, the organiser."), ["Tadeusz Wrobel"]);
    assert!(texts("Officials told Fox News on Friday.").is_empty());
    assert!(texts("Tadeusz Wrobel Stadium said nothing.").is_empty());
}

#[test]
fn initials_join_a_name() {
    let found = people("John F. Kennedy spoke in Berlin. Kennedy was cheered.");
    assert_eq!(found[0].0, "John F. Kennedy");
    assert_eq!(found[1], ("Kennedy".into(), found[0].1.clone(), "surname".into()));
    assert_eq!(texts("George H. W. Bush wrote to him."), ["George H. W. Bush"]);
}

#[test]
fn attached_articles_continue_a_name() {
    assert_eq!(texts("Hamid al-Turabi wrote a letter."), ["Hamid al-Turabi"]);
    assert!(texts("The al-Nour brigade withdrew.").is_empty());
}

#[test]
fn company_and_club_suffixes_end_an_organisation() {
    let found = find("Norvik Holdings shares fell after Rovena FC lost.");
    let orgs: Vec<&str> =
        found.iter().filter(|e| e.kind == EntityKind::Organization).map(|e| e.text.as_str()).collect();
    assert_eq!(orgs, ["Norvik Holdings", "Rovena FC"]);
    assert!(texts("Marco Bellini Holdings was sold.").is_empty());
}

#[test]
fn places_events_and_lone_words_are_not_people() {
    assert!(texts("They met on George Street in the old town.").is_empty());
    assert!(texts("She watched the Thomas Cup final.").is_empty());
    assert!(texts("Residents near Union Square said the water was cut.").is_empty());
    assert!(texts("The B-25 Mitchell bombers arrived on Tuesday.").is_empty());
    assert!(texts("olena kovalenko wrote nothing.").is_empty());
    assert!(texts("May Day rallies were held in March.").is_empty());
}
