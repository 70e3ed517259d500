//! End-to-end tests of the event commands through the `faultline` binary: `events` with
//! its filters, `export` in its three formats, the events listed by `show`, and the
//! errors a user meets. The articles are short wire stories written for these tests.

mod common;
use common::faultline;
use serde_json::Value;
use std::path::Path;
use std::process::Output;

/// A Tuesday report of Monday's shelling of Kharkiv: three civilians dead, twelve wounded.
const SHELLING: &str = "Russian forces shell Kharkiv\n\n\
    Russian forces shelled Kharkiv on Monday, killing three civilians and wounding 12, the regional \
    governor said.\n\n\
    Emergency crews worked through the night to clear the rubble of two apartment blocks.\n";

/// A March report of Armenia's and Azerbaijan's foreign ministers meeting in Almaty.
const MEETING: &str = "Armenian and Azerbaijani foreign ministers meet in Almaty\n\n\
    Armenian Foreign Minister Ararat Mirzoyan met his Azerbaijani counterpart Jeyhun Bayramov in \
    Almaty on Wednesday to discuss the border, the Armenian foreign ministry said.\n";

fn stdout_json(output: &Output) -> Value {
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
    serde_json::from_slice(&output.stdout).unwrap_or_else(|err| {
        panic!("stdout is not JSON ({err}): {}", String::from_utf8_lossy(&output.stdout))
    })
}

