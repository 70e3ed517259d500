//! The flat named-entity view of a text ([`Pipeline::named_spans`]): actors and places
//! together, a span inside a longer one of the other layer left out, and a place with the very
//! span of a person, organisation or nationality the actor stage read from its context giving
//! way to it. Sentences written for these tests.

use faultline_model::EntityKind;
use faultline_pipeline::Pipeline;

fn spans(text: &str) -> Vec<(&str, EntityKind)> {
    let pipeline =
        Pipeline::load(faultline_pipeline::Knowledge::shipped()).expect("the knowledge data loads");
    let mut found: Vec<(&str, EntityKind)> =
        pipeline.named_spans(text).into_iter().map(|(start, end, kind)| (&text[start..end], kind)).collect();
    found.sort_by_key(|(span, _)| text.find(span));
    found
}

#[test]
fn nested_and_shared_spans_keep_one_reading() {
    let found = spans("She studied at the University of Texas in Austin. Composer Olivia Sheridan wrote it.");
    assert!(found.contains(&("University of Texas", EntityKind::Organization)), "{found:?}");
    assert!(!found.iter().any(|(span, _)| *span == "Texas"), "{found:?}");
    assert!(found.contains(&("Austin", EntityKind::Place)), "{found:?}");
    assert!(found.contains(&("Olivia Sheridan", EntityKind::Person)), "{found:?}");
    assert!(
        !found.iter().any(|(span, kind)| span.contains("Sheridan") && *kind == EntityKind::Place),
        "{found:?}"
    );
}
