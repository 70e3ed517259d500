//! The classification of one unit by what it is on its own (before its neighbours are
//! looked at), by the boilerplate rules (`rules`) and the metadata-line reader (`meta`).

use super::meta::{self, MetaLine};
use super::rules::{RULES, Rules, phrase_key};
use super::units::{self, Shape, Unit};
use regex::RegexSet;

/// Lines above [`MAX_SHORT_WORDS`] are only tried against the anchored patterns, and, up
/// to this many words, as captions ending with a credit in brackets.
const MAX_JUNK_WORDS: usize = 60;
/// Photo credits are shorter still.
const MAX_CREDIT_WORDS: usize = 15;
/// Metadata lines, cross-links and end-of-story markers are short.
const MAX_SHORT_WORDS: usize = 30;

/// What a unit is on its own.
#[derive(Debug)]
pub(super) enum Class {
    /// A paragraph of the story.
    Prose,
    /// A short title-like line: headline, sub-heading, caption, list item.
    Short,
    /// Boilerplate that goes wherever it stands, with its reason.
    Junk(&'static str),
    /// A cross-link; `headline` is the comparison key of the linked headline, if given.
    Link { headline: Option<String> },
    /// A line that opens a list of other stories.
    Heading(&'static str),
    /// A line that can end the story.
    End(&'static str),
    /// A metadata line, read.
    Meta(MetaLine),
    /// One social network name alone on a line: junk if a neighbour is social too.
    SocialWord,
}

/// Classifies a unit on its own.
pub(super) fn classify(unit: &Unit) -> Class {
    let rules = &*RULES;
    let text = unit.text.as_str();
    let words = unit.words;
    // Long lines are prose, unless an anchored pattern says otherwise or a caption ends
    // with its credit in brackets.
    if words > MAX_SHORT_WORDS {
        if let Some(i) = first_match(&rules.anchored, text) {
            return Class::Junk(rules.anchored_reasons[i]);
        }
        let caption = words <= MAX_JUNK_WORDS && text.ends_with(')') && is_one_caption(text);
        return match first_match(&rules.unanchored, text).filter(|_| caption) {
            Some(i) => Class::Junk(rules.unanchored_reasons[i]),
            None => Class::Prose,
        };
    }
    if !text.chars().any(char::is_alphanumeric) {
        return Class::Junk("separator");
    }
    if let Some(line) = meta::parse_line(text, words) {
        return Class::Meta(line);
    }
    if let Some(i) = first_match(&rules.ends, text) {
        return Class::End(rules.end_reasons[i]);
    }
    if let Some(rule) = rules.line_rule(text, words) {
        return if rule.heading { Class::Heading(rule.reason) } else { Class::Junk(rule.reason) };
    }
    if words <= 12 {
        let mut tokens = text.split([' ', '|', '·', '•', ',', '/']).filter(|t| !t.is_empty());
        let count = tokens.clone().count();
        if tokens.all(|t| rules.is_social(t)) {
            return if count >= 2 { Class::Junk("social-links") } else { Class::SocialWord };
        }
    }
    if let Some(caps) = rules.link.captures(text) {
        let headline = caps.name("rest").map(|m| units::key(m.as_str())).filter(|k| !k.is_empty());
        return Class::Link { headline };
    }
    if let Some(i) = first_match(&rules.anchored, text) {
        return Class::Junk(rules.anchored_reasons[i]);
    }
    if let Some(i) = first_match(&rules.unanchored, text)
        && (rules.unanchored_reasons[i] != "photo-credit" || is_one_caption(text))
    {
        return Class::Junk(rules.unanchored_reasons[i]);
    }
    let sentence = units::ends_like_sentence(text);
    if words <= MAX_CREDIT_WORDS && !sentence && rules.credits.is_match(text) {
        return Class::Junk("photo-credit");
    }
    if let Some(reason) = link_row(rules, text) {
        return Class::Junk(reason);
    }
    if !sentence && words <= 5 && text.starts_with(['•', '·', '▪', '►', '◦', '‣']) {
        return Class::Junk("tag-list");
    }
    match units::shape(text, words) {
        Shape::Prose => Class::Prose,
        Shape::Short => Class::Short,
    }
}

/// Whether the text before a closing bracketed credit is a single caption rather than
/// several sentences of story that happen to end with a credit ("... he performs.
/// (Supplied photo)"): a paragraph of prose is kept whole, credit and all.
fn is_one_caption(text: &str) -> bool {
    let body = text.rfind('(').map_or(text, |open| &text[..open]).trim_end();
    let inner_stops = body
        .trim_end_matches(['.', '!', '?'])
        .match_indices(['.', '!', '?'])
        .filter(|(at, _)| {
            let next = body[at + 1..].strip_prefix(' ').and_then(|rest| rest.chars().next());
            next.is_some_and(char::is_uppercase)
        })
        .count();
    inner_stops == 0
}

/// The first pattern of the set that matches. Most lines match none, which the fast
/// `is_match` settles without the costlier search for every matching pattern.
fn first_match(set: &RegexSet, text: &str) -> Option<usize> {
    if !set.is_match(text) {
        return None;
    }
    set.matches(text).iter().next()
}

/// A row of short links separated by `|` ("VisionRI | Disclaimer | Terms of use"): a
/// footer if one of them is a footer phrase, else navigation when there are three or more.
fn link_row(rules: &Rules, text: &str) -> Option<&'static str> {
    if !text.contains('|') {
        return None;
    }
    let fields: Vec<&str> = text.split('|').map(str::trim).filter(|f| !f.is_empty()).collect();
    let short = |f: &&str| f.split(' ').count() <= 5 && !units::ends_like_sentence(f);
    if fields.len() < 2 || !fields.iter().all(short) {
        return None;
    }
    let footer = fields.iter().any(|f| rules.lines.get(&phrase_key(f)).is_some_and(|r| r.reason == "footer"));
    if footer {
        Some("footer")
    } else if fields.len() >= 3 {
        Some("navigation")
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn class_of(text: &str) -> Class {
        let unit = Unit {
            span: 0..text.len(),
            block: 0,
            text: units::collapse_whitespace(text),
            words: units::word_count(&units::collapse_whitespace(text)),
        };
        classify(&unit)
    }

    fn reason_of(text: &str) -> String {
        match class_of(text) {
            Class::Junk(r) => format!("junk:{r}"),
            Class::Heading(r) => format!("heading:{r}"),
            Class::End(r) => format!("end:{r}"),
            Class::Link { headline } => format!("link:{}", headline.unwrap_or_default()),
            Class::Meta(m) => format!("meta:{}", m.reason),
            Class::Prose => "prose".into(),
            Class::Short => "short".into(),
            Class::SocialWord => "social-word".into(),
        }
    }

    #[test]
    fn classifies_lines_on_their_own() {
        let cases = [
            ("Skip to main content", "junk:navigation"),
            ("MENU", "junk:navigation"),
            ("Home > World > Europe", "junk:navigation"),
            ("News » Politics » Elections", "junk:navigation"),
            ("4 min read", "junk:navigation"),
            ("ADVERTISEMENT", "junk:advertisement"),
            ("Story continues below advertisement", "junk:advertisement"),
            ("Sign up for our daily briefing newsletter", "junk:promo"),
            ("Subscribe to our Newsletter \u{a0}", "junk:promo"),
            ("Photo: Jane Doe/Reuters", "junk:photo-credit"),
            ("Image credit: Handout", "junk:photo-credit"),
            ("(AP Photo/Jane Doe)", "junk:photo-credit"),
            (
                "President speaks at a rally in the capital on Friday. (AP Photo/Jane Doe)",
                "junk:photo-credit",
            ),
            ("Rescuers at the site (Source: Jane Doe/Wikimedia)", "junk:photo-credit"),
            ("[Representational image]Wikimedia Commons", "junk:photo-credit"),
            ("Representative imagePhil Roe - Flickr", "junk:photo-credit"),
            ("File photo", "junk:photo-credit"),
            ("AFP via Getty Images", "junk:photo-credit"),
            ("Reuters/Maxim Example", "junk:photo-credit"),
            ("© Sputnik / Ivan Example", "junk:photo-credit"),
            ("Kremlin press service", "junk:photo-credit"),
            ("Read more", "link:"),
            ("READ MORE: Ex-Soviet state may quit the council", "link:ex soviet state may quit the council"),
            ("Also Read | Talks collapse in Geneva", "link:talks collapse in geneva"),
            ("Read Next: Talks…Collapse", "link:talks collapse"),
            ("Click here to read the full report", "junk:promo"),
            ("Related", "heading:related-list"),
            ("TRENDING", "heading:trending-list"),
            ("OPINION / BLOG / INTERVIEW", "heading:opinion-list"),
            ("Most Read", "heading:popular-list"),
            ("You may also like", "heading:popular-list"),
            ("(With inputs from agencies.)", "end:end-of-article"),
            ("(Reporting by Jane Doe; Editing by John Roe)", "end:end-of-article"),
            ("© 2024 Example News. All rights reserved.", "end:footer"),
            ("© Copyright 2024", "end:footer"),
            ("Leave a Reply", "end:end-of-article"),
            ("Connect us on", "junk:social-links"),
            ("LinkedIn Quora Youtube RSS", "junk:social-links"),
            ("Facebook Twitter WhatsApp Email", "junk:social-links"),
            ("Facebook", "social-word"),
            ("Copy Link URL Copied!", "junk:social-links"),
            ("Share Tweet Submit", "junk:social-links"),
            ("Email: desk@example.org", "junk:contact-details"),
            ("Phone: +1-555-0100, +1-555-0101", "junk:contact-details"),
            ("Example Media | Disclaimer | Terms of use | Privacy Policy", "junk:footer"),
            ("World | Politics | Business | Sport", "junk:navigation"),
            ("• Country:", "junk:tag-list"),
            ("Tags: Armenia, Azerbaijan, Russia", "junk:tag-list"),
            ("• Russian Federation", "junk:tag-list"),
            ("***", "junk:separator"),
            ("Your email address will not be published.", "junk:comment-form"),
            (
                "This website uses cookies to improve your experience while you navigate through \
                 the website. Out of these cookies, the cookies that are categorized as necessary \
                 are stored on your browser as they are essential for the working of basic \
                 functionalities of the website.",
                "junk:cookie-notice",
            ),
            ("<img height=\"1\" width=\"1\" src=\"//example.org/p\">", "junk:markup"),
            ("Azerbaijan says sorry!", "short"),
            ("Mi-17 chopper", "short"),
            ("Nikol Pashinyan", "short"),
            ("Devdiscourse News Desk | Moscow | Updated: 28-12-2024 20:33 IST", "meta:metadata-line"),
            ("By Jane Doe", "meta:byline"),
            ("Moscow on Tuesday called the development concerning.", "prose"),
        ];
        for (text, expected) in cases {
            assert_eq!(reason_of(text), expected, "classifying {text:?}");
        }
    }

    #[test]
    fn story_sentences_that_mention_credits_or_links_stay_prose() {
        for text in [
            "Photos posted on Flickr showed the damaged hangar, the ministry said.",
            "Reuters could not independently verify the report.",
            "More than 100 people were killed, officials said.",
            "Related talks in Geneva collapsed on Friday.",
            "Home to 50,000 people, the town was shelled overnight.",
            "The agency's press service said the talks would resume.",
            "Follow-up talks are planned for next week.",
            "Share prices fell after the announcement.",
            "Copyright lawyers said the claim was weak.",
            "Drumming up interest. A local drummer will appear on television this week. (Supplied photo)",
            "Rescuers searched the rubble. Officials said twelve people died in the strike, \
             and dozens more were wounded when the upper floors collapsed onto the street below. (AP Photo)",
        ] {
            assert_eq!(reason_of(text), "prose", "classifying {text:?}");
        }
    }
}
