//! Every format's exact output on three events written for these tests: a claimed
//! shelling with casualties per side, a recalled assault on civilians dated by its month,
//! and a planned withdrawal with no place, in an article without a title.

use faultline_export::{Context, Format, export};
use faultline_knowledge::Knowledge;
use faultline_model::{
    Casualties, Event, EventActor, EventTime, Evidence, Modality, Place, PlacePrecision, Range, SideCount,
    Status,
};
use faultline_store::{EventArticle, StoredEvent};
use std::collections::HashMap;

fn actor(id: &str, name: &str, country: Option<&str>, sector: Option<&str>) -> EventActor {
    EventActor {
        id: id.into(),
        name: name.into(),
        country: country.map(Into::into),
        sector: sector.map(Into::into),
    }
}

fn time(value: &str, source: &str) -> Option<EventTime> {
    Some(EventTime {
        value: Some(value.into()),
        granularity: None,
        text: None,
        source: source.into(),
        resolved: true,
    })
}

fn events() -> Vec<StoredEvent> {
    let article = EventArticle {
        id: "0123456789abcdef".into(),
        title: Some("Shelling in the north".into()),
        outlet: Some("Wire".into()),
        url: Some("https://news.example/a".into()),
        published: Some("2024-02-13T09:00:00+02:00".into()),
    };
    let russia = actor("RUS:ARMED_FORCES", "Russian armed forces", Some("RUS"), Some("MIL"));
    let ukraine = actor("COUNTRY:UKR", "Ukraine", Some("UKR"), Some("GOV"));
    let text =
        "Russian forces shelled Kharkiv overnight, killing three soldiers and two civilians, Kyiv said.";
    let mut shelling = Event::new(
        "ASSAULT",
        "shelled".into(),
        Evidence { start: 0, end: text.len(), text: text.into() },
        "ASSAULT/shelling:shell".into(),
        0.85,
    );
    shelling.id = "0123456789abcdef-e1".into();
    shelling.mode = Some("shelling".into());
    shelling.source = vec![russia.clone()];
    shelling.target = vec![ukraine.clone()];
    shelling.place = Some(Place {
        text: "Kharkiv".into(),
        start: 23,
        end: 30,
        name: "Kharkiv".into(),
        id: "geonames:706483".into(),
        admin1: Some("Kharkiv Oblast".into()),
        country: Some("UKR".into()),
        lat: Some(49.98),
        lon: Some(36.25),
        precision: PlacePrecision::Point,
    });
    shelling.time = time("2024-02-12TNI", "clause");
    shelling.instrument = Some("artillery".into());
    shelling.fatalities = Casualties {
        total: None,
        by_side: vec![
            SideCount {
                country: Some("UKR".into()),
                range: Range { low: Some(3.0), best: Some(3.0), high: Some(3.0) },
            },
            SideCount { country: None, range: Range { low: Some(2.0), best: Some(2.0), high: Some(2.0) } },
        ],
    };
    shelling.status = Status::Claimed;
    shelling.claimed_by = vec![ukraine.clone()];
    shelling.reported_by = vec![ukraine.clone()];

    let recalled_text = "In October 2020 militias attacked villagers near Stepanakert.";
    let mut recalled = Event::new(
        "ASSAULT",
        "attacked".into(),
        Evidence { start: 120, end: 120 + recalled_text.len(), text: recalled_text.into() },
        "ASSAULT:attack".into(),
        0.7,
    );
    recalled.id = "0123456789abcdef-e2".into();
    recalled.source = vec![actor("NEW:militias", "militias", None, Some("REB"))];
    recalled.target = vec![actor("CVL", "villagers", None, Some("CVL"))];
    recalled.place = Some(Place {
        text: "Stepanakert".into(),
        start: 169,
        end: 180,
        name: "Nagorno-Karabakh".into(),
        id: "region:nagorno-karabakh".into(),
        admin1: None,
        country: Some("AZE".into()),
        lat: None,
        lon: None,
        precision: PlacePrecision::Region,
    });
    recalled.time = time("2020-10", "clause");
    recalled.fatalities =
        Casualties { total: Some(Range { low: Some(10.0), best: None, high: None }), by_side: Vec::new() };
    recalled.background = true;
    recalled.background_reason = Some("event year 2020 before publication 2024".into());

    let plan_text = "Moscow will withdraw its troops by 2025.";
    let mut plan = Event::new(
        "RETREAT",
        "withdraw".into(),
        Evidence { start: 200, end: 200 + plan_text.len(), text: plan_text.into() },
        "RETREAT:withdraw".into(),
        0.6,
    );
    plan.id = "fedcba9876543210-e1".into();
    plan.source = vec![actor("COUNTRY:RUS", "Russia", Some("RUS"), Some("GOV"))];
    plan.time = time("2025", "clause");
    plan.modality = Modality::Future;
    let untitled =
        EventArticle { id: "fedcba9876543210".into(), title: None, outlet: None, url: None, published: None };

    vec![
        StoredEvent { article: article.clone(), event: shelling },
        StoredEvent { article, event: recalled },
        StoredEvent { article: untitled, event: plan },
    ]
}

fn written(format: Format) -> String {
    let countries = HashMap::from([("UKR".to_string(), "Ukraine".to_string())]);
    let context = Context::load(Knowledge::shipped(), countries).expect("the shipped ACLED mapping");
    let mut out = Vec::new();
    let summary = export(format, &events(), &context, &mut out).expect("written");
    assert_eq!(summary.written + summary.left_out, 3);
    String::from_utf8(out).expect("UTF-8")
}

#[test]
fn json_lines() {
    insta::assert_snapshot!(written(Format::Jsonl));
}

#[test]
fn acled_csv() {
    insta::assert_snapshot!(written(Format::AcledCsv));
}

#[test]
fn geojson_leaves_out_events_without_coordinates() {
    insta::assert_snapshot!(written(Format::Geojson));
}

#[test]
fn plover() {
    insta::assert_snapshot!(written(Format::Plover));
}

#[test]
fn no_events_still_make_a_valid_file() {
    let context = Context::default();
    for (format, want) in [
        (Format::Jsonl, ""),
        (Format::Geojson, "{\"features\":[],\"type\":\"FeatureCollection\"}\n"),
        (Format::Plover, ""),
    ] {
        let mut out = Vec::new();
        export(format, &[], &context, &mut out).unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), want, "{format:?}");
    }
    let mut out = Vec::new();
    export(Format::AcledCsv, &[], &context, &mut out).unwrap();
    assert!(String::from_utf8(out).unwrap().starts_with("event_id_cnty,event_date,"));
}
