//! The text cleaner on odd input: it must never panic, and its spans must always keep
//! their contract (sorted, on character boundaries, covering every non-space character).

mod text_support;

use faultline_clean::text::clean_text;

fn check(content: &str) {
    let cleaning = clean_text(content);
    text_support::check_spans(content, &cleaning);
}

#[test]
fn odd_inputs_keep_the_span_contract() {
    let long_line = "word ".repeat(50_000);
    let long_word = "x".repeat(200_000);
    let many_lines = "A short headline without a stop\n".repeat(20_000);
    let many_paragraphs = "Troops advanced on the town overnight, officials said.\n\n".repeat(20_000);
    let many_markers = "(With inputs from agencies.)\nTRENDING\nRead more\n".repeat(2_000);
    let inputs = [
        "",
        " ",
        "\n\n\n",
        "\u{a0}\u{a0}\n\u{2028}",
        "\r\n\r\nOne line with CRLF.\r\nAnother line.\r\n",
        "\u{feff}Title with a BOM\n\nBody sentence here.",
        "\u{0}\u{1}\u{2}\u{7f}",
        "ÿþý\u{fffd}\u{fffd} broken bytes decoded lossily \u{fffd}",
        "日本語のテキスト。\n\n中文文本。",
        "Русский текст. Ещё одна строка.",
        "🙂🙂🙂\n\n👍",
        "|||\n•••\n———\n***",
        "By\nBy \nPublished:\nUpdated: 31-02-2024\ndate 9999-99-99",
        "MOSCOW (Reuters) - ",
        "MOSCOW (Reuters) -",
        "© 2024\n©\n(c)",
        "Read more:\nRead more: \nREAD MORE",
        "TRENDING\n\n1\n2\n3",
        "Title only",
        long_line.as_str(),
        long_word.as_str(),
        many_lines.as_str(),
        many_paragraphs.as_str(),
        many_markers.as_str(),
    ];
    for input in inputs {
        check(input);
    }
}

/// Random documents made of typical page pieces, to shake the reader's decisions.
#[test]
fn random_pages_keep_the_span_contract() {
    let pieces = [
        "Skip to content",
        "Menu",
        "Troops advanced on the town overnight, officials said.",
        "\"We will respond,\" the minister said.",
        "A short headline without a stop",
        "Photo: Jane Doe/AFP",
        "Representational imageSomeone - Flickr",
        "Read more",
        "READ MORE: Another story entirely",
        "Another story entirely",
        "TRENDING",
        "1",
        "(With inputs from agencies.)",
        "© 2024 Example News. All rights reserved.",
        "Facebook Twitter WhatsApp",
        "Facebook",
        "Email: desk@example.org",
        "By Jane Doe",
        "Published: Dec. 28, 2024",
        "Example News Desk | Kyiv | Updated: 28-12-2024 20:33 IST",
        "KYIV (AP) — Shelling resumed on Tuesday in the east of the country, the army said.",
        "• Country:",
        "• Ukraine",
        "",
        "",
        "  ",
        "\u{a0}",
    ];
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for _ in 0..500 {
        let lines = (next() % 40) as usize;
        let doc: Vec<&str> = (0..lines).map(|_| pieces[(next() % pieces.len() as u64) as usize]).collect();
        check(&doc.join("\n"));
    }
}
