//! The ingest job queue on a throw-away PostgreSQL database: idempotent enqueuing, claims
//! that concurrent workers never share, leases that run out and are taken over, the
//! dead-letter state, and completions that store an article with its job's end or not at
//! all. Skipped with a note when no test server is named (`scripts/test` starts one).

use faultline_model::{ContentFormat, DeclaredMetadata, Document};
use faultline_store::conformance::{article, processed};
use faultline_store::{
    ClaimOptions, Completed, Completion, Enqueued, JobQueue, NewArticle, Outcome, Store, Stored,
};
use faultline_store_postgres::PostgresStore;
use faultline_store_postgres::testing::TestDatabase;
use std::collections::HashSet;
use std::time::Duration;

fn open() -> Option<(PostgresStore, TestDatabase)> {
    let database = TestDatabase::create()?;
    let store = PostgresStore::open(&database.url).expect("a new database opens and migrates");
    Some((store, database))
}

fn document(text: &str) -> Document {
    Document {
        origin: format!("{text}.txt"),
        format: ContentFormat::Text,
        content: text.to_string(),
        declared: DeclaredMetadata { outlet: Some("Wire".into()), ..DeclaredMetadata::default() },
        warnings: vec!["read with a warning".into()],
    }
}

fn claim(worker: &str, limit: usize, lease: Duration) -> ClaimOptions {
    ClaimOptions { worker: worker.into(), limit, max_bytes: usize::MAX, lease, max_attempts: 2 }
}

#[test]
fn a_document_enqueued_twice_is_one_job_and_comes_back_whole() {
    let Some((queue, _database)) = open() else { return };
    let (one, two) = (document("Shelling in Kharkiv."), document("Talks in Doha."));
    let enqueued = queue.enqueue(&[one.clone(), two.clone(), one.clone()]).unwrap();
    assert_eq!(enqueued, [Enqueued::New, Enqueued::New, Enqueued::AlreadyQueued]);
    let moved = Document { origin: "elsewhere/two.txt".into(), ..two.clone() };
    assert_eq!(queue.enqueue(&[moved]).unwrap(), [Enqueued::AlreadyQueued]);
    assert_eq!(queue.queue_counts().unwrap().pending, 2);

    let jobs = queue.claim(&claim("w1", 10, Duration::from_secs(60))).unwrap();
    assert_eq!(jobs.iter().map(|job| &job.document).collect::<Vec<_>>(), [&one, &two], "oldest first, whole");
    assert!(jobs.iter().all(|job| job.attempt == 1));
    let counts = queue.queue_counts().unwrap();
    assert_eq!((counts.pending, counts.running), (0, 2));
    assert_eq!(counts.workers[0].worker, "w1");
    assert_eq!(counts.workers[0].running, 2);
}

#[test]
fn a_claim_stops_at_its_byte_limit_but_always_takes_one_job() {
    let Some((queue, _database)) = open() else { return };
    let large = "Shelling in Kharkiv. ".repeat(1000);
    let documents: Vec<Document> = (0..5).map(|i| document(&format!("{i} {large}"))).collect();
    queue.enqueue(&documents).unwrap();
    let options = |max_bytes| ClaimOptions { max_bytes, ..claim("w1", 10, Duration::from_secs(60)) };
    assert_eq!(queue.claim(&options(100)).unwrap().len(), 1, "one job even when it alone is over the limit");
    let two = queue.claim(&options(2 * (large.len() + 2))).unwrap();
    assert_eq!(two.len(), 2);
    assert_eq!(queue.queue_counts().unwrap().pending, 2, "what the limit left out stays pending");
}

#[test]
fn concurrent_workers_never_claim_the_same_job() {
    let Some((queue, database)) = open() else { return };
    let documents: Vec<Document> = (0..200).map(|i| document(&format!("Report number {i}."))).collect();
    queue.enqueue(&documents).unwrap();
    let claimed: Vec<Vec<i64>> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..4)
            .map(|w| {
                let url = &database.url;
                scope.spawn(move || {
                    let store = PostgresStore::open(url).unwrap();
                    let mut mine = Vec::new();
                    loop {
                        let jobs = store.claim(&claim(&format!("w{w}"), 7, Duration::from_secs(60))).unwrap();
                        if jobs.is_empty() {
                            return mine;
                        }
                        mine.extend(jobs.iter().map(|job| job.id));
                    }
                })
            })
            .collect();
        workers.into_iter().map(|worker| worker.join().unwrap()).collect()
    });
    let all: Vec<i64> = claimed.concat();
    let distinct: HashSet<i64> = all.iter().copied().collect();
    assert_eq!(all.len(), 200, "every job claimed once");
    assert_eq!(distinct.len(), 200, "no job claimed twice");
}

