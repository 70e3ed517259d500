//! The conformance suite: the behaviour every [`Store`] backend must have, written once
//! against the trait and run by each backend's tests (the pattern of tantivy's directory
//! tests). A backend's test file calls
//!
//! ```ignore
//! faultline_store::conformance_tests!(|| (MyStore::open_temporary(), guard));
//! ```
//!
//! with a closure returning a new, empty store and anything that must live as long as it
//! (a temporary directory); each check becomes one `#[test]`. A backend that needs a
//! server writes `conformance_tests!(optional open)` with a closure returning an
//! `Option`: `None` (after the closure printed why) passes the check without running it.
//!
//! What is guaranteed where backends may differ:
//! - search: every article holding the query's words (after stemming: `helicopters`
//!   finds `helicopter`) is found, and an article holding them more often, or in its
//!   title, ranks first; the order of weaker matches and the exact snippet are the
//!   backend's own, but a snippet holds a matched word in `[brackets]`;
//! - actor names match case-insensitively for ASCII letters; other collation is the
//!   backend's.

use crate::{
    CandidateQuery, EventQuery, IncidentQuery, IncidentUpdate, IndexedEvent, NearDuplicate, NewArticle,
    QueryError, Signature, Store, StoreError, Stored,
};
use faultline_model::{
    Absorbed, Anchor, Article, ContentFormat, Event, EventActor, EventLink, EventTime, Evidence, Incident,
    IncidentCasualties, Layers, MergeEvidence, Modality, NumberKind, NumberMention, Place, PlacePrecision,
    Processed, Removed, Sentence, Signal, Status, TimeMention, TimeType, article_id,
};

/// Generates one `#[test]` per check of the suite, each on a new store from `$open`, a
/// closure returning `(store, guard)`.
#[macro_export]
macro_rules! conformance_tests {
    (@checks $when:ident $open:expr) => {
        $crate::conformance_tests!(@each $when $open;
            storing_twice_is_unchanged_and_round_trips,
            a_batch_is_written_whole_or_not_at_all,
            unknown_and_ambiguous_ids_are_explained,
            articles_are_listed_newest_first_undated_last,
            search_ranks_matches_and_stems,
            events_round_trip_and_leave_background_out_by_default,
            events_that_did_not_happen_are_left_out_by_default,
            events_filter_by_type_actor_country_and_date,
            reversed_date_ranges_are_refused,
            rewriting_an_article_adds_no_events,
            readers_see_whole_batches_while_another_thread_writes,
            stored_articles_are_pending_until_an_incident_update_links_them,
            replacing_an_article_rewrites_it_and_relinks_the_store,
            incident_candidates_share_a_key_and_a_window,
            incident_updates_replace_incidents_and_filter_like_events,
        );
    };
    (@each always $open:expr; $($check:ident),* $(,)?) => {
        $(
            #[test]
            fn $check() {
                let (store, _guard) = ($open)();
                $crate::conformance::$check(&store);
            }
        )*
    };
    (@each optional $open:expr; $($check:ident),* $(,)?) => {
        $(
            #[test]
            fn $check() {
                if let Some((store, _guard)) = ($open)() {
                    $crate::conformance::$check(&store);
                }
            }
        )*
    };
    // The public forms: after the internal ones, which an `expr` fragment cannot parse.
    (optional $open:expr) => {
        $crate::conformance_tests!(@checks optional $open);
    };
    ($open:expr) => {
        $crate::conformance_tests!(@checks always $open);
    };
}

/// An article dated 13 February 2024 with one sentence.
pub fn article(title: &str, text: &str) -> Article {
    Article {
        id: article_id(text),
        source_id: Some("doc1".to_string()),
        title: Some(title.to_string()),
        published: Some("2024-02-13".to_string()),
        published_detail: None,
        outlet: Some("Wire".to_string()),
        dateline: None,
        url: None,
        author: None,
        origin: "test".to_string(),
        format: ContentFormat::Text,
        text: text.to_string(),
        removed: vec![Removed { start: 0, end: 4, reason: "navigation".to_string() }],
        sentences: vec![Sentence { start: 0, end: text.len(), paragraph: 0 }],
        warnings: Vec::new(),
    }
}

fn actor(id: &str, name: &str, country: &str) -> EventActor {
    EventActor { id: id.into(), name: name.into(), country: Some(country.into()), sector: None }
}

