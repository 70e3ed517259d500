//! RSS and Atom feeds: one document per item, with its link, title, date and content.
//!
//! Parsing is `feed-rs`'s (RSS 0.9x/1.0/2.0 and Atom). An item's full content
//! (`content:encoded`, Atom `content`) is preferred to its description or summary.
//! `feed-rs` normalises dates to UTC, so an item's `published` is the same instant
//! written in UTC rather than in the feed's own zone. The feed reaches it already
//! decoded to UTF-8, so its XML declarations are taken out first
//! ([`without_xml_declarations`]).

use crate::InputError;
use faultline_model::{ContentFormat, DeclaredMetadata, Document};
use std::borrow::Cow;

/// Reads every item of a feed; an item without content is an error of its own.
pub(crate) fn documents(
    origin: &str,
    text: &str,
    declared: &DeclaredMetadata,
    warnings: &[String],
) -> Vec<Result<Document, InputError>> {
    let feed = match feed_rs::parser::parse(without_xml_declarations(text).as_bytes()) {
        Ok(feed) => feed,
        Err(err) => {
            return vec![Err(InputError {
                origin: origin.to_string(),
                reason: format!("looks like a feed but cannot be parsed: {err}"),
            })];
        }
    };
    if feed.entries.is_empty() {
        return vec![Err(InputError { origin: origin.to_string(), reason: "feed has no items".to_string() })];
    }
    let outlet = feed.title.map(|title| title.content.trim().to_string()).filter(|t| !t.is_empty());
    feed.entries
        .into_iter()
        .enumerate()
        .map(|(index, entry)| {
            let item_origin = format!("{origin}#item{}", index + 1);
            let body = entry
                .content
                .and_then(|content| content.body)
                .filter(|body| !body.trim().is_empty())
                .or_else(|| entry.summary.map(|summary| summary.content).filter(|s| !s.trim().is_empty()));
            let Some(body) = body else {
                return Err(InputError {
                    origin: item_origin,
                    reason: "feed item has no content or description to ingest".to_string(),
                });
            };
            let link = entry
                .links
                .iter()
                .find(|link| link.rel.as_deref().is_none_or(|rel| rel == "alternate"))
                .or(entry.links.first())
                .map(|link| link.href.clone());
            let from_item = DeclaredMetadata {
                id: None,
                title: entry.title.map(|title| title.content.trim().to_string()),
                url: link,
                published: entry.published.or(entry.updated).map(|date| date.to_rfc3339()),
                outlet: outlet.clone(),
                author: entry.authors.first().and_then(|person| person.name.clone()),
            };
            let format = if crate::detect::sniff(&body) == crate::SniffedFormat::Html {
                ContentFormat::Html
            } else {
                ContentFormat::Text
            };
            Ok(Document {
                origin: item_origin,
                format,
                content: body,
                declared: declared.clone().or(&from_item),
                warnings: warnings.to_vec(),
            })
        })
        .collect()
}

/// `text` without its XML declarations (`<?xml version="1.0" encoding="koi8-r"?>`). The
/// text is already UTF-8 ([`crate::decode`] read the declared charset), but `feed-rs`
/// would decode it a second time in the charset a declaration names, garbling every
/// feed in windows-1251 or koi8-r, and panics when that declaration ends past the first
/// 64 bytes. A declaration says nothing else a feed reader needs. Comments and CDATA
/// sections are passed over, as the parser reads no declaration inside them.
fn without_xml_declarations(text: &str) -> Cow<'_, str> {
    let mut kept = String::new();
    let mut copied = 0;
    let mut at = 0;
    while let Some(offset) = text[at..].find('<') {
        let start = at + offset;
        let rest = &text[start..];
        let (close, skipped) = if rest.starts_with("<!--") {
            ("-->", 4)
        } else if rest.starts_with("<![CDATA[") {
            ("]]>", 9)
        } else if rest.strip_prefix("<?xml").is_some_and(|after| after.starts_with([' ', '\t', '\r', '\n'])) {
            ("?>", 5)
        } else {
            at = start + 1;
            continue;
        };
        let Some(length) = rest[skipped..].find(close) else { break };
        let end = start + skipped + length + close.len();
        if close == "?>" {
            kept.push_str(&text[copied..start]);
            copied = end;
        }
        at = end;
    }
    if copied == 0 {
        return Cow::Borrowed(text);
    }
    kept.push_str(&text[copied..]);
    Cow::Owned(kept)
}

#[cfg(test)]
mod tests {
    use super::without_xml_declarations;
    use crate::{ReadOptions, read_from};
    use faultline_model::ContentFormat;
    use std::borrow::Cow;

    const RSS: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Example Wire</title>
<item><title>Talks resume in Geneva</title><link>https://wire.example/talks</link>
<pubDate>Tue, 13 Feb 2024 09:30:00 +0100</pubDate><description>Short summary.</description>
<content:encoded><![CDATA[<p>Delegations met on Tuesday.</p><p>No agreement was reached.</p>]]></content:encoded></item>
<item><title>Empty item</title><link>https://wire.example/empty</link></item>
<item><title>Plain</title><description>Troops withdrew from the ridge.</description></item>
</channel></rss>"#;

