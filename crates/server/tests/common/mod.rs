//! What the server's tests share: a server over a fresh database with the sample articles
//! (read in place from ../shared) on a free loopback port, and a small HTTP/1.1 client over
//! a plain TCP stream (the requests are written out byte for byte, so the tests see exactly
//! what a browser or curl would get back).

#![allow(dead_code)] // each test binary uses part of it

use faultline_ingest::{Options, Quiet, ReadOptions};
use faultline_model::DeclaredMetadata;
use faultline_server::{AppState, Config, Limits};
use faultline_store::Store;
use faultline_store_sqlite::SqliteStore;
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::sync::Arc;
use std::time::Duration;

/// The token the test servers that ingest accept.
pub const TOKEN: &str = "test-token-5f1c";

/// A server running on a loopback port until the test process ends.
pub struct TestServer {
    pub addr: SocketAddr,
    pub store: Arc<SqliteStore>,
    _dir: Arc<tempfile::TempDir>,
}

/// A new database holding the seeds, with the publication dates the incident tests give
/// them; None (with a note) when ../shared is absent.
pub fn seeded_store() -> Option<(Arc<tempfile::TempDir>, Arc<SqliteStore>)> {
    let seeds = faultline_testdata::seeds();
    if seeds.is_empty() {
        return None;
    }
    let dir = Arc::new(tempfile::tempdir().unwrap());
    let store = Arc::new(SqliteStore::open(&dir.path().join("serve.db")).unwrap());
    let knowledge = faultline_pipeline::open_knowledge(None).unwrap();
    let pipeline = faultline_pipeline::Pipeline::load(knowledge).unwrap();
    for seed in seeds {
        let declared = DeclaredMetadata {
            published: seed.published().map(str::to_string),
            ..DeclaredMetadata::default()
        };
        let options = Options { read: ReadOptions { declared, ..ReadOptions::default() }, jobs: Some(1) };
        let summary = faultline_ingest::ingest(
            &pipeline,
            store.as_ref(),
            &[seed.path.display().to_string()],
            &options,
            &Quiet,
        )
        .unwrap();
        assert!(summary.failed.is_empty(), "{:?}", summary.failed);
    }
    Some((dir, store))
}

/// Starts a server over `store` on a free loopback port.
pub fn start(
    dir: Arc<tempfile::TempDir>,
    store: Arc<SqliteStore>,
    token: Option<&str>,
    limits: Limits,
) -> TestServer {
    let knowledge = faultline_pipeline::open_knowledge(None).unwrap();
    let shared: Arc<dyn Store> = store.clone();
    let state =
        AppState::new(shared, Config { ingest_token: token.map(str::to_string), limits, knowledge }).unwrap();
    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    let listener = runtime.block_on(tokio::net::TcpListener::bind("127.0.0.1:0")).unwrap();
    let addr = listener.local_addr().unwrap();
    std::thread::spawn(move || runtime.block_on(faultline_server::serve(listener, Arc::new(state))));
    TestServer { addr, store, _dir: dir }
}

/// An answer: status, headers (names in lower case) and body.
#[derive(Debug)]
pub struct Answer {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Answer {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|err| panic!("not JSON ({err}): {}", self.text()))
    }
}

impl TestServer {
    pub fn get(&self, path: &str) -> Answer {
        self.request("GET", path, &[], b"")
    }

    /// Sends one request (Connection: close) and reads the whole answer.
    pub fn request(&self, method: &str, path: &str, headers: &[(&str, &str)], body: &[u8]) -> Answer {
        http(self.addr, method, path, headers, body)
    }
}

/// Sends one HTTP/1.1 request to `addr` (Connection: close) and reads the whole answer.
pub fn http(addr: SocketAddr, method: &str, path: &str, headers: &[(&str, &str)], body: &[u8]) -> Answer {
    let mut stream = TcpStream::connect(addr).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(120))).unwrap();
    let mut head = format!("{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n");
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str(&format!("Content-Length: {}\r\n\r\n", body.len()));
    stream.write_all(head.as_bytes()).unwrap();
    // The server may answer (413) before reading a large body; a write error then is expected.
    let _ = stream.write_all(body);
    parse(&read_answer(&mut stream))
}

