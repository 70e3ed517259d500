//! `faultline show`: one stored article, its metadata and cleaned text with its numbers,
//! times, actors and places marked and its quotes and events listed, and on request what
//! cleaning removed and why.

use crate::output::{colour, one_line, print_json};
use faultline_export::labels::{
    actors_label, fatalities_label, place_label as event_place_label, status_label, type_label,
};
use faultline_model::{Article, Entity, Event, Layers, NumberMention, Place, Quote, TimeMention};
use serde::Serialize;
use std::path::Path;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// Article id, or a unique prefix of it
    #[arg(value_name = "ID")]
    id: String,
    /// Also show each removed span of the original, with its reason
    #[arg(long)]
    removed: bool,
    /// Print the text without marking numbers and times
    #[arg(long)]
    plain: bool,
    /// Print as JSON
    #[arg(long)]
    json: bool,
}

#[derive(Serialize)]
struct RemovedText<'a> {
    start: usize,
    end: usize,
    reason: &'a str,
    text: &'a str,
}

#[derive(Serialize)]
struct Shown<'a> {
    article: &'a Article,
    #[serde(flatten)]
    layers: &'a Layers,
    #[serde(skip_serializing_if = "Option::is_none")]
    removed_text: Option<Vec<RemovedText<'a>>>,
}