    const ATOM: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Desk</title><id>urn:x</id><updated>2024-02-13T10:00:00Z</updated>
<entry><title>Border clash</title><id>urn:1</id><link rel="alternate" href="https://atom.example/clash"/>
<published>2024-02-13T08:00:00+04:00</published><updated>2024-02-13T10:00:00Z</updated>
<author><name>Ani Petrosyan</name></author>
<content type="html">&lt;p&gt;Four soldiers were killed.&lt;/p&gt;</content></entry>
</feed>"#;

    #[test]
    fn rss_items_become_documents_and_empty_items_errors() {
        let items: Vec<_> =
            read_from("wire.xml", std::io::Cursor::new(RSS), &ReadOptions::default()).collect();
        assert_eq!(items.len(), 3);
        let first = items[0].as_ref().unwrap();
        assert_eq!(first.origin, "wire.xml#item1");
        assert_eq!(first.format, ContentFormat::Html);
        assert!(first.content.contains("No agreement was reached."));
        assert_eq!(first.declared.title.as_deref(), Some("Talks resume in Geneva"));
        assert_eq!(first.declared.url.as_deref(), Some("https://wire.example/talks"));
        assert_eq!(first.declared.outlet.as_deref(), Some("Example Wire"));
        assert_eq!(first.declared.published.as_deref(), Some("2024-02-13T08:30:00+00:00"));
        assert_eq!(items[1].as_ref().unwrap_err().origin, "wire.xml#item2");
        assert_eq!(items[2].as_ref().unwrap().format, ContentFormat::Text);
    }

    #[test]
    fn atom_entries_become_documents() {
        let items: Vec<_> =
            read_from("desk.atom", std::io::Cursor::new(ATOM), &ReadOptions::default()).collect();
        let entry = items[0].as_ref().unwrap();
        assert_eq!(entry.format, ContentFormat::Html);
        assert!(entry.content.contains("Four soldiers were killed."));
        assert_eq!(entry.declared.author.as_deref(), Some("Ani Petrosyan"));
        assert_eq!(entry.declared.url.as_deref(), Some("https://atom.example/clash"));
        assert_eq!(entry.declared.published.as_deref(), Some("2024-02-13T04:00:00+00:00"));
    }

    #[test]
    fn a_broken_feed_is_one_error() {
        let items: Vec<_> = read_from(
            "bad.xml",
            std::io::Cursor::new("<rss><channel><item><title>x</ite"),
            &ReadOptions::default(),
        )
        .collect();
        assert_eq!(items.len(), 1);
        assert!(items[0].is_err());
    }

    #[test]
    fn a_feed_in_a_declared_legacy_charset_is_decoded_once() {
        let feed = "<?xml version=\"1.0\" encoding=\"koi8-r\"?><rss version=\"2.0\"><channel>\
            <title>Лента</title><item><description>Обстрел Харькова</description></item></channel></rss>";
        let bytes = encoding_rs::KOI8_R.encode(feed).0.into_owned();
        let items: Vec<_> =
            read_from("lenta.xml", std::io::Cursor::new(bytes), &ReadOptions::default()).collect();
        let item = items[0].as_ref().unwrap();
        assert_eq!(item.content, "Обстрел Харькова");
        assert_eq!(item.declared.outlet.as_deref(), Some("Лента"));
    }

    #[test]
    fn a_long_declaration_naming_a_charset_is_no_panic() {
        // Found by fuzzing (fuzz target sniff_decode): feed-rs switched charsets on the
        // declaration and panicked because it ended past the parser's first 64 bytes.
        let feed = b"<?xml kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk\
            kkkkkkkkkkkkkkkkkkkkkkversion=\"1.0\" encoding=\"koi8-r\"?><rss version=\"2.0\">\
            <channel><title>\xf4</title><item><description>\xef\xc2\xd3\xd4\xd2\xc5\xcc</description></item></channel></rss>";
        let items: Vec<_> =
            read_from("long.xml", std::io::Cursor::new(feed.to_vec()), &ReadOptions::default()).collect();
        assert_eq!(items.len(), 1);
        assert_eq!(items[0].as_ref().unwrap().content, "Обстрел");
    }

    #[test]
    fn xml_declarations_are_taken_out_except_in_comments_and_cdata() {
        let text = "<?xml version=\"1.0\" encoding=\"koi8-r\"?>\n<rss><!-- <?xml encoding=\"x\"?> -->\
            <![CDATA[<?xml encoding=\"y\"?>]]><?xml-stylesheet href=\"s.xsl\"?><?xml\tencoding=\"z\"?></rss>";
        assert_eq!(
            without_xml_declarations(text),
            "\n<rss><!-- <?xml encoding=\"x\"?> --><![CDATA[<?xml encoding=\"y\"?>]]><?xml-stylesheet href=\"s.xsl\"?></rss>"
        );
        assert!(matches!(without_xml_declarations("<rss><?xml encoding=\"x\""), Cow::Borrowed(_)));
        assert!(matches!(without_xml_declarations("<rss><!-- open"), Cow::Borrowed(_)));
    }
}
