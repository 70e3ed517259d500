//! The store conformance suite on both kinds of SQLite store: a file and in memory.

mod file {
    use faultline_store_sqlite::SqliteStore;

    faultline_store::conformance_tests!(|| {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let store = SqliteStore::open(&dir.path().join("faultline.db")).expect("a new database");
        (store, dir)
    });
}

mod memory {
    use faultline_store_sqlite::SqliteStore;

    faultline_store::conformance_tests!(|| (
        SqliteStore::open_in_memory().expect("an in-memory database"),
        ()
    ));
}
