//! Fuzz target: an HTML page through the cleaning stage ([`faultline_clean::clean`] on an
//! HTML document: main-content extraction, page metadata, boilerplate, glue repair,
//! sentences). Input that is not UTF-8 is skipped: the `sniff_decode` target covers bytes.

#![no_main]

use faultline_fuzz::{assert_article_spans, document};
use faultline_model::{ContentFormat, DeclaredMetadata};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(html) = std::str::from_utf8(data) else { return };
    let document = document(ContentFormat::Html, html, DeclaredMetadata::default());
    if let Ok(article) = faultline_clean::clean(&document) {
        assert_article_spans(&article, html);
    }
});
