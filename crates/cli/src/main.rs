//! The `faultline` command: a thin shell over the pipeline crates.
//!
//! Each subcommand lives in its own module under `commands/`. Exit status: 0 when
//! everything succeeded, 1 when some input failed or the command could not run, 2 for a
//! usage error (clap's own).

mod commands;
mod output;

use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "faultline",
    version,
    about = "A sourced, structured record of armed conflict and diplomacy from news reports"
)]
struct Cli {
    /// The database: an SQLite file, or a PostgreSQL URL (postgres://user@host/db)
    /// [default: ./faultline.db]
    #[arg(long, global = true, env = "FAULTLINE_DB", value_name = "PATH")]
    db: Option<PathBuf>,

    /// A folder of your own dictionary files (countries.tsv, people.tsv ... as in
    /// data/actors/), added to the shipped ones; same ids override
    #[arg(long, global = true, env = "FAULTLINE_DICT", value_name = "DIR")]
    dict: Option<PathBuf>,

    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Read articles (files, directories, -, JSON Lines, RSS/Atom) into the database
    Ingest(commands::ingest::Args),
    /// List stored articles
    Articles(commands::articles::Args),
    /// Show one stored article's cleaned text
    Show(commands::show::Args),
    /// Full-text search over stored articles, best match first
    Search(commands::search::Args),
    /// List stored events, filtered by type, actor, country and date
    Events(commands::events::Args),
    /// List incidents: happenings merged from the events of several articles
    Incidents(commands::incidents::ListArgs),
    /// Show one incident with the evidence each of its reports was merged on
    ShowIncident(commands::incidents::ShowArgs),
    /// Incidents in time order with their sources
    Timeline(commands::incidents::ListArgs),
    /// Actors: their incidents and relations, and cooperation and conflict between pairs
    Actors(commands::incidents::ActorsArgs),
    /// Ingest jobs from the database's queue (filled by `ingest --queue`), on any machine
    Worker(commands::worker::Args),
    /// Show the ingest queue: pending, running, done and failed jobs
    Queue(commands::queue::Args),
    /// Copy one database into another (SQLite to PostgreSQL or back) and verify the copy
    Migrate(commands::migrate::Args),
    /// Annotate stored articles again after the dictionaries or faultline changed, and say what changed
    Reprocess(commands::reprocess::Args),
    /// Serve the JSON API and the web page (loopback by default; read-only without a token)
    Serve(commands::serve::Args),
    /// Write stored events (or incidents) as JSON Lines, ACLED-style CSV or GeoJSON
    Export(commands::export::Args),
    /// Run the pipeline on one input without a database and print the result
    Extract(commands::extract::Args),
    /// Score a pipeline stage against external gold data
    #[command(subcommand)]
    Eval(commands::eval::EvalCommand),
}

fn main() -> ExitCode {
    // Panics are turned into readable errors (see `faultline_pipeline::Pipeline` and below),
    // so the default hook's backtrace-style message is silenced.
    std::panic::set_hook(Box::new(|_| {}));
    let cli = Cli::parse();
    let db = cli.db.unwrap_or_else(|| PathBuf::from("faultline.db"));
    let command = cli.command;
    let run = std::panic::AssertUnwindSafe(|| match command {
        Command::Ingest(args) => commands::ingest::run(&db, cli.dict.as_deref(), args),
        Command::Articles(args) => commands::articles::run(&db, args),
        Command::Show(args) => commands::show::run(&db, args),
        Command::Search(args) => commands::search::run(&db, args),
        Command::Events(args) => commands::events::run(&db, args),
        Command::Incidents(args) => commands::incidents::list(&db, args),
        Command::Migrate(args) => commands::migrate::run(args),
        Command::Reprocess(args) => commands::reprocess::run(&db, cli.dict.as_deref(), args),
        Command::Worker(args) => commands::worker::run(&db, cli.dict.as_deref(), args),
        Command::Queue(args) => commands::queue::run(&db, args),
        Command::ShowIncident(args) => commands::incidents::show(&db, args),
        Command::Timeline(args) => commands::incidents::timeline(&db, args),
        Command::Actors(args) => commands::incidents::actors(&db, args),
        Command::Serve(args) => commands::serve::run(&db, cli.dict.as_deref(), args),
        Command::Export(args) => commands::export::run(&db, cli.dict.as_deref(), args),
        Command::Extract(args) => commands::extract::run(cli.dict.as_deref(), args),
        Command::Eval(command) => commands::eval::run(cli.dict.as_deref(), command),
    });
    match std::panic::catch_unwind(run) {
        Ok(Ok(code)) => code,
        Ok(Err(err)) if is_broken_pipe(&err) => ExitCode::SUCCESS,
        Ok(Err(err)) => {
            eprintln!("error: {}", message(&err));
            ExitCode::from(1)
        }
        Err(payload) if faultline_pipeline::panic_message(&*payload).contains("Broken pipe") => {
            ExitCode::SUCCESS
        }
        Err(payload) => {
            eprintln!(
                "error: internal error ({}); please report it",
                faultline_pipeline::panic_message(&*payload)
            );
            ExitCode::from(1)
        }
    }
}

/// An error with its causes, each said once: many errors already include their cause's
/// text in their own message, which the chain would otherwise repeat.
fn message(err: &anyhow::Error) -> String {
    let mut message = err.to_string();
    for cause in err.chain().skip(1) {
        let text = cause.to_string();
        if !message.contains(&text) {
            message.push_str(": ");
            message.push_str(&text);
        }
    }
    message
}

/// Output piped into a reader that stopped early (`faultline articles | head`) is not an
/// error: the reader has what it wanted.
fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause.downcast_ref::<std::io::Error>().is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            || cause.downcast_ref::<serde_json::Error>().and_then(|json| json.io_error_kind())
                == Some(std::io::ErrorKind::BrokenPipe)
    })
}
