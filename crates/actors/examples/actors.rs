//! Prints the actors found in text files and times loading and matching:
//! `cargo run --release -p faultline-actors --example actors -- [--dict DIR] FILE...`.

use std::time::Instant;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let started = Instant::now();
    let dictionary = match args.iter().position(|a| a == "--dict") {
        Some(i) if i + 1 < args.len() => {
            let dir = args.remove(i + 1);
            args.remove(i);
            faultline_actors::Dictionary::from_dirs(&[std::path::Path::new(&dir)])?
        }
        _ => faultline_actors::Dictionary::load_default()?,
    };
    println!("loaded {:?} records in {:?}", dictionary.counts(), started.elapsed());
    for path in args {
        let text = std::fs::read_to_string(&path)?;
        let rounds = 200;
        let started = Instant::now();
        for _ in 0..rounds {
            std::hint::black_box(faultline_actors::find_entities(&text, &dictionary, None));
        }
        let per = started.elapsed() / rounds;
        println!("== {path}: {} bytes, {per:?} per run", text.len());
        for e in faultline_actors::find_entities(&text, &dictionary, None) {
            println!(
                "{:>5} {:<28} {:<13} {:<32} {:<5} {:<26} {:<4} {}",
                e.start,
                e.text,
                format!("{:?}", e.kind),
                e.id,
                e.country.unwrap_or_default(),
                e.role.unwrap_or_default(),
                e.sector.unwrap_or_default(),
                e.resolution
            );
        }
    }
    Ok(())
}
