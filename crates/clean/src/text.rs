//! Boilerplate removal and metadata for plain-text copies of web pages.
//!
//! A copy of a page's visible text holds the story among menus, photo credits, links to
//! other stories, lists of trending headlines and footers. [`clean_text`] keeps the
//! headline and the story's paragraphs, records every dropped span with a reason, and
//! reads the metadata lines (date, by-line, outlet, dateline) before dropping them.
//!
//! # How a copy is read
//!
//! The content is cut into units: lines, or paragraphs when the copy is hard-wrapped
//! (see `units`). Each unit is first classified on its own (`classify`, driven by the
//! rules of `data/clean/boilerplate.txt` in `rules` and the metadata-line reader `meta`):
//! prose, a short title-like line, a known piece of boilerplate, a cross-link, a list
//! heading, an end-of-story marker, or a metadata line.
//! Then the units are read in order, in three regions:
//!
//! - **Top**, before the body's first paragraph (the first prose that ends like a
//!   sentence). The headline is chosen among the title-like lines there of three words
//!   or more (short lines, or longer ones in title case): the one nearest the body that a
//!   page title repeats with the site's name ("Headline - Site", which then goes as
//!   `duplicate-headline` and gives the outlet), else the nearest one repeated elsewhere
//!   (copies often hold the headline twice), else the nearest of five words or more (menu
//!   items are shorter), else the nearest. Everything above it is navigation. Lines of six
//!   words or more standing right above the body, with only known boilerplate between,
//!   are a standfirst and stay (a summary, often without a final stop); other lines go. When the copy opens
//!   with a paragraph of the story there is no headline (`metadata.title` is `None`).
//! - **Body**. Prose stays. Short lines never stay inside the body: a short line beside a
//!   photo credit is its caption (`photo-caption`), one that repeats a neighbouring
//!   cross-link's headline is `related-headline`, one that repeats the headline is
//!   `duplicate-headline`, one that shares its block with other dropped lines is a
//!   caption, and a short line standing alone between paragraphs ("Azerbaijan says
//!   sorry!") is a `subheading`: it heads the story's sections but is not a sentence of
//!   it. A list heading ("Related stories") drops the short lines after it until the prose
//!   resumes (two paragraphs in a row, or one of 40 words or more). Lines of prose
//!   without a final stop after the story's last full paragraph are teasers of other
//!   stories and go (`end-of-article`).
//! - **Tail**, from an end-of-story marker ("(With inputs from agencies.)", "(Reporting
//!   by ...)", "© 2024 ...", "Leave a reply") to the end: everything goes, each line under
//!   the reason of the list it belongs to (`trending-list`, `opinion-list`,
//!   `social-links`, `contact-details`, `footer` ...) or `end-of-article`. A marker only
//!   starts the tail when more prose stands before it than after it.
//!
//! # Metadata
//!
//! - `title`: the headline chosen above, kept as the first paragraph too; its repeats go
//!   as `duplicate-headline`.
//! - `published`: from date lines ("date 2024-12-28", "Published: Dec. 28, 2024",
//!   "Posted on 28 December 2024", a line that is only a date) and fields of by-line rows
//!   ("... | Updated: 28-12-2024 20:33 IST", "Jane Doe - Nov 19, 2019"). A published, created or posted date wins over a plain date, which wins over an
//!   updated or modified one; then the more precise wins. `found_in` names the label:
//!   `text:published-line`, `text:created-line`, `text:date-line`, `text:updated-line` ...
//! - `outlet`: a desk named in a by-line ("Devdiscourse News Desk" gives "Devdiscourse":
//!   a desk is not a person, so no author), else the site named by the page title, else
//!   the owner in a copyright line, else a news agency named in a by-line or a wire
//!   dateline ("(Reuters)").
//! - `dateline`: a place field of a by-line row ("... | Moscow | Updated ..."), else a wire
//!   dateline opening one of the first two paragraphs: "MOSCOW (Reuters) - " gives
//!   "Moscow" (capitals are title-cased). The wire prefix is removed from the paragraph
//!   (reason `dateline`) so that its first sentence starts with the story.
//! - `author`: "By Jane Doe", "By Jane Doe and John Roe, Reuters" (names only).
//!
//! Reason codes: `navigation`, `advertisement`, `promo`, `metadata-line`, `byline`,
//! `dateline`, `duplicate-headline`, `duplicate-paragraph`, `photo-caption`,
//! `photo-credit`, `read-more-link`, `related-headline`, `subheading`, `fragment`,
//! `tag-list`, `separator`, `trending-list`, `opinion-list`, `latest-list`,
//! `popular-list`, `related-list`, `end-of-article`, `footer`, `contact-details`,
//! `social-links`, `comment-form`, `cookie-notice`, `markup`.

