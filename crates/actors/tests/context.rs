//! Names the dictionary does not know, found from their context: offices and descriptors
//! before them, appositions and "is a" after them, acronyms, backers, lists, lone given names
//! and repeats, each with the country and sector the text gives. Sentences written for the
//! purpose, against the fixture dictionary in `tests/fixtures/dict/`.

use std::path::PathBuf;

use faultline_actors::{Dictionary, find_entities};
use faultline_model::{Entity, EntityKind};

fn find(text: &str) -> Vec<Entity> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/dict");
    let dictionary = Dictionary::from_dirs(&[&dir]).expect("fixture dictionary loads");
    let entities = find_entities(text, &dictionary, None);
    for pair in entities.windows(2) {
        assert!(pair[0].end <= pair[1].start, "overlap in {entities:?}");
    }
    entities
}

fn get<'a>(entities: &'a [Entity], text: &str) -> &'a Entity {
    entities.iter().find(|e| e.text == text).unwrap_or_else(|| panic!("{text:?} not found in {entities:#?}"))
}

/// (kind, id, country, sector, resolution) of the mention `text`.
fn described(
    entities: &[Entity],
    text: &str,
) -> (EntityKind, String, Option<String>, Option<String>, String) {
    let e = get(entities, text);
    (e.kind, e.id.clone(), e.country.clone(), e.sector.clone(), e.resolution.clone())
}

fn row(
    kind: EntityKind,
    id: &str,
    country: Option<&str>,
    sector: Option<&str>,
    how: &str,
) -> (EntityKind, String, Option<String>, Option<String>, String) {
    (kind, id.to_string(), country.map(str::to_string), sector.map(str::to_string), how.to_string())
}

#[test]
fn a_noun_before_a_name_says_what_it_is() {
    let found = find("The Armenian news agency Arka Lur reported it, citing composer Tigran Hamasyan.");
    assert_eq!(
        described(&found, "Arka Lur"),
        row(EntityKind::Organization, "NEW:ORG:arka-lur", Some("ARM"), Some("MED"), "descriptor")
    );
    assert_eq!(get(&found, "Arka Lur").role.as_deref(), Some("Armenian news agency"));
    assert_eq!(
        described(&found, "Tigran Hamasyan"),
        row(EntityKind::Person, "NEW:PERSON:tigran-hamasyan", None, None, "descriptor")
    );
    let found = find("Fighters of the militia Liwa Tahrir shelled the road.");
    assert_eq!(
        described(&found, "Liwa Tahrir"),
        row(EntityKind::Group, "NEW:ORG:liwa-tahrir", None, Some("REB"), "descriptor")
    );
}

#[test]
fn a_backer_word_gives_no_country() {
    let found = find("The Turkish-backed Sultan Murad Division advanced.");
    let e = get(&found, "Sultan Murad Division");
    assert_eq!(
        (e.kind, e.country.as_deref(), e.role.as_deref()),
        (EntityKind::Group, None, Some("Turkish-backed"))
    );
    let found = find("An Iranian-backed Turkish militia Saraya Awliya clashed with police.");
    assert_eq!(get(&found, "Saraya Awliya").country.as_deref(), Some("TUR"));
}

#[test]
fn appositions_and_be_say_what_a_name_is() {
    let found =
        find("Norvik Media, an American media company, bought it. Kaskad Brothers are a French band.");
    assert_eq!(
        described(&found, "Norvik Media"),
        row(EntityKind::Organization, "NEW:ORG:norvik-media", Some("USA"), Some("MED"), "apposition")
    );
    assert_eq!(described(&found, "Kaskad Brothers").2.as_deref(), Some("FRA"));
    let found = find("Candela Ruiz (born 1949) is a French writer. Ruiz lives in Lyon.");
    assert_eq!(
        described(&found, "Candela Ruiz"),
        row(EntityKind::Person, "NEW:PERSON:candela-ruiz", Some("FRA"), None, "apposition")
    );
    assert_eq!(described(&found, "Ruiz").2.as_deref(), Some("FRA"), "the surname keeps the country");
    // The end of a longer name is not described by what follows the whole name.
    let found = find("The Democratic Party of Vanuara is a centrist party.");
    assert!(found.iter().all(|e| e.text != "Vanuara"), "{found:?}");
}

