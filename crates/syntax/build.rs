//! Embeds the trained model `data/syntax/model.bin.gz` (an empty file when there is none,
//! so that the training example builds before the first model exists).

use std::path::Path;

fn main() {
    let model = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/syntax/model.bin.gz");
    println!("cargo:rerun-if-changed={}", model.display());
    let out = Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("model.bin.gz");
    let bytes = std::fs::read(&model).unwrap_or_default();
    std::fs::write(&out, bytes).expect("OUT_DIR is writable");
}
