//! Sources: from paths on the command line to [`Document`]s.
//!
//! A user hands faultline files, directories (walked recursively, in name order), or `-`
//! for standard input. Each file may hold one article (plain text or HTML) or many (JSON
//! Lines, RSS/Atom), possibly gzip-compressed. The format is sniffed from the content
//! ([`detect`]), not trusted from the file name; bytes are decoded to UTF-8 using a BOM or
//! a declared charset, else lossily with a warning ([`decode`]).
//!
//! Bad input is normal input here: every problem becomes an [`InputError`] naming the
//! input (`file`, `file:line`, `file#item`) and the reason, and the stream goes on with
//! the next item. JSON Lines are streamed line by line, so a corpus of any size is read in
//! bounded memory; `max_bytes` limits each article, not each corpus.

pub mod decode;
pub mod detect;
mod feed;
mod jsonl;

use faultline_model::{ContentFormat, DeclaredMetadata, Document};
use flate2::read::MultiGzDecoder;
use std::collections::HashMap;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

pub use detect::SniffedFormat;

/// The default limit on one article's size: 10 MB.
pub const DEFAULT_MAX_BYTES: u64 = 10 * 1024 * 1024;

/// One input that failed, and why, in words a user can act on.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{origin}: {reason}")]
pub struct InputError {
    /// The input: a path, `path:line` or `path#item`.
    pub origin: String,
    pub reason: String,
}

impl InputError {
    fn new(origin: impl Into<String>, reason: impl Into<String>) -> Self {
        InputError { origin: origin.into(), reason: reason.into() }
    }
}

/// Where a source's bytes come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SourceKind {
    File(PathBuf),
    Stdin,
}

/// One file (or standard input) to read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    pub kind: SourceKind,
    /// Size on disk, when known (for progress reporting).
    pub size: Option<u64>,
}

impl Source {
    /// The name used in messages.
    pub fn origin(&self) -> String {
        match &self.kind {
            SourceKind::File(path) => path.display().to_string(),
            SourceKind::Stdin => "<stdin>".to_string(),
        }
    }
}

/// How to read sources.
#[derive(Debug, Clone)]
pub struct ReadOptions {
    /// Largest article accepted, in bytes (after gzip decompression).
    pub max_bytes: u64,
    /// Metadata given on the command line; it wins over what inputs declare.
    pub declared: DeclaredMetadata,
    /// The charset the user declares for every input without a byte-order mark (JSON
    /// Lines excepted: JSON is UTF-8); `None` to detect it ([`decode`]).
    pub charset: Option<&'static encoding_rs::Encoding>,
    /// Where to count the bytes read from input files (for progress), if anywhere.
    pub bytes_read: Option<Arc<AtomicU64>>,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            max_bytes: DEFAULT_MAX_BYTES,
            declared: DeclaredMetadata::default(),
            charset: None,
            bytes_read: None,
        }
    }
}

/// A reader that adds the bytes it reads to a shared count.
struct Counted<R> {
    inner: R,
    count: Arc<AtomicU64>,
}

impl<R: Read> Read for Counted<R> {
    fn read(&mut self, buffer: &mut [u8]) -> io::Result<usize> {
        let read = self.inner.read(buffer)?;
        self.count.fetch_add(read as u64, Ordering::Relaxed);
        Ok(read)
    }
}

/// Command-line inputs expanded into sources.
#[derive(Debug, Default)]
pub struct Expanded {
    pub sources: Vec<Source>,
    /// Paths that cannot be read.
    pub errors: Vec<InputError>,
    /// What the walk left out on purpose, and why: a symbolic link looping back to a
    /// directory above it, a file already reached by another path.
    pub skipped: Vec<InputError>,
}

/// Expands command-line inputs into sources: `-` is standard input, a directory is
/// walked recursively (hidden entries skipped, names sorted, symbolic links followed), a
/// file is itself. Each file is read once, however many paths lead to it, and a link
/// back to a directory above it is not followed: the walk is linear in the number of
/// files whatever links the tree holds.
pub fn expand_inputs(inputs: &[String]) -> Expanded {
    let mut expanded = Expanded::default();
    let mut seen: HashMap<PathBuf, PathBuf> = HashMap::new();
    for input in inputs {
        if input == "-" {
            expanded.sources.push(Source { kind: SourceKind::Stdin, size: None });
            continue;
        }
        walk(Path::new(input), &mut seen, &mut expanded);
    }
    expanded
}

