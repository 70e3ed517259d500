//! The ingest queue through the `faultline` binary: `ingest --queue` then `faultline worker`
//! stores what `faultline ingest` stores, and two workers on the 10k-article benchmark
//! corpus, one of them killed mid-batch, store every input exactly once.
//! Skipped with a note when no test server is named (`scripts/test` starts one), or when the
//! samples or the benchmark corpus's sources in `../shared/` are absent.

mod common;
use common::faultline;
use faultline_store_postgres::testing::TestDatabase;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn json(db: &Path, args: &[&str]) -> Value {
    let output = faultline(db, args);
    assert_eq!(output.status.code(), Some(0), "{args:?}: {}", String::from_utf8_lossy(&output.stderr));
    serde_json::from_slice(&output.stdout).expect("JSON output")
}

/// Ingests the four samples, or enqueues them with `--queue`, each with the publication
/// date the incident tests give it.
fn add_seeds(db: &Path, queue: bool) {
    for seed in faultline_testdata::seeds() {
        let mut args = vec!["ingest", seed.path.to_str().unwrap()];
        if queue {
            args.push("--queue");
        }
        if let Some(date) = seed.published() {
            args.extend(["--published", date]);
        }
        let output = faultline(db, &args);
        assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
    }
}

#[test]
fn a_queue_and_a_worker_store_what_ingest_stores() {
    if faultline_testdata::seeds().len() != 4 {
        eprintln!("note: skipped: the sample articles in ../shared/samples/seeds are absent");
        return;
    }
    let Some(database) = TestDatabase::create() else { return };
    let postgres = Path::new(&database.url);
    let dir = tempfile::tempdir().unwrap();
    let sqlite = dir.path().join("direct.db");
    add_seeds(&sqlite, false);
    add_seeds(postgres, true);
    let queued = json(postgres, &["queue", "--json"]);
    assert_eq!((queued["pending"].as_u64(), queued["done"].as_u64()), (Some(4), Some(0)), "{queued}");
    assert_eq!(json(postgres, &["articles", "--json"]).as_array().unwrap().len(), 0, "nothing ingested yet");

    let worker = json(postgres, &["worker", "--exit-when-empty", "--json"]);
    assert_eq!((worker["new"].as_u64(), worker["failed"].as_u64()), (Some(4), Some(0)), "{worker}");
    let done = json(postgres, &["queue", "--json"]);
    assert_eq!(
        (done["pending"].as_u64(), done["running"].as_u64(), done["done"].as_u64()),
        (Some(0), Some(0), Some(4))
    );
    for args in [&["events", "--json", "--include-background"][..], &["incidents", "--json"]] {
        assert_eq!(json(&sqlite, args), json(postgres, args), "{args:?} differs from a direct ingest");
    }

    // Enqueuing the same documents again adds nothing.
    let seed = &faultline_testdata::seeds()[0];
    let mut again = vec!["ingest", "--queue", "--json", seed.path.to_str().unwrap()];
    if let Some(date) = seed.published() {
        again.extend(["--published", date]);
    }
    let again = json(postgres, &again);
    assert_eq!((again["queued"].as_u64(), again["already_queued"].as_u64()), (Some(0), Some(1)), "{again}");
}

#[test]
fn a_bad_input_fails_its_own_job_and_is_listed_with_its_error() {
    let Some(database) = TestDatabase::create() else { return };
    let postgres = Path::new(&database.url);
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("good.txt");
    std::fs::write(&good, "Ukrainian drones struck an oil depot in Bryansk on Tuesday, the governor said.\n")
        .unwrap();
    // Read fine, but holds no article text: it fails in the worker.
    let navigation = dir.path().join("navigation.html");
    std::fs::write(&navigation, "<html><body><script>var menu = 1;</script></body></html>").unwrap();
    // Cannot even be read: it is reported at once and never queued.
    let empty = dir.path().join("empty.txt");
    std::fs::write(&empty, "\n\n").unwrap();
    let paths = [&good, &navigation, &empty].map(|path| path.to_str().unwrap());
    let output = faultline(postgres, &["ingest", "--queue", paths[0], paths[1], paths[2]]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("empty.txt"), "{stderr}");
    assert!(String::from_utf8_lossy(&output.stdout).contains("2 documents queued"));

    let worker = faultline(postgres, &["worker", "--exit-when-empty"]);
    assert_eq!(worker.status.code(), Some(0));
    let stderr = String::from_utf8_lossy(&worker.stderr);
    assert!(stderr.contains("failed: ") && stderr.contains("navigation.html"), "{stderr}");
    let queue = json(postgres, &["queue", "--json", "--failed"]);
    assert_eq!((queue["done"].as_u64(), queue["failed"].as_u64()), (Some(1), Some(1)), "{queue}");
    let dead = &queue["failed_jobs"][0];
    assert!(dead["origin"].as_str().unwrap().ends_with("navigation.html"), "{dead}");
    assert!(dead["error"].as_str().unwrap().contains("no article text"), "{dead}");
    assert_eq!(dead["attempts"].as_u64(), Some(1), "a bad input is not tried again");

    let retried = json(postgres, &["queue", "--retry-failed", "--json"]);
    assert_eq!((retried["retried"].as_u64(), retried["pending"].as_u64()), (Some(1), Some(1)), "{retried}");
}

