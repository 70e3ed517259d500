//! The seed articles of `../shared/samples/seeds/` (read in place, never copied): the misspelt
//! names, later surnames and the new people with their roles. Runs against the fixture
//! dictionary and, once `data/actors/` holds these people, against the shipped one; skipped with
//! a note when the samples are absent.

use std::path::PathBuf;

use faultline_actors::{Dictionary, find_entities};
use faultline_model::Entity;

fn seed(prefix: &str) -> Option<String> {
    faultline_testdata::seed(prefix).map(|seed| seed.text)
}

fn has(entities: &[Entity], text: &str, id: &str, resolution: &str) -> bool {
    entities.iter().any(|e| e.text == text && e.id == id && e.resolution == resolution)
}

fn check(dict: &Dictionary, label: &str) {
    let (Some(s001), Some(s002)) = (seed("001_"), seed("002_")) else {
        eprintln!("note: ../shared/samples/seeds/ not found; skipping the seed test");
        return;
    };
    let people = |id: &str| dict.people().iter().find(|p| p.id.ends_with(id)).map(|p| p.id.clone());
    let (Some(aliyev), Some(macron), Some(blinken)) =
        (people("ilham-aliyev"), people("emmanuel-macron"), people("antony-blinken"))
    else {
        eprintln!("note: the {label} dictionary lacks Aliyev, Macron or Blinken; skipping it");
        return;
    };
    let entities = find_entities(&s002, dict, None);
    assert!(has(&entities, "lham Aliyev", &aliyev, "fuzzy"), "{label}: {entities:#?}");
    assert!(has(&entities, "Emmanual Macron", &macron, "fuzzy"), "{label}");
    assert!(has(&entities, "Anthony Blinken", &blinken, "fuzzy"), "{label}");
    assert!(has(&entities, "Aliyev", &aliyev, "surname"), "{label}");
    assert!(has(&entities, "Blinken", &blinken, "surname"), "{label}");
    let mammadov = entities.iter().find(|e| e.text == "Elnur Mammadov").expect("Elnur Mammadov");
    assert_eq!(mammadov.role.as_deref().map(str::to_lowercase).as_deref(), Some("deputy foreign minister"));
    assert_eq!(mammadov.country.as_deref(), Some("AZE"));

    let entities = find_entities(&s001, dict, None);
    let marukyan = entities.iter().find(|e| e.text == "Edmon Marukyan").expect("Edmon Marukyan");
    if marukyan.id.starts_with("NEW:") {
        assert_eq!(marukyan.role.as_deref(), Some("ambassador-at-large"), "{label}");
    }
    assert_eq!(marukyan.country.as_deref(), Some("ARM"), "{label}");
}

#[test]
fn seeds_with_the_fixture_dictionary() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/dict");
    check(&Dictionary::from_dirs(&[&dir]).expect("fixture loads"), "fixture");
}

#[test]
fn seeds_with_the_shipped_dictionary() {
    match Dictionary::load_default() {
        Ok(dict) => check(&dict, "shipped"),
        Err(error) => eprintln!("note: the shipped dictionary does not load yet ({error}); skipping"),
    }
}

#[test]
fn every_suffix_of_a_seed_is_safe() {
    let Some(text) = seed("002_") else { return };
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/dict");
    let dict = Dictionary::from_dirs(&[&dir]).expect("fixture loads");
    for (start, _) in text.char_indices().step_by(3) {
        let suffix = &text[start..];
        let cut = suffix.char_indices().map(|(i, _)| i).nth(400).unwrap_or(suffix.len());
        for entity in find_entities(&suffix[..cut], &dict, None) {
            assert!(entity.start < entity.end && entity.end <= cut);
        }
    }
}
