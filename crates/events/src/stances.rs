//! Statements about acts that have not happened are events of their own, as PLOVER codes
//! them: saying one will cooperate is AGREE ("Syria says it is willing to withdraw"),
//! saying one will use force or pressure is THREATEN ("plans to impose restrictions"),
//! saying another must act is REQUEST ("X said Y must reach an agreement"), claiming that
//! another side attacked is ACCUSE ("Azerbaijan says Armenia started the shelling"), and refusing
//! to cooperate is REJECT ("refused to lift the curfew"; a plain negation such as "did not
//! admit" is not a refusal).
//!
//! The act itself stays, marked future, demanded or negated, with its confidence lowered;
//! the statement is added beside it as an actual event, unless the sentence already codes
//! one of that type.

use faultline_model::{Casualties, EventActor, Modality, Status};

use crate::Draft;
use crate::attribution::Report;
use crate::words::Words;

/// The statement events the sentence's future, demanded and negated acts imply.
pub fn derive(drafts: &[(Draft, usize)], reports: &[Report], words: &Words) -> Vec<(Draft, usize)> {
    let has_type = |event_type: &str| drafts.iter().any(|(d, _)| d.event.event_type == event_type);
    let mut derived: Vec<(Draft, usize)> = Vec::new();
    for (draft, head) in drafts {
        let event = &draft.event;
        let kind = event.event_type.as_str();
        let countries =
            |actors: &[EventActor]| actors.iter().filter_map(|a| a.country.clone()).collect::<Vec<_>>();
        let accused = countries(&event.source);
        let claims_against_other = event.status == Status::Claimed
            && words.coercive_types.contains(kind)
            && !accused.is_empty()
            && !event.claimed_by.is_empty()
            && countries(&event.claimed_by).iter().all(|c| !accused.contains(c));
        let statement = match event.modality {
            Modality::Actual if claims_against_other => "ACCUSE",
            Modality::Future if words.cooperative_types.contains(kind) && kind != "AGREE" => "AGREE",
            Modality::Future if words.coercive_types.contains(kind) => "THREATEN",
            Modality::Demanded if kind != "REQUEST" => "REQUEST",
            Modality::Negated if draft.refused && words.cooperative_types.contains(kind) => "REJECT",
            _ => continue,
        };
        if has_type(statement) || derived.iter().any(|(d, _)| d.event.event_type == statement) {
            continue;
        }
        // Who makes the statement: the actor of the act, except for a demand, which is
        // made by whoever reports it, of the act's actor.
        let (source, target) = if statement == "ACCUSE" {
            (event.claimed_by.clone(), event.source.clone())
        } else if statement == "REQUEST" {
            let demander: Vec<EventActor> = reports
                .iter()
                .find(|r| !r.reporter.is_empty())
                .map(|r| r.reporter.clone())
                .unwrap_or_default();
            let target = if event.source.is_empty() { event.target.clone() } else { event.source.clone() };
            (demander, target)
        } else {
            (event.source.clone(), event.target.clone())
        };
        if source.is_empty() && target.is_empty() {
            continue;
        }
        // The statement is told with the act: same trigger, place, time, reporter and
        // evidence; it has its own type, actors and confidence, and is actual and asserted.
        let mut statement_event = event.clone();
        statement_event.event_type = statement.to_string();
        statement_event.mode = Some(if statement == "ACCUSE" {
            "allege".to_string()
        } else {
            format!("intent:{}", kind.to_lowercase())
        });
        statement_event.source = source;
        statement_event.target = target;
        statement_event.modality = Modality::Actual;
        statement_event.status = Status::Asserted;
        statement_event.claimed_by = Vec::new();
        statement_event.fatalities = Casualties::default();
        statement_event.injuries = Casualties::default();
        statement_event.captured = Casualties::default();
        statement_event.missing = Casualties::default();
        statement_event.rule = format!("stance:{}", event.rule);
        statement_event.confidence = if statement == "ACCUSE" {
            (event.confidence * 0.9).min(0.95)
        } else {
            (event.confidence / 0.7).min(0.95)
        };
        derived.push((Draft { event: statement_event, ..draft.clone() }, *head));
    }
    derived
}
