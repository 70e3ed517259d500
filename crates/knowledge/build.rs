//! Embeds every shipped knowledge file (`data/<folder>/<file>.txt` and `.tsv`) into the
//! library, so the binary reads its knowledge from any directory. READMEs and the generated
//! gazetteer (`.gz`, compiled and embedded by the places crate's build script) are not
//! embedded here.

use std::path::Path;

fn main() {
    let manifest = std::env::var("CARGO_MANIFEST_DIR").unwrap_or_else(|_| ".".into());
    let data = Path::new(&manifest).join("../../data");
    println!("cargo:rerun-if-changed={}", data.display());
    let mut files = Vec::new();
    for folder in std::fs::read_dir(&data).into_iter().flatten().flatten() {
        let folder_path = folder.path();
        if !folder_path.is_dir() {
            continue;
        }
        println!("cargo:rerun-if-changed={}", folder_path.display());
        for file in std::fs::read_dir(&folder_path).into_iter().flatten().flatten() {
            let path = file.path();
            let embedded = path.extension().is_some_and(|ext| ext == "txt" || ext == "tsv");
            if embedded && path.is_file() {
                println!("cargo:rerun-if-changed={}", path.display());
                let folder_name = folder.file_name().to_string_lossy().into_owned();
                let file_name = file.file_name().to_string_lossy().into_owned();
                let absolute = path.canonicalize().unwrap_or(path);
                files.push((folder_name, file_name, absolute.display().to_string()));
            }
        }
    }
    files.sort();
    let mut code = String::from("/// The shipped knowledge files: (folder, file name, contents), sorted.\n");
    code.push_str("pub(crate) const SHIPPED: &[(&str, &str, &str)] = &[\n");
    for (folder, file, path) in &files {
        code.push_str(&format!("    ({folder:?}, {file:?}, include_str!({path:?})),\n"));
    }
    code.push_str("];\n");
    let out = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    std::fs::write(Path::new(&out).join("shipped.rs"), code).expect("OUT_DIR is writable");
}
