//! `faultline eval`: score pipeline stages against external gold data.

use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Subcommand)]
pub enum EvalCommand {
    /// Main-text extraction, on a folder laid out like the article-extraction benchmark
    Boilerplate {
        /// Folder with ground-truth.json, html/ and optionally baseline-outputs/
        dir: PathBuf,
        /// Print as JSON
        #[arg(long)]
        json: bool,
    },
}

pub fn run(command: EvalCommand) -> anyhow::Result<ExitCode> {
    match command {
        EvalCommand::Boilerplate { dir, json } => {
            let _ = (dir, json);
            anyhow::bail!("not wired yet")
        }
    }
}
