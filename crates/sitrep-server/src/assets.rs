//! The dashboard's files, embedded at build time from `web/static`.

use crate::AppState;
use axum::Router;
use axum::extract::Path;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use include_dir::{Dir, include_dir};
use std::sync::Arc;

static WEB: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/../../web/static");

/// No inline script, no outside origin: a document's text that slips through can run nothing.
const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
                   connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

fn mime(path: &str) -> &'static str {
    match path.rsplit('.').next() {
        Some("html") => "text/html; charset=utf-8",
        Some("js") => "text/javascript; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("json") => "application/json",
        Some("svg") => "image/svg+xml",
        _ => "application/octet-stream",
    }
}

fn file(path: &str) -> Response {
    match WEB.get_file(path) {
        Some(f) => (
            [
                (header::CONTENT_TYPE, mime(path)),
                (header::CONTENT_SECURITY_POLICY, CSP),
                (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
                (header::CACHE_CONTROL, "no-cache"),
            ],
            f.contents(),
        )
            .into_response(),
        None => (StatusCode::NOT_FOUND, "not found").into_response(),
    }
}

pub fn routes() -> Router<Arc<AppState>> {
    Router::new()
        .route("/", get(|| async { file("index.html") }))
        .route("/static/{*path}", get(|Path(p): Path<String>| async move { file(&p) }))
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_dashboard_is_embedded() {
        for f in ["index.html", "app.js", "style.css"] {
            assert!(super::WEB.get_file(f).is_some(), "{f} missing from web/static");
        }
    }
}
