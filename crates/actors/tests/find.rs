//! Rule tests on sentences written for the purpose, against the small fixture dictionary in
//! `tests/fixtures/dict/` (not the shipped data, so the expectations stay stable).

use std::path::PathBuf;

use chrono::NaiveDate;
use faultline_actors::{Dictionary, find_entities};
use faultline_model::{Entity, EntityKind};

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn dictionary() -> Dictionary {
    Dictionary::from_dirs(&[&fixtures().join("dict")]).expect("fixture dictionary loads")
}

fn date(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()
}

fn find(text: &str, published: Option<NaiveDate>) -> Vec<Entity> {
    let entities = find_entities(text, &dictionary(), published);
    for pair in entities.windows(2) {
        assert!(pair[0].end <= pair[1].start, "overlap in {entities:?}");
    }
    for e in &entities {
        assert_eq!(&text[e.start..e.end], e.text);
    }
    entities
}

fn get<'a>(entities: &'a [Entity], text: &str) -> &'a Entity {
    entities.iter().find(|e| e.text == text).unwrap_or_else(|| panic!("{text:?} not found in {entities:#?}"))
}

/// (sentence, mention, kind, id, resolution)
const TABLE: &[(&str, &str, EntityKind, &str, &str)] = &[
    ("Armenia and Azerbaijan clashed.", "Armenia", EntityKind::Country, "COUNTRY:ARM", "dictionary"),
    ("Four Armenian troops were killed.", "Armenian troops", EntityKind::Organization, "ARM:MIL", "demonym"),
    (
        "the Azerbaijani defence ministry said",
        "Azerbaijani defence ministry",
        EntityKind::Organization,
        "AZE:MOD",
        "demonym",
    ),
    (
        "Azerbaijan’s defense ministry said",
        "Azerbaijan’s defense ministry",
        EntityKind::Organization,
        "AZE:MOD",
        "possessive",
    ),
    (
        "Russian Foreign Ministry said",
        "Russian Foreign Ministry",
        EntityKind::Organization,
        "RUS:MFA",
        "demonym",
    ),
    (
        "according to the defence ministry in Moscow.",
        "defence ministry in Moscow",
        EntityKind::Organization,
        "RUS:MOD",
        "seat",
    ),
    ("The Armenian side denied it.", "Armenian", EntityKind::Nationality, "NATIONALITY:ARM", "dictionary"),
    ("Baku claimed to be retaliating.", "Baku", EntityKind::Country, "COUNTRY:AZE", "metonymy"),
    (
        "Moscow on Tuesday called the development concerning.",
        "Moscow",
        EntityKind::Country,
        "COUNTRY:RUS",
        "metonymy",
    ),
    ("Moscow then deployed troops.", "Moscow", EntityKind::Country, "COUNTRY:RUS", "metonymy"),
    ("Baku’s decision to retaliate", "Baku", EntityKind::Country, "COUNTRY:AZE", "metonymy"),
    ("a row between Yerevan and Moscow", "Yerevan", EntityKind::Country, "COUNTRY:ARM", "metonymy"),
    ("a row between Yerevan and Moscow", "Moscow", EntityKind::Country, "COUNTRY:RUS", "metonymy"),
    ("The Kremlin has said nothing.", "The Kremlin", EntityKind::Country, "COUNTRY:RUS", "metonymy"),
    (
        "a Russian Mi-24 military helicopter",
        "Mi-24 military helicopter",
        EntityKind::Equipment,
        "EQ:mi-24",
        "dictionary",
    ),
    ("S-300 batteries", "S-300", EntityKind::Equipment, "EQ:s-300", "dictionary"),
    ("two F-16 fighter jets", "F-16 fighter jets", EntityKind::Equipment, "NEW:EQUIPMENT:f-16", "new"),
    ("the U.N. said", "U.N.", EntityKind::Organization, "ORG:UN", "dictionary"),
    ("Vladimir Putin said", "Vladimir Putin", EntityKind::Person, "PERSON:vladimir-putin", "dictionary"),
    ("The Defense Ministry said so.", "Defense Ministry", EntityKind::Organization, "BODY:MOD", "unattached"),
    (
        "members of the Collective Security Treaty Organization (CSTO) met",
        "Collective Security Treaty Organization",
        EntityKind::Organization,
        "ORG:CSTO",
        "dictionary",
    ),
    (
        "fighters of the Popular Liberation Front attacked",
        "Popular Liberation Front",
        EntityKind::Group,
        "NEW:ORG:popular-liberation-front",
        "new",
    ),
    (
        "the Ministry of Emergency Situations reported",
        "Ministry of Emergency Situations",
        EntityKind::Organization,
        "NEW:ORG:ministry-of-emergency-situations",
        "new",
    ),
];