#[test]
fn the_queue_needs_a_postgres_database() {
    let dir = tempfile::tempdir().unwrap();
    let sqlite = dir.path().join("local.db");
    for args in [&["ingest", "--queue", "x.txt"][..], &["worker"], &["queue"]] {
        let output = faultline(&sqlite, args);
        assert_eq!(output.status.code(), Some(1), "{args:?}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains("PostgreSQL") && stderr.contains("postgres://"), "{args:?}: {stderr}");
    }
}

/// The 10k-article benchmark corpus (every copy distinct), built by `scripts/bench-corpus`
/// from `../shared`; `None` after a note when it cannot be built.
fn benchmark_corpus() -> Option<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let output = Command::new(root.join("scripts/bench-corpus")).arg("9").current_dir(&root).output();
    match output {
        Ok(output) if output.status.success() => {
            let paths = String::from_utf8(output.stdout).unwrap();
            Some(root.join(paths.lines().last().unwrap()))
        }
        Ok(output) => {
            eprintln!(
                "note: skipped: the benchmark corpus cannot be built: {}",
                String::from_utf8_lossy(&output.stderr)
            );
            None
        }
        Err(err) => {
            eprintln!("note: skipped: scripts/bench-corpus cannot run: {err}");
            None
        }
    }
}

fn worker(db: &Path, name: &str) -> std::process::Child {
    Command::new(env!("CARGO_BIN_EXE_faultline"))
        .args(["--db", db.to_str().unwrap(), "worker", "--exit-when-empty", "--json"])
        .args(["--name", name, "--lease", "3", "--batch", "32"])
        .env_remove("FAULTLINE_DICT")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("a worker starts")
}

