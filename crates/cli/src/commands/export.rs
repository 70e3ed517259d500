//! `faultline export`: the stored events, chosen with the same filters as `faultline
//! events`, in a format other tools load (JSON Lines, ACLED-style CSV, GeoJSON, PLOVER
//! JSON; see [`faultline_export`] for each format's conventions); with `--incidents`, the
//! incidents those filters match, one record per incident.
//!
//! Output goes to standard output, or with `-o FILE` to a temporary file in FILE's folder
//! that is renamed over FILE only once everything is written, so a failure never leaves
//! half a file.

use super::events::EventFilters;
use anyhow::Context as _;
use faultline_export::incidents::export_incidents;
use faultline_export::{Context, Format, Written, export};
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// Output format
    #[arg(long, value_enum, value_name = "FORMAT")]
    format: FormatFlag,
    /// Write to this file (replaced only once complete) instead of standard output
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Export incidents (one record per happening, merged from its reports) instead of
    /// events; the filters then match an incident through any of its events
    #[arg(long)]
    incidents: bool,
    #[command(flatten)]
    filters: EventFilters,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum FormatFlag {
    /// One JSON object per line: {article, event}
    Jsonl,
    /// ACLED's columns, then faultline's own
    AcledCsv,
    /// A FeatureCollection of the events whose place has coordinates
    Geojson,
    /// PLOVER's record fields, one JSON object per line
    Plover,
}

impl From<FormatFlag> for Format {
    fn from(flag: FormatFlag) -> Format {
        match flag {
            FormatFlag::Jsonl => Format::Jsonl,
            FormatFlag::AcledCsv => Format::AcledCsv,
            FormatFlag::Geojson => Format::Geojson,
            FormatFlag::Plover => Format::Plover,
        }
    }
}

pub fn run(db: &Path, dictionary: Option<&Path>, args: Args) -> anyhow::Result<ExitCode> {
    if args.incidents && args.format == FormatFlag::Plover {
        anyhow::bail!(
            "PLOVER records are events: export incidents with --format jsonl, acled-csv or geojson"
        );
    }
    let store = super::open_existing(db)?;
    let (events, incidents) = if args.incidents {
        (Vec::new(), store.incidents(&args.filters.to_incident_query()?)?)
    } else {
        (store.events(&args.filters.to_query()?)?, Vec::new())
    };
    let noun = if args.incidents { "incident" } else { "event" };
    let knowledge = super::open_knowledge(dictionary)?;
    let countries = match args.format {
        FormatFlag::AcledCsv => faultline_pipeline::country_names(knowledge)
            .context("cannot load the actor dictionary for country names")?,
        FormatFlag::Jsonl | FormatFlag::Geojson | FormatFlag::Plover => Default::default(),
    };
    let context = Context::load(knowledge, countries)?;
    let format = Format::from(args.format);
    let write = |out: &mut dyn Write| -> anyhow::Result<Written> {
        Ok(if args.incidents {
            export_incidents(format, &incidents, &context, out)?
        } else {
            export(format, &events, &context, out)?
        })
    };
    let written = match &args.output {
        Some(path) => write_atomically(path, write)?,
        None => {
            let mut out = BufWriter::new(std::io::stdout().lock());
            let written = write(&mut out)?;
            out.flush()?;
            written
        }
    };
    if written.left_out > 0 {
        eprintln!("{} without coordinates left out", count(written.left_out, noun));
    }
    if let Some(path) = &args.output {
        eprintln!("{} written to {}", count(written.written, noun), path.display());
    }
    Ok(ExitCode::SUCCESS)
}

/// Writes through a temporary file in the target's folder, renamed over the target at the
/// end: on any error the temporary file is removed and the target left as it was.
fn write_atomically<T>(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> anyhow::Result<T>,
) -> anyhow::Result<T> {
    let folder = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let mut file =
        tempfile::Builder::new().prefix(".faultline-export-").tempfile_in(folder).with_context(|| {
            format!("cannot write {}: check that {} exists and is writable", path.display(), folder.display())
        })?;
    let written = {
        let mut out = BufWriter::new(file.as_file_mut());
        let written = write(&mut out)?;
        out.flush()?;
        written
    };
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        // Temporary files are private (0600); an export is an ordinary file.
        file.as_file().set_permissions(std::fs::Permissions::from_mode(0o644))?;
    }
    file.persist(path).with_context(|| format!("cannot replace {}", path.display()))?;
    Ok(written)
}

/// `1 event`, `12 events`.
fn count(n: usize, noun: &str) -> String {
    if n == 1 { format!("1 {noun}") } else { format!("{n} {noun}s") }
}
