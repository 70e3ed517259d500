//! The OpenAPI description at `/api/openapi.json`, generated from the handlers'
//! `#[utoipa::path]` attributes and the parameter and body types, so it cannot drift
//! from the code.

use crate::{api, export, ingest};
use axum::Json;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

#[derive(OpenApi)]
#[openapi(
    info(title = "faultline", description = "Articles, events and incidents of armed conflict and diplomacy read from news reports, with the evidence of every record."),
    paths(
        api::status,
        api::list_articles,
        api::get_article,
        ingest::post_articles,
        api::list_events,
        export::events,
        api::list_incidents,
        api::incident_facets,
        export::incidents,
        api::get_incident,
        api::timeline,
        api::actors,
        api::search,
        document,
    ),
    components(schemas(crate::ErrorBody, api::TimelineItem, api::ServerStatus)),
    modifiers(&BearerToken),
)]
pub struct ApiDoc;

/// The ingest token as a bearer security scheme.
struct BearerToken;

impl Modify for BearerToken {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
    }
}

/// The description, for tools and for the page's API link.
#[utoipa::path(get, path = "/api/openapi.json", tag = "server",
    responses((status = 200, description = "This OpenAPI description", body = Object)))]
pub async fn document() -> Json<utoipa::openapi::OpenApi> {
    Json(ApiDoc::openapi())
}