/// Russian forces shelling Kharkiv, dated by `time` when given.
pub fn event(id: &str, event_type: &str, time: Option<&str>) -> Event {
    let evidence = Evidence { start: 0, end: 7, text: "shelled".into() };
    let mut event = Event::new(event_type, "shelled".into(), evidence, "test".into(), 0.9);
    event.id = id.to_string();
    event.source = vec![actor("RUS:ARMED_FORCES", "Russian armed forces", "RUS")];
    event.target = vec![actor("COUNTRY:UKR", "Ukraine", "UKR")];
    event.place = Some(Place {
        text: "Kharkiv".into(),
        start: 0,
        end: 7,
        name: "Kharkiv".into(),
        id: "geonames:706483".into(),
        admin1: Some("Kharkiv".into()),
        country: Some("UKR".into()),
        lat: Some(49.98),
        lon: Some(36.25),
        precision: PlacePrecision::Point,
    });
    event.time = time.map(|value| EventTime {
        value: Some(value.to_string()),
        granularity: Some("day".into()),
        text: None,
        source: "clause".into(),
        resolved: true,
    });
    event
}

/// An article with the given events and no other layers.
pub fn processed(article: Article, events: Vec<Event>) -> Processed {
    Processed { article, layers: Layers { events, ..Layers::default() } }
}

fn write(store: &dyn Store, processed: &Processed) -> Result<Stored, StoreError> {
    let stored = store.write_batch(&[NewArticle { processed, original: "original", replace: false }])?;
    Ok(stored[0])
}

fn ids(store: &dyn Store, query: &EventQuery) -> Vec<String> {
    store.events(query).unwrap().into_iter().map(|stored| stored.event.id).collect()
}

pub fn storing_twice_is_unchanged_and_round_trips(store: &dyn Store) {
    let text = "A helicopter was shot down near the border on Monday, killing two.";
    let mut first = processed(article("Helicopter downed", text), vec![event("h-e1", "ASSAULT", None)]);
    first.layers.numbers.push(NumberMention {
        text: "two".into(),
        start: 62,
        end: 65,
        low: Some(2.0),
        best: Some(2.0),
        high: Some(2.0),
        hedge: None,
        noun: None,
        kind: NumberKind::Cardinal,
    });
    let anchor = Anchor::from_published("2024-02-13").expect("a day");
    first.layers.times.push(TimeMention {
        text: "Monday".into(),
        start: 52,
        end: 58,
        value: Some(anchor.date.to_string()),
        kind: TimeType::Date,
        granularity: None,
        resolved: true,
        modifier: None,
        signal: Some("on".into()),
    });
    assert_eq!(write(store, &first).unwrap(), Stored::New);
    assert_eq!(write(store, &first).unwrap(), Stored::Unchanged);
    assert_eq!(store.count_articles().unwrap(), 1);
    let id = &first.article.id;
    assert!(store.contains(id).unwrap());
    assert!(!store.contains("0000000000000000").unwrap());
    assert_eq!(store.get_article(&id[..6]).unwrap(), first.article);
    assert_eq!(store.original_content(id).unwrap(), "original");
    assert_eq!(store.layers(id).unwrap(), first.layers);
}

pub fn a_batch_is_written_whole_or_not_at_all(store: &dyn Store) {
    let good = processed(article("Talks", "Diplomats met in Geneva."), Vec::new());
    let twins = vec![event("w-e1", "ASSAULT", None), event("w-e1", "ASSAULT", None)];
    let bad = processed(article("Kharkiv shelled", "Russian forces shelled Kharkiv on Monday."), twins);
    let batch = [
        NewArticle { processed: &good, original: "", replace: false },
        NewArticle { processed: &bad, original: "", replace: false },
    ];
    assert!(store.write_batch(&batch).is_err(), "two events with one id cannot be stored");
    assert_eq!(store.count_articles().unwrap(), 0, "nothing of a failed batch is stored");
    assert!(ids(store, &EventQuery::default()).is_empty());
    assert_eq!(store.write_batch(&batch[..1]).unwrap(), [Stored::New]);
}

