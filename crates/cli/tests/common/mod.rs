//! What every end-to-end test file runs: the `faultline` binary on a database, with the
//! user's `FAULTLINE_DB` and `FAULTLINE_DICT` cleared so the tests see only their own input.

use std::path::Path;
use std::process::{Command, Output};

pub fn faultline(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_faultline"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("FAULTLINE_DB")
        .env_remove("FAULTLINE_DICT")
        .output()
        .expect("the faultline binary runs")
}
