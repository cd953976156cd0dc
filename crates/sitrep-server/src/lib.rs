//! sitrep's HTTP server: the JSON API over the store and the embedded dashboard.
//!
//! - In: a database path, a bearer token for writes, HTTP requests.
//! - Out: JSON (documents, events, counts, statements, tallies, sources, reviews), the OpenAPI
//!   document at `/openapi.json`, and the dashboard's static files, embedded at build time.
//! - Never: NLP, printing, or a 500 for a malformed request (every bad query is a 400 that
//!   says which parameter and why). Never writes without the bearer token.

mod api;
mod assets;
mod openapi;
mod pool;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::StatusCode;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

pub use api::ApiError;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{0}: no such database (run `sitrep ingest` first, or pass --db)")]
    NoDatabase(PathBuf),
    #[error("opening the database: {0}")]
    Store(#[from] sitrep_store::Error),
    #[error("network: {0}")]
    Io(#[from] std::io::Error),
}

/// How the server runs.
#[derive(Debug, Clone)]
pub struct Config {
    pub db: PathBuf,
    /// Bearer token that write requests must carry; None refuses every write.
    pub token: Option<String>,
    /// Largest request body accepted, in bytes.
    pub body_limit: usize,
    /// Longest a request may take before a 408.
    pub timeout: Duration,
}

impl Config {
    pub fn new(db: PathBuf, token: Option<String>) -> Self {
        Config { db, token, body_limit: 64 * 1024, timeout: Duration::from_secs(15) }
    }
}

pub(crate) struct AppState {
    pool: pool::Pool,
    token: Option<String>,
}

/// The API and the dashboard. Opens the database once to check it.
pub fn router(cfg: &Config) -> Result<Router, Error> {
    if !cfg.db.exists() {
        return Err(Error::NoDatabase(cfg.db.clone()));
    }
    let pool = pool::Pool::new(cfg.db.clone());
    pool.check()?;
    let state = Arc::new(AppState { pool, token: cfg.token.clone().filter(|t| !t.is_empty()) });
    Ok(api::routes()
        .merge(assets::routes())
        .with_state(state)
        .layer(DefaultBodyLimit::max(cfg.body_limit))
        .layer(tower_http::limit::RequestBodyLimitLayer::new(cfg.body_limit))
        .layer(tower_http::timeout::TimeoutLayer::with_status_code(StatusCode::REQUEST_TIMEOUT, cfg.timeout)))
}

/// Serves until `shutdown` completes, then finishes the requests in flight.
pub async fn serve(
    listener: tokio::net::TcpListener,
    app: Router,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> Result<(), Error> {
    axum::serve(listener, app).with_graceful_shutdown(shutdown).await?;
    Ok(())
}