#[test]
fn completing_stores_the_article_with_the_job_and_records_failures() {
    let Some((queue, _database)) = open() else { return };
    queue.enqueue(&[document("one"), document("two"), document("three")]).unwrap();
    let jobs = queue.claim(&claim("w1", 10, Duration::from_secs(60))).unwrap();
    let stored = processed(article("One", "Shelling in Kharkiv killed three."), Vec::new());
    let completions = [
        Completion {
            job: jobs[0].id,
            outcome: Outcome::Store(NewArticle { processed: &stored, original: "one", replace: false }),
        },
        Completion { job: jobs[1].id, outcome: Outcome::Unchanged(&stored.article.id) },
        Completion { job: jobs[2].id, outcome: Outcome::Failed("the article has no text") },
    ];
    // Another worker cannot complete jobs it does not hold.
    let stranger = queue.complete("w2", &completions).unwrap();
    assert_eq!(stranger, [Completed::Lost; 3]);
    assert_eq!(queue.count_articles().unwrap(), 0, "nothing written for jobs not held");

    let completed = queue.complete("w1", &completions).unwrap();
    assert_eq!(
        completed,
        [Completed::Stored(Stored::New), Completed::Stored(Stored::Unchanged), Completed::Failed]
    );
    assert!(queue.contains(&stored.article.id).unwrap());
    let counts = queue.queue_counts().unwrap();
    assert_eq!((counts.pending, counts.running, counts.done, counts.failed), (0, 0, 2, 1));
    let failed = queue.failed_jobs(10).unwrap();
    assert_eq!(failed.len(), 1);
    assert_eq!(
        (failed[0].origin.as_str(), failed[0].error.as_str()),
        ("three.txt", "the article has no text")
    );
    assert_eq!(failed[0].attempts, 1);
    // Completing again (a reply lost on the way back) changes nothing.
    assert_eq!(queue.complete("w1", &completions).unwrap(), [Completed::Lost; 3]);
    assert_eq!(queue.count_articles().unwrap(), 1);

    assert_eq!(queue.retry_failed().unwrap(), 1);
    let again = queue.claim(&claim("w3", 10, Duration::from_secs(60))).unwrap();
    assert_eq!(again.len(), 1, "only the failed job comes back");
    assert_eq!((again[0].id, again[0].attempt), (jobs[2].id, 1));
}

#[test]
fn a_lapsed_lease_is_taken_over_and_the_last_attempt_fails_the_job() {
    let Some((queue, _database)) = open() else { return };
    queue.enqueue(&[document("stuck")]).unwrap();
    let lease = Duration::from_millis(600);
    let first = queue.claim(&claim("w1", 10, lease)).unwrap();
    assert_eq!(first.len(), 1);
    assert!(queue.claim(&claim("w2", 10, lease)).unwrap().is_empty(), "held while the lease runs");

    // Renewed, the lease outlives its first term.
    std::thread::sleep(lease / 2);
    assert_eq!(queue.renew("w1", &[first[0].id], Duration::from_secs(2)).unwrap(), 1);
    std::thread::sleep(lease);
    assert!(queue.claim(&claim("w2", 10, lease)).unwrap().is_empty(), "a renewed lease still holds");
    assert_eq!(queue.renew("w2", &[first[0].id], lease).unwrap(), 0, "only its holder renews a job");

    // Not renewed (the worker was killed), it runs out and another worker takes over.
    std::thread::sleep(Duration::from_millis(2100));
    assert_eq!(queue.queue_counts().unwrap().stalled, 1);
    let second = queue.claim(&claim("w2", 10, lease)).unwrap();
    assert_eq!((second[0].id, second[0].attempt), (first[0].id, 2));
    let stored = processed(article("Stuck", "A report that took too long."), Vec::new());
    let late = [Completion {
        job: first[0].id,
        outcome: Outcome::Store(NewArticle { processed: &stored, original: "stuck", replace: false }),
    }];
    assert_eq!(queue.complete("w1", &late).unwrap(), [Completed::Lost], "the first worker lost it");
    assert_eq!(queue.count_articles().unwrap(), 0);

    // Its second and last attempt runs out too: the job is failed, not claimed again.
    std::thread::sleep(lease + Duration::from_millis(200));
    assert!(queue.claim(&claim("w3", 10, lease)).unwrap().is_empty());
    let failed = queue.failed_jobs(10).unwrap();
    assert_eq!(failed.len(), 1);
    assert_eq!(failed[0].attempts, 2);
    assert!(
        failed[0].error.contains("gave up after 2 attempts") && failed[0].error.contains("w2"),
        "{failed:?}"
    );
    let counts = queue.queue_counts().unwrap();
    assert_eq!((counts.pending, counts.running, counts.failed), (0, 0, 1));
}
