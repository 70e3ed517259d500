//! A small W3C WebDriver client over the tests' HTTP client: enough to drive Debian's
//! headless Chromium through chromedriver (open a page, run a script, click, type, read
//! an open dialog, take a screenshot) without a WebDriver crate.

use super::{Answer, http};
use serde_json::{Value, json};
use std::net::{SocketAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// The browser and its driver: `FAULTLINE_CHROMIUM` / `FAULTLINE_CHROMEDRIVER`, else
/// Debian's paths; None, with a printed note, when either is missing.
pub fn browser_paths() -> Option<(PathBuf, PathBuf)> {
    let pick = |variable: &str, default: &str| {
        std::env::var_os(variable).map(PathBuf::from).unwrap_or(default.into())
    };
    let browser = pick("FAULTLINE_CHROMIUM", "/usr/bin/chromium");
    let driver = pick("FAULTLINE_CHROMEDRIVER", "/usr/bin/chromedriver");
    for path in [&browser, &driver] {
        if !path.exists() {
            println!(
                "note: {} is missing, so the browser tests are skipped: install Debian's chromium and \
                 chromium-driver (scripts/test does when it can)",
                path.display()
            );
            return None;
        }
    }
    Some((browser, driver))
}

/// A chromedriver process and one browser session in it, both ended on drop.
pub struct Browser {
    driver: Child,
    addr: SocketAddr,
    session: String,
}

impl Browser {
    /// Starts chromedriver on a free loopback port and a headless Chromium session.
    pub fn start(browser: &Path, driver: &Path) -> Browser {
        let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let child = Command::new(driver)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver starts");
        let addr: SocketAddr = format!("127.0.0.1:{port}").parse().unwrap();
        let started = Instant::now();
        while std::net::TcpStream::connect(addr).is_err() {
            assert!(started.elapsed() < Duration::from_secs(20), "chromedriver did not start listening");
            std::thread::sleep(Duration::from_millis(100));
        }
        let mut browser_session = Browser { driver: child, addr, session: String::new() };
        let capabilities = json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": browser.display().to_string(),
                "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                         "--window-size=1400,1000", "--no-first-run", "--disable-extensions"]
            }
        }}});
        let created = browser_session.call("POST", "/session", Some(capabilities));
        browser_session.session = created["sessionId"].as_str().expect("a session id").to_string();
        browser_session
    }

    fn raw(&self, method: &str, path: &str, body: Option<Value>) -> Answer {
        let body = body.map(|b| b.to_string()).unwrap_or_default();
        let headers: &[(&str, &str)] =
            if method == "POST" { &[("Content-Type", "application/json")] } else { &[] };
        http(self.addr, method, path, headers, body.as_bytes())
    }

    fn call(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        let answer = self.raw(method, path, body);
        assert_eq!(answer.status, 200, "WebDriver {method} {path}: {}", answer.text());
        answer.json()["value"].clone()
    }

    fn session_path(&self, rest: &str) -> String {
        format!("/session/{}{rest}", self.session)
    }

    pub fn open(&self, url: &str) {
        self.call("POST", &self.session_path("/url"), Some(json!({"url": url})));
    }

    /// Runs `script` (a function body; `return` gives the value) in the page.
    pub fn run(&self, script: &str) -> Value {
        self.call("POST", &self.session_path("/execute/sync"), Some(json!({"script": script, "args": []})))
    }

    /// Waits until `script` returns something truthy (up to 30 s), returning it.
    pub fn wait_for(&self, what: &str, script: &str) -> Value {
        let started = Instant::now();
        loop {
            let value = self.run(script);
            let truthy = match &value {
                Value::Null => false,
                Value::Bool(b) => *b,
                Value::Number(n) => n.as_f64() != Some(0.0),
                Value::String(s) => !s.is_empty(),
                _ => true,
            };
            if truthy {
                return value;
            }
            let status = self.run("return document.getElementById('status').textContent");
            assert!(
                started.elapsed() < Duration::from_secs(30),
                "timed out waiting for {what}; status: {status}"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    fn element(&self, css: &str) -> String {
        let found = self.call(
            "POST",
            &self.session_path("/element"),
            Some(json!({"using": "css selector", "value": css})),
        );
        found
            .as_object()
            .and_then(|o| o.values().next())
            .and_then(Value::as_str)
            .expect("an element id")
            .to_string()
    }

    /// Clicks the first element matching `css`, as a user would.
    pub fn click(&self, css: &str) {
        let id = self.element(css);
        self.call("POST", &self.session_path(&format!("/element/{id}/click")), Some(json!({})));
    }

    /// Types `text` into the first element matching `css`.
    pub fn type_into(&self, css: &str, text: &str) {
        let id = self.element(css);
        self.call("POST", &self.session_path(&format!("/element/{id}/value")), Some(json!({"text": text})));
    }

    /// The text of an open dialog (alert, confirm, prompt), if one is open.
    pub fn open_dialog(&self) -> Option<String> {
        let answer = self.raw("GET", &self.session_path("/alert/text"), None);
        (answer.status == 200).then(|| answer.json()["value"].as_str().unwrap_or("").to_string())
    }

    /// Saves a screenshot of the window as `dir/name.png`.
    pub fn screenshot(&self, dir: &Path, name: &str) -> PathBuf {
        let encoded = self.call("GET", &self.session_path("/screenshot"), None);
        let png = decode_base64(encoded.as_str().expect("base64 PNG"));
        assert!(png.starts_with(b"\x89PNG"), "a PNG");
        std::fs::create_dir_all(dir).unwrap();
        let path = dir.join(format!("{name}.png"));
        std::fs::write(&path, png).unwrap();
        path
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        if !self.session.is_empty() {
            let _ = self.raw("DELETE", &self.session_path(""), None);
        }
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

/// Standard base64 (RFC 4648, with padding) to bytes.
fn decode_base64(text: &str) -> Vec<u8> {
    let value = |c: u8| match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'+' => 62,
        b'/' => 63,
        _ => panic!("not base64: {c}"),
    };
    let digits: Vec<u8> =
        text.bytes().filter(|c| !c.is_ascii_whitespace() && *c != b'=').map(value).collect();
    let mut bytes = Vec::with_capacity(digits.len() * 3 / 4);
    for chunk in digits.chunks(4) {
        let mut buffer = 0u32;
        for (i, digit) in chunk.iter().enumerate() {
            buffer |= u32::from(*digit) << (18 - 6 * i);
        }
        let take = chunk.len() - 1;
        bytes.extend_from_slice(&buffer.to_be_bytes()[1..1 + take]);
    }
    bytes
}
