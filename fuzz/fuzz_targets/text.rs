//! Fuzz target: a plain-text copy of a web page through the cleaning stage
//! ([`faultline_clean::clean`] on a text document: boilerplate lines, metadata lines such
//! as dates and datelines, glue repair, sentences). Input that is not UTF-8 is skipped:
//! the `sniff_decode` target covers bytes.

#![no_main]

use faultline_fuzz::{assert_article_spans, document};
use faultline_model::{ContentFormat, DeclaredMetadata};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let document = document(ContentFormat::Text, text, DeclaredMetadata::default());
    if let Ok(article) = faultline_clean::clean(&document) {
        assert_article_spans(&article, text);
    }
});
