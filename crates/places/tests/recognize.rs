//! Recognition and disambiguation on sentences written for these tests, against the
//! fixture gazetteer in `tests/fixtures/gazetteer.tsv`.

use faultline_model::{Place, PlacePrecision};
use faultline_places::{Gazetteer, PlacesError, find_places};

fn gazetteer() -> Gazetteer {
    let bytes = include_bytes!("fixtures/gazetteer.tsv");
    Gazetteer::from_reader(&bytes[..]).expect("fixture loads")
}

fn places(text: &str) -> Vec<Place> {
    let found = find_places(text, &gazetteer());
    for p in &found {
        assert_eq!(&text[p.start..p.end], p.text);
    }
    found
}

fn texts(found: &[Place]) -> Vec<&str> {
    found.iter().map(|p| p.text.as_str()).collect()
}

fn one<'a>(found: &'a [Place], text: &str) -> &'a Place {
    found.iter().find(|p| p.text == text).unwrap_or_else(|| panic!("{text} not in {found:?}"))
}

#[test]
fn transliteration_resolves_to_the_town() {
    let found = places("Azerbaijani forces entered Shushi on Sunday.");
    let shushi = one(&found, "Shushi");
    assert_eq!(shushi.name, "Shusha");
    assert_eq!(shushi.id, "geonames:147105");
    assert_eq!(shushi.country.as_deref(), Some("AZE"));
    assert_eq!(shushi.precision, PlacePrecision::Point);
}

#[test]
fn a_town_named_by_its_own_name_beats_a_larger_town_with_that_name_as_an_alias() {
    // Çermik (Turkey, 21,000) lists "Jermuk" among its alternate names; Jermuk (Armenia,
    // 4,100) is the town whose name it is. Nothing else in the sentence names a country.
    let found = places("A soldier was wounded near Jermuk on Wednesday, the ministry said.");
    let jermuk = one(&found, "Jermuk");
    assert_eq!((jermuk.id.as_str(), jermuk.country.as_deref()), ("geonames:174884", Some("ARM")));
    // An alias still resolves where no place carries the name as its own.
    assert_eq!(one(&places("Fighting was reported near Cermik."), "Cermik").country.as_deref(), Some("TUR"));
}

#[test]
fn countries_are_places_with_country_precision() {
    let found = places("Armenia and Azerbaijan met in Moscow.");
    assert_eq!(texts(&found), ["Armenia", "Azerbaijan", "Moscow"]);
    assert_eq!(found[0].precision, PlacePrecision::Country);
    assert_eq!(found[0].id, "country:ARM");
}

#[test]
fn province_suffix_is_part_of_the_span_and_wants_a_province() {
    let found = places("Shelling was reported in Syunik Province overnight.");
    let syunik = one(&found, "Syunik Province");
    assert_eq!(syunik.precision, PlacePrecision::Admin1);
    assert_eq!(syunik.country.as_deref(), Some("ARM"));
}

#[test]
fn unknown_village_is_placed_by_what_is_named_beside_it() {
    let found = places("Troops fired on the village of Nerkin Hand in Syunik Province, Armenia said.");
    let village = one(&found, "Nerkin Hand");
    assert_eq!(village.name, "Nerkin Hand");
    assert_eq!(village.admin1.as_deref(), Some("Syunik"));
    assert_eq!(village.country.as_deref(), Some("ARM"));
    assert_eq!(village.precision, PlacePrecision::Admin1);
    assert_eq!(village.id, "unresolved:nerkin-hand@AM-SU");
}

#[test]
fn georgia_is_the_country_in_a_caucasus_text() {
    let found = places("Georgia borders Armenia and Azerbaijan, and Russia watches.");
    assert_eq!(one(&found, "Georgia").id, "country:GEO");
}

#[test]
fn georgia_is_the_state_after_an_american_city() {
    let found = places("The rally was held in Atlanta, Georgia, last week.");
    assert_eq!(one(&found, "Atlanta").country.as_deref(), Some("USA"));
    assert_eq!(one(&found, "Georgia").id, "admin1:US-GA");
}

#[test]
fn context_picks_the_namesake_in_the_country_the_text_is_about() {
    let egypt = places("Protests spread to Alexandria on Friday.");
    assert_eq!(one(&egypt, "Alexandria").country.as_deref(), Some("EGY"));
    let virginia = places("A fire in Alexandria, Virginia destroyed two homes.");
    assert_eq!(one(&virginia, "Alexandria").id, "geonames:4744709");
}

