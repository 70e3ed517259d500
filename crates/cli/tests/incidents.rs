//! End-to-end tests of the incident commands through the `faultline` binary, on the sample
//! articles read in place: 002 (published 2022-09-13) reports the September 2022 border
//! fighting that 001 (published 2024-02-13) recalls; 000 and 003 are undated or far apart.

mod common;
use common::faultline;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Output;

fn stdout_json(output: &Output) -> Value {
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
    serde_json::from_slice(&output.stdout).expect("stdout is JSON")
}

/// Whether the seeds are present (a checkout without ../shared skips these tests).
fn have_seeds() -> bool {
    faultline_testdata::seeds().len() == 4
}

/// A database with the seeds ingested one at a time in `order` (indices in file-name
/// order), with the publication dates the incident tests give them.
fn ingest(dir: &Path, name: &str, order: &[usize]) -> PathBuf {
    let seeds = faultline_testdata::seeds();
    let db = dir.join(name);
    for &index in order {
        let seed = &seeds[index];
        let mut args = vec!["ingest", seed.path.to_str().unwrap()];
        if let Some(date) = seed.published() {
            args.extend(["--published", date]);
        }
        let output = faultline(&db, &args);
        assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
    }
    db
}

fn incidents(db: &Path, args: &[&str]) -> Vec<Value> {
    let mut all = vec!["incidents", "--json"];
    all.extend(args);
    stdout_json(&faultline(db, &all)).as_array().expect("an array").clone()
}

fn article_id(db: &Path, prefix: &str) -> String {
    let listed = stdout_json(&faultline(db, &["articles", "--json"]));
    let seed = faultline_testdata::seed(prefix).unwrap();
    listed
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["origin"].as_str().is_some_and(|o| o.ends_with(&seed.name)))
        .map(|a| a["id"].as_str().unwrap().to_string())
        .expect("the seed is listed")
}

#[test]
fn the_recalled_border_fighting_joins_the_incident_it_recalls() {
    if !have_seeds() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let db = ingest(dir.path(), "f.db", &[2, 1, 0, 3]);
    let (reporting, recalling) = (article_id(&db, "002_"), article_id(&db, "001_"));
    let all = incidents(&db, &[]);
    let has = |incident: &Value, article: &str| {
        incident["articles"].as_array().unwrap().iter().any(|a| a == article)
    };
    let joint: Vec<&Value> = all.iter().filter(|i| has(i, &reporting) && has(i, &recalling)).collect();
    assert_eq!(joint.len(), 1, "one incident holds both articles: {all:#?}");
    let fighting = joint[0];
    assert_eq!(fighting["type"], "ASSAULT");
    assert_eq!(fighting["first_reported"], "2022-09-13");
    assert_eq!(fighting["last_reported"], "2024-02-13");
    assert!(fighting["date"].as_str().unwrap().starts_with("2022-09"), "{fighting:#}");
    assert_eq!(fighting["fatalities"]["total"]["best"], 99, "the report's toll, not a sum: {fighting:#}");
    for key in ["id", "events", "outlets", "place", "time", "injuries", "status"] {
        assert!(fighting.get(key).is_some(), "{key} missing");
    }
    let recalled: Vec<&Value> = fighting["absorbed"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["background"] == true && a["article"] == recalling.as_str())
        .collect();
    assert_eq!(recalled.len(), 1, "001's recollection is absorbed as a further source");
    assert!(recalled[0]["evidence"]["signals"].as_array().unwrap().iter().any(|s| s["kind"] == "time"));
    // No incident rests on a recollection alone, and 001's own clash of February 2024 is
    // another incident.
    for incident in &all {
        let absorbed = incident["absorbed"].as_array().unwrap();
        assert!(absorbed.iter().any(|a| a["background"] == false), "{incident:#}");
    }
    let february = incidents(&db, &["--since", "2024-02-12", "--until", "2024-02-12", "--type", "ASSAULT"]);
    assert!(!february.is_empty());
    assert!(february.iter().all(|i| !has(i, &reporting)));
    let shown = faultline(&db, &["show-incident", &fighting["id"].as_str().unwrap()[..8]]);
    let text = String::from_utf8_lossy(&shown.stdout);
    assert_eq!(shown.status.code(), Some(0), "{}", String::from_utf8_lossy(&shown.stderr));
    assert!(text.contains("recalled") && text.contains("time"), "{text}");
    let unknown = faultline(&db, &["show-incident", "inc-zzzz"]);
    assert_eq!(unknown.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("faultline incidents"));
}

#[test]
fn any_order_of_ingest_gives_the_same_incidents() {
    if !have_seeds() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let orders: [&[usize]; 4] = [&[0, 1, 2, 3], &[3, 2, 1, 0], &[1, 3, 0, 2], &[2, 0, 3, 1]];
    let mut results = Vec::new();
    for (n, order) in orders.iter().enumerate() {
        let db = ingest(dir.path(), &format!("order{n}.db"), order);
        let mut listed: Vec<(String, Vec<Value>, Vec<Value>)> = incidents(&db, &[])
            .into_iter()
            .map(|i| {
                (
                    i["id"].as_str().unwrap().to_string(),
                    i["events"].as_array().unwrap().clone(),
                    i["absorbed"].as_array().unwrap().clone(),
                )
            })
            .collect();
        listed.sort_by(|a, b| a.0.cmp(&b.0));
        results.push(listed);
    }
    assert!(results[0].len() > 10);
    for other in &results[1..] {
        assert_eq!(&results[0], other);
    }
}

