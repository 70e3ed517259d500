//! Fuzz target: a JSON Lines file through [`faultline_sources::read_from`], which hands
//! anything starting like a JSON object to the streaming JSON Lines reader (bad lines,
//! over-long lines, invalid UTF-8, missing fields). The first byte picks `--max-bytes`,
//! from a few bytes (every line over the limit) to the default; the rest is the file.

#![no_main]

use faultline_sources::{DEFAULT_MAX_BYTES, ReadOptions, read_from};
use libfuzzer_sys::fuzz_target;

/// `--max-bytes` values: lines over, around and under the limit.
const MAX_BYTES: [u64; 4] = [8, 100, 4096, DEFAULT_MAX_BYTES];

fuzz_target!(|data: &[u8]| {
    let Some((&choice, file)) = data.split_first() else { return };
    let options =
        ReadOptions { max_bytes: MAX_BYTES[usize::from(choice) % MAX_BYTES.len()], ..ReadOptions::default() };
    for document in read_from("fuzz.jsonl", std::io::Cursor::new(file.to_vec()), &options).flatten() {
        assert!(!document.content.trim().is_empty(), "a document with no content: {document:?}");
    }
});