pub fn unknown_and_ambiguous_ids_are_explained(store: &dyn Store) {
    assert!(matches!(store.get_article("abc"), Err(StoreError::NotFound(_))));
    assert!(matches!(store.layers("abc"), Err(StoreError::NotFound(_))));
    assert!(matches!(store.original_content("abc"), Err(StoreError::NotFound(_))));
    write(store, &processed(article("One", "The first text."), Vec::new())).unwrap();
    write(store, &processed(article("Two", "The second text."), Vec::new())).unwrap();
    assert!(matches!(store.get_article(""), Err(StoreError::Ambiguous(_))));
}

pub fn articles_are_listed_newest_first_undated_last(store: &dyn Store) {
    let dated = |title: &str, published: Option<&str>| {
        let mut article = article(title, &format!("The story of {title}."));
        article.published = published.map(str::to_string);
        processed(article, Vec::new())
    };
    for item in [dated("old", Some("2023-05-01")), dated("undated", None), dated("new", Some("2024-01-02"))] {
        write(store, &item).unwrap();
    }
    let titles: Vec<_> = store.list_articles().unwrap().into_iter().filter_map(|a| a.title).collect();
    assert_eq!(titles, ["new", "old", "undated"]);
    let listed = &store.list_articles().unwrap()[0];
    assert_eq!((listed.chars, listed.origin.as_str()), ("The story of new.".len(), "test"));
}

pub fn search_ranks_matches_and_stems(store: &dyn Store) {
    let helicopter = processed(
        article("Helicopter downed", "A helicopter was shot down. The helicopter crew died."),
        Vec::new(),
    );
    let talks = processed(
        article("Talks resume", "Diplomats met in Geneva; a helicopter was mentioned once."),
        Vec::new(),
    );
    write(store, &talks).unwrap();
    write(store, &helicopter).unwrap();
    let hits = store.search("helicopters", 10).unwrap();
    assert_eq!(hits.len(), 2);
    assert_eq!(hits[0].id, helicopter.article.id);
    assert!(hits[0].snippet.contains("[helicopter]"), "{}", hits[0].snippet);
    let fallback = store.search("helicopter AND (", 10).unwrap();
    assert_eq!(fallback.len(), 2, "an invalid query is searched as its words");
    assert_eq!(store.search("helicopter", 1).unwrap().len(), 1, "the limit holds");
    assert!(store.search("ceasefire", 10).unwrap().is_empty());
}

/// Three events in two articles: a shelling of Kharkiv on 12 February, an agreement
/// between Armenia and Azerbaijan dated by its article (13 February), and a recalled
/// 2020 assault.
fn store_events(store: &dyn Store) {
    let shelling = event("w-e1", "ASSAULT", Some("2024-02-12TNI"));
    let mut recalled = event("w-e2", "ASSAULT", Some("2020-10"));
    recalled.background = true;
    let war = article("Kharkiv shelled", "Russian forces shelled Kharkiv on Monday.");
    write(store, &processed(war, vec![shelling, recalled])).unwrap();
    let mut deal = event("t-e1", "AGREE", None);
    deal.source = vec![actor("COUNTRY:ARM", "Armenia", "ARM")];
    deal.target = vec![actor("COUNTRY:AZE", "Azerbaijan", "AZE")];
    deal.place = None;
    let talks = article("Deal signed", "Armenia and Azerbaijan signed a border deal.");
    write(store, &processed(talks, vec![deal])).unwrap();
}

pub fn events_round_trip_and_leave_background_out_by_default(store: &dyn Store) {
    store_events(store);
    assert_eq!(ids(store, &EventQuery::default()), ["t-e1", "w-e1"]);
    let all = EventQuery { include_background: true, ..Default::default() };
    assert_eq!(ids(store, &all), ["t-e1", "w-e1", "w-e2"]);
    let listed = store.events(&EventQuery::default()).unwrap();
    assert_eq!(listed[1].article.title.as_deref(), Some("Kharkiv shelled"));
    assert_eq!(listed[1].event, event("w-e1", "ASSAULT", Some("2024-02-12TNI")));
    assert_eq!(listed[0].date().as_deref(), Some("2024-02-13"), "dated by its article");
    let war_id = &listed[1].article.id;
    let of_article: Vec<_> = store.layers(war_id).unwrap().events.into_iter().map(|e| e.id).collect();
    assert_eq!(of_article, ["w-e1", "w-e2"]);
}