mod classify;
mod meta;
mod rules;
mod units;

pub(crate) use units::collapse_whitespace;

use classify::Class;
use faultline_model::Removed;
use meta::{DateCandidate, MetaLine};
use std::collections::{HashMap, HashSet};
use std::ops::Range;
use units::Unit;

/// Metadata read from the lines of a text copy.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TextMetadata {
    pub title: Option<String>,
    /// The raw date string and where it was found, e.g. `("28-12-2024 20:33 IST", "text:updated-line")`.
    pub published: Option<(String, String)>,
    pub dateline: Option<String>,
    pub outlet: Option<String>,
    pub author: Option<String>,
}

/// A kept paragraph: its text (whitespace collapsed) and its span in the original content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeptParagraph {
    pub text: String,
    pub source: Range<usize>,
}

/// The result of cleaning a text copy.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TextCleaning {
    pub paragraphs: Vec<KeptParagraph>,
    /// Spans of the original content that were dropped, with a reason.
    pub removed: Vec<Removed>,
    pub metadata: TextMetadata,
}

/// Cleans a plain-text copy of a web page.
pub fn clean_text(content: &str) -> TextCleaning {
    let units = units::split(content);
    let mut classes: Vec<Class> = units.iter().map(classify::classify).collect();
    settle_social_words(&mut classes);
    Reader::new(content, &units, classes).read()
}

