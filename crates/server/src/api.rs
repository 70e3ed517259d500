//! The JSON endpoints under `/api/`: each parses its parameters into the store's typed
//! queries ([`crate::params`]), makes the library call on a blocking thread and answers
//! with the library's own types, so the JSON is the contract of the CLI's `--json`.

use crate::error::{ApiError, ErrorBody};
use crate::params::{EventFilters, IncidentFilters, Paging, pairs};
use crate::{AppState, blocking, export, ingest, openapi};
use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use faultline_incidents::facets::Facets;
use faultline_model::{Article, Incident, Layers, Range, Status};
use faultline_store::{ArticleSummary, SearchHit, StoredEvent};
use serde::Serialize;
use std::sync::Arc;

type Shared = State<Arc<AppState>>;

/// The API's routes.
pub fn routes() -> Router<Arc<AppState>> {
    Router::new()
        .route("/api/articles", get(list_articles).post(ingest::post_articles))
        .route("/api/articles/{id}", get(get_article))
        .route("/api/events", get(list_events))
        .route("/api/events/export", get(export::events))
        .route("/api/incidents", get(list_incidents))
        .route("/api/incidents/facets", get(incident_facets))
        .route("/api/incidents/export", get(export::incidents))
        .route("/api/incidents/{id}", get(get_incident))
        .route("/api/timeline", get(timeline))
        .route("/api/actors", get(actors))
        .route("/api/search", get(search))
        .route("/api/openapi.json", get(openapi::document))
        .route("/api/status", get(status))
}

/// One page of a listing.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub page: usize,
    pub per_page: usize,
    /// Whether a next page exists.
    pub has_more: bool,
}

impl<T> Page<T> {
    /// The page `paging` asks for out of rows fetched from the first one, with at most one
    /// row past it.
    fn of(mut rows: Vec<T>, paging: Paging) -> Page<T> {
        let has_more = rows.len() > paging.offset() + paging.per_page;
        rows.truncate(paging.offset() + paging.per_page);
        let items = if paging.offset() < rows.len() { rows.split_off(paging.offset()) } else { Vec::new() };
        Page { items, page: paging.page, per_page: paging.per_page, has_more }
    }
}

/// Whether the server is read-only, and how much it holds.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ServerStatus {
    pub articles: usize,
    /// Whether `POST /api/articles` is open (the server was started with a token).
    pub ingest: bool,
    pub version: &'static str,
    /// PLOVER's event types, the values `type` filters take.
    pub event_types: &'static [&'static str],
}

#[utoipa::path(get, path = "/api/status", tag = "server",
    responses((status = 200, description = "Stored articles and whether ingest is open", body = ServerStatus)))]
pub async fn status(State(state): Shared) -> Result<Json<ServerStatus>, ApiError> {
    let ingest = state.accepts_ingest();
    let articles = blocking(move || Ok(state.store.count_articles()?)).await?;
    Ok(Json(ServerStatus {
        articles,
        ingest,
        version: env!("CARGO_PKG_VERSION"),
        event_types: &faultline_model::PLOVER_TYPES,
    }))
}

#[utoipa::path(get, path = "/api/articles", tag = "articles", params(Paging),
    responses(
        (status = 200, description = "Stored articles, newest first: {items: [ArticleSummary], page, per_page, has_more}", body = Object),
        (status = 400, description = "A bad parameter", body = ErrorBody)))]
pub async fn list_articles(
    State(state): Shared,
    RawQuery(raw): RawQuery,
) -> Result<Json<Page<ArticleSummary>>, ApiError> {
    let paging = Paging::parse(&pairs(raw.as_deref()))?;
    let articles = blocking(move || Ok(state.store.list_articles()?)).await?;
    Ok(Json(Page::of(articles, paging)))
}

/// A removed span of the original with its text.
#[derive(Debug, Serialize)]
pub struct RemovedText {
    pub start: usize,
    pub end: usize,
    pub reason: String,
    pub text: String,
}

/// One article: its metadata and cleaned text, every annotation layer (spans are byte
/// offsets into `article.text`), and the removed spans of the original with their text.
#[derive(Debug, Serialize)]
pub struct ArticleView {
    pub article: Article,
    #[serde(flatten)]
    pub layers: Layers,
    pub removed_text: Vec<RemovedText>,
}

