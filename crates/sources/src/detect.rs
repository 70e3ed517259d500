//! Format sniffing: what an input holds, judged from its first bytes, not its name.

/// What a decoded input holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SniffedFormat {
    /// Nothing but whitespace.
    Empty,
    /// One JSON object per line.
    JsonLines,
    /// An RSS (0.9x, 1.0, 2.0) or Atom feed.
    Feed,
    Html,
    Text,
    /// An XML document that is neither a feed nor a web page (NAF, TimeML, TEI ...), with
    /// its root element's name as written.
    OtherXml(String),
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
        let declared_xml = head.starts_with("<?xml");
        return match first_element_name(&head) {
            Some("rss" | "feed" | "rdf:rdf") => SniffedFormat::Feed,
            Some(root) if !is_html_element(root) && (declared_xml || ANNOTATION_ROOTS.contains(&root)) => {
                // The root's name as written, for messages.
                let at = head.find(&format!("<{root}")).map_or(0, |at| at + 1);
                SniffedFormat::OtherXml(text[at..at + root.len()].to_string())
            }
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

/// Root elements of XML annotation formats, recognised even without an XML declaration.
const ANNOTATION_ROOTS: [&str; 5] = ["naf", "kaf", "timeml", "tei", "tei.2"];

/// Elements a web page or an HTML fragment may start with (lower-case): an XML document
/// whose root is one of these is read as HTML (XHTML), any other root is not a page.
fn is_html_element(name: &str) -> bool {
    const HTML: [&str; 44] = [
        "html",
        "head",
        "body",
        "div",
        "p",
        "span",
        "article",
        "section",
        "main",
        "header",
        "footer",
        "nav",
        "aside",
        "figure",
        "table",
        "ul",
        "ol",
        "li",
        "dl",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "a",
        "b",
        "i",
        "em",
        "strong",
        "br",
        "hr",
        "img",
        "meta",
        "title",
        "link",
        "script",
        "style",
        "form",
        "pre",
        "blockquote",
        "center",
        "font",
        "noscript",
    ];
    HTML.contains(&name) || name.contains('-')
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
            (
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<NAF xml:lang=\"en\" version=\"v3\"><raw>Text</raw></NAF>",
                SniffedFormat::OtherXml("NAF".into()),
            ),
            (
                "<TimeML><DOCID>wsj_0006</DOCID><TEXT>Pacific First ...</TEXT></TimeML>",
                SniffedFormat::OtherXml("TimeML".into()),
            ),
            (
                "<?xml version=\"1.0\"?>\n<!DOCTYPE html><html xmlns=\"http://www.w3.org/1999/xhtml\">",
                SniffedFormat::Html,
            ),
            ("<section><p>Troops withdrew.</p></section>", SniffedFormat::Html),
            ("<custom-element>Troops withdrew.</custom-element>", SniffedFormat::Html),
        ];
        for (input, expected) in cases {
            assert_eq!(sniff(input), expected, "{input:?}");
        }
    }
}
