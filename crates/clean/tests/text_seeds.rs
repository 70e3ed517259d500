//! The text cleaner on the four sample articles of `shared/samples/seeds/`, checked
//! against what `SEEDS-EXPECTED.md` asks. The articles are third-party text: they are read
//! from the shared folder at test time, never copied here, and the tests skip (with a
//! note) when the folder is absent.

mod text_support;

use faultline_clean::dates::parse_publication_date;
use faultline_clean::text::{TextCleaning, clean_text};

/// The content and cleaning of the seed whose file name starts with `prefix`, or `None`
/// (with a note) when the samples are not there.
fn seed(prefix: &str) -> Option<(String, TextCleaning)> {
    let content = faultline_testdata::seed(prefix)?.text;
    let cleaning = clean_text(&content);
    text_support::check_spans(&content, &cleaning);
    Some((content, cleaning))
}

/// The reasons of the removed spans, in order.
fn reasons(cleaning: &TextCleaning) -> Vec<&str> {
    cleaning.removed.iter().map(|r| r.reason.as_str()).collect()
}

fn kept_text(cleaning: &TextCleaning) -> String {
    let texts: Vec<&str> = cleaning.paragraphs.iter().map(|p| p.text.as_str()).collect();
    texts.join("\n\n")
}

#[test]
fn seed_000_loses_captions_credits_and_the_subheading() {
    let Some((_, c)) = seed("000") else { return };
    assert_eq!(reasons(&c), ["photo-caption", "photo-credit", "subheading", "photo-caption", "photo-credit"]);
    assert_eq!(c.metadata.title, None, "the first paragraph is body text");
    assert_eq!(c.paragraphs.len(), 7);
    let text = kept_text(&c);
    for junk in ["Wikimedia", "Flickr", "Mi-17 chopper", "Armenia flag", "says sorry!"] {
        assert!(!text.contains(junk), "{junk:?} survived");
    }
    assert!(c.paragraphs[0].text.starts_with("Tensions brewing"));
    assert!(c.paragraphs[6].text.ends_with("history of Azerbaijan.\""));
    // The no-break space in "Azerbaijan\u{a0}was" is collapsed with the other spaces.
    assert!(text.contains("Azerbaijan was quick"));
}

#[test]
fn seed_001_keeps_the_standfirst_and_drops_read_more_links() {
    let Some((_, c)) = seed("001") else { return };
    assert_eq!(reasons(&c), ["read-more-link", "read-more-link"]);
    assert_eq!(c.metadata, Default::default());
    assert!(c.paragraphs[0].text.starts_with("Moscow has called on the rivals"));
    assert_eq!(c.paragraphs.len(), 12);
    assert!(!kept_text(&c).contains("READ MORE"));
}

#[test]
fn seed_002_drops_the_caption_and_the_linked_headline() {
    let Some((content, c)) = seed("002") else { return };
    assert_eq!(reasons(&c), ["photo-caption", "photo-credit", "related-headline", "read-more-link"]);
    let text = kept_text(&c);
    assert!(!text.contains("Wikimedia") && !text.contains("Threatens Armenia"));
    // Both Blinken paragraphs stay: they differ, and merging quotes is a later stage's job.
    assert_eq!(text.matches("no military solution").count(), 2);
    let removed: usize = c.removed.iter().map(|r| r.end - r.start).sum();
    assert!(removed < content.len() / 10);
}

#[test]
fn seed_003_reads_its_metadata_and_cuts_everything_after_the_story() {
    let Some((_, c)) = seed("003") else { return };
    let m = &c.metadata;
    assert_eq!(
        m.title.as_deref(),
        Some("Diplomatic Turbulence: Putin's Apology to Azerbaijan Following Airliner Crash")
    );
    assert_eq!(m.outlet.as_deref(), Some("Devdiscourse"));
    assert_eq!(m.dateline.as_deref(), Some("Moscow"));
    assert_eq!(m.author, None);
    let (raw, found_in) = m.published.clone().expect("a publication date");
    let published = parse_publication_date(&raw, &found_in).expect("a valid date");
    assert_eq!(published.value, "2024-12-28T20:33:00+05:30");
    assert_eq!(published.found_in, "text:created-line");

    // Headline, summary and the three body paragraphs.
    assert_eq!(c.paragraphs.len(), 5);
    assert_eq!(c.paragraphs[0].text, m.title.clone().unwrap());
    assert!(c.paragraphs[1].text.starts_with("Russian President Vladimir Putin apologized"));
    assert!(c.paragraphs[4].text.starts_with("An international investigative effort"));
    let text = kept_text(&c);
    for junk in [
        "BYD",
        "Transdniestria",
        "Crypto",
        "Lagos",
        "info@",
        "Copyright",
        "Country:",
        "Left Menu",
        "inputs from agencies",
    ] {
        assert!(!text.contains(junk), "{junk:?} survived");
    }
    let r = reasons(&c);
    assert_eq!(r.iter().filter(|&&r| r == "duplicate-headline").count(), 1);
    for expected in [
        "metadata-line",
        "tag-list",
        "end-of-article",
        "trending-list",
        "opinion-list",
        "contact-details",
        "footer",
    ] {
        assert!(r.contains(&expected), "no {expected} span in {r:?}");
    }
}
