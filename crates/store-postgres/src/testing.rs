//! Throw-away databases for tests, on the server `scripts/test` starts and names in
//! `FAULTLINE_TEST_POSTGRES` (a URL of its `postgres` database). Without that variable the
//! PostgreSQL tests print a note saying why they are skipped and pass.

use postgres::{Client, NoTls};
use std::sync::atomic::{AtomicUsize, Ordering};

/// The variable holding the test server's URL.
pub const SERVER_VARIABLE: &str = "FAULTLINE_TEST_POSTGRES";

/// A new, empty database on the test server, dropped (with its connections) when this is.
pub struct TestDatabase {
    admin_url: String,
    name: String,
    /// The URL of the new database.
    pub url: String,
}

impl TestDatabase {
    /// A new database, or `None` after printing a note when no test server is named.
    /// Panics when a server is named but cannot be reached: that is a broken test set-up.
    pub fn create() -> Option<TestDatabase> {
        let Ok(admin_url) = std::env::var(SERVER_VARIABLE) else {
            eprintln!(
                "note: PostgreSQL test skipped: {SERVER_VARIABLE} is not set (scripts/test starts a throw-away server and sets it)"
            );
            return None;
        };
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let name =
            format!("faultline_test_{}_{}", std::process::id(), COUNTER.fetch_add(1, Ordering::Relaxed));
        let mut admin = Client::connect(&admin_url, NoTls)
            .unwrap_or_else(|err| panic!("{SERVER_VARIABLE}={admin_url} cannot be reached: {err}"));
        admin.batch_execute(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")).unwrap();
        admin.batch_execute(&format!("CREATE DATABASE {name}")).unwrap();
        let base = admin_url.rsplit_once('/').map_or(admin_url.as_str(), |(base, _)| base);
        let url = format!("{base}/{name}");
        Some(TestDatabase { admin_url, name, url })
    }
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        if let Ok(mut admin) = Client::connect(&self.admin_url, NoTls) {
            let _ = admin.batch_execute(&format!("DROP DATABASE IF EXISTS {} WITH (FORCE)", self.name));
        }
    }
}