pub fn run(db: &Path, args: Args) -> anyhow::Result<ExitCode> {
    let store = super::open_existing(db)?;
    let article = store.get_article(&args.id)?;
    let layers = store.layers(&article.id)?;
    let original = if args.removed { Some(store.original_content(&article.id)?) } else { None };
    let removed_text = original.as_deref().map(|original| {
        article
            .removed
            .iter()
            .map(|span| RemovedText {
                start: span.start,
                end: span.end,
                reason: &span.reason,
                text: original.get(span.start..span.end).unwrap_or(""),
            })
            .collect::<Vec<_>>()
    });
    if args.json {
        print_json(&Shown { article: &article, layers: &layers, removed_text })?;
        return Ok(ExitCode::SUCCESS);
    }
    print_header(&article);
    println!();
    if args.plain {
        println!("{}", article.text);
    } else {
        println!("{}", marked_text(&article.text, &layers, colour()));
        print_quotes(&layers.quotes);
        print_events(&layers.events);
    }
    if let Some(removed) = removed_text {
        println!();
        println!("── removed ({} spans of the original) ──", removed.len());
        for span in removed {
            println!("{:>6}..{:<6} {:<20} {}", span.start, span.end, span.reason, one_line(span.text, 80));
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Prints the metadata lines shared by `show` and `extract`.
pub fn print_header(article: &Article) {
    let field = |value: &Option<String>| value.clone().unwrap_or_else(|| "-".to_string());
    println!("id         {}", article.id);
    println!("title      {}", field(&article.title));
    match &article.published_detail {
        Some(published) => {
            println!(
                "published  {} ({:?}, from {})",
                published.value, published.precision, published.found_in
            )
        }
        None => println!("published  - (unknown: pass --published to anchor relative dates)"),
    }
    println!("outlet     {}", field(&article.outlet));
    println!("dateline   {}", field(&article.dateline));
    println!("url        {}", field(&article.url));
    println!("input      {} ({:?})", article.origin, article.format);
    println!("sentences  {}", article.sentences.len());
    for warning in &article.warnings {
        println!("warning    {warning}");
    }
}

/// The text with each number, time, actor and place marked after its span:
/// `[At least 1,000]{≥1000 people}`, `[Monday]{2024-02-12}`, `[lham Aliyev]{person Ilham
/// Aliyev, President, AZE}`. Where spans overlap, the earlier (then longer) one is marked.
pub fn marked_text(text: &str, layers: &Layers, colour: bool) -> String {
    let mut marks: Vec<(usize, usize, String, &str)> = Vec::new();
    for number in &layers.numbers {
        marks.push((number.start, number.end, number_label(number), "33"));
    }
    for time in &layers.times {
        marks.push((time.start, time.end, time_label(time), "36"));
    }
    for entity in &layers.entities {
        marks.push((entity.start, entity.end, entity_label(entity), "32"));
    }
    for place in &layers.places {
        marks.push((place.start, place.end, place_label(place), "35"));
    }
    marks.sort_by_key(|mark| (mark.0, std::cmp::Reverse(mark.1)));
    let mut out = String::with_capacity(text.len() * 3 / 2);
    let mut at = 0;
    for (start, end, label, ansi) in marks {
        let (Some(before), Some(span)) = (text.get(at..start), text.get(start..end)) else {
            continue;
        };
        out.push_str(before);
        if colour {
            out.push_str(&format!("\x1b[{ansi}m[{span}]\x1b[2m{{{label}}}\x1b[0m"));
        } else {
            out.push_str(&format!("[{span}]{{{label}}}"));
        }
        at = end;
    }
    out.push_str(text.get(at..).unwrap_or(""));
    out
}

/// Lists the quotes with their speakers under the text.
pub fn print_quotes(quotes: &[Quote]) {
    if quotes.is_empty() {
        return;
    }
    println!();
    println!("── quotes ({}) ──", quotes.len());
    for quote in quotes {
        let speaker = quote.speaker.as_ref().map_or("unknown speaker".to_string(), |speaker| {
            let mut who = speaker.name.clone();
            if let Some(role) = &speaker.role {
                who.push_str(&format!(", {role}"));
            }
            if let Some(country) = &speaker.country {
                who.push_str(&format!(" ({country})"));
            }
            who
        });
        let cue = quote.cue.as_deref().unwrap_or("-");
        println!("“{}” — {speaker} [{cue}; {} span(s)]", one_line(&quote.text, 100), quote.spans.len());
    }
}

/// Lists the events under the quotes: what, who against whom, where, when, how many dead,
/// how sure, and the words that triggered it.
pub fn print_events(events: &[Event]) {
    if events.is_empty() {
        return;
    }
    println!();
    println!("── events ({}) ──", events.len());
    for event in events {
        println!("{}  {} → {}", type_label(event), actors_label(&event.source), actors_label(&event.target));
        let time = event.time.as_ref().map_or("-".to_string(), |time| {
            format!("{} ({})", time.value.as_deref().unwrap_or("unresolved"), time.source)
        });
        println!(
            "    place {} · time {time} · {} · {} · trigger “{}”",
            event_place_label(event),
            fatalities_label(event),
            status_label(event),
            event.trigger
        );
    }
}

fn entity_label(entity: &Entity) -> String {
    let mut label = format!("{} {}", entity.kind.as_str(), entity.name);
    for extra in [&entity.role, &entity.country].into_iter().flatten() {
        label.push_str(", ");
        label.push_str(extra);
    }
    label
}

fn place_label(place: &Place) -> String {
    let mut label = format!("place {}", place.name);
    for extra in [&place.admin1, &place.country].into_iter().flatten() {
        label.push_str(", ");
        label.push_str(extra);
    }
    label
}

fn number_label(number: &NumberMention) -> String {
    let value = |v: f64| if v.fract() == 0.0 { format!("{v:.0}") } else { format!("{v}") };
    let mut label = match (number.low, number.best, number.high) {
        (Some(low), _, Some(high)) if low != high => format!("{}–{}", value(low), value(high)),
        (Some(low), _, None) => format!("≥{}", value(low)),
        (None, _, Some(high)) => format!("≤{}", value(high)),
        (_, Some(best), _) => value(best),
        _ => "?".to_string(),
    };
    if let Some(noun) = &number.noun {
        label.push(' ');
        label.push_str(noun);
    }
    label
}

fn time_label(time: &TimeMention) -> String {
    match (&time.value, time.resolved) {
        (Some(value), true) => value.clone(),
        (Some(value), false) => format!("{value}, unresolved"),
        (None, _) => "unresolved".to_string(),
    }
}
