//! The JSON API. Query parameters are read as text and converted here, so that each error
//! names its parameter; the store's own errors map to 400/404, only database failures to 500.

use crate::AppState;
use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use chrono::NaiveDate;
use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};
use sitrep_store::answers::{EventCursor, RecordFilter};
use sitrep_store::{CountBy, EventFilter, Store};
use std::sync::Arc;

type St = State<Arc<AppState>>;

/// Most records one request returns.
pub const MAX_LIMIT: usize = 1000;
const DEFAULT_LIMIT: usize = 100;

/// An API failure, sent as `{"error": "…"}` with its status.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("{0}")]
    BadRequest(String),
    #[error("{0}")]
    NotFound(String),
    #[error("this request needs a bearer token: Authorization: Bearer <token>")]
    Unauthorized,
    #[error("writes are disabled: start the server with --token or SITREP_TOKEN")]
    WritesDisabled,
    #[error("{0}")]
    Internal(String),
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = match &self {
            ApiError::BadRequest(_) => StatusCode::BAD_REQUEST,
            ApiError::NotFound(_) => StatusCode::NOT_FOUND,
            ApiError::Unauthorized => StatusCode::UNAUTHORIZED,
            ApiError::WritesDisabled => StatusCode::FORBIDDEN,
            ApiError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        };
        if status.is_server_error() {
            tracing::error!("{self}");
        }
        let mut r = (status, axum::Json(json!({ "error": self.to_string() }))).into_response();
        if matches!(self, ApiError::Unauthorized) {
            r.headers_mut().insert(header::WWW_AUTHENTICATE, header::HeaderValue::from_static("Bearer"));
        }
        r
    }
}

impl From<sitrep_store::Error> for ApiError {
    fn from(e: sitrep_store::Error) -> Self {
        match e {
            sitrep_store::Error::NoEvent(id) => ApiError::NotFound(format!("no event with id {id}")),
            sitrep_store::Error::Invalid(m) => ApiError::BadRequest(m),
            e => ApiError::Internal(e.to_string()),
        }
    }
}

type ApiResult = Result<axum::Json<Value>, ApiError>;

fn to_value<T: serde::Serialize>(v: &T) -> Result<Value, ApiError> {
    serde_json::to_value(v).map_err(|e| ApiError::Internal(e.to_string()))
}

/// Runs store work on the blocking pool with a pooled connection.
async fn with_store<T, F>(st: &AppState, f: F) -> Result<T, ApiError>
where
    T: Send + 'static,
    F: FnOnce(&mut Store) -> Result<T, ApiError> + Send + 'static,
{
    let mut store = st.pool.take()?;
    let (store, out) = tokio::task::spawn_blocking(move || {
        let out = f(&mut store);
        (store, out)
    })
    .await
    .map_err(|e| ApiError::Internal(format!("worker failed: {e}")))?;
    st.pool.put(store);
    out
}

pub fn routes() -> Router<Arc<AppState>> {
    Router::new()
        .route("/openapi.json", get(|| async { axum::Json(crate::openapi::document()) }))
        .route("/api/health", get(|| async { axum::Json(json!({"status": "ok"})) }))
        .route("/api/events", get(events))
        .route("/api/events/{id}", get(event))
        .route("/api/events/{id}/review", post(review))
        .route("/api/counts", get(counts))
        .route("/api/statements", get(statements))
        .route("/api/tallies", get(tallies))
        .route("/api/documents", get(documents))
        .route("/api/documents/{doc_id}", get(document))
        .route("/api/sources", get(sources))
        .route("/api/{*rest}", axum::routing::any(not_found))
}

async fn not_found(uri: Uri) -> ApiError {
    ApiError::NotFound(format!("no API endpoint {}; see /openapi.json", uri.path()))
}

fn query<T: DeserializeOwned>(uri: &Uri) -> Result<T, ApiError> {
    Query::<T>::try_from_uri(uri)
        .map(|q| q.0)
        .map_err(|e| ApiError::BadRequest(format!("query: {}", e.body_text())))
}

