//! The event-coding scorer on made-up records in the two gold layouts (PLOVER JSON and
//! PETRARCH XML) with a fake coder, checking the parsing and the arithmetic of every
//! measure; then the real gold files in ../shared, when present, for their record counts.
//!
//! Which fixture sentence lands in which split follows from the hash of its id: in the
//! PLOVER fixture T-AGREE-1 and T-THREATEN-1 are dev, the others held-out; in the
//! PETRARCH fixture P-4 and P-5 are dev, the others held-out (P-9 by its own id, but it
//! repeats P-4's text and so goes with it).

use std::path::{Path, PathBuf};

use faultline_eval::events::{
    CameoTable, EventsEvalError, EventsReport, GoldSetReport, Share, evaluate_with, plover_type,
};
use faultline_model::{Event, EventActor, Evidence, Range, SideCount};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/events")
}

fn actor(name: &str, country: Option<&str>, sector: Option<&str>) -> EventActor {
    EventActor {
        id: format!("TEST:{name}"),
        name: name.to_string(),
        country: country.map(String::from),
        sector: sector.map(String::from),
    }
}

fn country(iso3: &str) -> EventActor {
    actor(iso3, Some(iso3), None)
}

fn event(event_type: &str, source: Vec<EventActor>, target: Vec<EventActor>, confidence: f64) -> Event {
    let evidence = Evidence { start: 0, end: 0, text: String::new() };
    let mut event = Event::new(event_type, String::new(), evidence, "test".to_string(), confidence);
    event.id = "test-e1".to_string();
    event.source = source;
    event.target = target;
    event
}

fn side(country: &str, best: f64) -> SideCount {
    SideCount { country: Some(country.to_string()), range: Range { low: None, best: Some(best), high: None } }
}

/// What a perfect-in-places, wrong-in-others coder would say about the fixture sentences.
fn fake_coder(text: &str) -> Vec<Event> {
    match text {
        "Northern troops shelled southern villages, killing 12 people." => {
            let mut shelling = event("ASSAULT", vec![country("RUS")], vec![country("UKR")], 0.9);
            shelling.fatalities.by_side = vec![side("UKR", 5.0), side("RUS", 7.0)];
            vec![shelling]
        }
        "Israel and the Palestinians agreed to share water data." => vec![
            event("CONSULT", vec![country("ISR")], vec![country("PSE")], 0.8),
            event("AGREE", vec![country("ISR")], vec![country("USA")], 0.5),
        ],
        "The United Nations demanded that Sudan open the border." => {
            vec![event(
                "REQUEST",
                vec![actor("United Nations", None, Some("IGO"))],
                vec![country("EGY")],
                0.7,
            )]
        }
        "North Korea threatened the South after a clash that left three dead." => {
            let mut accusation = event("ACCUSE", vec![country("PRK")], vec![country("KOR")], 0.6);
            accusation.fatalities.total = Some(Range { low: Some(3.0), best: None, high: None });
            vec![accusation]
        }
        "The U.S. president & his aides visited Beijing." => {
            vec![event("CONSULT", vec![country("USA")], vec![country("CHN")], 0.9)]
        }
        "The weather was mild." => vec![event("ASSAULT", Vec::new(), Vec::new(), 0.3)],
        "Rebels shelled Syrian army posts." => {
            vec![event("ASSAULT", vec![actor("rebels", None, Some("REB"))], vec![country("SYR")], 0.8)]
        }
        "UN envoys arrived for talks." => {
            vec![event("CONSULT", vec![actor("United Nations", None, Some("IGO"))], Vec::new(), 0.8)]
        }
        _ => Vec::new(),
    }
}

fn share(hits: usize, total: usize) -> Share {
    Share { hits, total, rate: if total == 0 { 0.0 } else { hits as f64 / total as f64 } }
}

fn only_set(report: EventsReport) -> GoldSetReport {
    assert_eq!(report.gold_sets.len(), 1);
    report.gold_sets.into_iter().next().expect("one gold set")
}

