//! The quotes of the sample articles in `../shared/samples/seeds/`, read in place (never
//! copied), with sentences from `faultline_clean` and hand-built entities for the actors
//! a recogniser would find. Skipped, with a note, when the samples are absent.

mod common;

use common::{Actor, entities, find};
use faultline_clean::sentences::split_sentences;
use faultline_model::EntityKind::{Country, Nationality, Organization, Person};
use faultline_model::Quote;
use faultline_quotes::find_quotes;

const ACTORS: &[Actor] = &[
    ("Ilham Aliyev", Person, "PERSON:ilham-aliyev", "Ilham Aliyev", Some("AZE")),
    ("lham Aliyev", Person, "PERSON:ilham-aliyev", "Ilham Aliyev", Some("AZE")),
    ("Aliyev", Person, "PERSON:ilham-aliyev", "Ilham Aliyev", Some("AZE")),
    ("Edmon Marukyan", Person, "PERSON:edmon-marukyan", "Edmon Marukyan", Some("ARM")),
    ("Anthony Blinken", Person, "PERSON:antony-blinken", "Antony Blinken", Some("USA")),
    ("Blinken", Person, "PERSON:antony-blinken", "Antony Blinken", Some("USA")),
    ("Antonio Guterres", Person, "PERSON:antonio-guterres", "António Guterres", None),
    ("Recep Tayyip Erdogan", Person, "PERSON:recep-tayyip-erdogan", "Recep Tayyip Erdoğan", Some("TUR")),
    ("Elnur Mammadov", Person, "PERSON:elnur-mammadov", "Elnur Mammadov", Some("AZE")),
    ("Putin", Person, "PERSON:vladimir-putin", "Vladimir Putin", Some("RUS")),
    ("Azerbaijan", Country, "COUNTRY:AZE", "Azerbaijan", Some("AZE")),
    ("Armenia", Country, "COUNTRY:ARM", "Armenia", Some("ARM")),
    ("Russia", Country, "COUNTRY:RUS", "Russia", Some("RUS")),
    ("Moscow", Country, "COUNTRY:RUS", "Russia", Some("RUS")),
    ("Baku", Country, "COUNTRY:AZE", "Azerbaijan", Some("AZE")),
    ("Yerevan", Country, "COUNTRY:ARM", "Armenia", Some("ARM")),
    ("Turkey", Country, "COUNTRY:TUR", "Turkey", Some("TUR")),
    ("Azerbaijani", Nationality, "COUNTRY:AZE", "Azerbaijani", Some("AZE")),
    ("Azerbaijanis", Nationality, "COUNTRY:AZE", "Azerbaijani", Some("AZE")),
    ("Russian", Nationality, "COUNTRY:RUS", "Russian", Some("RUS")),
    ("Turkish", Nationality, "COUNTRY:TUR", "Turkish", Some("TUR")),
    ("U.N.", Organization, "ORG:UN", "United Nations", None),
];

/// The quotes of the seed whose file name starts with `prefix`, or `None` when the
/// samples are not there.
fn quotes_of(prefix: &str) -> Option<(String, Vec<Quote>)> {
    let text = faultline_testdata::seed(prefix)?.text;
    let quotes = find_quotes(&text, &split_sentences(&text), &entities(&text, ACTORS));
    Some((text, quotes))
}

fn speaker_id(q: &Quote) -> Option<&str> {
    q.speaker.as_ref().map(|s| s.id.as_str())
}

#[test]
fn aliyev_shusha_is_ours() {
    let Some((_, quotes)) = quotes_of("000_") else { return };
    let q = find(&quotes, "Shusha is ours").expect("the Shusha quote");
    assert_eq!(q.text, "Shusha is ours. Karabakh is ours");
    assert_eq!(speaker_id(q), Some("PERSON:ilham-aliyev"));
    assert_eq!(q.cue.as_deref(), Some("said in a televised address"));
    let later = find(&quotes, "(This day) will become").expect("the continued quote");
    assert_eq!(speaker_id(later), Some("PERSON:ilham-aliyev"));
}

#[test]
fn foreign_ministry_apology() {
    let Some((_, quotes)) = quotes_of("000_") else { return };
    let q = find(&quotes, "The Azerbaijani side offers an apology").expect("the ministry's quote");
    let s = q.speaker.as_ref().expect("a speaker");
    assert_eq!(s.name, "foreign ministry");
    assert_eq!(s.id, "NEW:foreign-ministry");
    assert_eq!(q.cue.as_deref(), Some("said in a statement"));
}

#[test]
fn marukyan_in_a_post_on_x() {
    let Some((_, quotes)) = quotes_of("001_") else { return };
    let q = find(&quotes, "The international community must condemn").expect("Marukyan's quote");
    assert_eq!(speaker_id(q), Some("PERSON:edmon-marukyan"));
    assert_eq!(q.cue.as_deref(), Some("said in a post on X"));
}

#[test]
fn blinken_quote_merged() {
    let Some((text, quotes)) = quotes_of("002_") else { return };
    let q = find(&quotes, "As we have long made clear").expect("Blinken's quote");
    assert_eq!(q.spans.len(), 2, "{q:?}");
    assert_eq!(speaker_id(q), Some("PERSON:antony-blinken"));
    for span in &q.spans {
        assert_eq!(&text[span.start..span.end], q.text);
    }
    let cont = find(&quotes, "We urge an end").expect("the continuation");
    assert_eq!(cont.spans.len(), 2);
    assert_eq!(speaker_id(cont), Some("PERSON:antony-blinken"));
    assert_eq!(quotes.iter().filter(|q| q.text.starts_with("As we have long")).count(), 1);
}

#[test]
fn defence_ministry_positions_fired_on() {
    let Some((_, quotes)) = quotes_of("002_") else { return };
    let q = find(&quotes, "Our positions are periodically being fired on at the moment").expect("the quote");
    assert_eq!(q.text, "Our positions are periodically being fired on at the moment");
    let s = q.speaker.as_ref().expect("a speaker");
    assert_eq!(s.name, "Azerbaijan’s defense ministry");
    assert_eq!(s.country.as_deref(), Some("AZE"));
    let next = find(&quotes, "Our units are taking").expect("the continuation");
    let urging = find(&quotes, "to refrain from further escalation").expect("the partial quote");
    assert_eq!(speaker_id(urging), Some("NEW:russian-foreign-ministry"));
    assert_eq!(next.speaker, q.speaker);
}

/// Lists every quote (visible with `--nocapture`), checks that each span holds the
/// quoted words and that the boilerplate of 003 yields none, and times the finder.
#[test]
fn every_seed_quote_listed() {
    let mut total = std::time::Duration::ZERO;
    for prefix in ["000_", "001_", "002_", "003_"] {
        let Some((text, quotes)) = quotes_of(prefix) else { return };
        let (sentences, ents) = (split_sentences(&text), entities(&text, ACTORS));
        let start = std::time::Instant::now();
        for _ in 0..20 {
            std::hint::black_box(find_quotes(&text, &sentences, &ents));
        }
        total += start.elapsed() / 20;
        for q in &quotes {
            assert!(q.spans.iter().all(|s| text[s.start..s.end].starts_with(q.text.trim_end_matches('.'))));
            eprintln!(
                "{prefix} {:?} — {:?} ({:?}) spans={}",
                q.text,
                q.speaker.as_ref().map(|s| (&s.name, &s.id, &s.country, &s.role)),
                q.cue,
                q.spans.len()
            );
        }
        if prefix == "003_" {
            assert!(quotes.is_empty(), "{quotes:?}");
        }
    }
    eprintln!("find_quotes over the four seeds: {total:?}");
}