fn date(name: &str, v: &Option<String>) -> Result<Option<NaiveDate>, ApiError> {
    v.as_deref()
        .filter(|s| !s.is_empty())
        .map(|s| {
            NaiveDate::parse_from_str(s, "%Y-%m-%d")
                .map_err(|_| ApiError::BadRequest(format!("{name}={s:?}: expected a date YYYY-MM-DD")))
        })
        .transpose()
}

fn number(name: &str, v: &Option<String>, max: usize) -> Result<Option<usize>, ApiError> {
    let Some(s) = v.as_deref().filter(|s| !s.is_empty()) else { return Ok(None) };
    let n: usize = s
        .parse()
        .map_err(|_| ApiError::BadRequest(format!("{name}={s:?}: expected a whole number 0..={max}")))?;
    if n > max {
        return Err(ApiError::BadRequest(format!("{name}={n}: at most {max}")));
    }
    Ok(Some(n))
}

fn flag(name: &str, v: &Option<String>) -> Result<bool, ApiError> {
    match v.as_deref() {
        None | Some("" | "false" | "0") => Ok(false),
        Some("true" | "1") => Ok(true),
        Some(s) => Err(ApiError::BadRequest(format!("{name}={s:?}: expected true or false"))),
    }
}

fn text(v: &Option<String>) -> Option<String> {
    v.as_ref().map(|s| s.trim().to_string()).filter(|s| !s.is_empty())
}

fn range(from: Option<NaiveDate>, to: Option<NaiveDate>) -> Result<(), ApiError> {
    match (from, to) {
        (Some(f), Some(t)) if f > t => Err(ApiError::BadRequest(format!("from={f} is after to={t}"))),
        _ => Ok(()),
    }
}

/// The filters of `sitrep events`, plus paging.
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct EventsQuery {
    from: Option<String>,
    to: Option<String>,
    actor: Option<String>,
    #[serde(rename = "type")]
    event_type: Option<String>,
    country: Option<String>,
    admin1: Option<String>,
    affiliation: Option<String>,
    source: Option<String>,
    include_rejected: Option<String>,
    limit: Option<String>,
    offset: Option<String>,
    /// Keyset paging: the `next_cursor` of the previous page (only for /api/events).
    cursor: Option<String>,
    /// Only for /api/counts.
    by: Option<String>,
}

/// Where a page of events starts.
enum Page {
    Offset(usize),
    After(EventCursor),
}

impl EventsQuery {
    fn filter(&self) -> Result<(EventFilter, usize, Page), ApiError> {
        let from = date("from", &self.from)?;
        let to = date("to", &self.to)?;
        range(from, to)?;
        let f = EventFilter {
            from,
            to,
            actor: text(&self.actor),
            event_type: text(&self.event_type),
            country: text(&self.country),
            admin1: text(&self.admin1),
            affiliation: text(&self.affiliation),
            source: text(&self.source),
            include_rejected: flag("include_rejected", &self.include_rejected)?,
            ..EventFilter::default()
        };
        let limit = number("limit", &self.limit, MAX_LIMIT)?.unwrap_or(DEFAULT_LIMIT);
        let offset = number("offset", &self.offset, 1_000_000)?;
        let page = match (text(&self.cursor), offset) {
            (Some(_), Some(_)) => {
                return Err(ApiError::BadRequest("cursor and offset: give one of them".into()));
            }
            (Some(c), None) => Page::After(c.parse()?),
            (None, o) => Page::Offset(o.unwrap_or(0)),
        };
        Ok((f, limit, page))
    }
}

