//! Fuzz target: the whole per-article pipeline ([`faultline_pipeline::Pipeline::process`]:
//! cleaning, numbers and times, actors, places, quotes, events) on arbitrary text taken as
//! a plain-text article published on a fixed date. The pipeline is loaded once from the
//! shipped knowledge (`data/`, embedded at build time), as the CLI loads it. A panic is a
//! finding even though the pipeline would turn it into a per-document error. Input that
//! is not UTF-8 is skipped.

#![no_main]

use faultline_fuzz::{assert_article_spans, assert_layer_spans, document};
use faultline_model::{ContentFormat, DeclaredMetadata};
use faultline_pipeline::{Pipeline, PipelineError};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

static PIPELINE: OnceLock<Pipeline> = OnceLock::new();

fn pipeline() -> &'static Pipeline {
    PIPELINE.get_or_init(|| {
        let knowledge = faultline_pipeline::open_knowledge(None).expect("the shipped knowledge opens");
        let pipeline = Pipeline::load(knowledge).expect("the pipeline loads");
        for warning in &pipeline.warnings {
            eprintln!("pipeline warning: {warning}");
        }
        pipeline
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let published =
        DeclaredMetadata { published: Some("2024-02-13".to_string()), ..DeclaredMetadata::default() };
    let document = document(ContentFormat::Text, text, published);
    match pipeline().process(&document) {
        Ok(processed) => {
            assert_article_spans(&processed.article, text);
            assert_layer_spans(&processed.layers, &processed.article.text);
        }
        Err(PipelineError::Clean(_)) => {}
        Err(error) => panic!("{error}"),
    }
});