#[utoipa::path(get, path = "/api/articles/{id}", tag = "articles",
    params(("id" = String, Path, description = "Article id or a unique prefix")),
    responses(
        (status = 200, description = "{article, numbers, times, entities, places, quotes, events, relations, removed_text}: the contract of `faultline show --json --removed`", body = Object),
        (status = 404, description = "No such article", body = ErrorBody),
        (status = 400, description = "An ambiguous prefix", body = ErrorBody)))]
pub async fn get_article(
    State(state): Shared,
    Path(id): Path<String>,
) -> Result<Json<ArticleView>, ApiError> {
    let view = blocking(move || {
        let store = &state.store;
        let article = store.get_article(&id)?;
        let layers = store.layers(&article.id)?;
        let original = store.original_content(&article.id)?;
        let removed_text = article
            .removed
            .iter()
            .map(|span| RemovedText {
                start: span.start,
                end: span.end,
                reason: span.reason.clone(),
                text: original.get(span.start..span.end).unwrap_or("").to_string(),
            })
            .collect();
        Ok(ArticleView { article, layers, removed_text })
    })
    .await?;
    Ok(Json(view))
}

#[utoipa::path(get, path = "/api/events", tag = "events", params(EventFilters, Paging),
    responses(
        (status = 200, description = "Events latest first: {items: [{article, event}], page, per_page, has_more}", body = Object),
        (status = 400, description = "A bad filter", body = ErrorBody)))]
pub async fn list_events(
    State(state): Shared,
    RawQuery(raw): RawQuery,
) -> Result<Json<Page<StoredEvent>>, ApiError> {
    let (filters, paging) = EventFilters::parse(&pairs(raw.as_deref()))?;
    let query = filters.to_query(Some(paging.fetch_limit()))?;
    let events = blocking(move || Ok(state.store.events(&query)?)).await?;
    Ok(Json(Page::of(events, paging)))
}

#[utoipa::path(get, path = "/api/incidents", tag = "incidents", params(IncidentFilters, Paging),
    responses(
        (status = 200, description = "Incidents latest first, each with the evidence of every merge: {items: [Incident], page, per_page, has_more}", body = Object),
        (status = 400, description = "A bad filter", body = ErrorBody)))]
pub async fn list_incidents(
    State(state): Shared,
    RawQuery(raw): RawQuery,
) -> Result<Json<Page<Incident>>, ApiError> {
    let (filters, paging) = IncidentFilters::parse(&pairs(raw.as_deref()))?;
    let query = filters.to_query(Some(paging.fetch_limit()))?;
    let incidents = blocking(move || Ok(state.store.incidents(&query)?)).await?;
    Ok(Json(Page::of(incidents, paging)))
}

#[utoipa::path(get, path = "/api/incidents/facets", tag = "incidents", params(IncidentFilters),
    responses(
        (status = 200, description = "Counts of the matching incidents: {total, type, status, country, actor, month}, each a list of {value, label?, count}, most frequent first (months in order, the 25 most frequent actors)", body = Object),
        (status = 400, description = "A bad filter", body = ErrorBody)))]
pub async fn incident_facets(
    State(state): Shared,
    RawQuery(raw): RawQuery,
) -> Result<Json<Facets>, ApiError> {
    let (filters, _) = IncidentFilters::parse(&pairs(raw.as_deref()))?;
    let query = filters.to_query(None)?;
    let incidents = blocking(move || Ok(state.store.incidents(&query)?)).await?;
    Ok(Json(Facets::of(&incidents)))
}

/// One incident with its events beside their articles.
#[derive(Debug, Serialize)]
pub struct IncidentView {
    pub incident: Incident,
    /// The incident's events with their articles, in the order of `incident.events`.
    pub events: Vec<StoredEvent>,
}

#[utoipa::path(get, path = "/api/incidents/{id}", tag = "incidents",
    params(("id" = String, Path, description = "Incident id or a unique prefix")),
    responses(
        (status = 200, description = "{incident, events: [{article, event}]}: the incident with the evidence of each merge, and its events with their sources", body = Object),
        (status = 404, description = "No such incident", body = ErrorBody)))]
pub async fn get_incident(
    State(state): Shared,
    Path(id): Path<String>,
) -> Result<Json<IncidentView>, ApiError> {
    let view = blocking(move || {
        let incident = state.store.get_incident(&id)?;
        let events = state.store.events_by_id(&incident.events)?;
        Ok(IncidentView { incident, events })
    })
    .await?;
    Ok(Json(view))
}

