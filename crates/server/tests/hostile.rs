//! Hostile articles through the API: markup, event handlers, `javascript:` URLs, broken
//! HTML and a 120,000-letter word (tests/fixtures, see its README) are stored and served
//! back as JSON data, byte for byte, with the headers that keep a browser from reading
//! them as anything else; and the page itself carries no inline script for them to join.

mod common;

use common::{TOKEN, post_hostile, seeded_store, start};
use faultline_server::Limits;

#[test]
fn hostile_articles_come_back_as_json_data() {
    let Some((dir, store)) = seeded_store() else { return };
    let server = start(dir, store, Some(TOKEN), Limits::default());
    let ids = post_hostile(&server);
    assert_eq!(ids.len(), 3);
    let mut texts = Vec::new();
    for id in &ids {
        let answer = server.get(&format!("/api/articles/{id}"));
        assert_eq!(answer.status, 200, "{}", answer.text());
        assert_eq!(answer.header("content-type"), Some("application/json"));
        assert_eq!(answer.header("x-content-type-options"), Some("nosniff"));
        let view = answer.json();
        texts.push((view["article"]["text"].as_str().unwrap().to_string(), view));
    }
    let (plain, _) = &texts[0];
    assert!(
        plain.contains(r#"<script>window.__pwned = "script"; alert("script")</script>"#),
        "plain text keeps the markup as text, returned exactly: {plain}"
    );
    assert!(plain.contains(r#"onerror="window.__pwned='img';alert('img')""#));
    let (html, html_view) = &texts[1];
    // A <title> holds raw text, so its "<script>" is words of the title; scripts, styles,
    // handlers and links of the markup are gone.
    for gone in [r#"__pwned = "head""#, "onerror", "onclick", "javascript:", "display: none"] {
        assert!(!html.contains(gone), "HTML cleaning drops {gone:?}: {html}");
    }
    assert!(html.contains("Berkaber"), "and keeps the report: {html}");
    assert!(!html_view["events"].as_array().unwrap().is_empty(), "the report is coded");
    let (long, long_view) = &texts[2];
    assert!(long.contains(&"Z".repeat(120_000)), "the long word is stored whole");
    assert_eq!(
        long_view["article"]["url"], "javascript:window.__pwned='url';alert('url')",
        "data, not a link"
    );
    assert!(long_view["article"]["title"].as_str().unwrap().contains("onerror"));
    // The listings carry the hostile metadata as JSON strings too.
    let incidents = server.get("/api/incidents?q=Jermuk");
    assert_eq!(incidents.status, 200, "{}", incidents.text());
    let csv = server.get("/api/incidents/export?format=csv&q=Jermuk");
    assert_eq!(csv.status, 200);
    assert!(csv.header("content-type").unwrap().starts_with("text/csv"));
}

#[test]
fn the_page_has_no_inline_script_and_a_csp_that_forbids_it() {
    let Some((dir, store)) = seeded_store() else { return };
    let server = start(dir, store, None, Limits::default());
    let page = server.get("/");
    assert_eq!(page.status, 200);
    assert!(page.header("content-type").unwrap().starts_with("text/html"));
    let html = page.text();
    let scripts: Vec<&str> = html.split("<script").skip(1).collect();
    assert_eq!(scripts.len(), 1, "one script");
    assert!(
        scripts[0].starts_with(r#" src="/static/app.js" defer></script>"#),
        "loaded from a file, nothing inline"
    );
    let inline_handler = html.match_indices(" on").any(|(at, _)| {
        let name: String = html[at + 3..].chars().take_while(|c| c.is_ascii_lowercase()).collect();
        !name.is_empty() && html[at + 3 + name.len()..].starts_with('=')
    });
    assert!(!inline_handler, "no inline event handlers in the page");
    let csp = page.header("content-security-policy").unwrap();
    assert!(csp.contains("script-src 'self'") && csp.contains("default-src 'none'"), "{csp}");
    assert!(!csp.contains("unsafe"), "{csp}");
    let script = server.get("/static/app.js");
    assert_eq!(script.status, 200);
    assert!(!script.text().contains(".innerHTML"), "the page never parses strings as HTML");
    assert!(!script.text().contains("insertAdjacentHTML") && !script.text().contains("document.write"));
}