#[test]
fn an_office_gives_a_sector_and_a_comma_may_stand_before_the_name() {
    let found = find(
        "Russia's foreign minister, Oleg Sarkisov, said talks failed. Rebel commander Ahmad Jarba agreed.",
    );
    let e = get(&found, "Oleg Sarkisov");
    assert_eq!(
        (e.country.as_deref(), e.sector.as_deref(), e.resolution.as_str()),
        (Some("RUS"), Some("GOV"), "title")
    );
    assert_eq!(get(&found, "Ahmad Jarba").sector.as_deref(), Some("REB"));
    let found = find("Former minister Ilya Brodsky spoke.");
    assert_eq!(get(&found, "Ilya Brodsky").sector, None);
    // "to head" is a verb; a title inside a longer capitalised name is no title.
    assert!(find("He volunteered to head Ilocano forces.").iter().all(|e| e.kind != EntityKind::Person));
    assert!(
        find("They met at the Extraordinary General Meeting in May.")
            .iter()
            .all(|e| e.kind != EntityKind::Person)
    );
}

#[test]
fn a_person_keeps_the_country_of_any_mention() {
    let found = find("Oleg Sarkisov arrived on Monday. Armenian Foreign Minister Oleg Sarkisov then spoke.");
    let countries: Vec<Option<&str>> =
        found.iter().filter(|e| e.text == "Oleg Sarkisov").map(|e| e.country.as_deref()).collect();
    assert_eq!(countries, [Some("ARM"), Some("ARM")]);
}

#[test]
fn acronyms_defined_in_the_text_are_organisations() {
    let found = find("The Vanuara Observatory for Human Rights (VOHR) counted 12 dead. VOHR said more died.");
    let ids: Vec<(&str, &str)> = found.iter().map(|e| (e.text.as_str(), e.resolution.as_str())).collect();
    assert_eq!(
        ids,
        [("Vanuara Observatory for Human Rights", "new"), ("VOHR", "acronym"), ("VOHR", "acronym")]
    );
    assert!(found.iter().all(|e| e.id == "NEW:ORG:vanuara-observatory-for-human-rights"));
    let found = find("The Organization for Security and Co-operation in Kaldor (OSCK) met.");
    assert_eq!(found[0].text, "Organization for Security and Co-operation in Kaldor");
    // A long form whose capitals do not spell the acronym is not taken.
    assert!(
        find("They sold Blue Horizon Tools (XYZ) shares.")
            .iter()
            .all(|e| e.text != "XYZ" || e.resolution != "acronym")
    );
}

#[test]
fn unknown_words_in_capitals_are_organisations() {
    let found = find("NAVCENT said the ship was hit at 10 GMT. The AFL and the CEO agreed.");
    let orgs: Vec<&str> =
        found.iter().filter(|e| e.kind == EntityKind::Organization).map(|e| e.text.as_str()).collect();
    assert_eq!(orgs, ["NAVCENT", "AFL"]);
    assert!(find("BREAKING NEWS: TROOPS ENTER THE CITY").is_empty());
    assert!(find("They fired AK 47 rifles at the GMAC Bowl in World War II.").is_empty());
}

#[test]
fn names_in_a_list_with_a_person_are_people() {
    let found = find("Guests included Olena Kovalenko, Tarkan Ozdemir, Wrobel Hasek and Dorin Vlaicu.");
    let people: Vec<(&str, &str)> = found
        .iter()
        .filter(|e| e.kind == EntityKind::Person)
        .map(|e| (e.text.as_str(), e.resolution.as_str()))
        .collect();
    assert_eq!(
        people,
        [
            ("Olena Kovalenko", "new"),
            ("Tarkan Ozdemir", "list"),
            ("Wrobel Hasek", "list"),
            ("Dorin Vlaicu", "list")
        ]
    );
    assert!(find("Trains ran between Port Vanuara and Kaldor Bay.").is_empty());
}

#[test]
fn a_given_name_alone_is_a_person_when_it_acts() {
    let found = find("Olena Kovalenko spoke first. Later Olena said the road was cut. Hayley arrives today.");
    let people: Vec<(&str, &str, &str)> =
        found.iter().map(|e| (e.text.as_str(), e.id.as_str(), e.resolution.as_str())).collect();
    assert_eq!(
        people,
        [
            ("Olena Kovalenko", "NEW:PERSON:olena-kovalenko", "new"),
            ("Olena", "NEW:PERSON:olena-kovalenko", "given name"),
            ("Hayley", "NEW:PERSON:hayley", "new"),
        ]
    );
    assert!(find("The B-25 Mitchell bombers flew on.").is_empty());
}

#[test]
fn names_found_by_their_context_are_found_again() {
    let found = find("He joined the band Killing Joke in 1982. Killing Joke toured Europe.");
    let mentions: Vec<(&str, &str)> =
        found.iter().map(|e| (e.text.as_str(), e.resolution.as_str())).collect();
    assert_eq!(mentions, [("Killing Joke", "descriptor"), ("Killing Joke", "repeat")]);
    assert!(found.iter().all(|e| e.id == "NEW:ORG:killing-joke" && e.kind == EntityKind::Organization));
}

