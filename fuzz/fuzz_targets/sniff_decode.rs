//! Fuzz target: the raw bytes of one input as `faultline ingest` reads them — gzip,
//! format sniffing, charset detection or a declared `--charset`, then JSON Lines, a feed,
//! HTML or text ([`faultline_sources::read_from`]). The first byte picks the `--charset`
//! (none or one of a few labels) and, with its top bit, a tiny `--max-bytes`; the rest is
//! the file.

#![no_main]

use faultline_sources::{DEFAULT_MAX_BYTES, ReadOptions, decode, detect, read_from};
use libfuzzer_sys::fuzz_target;

/// What `--charset` the user gave: nothing, or a WHATWG label.
const CHARSET_LABELS: [Option<&str>; 6] =
    [None, Some("windows-1252"), Some("utf-16le"), Some("shift_jis"), Some("koi8-r"), Some("utf-8")];

fuzz_target!(|data: &[u8]| {
    let Some((&choice, file)) = data.split_first() else { return };
    let charset = CHARSET_LABELS[usize::from(choice & 0x7f) % CHARSET_LABELS.len()]
        .and_then(|label| encoding_rs::Encoding::for_label(label.as_bytes()));
    let max_bytes = if choice & 0x80 != 0 { 64 } else { DEFAULT_MAX_BYTES };
    let options = ReadOptions { max_bytes, charset, ..ReadOptions::default() };
    for document in read_from("fuzz", std::io::Cursor::new(file.to_vec()), &options).flatten() {
        assert!(!document.content.trim().is_empty(), "a document with no content: {document:?}");
    }
    // Input that starts like JSON Lines goes to the JSON Lines reader undecoded: decode
    // and sniff it here as well, so that no bytes pass the decoder by.
    if detect::looks_like_json_lines(file)
        && let Ok(decoded) = decode::decode(file, charset)
    {
        detect::sniff(&decoded.text);
    }
});
