//! Shared output helpers: JSON printing, terminal detection, progress bars.

use indicatif::{ProgressBar, ProgressStyle};
use serde::Serialize;
use std::io::{IsTerminal, Write};
use std::sync::atomic::{AtomicBool, Ordering};

/// Prints a value as pretty JSON on standard output.
pub fn print_json(value: &impl Serialize) -> anyhow::Result<()> {
    let mut stdout = std::io::stdout().lock();
    serde_json::to_writer_pretty(&mut stdout, value)?;
    writeln!(stdout)?;
    Ok(())
}

/// A counter of processed items on standard error, shown only on a terminal.
pub fn progress(message: &str) -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new_spinner();
    bar.set_style(
        ProgressStyle::with_template("{spinner} {msg} {human_pos} articles [{elapsed}]")
            .unwrap_or_else(|_| ProgressStyle::default_spinner()),
    );
    bar.set_message(message.to_string());
    bar.enable_steady_tick(std::time::Duration::from_millis(120));
    bar
}

/// A progress bar as the ingest loop's progress sink: a counter of articles until the
/// run knows its total, then a bar with the time left (over the input's bytes for an
/// ingest of files, over the articles for a copy or a reprocessing).
pub struct Counter {
    bar: ProgressBar,
    message: String,
    /// Whether the bar counts bytes (the articles then go in its message).
    by_bytes: AtomicBool,
}

impl Counter {
    pub fn new(message: &str) -> Counter {
        Counter { bar: progress(message), message: message.to_string(), by_bytes: AtomicBool::new(false) }
    }

    /// Takes the bar off the terminal.
    pub fn finish(&self) {
        self.bar.finish_and_clear();
    }
}

impl faultline_ingest::Progress for Counter {
    fn advanced(&self, done: usize) {
        if self.by_bytes.load(Ordering::Relaxed) {
            self.bar.set_message(format!("{}: {done} articles", self.message));
        } else {
            self.bar.set_position(done as u64);
        }
    }

    fn total(&self, total: faultline_ingest::Total) {
        let (length, template) = match total {
            faultline_ingest::Total::Bytes(bytes) => {
                self.by_bytes.store(true, Ordering::Relaxed);
                (bytes, "{spinner} {msg} [{bar:30}] {binary_bytes}/{binary_total_bytes}, {eta} left")
            }
            faultline_ingest::Total::Articles(articles) => {
                (articles as u64, "{spinner} {msg} [{bar:30}] {human_pos}/{human_len} articles, {eta} left")
            }
        };
        self.bar.set_length(length);
        if let Ok(style) = ProgressStyle::with_template(template) {
            self.bar.set_style(style.progress_chars("=> "));
        }
    }

    fn read(&self, bytes: u64) {
        self.bar.set_position(bytes);
    }
}

/// Whether to colour standard output: on a terminal, unless `NO_COLOR` is set.
pub fn colour() -> bool {
    std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none()
}

/// Shortens text for one line of terminal output.
pub fn one_line(text: &str, max_chars: usize) -> String {
    let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= max_chars {
        return flat;
    }
    let cut: String = flat.chars().take(max_chars.saturating_sub(1)).collect();
    format!("{cut}…")
}

/// A table with a header line, columns aligned; nothing at all for no rows.
pub fn print_table<const N: usize>(header: [&str; N], rows: Vec<Vec<String>>) {
    if rows.is_empty() {
        return;
    }
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for row in &rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.chars().count());
        }
    }
    let header: Vec<String> = header.iter().map(|h| h.to_string()).collect();
    for row in std::iter::once(&header).chain(&rows) {
        let mut line = String::new();
        for (index, (cell, width)) in row.iter().zip(&widths).enumerate() {
            line.push_str(cell);
            if index + 1 < row.len() {
                line.push_str(&" ".repeat(width - cell.chars().count() + 2));
            }
        }
        println!("{line}");
    }
}

/// The closing line of a listing: how many `things` it showed from `db`, and, when
/// `--limit` cut it short, that more may match.
pub fn listed(shown: usize, things: &str, limit: Option<usize>, db: &str) -> String {
    match limit {
        Some(limit) if shown == limit => {
            format!("{shown} {things} from {db}: the first {limit} (--limit); more may match")
        }
        _ => format!("{shown} {things} in {db}"),
    }
}