#[test]
fn two_workers_one_killed_store_every_input_exactly_once() {
    let Some(database) = TestDatabase::create() else { return };
    let Some(corpus) = benchmark_corpus() else { return };
    let db = Path::new(&database.url);
    let lines = std::fs::read_to_string(&corpus).unwrap().lines().count() as u64;
    let queued = json(db, &["ingest", "--queue", "--json", corpus.to_str().unwrap()]);
    assert_eq!(queued["queued"].as_u64(), Some(lines), "every line is a job: {queued}");

    let mut workers = [("a", worker(db, "a")), ("b", worker(db, "b"))];
    // Once a tenth is done, the worker holding jobs (mid-batch) is killed. The test waits as
    // long as the workers make progress: a loaded machine is slow, not broken.
    let (mut last_done, mut last_progress) = (0, Instant::now());
    let victim = loop {
        let queue = json(db, &["queue", "--json"]);
        let done = queue["done"].as_u64().unwrap();
        if done > last_done {
            (last_done, last_progress) = (done, Instant::now());
        }
        assert!(last_progress.elapsed() < Duration::from_secs(300), "no job finished for 5 minutes: {queue}");
        assert!(done < lines, "the queue was finished before a worker could be killed");
        let holder =
            queue["workers"].as_array().unwrap().first().map(|w| w["worker"].as_str().unwrap().to_string());
        if let Some(holder) = holder.filter(|_| done >= lines / 10) {
            break holder;
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let killed = workers.iter().position(|(name, _)| *name == victim).unwrap();
    workers[killed].1.kill().unwrap();
    workers[killed].1.wait().unwrap();
    let mut client = postgres::Client::connect(&database.url, postgres::NoTls).unwrap();
    let count =
        |client: &mut postgres::Client, sql: &str| -> i64 { client.query_one(sql, &[]).unwrap().get(0) };
    let orphaned = count(
        &mut client,
        &format!("SELECT count(*) FROM ingest_jobs WHERE worker = '{victim}' AND state = 'running'"),
    );

    let [(_, first), (_, second)] = workers;
    let survivor = if killed == 0 { second } else { first };
    let output = survivor.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
    let queue = json(db, &["queue", "--json"]);
    assert_eq!(
        (
            queue["pending"].as_u64(),
            queue["running"].as_u64(),
            queue["failed"].as_u64(),
            queue["done"].as_u64()
        ),
        (Some(0), Some(0), Some(0), Some(lines)),
        "every job done: {queue}"
    );
    if orphaned > 0 {
        let taken_over = count(&mut client, "SELECT count(*) FROM ingest_jobs WHERE attempts = 2");
        assert_eq!(taken_over, orphaned, "the killed worker's jobs were taken over, once each");
    } else {
        eprintln!("note: the killed worker held no job at that moment; nothing was taken over");
    }
    // Exactly once: every job's article is stored, each article was written by one job.
    let articles = count(&mut client, "SELECT count(*) FROM articles");
    let written = count(&mut client, "SELECT count(*) FROM ingest_jobs WHERE stored = 'new'");
    let distinct = count(&mut client, "SELECT count(DISTINCT article_id) FROM ingest_jobs");
    let missing = count(
        &mut client,
        "SELECT count(*) FROM ingest_jobs j WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.id = j.article_id)",
    );
    assert_eq!((written, distinct, missing), (articles, articles, 0));
    assert!(articles as u64 > lines * 9 / 10, "{articles} articles from {lines} lines");
    // Incidents: every article linked, every event in one incident at most.
    assert_eq!(count(&mut client, "SELECT count(*) FROM articles WHERE NOT incidents_linked"), 0);
    let doubled = count(
        &mut client,
        "SELECT count(*) FROM (SELECT event_id FROM incident_events GROUP BY event_id HAVING count(*) > 1) d",
    );
    assert_eq!(doubled, 0, "no event is counted in two incidents");
}

#[test]
fn a_terminated_worker_stores_its_batch_and_holds_no_job() {
    let Some(database) = TestDatabase::create() else { return };
    let db = Path::new(&database.url);
    let dir = tempfile::tempdir().unwrap();
    let reports = dir.path().join("reports.jsonl");
    let lines: Vec<String> = (0..300)
        .map(|i| {
            let text = format!(
                "Shelling of the village of Nova {i} killed {} civilians on Monday, officials said.",
                i % 7 + 1
            );
            serde_json::json!({"title": format!("Report {i}"), "text": text}).to_string()
        })
        .collect();
    std::fs::write(&reports, lines.join("\n")).unwrap();
    json(db, &["ingest", "--queue", "--json", reports.to_str().unwrap()]);

    let mut worker = Command::new(env!("CARGO_BIN_EXE_faultline"))
        .args(["--db", &database.url, "worker", "--json", "--batch", "5", "--jobs", "1"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let started = Instant::now();
    while json(db, &["queue", "--json"])["done"].as_u64().unwrap() < 5 {
        assert!(started.elapsed() < Duration::from_secs(120), "the worker made no progress");
        std::thread::sleep(Duration::from_millis(20));
    }
    let term = Command::new("kill").args(["-TERM", &worker.id().to_string()]).status().unwrap();
    assert!(term.success());
    let stopped = Instant::now();
    while worker.try_wait().unwrap().is_none() {
        assert!(stopped.elapsed() < Duration::from_secs(60), "the worker did not stop");
        std::thread::sleep(Duration::from_millis(20));
    }
    let output = worker.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
    let summary: Value = serde_json::from_slice(&output.stdout).unwrap();
    let queue = json(db, &["queue", "--json"]);
    assert_eq!(queue["running"].as_u64(), Some(0), "no job left to run out its lease: {queue}");
    assert_eq!(queue["done"], summary["claimed"], "every claimed job was stored: {queue} {summary}");
    assert!(queue["pending"].as_u64().unwrap() > 0, "it stopped before the queue was empty: {queue}");
}

#[test]
fn a_worker_waits_for_an_unreachable_server_then_gives_up_saying_why() {
    let dir = tempfile::tempdir().unwrap();
    let socket_dir = dir.path().to_str().unwrap().replace('/', "%2F");
    let nowhere = format!("postgres://postgres@{socket_dir}:5999/news");
    let started = Instant::now();
    let output = faultline(Path::new(&nowhere), &["worker", "--give-up-after", "1"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(started.elapsed() >= Duration::from_secs(1), "it waited before giving up");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("trying again in"), "{stderr}");
    assert!(stderr.contains("cannot be reached") && stderr.contains("unreachable for"), "{stderr}");
}