#[test]
fn a_namesake_near_the_other_places_of_the_text_wins() {
    assert_eq!(one(&places("Fashion week opened in Paris."), "Paris").country.as_deref(), Some("FRA"));
    let texan = places("Storms hit Bonham overnight, and Paris lost power.");
    assert_eq!(one(&texan, "Paris").id, "geonames:4717560");
}

#[test]
fn jordan_the_country_but_not_a_person() {
    let found = places("Jordan closed its border, officials in Amman said.");
    assert_eq!(one(&found, "Jordan").id, "country:JOR");
    assert!(places("The striker Jordan Smith scored twice.").is_empty());
    assert!(places("Mr Jordan declined to comment.").is_empty());
}

#[test]
fn common_words_and_first_names_need_a_cue() {
    assert!(places("Hope is not a strategy.").is_empty());
    assert!(places("May brought more rain than April.").is_empty());
    assert!(places("Victoria said the talks would resume.").is_empty());
    let cued = places("He grew up in Hope, a village in England.");
    assert_eq!(texts(&cued), ["Hope"]);
    let reading = places("Fans travelled from Reading by train.");
    assert_eq!(texts(&reading), ["Reading"]);
}

#[test]
fn a_state_abbreviation_counts_after_a_town() {
    let found = places("Storms hit Atlanta, Ga., on Monday.");
    assert_eq!(texts(&found), ["Atlanta", "Ga."]);
    assert_eq!(one(&found, "Ga.").id, "admin1:US-GA");
    assert!(places("Ga. officials met on Monday.").is_empty());
}

#[test]
fn a_dateline_in_capitals_is_a_place() {
    let found = places("ATLANTA (AP) — Storms hit the city on Monday.");
    assert_eq!(texts(&found), ["ATLANTA"]);
    assert_eq!(found[0].id, "geonames:4180439");
    assert!(places("STORMS BATTER ATLANTA — more to come").is_empty());
}

#[test]
fn weekdays_and_months_are_never_places() {
    assert!(places("The vote is on Thursday.").is_empty());
    assert_eq!(texts(&places("He flew to Thursday Island.")), ["Thursday Island"]);
}

#[test]
fn a_surname_stays_a_person_for_the_whole_text() {
    let found = places("Bob Jones opened the store. Jones said sales in Atlanta were up.");
    assert_eq!(texts(&found), ["Atlanta"]);
    assert_eq!(texts(&places("The road to Jones was closed.")), ["Jones"]);
}

#[test]
fn part_of_a_longer_proper_name_is_not_a_place() {
    assert!(places("She wrote for the Washington Post for years.").is_empty());
    assert_eq!(texts(&places("Officials in Washington said no.")), ["Washington"]);
}

#[test]
fn glued_words_still_match_at_the_capital() {
    let found = places("the ongoingNagorno-Karabakh conflict");
    let region = one(&found, "Nagorno-Karabakh");
    assert_eq!(region.precision, PlacePrecision::Region);
    assert_eq!(region.country.as_deref(), Some("AZE"));
}

#[test]
fn lower_case_and_all_caps_do_not_match() {
    assert!(places("armenia BAKU moscow").is_empty());
}

#[test]
fn any_input_is_safe() {
    let g = gazetteer();
    for text in [
        "",
        " ",
        "Ş",
        "of ",
        "the village of ",
        " Province",
        "Baku,",
        "ŞuşaŞ Province",
        "the village of Ünye Province",
        "\u{feff}Baku\r\nin Şuşa — Syunik Province",
    ] {
        let _ = find_places(text, &g);
    }
}

#[test]
fn bad_lines_are_reported_with_their_number() {
    let err = Gazetteer::from_reader(&b"# c\nP\tx\tName\tAAA\t\tnorth\t1\t0\t\n"[..]).unwrap_err();
    assert!(matches!(err, PlacesError::Format { line: 2, .. }), "{err}");
}

#[test]
fn missing_file_names_the_build_script() {
    let err = Gazetteer::load(&["/nonexistent/gazetteer.tsv.gz".into()]).unwrap_err();
    assert!(err.to_string().contains("scripts/build-gazetteer"), "{err}");
}

#[test]
fn a_city_outweighs_a_less_populous_province_of_its_name_abroad() {
    let found = places("Airstrikes hit Gaza overnight.");
    let gaza = one(&found, "Gaza");
    assert_eq!((gaza.id.as_str(), gaza.country.as_deref()), ("geonames:281133", Some("PSE")));
    let found = places("Floods hit Gaza Province overnight.");
    assert_eq!(one(&found, "Gaza Province").country.as_deref(), Some("MOZ"));
}
