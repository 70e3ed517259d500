//! Compiles the shipped gazetteer (`data/places/gazetteer.tsv.gz` with the shipped
//! `regions.tsv`, `admin1_abbreviations.tsv` and `never_places.txt` of `data/places/`)
//! into the tables `src/gazetteer.rs` reads in place, written to `OUT_DIR/gazetteer.bin`
//! and embedded in the library. An empty file stands for a missing gazetteer, which the
//! library reports when asked for it. Cargo re-runs this script when a file of `data/`
//! changes (the knowledge crate, a build dependency, is rebuilt then too).

use std::path::Path;

#[allow(dead_code, reason = "the library's own parts of the table module are not used here")]
#[path = "src/table.rs"]
mod table;

fn main() {
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data");
    let places = data.join("places");
    println!("cargo:rerun-if-changed={}", places.display());
    println!("cargo:rerun-if-changed=src/table.rs");
    for file in ["gazetteer.tsv.gz", "regions.tsv", "admin1_abbreviations.tsv", "never_places.txt"] {
        println!("cargo:rerun-if-changed={}", places.join(file).display());
    }
    let out = Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("gazetteer.bin");
    let source = places.join("gazetteer.tsv.gz");
    if !source.exists() {
        std::fs::write(&out, []).expect("OUT_DIR is writable");
        return;
    }
    let knowledge = faultline_knowledge::Knowledge::shipped();
    let mut builder = table::Builder::default();
    let fail = |error: table::ReadError| -> ! { panic!("cannot compile the gazetteer: {error:?}") };
    builder.read_file(&source).unwrap_or_else(|e| fail(e));
    for layer in knowledge.required_sources("places", "regions.tsv").expect("data/places/regions.tsv") {
        builder.read(layer.text.as_bytes(), &layer.label).unwrap_or_else(|e| fail(e));
    }
    for layer in knowledge
        .required_sources("places", "admin1_abbreviations.tsv")
        .expect("data/places/admin1_abbreviations.tsv")
    {
        builder.read_abbreviations(layer.text);
    }
    let never_places = knowledge.words("places", "never_places").expect("data/places/never_places.txt");
    std::fs::write(&out, builder.compile(&never_places)).expect("OUT_DIR is writable");
}