fn walk(root: &Path, seen: &mut HashMap<PathBuf, PathBuf>, expanded: &mut Expanded) {
    let entries =
        walkdir::WalkDir::new(root).follow_links(true).sort_by_file_name().into_iter().filter_entry(
            |entry| entry.depth() == 0 || !entry.file_name().to_string_lossy().starts_with('.'),
        );
    for entry in entries {
        let entry = match entry {
            Ok(entry) => entry,
            Err(err) => {
                let origin = err.path().unwrap_or(root).display().to_string();
                match (err.loop_ancestor(), err.io_error()) {
                    (Some(ancestor), _) => expanded.skipped.push(InputError::new(
                        origin,
                        format!(
                            "skipped: a symbolic link back to {}, already being read",
                            ancestor.display()
                        ),
                    )),
                    (None, Some(io)) => expanded.errors.push(InputError::new(origin, io_reason(io))),
                    (None, None) => {
                        expanded.errors.push(InputError::new(origin, format!("cannot read: {err}")))
                    }
                }
                continue;
            }
        };
        if entry.file_type().is_dir() {
            continue;
        }
        if !entry.file_type().is_file() {
            if entry.depth() == 0 {
                expanded
                    .errors
                    .push(InputError::new(root.display().to_string(), "not a regular file or directory"));
            }
            continue;
        }
        let path = entry.path();
        let canonical = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        if let Some(first) = seen.get(&canonical) {
            expanded.skipped.push(InputError::new(
                path.display().to_string(),
                format!("skipped: the same file as {}, already read", first.display()),
            ));
            continue;
        }
        seen.insert(canonical, path.to_path_buf());
        let size = entry.metadata().ok().map(|metadata| metadata.len());
        expanded.sources.push(Source { kind: SourceKind::File(path.to_path_buf()), size });
    }
}

fn io_reason(err: &io::Error) -> String {
    match err.kind() {
        io::ErrorKind::NotFound => "no such file or directory: check the path".to_string(),
        io::ErrorKind::PermissionDenied => "permission denied: check the file's permissions".to_string(),
        _ => format!("cannot read: {err}"),
    }
}

/// Reads one source and yields its documents (or per-item errors) in order.
pub fn read_source(source: &Source, options: &ReadOptions) -> DocumentStream {
    let origin = source.origin();
    let reader: Box<dyn Read + Send> = match &source.kind {
        SourceKind::Stdin => Box::new(io::stdin()),
        SourceKind::File(path) => match File::open(path) {
            Ok(file) => match &options.bytes_read {
                Some(count) => Box::new(Counted { inner: file, count: count.clone() }),
                None => Box::new(file),
            },
            Err(err) => return DocumentStream::failed(InputError::new(origin, io_reason(&err))),
        },
    };
    open_stream(origin, reader, options)
}

/// Reads documents from any byte stream (a file, standard input, a test buffer).
pub fn read_from(origin: &str, reader: impl Read + Send + 'static, options: &ReadOptions) -> DocumentStream {
    open_stream(origin.to_string(), Box::new(reader), options)
}

fn open_stream(origin: String, reader: Box<dyn Read + Send>, options: &ReadOptions) -> DocumentStream {
    let mut buffered = BufReader::with_capacity(64 * 1024, reader);
    let is_gzip = match buffered.fill_buf() {
        Ok(head) => head.starts_with(&[0x1f, 0x8b]),
        Err(err) => return DocumentStream::failed(InputError::new(origin, io_reason(&err))),
    };
    let mut buffered: Box<dyn BufRead + Send> = if is_gzip {
        Box::new(BufReader::with_capacity(64 * 1024, MultiGzDecoder::new(buffered)))
    } else {
        Box::new(buffered)
    };
    let head = match buffered.fill_buf() {
        Ok(head) => head,
        Err(err) => return DocumentStream::failed(InputError::new(origin, io_reason(&err))),
    };
    if detect::looks_like_json_lines(head) {
        return DocumentStream::JsonLines(Box::new(jsonl::JsonLinesReader::new(
            origin,
            buffered,
            options.clone(),
        )));
    }
    let bytes = match read_capped(&mut buffered, options.max_bytes) {
        Ok(Some(bytes)) => bytes,
        Ok(None) => {
            return DocumentStream::failed(InputError::new(
                origin,
                format!(
                    "larger than --max-bytes ({} bytes): raise the limit or split the input",
                    options.max_bytes
                ),
            ));
        }
        Err(err) => return DocumentStream::failed(InputError::new(origin, io_reason(&err))),
    };
    let documents = documents_from_bytes(&origin, &bytes, options);
    DocumentStream::Ready(documents.into_iter())
}