#[test]
fn offices_are_not_organisations_and_heads_take_their_country() {
    let found = find("Dr. Verna Magee is Acting President of the Institute.");
    assert!(found.iter().all(|e| e.kind != EntityKind::Organization), "{found:?}");
    let found = find("The Communist Party of Vanuara and the Armenian Revolutionary Front met.");
    assert_eq!(get(&found, "Communist Party of Vanuara").sector.as_deref(), Some("PTY"));
    let e = get(&found, "Armenian Revolutionary Front");
    assert_eq!((e.kind, e.country.as_deref()), (EntityKind::Group, Some("ARM")));
}

#[test]
fn an_office_named_after_an_organisation_is_that_organisations() {
    let found = find(
        "UN envoy Halvard Brekke arrived on Monday. CSTO Secretary-General Imangali Tasmagambetov said so.",
    );
    assert_eq!(
        described(&found, "Halvard Brekke"),
        row(EntityKind::Person, "NEW:PERSON:halvard-brekke", None, Some("IGO"), "title")
    );
    assert_eq!(described(&found, "Imangali Tasmagambetov").3.as_deref(), Some("IGO"));
}

#[test]
fn a_name_in_brackets_after_an_organisation_is_another_name_of_it() {
    let found = find(
        "The Collective Security Treaty Organization (Tashkent Treaty) met. John Smith (Chief Executive) spoke.",
    );
    assert_eq!(
        described(&found, "Tashkent Treaty"),
        row(EntityKind::Organization, "ORG:CSTO", None, Some("IGO"), "gloss")
    );
    assert!(found.iter().all(|e| e.text != "Chief Executive"), "{found:#?}");
}

#[test]
fn initials_before_a_surname_open_a_persons_name() {
    let found = find("Armenian leader F.W. de Vries met J. R. R. Okonkwo. The U.N. Security Council met.");
    assert_eq!(
        described(&found, "F.W. de Vries"),
        row(EntityKind::Person, "NEW:PERSON:f-w-de-vries", Some("ARM"), None, "title")
    );
    assert_eq!(described(&found, "J. R. R. Okonkwo").0, EntityKind::Person);
    assert!(found.iter().all(|e| e.kind != EntityKind::Person || !e.text.contains("U.N.")), "{found:#?}");
}

#[test]
fn a_surname_after_a_name_article_is_later_written_without_it() {
    let found =
        find("Armenian Prime Minister Haider al-Kubaisi met the envoy. Kubaisi said the talks went well.");
    assert_eq!(get(&found, "Kubaisi").id, "NEW:PERSON:haider-al-kubaisi");
    assert_eq!(get(&found, "Kubaisi").country.as_deref(), Some("ARM"));
}

#[test]
fn a_given_name_before_a_one_word_place_names_a_person() {
    let found = find("Michael Armenia and Thomas Yerevan spoke. Armenia Azerbaijan talks resumed.");
    assert_eq!(get(&found, "Michael Armenia").kind, EntityKind::Person);
    assert_eq!(get(&found, "Thomas Yerevan").kind, EntityKind::Person);
    assert_eq!(get(&found, "Azerbaijan").kind, EntityKind::Country);
}

#[test]
fn a_country_after_in_is_where_the_office_holder_is_not_whose_office_it_is() {
    let found =
        find("In Armenia Minister Halvard Brekke met the envoy. Armenia's Minister Imre Kovacs spoke.");
    assert_eq!(get(&found, "Halvard Brekke").country, None);
    assert_eq!(get(&found, "Imre Kovacs").country.as_deref(), Some("ARM"));
}

#[test]
fn names_listed_as_examples_of_a_kind_are_of_that_kind() {
    let found = find(
        "Armed groups such as Liwa Tahrir and Jaish al-Umma fought. Companies like Orvane, Telvix Lines and many more. People like Tom Okafor came.",
    );
    assert_eq!(described(&found, "Liwa Tahrir").0, EntityKind::Group);
    assert_eq!(described(&found, "Jaish al-Umma").0, EntityKind::Group);
    assert_eq!(described(&found, "Telvix Lines").0, EntityKind::Organization);
    assert_eq!(described(&found, "Orvane").0, EntityKind::Organization);
    assert_eq!(described(&found, "Tom Okafor").0, EntityKind::Person);
}

#[test]
fn a_given_name_opens_a_persons_name_after_words_that_are_none() {
    let found = find("Minister for the Middle East Tobias Okonkwo condemned the attack.");
    assert_eq!(described(&found, "Tobias Okonkwo").0, EntityKind::Person);
}
