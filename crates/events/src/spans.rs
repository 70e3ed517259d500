//! The items of an annotation layer that lie in one sentence, found without scanning the
//! whole layer for every sentence (which made the event stage quadratic in the length of
//! an article: a 10 MB text took minutes).
//!
//! [`ByStart`] sorts a layer once by where its items start and answers "what lies inside
//! this span" by binary search. [`QuoteSweep`] walks the quotes' spans alongside the
//! sentences (which come in text order) and keeps only the spans that overlap the current
//! sentence, since a quote may begin in one sentence and end in another.

use faultline_model::Quote;

/// A layer's items sorted by their start offset, each with its byte span.
pub(crate) struct ByStart<'a, T> {
    items: Vec<(usize, usize, &'a T)>,
}

impl<'a, T> ByStart<'a, T> {
    pub fn new(layer: &'a [T], span: impl Fn(&T) -> (usize, usize)) -> Self {
        let mut items: Vec<_> = layer
            .iter()
            .map(|item| {
                let (start, end) = span(item);
                (start, end, item)
            })
            .collect();
        // Stable, so items that start together keep the layer's order.
        items.sort_by_key(|&(start, _, _)| start);
        ByStart { items }
    }

    /// The items that start at or after `start` and end at or before `end`, in start order.
    pub fn inside(&self, start: usize, end: usize) -> Vec<&'a T> {
        let first = self.items.partition_point(|&(item_start, _, _)| item_start < start);
        self.items[first..]
            .iter()
            .take_while(|&&(item_start, _, _)| item_start <= end)
            .filter(|&&(_, item_end, _)| item_end <= end)
            .map(|&(_, _, item)| item)
            .collect()
    }
}

/// The quotes that overlap each sentence in turn.
pub(crate) struct QuoteSweep<'a> {
    quotes: &'a [Quote],
    /// (start, end, quote index) of every span of every quote, by start.
    spans: Vec<(usize, usize, usize)>,
    /// The next span not yet taken into `open`.
    next: usize,
    /// Spans that began before the current sentence's end and may still overlap it.
    open: Vec<(usize, usize, usize)>,
    /// Where the last sentence started: the sweep restarts if sentences go backwards.
    last_start: usize,
}

impl<'a> QuoteSweep<'a> {
    pub fn new(quotes: &'a [Quote]) -> Self {
        let mut spans: Vec<_> = quotes
            .iter()
            .enumerate()
            .flat_map(|(index, quote)| quote.spans.iter().map(move |span| (span.start, span.end, index)))
            .collect();
        spans.sort_unstable();
        QuoteSweep { quotes, spans, next: 0, open: Vec::new(), last_start: 0 }
    }

    /// The quotes with a span overlapping `start..end`, in the article's quote order.
    pub fn overlapping(&mut self, start: usize, end: usize) -> Vec<&'a Quote> {
        if start < self.last_start {
            self.next = 0;
            self.open.clear();
        }
        self.last_start = start;
        while let Some(&span) = self.spans.get(self.next)
            && span.0 < end
        {
            self.open.push(span);
            self.next += 1;
        }
        self.open.retain(|&(_, span_end, _)| span_end > start);
        let mut indices: Vec<usize> = self
            .open
            .iter()
            .filter(|&&(span_start, _, _)| span_start < end)
            .map(|&(_, _, index)| index)
            .collect();
        indices.sort_unstable();
        indices.dedup();
        indices.into_iter().map(|index| &self.quotes[index]).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use faultline_model::Span;

    #[test]
    fn inside_finds_what_a_scan_finds() {
        let spans = [(30, 35), (0, 4), (10, 20), (12, 14), (19, 22), (20, 20), (40, 50)];
        let index = ByStart::new(&spans, |&(start, end)| (start, end));
        for (start, end) in [(0, 10), (10, 20), (12, 22), (20, 40), (0, 100), (50, 60)] {
            let mut expected: Vec<_> = spans.iter().filter(|&&(s, e)| s >= start && e <= end).collect();
            expected.sort_by_key(|&&(s, _)| s);
            assert_eq!(index.inside(start, end), expected, "{start}..{end}");
        }
    }

    fn quote(text: &str, spans: &[(usize, usize)]) -> Quote {
        Quote {
            text: text.to_string(),
            start: spans[0].0,
            end: spans[0].1,
            spans: spans.iter().map(|&(start, end)| Span { start, end }).collect(),
            speaker: None,
            cue: None,
        }
    }

    #[test]
    fn a_quote_across_sentences_overlaps_each_and_a_repeated_one_both_places() {
        let quotes = [quote("long", &[(5, 45)]), quote("again", &[(50, 55), (120, 125)])];
        let mut sweep = QuoteSweep::new(&quotes);
        let texts = |found: Vec<&Quote>| found.iter().map(|q| q.text.clone()).collect::<Vec<_>>();
        assert_eq!(texts(sweep.overlapping(0, 20)), ["long"]);
        assert_eq!(texts(sweep.overlapping(20, 40)), ["long"]);
        assert_eq!(texts(sweep.overlapping(40, 60)), ["long", "again"]);
        assert!(sweep.overlapping(60, 110).is_empty());
        assert_eq!(texts(sweep.overlapping(110, 130)), ["again"]);
        assert_eq!(texts(sweep.overlapping(0, 20)), ["long"], "a sentence out of order restarts the sweep");
    }
}