/// Reads everything, or `None` when the content exceeds `max_bytes`.
fn read_capped(reader: &mut dyn BufRead, max_bytes: u64) -> io::Result<Option<Vec<u8>>> {
    let mut bytes = Vec::new();
    reader.take(max_bytes.saturating_add(1)).read_to_end(&mut bytes)?;
    Ok((bytes.len() as u64 <= max_bytes).then_some(bytes))
}

/// Turns the whole content of one non-JSON-Lines input into documents.
fn documents_from_bytes(
    origin: &str,
    bytes: &[u8],
    options: &ReadOptions,
) -> Vec<Result<Document, InputError>> {
    let declared = &options.declared;
    let decoded = match decode::decode(bytes, options.charset) {
        Ok(decoded) => decoded,
        Err(reason) => return vec![Err(InputError::new(origin, reason.to_string()))],
    };
    let warnings: Vec<String> = decoded.warning.into_iter().collect();
    match detect::sniff(&decoded.text) {
        SniffedFormat::Empty => vec![Err(InputError::new(origin, "empty input: nothing to ingest"))],
        SniffedFormat::Feed => feed::documents(origin, &decoded.text, declared, &warnings),
        SniffedFormat::JsonLines => {
            let reader = jsonl::JsonLinesReader::new(
                origin.to_string(),
                Box::new(io::Cursor::new(decoded.text.into_bytes())),
                ReadOptions { max_bytes: u64::MAX, ..options.clone() },
            );
            reader.collect()
        }
        SniffedFormat::Html => {
            vec![Ok(single(origin, ContentFormat::Html, decoded.text, declared, warnings))]
        }
        SniffedFormat::Text => {
            vec![Ok(single(origin, ContentFormat::Text, decoded.text, declared, warnings))]
        }
        SniffedFormat::OtherXml(root) => vec![Err(InputError::new(
            origin,
            format!(
                "an XML document (root <{root}>), not a web page: faultline reads HTML, plain text, JSON Lines and RSS/Atom; give it the document's text (for NAF, its <raw> layer)"
            ),
        ))],
    }
}

fn single(
    origin: &str,
    format: ContentFormat,
    content: String,
    declared: &DeclaredMetadata,
    warnings: Vec<String>,
) -> Document {
    Document { origin: origin.to_string(), format, content, declared: declared.clone(), warnings }
}

/// The documents of one source, produced lazily for JSON Lines and at once otherwise.
pub enum DocumentStream {
    Ready(std::vec::IntoIter<Result<Document, InputError>>),
    JsonLines(Box<jsonl::JsonLinesReader>),
}

impl DocumentStream {
    fn failed(error: InputError) -> Self {
        DocumentStream::Ready(vec![Err(error)].into_iter())
    }
}

impl Iterator for DocumentStream {
    type Item = Result<Document, InputError>;

