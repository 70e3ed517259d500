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
