//! Main-text extraction alone, timed: runs `faultline_clean::html::extract_html` over every
//! page of a main-text set (`html/<id>.html.gz`, as in `../shared/eval/*`) several times on
//! one thread and prints pages per second. Made for profiling (`perf record`) the HTML path
//! without the rest of the pipeline; `faultline eval boilerplate` gives the same figure
//! beside the whole pipeline's.
//!
//! Usage: `cargo run --release -p faultline-clean --example html_throughput -- DIR [ROUNDS]`

use std::io::Read;
use std::time::Instant;

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = args.next().unwrap_or_else(|| "../shared/eval/article-extraction-benchmark".to_owned());
    let rounds: usize = args.next().and_then(|r| r.parse().ok()).unwrap_or(5);
    let html_dir = std::path::Path::new(&dir).join("html");
    let entries = std::fs::read_dir(&html_dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e} (give a set folder with html/)", html_dir.display()));
    let mut pages = Vec::new();
    for entry in entries {
        let path = entry.expect("a readable folder entry").path();
        if !path.to_string_lossy().ends_with(".html.gz") {
            continue;
        }
        let mut bytes = Vec::new();
        flate2::read::GzDecoder::new(std::fs::File::open(&path).expect("a readable page"))
            .read_to_end(&mut bytes)
            .expect("a gzip page");
        pages.push(String::from_utf8_lossy(&bytes).into_owned());
    }
    faultline_clean::html::extract_html(&pages[0]);
    let started = Instant::now();
    for _ in 0..rounds {
        for page in &pages {
            std::hint::black_box(faultline_clean::html::extract_html(page));
        }
    }
    let seconds = started.elapsed().as_secs_f64();
    let bytes: usize = pages.iter().map(String::len).sum();
    println!(
        "{} pages x {rounds} rounds, {:.1} MB: {:.1} pages/s, {:.1} MB/s on one thread",
        pages.len(),
        bytes as f64 / 1e6,
        (pages.len() * rounds) as f64 / seconds,
        (bytes * rounds) as f64 / 1e6 / seconds
    );
}