async fn events(State(st): St, uri: Uri) -> ApiResult {
    let q: EventsQuery = query(&uri)?;
    if q.by.is_some() {
        return Err(ApiError::BadRequest("by: only /api/counts groups".into()));
    }
    let (f, limit, page) = q.filter()?;
    let at = match &page {
        Page::After(c) => ("cursor", Value::from(c.to_string())),
        Page::Offset(o) => ("offset", Value::from(*o)),
    };
    let (out, next) = with_store(&st, move |s| {
        let p = match &page {
            Page::After(c) => s.events_after(&f, Some(c), limit)?,
            Page::Offset(o) => s.events_at(&f, *o, limit)?,
        };
        let evs = p.events.iter().map(|e| e.to_json()).collect::<Vec<_>>();
        Ok((evs, p.next.map(|c| c.to_string())))
    })
    .await?;
    let mut v = json!({ "limit": limit, "count": out.len(), "events": out, "next_cursor": next });
    v[at.0] = at.1;
    Ok(axum::Json(v))
}

fn event_id(raw: &str) -> Result<i64, ApiError> {
    raw.parse::<i64>()
        .ok()
        .filter(|n| *n > 0)
        .ok_or_else(|| ApiError::BadRequest(format!("event id {raw:?}: expected a positive whole number")))
}

