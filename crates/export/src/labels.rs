//! Short labels of an event for listings and tables: `ASSAULT/shelling`,
//! `Russian armed forces (RUS), Belarus (BLR)`, `Kharkiv, Kharkiv Oblast, UKR`, `2–5 dead`,
//! `claimed, future, background`.

use crate::figure;
use faultline_model::{Event, EventActor, Modality, Range};

/// `ASSAULT/shelling`, or the type alone when the text gives no mode.
pub fn type_label(event: &Event) -> String {
    match &event.mode {
        Some(mode) => format!("{}/{mode}", event.event_type),
        None => event.event_type.clone(),
    }
}

/// `Russian armed forces (RUS), Belarus (BLR)`, or `-` for nobody.
pub fn actors_label(actors: &[EventActor]) -> String {
    if actors.is_empty() {
        return "-".to_string();
    }
    actors
        .iter()
        .map(|actor| match &actor.country {
            Some(country) if !actor.id.ends_with(country.as_str()) => format!("{} ({country})", actor.name),
            _ => actor.name.clone(),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// The actors' names joined with `; `, as the CSV and GeoJSON write them.
pub fn names(actors: &[EventActor]) -> String {
    actors.iter().map(|actor| actor.name.as_str()).collect::<Vec<_>>().join("; ")
}

/// `Kharkiv, Kharkiv Oblast, UKR`, or `-` when the event has no place.
pub fn place_label(event: &Event) -> String {
    let Some(place) = &event.place else { return "-".to_string() };
    let mut label = place.name.clone();
    for extra in [&place.admin1, &place.country].into_iter().flatten() {
        if extra != &place.name {
            label.push_str(", ");
            label.push_str(extra);
        }
    }
    label
}

/// `3 dead`, `2–5 dead`, `≥10 dead`, or `-` when no figure is given.
pub fn fatalities_label(event: &Event) -> String {
    event
        .fatalities
        .overall()
        .and_then(|range| range_label(&range))
        .map_or("-".to_string(), |n| format!("{n} dead"))
}

/// `asserted`, `claimed`, with `negated` / `future` ... and `background` added when so.
pub fn status_label(event: &Event) -> String {
    let mut label = event.status.as_str().to_string();
    let modality = (event.modality != Modality::Actual).then(|| event.modality.as_str());
    for extra in [modality, event.background.then_some("background")].into_iter().flatten() {
        label.push_str(", ");
        label.push_str(extra);
    }
    label
}

/// `3`, `2–5`, `≥10`, `≤20`, or None when the range holds no figure.
pub fn range_label(range: &Range) -> Option<String> {
    let value = |v: f64| figure(Some(v));
    Some(match (range.low, range.best, range.high) {
        (_, Some(best), _) => value(best),
        (Some(low), None, Some(high)) if low != high => format!("{}–{}", value(low), value(high)),
        (Some(low), None, _) => format!("≥{}", value(low)),
        (None, None, Some(high)) => format!("≤{}", value(high)),
        (None, None, None) => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_read_as_figures() {
        let range = |low, best, high| Range { low, best, high };
        assert_eq!(range_label(&range(Some(2.0), Some(3.0), Some(5.0))).as_deref(), Some("3"));
        assert_eq!(range_label(&range(Some(2.0), None, Some(5.0))).as_deref(), Some("2–5"));
        assert_eq!(range_label(&range(Some(10.0), None, None)).as_deref(), Some("≥10"));
        assert_eq!(range_label(&range(None, None, Some(2.5))).as_deref(), Some("≤2.5"));
        assert_eq!(range_label(&range(None, None, None)), None);
    }
}