/// A database holding the shelling (published 2024-02-13) and the meeting (2024-03-06),
/// ingested from one JSON Lines file; the shelling is also kept as `shelling.txt`.
fn ingested(dir: &Path) -> std::path::PathBuf {
    std::fs::write(dir.join("shelling.txt"), SHELLING).unwrap();
    let record = |id: &str, published: &str, text: &str| {
        serde_json::json!({"id": id, "published": published, "outlet": "Test Wire", "text": text}).to_string()
    };
    let corpus = dir.join("wire.jsonl");
    std::fs::write(
        &corpus,
        format!("{}\n{}\n", record("w1", "2024-02-13", SHELLING), record("w2", "2024-03-06", MEETING)),
    )
    .unwrap();
    let db = dir.join("f.db");
    let output = faultline(&db, &["ingest", corpus.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
    db
}

/// The `events --json` listing for these arguments.
fn events(db: &Path, filters: &[&str]) -> Vec<Value> {
    let mut args = vec!["events", "--json"];
    args.extend(filters);
    stdout_json(&faultline(db, &args)).as_array().expect("an array").clone()
}

fn types(listed: &[Value]) -> Vec<String> {
    listed.iter().map(|item| item["event"]["type"].as_str().unwrap().to_string()).collect()
}

fn countries(actors: &Value) -> Vec<&str> {
    actors.as_array().unwrap().iter().filter_map(|actor| actor["country"].as_str()).collect()
}

/// The shelling as `events --json` lists it.
fn shelling(listed: &[Value]) -> &Value {
    listed
        .iter()
        .find(|item| item["event"]["type"] == "ASSAULT")
        .unwrap_or_else(|| panic!("no ASSAULT among {listed:#?}"))
}

#[test]
fn the_shelling_is_an_assault_by_russia_on_ukraine() {
    let dir = tempfile::tempdir().unwrap();
    let db = ingested(dir.path());
    let listed = events(&db, &[]);
    let item = shelling(&listed);
    let event = &item["event"];
    assert_eq!(item["article"]["published"], "2024-02-13");
    assert_eq!(item["article"]["outlet"], "Test Wire");
    assert!(countries(&event["source"]).contains(&"RUS"), "{event:#}");
    let target_or_place: Vec<&str> =
        countries(&event["target"]).into_iter().chain(event["place"]["country"].as_str()).collect();
    assert!(target_or_place.contains(&"UKR"), "{event:#}");
    assert_eq!(event["place"]["name"], "Kharkiv");
    assert_eq!(event["time"]["value"].as_str().unwrap().get(..10), Some("2024-02-12"));
    assert_eq!(event["fatalities"]["total"]["best"], 3);
    assert_eq!(event["background"], false);
}

#[test]
fn filters_choose_by_type_country_actor_and_date() {
    let dir = tempfile::tempdir().unwrap();
    let db = ingested(dir.path());
    let all = events(&db, &[]);
    assert!(types(&all).contains(&"ASSAULT".to_string()), "{all:#?}");
    assert!(types(&all).contains(&"CONSULT".to_string()), "{all:#?}");

    let assaults = events(&db, &["--type", "assault"]);
    assert!(!assaults.is_empty() && types(&assaults).iter().all(|t| t == "ASSAULT"), "{assaults:#?}");
    let both = events(&db, &["--type", "ASSAULT,CONSULT"]);
    assert_eq!(both.len(), events(&db, &["--type", "ASSAULT", "--type", "CONSULT"]).len());
    assert_eq!(both.len(), all.len());

    let ukraine = events(&db, &["--country", "ukr"]);
    assert_eq!(types(&ukraine), ["ASSAULT"]);
    let armenia = events(&db, &["--country", "ARM"]);
    assert!(!armenia.is_empty() && types(&armenia).iter().all(|t| t == "CONSULT"), "{armenia:#?}");
    let bayramov = events(&db, &["--actor", "bayramov"]);
    assert!(!bayramov.is_empty() && types(&bayramov).iter().all(|t| t == "CONSULT"), "{bayramov:#?}");

    let march = events(&db, &["--since", "2024-03"]);
    assert!(!march.is_empty() && types(&march).iter().all(|t| t == "CONSULT"), "{march:#?}");
    let february = events(&db, &["--since", "2024-02-12", "--until", "2024-02"]);
    assert_eq!(types(&february), ["ASSAULT"]);
    assert!(events(&db, &["--until", "2023"]).is_empty());
    assert_eq!(events(&db, &["--limit", "1"]).len(), 1);

    let table = faultline(&db, &["events", "--type", "ASSAULT"]);
    let stdout = String::from_utf8_lossy(&table.stdout);
    let mut lines = stdout.lines();
    let header = lines.next().unwrap_or_default();
    assert!(
        header.starts_with("DATE") && header.contains("SOURCE → TARGET") && header.contains("DEAD"),
        "{header}"
    );
    let line = lines.next().unwrap_or_default();
    assert!(line.starts_with("2024-02-12") && line.contains("ASSAULT") && line.contains("→"), "{line}");
    assert!(line.contains("Kharkiv") && line.contains("3 dead"), "{line}");

    let limited = faultline(&db, &["events", "--limit", "1"]);
    let note = String::from_utf8_lossy(&limited.stderr);
    assert!(note.contains("1 events from") && note.contains("more may match"), "{note}");
    let unlimited = faultline(&db, &["events"]);
    assert!(String::from_utf8_lossy(&unlimited.stderr).contains(&format!("{} events in", all.len())));
}

#[test]
fn acled_csv_has_acled_columns_and_the_shelling_as_remote_violence() {
    let dir = tempfile::tempdir().unwrap();
    let db = ingested(dir.path());
    let output = faultline(&db, &["export", "--format", "acled-csv"]);
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
    let mut reader = csv::Reader::from_reader(output.stdout.as_slice());
    let header: Vec<String> = reader.headers().unwrap().iter().map(str::to_string).collect();
    assert_eq!(header, faultline_export::acled::COLUMNS, "ACLED's columns, then faultline's");
    let column = |name: &str| header.iter().position(|h| h == name).unwrap();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let row = rows
        .iter()
        .find(|row| &row[column("event_type")] == "Explosions/Remote violence")
        .unwrap_or_else(|| panic!("no Explosions/Remote violence row in {rows:#?}"));
    assert_eq!(&row[column("fatalities")], "3");
    assert_eq!(&row[column("event_date")], "2024-02-12");
    assert_eq!(&row[column("year")], "2024");
    assert_eq!(&row[column("time_precision")], "1");
    assert_eq!(&row[column("iso")], "UKR");
    assert_eq!(&row[column("country")], "Ukraine");
    assert_eq!(&row[column("location")], "Kharkiv");
    assert_eq!(&row[column("source")], "Test Wire");
    assert!(row[column("notes")].contains("shelled Kharkiv"), "{row:?}");
}

#[test]
fn geojson_is_a_feature_collection_of_points() {
    let dir = tempfile::tempdir().unwrap();
    let db = ingested(dir.path());
    let collection = stdout_json(&faultline(&db, &["export", "--format", "geojson"]));
    assert_eq!(collection["type"], "FeatureCollection");
    let features = collection["features"].as_array().unwrap();
    let kharkiv = features
        .iter()
        .find(|feature| feature["properties"]["type"] == "ASSAULT")
        .unwrap_or_else(|| panic!("no ASSAULT feature in {collection:#}"));
    assert_eq!(kharkiv["geometry"]["type"], "Point");
    let coordinates = kharkiv["geometry"]["coordinates"].as_array().unwrap();
    let (lon, lat) = (coordinates[0].as_f64().unwrap(), coordinates[1].as_f64().unwrap());
    assert!((lon - 36.2).abs() < 0.5 && (lat - 50.0).abs() < 0.5, "Kharkiv is at {lat}, {lon}");
    assert_eq!(kharkiv["properties"]["fatalities"], 3);
    assert_eq!(kharkiv["properties"]["date"], "2024-02-12");
}

#[test]
fn jsonl_has_one_event_with_its_article_per_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = ingested(dir.path());
    let output = faultline(&db, &["export", "--format", "jsonl", "--include-background"]);
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
    let lines: Vec<Value> = String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    assert!(!lines.is_empty());
    for line in &lines {
        assert!(line["article"]["id"].is_string() && line["event"]["type"].is_string(), "{line}");
    }
}

#[test]
fn show_lists_the_events_and_reingesting_adds_none() {
    let dir = tempfile::tempdir().unwrap();
    let db = ingested(dir.path());
    let before = events(&db, &["--include-background"]).len();
    let again = faultline(&db, &["ingest", dir.path().join("shelling.txt").to_str().unwrap()]);
    assert_eq!(again.status.code(), Some(0));
    assert_eq!(events(&db, &["--include-background"]).len(), before);
    let id = shelling(&events(&db, &[]))["article"]["id"].as_str().unwrap().to_string();
    let shown = faultline(&db, &["show", &id[..8]]);
    let stdout = String::from_utf8_lossy(&shown.stdout);
    assert!(stdout.contains("── events (") && stdout.contains("ASSAULT"), "{stdout}");
    assert!(stdout.contains("trigger"), "{stdout}");
    let json = stdout_json(&faultline(&db, &["show", &id, "--json"]));
    assert!(!json["events"].as_array().unwrap().is_empty());
}

#[test]
fn export_to_a_file_replaces_it_whole_and_leaves_nothing_else() {
    let dir = tempfile::tempdir().unwrap();
    let db = ingested(dir.path());
    let out = dir.path().join("exports");
    std::fs::create_dir(&out).unwrap();
    let file = out.join("events.csv");
    std::fs::write(&file, "old contents").unwrap();
    let output = faultline(&db, &["export", "--format", "acled-csv", "-o", file.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
    assert!(output.stdout.is_empty());
    assert!(String::from_utf8_lossy(&output.stderr).contains("written to"));
    let written = std::fs::read_to_string(&file).unwrap();
    assert!(written.starts_with("event_id_cnty,event_date,year,"), "{written}");
    let entries: Vec<_> = std::fs::read_dir(&out).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(entries, [std::ffi::OsString::from("events.csv")], "no temporary file is left");

    let missing = dir.path().join("no-such-folder").join("events.csv");
    let failed = faultline(&db, &["export", "--format", "jsonl", "-o", missing.to_str().unwrap()]);
    assert_eq!(failed.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&failed.stderr).contains("no-such-folder"));
    assert!(!missing.exists());
}

#[test]
fn an_empty_store_exports_the_header_and_an_empty_collection() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("f.db");
    let quiet = dir.path().join("quiet.txt");
    std::fs::write(&quiet, "Weather report\n\nSunny spells are expected across the region tomorrow.\n")
        .unwrap();
    assert_eq!(faultline(&db, &["ingest", quiet.to_str().unwrap()]).status.code(), Some(0));
    let csv = faultline(&db, &["export", "--format", "acled-csv"]);
    assert_eq!(String::from_utf8_lossy(&csv.stdout).lines().count(), 1);
    let collection = stdout_json(&faultline(&db, &["export", "--format", "geojson"]));
    assert_eq!(collection["features"], Value::Array(Vec::new()));
    assert_eq!(events(&db, &[]), Vec::<Value>::new());
}

#[test]
fn bad_filters_are_explained() {
    let dir = tempfile::tempdir().unwrap();
    let db = ingested(dir.path());
    let bad_type = faultline(&db, &["events", "--type", "ASSAULT,BOMBING"]);
    let stderr = String::from_utf8_lossy(&bad_type.stderr);
    assert_eq!(bad_type.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("BOMBING") && stderr.contains("not a PLOVER event type"), "{stderr}");
    assert!(stderr.contains("ASSAULT") && stderr.contains("COERCE"), "the valid types are listed: {stderr}");

    for bad_date in ["2024-13", "last week", "2024-02-30"] {
        let output = faultline(&db, &["export", "--format", "jsonl", "--since", bad_date]);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{stderr}");
        assert!(stderr.contains(bad_date) && stderr.contains("YYYY-MM-DD"), "{stderr}");
    }
    let bad_country = faultline(&db, &["events", "--country", "Ukraine"]);
    assert_eq!(bad_country.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad_country.stderr).contains("alpha-3"));

    let reversed = faultline(&db, &["events", "--since", "2024-03", "--until", "2024-02"]);
    assert_eq!(reversed.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&reversed.stderr).contains("swap"));

    let bad_format = faultline(&db, &["export", "--format", "xlsx"]);
    assert_eq!(bad_format.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad_format.stderr).contains("acled-csv"));
}
