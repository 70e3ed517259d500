//! The store conformance suite on a throw-away PostgreSQL database (skipped, with a note,
//! when no test server is named; `scripts/test` starts one).

use faultline_store_postgres::PostgresStore;
use faultline_store_postgres::testing::TestDatabase;

fn open() -> Option<(PostgresStore, TestDatabase)> {
    let database = TestDatabase::create()?;
    let store = PostgresStore::open(&database.url).expect("a new database opens and migrates");
    Some((store, database))
}

faultline_store::conformance_tests!(optional open);

#[test]
fn one_process_links_at_a_time() {
    use faultline_store::Store;
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::time::Duration;
    let Some((store, database)) = open() else { return };
    let other = PostgresStore::open(&database.url).unwrap();
    let first = store.lock_linking().unwrap();
    let second_holds = AtomicBool::new(false);
    std::thread::scope(|scope| {
        let waiting = scope.spawn(|| {
            let _second = other.lock_linking().unwrap();
            second_holds.store(true, Ordering::SeqCst);
        });
        std::thread::sleep(Duration::from_millis(300));
        assert!(!second_holds.load(Ordering::SeqCst), "a second linker waits while the first holds the lock");
        drop(first);
        waiting.join().unwrap();
    });
    assert!(second_holds.load(Ordering::SeqCst), "and gets it once the first lets go");
}

#[test]
fn a_linker_whose_lock_connection_dropped_cannot_apply_updates() {
    use faultline_store::{IncidentUpdate, Store, StoreError};
    let Some((store, database)) = open() else { return };
    let other = PostgresStore::open(&database.url).unwrap();
    let _first = store.lock_linking().unwrap();
    store.apply_incident_update(&IncidentUpdate::default()).expect("the holder applies updates");
    // The server drops the connection that holds the lock; another process takes it.
    let mut admin = postgres::Client::connect(&database.url, postgres::NoTls).unwrap();
    let dropped: i64 = admin
        .query_one(
            // This test's database only: other tests' databases may hold their migration lock.
            "SELECT count(pg_terminate_backend(pid)) FROM pg_locks
             WHERE locktype = 'advisory' AND granted
               AND database = (SELECT oid FROM pg_database WHERE datname = current_database())",
            &[],
        )
        .unwrap()
        .get(0);
    assert_eq!(dropped, 1);
    let second = other.try_lock_linking().unwrap().expect("the lock is free again");
    let stale = store.apply_incident_update(&IncidentUpdate::default());
    assert!(matches!(stale, Err(StoreError::Unavailable(_))), "{stale:?}");
    other.apply_incident_update(&IncidentUpdate::default()).expect("the new holder applies updates");
    drop(second);
}
