//! `faultline serve`: the JSON API and the web page of [`faultline_server`] over the
//! database, on loopback unless told otherwise; read-only unless started with an ingest
//! token.

use faultline_server::{AppState, Config, Limits};
use std::net::SocketAddr;
use std::path::Path;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

#[derive(clap::Args)]
pub struct Args {
    /// Address to listen on; 127.0.0.1 keeps it to this machine
    #[arg(long, default_value = "127.0.0.1:8080", value_name = "HOST:PORT")]
    addr: SocketAddr,
    /// Accept POST /api/articles from requests bearing this token (Authorization: Bearer
    /// TOKEN); without one the server is read-only
    #[arg(long, env = "FAULTLINE_INGEST_TOKEN", value_name = "TOKEN", hide_env_values = true)]
    ingest_token: Option<String>,
    /// Largest request body accepted, in bytes
    #[arg(long, default_value_t = 10 * 1024 * 1024, value_name = "BYTES")]
    max_body: usize,
    /// Seconds a request may take before it is answered 503
    #[arg(long, default_value_t = 60, value_name = "SECONDS")]
    timeout: u64,
    /// Ingests that may run at once; more are refused with 429
    #[arg(long, default_value_t = 2, value_name = "N")]
    max_ingests: usize,
}

pub fn run(db: &Path, dictionary: Option<&Path>, args: Args) -> anyhow::Result<ExitCode> {
    // A read-only server never creates a database; one that ingests may start empty.
    let store = if args.ingest_token.is_some() { super::open_store(db)? } else { super::open_existing(db)? };
    let knowledge = super::open_knowledge(dictionary)?;
    let limits = Limits {
        body_bytes: args.max_body,
        request_timeout: Duration::from_secs(args.timeout.max(1)),
        concurrent_ingests: args.max_ingests.max(1),
    };
    let ingest = args.ingest_token.is_some();
    let state =
        AppState::new(Arc::from(store), Config { ingest_token: args.ingest_token, limits, knowledge })?;
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind(args.addr).await.map_err(|err| {
            anyhow::anyhow!(
                "cannot listen on {}: {err} (is another server using the port? pass --addr)",
                args.addr
            )
        })?;
        let local = listener.local_addr()?;
        if !local.ip().is_loopback() {
            eprintln!("warning: listening on {local}, reachable from other machines");
        }
        eprintln!(
            "serving {} on http://{local}/ ({})",
            super::describe(db),
            if ingest { "ingest open to the token" } else { "read-only" }
        );
        faultline_server::serve(listener, Arc::new(state)).await?;
        anyhow::Ok(())
    })?;
    Ok(ExitCode::SUCCESS)
}