/// A single social network name is junk when a neighbour is social too.
fn settle_social_words(classes: &mut [Class]) {
    let social = |c: &Class| matches!(c, Class::SocialWord | Class::Junk("social-links"));
    let flags: Vec<bool> = (0..classes.len())
        .map(|i| {
            matches!(classes[i], Class::SocialWord)
                && ((i > 0 && social(&classes[i - 1])) || classes.get(i + 1).is_some_and(social))
        })
        .collect();
    for (class, junk) in classes.iter_mut().zip(flags) {
        if matches!(class, Class::SocialWord) {
            *class = if junk { Class::Junk("social-links") } else { Class::Short };
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Decision {
    Keep,
    /// Kept from this byte offset on: a wire dateline opens the unit.
    KeepFrom(usize),
    Drop(&'static str),
    /// A short line in the body, decided once its neighbours are known.
    Pending,
}

struct Reader<'a> {
    content: &'a str,
    units: &'a [Unit],
    classes: Vec<Class>,
    decisions: Vec<Decision>,
    /// Units whose metadata counts (not in a list, not in the tail).
    meta_units: Vec<usize>,
    title: Option<usize>,
    /// A page title repeating the headline with the site's name, and that name.
    page_title: Option<(usize, String)>,
}

impl<'a> Reader<'a> {
    fn new(content: &'a str, units: &'a [Unit], classes: Vec<Class>) -> Reader<'a> {
        Reader {
            content,
            units,
            decisions: vec![Decision::Pending; units.len()],
            classes,
            meta_units: Vec::new(),
            title: None,
            page_title: None,
        }
    }

    fn read(mut self) -> TextCleaning {
        let n = self.units.len();
        let body_start = (0..n)
            .find(|&i| self.is_body_prose(i) && self.is_terminated(i))
            .or_else(|| (0..n).find(|&i| self.is_body_prose(i)))
            .unwrap_or(n);
        let tail_start = self.tail_start(body_start).unwrap_or(n);
        self.read_top(body_start);
        self.read_body(body_start, tail_start);
        self.read_tail(tail_start);
        self.drop_trailing_teasers(body_start, tail_start);
        self.settle_short_lines();
        self.drop_duplicate_paragraphs();
        let wire = self.strip_wire_dateline(body_start);
        let metadata = self.metadata(wire, tail_start);
        self.output(metadata)
    }

    /// Prose that opens the body: not a long headline in title case without a full stop.
    fn is_body_prose(&self, i: usize) -> bool {
        matches!(self.classes[i], Class::Prose) && !self.is_long_title(i)
    }

    /// Prose that ends like a sentence: what a story's paragraphs are made of (a teaser
    /// in a list of other stories often has no final stop).
    fn is_terminated(&self, i: usize) -> bool {
        matches!(self.classes[i], Class::Prose) && units::ends_like_sentence(&self.units[i].text)
    }

    fn is_long_title(&self, i: usize) -> bool {
        let unit = &self.units[i];
        unit.words <= 25
            && !units::ends_like_sentence(&unit.text)
            && units::title_case_ratio(&unit.text) >= 0.6
    }

    /// The first end-of-story marker after the body starts with more prose (ending like
    /// sentences) before it than after it.
    fn tail_start(&self, body_start: usize) -> Option<usize> {
        let prose_words: Vec<usize> = (0..self.units.len())
            .map(|i| if self.is_terminated(i) { self.units[i].words } else { 0 })
            .collect();
        let total: usize = prose_words.iter().sum();
        let mut before = 0;
        for (i, words) in prose_words.iter().enumerate() {
            if i > body_start && matches!(self.classes[i], Class::End(_)) && before > total - before {
                return Some(i);
            }
            before += words;
        }
        None
    }

    /// Decision for a unit that is boilerplate wherever it stands; `None` for prose and
    /// short lines.
    fn own_reason(&self, i: usize) -> Option<&'static str> {
        match &self.classes[i] {
            Class::Junk(r) | Class::Heading(r) | Class::End(r) => Some(r),
            Class::Meta(m) => Some(m.reason),
            Class::Link { .. } => Some("read-more-link"),
            Class::Prose | Class::Short | Class::SocialWord => None,
        }
    }

    fn read_top(&mut self, body_start: usize) {
        self.pick_title(body_start);
        let title_key = self.title.map(|t| units::key(&self.units[t].text));
        let standfirst_from = self.standfirst_from(body_start, title_key.as_deref());
        for i in 0..body_start {
            self.decisions[i] = if let Some(reason) = self.own_reason(i) {
                if matches!(self.classes[i], Class::Meta(_)) {
                    self.meta_units.push(i);
                }
                Decision::Drop(reason)
            } else if Some(i) == self.title {
                Decision::Keep
            } else if self.page_title.as_ref().is_some_and(|(p, _)| *p == i)
                || title_key.as_deref() == Some(units::key(&self.units[i].text).as_str())
            {
                Decision::Drop("duplicate-headline")
            } else if i >= standfirst_from {
                Decision::Keep
            } else {
                Decision::Drop("navigation")
            };
        }
    }

    /// Where the standfirst starts: the lines of six words or more (other than repeats
    /// of the headline) that stand right above the body, with only known boilerplate
    /// between them. Returns `body_start` when there is none.
    fn standfirst_from(&self, body_start: usize, title_key: Option<&str>) -> usize {
        let floor = self.title.map_or(0, |t| t + 1);
        let mut from = body_start;
        for i in (floor..body_start).rev() {
            if self.own_reason(i).is_some() {
                continue;
            }
            let repeat = title_key == Some(units::key(&self.units[i].text).as_str());
            if self.units[i].words < 6 || repeat {
                break;
            }
            from = i;
        }
        from
    }

    /// The headline: among the top's title-like lines of three words or more (short
    /// lines, and long lines in title case without a full stop), the one nearest the body
    /// that the page title repeats ("Headline - Site"), else the nearest one repeated
    /// elsewhere (copies often hold the headline twice), else the nearest one of five
    /// words or more, else the nearest one. Also finds the page title.
    fn pick_title(&mut self, body_start: usize) {
        let candidates: Vec<usize> = (0..body_start)
            .filter(|&i| {
                let title_like = match self.classes[i] {
                    Class::Short => true,
                    Class::Prose => self.is_long_title(i),
                    _ => false,
                };
                title_like && self.units[i].words >= 3
            })
            .collect();
        if candidates.is_empty() {
            return;
        }
        // Keys of every short line, and the headline parts of page titles above the body.
        let mut seen: HashMap<u64, usize> = HashMap::new();
        for unit in self.units.iter().filter(|u| u.words <= 40) {
            *seen.entry(units::key_hash(&unit.text)).or_insert(0) += 1;
        }
        let mut page_titles: HashMap<u64, (usize, &str)> = HashMap::new();
        for (i, unit) in self.units[..body_start].iter().enumerate() {
            if let Some((head, site)) = units::split_site_suffix(&unit.text) {
                page_titles.entry(units::key_hash(head)).or_insert((i, site));
            }
        }
        let key_of = |c: &usize| units::key_hash(&self.units[*c].text);
        let in_page_title = candidates.iter().rev().find(|c| page_titles.contains_key(&key_of(c)));
        let repeated = candidates.iter().rev().find(|c| seen.get(&key_of(c)).is_some_and(|&n| n > 1));
        // Menu items near the body ("Things to Do") are shorter than most headlines.
        let nearest_long = candidates.iter().rev().find(|&&c| self.units[c].words >= 5);
        let title = in_page_title.or(repeated).or(nearest_long).or(candidates.last()).copied();
        self.title = title;
        self.page_title = title
            .and_then(|t| page_titles.get(&units::key_hash(&self.units[t].text)))
            .map(|&(i, site)| (i, site.to_string()));
    }

    fn read_body(&mut self, body_start: usize, tail_start: usize) {
        let mut list: Option<&'static str> = None;
        for i in body_start..tail_start {
            if let Class::Heading(reason) = self.classes[i] {
                list = Some(reason);
            }
            if let Some(reason) = self.own_reason(i) {
                if matches!(self.classes[i], Class::Meta(_)) && list.is_none() {
                    self.meta_units.push(i);
                }
                self.decisions[i] = Decision::Drop(reason);
                continue;
            }
            self.decisions[i] = match (&self.classes[i], list) {
                (Class::Prose, Some(reason)) => {
                    let next_is_prose = i + 1 < tail_start && matches!(self.classes[i + 1], Class::Prose);
                    if next_is_prose || self.units[i].words >= 40 {
                        list = None;
                        Decision::Keep
                    } else {
                        Decision::Drop(reason)
                    }
                }
                (Class::Prose, None) => Decision::Keep,
                (_, Some(reason)) => Decision::Drop(reason),
                (_, None) => Decision::Pending,
            };
        }
    }

    fn read_tail(&mut self, tail_start: usize) {
        let mut section: Option<&'static str> = None;
        for i in tail_start..self.units.len() {
            if let Class::Heading(reason) = self.classes[i] {
                section = Some(reason);
            }
            let specific = match self.classes[i] {
                Class::Junk(r) | Class::Heading(r) | Class::End(r) => Some(r),
                Class::Link { .. } => Some("read-more-link"),
                _ => None,
            };
            let reason = specific.or(section).unwrap_or("end-of-article");
            self.decisions[i] = Decision::Drop(reason);
        }
    }

    /// Drops the unterminated prose lines after the story's last paragraph that ends like a
    /// sentence: teasers of other stories, which rarely carry a final stop.
    fn drop_trailing_teasers(&mut self, body_start: usize, tail_start: usize) {
        let Some(last) = (body_start..tail_start)
            .rev()
            .find(|&i| self.decisions[i] == Decision::Keep && self.is_terminated(i))
        else {
            return;
        };
        for i in last + 1..tail_start {
            if self.decisions[i] == Decision::Keep {
                self.decisions[i] = Decision::Drop("end-of-article");
            }
        }
    }

    /// Decides the short lines left pending in the body.
    fn settle_short_lines(&mut self) {
        let n = self.units.len();
        let title_key = self.title.map(|t| units::key(&self.units[t].text));
        let has_blocks = self.units.last().is_some_and(|u| u.block > 0);
        for i in 0..n {
            if self.decisions[i] != Decision::Pending {
                continue;
            }
            let unit = &self.units[i];
            let key = units::key(&unit.text);
            let reason = if title_key.as_deref() == Some(key.as_str()) {
                "duplicate-headline"
            } else if self.repeats_link(i, &key) {
                "related-headline"
            } else if self.is_caption(i) {
                "photo-caption"
            } else if i > 0
                && matches!(self.classes[i - 1], Class::Junk("tag-list"))
                && self.units[i - 1].block == unit.block
                && unit.words <= 4
            {
                "tag-list"
            } else if !unit.text.chars().any(char::is_alphabetic) {
                "fragment"
            } else if has_blocks && self.block_mate_dropped(i) {
                "photo-caption"
            } else {
                "subheading"
            };
            self.decisions[i] = Decision::Drop(reason);
        }
    }

    /// A short line next to a cross-link that names it, or just below a bare "Read more".
    fn repeats_link(&self, i: usize, key: &str) -> bool {
        let link_at = |j: usize| match self.classes.get(j) {
            Some(Class::Link { headline }) => Some(headline.as_deref()),
            _ => None,
        };
        let names_it = |j: usize| link_at(j).is_some_and(|h| h == Some(key));
        names_it(i + 1) || (i > 0 && (names_it(i - 1) || link_at(i - 1) == Some(None)))
    }

    /// A short line just before or after a photo credit, or one of two short lines
    /// standing just before one.
    fn is_caption(&self, i: usize) -> bool {
        let credit = |j: usize| matches!(self.classes.get(j), Some(Class::Junk("photo-credit")));
        let short = |j: usize| matches!(self.classes.get(j), Some(Class::Short));
        credit(i + 1) || (i > 0 && credit(i - 1)) || (short(i + 1) && credit(i + 2))
    }

    /// Another unit of the same block was dropped (for copies with blank lines between
    /// paragraphs, where a block holds one paragraph or one group of page furniture).
    fn block_mate_dropped(&self, i: usize) -> bool {
        let block = self.units[i].block;
        let mate = |j: usize| self.units[j].block == block && matches!(self.decisions[j], Decision::Drop(_));
        (i > 0 && mate(i - 1)) || (i + 1 < self.units.len() && mate(i + 1))
    }

    /// Drops an exact repeat of an earlier paragraph of eight words or more.
    fn drop_duplicate_paragraphs(&mut self) {
        let mut seen: HashSet<&str> = HashSet::new();
        for i in 0..self.units.len() {
            if self.decisions[i] != Decision::Keep || self.units[i].words < 8 {
                continue;
            }
            if !seen.insert(self.units[i].text.as_str()) {
                self.decisions[i] = Decision::Drop("duplicate-paragraph");
            }
        }
    }

    /// Removes a wire dateline opening one of the first two kept body paragraphs.
    fn strip_wire_dateline(&mut self, body_start: usize) -> Option<meta::WireDateline> {
        let candidates: Vec<usize> = (body_start..self.units.len())
            .filter(|&i| self.decisions[i] == Decision::Keep && Some(i) != self.title)
            .take(2)
            .collect();
        for i in candidates {
            let span = self.units[i].span.clone();
            if let Some(wire) = meta::wire_dateline(&self.content[span.clone()])
                && wire.len < span.len()
            {
                self.decisions[i] = Decision::KeepFrom(span.start + wire.len);
                return Some(wire);
            }
        }
        None
    }

    fn metadata(&self, wire: Option<meta::WireDateline>, tail_start: usize) -> TextMetadata {
        let mut date: Option<&DateCandidate> = None;
        let (mut author, mut outlet, mut agency, mut dateline) = (None, None, None, None);
        for &i in &self.meta_units {
            let Class::Meta(line) = &self.classes[i] else {
                continue;
            };
            let MetaLine { date: d, author: a, outlet: o, agency: g, dateline: p, .. } = line;
            if let Some(d) = d
                && date.is_none_or(|old| meta::better(d, old))
            {
                date = Some(d);
            }
            author = author.or(a.clone());
            outlet = outlet.or(o.clone());
            agency = agency.or(g.clone());
            dateline = dateline.or(p.clone());
        }
        let owner = (tail_start..self.units.len())
            .chain(0..tail_start)
            .filter(|&i| matches!(self.classes[i], Class::End("footer")))
            .find_map(|i| meta::copyright_owner(&self.units[i].text));
        let (wire_place, wire_outlet) = match wire {
            Some(w) => (Some(w.place), w.outlet),
            None => (None, None),
        };
        let site = self.page_title.as_ref().map(|(_, site)| site.clone());
        TextMetadata {
            title: self.title.map(|t| self.units[t].text.clone()),
            published: date.map(|d| (d.raw.clone(), d.found_in.clone())),
            dateline: dateline.or(wire_place),
            outlet: outlet.or(site).or(owner).or(agency).or(wire_outlet),
            author,
        }
    }

    fn output(self, metadata: TextMetadata) -> TextCleaning {
        let mut paragraphs = Vec::new();
        let mut removed: Vec<Removed> = Vec::new();
        let mut drop = |span: Range<usize>, reason: &'static str, joins: bool| {
            if joins
                && let Some(last) = removed.last_mut()
                && last.reason == reason
            {
                last.end = span.end;
                return;
            }
            removed.push(Removed { start: span.start, end: span.end, reason: reason.to_string() });
        };
        let mut previous_dropped = false;
        for (unit, decision) in self.units.iter().zip(&self.decisions) {
            match *decision {
                Decision::Keep => {
                    paragraphs.push(KeptParagraph { text: unit.text.clone(), source: unit.span.clone() });
                    previous_dropped = false;
                }
                Decision::KeepFrom(from) => {
                    drop(unit.span.start..from, "dateline", false);
                    paragraphs.push(KeptParagraph {
                        text: units::collapse_whitespace(&self.content[from..unit.span.end]),
                        source: from..unit.span.end,
                    });
                    previous_dropped = false;
                }
                Decision::Drop(reason) => {
                    drop(unit.span.clone(), reason, previous_dropped);
                    previous_dropped = true;
                }
                // Every pending line is settled before output; a leftover is a sub-heading.
                Decision::Pending => {
                    drop(unit.span.clone(), "subheading", previous_dropped);
                    previous_dropped = true;
                }
            }
        }
        TextCleaning { paragraphs, removed, metadata }
    }
}

/// Builds the tables of the text cleaner now.
pub(crate) fn load_tables() {
    rules::load_tables();
    meta::load_tables();
}