#[test]
fn plover_records_are_read_and_scored() {
    let report =
        evaluate_with(&fixtures().join("plover-gsr-cameo"), None, fake_coder).expect("fixture scores");
    let set = only_set(report);
    assert_eq!((set.sentences, set.codings, set.unscored_sentences), (5, 6, 0), "one text coded twice");
    assert!(set.cameo_table.is_none());

    let all = &set.all;
    assert_eq!(all.sentences, 5);
    assert_eq!(all.type_accuracy, share(3, 6));
    assert_eq!(all.top1_type_accuracy, share(2, 5));
    assert_eq!(all.type_precision, share(3, 5));
    assert_eq!(all.coded_nothing, share(1, 5));
    assert_eq!(all.type_dyad_accuracy, share(2, 6));
    assert_eq!(all.death_toll_accuracy, share(2, 2));
    assert_eq!(all.empty_when_no_events, share(0, 0));

    let dev = &set.dev;
    assert_eq!(dev.sentences, 2);
    assert_eq!(dev.type_accuracy, share(1, 2));
    assert_eq!(dev.top1_type_accuracy, share(0, 2));
    assert_eq!(dev.type_precision, share(1, 3));
    assert_eq!(dev.type_dyad_accuracy, share(1, 2));
    assert_eq!(dev.death_toll_accuracy, share(1, 1));

    let held_out = &set.held_out;
    assert_eq!(held_out.sentences, 3);
    assert_eq!(held_out.type_accuracy, share(2, 4));
    assert_eq!(held_out.type_dyad_accuracy, share(1, 4));
    assert_eq!(held_out.coded_nothing, share(1, 3));
    assert_eq!(held_out.death_toll_accuracy, share(1, 1));

    let row = |name: &str| set.types.iter().find(|r| r.event_type == name).expect("a gold type row");
    assert_eq!(row("REQUEST").all, share(1, 1), "DEMAND is read as REQUEST");
    assert_eq!(row("ASSAULT").held_out, share(1, 1), "FIGHT is read as ASSAULT");
    assert_eq!(row("THREATEN").dev, share(0, 1));
    assert_eq!(row("PROTEST").dev, share(0, 0));
    assert_eq!(row("COERCE").held_out, share(0, 1));
    assert_eq!(set.types.len(), 6);

    let confusions: Vec<(&str, &str, usize, usize)> = set
        .confusions
        .iter()
        .map(|c| (c.gold_type.as_str(), c.system_type.as_str(), c.dev, c.held_out))
        .collect();
    assert_eq!(confusions, [("COERCE", "ASSAULT", 0, 1), ("THREATEN", "ACCUSE", 1, 0)]);

    let misses: Vec<(&str, Vec<&str>)> = set
        .dev_misses
        .iter()
        .map(|m| (m.id.as_str(), m.failed.iter().map(String::as_str).collect()))
        .collect();
    assert_eq!(misses, [("T-AGREE-1", vec!["top-1"]), ("T-THREATEN-1", vec!["type"])]);
    assert!(
        set.dev_misses[1].gold.iter().any(|g| g.starts_with("THREATEN North Korea/PRK -> South Korea/KOR"))
    );
    assert!(set.dev_misses[1].system[0].starts_with("ACCUSE PRK/PRK -> KOR/KOR dead 3"));
}

#[test]
fn petrarch_records_are_scanned_and_mapped() {
    let report = evaluate_with(&fixtures().join("petrarch-cameo-validation"), None, fake_coder)
        .expect("fixture scores with the default table beside the folder");
    let set = only_set(report);
    assert!(set.cameo_table.as_deref().is_some_and(|t| t.ends_with("CAMEO2PLOVER-2021.txt")));
    assert_eq!((set.sentences, set.codings, set.unscored_sentences), (7, 4, 1));
    assert_eq!(set.unmapped_codings.into_iter().collect::<Vec<_>>(), [("015".to_string(), 1)]);

    let all = &set.all;
    assert_eq!(all.sentences, 6);
    assert_eq!(all.type_accuracy, share(4, 4));
    assert_eq!(all.type_dyad_accuracy, share(4, 4), "---REB, SYRMIL, IGOUNO and a bare --- target");
    assert_eq!(all.top1_type_accuracy, share(4, 4));
    assert_eq!(all.type_precision, share(4, 5));
    assert_eq!(all.coded_nothing, share(0, 4));
    assert_eq!(all.empty_when_no_events, share(1, 2));
    assert_eq!(all.death_toll_accuracy, share(0, 0));
    assert_eq!((set.dev.sentences, set.held_out.sentences), (2, 4), "P-9 repeats P-4's text, so is dev");
    assert!(set.dev_misses.is_empty(), "P-3's false event is held-out, so never listed");
}

#[test]
fn one_petrarch_file_and_an_explicit_table() {
    let folder = fixtures().join("petrarch-cameo-validation");
    let table = fixtures().join("plover-gsr-cameo/CAMEO2PLOVER-2021.txt");
    let report = evaluate_with(&folder.join("PETR2_GSR_validation.xml"), Some(&table), |_| Vec::new())
        .expect("fixture scores");
    let set = only_set(report);
    assert_eq!(set.all.coded_nothing, share(4, 4));
    assert_eq!(set.all.empty_when_no_events, share(2, 2));

    let missing = fixtures().join("no-such-table.txt");
    let error = evaluate_with(&folder, Some(&missing), |_| Vec::new()).expect_err("no table");
    assert!(matches!(error, EventsEvalError::CameoTable { .. }));
    assert!(error.to_string().contains("--cameo-table"), "{error}");
}

