//! Snapshot of every quote found in a fixture article written for these tests
//! (`tests/fixtures/article.txt`), with sentences from `faultline_clean` and hand-built
//! entities.

mod common;

use common::{Actor, entities};
use faultline_clean::sentences::split_sentences;
use faultline_model::EntityKind::{Country, Nationality, Organization, Person};
use faultline_quotes::find_quotes;

const ACTORS: &[Actor] = &[
    ("Nikol Pashinyan", Person, "PERSON:nikol-pashinyan", "Nikol Pashinyan", Some("ARM")),
    ("Kaja Kallas", Person, "PERSON:kaja-kallas", "Kaja Kallas", None),
    ("Thomas de Waal", Person, "NEW:thomas-de-waal", "Thomas de Waal", None),
    ("Azerbaijan", Country, "COUNTRY:AZE", "Azerbaijan", Some("AZE")),
    ("Baku", Country, "COUNTRY:AZE", "Azerbaijan", Some("AZE")),
    ("Armenian", Nationality, "COUNTRY:ARM", "Armenian", Some("ARM")),
    ("European Union", Organization, "ORG:EU", "European Union", None),
];

#[test]
fn fixture_article() {
    let text = include_str!("fixtures/article.txt");
    let quotes = find_quotes(text, &split_sentences(text), &entities(text, ACTORS));
    for q in &quotes {
        for s in &q.spans {
            // Repeats may differ in final punctuation ("... provoked" / "... provoked.").
            let bare = |t: &str| t.trim_end_matches(['.', ',']).to_string();
            assert_eq!(bare(&text[s.start..s.end]), bare(&q.text));
        }
    }
    insta::assert_json_snapshot!(quotes);
}
