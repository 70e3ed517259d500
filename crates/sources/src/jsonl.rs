//! JSON Lines: one article per line, streamed.
//!
//! Each line is an object with `text` or `html` and optional `id`, `url`, `title`,
//! `published`, `outlet`, `author`. A bad line (malformed or truncated JSON, no text, too
//! long) is an error named `file:line`; the lines after it are still read.

use crate::{InputError, ReadOptions};
use faultline_model::{ContentFormat, DeclaredMetadata, Document};
use serde::Deserialize;
use std::io::{BufRead, Read};

#[derive(Deserialize)]
struct Record {
    text: Option<String>,
    html: Option<String>,
    id: Option<String>,
    url: Option<String>,
    title: Option<String>,
    published: Option<String>,
    outlet: Option<String>,
    author: Option<String>,
}

/// Streams the documents of a JSON Lines input.
pub struct JsonLinesReader {
    origin: String,
    reader: Box<dyn BufRead + Send>,
    options: ReadOptions,
    line_number: usize,
    line: Vec<u8>,
}

impl JsonLinesReader {
    pub(crate) fn new(origin: String, reader: Box<dyn BufRead + Send>, options: ReadOptions) -> Self {
        JsonLinesReader { origin, reader, options, line_number: 0, line: Vec::new() }
    }

    fn here(&self) -> String {
        format!("{}:{}", self.origin, self.line_number)
    }

    /// Reads the next line into `self.line`, at most `max_bytes` of it. Returns
    /// `Ok(false)` at the end of input and `Ok(true)` with an over-long line skipped.
    fn read_line(&mut self) -> std::io::Result<Option<bool>> {
        self.line.clear();
        let cap = self.options.max_bytes.saturating_add(1);
        let read = (&mut self.reader).take(cap).read_until(b'\n', &mut self.line)?;
        if read == 0 {
            return Ok(None);
        }
        self.line_number += 1;
        let too_long = self.line.len() as u64 > self.options.max_bytes && self.line.last() != Some(&b'\n');
        if too_long {
            skip_line(&mut self.reader)?;
        }
        Ok(Some(too_long))
    }

    fn parse_line(&self) -> Result<Document, InputError> {
        let line = String::from_utf8_lossy(&self.line);
        let mut warnings = Vec::new();
        if matches!(line, std::borrow::Cow::Owned(_)) {
            warnings.push("invalid UTF-8 in this line was replaced with U+FFFD".to_string());
        }
        let record: Record = serde_json::from_str(&line).map_err(|err| {
            let hint = if err.is_eof() { " (the line looks truncated)" } else { "" };
            InputError { origin: self.here(), reason: format!("malformed JSON{hint}: {err}") }
        })?;
        let (content, format) = match (record.html, record.text) {
            (Some(html), _) if !html.trim().is_empty() => (html, ContentFormat::Html),
            (_, Some(text)) if !text.trim().is_empty() => (text, ContentFormat::Text),
            _ => {
                return Err(InputError {
                    origin: self.here(),
                    reason: "no article: the record needs a non-empty \"text\" or \"html\" field".to_string(),
                });
            }
        };
        // Fields as a record gives them, less the spaces and line breaks around them; a
        // field of only spaces is no field.
        let field = |value: Option<String>| {
            value.map(|value| value.trim().to_string()).filter(|value| !value.is_empty())
        };
        let from_record = DeclaredMetadata {
            id: field(record.id),
            title: field(record.title),
            url: field(record.url),
            published: field(record.published),
            outlet: field(record.outlet),
            author: field(record.author),
        };
        Ok(Document {
            origin: self.here(),
            format,
            content,
            declared: self.options.declared.clone().or(&from_record),
            warnings,
        })
    }
}

/// Reads past the rest of a line without keeping it: a line over the limit may be
/// gigabytes long (a compressed file expands), and only its end is wanted.
fn skip_line(reader: &mut dyn BufRead) -> std::io::Result<()> {
    loop {
        let buffer = reader.fill_buf()?;
        if buffer.is_empty() {
            return Ok(());
        }
        match buffer.iter().position(|&byte| byte == b'\n') {
            Some(end) => {
                reader.consume(end + 1);
                return Ok(());
            }
            None => {
                let length = buffer.len();
                reader.consume(length);
            }
        }
    }
}

