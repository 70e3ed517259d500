//! Format sniffing: what an input holds, judged from its first bytes, not its name.

/// What a decoded input holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SniffedFormat {
    /// Nothing but whitespace.
    Empty,
    /// One JSON object per line.
    JsonLines,
    /// An RSS (0.9x, 1.0, 2.0) or Atom feed.
    Feed,
    Html,
    Text,
}

/// How much of the start of an input is inspected.
const HEAD_LEN: usize = 4096;

/// True when raw bytes start like a JSON Lines record: `{` then a key or `}`.
pub fn looks_like_json_lines(head: &[u8]) -> bool {
    let mut bytes =
        head.strip_prefix(b"\xef\xbb\xbf").unwrap_or(head).iter().filter(|b| !b.is_ascii_whitespace());
    bytes.next() == Some(&b'{') && matches!(bytes.next(), Some(b'"' | b'}'))
}

/// Sniffs the format of a decoded input.
pub fn sniff(text: &str) -> SniffedFormat {
    let text = text.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
    if text.is_empty() {
        return SniffedFormat::Empty;
    }
    if looks_like_json_lines(&text.as_bytes()[..text.len().min(HEAD_LEN)]) {
        return SniffedFormat::JsonLines;
    }
    let mut end = text.len().min(HEAD_LEN);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let head = text[..end].to_ascii_lowercase();
    if head.starts_with('<') {
        return match first_element_name(&head) {
            Some("rss" | "feed" | "rdf:rdf") => SniffedFormat::Feed,
            _ => SniffedFormat::Html,
        };
    }
    const HTML_MARKERS: [&str; 6] = ["<html", "<body", "<div", "</p>", "<br", "<article"];
    if HTML_MARKERS.iter().any(|marker| head.contains(marker)) {
        SniffedFormat::Html
    } else {
        SniffedFormat::Text
    }
}

/// The name of the first element, skipping the XML declaration, comments,
/// processing instructions and a doctype.
fn first_element_name(lowercase_head: &str) -> Option<&str> {
    let mut rest = lowercase_head;
    loop {
        rest = rest.trim_start();
        if let Some(after) = rest.strip_prefix("<!--") {
            rest = &after[after.find("-->")? + 3..];
        } else if rest.starts_with("<?") || rest.starts_with("<!") {
            rest = &rest[rest.find('>')? + 1..];
        } else if let Some(after) = rest.strip_prefix('<') {
            let end = after.find(|c: char| c.is_whitespace() || c == '>' || c == '/')?;
            return Some(&after[..end]);
        } else {
            return None;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_each_format() {
        let cases = [
            ("", SniffedFormat::Empty),
            ("  \n ", SniffedFormat::Empty),
            ("{\"text\": \"a\"}\n{\"text\": \"b\"}", SniffedFormat::JsonLines),
            ("<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel/></rss>", SniffedFormat::Feed),
            (
                "<?xml version=\"1.0\" encoding=\"utf-8\"?><!-- x --><feed xmlns=\"http://www.w3.org/2005/Atom\">",
                SniffedFormat::Feed,
            ),
            ("<rdf:RDF xmlns:rdf=\"x\">", SniffedFormat::Feed),
            ("<!DOCTYPE html><html lang=en>", SniffedFormat::Html),
            ("<div class=story><p>Troops withdrew.</p></div>", SniffedFormat::Html),
            ("Headline\n\nTroops withdrew.<br>More.", SniffedFormat::Html),
            ("Headline\n\nTroops withdrew from 3 < 4 positions.", SniffedFormat::Text),
            ("{not json lines, just braces}", SniffedFormat::Text),
        ];
        for (input, expected) in cases {
            assert_eq!(sniff(input), expected, "{input:?}");
        }
    }
}