pub fn events_that_did_not_happen_are_left_out_by_default(store: &dyn Store) {
    let text =
        article("No attack", "Turkish troops did not attack the town. Ankara will withdraw its troops.");
    let mut denied = event("n-e1", "ASSAULT", None);
    denied.modality = Modality::Negated;
    let mut promised = event("n-e2", "RETREAT", None);
    promised.modality = Modality::Future;
    let statement = event("n-e3", "AGREE", None);
    write(store, &processed(text, vec![denied, promised, statement])).unwrap();
    assert_eq!(ids(store, &EventQuery::default()), ["n-e3"]);
    let all = EventQuery { include_unreal: true, ..Default::default() };
    assert_eq!(ids(store, &all), ["n-e1", "n-e2", "n-e3"]);
}

pub fn events_filter_by_type_actor_country_and_date(store: &dyn Store) {
    store_events(store);
    let query = |edit: &dyn Fn(&mut EventQuery)| {
        let mut query = EventQuery::default();
        edit(&mut query);
        ids(store, &query)
    };
    let parse = |value: &str| value.parse().unwrap();
    assert_eq!(query(&|q| q.types = vec![parse("ASSAULT")]), ["w-e1"]);
    assert_eq!(query(&|q| q.types = vec![parse("AGREE"), parse("assault")]), ["t-e1", "w-e1"]);
    assert_eq!(query(&|q| q.actor = Some("country:arm".into())), ["t-e1"]);
    assert_eq!(query(&|q| q.actor = Some("RUSSIAN".into())), ["w-e1"]);
    assert!(query(&|q| q.actor = Some("France".into())).is_empty());
    assert_eq!(query(&|q| q.country = Some("AZE".parse().unwrap())), ["t-e1"]);
    assert_eq!(query(&|q| q.country = Some("ukr".parse().unwrap())), ["w-e1"]);
    assert_eq!(query(&|q| q.since = Some("2024-02-13".parse().unwrap())), ["t-e1"]);
    assert_eq!(query(&|q| q.until = Some("2024-02-12".parse().unwrap())), ["w-e1"]);
    assert_eq!(query(&|q| q.since = Some("2024-02".parse().unwrap())), ["t-e1", "w-e1"]);
    assert!(query(&|q| q.until = Some("2023".parse().unwrap())).is_empty());
    assert_eq!(query(&|q| q.limit = Some(1)), ["t-e1"]);
    let recalled = EventQuery {
        include_background: true,
        since: Some("2020".parse().unwrap()),
        until: Some("2020-10-05".parse().unwrap()),
        ..Default::default()
    };
    assert_eq!(ids(store, &recalled), ["w-e2"], "a month overlapping the range matches");
}

pub fn reversed_date_ranges_are_refused(store: &dyn Store) {
    let reversed = EventQuery {
        since: Some("2024-03".parse().unwrap()),
        until: Some("2024-02".parse().unwrap()),
        ..Default::default()
    };
    assert!(matches!(store.events(&reversed), Err(StoreError::Query(QueryError::Reversed { .. }))));
}

pub fn rewriting_an_article_adds_no_events(store: &dyn Store) {
    let war = processed(
        article("Kharkiv shelled", "Russian forces shelled Kharkiv on Monday."),
        vec![event("w-e1", "ASSAULT", Some("2024-02-12"))],
    );
    assert_eq!(write(store, &war).unwrap(), Stored::New);
    assert_eq!(write(store, &war).unwrap(), Stored::Unchanged);
    assert_eq!(ids(store, &EventQuery::default()), ["w-e1"]);
    assert_eq!(store.layers(&war.article.id).unwrap().events.len(), 1);
}

pub fn readers_see_whole_batches_while_another_thread_writes(store: &dyn Store) {
    const BATCHES: usize = 20;
    const BATCH: usize = 5;
    let batches: Vec<Vec<Processed>> = (0..BATCHES)
        .map(|b| {
            (0..BATCH)
                .map(|i| processed(article("Batch", &format!("Report {i} of batch {b}.")), Vec::new()))
                .collect()
        })
        .collect();
    std::thread::scope(|scope| {
        let writer = scope.spawn(|| {
            for batch in &batches {
                let news: Vec<_> = batch
                    .iter()
                    .map(|processed| NewArticle { processed, original: "", replace: false })
                    .collect();
                store.write_batch(&news).unwrap();
            }
        });
        let mut seen = 0;
        while !writer.is_finished() {
            let count = store.count_articles().unwrap();
            assert_eq!(count % BATCH, 0, "a reader saw part of a batch");
            assert!(count >= seen, "a reader saw articles disappear");
            seen = count;
        }
        writer.join().unwrap();
    });
    assert_eq!(store.count_articles().unwrap(), BATCHES * BATCH);
}