#[test]
fn incidents_filter_by_status_and_by_the_words_of_their_articles() {
    if !have_seeds() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let db = ingest(dir.path(), "q.db", &[0, 1, 2, 3]);
    let all = incidents(&db, &[]);
    let status = |incident: &Value| incident["status"].as_str().unwrap().to_string();
    let contested = incidents(&db, &["--status", "claimed,DISPUTED"]);
    assert!(!contested.is_empty(), "the seeds hold claimed or disputed incidents");
    assert_eq!(
        contested.iter().map(status).collect::<Vec<_>>(),
        all.iter().map(status).filter(|s| s == "claimed" || s == "disputed").collect::<Vec<_>>(),
        "exactly the claimed and disputed ones, in the listing's order"
    );
    // Lavrov is named in 002 only: every incident found holds one of its events.
    let lavrov_article = article_id(&db, "002_");
    let found = incidents(&db, &["-q", "Lavrov"]);
    assert!(!found.is_empty() && found.len() < all.len(), "{} of {}", found.len(), all.len());
    for incident in &found {
        let articles = incident["articles"].as_array().unwrap();
        assert!(articles.iter().any(|a| a == lavrov_article.as_str()), "{incident:#}");
    }
    let both = incidents(&db, &["--search", "Lavrov", "--status", "asserted", "--limit", "1"]);
    assert_eq!(both.len(), 1);
    assert_eq!(status(&both[0]), "asserted");
    let bad = faultline(&db, &["incidents", "--status", "rumoured"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("disputed"), "says what to write");
}

#[test]
fn timeline_and_actors_describe_the_seeds() {
    if !have_seeds() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let db = ingest(dir.path(), "f.db", &[2, 1, 0, 3]);
    let timeline = stdout_json(&faultline(&db, &["timeline", "--actor", "ARM", "--actor", "AZE", "--json"]));
    let dates: Vec<&str> = timeline.as_array().unwrap().iter().filter_map(|i| i["date"].as_str()).collect();
    assert!(dates.len() >= 2, "{timeline:#}");
    assert!(dates.windows(2).all(|w| w[0] <= w[1]), "in time order: {dates:?}");
    assert!(dates.iter().any(|d| d.starts_with("2022-09")) && dates.iter().any(|d| d.starts_with("2024-02")));
    let table = faultline(&db, &["timeline", "--actor", "ARM", "--actor", "AZE"]);
    assert!(String::from_utf8_lossy(&table.stdout).starts_with("DATE"), "a header line");
    let network = stdout_json(&faultline(&db, &["actors", "--json"]));
    let pairs = network["pairs"].as_array().unwrap();
    let clash = pairs
        .iter()
        .find(|p| p["a"] == "ARM:ARMED_FORCES" && p["b"] == "AZE:ARMED_FORCES")
        .unwrap_or_else(|| panic!("the armies of Armenia and Azerbaijan are a pair: {pairs:#?}"));
    assert!(
        clash["conflictual"].as_u64().unwrap() >= 2 && clash["score"].as_f64().unwrap() < 0.0,
        "{clash:#}"
    );
    assert!(clash["months"].as_array().unwrap().len() >= 2, "months apart: {clash:#}");
    let csv = faultline(&db, &["export", "--incidents", "--format", "acled-csv", "--type", "ASSAULT"]);
    assert_eq!(csv.status.code(), Some(0), "{}", String::from_utf8_lossy(&csv.stderr));
    let mut reader = csv::Reader::from_reader(csv.stdout.as_slice());
    let header = reader.headers().unwrap().clone();
    let column = |name: &str| header.iter().position(|h| h == name).unwrap();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let fighting = rows
        .iter()
        .find(|row| row[column("articles")].contains(';'))
        .expect("the incident of two articles is one row");
    assert_eq!(&fighting[column("fatalities")], "99");
    assert!(fighting[column("notes")].contains("recalled"), "{:?}", &fighting[column("notes")]);
    let lines = faultline(&db, &["export", "--incidents", "--format", "jsonl"]);
    let count = String::from_utf8_lossy(&lines.stdout).lines().count();
    assert_eq!(count, stdout_json(&faultline(&db, &["incidents", "--json"])).as_array().unwrap().len());
    let plover = faultline(&db, &["export", "--incidents", "--format", "plover"]);
    assert_eq!(plover.status.code(), Some(1), "PLOVER has no incident record");
    let actors = network["actors"].as_array().unwrap();
    assert!(
        actors.iter().any(|a| a["id"] == "COUNTRY:TUR" && !a["relations"].as_array().unwrap().is_empty())
    );
}