#[test]
fn table() {
    for (sentence, mention, kind, id, resolution) in TABLE {
        let entities = find(sentence, None);
        let e = get(&entities, mention);
        assert_eq!(
            (&e.kind, e.id.as_str(), e.resolution.as_str()),
            (kind, *id, *resolution),
            "in {sentence:?}"
        );
    }
}

/// (sentence, text that must not be an entity)
const NEGATIVES: &[(&str, &str)] = &[
    ("May was a hard month.", "May"),
    ("Hope remains that talks resume.", "Hope"),
    ("President said nothing new.", "President"),
    ("Talks in Baku resumed.", "Baku"),
    ("He flew to Moscow.", "Moscow"),
    ("We urge the troops to hold back.", "troops"),
    ("The us and them of politics.", "us"),
    ("Armenians' share of the vote.", "Armenians' share"),
    ("The Great Wall of the Capital is long.", "Great Wall"),
    ("Officials said the claim was false.", "Officials"),
];

#[test]
fn negatives() {
    for (sentence, text) in NEGATIVES {
        let entities = find(sentence, None);
        assert!(entities.iter().all(|e| e.text != *text), "{text:?} found in {sentence:?}: {entities:#?}");
    }
}

#[test]
fn location_countries_have_no_sector() {
    let entities = find("Troops moved into Armenia while Azerbaijan protested.", None);
    assert_eq!(get(&entities, "Armenia").sector, None);
    assert_eq!(get(&entities, "Azerbaijan").sector.as_deref(), Some("GOV"));
}

#[test]
fn roles_follow_the_publication_date() {
    let text = "Vladimir Putin met the press.";
    let role = |d| find(text, date(d)).first().and_then(|e| e.role.clone());
    assert_eq!(role("2010-01-01").as_deref(), Some("Prime Minister"));
    assert_eq!(role("2020-01-01").as_deref(), Some("President"));
    assert_eq!(find(text, None)[0].role.as_deref(), Some("President"));
    let macron = find("Emmanuel Macron spoke.", date("2015-03-01"));
    assert_eq!(macron[0].role.as_deref(), Some("Minister of the Economy"));
    assert_eq!(macron[0].sector.as_deref(), Some("GOV"));
    // After Blinken's term ended: still Blinken, with his last role, not in office.
    let blinken = find("Antony Blinken spoke.", date("2025-06-01"));
    assert_eq!(blinken[0].role.as_deref(), Some("Secretary of State"));
    assert_eq!(blinken[0].sector, None);
}

#[test]
fn surnames_resolve_to_the_first_named_person() {
    let text = "Heydar Aliyev spoke first. Later Aliyev said more.";
    let entities = find(text, date("2020-01-01"));
    let later: Vec<&Entity> = entities.iter().filter(|e| e.text == "Aliyev").collect();
    assert_eq!(later.len(), 1);
    assert_eq!((later[0].id.as_str(), later[0].resolution.as_str()), ("PERSON:heydar-aliyev", "surname"));
}

#[test]
fn a_bare_surname_takes_the_office_holder_at_the_date() {
    let text = "Aliyev said the war was over.";
    assert_eq!(find(text, date("2020-11-10"))[0].id, "PERSON:ilham-aliyev");
    assert_eq!(find(text, date("2000-01-01"))[0].id, "PERSON:heydar-aliyev");
    assert_eq!(find(text, None)[0].id, "PERSON:ilham-aliyev");
    // After a locative, a bare surname is a place ("in Austin"), unless a title stands there.
    assert!(find("The talks were held in Macron on Friday.", date("2020-11-10")).is_empty());
    // "May" is a common word: alone, it needs a title or a speech verb.
    assert!(find("In May nothing happened.", date("2018-01-01")).is_empty());
    assert!(find("May 5 was calm.", date("2018-01-01")).is_empty());
    assert_eq!(
        get(&find("Prime Minister May said nothing.", date("2018-01-01")), "May").id,
        "PERSON:theresa-may"
    );
}

#[test]
fn another_first_name_is_another_person() {
    let entities = find("Rustam Aliyev said the talks failed.", date("2020-01-01"));
    let e = get(&entities, "Rustam Aliyev");
    assert_eq!((e.id.as_str(), e.resolution.as_str()), ("NEW:PERSON:rustam-aliyev", "new"));
}