pub fn stored_articles_are_pending_until_an_incident_update_links_them(store: &dyn Store) {
    store_events(store);
    let pending = store.articles_pending_incidents(10).unwrap();
    assert_eq!(pending.len(), 2, "both articles wait to be linked, oldest first");
    assert_eq!(store.articles_pending_incidents(1).unwrap(), pending[..1]);
    let update = IncidentUpdate { articles: vec![pending[0].clone()], ..IncidentUpdate::default() };
    store.apply_incident_update(&update).unwrap();
    assert_eq!(store.articles_pending_incidents(10).unwrap(), pending[1..]);
}

pub fn replacing_an_article_rewrites_it_and_relinks_the_store(store: &dyn Store) {
    store_events(store);
    let pending = store.articles_pending_incidents(10).unwrap();
    let update = IncidentUpdate { articles: pending.clone(), ..IncidentUpdate::default() };
    store.apply_incident_update(&update).unwrap();
    assert!(store.articles_pending_incidents(10).unwrap().is_empty());
    let mut corrected =
        processed(store.get_article(&pending[0]).unwrap(), vec![event("r-e1", "PROTEST", None)]);
    corrected.article.published = Some("2024-03-06".into());
    corrected.article.outlet = Some("Corrected Outlet".into());
    let written =
        |replace| store.write_batch(&[NewArticle { processed: &corrected, original: "new", replace }]);
    assert_eq!(written(false).unwrap(), [Stored::Unchanged], "without asking, nothing changes");
    assert_ne!(store.get_article(&pending[0]).unwrap(), corrected.article);
    assert_eq!(written(true).unwrap(), [Stored::Updated]);
    assert_eq!(store.count_articles().unwrap(), 2);
    assert_eq!(store.get_article(&pending[0]).unwrap(), corrected.article);
    assert_eq!(store.layers(&pending[0]).unwrap(), corrected.layers);
    assert_eq!(store.original_content(&pending[0]).unwrap(), "new");
    let events = store
        .events(&EventQuery { include_background: true, include_unreal: true, ..EventQuery::default() })
        .unwrap();
    let of_article: Vec<&str> =
        events.iter().filter(|e| e.article.id == pending[0]).map(|e| e.event.id.as_str()).collect();
    assert_eq!(of_article, ["r-e1"], "the old events are gone");
    let mut again = store.articles_pending_incidents(10).unwrap();
    again.sort();
    let mut all = pending.clone();
    all.sort();
    assert_eq!(again, all, "every article is linked again");
}

/// The index row of a stored event: days 100..=100 and the given keys.
fn indexed(event_id: &str, keys: &[&str], day: i64) -> IndexedEvent {
    IndexedEvent {
        event_id: event_id.to_string(),
        day_from: day,
        day_to: day,
        keys: keys.iter().map(|k| k.to_string()).collect(),
        keyless: keys.is_empty(),
        family: "T:ASSAULT".to_string(),
    }
}

