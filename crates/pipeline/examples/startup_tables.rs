//! What each knowledge table costs a process that starts: wall time and resident memory
//! after loading each one in turn (the tables built on first use loaded here on purpose),
//! then one paragraph through the pipeline. `scripts/bench-startup --tables` runs it:
//! `cargo run --release -p faultline-pipeline --example startup_tables [-- --dict DIR]`.

use faultline_model::{ContentFormat, DeclaredMetadata, Document};
use std::time::Instant;

/// Resident memory now, in MB, from /proc (Linux); 0 where it cannot be read.
fn resident_mb() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let kb = status
        .lines()
        .find_map(|line| line.strip_prefix("VmRSS:"))
        .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .unwrap_or(0.0);
    kb / 1024.0
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let user_dir =
        args.iter().position(|a| a == "--dict").and_then(|i| args.get(i + 1)).map(std::path::PathBuf::from);
    let started = Instant::now();
    let mut last = started;
    let mut step = |name: &str| {
        let now = Instant::now();
        println!(
            "{name:<28} {:>8.2} ms {:>8.1} MB resident",
            (now - last).as_secs_f64() * 1e3,
            resident_mb()
        );
        last = now;
    };
    step("process start");
    let knowledge = faultline_pipeline::open_knowledge(user_dir.as_deref()).expect("knowledge opens");
    step("knowledge (files, --dict)");
    let dictionary = faultline_actors::Dictionary::load(knowledge).expect("actor dictionary loads");
    step("actor dictionary");
    let gazetteer = faultline_places::Gazetteer::load_with(knowledge).expect("gazetteer loads");
    step("gazetteer");
    let lexicon = faultline_events::Lexicon::load(knowledge).expect("event wording loads");
    step("event wording");
    faultline_clean::load_tables();
    step("cleaning tables");
    faultline_annotate::load_tables();
    step("number and time tables");
    faultline_actors::load_tables();
    step("actor word tables");
    faultline_quotes::load_tables();
    step("quote tables");
    drop((dictionary, gazetteer, lexicon));
    step("(dropped)");
    let pipeline = faultline_pipeline::Pipeline::load(knowledge).expect("pipeline loads");
    step("Pipeline::load (all again)");
    let document = Document {
        origin: "paragraph".to_string(),
        format: ContentFormat::Text,
        content: "Shelling hit the town of Shushi overnight, killing three civilians and wounding at \
                  least 12 others, the defence ministry in Yerevan said on Tuesday. Azerbaijan denied \
                  that its forces had targeted homes near Stepanakert."
            .to_string(),
        declared: DeclaredMetadata::default(),
        warnings: Vec::new(),
    };
    let processed = pipeline.process(&document).expect("the paragraph is processed");
    step("one paragraph");
    println!(
        "{} places, {} events; total {:.2} ms",
        processed.layers.places.len(),
        processed.layers.events.len(),
        started.elapsed().as_secs_f64() * 1e3
    );
}
