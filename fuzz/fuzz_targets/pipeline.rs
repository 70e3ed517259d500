//! Fuzz target: the whole per-article pipeline ([`faultline_pipeline::Pipeline::process`]:
//! cleaning, numbers and times, actors, places, quotes, events) on arbitrary text taken as
//! a plain-text article published on a fixed date. The pipeline is loaded once from the
//! shipped knowledge (`data/`, embedded at build time), as the CLI loads it. A panic is a
//! finding even though the pipeline would turn it into a per-document error. Input that
//! is not UTF-8 is skipped.

#![no_main]

use faultline_fuzz::{assert_article_spans, assert_layer_spans};
use faultline_model::{ContentFormat, DeclaredMetadata, Document};
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
    let document = Document {
        origin: "fuzz.txt".to_string(),
        format: ContentFormat::Text,
        content: text.to_string(),
        declared: DeclaredMetadata {
            published: Some("2024-02-13".to_string()),
            ..DeclaredMetadata::default()
        },
        warnings: Vec::new(),
    };
    match pipeline().process(&document) {
        Ok(processed) => {
            assert_article_spans(&processed.article, text);
            assert_layer_spans(&processed.layers, &processed.article.text);
        }
        Err(PipelineError::Clean(_)) => {}
        Err(error) => panic!("{error}"),
    }
});