/// Reads one answer: up to its Content-Length, or its last chunk, or the end of the
/// connection (a server may keep it open despite Connection: close).
fn read_answer(stream: &mut TcpStream) -> Vec<u8> {
    let mut raw = Vec::new();
    let mut buffer = [0u8; 64 * 1024];
    loop {
        let read = match stream.read(&mut buffer) {
            Ok(0) | Err(_) => return raw,
            Ok(read) => read,
        };
        raw.extend_from_slice(&buffer[..read]);
        let Some(end) = raw.windows(4).position(|w| w == b"\r\n\r\n") else { continue };
        let head = String::from_utf8_lossy(&raw[..end]).to_ascii_lowercase();
        let body = raw.len() - end - 4;
        let length = head
            .lines()
            .find_map(|line| line.strip_prefix("content-length:"))
            .map(|v| v.trim().parse::<usize>());
        if let Some(Ok(length)) = length
            && body >= length
        {
            return raw;
        }
        if head.contains("transfer-encoding: chunked") && raw.ends_with(b"\r\n0\r\n\r\n") {
            return raw;
        }
    }
}

fn parse(raw: &[u8]) -> Answer {
    let end = raw.windows(4).position(|w| w == b"\r\n\r\n").expect("a complete header");
    let head = String::from_utf8_lossy(&raw[..end]);
    let mut lines = head.split("\r\n");
    let status = lines.next().unwrap().split(' ').nth(1).unwrap().parse().unwrap();
    let headers: Vec<(String, String)> = lines
        .filter_map(|line| line.split_once(':'))
        .map(|(name, value)| (name.trim().to_ascii_lowercase(), value.trim().to_string()))
        .collect();
    let mut body = raw[end + 4..].to_vec();
    if headers.iter().any(|(n, v)| n == "transfer-encoding" && v.contains("chunked")) {
        body = dechunk(&body);
    }
    Answer { status, headers, body }
}

/// The body of a chunked transfer.
fn dechunk(mut raw: &[u8]) -> Vec<u8> {
    let mut body = Vec::new();
    loop {
        let line_end = raw.windows(2).position(|w| w == b"\r\n").expect("a chunk size line");
        let size_text = String::from_utf8_lossy(&raw[..line_end]);
        let size = usize::from_str_radix(size_text.split(';').next().unwrap().trim(), 16).unwrap();
        raw = &raw[line_end + 2..];
        if size == 0 {
            return body;
        }
        body.extend_from_slice(&raw[..size]);
        raw = &raw[size + 2..];
    }
}

/// Percent-encodes a query value.
pub fn encode(value: &str) -> String {
    value
        .bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

/// The hostile articles of `tests/fixtures` (see its README) as one JSON Lines body:
/// the two files as they are, and a JSON article carrying the payloads in its metadata
/// and a word of 120,000 letters in its text.
pub fn hostile_articles() -> String {
    let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let read = |name: &str| std::fs::read_to_string(fixtures.join(name)).unwrap();
    let records = [
        serde_json::json!({"text": read("script-in-text.txt"), "published": "2022-09-14", "outlet": "Fixture Times"}),
        serde_json::json!({"html": read("broken-markup.html"), "published": "2022-09-13", "outlet": "Fixture Post"}),
        serde_json::json!({
            "title": "<img src=x onerror=\"window.__pwned='title';alert('title')\">Border guards killed in Syunik",
            "outlet": "<script>window.__pwned='outlet'</script>Wire",
            "author": "\"><svg onload=alert('author')>",
            "url": "javascript:window.__pwned='url';alert('url')",
            "published": "2022-09-15",
            "text": format!(
                "Two Armenian border guards were killed when Azerbaijani forces fired on positions near Jermuk on \
                 Wednesday, the Armenian defence ministry said. {} The ministry said the shooting \
                 <script>window.__pwned='text'</script> stopped in the evening.",
                "Z".repeat(120_000)
            ),
        }),
    ];
    records.iter().map(|record| format!("{record}\n")).collect()
}

/// Posts the hostile articles to a server that ingests, returning their ids.
pub fn post_hostile(server: &TestServer) -> Vec<String> {
    let bearer = format!("Bearer {TOKEN}");
    let answer = server.request(
        "POST",
        "/api/articles",
        &[("Content-Type", "application/x-ndjson"), ("Authorization", &bearer)],
        hostile_articles().as_bytes(),
    );
    assert_eq!(answer.status, 200, "{}", answer.text());
    let summary = answer.json();
    assert_eq!(summary["failed"], serde_json::json!([]), "{summary}");
    summary["articles"].as_array().unwrap().iter().map(|a| a["id"].as_str().unwrap().to_string()).collect()
}
pub mod webdriver;
