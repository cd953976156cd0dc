//! The OpenAPI 3.1 description of the API, written by hand: utoipa's derive would tie the
//! record types of `sitrep-model` to this crate's macros.

use serde_json::{Value, json};

fn param(name: &str, desc: &str, schema: Value) -> Value {
    json!({"name": name, "in": "query", "required": false, "description": desc, "schema": schema})
}

fn date(name: &str, desc: &str) -> Value {
    param(name, desc, json!({"type": "string", "format": "date"}))
}

fn text(name: &str, desc: &str) -> Value {
    param(name, desc, json!({"type": "string"}))
}

fn paging() -> Vec<Value> {
    vec![
        param(
            "limit",
            "At most this many (default 100, at most 1000).",
            json!({"type": "integer", "minimum": 0, "maximum": 1000}),
        ),
        param("offset", "Skip this many.", json!({"type": "integer", "minimum": 0})),
    ]
}

fn event_filters() -> Vec<Value> {
    vec![
        date("from", "Events whose window ends on or after this day."),
        date("to", "Events whose window starts on or before this day."),
        text("actor", "Canonical actor name or any words a document used for it."),
        text("type", "ACLED event type or sub-event type."),
        text("country", "ISO 3166-1 alpha-2."),
        text("admin1", "First-order administrative division (GeoNames name)."),
        text("affiliation", "Affiliation of at least one reporting source."),
        text("source", "Name or handle of at least one reporting source."),
        param("include_rejected", "Include events an analyst rejected.", json!({"type": "boolean"})),
    ]
}

fn ok(desc: &str) -> Value {
    json!({
        "200": {"description": desc, "content": {"application/json": {"schema": {"type": "object"}}}},
        "400": {"$ref": "#/components/responses/BadRequest"}
    })
}

pub fn document() -> Value {
    let mut events_params = event_filters();
    events_params.extend(paging());
    events_params.push(param(
        "cursor",
        "Keyset paging: the `next_cursor` of the previous page, with the same filters; the page \
         starts after that event whatever was added or rejected meanwhile, and costs the same at any \
         depth. Not with `offset`.",
        json!({"type": "string", "pattern": "^(none|[0-9]{4}-[0-9]{2}-[0-9]{2})_[1-9][0-9]*$"}),
    ));
    let mut count_params = event_filters();
    count_params.push(param(
        "by",
        "Group by.",
        json!({"type": "string", "enum": ["day", "week", "month", "admin1", "actor", "type", "source"]}),
    ));
    let mut record_params = vec![
        date("from", "Statements: document published on or after; tallies: window ends on or after."),
        date("to", "Statements: document published on or before; tallies: window starts on or before."),
        text("party", "Speaker name or affiliation, or the source's affiliation."),
        text("doc", "Only records of this document id."),
    ];
    record_params.extend(paging());
    let mut statement_params = record_params.clone();
    statement_params.push(param(
        "kind",
        "Statement kind.",
        json!({"type": "string", "enum": ["claim_responsibility", "deny", "accuse", "reject", "condemn",
            "threaten", "demand", "praise", "assert_figure", "other"]}),
    ));
    let id =
        json!([{"name": "id", "in": "path", "required": true, "schema": {"type": "integer", "minimum": 1}}]);
    json!({
        "openapi": "3.1.0",
        "info": {
            "title": "sitrep API",
            "version": env!("CARGO_PKG_VERSION"),
            "description": "Political-violence events, statements and tallies, each traced to the sentences that \
                support it. Errors are {\"error\": \"…\"}. Writes need `Authorization: Bearer <token>`."
        },
        "paths": {
            "/api/events": {"get": {"summary": "Consolidated events, filtered, by date then id.",
                "parameters": events_params, "responses": ok("{offset (or cursor, as given), limit, count, \
                    events: [event], next_cursor}: next_cursor is null when no event follows (and with limit=0), else the \
                    value of `cursor` for the next page")}},
            "/api/events/{id}": {"get": {"summary": "One event with its mentions, evidence, reviews and the \
                statements of its documents.", "parameters": id,
                "responses": {"200": {"description": "{event, reviews, mentions, statements}"},
                    "400": {"$ref": "#/components/responses/BadRequest"},
                    "404": {"$ref": "#/components/responses/NotFound"}}}},
            "/api/events/{id}/review": {"post": {"summary": "Accept, reject or edit an event.",
                "security": [{"bearer": []}], "parameters": id,
                "requestBody": {"required": true, "content": {"application/json": {"schema": {
                    "type": "object", "required": ["action", "why"], "additionalProperties": false,
                    "properties": {
                        "action": {"type": "string", "enum": ["accept", "reject", "edit"]},
                        "why": {"type": "string", "minLength": 1},
                        "who": {"type": "string"},
                        "patch": {"type": "object", "description": "Field (dotted for inner ones) to new value; edit only."}
                    }}}}},
                "responses": {"200": {"description": "{event, reviews}"},
                    "400": {"$ref": "#/components/responses/BadRequest"},
                    "401": {"description": "No or wrong bearer token."},
                    "403": {"description": "The server was started without a token: writes are disabled."},
                    "404": {"$ref": "#/components/responses/NotFound"},
                    "413": {"description": "Body too large."}}}},
            "/api/counts": {"get": {"summary": "Events and fatalities (low/best/high sums) grouped.",
                "parameters": count_params, "responses": ok("{rows: [{key, events, fatalities_low, fatalities_best, fatalities_high, with_figures}]} (with_figures: events that give a fatality figure; where 0, the sums are unknown, not zero)")}},
            "/api/statements": {"get": {"summary": "Statements with their document and source.",
                "parameters": statement_params, "responses": ok("{count, statements}")}},
            "/api/tallies": {"get": {"summary": "Tallies (counts of events that a text reports).",
                "parameters": record_params, "responses": ok("{count, tallies}")}},
            "/api/documents": {"get": {"summary": "Documents, newest first (no text).",
                "parameters": paging(), "responses": ok("{count, documents}")}},
            "/api/documents/{doc_id}": {"get": {"summary": "A document with its text and the spans of its \
                mentions, statements and tallies.",
                "parameters": [{"name": "doc_id", "in": "path", "required": true, "schema": {"type": "string"}}],
                "responses": {"200": {"description": "document"}, "404": {"$ref": "#/components/responses/NotFound"}}}},
            "/api/sources": {"get": {"summary": "Sources with affiliation and document counts.",
                "responses": ok("{count, sources}")}},
            "/api/health": {"get": {"summary": "Liveness.", "responses": {"200": {"description": "{status: ok}"}}}}
        },
        "components": {
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
            "responses": {
                "BadRequest": {"description": "A malformed parameter or body; the message names it.",
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
                "NotFound": {"description": "No such record.",
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
            },
            "schemas": {"Error": {"type": "object", "required": ["error"], "properties": {"error": {"type": "string"}}}}
        }
    })
}