#[test]
fn misspelt_names_resolve_fuzzily() {
    let cases = [
        ("President lham Aliyev announced it.", "lham Aliyev", "PERSON:ilham-aliyev"),
        ("French President Emmanual Macron called.", "Emmanual Macron", "PERSON:emmanuel-macron"),
        ("US Secretary of State Anthony Blinken said so.", "Anthony Blinken", "PERSON:antony-blinken"),
        ("Sergei Lavrow spoke by phone.", "Sergei Lavrow", "PERSON:sergey-lavrov"),
    ];
    for (sentence, mention, id) in cases {
        let entities = find(sentence, date("2022-09-14"));
        let e = get(&entities, mention);
        assert_eq!((e.id.as_str(), e.resolution.as_str()), (id, "fuzzy"), "in {sentence:?}");
    }
    // A title that fits none of the person's roles blocks the match.
    let entities = find("Secretary-General Emmanual Macron called.", date("2022-09-14"));
    assert!(entities.iter().all(|e| e.id != "PERSON:emmanuel-macron"), "{entities:#?}");
    // Common words before a surname are not first names.
    let entities = find("and Macron said", date("2022-09-14"));
    assert_eq!(get(&entities, "Macron").resolution, "surname");
}

#[test]
fn fuzzy_then_surname() {
    let text = "US Secretary of State Anthony Blinken reached out. Blinken added that he hopes for peace.";
    let entities = find(text, date("2022-09-14"));
    let later = entities.iter().find(|e| e.text == "Blinken").expect("later Blinken");
    assert_eq!((later.id.as_str(), later.resolution.as_str()), ("PERSON:antony-blinken", "surname"));
}

#[test]
fn new_people_from_titles_and_appositions() {
    let text = "Edmon Marukyan, Armenia’s ambassador-at-large, claimed it. Azerbaijan’s deputy foreign minister \
                Elnur Mammadov also accused Armenians. Later Marukyan added more.";
    let entities = find(text, None);
    let e = get(&entities, "Edmon Marukyan");
    assert_eq!(
        (e.id.as_str(), e.role.as_deref(), e.country.as_deref(), e.resolution.as_str()),
        ("NEW:PERSON:edmon-marukyan", Some("ambassador-at-large"), Some("ARM"), "apposition")
    );
    let e = get(&entities, "Elnur Mammadov");
    assert_eq!(
        (e.id.as_str(), e.role.as_deref(), e.country.as_deref(), e.resolution.as_str()),
        ("NEW:PERSON:elnur-mammadov", Some("deputy foreign minister"), Some("AZE"), "title")
    );
    let later = get(&entities, "Marukyan");
    assert_eq!((later.id.as_str(), later.resolution.as_str()), ("NEW:PERSON:edmon-marukyan", "surname"));
    assert_eq!(get(&entities, "Armenians").kind, EntityKind::Nationality);

    let entities =
        find("Armenian Prime Minister Nikol Pashinyan spoke. Gen. Tom Jones, the army chief, agreed.", None);
    let e = get(&entities, "Nikol Pashinyan");
    assert_eq!((e.role.as_deref(), e.country.as_deref()), (Some("Prime Minister"), Some("ARM")));
    let e = get(&entities, "Tom Jones");
    assert_eq!(e.role.as_deref(), Some("Gen"));
    let entities = find("Jane Doe, the deputy foreign minister of Azerbaijan, spoke.", None);
    let e = get(&entities, "Jane Doe");
    assert_eq!((e.role.as_deref(), e.country.as_deref()), (Some("deputy foreign minister"), Some("AZE")));
}

#[test]
fn acronyms_link_to_their_long_form() {
    let text = "the Eastern Defence Council (EDC) met. The EDC later said no.";
    let entities = find(text, None);
    let ids: Vec<&str> = entities.iter().filter(|e| e.text.contains("EDC")).map(|e| e.id.as_str()).collect();
    assert_eq!(ids, ["NEW:ORG:eastern-defence-council", "NEW:ORG:eastern-defence-council"]);
    let entities = find("the Collective Security Treaty Organisation (CSTO) met.", None);
    assert_eq!(get(&entities, "Collective Security Treaty Organisation").id, "ORG:CSTO");
}

#[test]
fn user_folders_add_and_override() {
    let dict = Dictionary::from_dirs(&[&fixtures().join("dict"), &fixtures().join("user")]).expect("loads");
    let blinken = dict.people().iter().find(|p| p.id == "PERSON:antony-blinken").expect("blinken");
    assert_eq!(blinken.terms.len(), 1);
    assert_eq!(blinken.terms[0].end, None);
    assert!(blinken.aliases.is_empty());
    let entities = find_entities("Edmon Marukyan said so.", &dict, None);
    assert_eq!(entities[0].id, "PERSON:edmon-marukyan");
    assert_eq!(entities[0].resolution, "dictionary");
    // with_user_dir layers the same folder over the shipped data.
    let layered = Dictionary::with_user_dir(&fixtures().join("user")).expect("loads");
    assert!(layered.people().iter().any(|p| p.id == "PERSON:edmon-marukyan"));
}

