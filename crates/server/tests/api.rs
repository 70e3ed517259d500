//! The API over real HTTP on loopback: a server on a free port over a database holding the
//! sample articles (read in place from ../shared; the checks are skipped with a note when
//! they are absent), asked the way a browser or curl asks.

mod common;

use common::{TOKEN, TestServer, encode, seeded_store, start};
use faultline_server::Limits;
use serde_json::Value;
use std::sync::OnceLock;

/// One read-only server over the seeds, shared by the read tests.
fn server() -> Option<&'static TestServer> {
    static SERVER: OnceLock<Option<TestServer>> = OnceLock::new();
    SERVER
        .get_or_init(|| seeded_store().map(|(dir, store)| start(dir, store, None, Limits::default())))
        .as_ref()
}

fn items(answer: &common::Answer) -> Vec<Value> {
    assert_eq!(answer.status, 200, "{}", answer.text());
    answer.json()["items"].as_array().expect("a page has items").clone()
}

fn countries(incident: &Value) -> Vec<String> {
    let actors = incident["source"].as_array().unwrap().iter().chain(incident["target"].as_array().unwrap());
    actors.filter_map(|actor| actor["country"].as_str().map(str::to_string)).collect()
}

#[test]
fn the_openapi_description_lists_every_endpoint_and_headers_are_safe() {
    let Some(server) = server() else { return };
    let answer = server.get("/api/openapi.json");
    assert_eq!(answer.status, 200);
    let doc = answer.json();
    assert!(doc["openapi"].as_str().unwrap().starts_with('3'), "{doc}");
    let paths = doc["paths"].as_object().unwrap();
    for path in [
        "/api/articles",
        "/api/articles/{id}",
        "/api/events",
        "/api/events/export",
        "/api/incidents",
        "/api/incidents/{id}",
        "/api/incidents/facets",
        "/api/incidents/export",
        "/api/timeline",
        "/api/actors",
        "/api/search",
        "/api/openapi.json",
    ] {
        assert!(paths.contains_key(path), "{path} missing from {:?}", paths.keys().collect::<Vec<_>>());
    }
    let incident_params: Vec<&str> = doc["paths"]["/api/incidents"]["get"]["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    for name in [
        "type",
        "actor",
        "country",
        "since",
        "until",
        "include_background",
        "status",
        "q",
        "page",
        "per_page",
    ] {
        assert!(incident_params.contains(&name), "{name} not in {incident_params:?}");
    }
    assert!(doc["paths"]["/api/articles"]["post"].is_object(), "ingest is described");
    let csp = answer.header("content-security-policy").expect("a CSP on every response");
    assert!(csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"), "{csp}");
    assert_eq!(answer.header("x-content-type-options"), Some("nosniff"));
}

#[test]
fn incidents_filter_by_actor_and_page_without_gaps_or_repeats() {
    let Some(server) = server() else { return };
    let all = items(&server.get("/api/incidents?per_page=1000"));
    assert!(all.len() >= 3, "the seeds give several incidents: {}", all.len());
    let armenian = items(&server.get("/api/incidents?actor=ARM&per_page=1000"));
    assert!(!armenian.is_empty() && armenian.len() < all.len(), "{} of {}", armenian.len(), all.len());
    for incident in &armenian {
        assert!(countries(incident).contains(&"ARM".to_string()), "{incident}");
    }
    let mut paged = Vec::new();
    for page in 1.. {
        let answer = server.get(&format!("/api/incidents?per_page=2&page={page}"));
        let json = answer.json();
        paged.extend(items(&answer));
        if !json["has_more"].as_bool().unwrap() {
            break;
        }
    }
    let ids = |list: &[Value]| list.iter().map(|i| i["id"].as_str().unwrap().to_string()).collect::<Vec<_>>();
    assert_eq!(ids(&paged), ids(&all), "pages of two make the whole list, in order");
    let dates: Vec<&str> = all.iter().filter_map(|i| i["date"].as_str()).collect();
    assert!(dates.windows(2).all(|w| w[0] >= w[1]), "latest first: {dates:?}");
    let facets = server.get("/api/incidents/facets?actor=ARM").json();
    assert_eq!(facets["total"].as_u64().unwrap() as usize, armenian.len());
    let arm =
        facets["country"].as_array().unwrap().iter().find(|c| c["value"] == "ARM").expect("ARM counted");
    assert_eq!(arm["count"].as_u64().unwrap() as usize, armenian.len(), "every Armenian incident counts ARM");
}

#[test]
fn events_take_the_cli_filters() {
    let Some(server) = server() else { return };
    let assaults = items(&server.get("/api/events?type=ASSAULT&per_page=1000"));
    assert!(!assaults.is_empty());
    assert!(assaults.iter().all(|e| e["event"]["type"] == "ASSAULT"));
    let everything =
        items(&server.get("/api/events?include_background=true&include_unreal=true&per_page=1000"));
    let default = items(&server.get("/api/events?per_page=1000"));
    assert!(everything.len() > default.len(), "background and unreal events are left out by default");
    assert!(default.iter().all(|e| e["event"]["background"] == false && e["event"]["modality"] == "actual"));
    let since = items(&server.get("/api/events?since=2024&per_page=1000"));
    assert!(
        since.len() < default.len()
            && since.iter().all(|e| {
                let date =
                    e["event"]["time"]["value"].as_str().or(e["article"]["published"].as_str()).unwrap_or("");
                date >= "2024"
            })
    );
}

#[test]
fn bad_filters_and_unknown_ids_are_json_errors_with_their_status() {
    let Some(server) = server() else { return };
    for (path, status, words) in [
        ("/api/incidents?since=yesterday", 400, "YYYY-MM-DD"),
        ("/api/events?type=ATTACK", 400, "ASSAULT"),
        ("/api/incidents?contry=ARM", 400, "country"),
        ("/api/events?since=2024-03&until=2024-02", 400, "swap"),
        ("/api/incidents?per_page=0", 400, "per_page"),
        ("/api/incidents?country=Armenia", 400, "alpha-3"),
        ("/api/incidents/inc-000000000000", 404, "faultline incidents"),
        ("/api/articles/ffffffffffff", 404, "faultline articles"),
        ("/api/incidents/export?format=pdf", 400, "csv"),
        ("/api/search", 400, "q="),
        ("/api/nothing-here", 404, "openapi"),
        ("/static/../../Cargo.toml", 404, "no"),
        ("/static/%2e%2e%2fCargo.toml", 404, "no"),
    ] {
        let answer = server.get(path);
        assert_eq!(answer.status, status, "{path}: {}", answer.text());
        assert_eq!(answer.header("content-type"), Some("application/json"), "{path}");
        let message = answer.json()["error"].as_str().unwrap().to_string();
        assert!(message.contains(words), "{path}: {message}");
        assert!(!message.contains("panicked") && !message.contains("src/"), "{path}: {message}");
    }
    let wrong_method = server.request("DELETE", "/api/incidents", &[], b"");
    assert_eq!(wrong_method.status, 405);
    assert!(wrong_method.json()["error"].is_string());
}

#[test]
fn an_incident_comes_with_its_events_and_an_article_with_its_layers() {
    let Some(server) = server() else { return };
    let all = items(&server.get("/api/incidents?per_page=1000"));
    let merged = all.iter().find(|i| i["articles"].as_array().unwrap().len() > 1).expect("a merged incident");
    let id = merged["id"].as_str().unwrap();
    let view = server.get(&format!("/api/incidents/{}", &id[..10])).json();
    assert_eq!(view["incident"]["id"], id, "a prefix finds it");
    let event_ids: Vec<&Value> =
        view["events"].as_array().unwrap().iter().map(|e| &e["event"]["id"]).collect();
    assert_eq!(event_ids.len(), merged["events"].as_array().unwrap().len());
    let linked =
        view["incident"]["absorbed"].as_array().unwrap().iter().filter(|a| a["evidence"].is_object()).count();
    assert!(linked >= 1, "a merged incident shows the evidence of its merge");
    let article_id = view["events"][0]["article"]["id"].as_str().unwrap();
    let article = server.get(&format!("/api/articles/{article_id}")).json();
    let text = article["article"]["text"].as_str().unwrap();
    for layer in ["numbers", "times", "entities", "places", "quotes", "events"] {
        let spans = article[layer].as_array().unwrap_or_else(|| panic!("{layer} present"));
        for span in spans.iter().filter(|s| s["start"].is_u64()) {
            let (start, end) =
                (span["start"].as_u64().unwrap() as usize, span["end"].as_u64().unwrap() as usize);
            assert!(
                start < end && text.get(start..end).is_some(),
                "{layer} span {start}..{end} lies in the text"
            );
        }
    }
    assert!(article["removed_text"].is_array());
    let listed = items(&server.get("/api/articles?per_page=2"));
    assert_eq!(listed.len(), 2);
}

#[test]
fn exports_stream_the_filtered_rows_in_each_format() {
    let Some(server) = server() else { return };
    let armenian = items(&server.get("/api/incidents?actor=ARM&per_page=1000"));
    let lines = server.get("/api/incidents/export?format=jsonl&actor=ARM");
    assert_eq!(lines.status, 200);
    assert_eq!(lines.header("content-type"), Some("application/x-ndjson"));
    assert_eq!(lines.text().lines().count(), armenian.len());
    let csv = server.get("/api/incidents/export?format=csv&actor=ARM");
    assert!(csv.text().starts_with("event_id_cnty,event_date"), "{}", csv.text());
    assert_eq!(csv.text().lines().count(), armenian.len() + 1);
    let map = server.get("/api/incidents/export?format=geojson").json();
    let mapped: Vec<&str> = map["features"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|f| f["properties"]["country"].as_str())
        .collect();
    for country in ["ARM", "AZE", "KAZ"] {
        assert!(mapped.contains(&country), "a marker in {country}: {mapped:?}");
    }
    let events = server.get("/api/events/export?format=csv&type=ASSAULT");
    let assaults = items(&server.get("/api/events?type=ASSAULT&per_page=1000"));
    assert_eq!(events.text().lines().count(), assaults.len() + 1);
    assert!(events.header("content-disposition").unwrap().contains("faultline-events.csv"));
}

#[test]
fn timeline_actors_and_search_answer() {
    let Some(server) = server() else { return };
    let timeline = server.get("/api/timeline").json();
    let dates: Vec<&str> = timeline.as_array().unwrap().iter().filter_map(|i| i["date"].as_str()).collect();
    assert!(dates.len() >= 2 && dates.windows(2).all(|w| w[0] <= w[1]), "oldest first: {dates:?}");
    let actors = server.get("/api/actors").json();
    assert!(!actors["pairs"].as_array().unwrap().is_empty());
    let pair = actors["pairs"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["a"] == "COUNTRY:ARM" && p["b"] == "COUNTRY:AZE")
        .expect("Armenia and Azerbaijan are a pair");
    assert!(pair["score"].as_f64().unwrap() < 0.0, "their fighting scores as conflict: {pair}");
    let hits = server.get(&format!("/api/search?q={}", encode("Nagorno"))).json();
    assert!(!hits.as_array().unwrap().is_empty());
    let found = items(&server.get("/api/incidents?q=Kazakhstan&per_page=1000"));
    let all = items(&server.get("/api/incidents?per_page=1000"));
    assert!(!found.is_empty() && found.len() < all.len(), "{} of {}", found.len(), all.len());
}

#[test]
fn status_and_text_filters_page_like_the_others() {
    let Some(server) = server() else { return };
    let all = items(&server.get("/api/incidents?per_page=1000"));
    let ids = |list: &[Value]| list.iter().map(|i| i["id"].as_str().unwrap().to_string()).collect::<Vec<_>>();
    let wanted = |i: &&Value| i["status"] != "asserted";
    let contested = items(&server.get("/api/incidents?status=claimed,disputed,denied&per_page=1000"));
    assert_eq!(ids(&contested), ids(&all.iter().filter(wanted).cloned().collect::<Vec<_>>()));
    assert!(contested.len() >= 2, "the seeds hold claimed or disputed incidents: {}", contested.len());
    let first = server.get("/api/incidents?status=claimed,disputed,denied&per_page=1").json();
    assert_eq!(first["has_more"], true, "a full page of the filtered rows, and more after it");
    assert_eq!(first["items"][0]["id"], contested[0]["id"]);
    let facets = server.get("/api/incidents/facets?status=claimed,disputed,denied&q=Azerbaijan").json();
    let found =
        items(&server.get("/api/incidents?status=claimed,disputed,denied&q=Azerbaijan&per_page=1000"));
    assert_eq!(facets["total"].as_u64().unwrap() as usize, found.len(), "facets count the same rows");
    let bad = server.get("/api/incidents?status=rumoured");
    assert_eq!(bad.status, 400);
    assert!(bad.json()["error"].as_str().unwrap().contains("disputed"), "{}", bad.text());
}

#[test]
fn ingest_needs_the_token_and_respects_the_body_limit() {
    let Some(server) = server() else { return };
    let article = b"Troops shelled the village of Tavush on Monday, killing two people, officials said.";
    let refused = server.request("POST", "/api/articles", &[("Content-Type", "text/plain")], article);
    assert_eq!(refused.status, 403, "a read-only server refuses: {}", refused.text());
    assert!(refused.json()["error"].as_str().unwrap().contains("--ingest-token"));

    let Some((dir, store)) = seeded_store() else { return };
    let limits = Limits { body_bytes: 64 * 1024, ..Limits::default() };
    let writer = start(dir, store, Some(TOKEN), limits);
    let before = writer.get("/api/status").json()["articles"].as_u64().unwrap();
    let bearer = format!("Bearer {TOKEN}");
    let no_token = writer.request("POST", "/api/articles", &[("Content-Type", "text/plain")], article);
    assert_eq!(no_token.status, 401, "{}", no_token.text());
    let wrong = writer.request(
        "POST",
        "/api/articles",
        &[("Content-Type", "text/plain"), ("Authorization", "Bearer not-the-token")],
        article,
    );
    assert_eq!(wrong.status, 401);
    let too_big = vec![b'a'; 65 * 1024];
    let large = writer.request(
        "POST",
        "/api/articles",
        &[("Content-Type", "text/plain"), ("Authorization", &bearer)],
        &too_big,
    );
    assert_eq!(large.status, 413, "{}", large.text());
    assert!(large.json()["error"].is_string());
    let json = serde_json::json!({"title": "Shelling in Tavush", "text": String::from_utf8_lossy(article), "published": "2024-03-04", "outlet": "Test Wire"});
    let accepted = writer.request(
        "POST",
        "/api/articles",
        &[("Content-Type", "application/json"), ("Authorization", &bearer)],
        json.to_string().as_bytes(),
    );
    assert_eq!(accepted.status, 200, "{}", accepted.text());
    assert_eq!(accepted.json()["new"], 1);
    assert_eq!(writer.get("/api/status").json()["articles"].as_u64().unwrap(), before + 1);
    let again = writer.request(
        "POST",
        "/api/articles",
        &[("Content-Type", "application/json"), ("Authorization", &bearer)],
        json.to_string().as_bytes(),
    );
    assert_eq!(again.json()["unchanged"], 1, "the same text is stored once");
}