#[test]
fn paths_that_are_not_gold_are_named() {
    let error = evaluate_with(&fixtures(), None, |_| Vec::new()).expect_err("not a gold folder");
    assert!(error.to_string().contains("plover-gsr-cameo folder"), "{error}");
    let error = evaluate_with(&fixtures().join("nothing.json"), None, |_| Vec::new()).expect_err("absent");
    assert!(error.to_string().contains("nothing.json"), "{error}");
}

#[test]
fn the_report_prints_and_serialises_and_forgets_dev_misses() {
    let mut report =
        evaluate_with(&fixtures().join("plover-gsr-cameo"), None, fake_coder).expect("fixture scores");
    let table = report.to_string();
    assert!(table.contains("type+dyad accuracy"), "{table}");
    assert!(table.contains("2/5 40.0%"), "{table}");
    assert!(table.contains("Dev misses (2;"), "{table}");
    assert!(!table.contains("T-ASSAULT-1"), "held-out ids are never printed: {table}");

    report.drop_dev_misses();
    let json = serde_json::to_value(&report).expect("serialises");
    let set = &json["gold_sets"][0];
    assert_eq!(set["all"]["type_accuracy"]["hits"], 3);
    assert_eq!(set["held_out"]["coded_nothing"]["total"], 3);
    assert!(set.get("dev_misses").is_none());
    assert!(!report.to_string().contains("Dev misses"));
}

#[test]
fn cameo_codes_fall_back_to_their_roots() {
    let path = fixtures().join("plover-gsr-cameo/CAMEO2PLOVER-2021.txt");
    let table = CameoTable::parse(&path, &std::fs::read_to_string(&path).expect("fixture table"))
        .expect("table parses");
    assert_eq!(table.plover_type("042"), Some("CONSULT"));
    assert_eq!(table.plover_type("0421"), Some("CONSULT"));
    assert_eq!(table.plover_type("1944"), Some("ASSAULT"));
    assert_eq!(table.plover_type("199"), Some("ASSAULT"));
    assert_eq!(table.plover_type("084"), Some("RETREAT"));
    assert_eq!(table.plover_type("089"), Some("CONCEDE"), "a root listed twice keeps its first type");
    assert_eq!(table.plover_type("015"), None);

    let error = CameoTable::parse(&path, "no codes here\n").err().expect("empty table");
    assert!(error.to_string().contains("--cameo-table"), "{error}");
    let error = CameoTable::parse(&path, "04: CONSULT\n042: , visit\n").err().expect("no type");
    assert!(error.to_string().contains(":2:"), "{error}");

    assert_eq!(plover_type("Disapprove"), "ACCUSE");
    assert_eq!(plover_type("INVESTIGATE"), "ACCUSE");
    assert_eq!(plover_type("ASSAULT"), "ASSAULT");
}

/// The gold data in ../shared, when present: every record read, none lost.
#[test]
fn real_gold_files_are_read_whole() {
    let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/eval");
    let plover = shared.join("plover-gsr-cameo");
    let petrarch = shared.join("petrarch-cameo-validation");
    if !plover.is_dir() || !petrarch.is_dir() {
        eprintln!("skipping: no event gold data at {}", shared.display());
        return;
    }
    let set = only_set(evaluate_with(&plover, None, |_| Vec::new()).expect("PLOVER gold scores"));
    // 160 records minus the DOCUMENT header; one sentence is coded twice (COERCE, FIGHT).
    assert_eq!((set.sentences, set.codings), (158, 159));
    assert_eq!(set.all.death_toll_accuracy.total, 6);
    assert_eq!(set.all.coded_nothing, share(158, 158));
    assert_eq!(set.dev.sentences + set.held_out.sentences, 158);

    let report = evaluate_with(&petrarch, None, |_| Vec::new()).expect("PETRARCH gold scores");
    let [validation, unit_tests] = report.gold_sets.as_slice() else { panic!("two PETRARCH files") };
    let unmapped = |set: &GoldSetReport| set.unmapped_codings.values().sum::<usize>();
    assert_eq!((validation.sentences, validation.codings + unmapped(validation)), (78, 80));
    assert_eq!(validation.all.empty_when_no_events, share(12, 12));
    assert_eq!((unit_tests.sentences, unit_tests.codings + unmapped(unit_tests)), (284, 359));
    assert_eq!(unit_tests.all.empty_when_no_events, share(19, 19));
    assert!(unit_tests.note.is_some());
}