pub fn incident_candidates_share_a_key_and_a_window(store: &dyn Store) {
    store_events(store);
    let war_id = store.events(&EventQuery::default()).unwrap()[1].article.id.clone();
    let update = IncidentUpdate {
        indexed: vec![
            indexed("w-e1", &["C:UKR"], 100),
            indexed("t-e1", &[], 100),
            indexed("w-e2", &["C:UKR"], 300),
        ],
        signatures: vec![(
            war_id.clone(),
            Signature {
                minhashes: vec![1, 2],
                bands: vec![7, 8],
                names: vec!["kharkiv".into()],
                terms: vec![("kharkiv".into(), 65535)],
                published: None,
            },
        )],
        ..IncidentUpdate::default()
    };
    store.apply_incident_update(&update).unwrap();
    let query = |keys: &[&str], keyless: bool, day: i64| CandidateQuery {
        day_from: day - 1,
        day_to: day + 1,
        keys: keys.iter().map(|k| k.to_string()).collect(),
        family: "T:ASSAULT".to_string(),
        keyless,
        exclude_article: "an incoming article".to_string(),
    };
    let found = |q: CandidateQuery| -> Vec<String> {
        let mut ids: Vec<String> =
            store.incident_candidates(&q).unwrap().into_iter().map(|e| e.event.id).collect();
        ids.sort();
        ids
    };
    assert_eq!(
        found(query(&["C:UKR"], false, 101)),
        ["t-e1", "w-e1"],
        "a shared key, or keyless in the family"
    );
    assert_eq!(found(query(&["C:FRA"], false, 100)), ["t-e1"]);
    assert_eq!(found(query(&[], true, 100)), ["t-e1", "w-e1"], "a keyless query finds its whole family");
    assert_eq!(found(query(&["C:UKR"], false, 200)), Vec::<String>::new(), "outside the window");
    let mut excluded = query(&["C:UKR"], false, 100);
    excluded.exclude_article = war_id.clone();
    assert_eq!(found(excluded), ["t-e1"], "events of the incoming article are left out");
    let candidates = store
        .signature_candidates(&Signature {
            minhashes: vec![],
            bands: vec![8, 9],
            names: Vec::new(),
            terms: Vec::new(),
            published: None,
        })
        .unwrap();
    assert_eq!(candidates.len(), 1);
    assert_eq!(candidates[0].0, war_id);
    assert!(
        store
            .signature_candidates(&Signature {
                minhashes: vec![],
                bands: vec![9],
                names: Vec::new(),
                terms: Vec::new(),
                published: None,
            })
            .unwrap()
            .is_empty()
    );
    let stored = store.article_signatures(&[war_id.clone(), "unknown".into()]).unwrap();
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0].1.names, ["kharkiv"]);
    assert_eq!(stored[0].1.terms, [("kharkiv".to_string(), 65535)], "the term vector is kept");
    let by_id: Vec<String> = store
        .events_by_id(&["w-e2".into(), "t-e1".into(), "nope".into()])
        .unwrap()
        .into_iter()
        .map(|e| e.event.id)
        .collect();
    assert_eq!(by_id, ["w-e2", "t-e1"]);
    let of_article: Vec<String> =
        store.events_of_articles(&[war_id]).unwrap().into_iter().map(|e| e.event.id).collect();
    assert_eq!(of_article, ["w-e1", "w-e2"]);
}

fn incident(id: &str, events: &[(&str, bool)], date: &str) -> Incident {
    Incident {
        id: id.to_string(),
        event_type: "ASSAULT".to_string(),
        mode: None,
        articles: Vec::new(),
        events: events.iter().map(|(e, _)| e.to_string()).collect(),
        outlets: Vec::new(),
        sources: 1,
        first_reported: None,
        last_reported: None,
        source: Vec::new(),
        target: Vec::new(),
        place: None,
        time: None,
        date: Some(date.to_string()),
        fatalities: IncidentCasualties::default(),
        injuries: IncidentCasualties::default(),
        status: Status::Asserted,
        absorbed: events
            .iter()
            .map(|(e, background)| Absorbed {
                event: e.to_string(),
                article: String::new(),
                outlet: None,
                published: None,
                event_type: "ASSAULT".to_string(),
                background: *background,
                linked_to: None,
                evidence: None,
            })
            .collect(),
    }
}

