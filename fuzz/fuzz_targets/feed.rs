//! Fuzz target: an RSS or Atom feed through [`faultline_sources::read_from`], which hands
//! a document whose first element is `rss`, `feed` or `rdf:RDF` to the feed reader (one
//! document per item, its link, title, date, author and content).

#![no_main]

use faultline_sources::{ReadOptions, read_from};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let documents = read_from("fuzz.xml", std::io::Cursor::new(data.to_vec()), &ReadOptions::default());
    for document in documents.flatten() {
        assert!(!document.content.trim().is_empty(), "a document with no content: {document:?}");
    }
});