/// An incident as the timeline draws it.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct TimelineItem {
    pub id: String,
    pub date: Option<String>,
    #[serde(rename = "type")]
    pub event_type: String,
    pub mode: Option<String>,
    /// The source actors' names, then the targets'.
    pub source: Vec<String>,
    pub target: Vec<String>,
    #[schema(value_type = Option<Object>)]
    pub fatalities: Option<Range>,
    pub sources: usize,
    #[schema(value_type = String)]
    pub status: Status,
    pub outlets: Vec<String>,
}

#[utoipa::path(get, path = "/api/timeline", tag = "incidents", params(IncidentFilters),
    responses(
        (status = 200, description = "Every matching incident, oldest first, as the timeline draws it", body = [TimelineItem]),
        (status = 400, description = "A bad filter", body = ErrorBody)))]
pub async fn timeline(
    State(state): Shared,
    RawQuery(raw): RawQuery,
) -> Result<Json<Vec<TimelineItem>>, ApiError> {
    let (filters, _) = IncidentFilters::parse(&pairs(raw.as_deref()))?;
    let query = filters.to_query(None)?;
    let incidents = blocking(move || Ok(state.store.incidents(&query)?)).await?;
    let names = |actors: &[faultline_model::EventActor]| actors.iter().map(|a| a.name.clone()).collect();
    Ok(Json(
        incidents
            .into_iter()
            .rev()
            .map(|incident| TimelineItem {
                source: names(&incident.source),
                target: names(&incident.target),
                fatalities: incident.fatalities.total,
                id: incident.id,
                date: incident.date,
                event_type: incident.event_type,
                mode: incident.mode,
                sources: incident.sources,
                status: incident.status,
                outlets: incident.outlets,
            })
            .collect(),
    ))
}

#[utoipa::path(get, path = "/api/actors", tag = "incidents",
    responses((status = 200, description = "{actors, pairs}: each actor's incidents and relations; per pair, cooperative and conflictual incidents per month and a Goldstein-scale score (`faultline actors --json`)", body = Object)))]
pub async fn actors(State(state): Shared) -> Result<Response, ApiError> {
    let json = blocking(move || {
        let articles = state.store.count_articles()?;
        if let Some((count, json)) = state.actors.lock().unwrap_or_else(|p| p.into_inner()).as_ref()
            && *count == articles
        {
            return Ok(json.clone());
        }
        let network = faultline_incidents::stored_actor_network(state.store.as_ref())?;
        let json =
            Bytes::from(serde_json::to_vec(&network).map_err(|err| ApiError::internal(err.to_string()))?);
        *state.actors.lock().unwrap_or_else(|p| p.into_inner()) = Some((articles, json.clone()));
        Ok(json)
    })
    .await?;
    Ok(([(header::CONTENT_TYPE, "application/json")], json).into_response())
}

#[utoipa::path(get, path = "/api/search", tag = "articles",
    params(
        ("q" = String, Query, description = "Words to find; FTS5 syntax works too: \"border guard\", shell*, a OR b"),
        ("limit" = Option<usize>, Query, description = "At most this many results (1 to 1000, default 20)")),
    responses(
        (status = 200, description = "Articles best match first, with a snippet (matched words in [brackets])", body = Object),
        (status = 400, description = "No query, or a bad one", body = ErrorBody)))]
pub async fn search(State(state): Shared, RawQuery(raw): RawQuery) -> Result<Json<Vec<SearchHit>>, ApiError> {
    let mut query = None;
    let mut limit = 20;
    for (name, value) in pairs(raw.as_deref()) {
        match name.as_str() {
            "q" => query = Some(value),
            "limit" => {
                limit = value
                    .parse::<usize>()
                    .ok()
                    .filter(|n| (1..=1000).contains(n))
                    .ok_or_else(|| ApiError::bad_request("limit must be a whole number from 1 to 1000"))?
            }
            _ => {
                return Err(ApiError::bad_request(format!(
                    "unknown parameter {name:?}: search takes q and limit"
                )));
            }
        }
    }
    let query = query
        .filter(|q| !q.trim().is_empty())
        .ok_or_else(|| ApiError::bad_request("give the words to find as q=..."))?;
    let hits = blocking(move || Ok(state.store.search(&query, limit)?)).await?;
    Ok(Json(hits))
}
