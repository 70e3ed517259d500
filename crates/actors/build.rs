//! Embeds the shipped actor dictionary (`data/actors/*.tsv`) into the library so the binary
//! works from any directory. Files that do not exist yet are embedded as absent, so the crate
//! builds while the data is being written; `Dictionary::load_default` then has fewer rows.

use std::path::Path;

const FILES: [&str; 5] =
    ["countries.tsv", "organizations.tsv", "state_bodies.tsv", "people.tsv", "equipment.tsv"];

fn main() {
    let manifest = std::env::var("CARGO_MANIFEST_DIR").unwrap_or_else(|_| ".".into());
    let data = Path::new(&manifest).join("../../data/actors");
    println!("cargo:rerun-if-changed={}", data.display());
    let mut code = String::from("/// The shipped dictionary files: (file name, contents).\n");
    code.push_str("pub(crate) const EMBEDDED: &[(&str, &str)] = &[\n");
    for file in FILES {
        let path = data.join(file);
        println!("cargo:rerun-if-changed={}", path.display());
        if path.is_file() {
            let absolute = path.canonicalize().unwrap_or(path);
            code.push_str(&format!("    ({file:?}, include_str!({:?})),\n", absolute.display().to_string()));
        }
    }
    code.push_str("];\n");
    let out = std::env::var("OUT_DIR").unwrap_or_else(|_| ".".into());
    if let Err(error) = std::fs::write(Path::new(&out).join("embedded.rs"), code) {
        println!("cargo:warning=cannot write the embedded dictionary list: {error}");
    }
}
