//! The PostgreSQL store through the `faultline` binary: the sample articles ingested into a
//! throw-away PostgreSQL database (`--db postgres://…`) and into an SQLite file give the
//! same articles, events, incidents, timeline, actors, exports and search results, and
//! `faultline migrate` copies between the two, verified.
//! Skipped with a note when no test server is named (`scripts/test` starts one) or the
//! samples in `../shared/` are absent.

mod common;
use common::faultline;
use faultline_store_postgres::testing::TestDatabase;
use serde_json::Value;
use std::path::Path;

/// Ingests the four samples, each with the publication date the incident tests give it.
fn ingest_seeds(db: &Path) {
    ingest_some_seeds(db, |_| true);
}

/// Ingests the samples whose index in file-name order `wanted` accepts.
fn ingest_some_seeds(db: &Path, wanted: impl Fn(usize) -> bool) {
    for (_, seed) in faultline_testdata::seeds().iter().enumerate().filter(|(index, _)| wanted(*index)) {
        let mut args = vec!["ingest", seed.path.to_str().unwrap()];
        if let Some(date) = seed.published() {
            args.extend(["--published", date]);
        }
        let output = faultline(db, &args);
        assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
    }
}

/// What `args` prints on stdout, checked to have succeeded.
fn stdout(db: &Path, args: &[&str]) -> String {
    let output = faultline(db, args);
    assert_eq!(output.status.code(), Some(0), "{args:?}: {}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout).expect("UTF-8 output")
}

/// Whether the four samples are in ../shared (a note says so when they are not).
fn seeds_present() -> bool {
    let present = faultline_testdata::seeds().len() == 4;
    if !present {
        eprintln!("note: skipped: the sample articles in ../shared/samples/seeds are absent");
    }
    present
}

fn json(db: &Path, args: &[&str]) -> Value {
    serde_json::from_str(&stdout(db, args)).expect("JSON output")
}

#[test]
fn postgres_and_sqlite_give_the_same_results_on_the_samples() {
    if !seeds_present() {
        return;
    }
    let Some(database) = TestDatabase::create() else { return };
    let dir = tempfile::tempdir().unwrap();
    let sqlite = dir.path().join("same.db");
    let postgres = Path::new(&database.url);
    ingest_seeds(&sqlite);
    ingest_seeds(postgres);

    let mut articles = [json(&sqlite, &["articles", "--json"]), json(postgres, &["articles", "--json"])];
    for listing in &mut articles {
        for article in listing.as_array_mut().unwrap() {
            article.as_object_mut().unwrap().remove("ingested_at");
        }
    }
    assert_eq!(articles[0], articles[1], "articles");
    assert_eq!(articles[0].as_array().unwrap().len(), 4);

    let same = |args: &[&str]| {
        let (expected, found) = (stdout(&sqlite, args), stdout(postgres, args));
        assert_eq!(expected, found, "{args:?} differs between SQLite and PostgreSQL");
        expected
    };
    let events = same(&["events", "--json", "--include-background"]);
    assert!(events.contains("\"type\""), "the samples have events: {events}");
    let incidents = same(&["incidents", "--json"]);
    let first: Value = serde_json::from_str(&incidents).unwrap();
    let first_id = first[0]["id"].as_str().expect("the samples make incidents").to_string();
    same(&["show-incident", "--json", &first_id]);
    same(&["timeline", "--json"]);
    same(&["actors", "--json"]);
    same(&["events", "--json", "--type", "ASSAULT", "--country", "ARM"]);
    for format in ["jsonl", "acled-csv", "geojson", "plover"] {
        same(&["export", "--format", format]);
    }
    same(&["export", "--incidents", "--format", "jsonl"]);
    for article in articles[0].as_array().unwrap() {
        let id = article["id"].as_str().unwrap();
        same(&["show", "--json", id]);
    }

    // Search ranks by each backend's own measure (BM25, ts_rank): the same articles are
    // found, and the best match is the same.
    let hits = |db: &Path| {
        let found = json(db, &["search", "--json", "Armenia", "Azerbaijan"]);
        found
            .as_array()
            .unwrap()
            .iter()
            .map(|hit| hit["id"].as_str().unwrap().to_string())
            .collect::<Vec<_>>()
    };
    let (from_sqlite, from_postgres) = (hits(&sqlite), hits(postgres));
    assert!(!from_sqlite.is_empty());
    assert_eq!(from_sqlite[0], from_postgres[0], "the best match");
    let sorted = |mut ids: Vec<String>| {
        ids.sort();
        ids
    };
    assert_eq!(sorted(from_sqlite), sorted(from_postgres), "the articles found");
}

#[test]
fn a_postgres_database_without_faultline_tables_is_explained_to_readers() {
    let Some(database) = TestDatabase::create() else { return };
    let output = faultline(Path::new(&database.url), &["events"]);
    assert_eq!(output.status.code(), Some(1));
    let message = String::from_utf8_lossy(&output.stderr);
    assert!(message.contains("ingest articles first"), "{message}");
}

#[test]
fn migrate_copies_sqlite_into_postgres_and_back_verified() {
    if !seeds_present() {
        return;
    }
    let Some(database) = TestDatabase::create() else { return };
    let dir = tempfile::tempdir().unwrap();
    let (sqlite, back) = (dir.path().join("from.db"), dir.path().join("back.db"));
    ingest_seeds(&sqlite);
    let migrate = |from: &Path, to: &Path| -> Value {
        let output = std::process::Command::new(env!("CARGO_BIN_EXE_faultline"))
            .args(["migrate", "--json", "--from"])
            .arg(from)
            .arg("--to")
            .arg(to)
            .env_remove("FAULTLINE_DB")
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
        serde_json::from_slice(&output.stdout).unwrap()
    };
    let there = migrate(&sqlite, Path::new(&database.url));
    assert_eq!(there["copied"], 4);
    assert_eq!(there["source"], there["target"]);
    assert!(there["target"]["incidents"].as_u64().unwrap() > 0);
    let again = migrate(&sqlite, Path::new(&database.url));
    assert_eq!(
        (again["copied"].as_u64(), again["unchanged"].as_u64()),
        (Some(0), Some(4)),
        "a second run copies nothing"
    );
    let home = migrate(Path::new(&database.url), &back);
    assert_eq!(home["target"], there["source"]);
    assert_eq!(
        stdout(&sqlite, &["incidents", "--json"]),
        stdout(&back, &["incidents", "--json"]),
        "the round trip keeps the incidents"
    );
}

/// Two processes open a new database at once (the migration runs once, under its lock),
/// write their articles and link them (one linker at a time); the incidents are those of
/// one ingest of all four. (With four small articles the linkers rarely overlap: the lock
/// itself is tested in the store's own tests.)
#[test]
fn two_ingests_at_once_into_postgres_make_the_incidents_of_one() {
    if !seeds_present() {
        return;
    }
    let Some(database) = TestDatabase::create() else { return };
    let dir = tempfile::tempdir().unwrap();
    let sqlite = dir.path().join("one.db");
    ingest_seeds(&sqlite);
    let postgres = Path::new(&database.url);
    std::thread::scope(|scope| {
        scope.spawn(|| ingest_some_seeds(postgres, |index| index % 2 == 0));
        scope.spawn(|| ingest_some_seeds(postgres, |index| index % 2 == 1));
    });
    assert_eq!(stdout(&sqlite, &["incidents", "--json"]), stdout(postgres, &["incidents", "--json"]));
}

/// A NUL in a JSON Lines record (which a PostgreSQL `text` cannot hold) is dropped from the
/// article by the cleaner and kept in the original content, and the record is stored like
/// any other.
#[test]
fn a_record_with_a_nul_is_stored_in_postgres() {
    let Some(database) = TestDatabase::create() else { return };
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("nul.jsonl");
    std::fs::write(
        &input,
        "{\"title\":\"Kharkiv\\u0000 shelled\",\"text\":\"Russian forces shelled\\u0000 Kharkiv on Monday, \
         killing two civilians, the governor said.\"}\n",
    )
    .unwrap();
    let postgres = Path::new(&database.url);
    stdout(postgres, &["ingest", input.to_str().unwrap()]);
    let listed = json(postgres, &["articles", "--json"]);
    assert_eq!(listed[0]["title"], "Kharkiv shelled");
    let id = listed[0]["id"].as_str().unwrap();
    let shown = stdout(postgres, &["show", "--json", id]);
    assert!(!shown.contains("\\u0000"), "{shown}");
    assert!(shown.contains("Russian forces shelled Kharkiv on Monday"), "{shown}");
}