/// One event: its JSON, the reviews (audit trail), every mention with its document, source,
/// affiliation and evidence, and the statements of those documents.
async fn event(State(st): St, Path(raw): Path<String>) -> ApiResult {
    let id = event_id(&raw)?;
    let out = with_store(&st, move |s| {
        let ex = s.explain(id)?;
        let docs: Vec<String> = ex.event.summary.documents.clone();
        let statements = s.statements(&RecordFilter { doc_ids: Some(docs), ..RecordFilter::default() })?;
        Ok(json!({
            "event": ex.event.to_json(),
            "reviews": to_value(&ex.event.reviews)?,
            "mentions": to_value(&ex.mentions)?,
            "statements": to_value(&statements)?,
        }))
    })
    .await?;
    Ok(axum::Json(out))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ReviewBody {
    action: String,
    why: String,
    who: Option<String>,
    #[serde(default)]
    patch: Option<serde_json::Map<String, Value>>,
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

fn authorise(st: &AppState, headers: &HeaderMap) -> Result<(), ApiError> {
    let Some(token) = &st.token else { return Err(ApiError::WritesDisabled) };
    let given = headers
        .get(header::AUTHORIZATION)
        .and_then(|h| h.to_str().ok())
        .and_then(|h| h.strip_prefix("Bearer "))
        .map(str::trim);
    match given {
        Some(g) if constant_time_eq(g.as_bytes(), token.as_bytes()) => Ok(()),
        _ => Err(ApiError::Unauthorized),
    }
}

/// Accept, reject or edit an event (bearer token required).
async fn review(State(st): St, Path(raw): Path<String>, headers: HeaderMap, body: Bytes) -> ApiResult {
    authorise(&st, &headers)?;
    let id = event_id(&raw)?;
    let b: ReviewBody = serde_json::from_slice(&body).map_err(|e| {
        ApiError::BadRequest(format!(
            "body: {e}; expected {{\"action\": \"accept|reject|edit\", \"why\": \"…\", \"who\": \"…\", \"patch\": {{…}}}}"
        ))
    })?;
    match (b.action.as_str(), &b.patch) {
        ("edit", None) => return Err(ApiError::BadRequest("edit needs a patch object".into())),
        ("accept" | "reject", Some(_)) => {
            return Err(ApiError::BadRequest("a patch goes with edit only".into()));
        }
        _ => {}
    }
    let who = b.who.clone().filter(|w| !w.trim().is_empty()).unwrap_or_else(|| "api".into());
    let out = with_store(&st, move |s| {
        let patch = b.patch.map(Value::Object);
        s.review(id, &b.action, &b.why, &who, patch.as_ref())?;
        let rec = s.event(id)?;
        Ok(json!({ "event": rec.to_json(), "reviews": to_value(&rec.reviews)? }))
    })
    .await?;
    Ok(axum::Json(out))
}

async fn counts(State(st): St, uri: Uri) -> ApiResult {
    let q: EventsQuery = query(&uri)?;
    let by: CountBy =
        q.by.as_deref()
            .unwrap_or("month")
            .parse()
            .map_err(|e: sitrep_store::Error| ApiError::BadRequest(e.to_string().replace("--by", "by=")))?;
    if q.limit.is_some() || q.offset.is_some() || q.cursor.is_some() {
        return Err(ApiError::BadRequest("limit/offset/cursor: counts cover every matching event".into()));
    }
    let (f, _, _) = q.filter()?;
    let rows = with_store(&st, move |s| Ok(s.count(by, &f)?)).await?;
    Ok(axum::Json(json!({ "rows": to_value(&rows)? })))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RecordsQuery {
    from: Option<String>,
    to: Option<String>,
    kind: Option<String>,
    party: Option<String>,
    doc: Option<String>,
    limit: Option<String>,
    offset: Option<String>,
}

fn record_filter(q: &RecordsQuery) -> Result<RecordFilter, ApiError> {
    let from = date("from", &q.from)?;
    let to = date("to", &q.to)?;
    range(from, to)?;
    if let Some(k) = text(&q.kind)
        && serde_json::from_value::<sitrep_model::StatementKind>(Value::String(k.clone())).is_err()
    {
        return Err(ApiError::BadRequest(format!(
            "kind={k:?}: expected one of claim_responsibility, deny, accuse, reject, condemn, threaten, \
             demand, praise, assert_figure, other"
        )));
    }
    Ok(RecordFilter {
        from,
        to,
        kind: text(&q.kind),
        party: text(&q.party),
        doc_ids: text(&q.doc).map(|d| vec![d]),
        limit: Some(number("limit", &q.limit, MAX_LIMIT)?.unwrap_or(DEFAULT_LIMIT)),
        offset: number("offset", &q.offset, 1_000_000)?.unwrap_or(0),
    })
}

async fn statements(State(st): St, uri: Uri) -> ApiResult {
    let f = record_filter(&query(&uri)?)?;
    let rows = with_store(&st, move |s| Ok(s.statements(&f)?)).await?;
    Ok(axum::Json(json!({ "count": rows.len(), "statements": to_value(&rows)? })))
}

async fn tallies(State(st): St, uri: Uri) -> ApiResult {
    let q: RecordsQuery = query(&uri)?;
    if q.kind.is_some() {
        return Err(ApiError::BadRequest("kind: tallies have no kind".into()));
    }
    let f = record_filter(&q)?;
    let rows = with_store(&st, move |s| Ok(s.tallies(&f)?)).await?;
    Ok(axum::Json(json!({ "count": rows.len(), "tallies": to_value(&rows)? })))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PageQuery {
    limit: Option<String>,
    offset: Option<String>,
}

async fn documents(State(st): St, uri: Uri) -> ApiResult {
    let q: PageQuery = query(&uri)?;
    let limit = number("limit", &q.limit, MAX_LIMIT)?.unwrap_or(DEFAULT_LIMIT);
    let offset = number("offset", &q.offset, 1_000_000)?.unwrap_or(0);
    let rows = with_store(&st, move |s| Ok(s.documents(limit, offset)?)).await?;
    Ok(axum::Json(json!({ "count": rows.len(), "documents": to_value(&rows)? })))
}

async fn document(State(st): St, Path(doc_id): Path<String>) -> ApiResult {
    let id = doc_id.clone();
    let d = with_store(&st, move |s| Ok(s.document(&id)?)).await?;
    match d {
        Some(d) => Ok(axum::Json(to_value(&d)?)),
        None => Err(ApiError::NotFound(format!("no document with id {doc_id:?}"))),
    }
}

async fn sources(State(st): St, uri: Uri) -> ApiResult {
    let _: PageQuery = query(&uri)?;
    let rows = with_store(&st, |s| Ok(s.sources()?)).await?;
    Ok(axum::Json(json!({ "count": rows.len(), "sources": to_value(&rows)? })))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parameters_say_what_is_wrong() {
        let cases: &[(&str, &str)] = &[
            ("from=2023-13-01", "from=\"2023-13-01\": expected a date YYYY-MM-DD"),
            ("limit=abc", "limit=\"abc\": expected a whole number"),
            ("limit=5000", "limit=5000: at most 1000"),
            ("include_rejected=maybe", "include_rejected=\"maybe\": expected true or false"),
            ("from=2023-03-05&to=2023-03-01", "from=2023-03-05 is after to=2023-03-01"),
            ("cursor=abc", "cursor=\"abc\": not a cursor"),
            ("cursor=2023-03-01_0", "cursor=\"2023-03-01_0\": not a cursor"),
            ("cursor=2023-03-01_4&offset=3", "cursor and offset: give one of them"),
        ];
        for (qs, want) in cases {
            let uri: Uri = format!("/api/events?{qs}").parse().unwrap();
            let q: EventsQuery = query(&uri).unwrap();
            let err = q.filter().err().map(|e| e.to_string()).unwrap_or_default();
            assert!(err.contains(want), "{qs}: {err}");
        }
        let uri: Uri = "/api/events?form=2023-01-01".parse().unwrap();
        let err = query::<EventsQuery>(&uri).err().map(|e| e.to_string()).unwrap_or_default();
        assert!(err.contains("unknown field `form`"), "{err}");
    }

    #[test]
    fn event_ids_are_positive_numbers() {
        for (raw, ok) in
            [("1", true), ("0", false), ("-3", false), ("x", false), ("99999999999999999999", false)]
        {
            assert_eq!(event_id(raw).is_ok(), ok, "{raw}");
        }
    }

    proptest::proptest! {
        /// Any query string gives events filters or a 400, never a panic or another error.
        #[test]
        fn any_query_is_parsed_or_refused(
            pairs in proptest::collection::vec((proptest::sample::select(&[
                "from", "to", "actor", "type", "country", "admin1", "affiliation", "source", "include_rejected",
                "limit", "offset", "cursor", "by", "kind", "party", "doc", "x",
            ][..]), "[0-9a-zA-Z%&=:. +_-]{0,12}"), 0..5),
        ) {
            let q: Vec<String> = pairs.iter().map(|(k, v)| format!("{k}={v}")).collect();
            let q = q.join("&");
            let Ok(uri) = format!("/api/events?{q}").parse::<Uri>() else { return Ok(()) };
            match query::<EventsQuery>(&uri).and_then(|q| q.filter().map(|_| ())) {
                Ok(()) | Err(ApiError::BadRequest(_)) => {}
                Err(e) => proptest::prop_assert!(false, "{q}: {e:?}"),
            }
            match query::<RecordsQuery>(&uri).and_then(|q| record_filter(&q).map(|_| ())) {
                Ok(()) | Err(ApiError::BadRequest(_)) => {}
                Err(e) => proptest::prop_assert!(false, "{q}: {e:?}"),
            }
        }
    }

    proptest::proptest! {
        /// A cursor reads back as the text it was written as, or is refused with a 400.
        #[test]
        fn cursors_round_trip_or_are_refused(raw in "(none|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}|x?)_-?[0-9]{0,20}") {
            let uri: Uri = format!("/api/events?cursor={raw}").parse().map_err(|e| {
                proptest::test_runner::TestCaseError::fail(format!("{e}"))
            })?;
            let q: EventsQuery = query(&uri).map_err(|e| proptest::test_runner::TestCaseError::fail(e.to_string()))?;
            match q.filter() {
                Ok((_, _, Page::After(c))) => proptest::prop_assert_eq!(c.to_string(), raw),
                Ok((_, _, Page::Offset(_))) => proptest::prop_assert!(false, "{raw}: read as an offset"),
                Err(ApiError::BadRequest(m)) => proptest::prop_assert!(m.contains("not a cursor"), "{m}"),
                Err(e) => proptest::prop_assert!(false, "{raw}: {e:?}"),
            }
        }
    }

    #[test]
    fn token_comparison() {
        assert!(constant_time_eq(b"abc", b"abc"));
        assert!(!constant_time_eq(b"abc", b"abd"));
        assert!(!constant_time_eq(b"abc", b"ab"));
    }
}