/// The user's rows for Blinken (one open term) replace the shipped ones, and Marukyan is added.
fn assert_user_people_laid_over_shipped(dict: &Dictionary) {
    let blinken = dict.people().iter().find(|p| p.id == "PERSON:antony-blinken").expect("blinken");
    assert_eq!(blinken.terms.len(), 1);
    assert_eq!(blinken.terms[0].role.as_deref(), Some("US Secretary of State (user)"));
    assert!(dict.people().iter().any(|p| p.id == "PERSON:edmon-marukyan"));
    let shipped = Dictionary::load_default().expect("shipped");
    assert_eq!(dict.counts()[3], shipped.counts()[3] + 1);
    assert_eq!(dict.counts()[0], shipped.counts()[0]);
}

#[test]
fn user_files_are_read_in_an_actors_folder_or_at_the_top_of_the_folder() {
    let people = std::fs::read_to_string(fixtures().join("user/people.tsv")).expect("fixture");
    let top = tempfile::tempdir().expect("temp dir");
    std::fs::write(top.path().join("people.tsv"), &people).expect("write");
    let nested = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir(nested.path().join("actors")).expect("mkdir");
    std::fs::write(nested.path().join("actors/people.tsv"), &people).expect("write");
    for dir in [top.path(), nested.path()] {
        let knowledge = faultline_knowledge::Knowledge::with_user_dir(dir).expect("knowledge");
        assert_user_people_laid_over_shipped(&Dictionary::load(&knowledge).expect("loads"));
        assert_user_people_laid_over_shipped(&Dictionary::with_user_dir(dir).expect("loads"));
    }
    assert_eq!(
        Dictionary::load(faultline_knowledge::Knowledge::shipped()).expect("shipped").counts(),
        Dictionary::load_default().expect("shipped").counts()
    );
}

#[test]
fn errors_in_a_user_folder_name_the_file_and_line() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir(dir.path().join("actors")).expect("mkdir");
    let path = dir.path().join("actors/countries.tsv");
    std::fs::write(&path, "iso3\tiso2\tname\nARM\tAM\tArmenia\narm\tam\tArmenia\n").expect("write");
    let error = Dictionary::with_user_dir(dir.path()).expect_err("malformed").to_string();
    assert!(error.starts_with(&format!("{}:3:", path.display())), "{error}");
    let error = Dictionary::with_user_dir(&dir.path().join("missing")).expect_err("no folder").to_string();
    assert!(error.contains("missing"), "{error}");
}

#[test]
fn errors_name_the_file_and_line() {
    let dir = std::env::temp_dir().join(format!("faultline-actors-bad-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    std::fs::write(dir.join("countries.tsv"), "iso3\tiso2\tname\nARM\tAM\tArmenia\narm\tam\tArmenia\n")
        .expect("write");
    let error = Dictionary::from_dirs(&[&dir]).expect_err("malformed").to_string();
    std::fs::remove_dir_all(&dir).ok();
    assert!(error.contains("countries.tsv:3:"), "{error}");
    assert!(Dictionary::from_dirs(&[&fixtures().join("missing")]).is_err());
}

#[test]
fn odd_input_does_not_panic() {
    let dict = dictionary();
    for text in [
        "",
        " ",
        "’",
        "’s",
        "(",
        "(CSTO",
        "Baku’",
        "lham",
        "Mi-24-",
        "É É É",
        "\u{0}",
        "A (B) C (DE)",
        "Gen.",
    ] {
        let _ = find_entities(text, &dict, None);
    }
}

#[test]
fn a_name_with_an_apostrophe_matches_typeset_with_a_typographic_one() {
    let dictionary = Dictionary::load_default().expect("the shipped dictionary loads");
    for text in ["The Kurdistan Workers' Party denied it.", "The Kurdistan Workers’ Party denied it."] {
        let found = find_entities(text, &dictionary, None);
        assert!(found.iter().any(|e| e.id == "ORG:PKK"), "{text}: {found:#?}");
    }
}

#[test]
fn a_country_inside_a_geographic_name_is_no_actor() {
    let dictionary = Dictionary::load_default().expect("the shipped dictionary loads");
    let text =
        "Chinese ships sailed the South China Sea, the Gulf of Mexico and the Indian Ocean; China protested.";
    let found: Vec<(String, String)> =
        find_entities(text, &dictionary, None).into_iter().map(|e| (e.text, e.id)).collect();
    assert_eq!(
        found,
        [
            ("Chinese".to_string(), "NATIONALITY:CHN".to_string()),
            ("China".to_string(), "COUNTRY:CHN".to_string())
        ]
    );
}
