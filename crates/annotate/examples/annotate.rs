//! Prints the numbers and times of a text file, one per line, for reading the
//! annotators' output by eye:
//! `cargo run -p faultline-annotate --example annotate -- FILE [PUBLISHED]`
//! where PUBLISHED is an ISO date such as 2024-02-13.

use faultline_annotate::annotate;
use faultline_model::Anchor;

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: annotate FILE [PUBLISHED]");
        std::process::exit(2);
    };
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) => {
            eprintln!("cannot read {path}: {e}");
            std::process::exit(1);
        }
    };
    let anchor = args.next().and_then(|p| Anchor::from_published(&p));
    let found = annotate(&text, anchor.as_ref());
    for n in &found.numbers {
        println!(
            "number  {:>6}  {:<28} low={:?} best={:?} high={:?} hedge={:?} noun={:?} {:?}",
            n.start, n.text, n.low, n.best, n.high, n.hedge, n.noun, n.kind
        );
    }
    for t in &found.times {
        println!(
            "time    {:>6}  {:<28} {:?} {:?} {:?} resolved={} mod={:?} signal={:?}",
            t.start, t.text, t.value, t.kind, t.granularity, t.resolved, t.modifier, t.signal
        );
    }
}