impl Iterator for JsonLinesReader {
    type Item = Result<Document, InputError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            match self.read_line() {
                Ok(None) => return None,
                Err(err) => {
                    self.line_number += 1;
                    let error = InputError { origin: self.here(), reason: format!("cannot read: {err}") };
                    // An I/O error mid-stream ends this source: retrying would repeat it.
                    self.reader = Box::new(std::io::empty());
                    return Some(Err(error));
                }
                Ok(Some(true)) => {
                    return Some(Err(InputError {
                        origin: self.here(),
                        reason: format!(
                            "line longer than --max-bytes ({} bytes): raise the limit or shorten the article",
                            self.options.max_bytes
                        ),
                    }));
                }
                Ok(Some(false)) if self.line.iter().all(u8::is_ascii_whitespace) => continue,
                Ok(Some(false)) => return Some(self.parse_line()),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::{ReadOptions, read_from};
    use faultline_model::{ContentFormat, DeclaredMetadata};

    const LINES: &str = concat!(
        "{\"id\":\"a\",\"text\":\"Troops withdrew.\",\"outlet\":\"Wire\",\"published\":\"2024-02-13\"}\n",
        "\n",
        "{\"html\":\"<p>Talks resumed.</p>\",\"url\":\"https://news.example/x\"}\n",
        "{\"title\":\"no body\"}\n",
        "{\"text\":\"Shelling resumed\"\n",
        "{\"text\":\"truncated at the end",
    );

    #[test]
    fn good_lines_are_read_and_bad_lines_named_by_number() {
        let options = ReadOptions::default();
        let items: Vec<_> = read_from("corpus.jsonl", std::io::Cursor::new(LINES), &options).collect();
        assert_eq!(items.len(), 5);
        let first = items[0].as_ref().unwrap();
        assert_eq!(first.origin, "corpus.jsonl:1");
        assert_eq!(first.format, ContentFormat::Text);
        assert_eq!(first.declared.outlet.as_deref(), Some("Wire"));
        let second = items[1].as_ref().unwrap();
        assert_eq!(second.origin, "corpus.jsonl:3");
        assert_eq!(second.format, ContentFormat::Html);
        let no_body = items[2].as_ref().unwrap_err();
        assert_eq!(no_body.origin, "corpus.jsonl:4");
        assert!(no_body.reason.contains("\"text\" or \"html\""));
        assert_eq!(items[3].as_ref().unwrap_err().origin, "corpus.jsonl:5");
        let truncated = items[4].as_ref().unwrap_err();
        assert_eq!(truncated.origin, "corpus.jsonl:6");
        assert!(truncated.reason.contains("truncated"), "{}", truncated.reason);
    }

    #[test]
    fn record_fields_are_trimmed_and_blank_ones_dropped() {
        let line = "{\"text\":\"Talks resumed.\",\"title\":\"  Talks resume\\n\",\"outlet\":\"   \"}\n";
        let items: Vec<_> =
            read_from("c.jsonl", std::io::Cursor::new(line), &ReadOptions::default()).collect();
        let declared = &items[0].as_ref().unwrap().declared;
        assert_eq!(declared.title.as_deref(), Some("Talks resume"));
        assert_eq!(declared.outlet, None);
    }

    #[test]
    fn a_line_over_the_limit_is_skipped_in_bounded_memory_and_the_next_read() {
        use std::io::Read;
        // A good line, 64 MB of one line generated as it is read, a good line.
        let start = std::io::Cursor::new("{\"text\":\"Shelling resumed.\"}\n{\"text\":\"");
        let huge = std::io::repeat(b'a').take(64 * 1024 * 1024);
        let rest = std::io::Cursor::new("\"}\n{\"text\":\"Talks resumed.\"}\n");
        let reader = std::io::BufReader::new(start.chain(huge).chain(rest));
        let options = ReadOptions { max_bytes: 1024, ..ReadOptions::default() };
        let items: Vec<_> = read_from("huge.jsonl", reader, &options).collect();
        assert_eq!(items.len(), 3);
        assert!(items[1].as_ref().unwrap_err().reason.contains("--max-bytes"));
        assert_eq!(items[2].as_ref().unwrap().origin, "huge.jsonl:3");
    }

    #[test]
    fn command_line_metadata_wins_over_the_record() {
        let options = ReadOptions {
            declared: DeclaredMetadata { outlet: Some("Flag".into()), ..Default::default() },
            ..ReadOptions::default()
        };
        let items: Vec<_> = read_from("c.jsonl", std::io::Cursor::new(LINES), &options).collect();
        assert_eq!(items[0].as_ref().unwrap().declared.outlet.as_deref(), Some("Flag"));
        assert_eq!(items[0].as_ref().unwrap().declared.published.as_deref(), Some("2024-02-13"));
    }

    #[test]
    fn over_long_lines_are_skipped_and_reading_goes_on() {
        let input = format!("{{\"text\":\"{}\"}}\n{{\"text\":\"short\"}}\n", "x".repeat(200));
        let options = ReadOptions { max_bytes: 100, ..ReadOptions::default() };
        let items: Vec<_> = read_from("c.jsonl", std::io::Cursor::new(input), &options).collect();
        assert!(items[0].as_ref().unwrap_err().reason.contains("--max-bytes"));
        assert_eq!(items[1].as_ref().unwrap().content, "short");
    }
}
