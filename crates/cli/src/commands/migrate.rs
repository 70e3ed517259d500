//! `faultline migrate`: copies one database into another (an SQLite file into PostgreSQL,
//! or back) and verifies the copy by counts and checksums.

use crate::output::{Counter, print_json};
use faultline_ingest::migrate::{Contents, Migrated};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// The database to copy from (an SQLite file or a postgres:// URL)
    #[arg(long, value_name = "DB")]
    from: PathBuf,
    /// The database to copy into, created when missing; articles it holds already are kept
    #[arg(long, value_name = "DB")]
    to: PathBuf,
    /// Print the outcome as JSON
    #[arg(long)]
    json: bool,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let from = super::open_existing(&args.from)?;
    let to = super::open_store(&args.to)?;
    let bar = Counter::new("copying");
    let migrated = faultline_ingest::migrate::migrate(from.as_ref(), to.as_ref(), &bar)?;
    bar.finish();
    if args.json {
        print_json(&migrated)?;
    } else {
        print_report(&migrated, &super::describe(&args.from), &super::describe(&args.to));
    }
    if migrated.verified() {
        return Ok(ExitCode::SUCCESS);
    }
    eprintln!(
        "error: the copy does not match its source (see the counts above); if {} held articles of its own before, that is expected, else run the command again",
        super::describe(&args.to)
    );
    Ok(ExitCode::from(1))
}

fn print_report(migrated: &Migrated, from: &str, to: &str) {
    println!("{} articles copied, {} already there", migrated.copied, migrated.unchanged);
    let row = |name: &str, contents: &Contents| {
        println!(
            "{name:<6} {:>8} articles {}  {:>8} events {}  {:>8} incidents {}  {}",
            contents.articles,
            &contents.articles_checksum[..12],
            contents.events,
            &contents.events_checksum[..12],
            contents.incidents,
            &contents.incidents_checksum[..12],
            if name == "from" { from } else { to }
        );
    };
    row("from", &migrated.source);
    row("to", &migrated.target);
    if migrated.verified() {
        println!(
            "verified: the same articles, events and incidents (counts and BLAKE3 checksums of their ids)"
        );
    }
}