    fn next(&mut self) -> Option<Self::Item> {
        match self {
            DocumentStream::Ready(items) => items.next(),
            DocumentStream::JsonLines(reader) => reader.next(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn read_bytes(bytes: &[u8]) -> Vec<Result<Document, InputError>> {
        read_from("test", io::Cursor::new(bytes.to_vec()), &ReadOptions::default()).collect()
    }

    #[test]
    fn plain_text_is_one_document() {
        let docs = read_bytes(b"Shelling resumed near the border on Monday.\n");
        assert_eq!(docs.len(), 1);
        let doc = docs[0].as_ref().unwrap();
        assert_eq!(doc.format, ContentFormat::Text);
        assert!(doc.warnings.is_empty());
    }

    #[test]
    fn html_is_detected_from_content_not_name() {
        let docs = read_bytes(b"  <!DOCTYPE html><html><body><p>Talks resumed.</p></body></html>");
        assert_eq!(docs[0].as_ref().unwrap().format, ContentFormat::Html);
    }

    #[test]
    fn empty_and_binary_inputs_are_errors() {
        assert!(read_bytes(b"").pop().unwrap().unwrap_err().reason.contains("empty"));
        assert!(read_bytes(b" \n\t \n").pop().unwrap().unwrap_err().reason.contains("empty"));
        let binary = [0x7f, b'E', b'L', b'F', 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3, 0];
        assert!(read_bytes(&binary).pop().unwrap().unwrap_err().reason.contains("binary"));
    }

    #[test]
    fn gzip_content_is_decompressed() {
        let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        encoder.write_all(b"<html><body><p>Ceasefire holds.</p></body></html>").unwrap();
        let docs = read_bytes(&encoder.finish().unwrap());
        let doc = docs[0].as_ref().unwrap();
        assert_eq!(doc.format, ContentFormat::Html);
        assert!(doc.content.contains("Ceasefire holds."));
    }

    #[test]
    fn oversized_input_is_refused_with_advice() {
        let options = ReadOptions { max_bytes: 10, ..ReadOptions::default() };
        let docs: Vec<_> = read_from("big.txt", io::Cursor::new(vec![b'a'; 11]), &options).collect();
        let error = docs[0].as_ref().unwrap_err();
        assert_eq!(error.origin, "big.txt");
        assert!(error.reason.contains("--max-bytes"));
    }

    #[test]
    fn directories_are_walked_in_name_order_skipping_hidden_files() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("sub")).unwrap();
        std::fs::write(dir.path().join("b.txt"), "B").unwrap();
        std::fs::write(dir.path().join("sub/a.txt"), "A").unwrap();
        std::fs::write(dir.path().join(".hidden"), "H").unwrap();
        let expanded = expand_inputs(&[dir.path().display().to_string()]);
        assert!(expanded.errors.is_empty() && expanded.skipped.is_empty());
        let names: Vec<String> = expanded.sources.iter().map(|s| s.origin()).collect();
        assert_eq!(names.len(), 2);
        assert!(names[0].ends_with("b.txt") && names[1].ends_with("a.txt"));
    }

    #[test]
    fn missing_path_is_named_with_advice() {
        let expanded = expand_inputs(&["/nonexistent/faultline/x.txt".to_string()]);
        assert!(expanded.sources.is_empty());
        assert_eq!(expanded.errors[0].origin, "/nonexistent/faultline/x.txt");
        assert!(expanded.errors[0].reason.contains("check the path"));
    }

    #[test]
    fn link_loops_are_skipped_and_each_file_is_read_once() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("a/b")).unwrap();
        std::fs::write(root.join("a/b/report.txt"), "R").unwrap();
        // Two loops (exponential paths for a naive walk) and a second way to the file.
        std::os::unix::fs::symlink(root.join("a"), root.join("a/b/up")).unwrap();
        std::os::unix::fs::symlink(root, root.join("a/top")).unwrap();
        std::os::unix::fs::symlink(root.join("a/b/report.txt"), root.join("a/copy.txt")).unwrap();
        let expanded = expand_inputs(&[root.display().to_string(), root.join("a").display().to_string()]);
        assert!(expanded.errors.is_empty(), "{:?}", expanded.errors);
        let names: Vec<String> = expanded.sources.iter().map(|s| s.origin()).collect();
        assert_eq!(names.len(), 1, "{names:?}");
        let reasons: Vec<&str> = expanded.skipped.iter().map(|s| s.reason.as_str()).collect();
        assert!(reasons.iter().filter(|r| r.contains("symbolic link back to")).count() >= 2, "{reasons:?}");
        assert!(reasons.iter().any(|r| r.contains("the same file as")), "{reasons:?}");
    }
}
