//! The countries of event actors that the whole pipeline settles: a group the text names by
//! kind alone ("gunmen", "civilians") takes the country of the event's place, as ACLED codes
//! "Civilians (Iraq)", while an actor with a country of its own keeps it. Sentences written
//! for these tests.

use faultline_model::{ContentFormat, DeclaredMetadata, Document, Event};
use faultline_pipeline::Pipeline;

fn events(text: &str) -> Vec<Event> {
    let pipeline =
        Pipeline::load(faultline_pipeline::Knowledge::shipped()).expect("the knowledge data loads");
    let document = Document {
        origin: "test".into(),
        format: ContentFormat::Text,
        content: text.into(),
        declared: DeclaredMetadata { published: Some("2024-03-05".into()), ..DeclaredMetadata::default() },
        warnings: Vec::new(),
    };
    pipeline.process(&document).expect("the text is processed").layers.events
}

#[test]
fn a_group_named_by_kind_alone_takes_the_country_of_the_events_place() {
    let found = events("Gunmen killed six civilians in a market in Mosul on Monday.");
    let killing = found.iter().find(|e| e.event_type == "ASSAULT").expect("the killing is coded");
    assert_eq!(killing.place.as_ref().and_then(|p| p.country.as_deref()), Some("IRQ"), "{killing:#?}");
    let sides: Vec<_> =
        killing.source.iter().chain(&killing.target).map(|a| (a.id.as_str(), a.country.as_deref())).collect();
    assert_eq!(sides, [("GENERIC:REB", Some("IRQ")), ("GENERIC:CVL", Some("IRQ"))], "{killing:#?}");
}

#[test]
fn an_actor_with_a_country_of_its_own_keeps_it() {
    let found = events("Armenian troops shelled Azerbaijani civilians near Kalbajar on Monday.");
    let shelling = found.iter().find(|e| e.event_type == "ASSAULT").expect("the shelling is coded");
    let sides: Vec<_> =
        shelling.source.iter().chain(&shelling.target).map(|a| a.country.as_deref()).collect();
    assert_eq!(sides, [Some("ARM"), Some("AZE")], "{shelling:#?}");
}
