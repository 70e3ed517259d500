//! The page and its files, embedded in the binary: a fixed table of names, so nothing
//! outside it can ever be served (no file system, no path to traverse). The page is plain
//! HTML, CSS and JavaScript written here (`crates/server/web/`); the map's country
//! outlines are Natural Earth's, from `data/web/` (see its README).

use crate::AppState;
use axum::Router;
use axum::extract::Path;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use std::sync::Arc;

/// Every file the server serves besides the API: name, content type, content.
pub const FILES: [(&str, &str, &[u8]); 4] = [
    ("index.html", "text/html; charset=utf-8", include_bytes!("../web/index.html")),
    ("app.js", "text/javascript; charset=utf-8", include_bytes!("../web/app.js")),
    ("style.css", "text/css; charset=utf-8", include_bytes!("../web/style.css")),
    ("countries-110m.json", "application/json", include_bytes!("../../../data/web/countries-110m.json")),
];

pub fn routes() -> Router<Arc<AppState>> {
    Router::new().route("/", get(|| async { file("index.html") })).route("/static/{name}", get(named))
}

async fn named(Path(name): Path<String>) -> Response {
    file(&name)
}

fn file(name: &str) -> Response {
    let Some((_, content_type, content)) = FILES.iter().find(|(file, _, _)| *file == name) else {
        return crate::ApiError::new(StatusCode::NOT_FOUND, format!("no file {name:?}")).into_response();
    };
    let mut response = content.into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    response
}
