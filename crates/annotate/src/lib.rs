//! Annotation: the numbers and time expressions of an article's clean text, each as a
//! byte span with a normalised value later stages can trust.
//!
//! - [`numbers`] reads figures the way conflict analysts code them: digits and words,
//!   hedges as UCDP-style low / best / high bounds, ACLED's conventions for vague
//!   quantities, and the noun each figure counts.
//! - [`times`] reads dates, clock times, durations and recurrences as TIMEX3 values,
//!   resolving relative ones ("on Monday", "overnight", "last week") against the
//!   publication date, and marking them unresolved when there is none.
//!
//! Both read one token stream ([`annotate`] tokenises once and shares it), are driven by
//! the readable word lists in `data/annotate/` (read through the knowledge crate, with the
//! closed classes of `data/lexicon/`), and run in one linear pass with no regular
//! expressions to compile: annotating a 3 KB article takes tens of microseconds. Figures
//! inside time expressions ("two days", "1994") are left to the time annotator, so the
//! two never report the same text.
//!
//! The modules stand in layers, each using only those below it: `lexicon` (the data),
//! `tokens`, `numerals` (a number's value, read by both annotators), then [`numbers`] and
//! [`times`] side by side; this root runs the time annotator first and hands the number
//! annotator the spans to leave alone.

pub mod numbers;
pub mod times;

mod lexicon;
mod numerals;
mod tokens;

use std::ops::Range;

use faultline_model::{Anchor, Article, NumberMention, TimeMention};
use serde::{Deserialize, Serialize};

pub use times::find_times;

/// The numbers and times of one text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Annotations {
    pub numbers: Vec<NumberMention>,
    pub times: Vec<TimeMention>,
}

/// Finds the numbers and times of `text`, resolving times against `anchor`. Equivalent
/// to [`find_numbers`] and [`find_times`], reading the text once.
pub fn annotate(text: &str, anchor: Option<&Anchor>) -> Annotations {
    let tokens = tokens::Tokens::new(text);
    let found = times::recognise(&tokens);
    let numbers = numbers::scan(&tokens, &time_spans(&found));
    Annotations { numbers, times: times::mentions(&tokens, &found, anchor) }
}

/// Finds the figures of `text` (see [`numbers`]), leaving the numbers inside time
/// expressions to the time annotator. Mentions come in text order and never overlap.
/// Never panics, whatever the input.
pub fn find_numbers(text: &str) -> Vec<NumberMention> {
    let tokens = tokens::Tokens::new(text);
    numbers::scan(&tokens, &time_spans(&times::recognise(&tokens)))
}

/// The token ranges of recognised time expressions, which the number annotator skips.
fn time_spans(found: &[times::Found]) -> Vec<Range<usize>> {
    found.iter().map(|f| f.start..f.end).collect()
}

/// Annotates an article's text, anchored on its publication date when it has one that
/// names a day.
pub fn annotate_article(article: &Article) -> Annotations {
    let anchor = article.published.as_deref().and_then(Anchor::from_published);
    annotate(&article.text, anchor.as_ref())
}

/// Builds every table this crate reads from the active knowledge
/// ([`faultline_knowledge::active`]) now rather than on first use, so that a malformed file
/// of a user's knowledge folder is reported when the pipeline loads, not in the middle of a
/// batch. A bad file panics with its name and line; the pipeline turns that into an error.
pub fn load_tables() {
    lexicon::load_tables();
}