pub fn incident_updates_replace_incidents_and_filter_like_events(store: &dyn Store) {
    store_events(store);
    let link = EventLink {
        a: "t-e1".into(),
        b: "w-e1".into(),
        kind: "same".into(),
        evidence: MergeEvidence {
            score: 6.0,
            signals: vec![Signal { kind: "type".into(), detail: "same type".into(), weight: 2.5 }],
        },
    };
    let first = IncidentUpdate {
        links: vec![link.clone()],
        near_duplicates: vec![NearDuplicate { a: "x".into(), b: "y".into(), similarity: 0.9 }],
        incidents: vec![incident("inc-one", &[("w-e1", false), ("w-e2", true)], "2024-02-12")],
        ..IncidentUpdate::default()
    };
    store.apply_incident_update(&first).unwrap();
    let bare = EventLink { evidence: MergeEvidence { score: 6.0, signals: Vec::new() }, ..link.clone() };
    assert_eq!(store.link_scores(&["w-e1".into()]).unwrap(), std::slice::from_ref(&bare));
    assert_eq!(store.link_scores(&["t-e1".into()]).unwrap(), [bare]);
    let pairs = [("t-e1".to_string(), "w-e1".to_string()), ("t-e1".to_string(), "w-e2".to_string())];
    assert_eq!(store.links_between(&pairs).unwrap(), std::slice::from_ref(&link), "the linked pair only");
    assert_eq!(store.near_duplicates(&["y".into()]).unwrap().len(), 1);
    assert_eq!(store.incidents_of_events(&["w-e2".into()]).unwrap(), ["inc-one"]);
    assert_eq!(store.events_of_incidents(&["inc-one".into(), "inc-none".into()]).unwrap(), ["w-e1", "w-e2"]);
    let mut second = IncidentUpdate {
        removed: vec!["inc-one".into()],
        incidents: vec![
            incident("inc-one", &[("w-e1", false)], "2024-02-12"),
            incident("inc-two", &[("t-e1", false), ("w-e2", true)], "2024-02-13"),
        ],
        ..IncidentUpdate::default()
    };
    second.incidents[1].status = Status::Disputed;
    store.apply_incident_update(&second).unwrap();
    let ids = |query: IncidentQuery| -> Vec<String> {
        store.incidents(&query).unwrap().into_iter().map(|i| i.id).collect()
    };
    assert_eq!(ids(IncidentQuery::default()), ["inc-two", "inc-one"], "latest first, nothing kept twice");
    assert_eq!(store.get_incident("inc-t").unwrap().events, ["t-e1", "w-e2"]);
    assert!(matches!(store.get_incident("inc-"), Err(StoreError::IncidentAmbiguous(_))));
    assert!(matches!(store.get_incident("inc-x"), Err(StoreError::IncidentNotFound(_))));
    let actors = |values: &[&str]| IncidentQuery {
        actors: values.iter().map(|v| v.to_string()).collect(),
        ..Default::default()
    };
    assert_eq!(ids(actors(&["ARM", "AZE"])), ["inc-two"], "every actor is required");
    assert_eq!(ids(actors(&["russian"])), ["inc-one"], "part of a name");
    assert_eq!(
        ids(IncidentQuery { countries: vec!["UKR".parse().unwrap()], ..Default::default() }),
        ["inc-one"]
    );
    let recalled = IncidentQuery {
        countries: vec!["UKR".parse().unwrap()],
        include_background: true,
        ..Default::default()
    };
    assert_eq!(ids(recalled), ["inc-two", "inc-one"], "through a recalled report");
    assert_eq!(
        ids(IncidentQuery { types: vec!["AGREE".parse().unwrap()], ..Default::default() }),
        ["inc-two"]
    );
    assert_eq!(
        ids(IncidentQuery { since: Some("2024-02-13".parse().unwrap()), ..Default::default() }),
        ["inc-two"]
    );
    assert_eq!(
        ids(IncidentQuery { until: Some("2024-02-12".parse().unwrap()), ..Default::default() }),
        ["inc-one"]
    );
    assert_eq!(ids(IncidentQuery { limit: Some(1), ..Default::default() }), ["inc-two"]);
    let statuses = |statuses: &[Status]| IncidentQuery { statuses: statuses.to_vec(), ..Default::default() };
    assert_eq!(ids(statuses(&[Status::Disputed])), ["inc-two"]);
    assert_eq!(ids(statuses(&[Status::Asserted, Status::Claimed])), ["inc-one"], "any of several");
    assert!(ids(statuses(&[Status::Denied])).is_empty());
    let text = |words: &str| IncidentQuery { text: Some(words.to_string()), ..Default::default() };
    assert_eq!(ids(text("border deal")), ["inc-two"], "words of the article reporting it");
    assert_eq!(ids(text("shelled")), ["inc-two", "inc-one"], "or of an article recalling it");
    assert_eq!(ids(text("deal\"")), ["inc-two"], "invalid full-text syntax is read as plain words");
    assert!(ids(text("ceasefire")).is_empty());
    let narrowed = IncidentQuery { limit: Some(1), ..statuses(&[Status::Asserted]) };
    assert_eq!(ids(narrowed), ["inc-one"], "the limit applies after every filter");
}
