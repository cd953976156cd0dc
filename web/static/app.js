// sitrep dashboard. Every piece of data reaches the page through textContent or an SVG
// attribute set with setAttribute: documents contain HTML and scripts, and none may run.
'use strict';

const SVG = 'http://www.w3.org/2000/svg';
const $ = (sel) => document.querySelector(sel);

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === 'text') e.textContent = v;
    else if (k === 'on') for (const [ev, f] of Object.entries(v)) e.addEventListener(ev, f);
    else e.setAttribute(k, v);
  }
  for (const c of children) if (c != null) e.append(c);
  return e;
}

function svgEl(tag, attrs) {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
  return e;
}

function status(msg, isError) {
  const s = $('#status');
  s.textContent = msg || '';
  s.className = isError ? 'error' : '';
}

async function api(path, options) {
  const r = await fetch(path, options);
  let body = null;
  try { body = await r.json(); } catch (_) { body = null; }
  if (!r.ok) throw new Error((body && body.error) || `${r.status} ${r.statusText}`);
  return body;
}

const fmt = (v) => (v === null || v === undefined ? '?' : String(v));
const typeOf = (e) => e.sub_event_type || e.event_type || (e.plover && e.plover.type) || '';
const placeOf = (e) => {
  const l = e.location;
  if (!l) return '';
  return [l.name, l.admin1 && l.admin1 !== l.name ? l.admin1 : null, l.country].filter(Boolean).join(', ');
};
const datesOf = (e) => (e.date_end && e.date_end !== e.date ? `${e.date} – ${e.date_end}` : fmt(e.date));

// ---- filters -------------------------------------------------------------------------------

function filterParams() {
  const p = new URLSearchParams();
  for (const input of $('#filters').elements) {
    if (input.name && input.value.trim()) p.set(input.name, input.value.trim());
  }
  return p;
}

$('#filters').addEventListener('submit', (ev) => {
  ev.preventDefault();
  if (location.hash && location.hash !== '#/') location.hash = '#/';
  else loadOverview();
});

const tokenInput = $('#token');
tokenInput.value = sessionStorage.getItem('sitrep-token') || '';
tokenInput.addEventListener('change', () => sessionStorage.setItem('sitrep-token', tokenInput.value));

// ---- map -----------------------------------------------------------------------------------

let world = null;
async function loadWorld() {
  if (!world) {
    const topo = await api('/static/vendor/countries-50m.json');
    world = topojson.feature(topo, topo.objects.countries);
  }
  return world;
}

// Province borders as one mesh (shared edges drawn once): 4,600 outlines in a single path.
let provinces = null;
async function loadProvinces() {
  if (!provinces) {
    const topo = await api('/static/vendor/admin1.json');
    provinces = topojson.mesh(topo, topo.objects.admin1, (a, b) => a !== b);
  }
  return provinces;
}

async function drawMap(events) {
  const svg = $('#map');
  svg.replaceChildren();
  const [countries, borders] = await Promise.all([loadWorld(), loadProvinces()]);
  const located = events.filter((e) => e.location && e.location.lat != null && e.location.lon != null);
  const projection = d3.geoEqualEarth();
  if (located.length) {
    // Fit the events' extent with a margin, so that a province-level cluster is readable.
    const pts = { type: 'MultiPoint', coordinates: located.map((e) => [e.location.lon, e.location.lat]) };
    const [[x0, y0], [x1, y1]] = d3.geoBounds(pts);
    const pad = Math.max(4, (x1 - x0) * 0.3, (y1 - y0) * 0.3);
    const box = { type: 'MultiPoint', coordinates: [[x0 - pad, y0 - pad], [x1 + pad, y1 + pad]] };
    projection.fitExtent([[10, 10], [950, 490]], box);
  } else {
    projection.fitExtent([[10, 10], [950, 490]], { type: 'Sphere' });
  }
  const path = d3.geoPath(projection);
  svg.append(svgEl('path', { class: 'sphere', d: path({ type: 'Sphere' }) || '' }));
  for (const f of countries.features) {
    const d = path(f);
    if (d) svg.append(svgEl('path', { class: 'country', d }));
  }
  svg.append(svgEl('path', { class: 'province', d: path(borders) || '' }));
  const sorted = [...located].sort((a, b) => best(b) - best(a));
  for (const e of sorted) {
    const p = projection([e.location.lon, e.location.lat]);
    if (!p) continue;
    const c = svgEl('circle', { class: 'point', cx: p[0].toFixed(1), cy: p[1].toFixed(1),
      r: (3 + 2.2 * Math.sqrt(best(e))).toFixed(1), 'data-event': String(e.id) });
    const t = svgEl('title');
    t.textContent = `${datesOf(e)} ${typeOf(e)}, ${placeOf(e)}: ${fmt(best(e))} killed`;
    c.append(t);
    c.addEventListener('click', () => { location.hash = `#/event/${e.id}`; });
    svg.append(c);
  }
}

const best = (e) => (e.fatalities_estimate && e.fatalities_estimate.best) || 0;

// ---- timeline ------------------------------------------------------------------------------

function drawTimeline(events) {
  const svg = $('#timeline');
  svg.replaceChildren();
  const days = new Map();
  for (const e of events) if (e.date) days.set(e.date, (days.get(e.date) || 0) + 1);
  const keys = [...days.keys()].sort();
  if (!keys.length) return;
  const start = new Date(keys[0] + 'T00:00:00Z');
  const end = new Date(keys[keys.length - 1] + 'T00:00:00Z');
  const n = Math.round((end - start) / 86400000) + 1;
  const max = Math.max(...days.values());
  const W = 960, H = 160, L = 30, B = 20, T = 8;
  const bw = (W - L - 10) / n;
  for (const [day, count] of days) {
    const i = Math.round((new Date(day + 'T00:00:00Z') - start) / 86400000);
    const h = ((H - B - T) * count) / max;
    const r = svgEl('rect', { class: 'bar', x: (L + i * bw).toFixed(1), y: (H - B - h).toFixed(1),
      width: Math.max(1, bw - 1).toFixed(1), height: h.toFixed(1) });
    const t = svgEl('title');
    t.textContent = `${day}: ${count} events`;
    r.append(t);
    svg.append(r);
  }
  const label = (x, y, text, anchor) => {
    const t = svgEl('text', { class: 'axis', x, y, 'text-anchor': anchor || 'start' });
    t.textContent = text;
    svg.append(t);
  };
  label(L, H - 5, keys[0]);
  label(W - 10, H - 5, keys[keys.length - 1], 'end');
  label(L - 4, T + 8, String(max), 'end');
  label(L - 4, H - B, '0', 'end');
}

// ---- table ---------------------------------------------------------------------------------

function drawTable(events) {
  const body = $('#events tbody');
  body.replaceChildren();
  for (const e of events) {
    const f = e.fatalities_estimate || {};
    const tr = el('tr', { 'data-event': String(e.id), on: { click: () => { location.hash = `#/event/${e.id}`; } } },
      el('td', { text: String(e.id) }),
      el('td', { text: datesOf(e) }),
      el('td', { text: typeOf(e) }),
      el('td', { text: placeOf(e) }),
      el('td', { text: (e.actor1 && e.actor1.name) || '' }),
      el('td', { text: (e.actor2 && e.actor2.name) || '' }),
      el('td', { text: `${fmt(f.low)} / ${fmt(f.best)} / ${fmt(f.high)}` }),
      el('td', { text: (e.sources || []).join('; ') }),
      el('td', { text: e.review || '' }));
    body.append(tr);
  }
}

async function loadOverview() {
  $('#overview').hidden = false;
  $('#event-page').hidden = true;
  const p = filterParams();
  p.set('limit', '1000');
  status('Loading events…');
  try {
    const r = await api(`/api/events?${p}`);
    drawTable(r.events);
    drawTimeline(r.events);
    await drawMap(r.events);
    status(`${r.count} events${r.count === 1000 ? ' (first 1000)' : ''}.`);
  } catch (err) {
    status(err.message, true);
  }
}

// ---- event page ----------------------------------------------------------------------------

// Splits a text into runs, marking the evidence spans (code-point offsets, end exclusive).
function highlighted(text, spans) {
  const cps = Array.from(text);
  const marks = new Array(cps.length + 1).fill(0);
  for (const s of spans) {
    const a = Math.max(0, Math.min(cps.length, s.start)), b = Math.max(a, Math.min(cps.length, s.end));
    marks[a] += 1;
    marks[b] -= 1;
  }
  const out = el('div', { class: 'doc' });
  let depth = 0, run = '', inMark = false;
  const flush = () => {
    if (!run) return;
    out.append(inMark ? el('mark', { text: run }) : document.createTextNode(run));
    run = '';
  };
  for (let i = 0; i < cps.length; i++) {
    depth += marks[i];
    if ((depth > 0) !== inMark) { flush(); inMark = depth > 0; }
    run += cps[i];
  }
  flush();
  return out;
}

function dl(pairs) {
  const d = el('dl');
  for (const [k, v] of pairs) if (v != null && v !== '') d.append(el('dt', { text: k }), el('dd', { text: String(v) }));
  return d;
}

async function review(id, action, why, patchText) {
  const body = { action, why, who: 'dashboard' };
  if (action === 'edit') {
    const patch = {};
    for (const part of patchText.split(/[;\n]/)) {
      const i = part.indexOf('=');
      if (i < 1) continue;
      const k = part.slice(0, i).trim(), v = part.slice(i + 1).trim();
      try { patch[k] = JSON.parse(v); } catch (_) { patch[k] = v; }
    }
    body.patch = patch;
  }
  await api(`/api/events/${id}/review`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${tokenInput.value}` },
    body: JSON.stringify(body),
  });
}

async function loadEvent(id) {
  $('#overview').hidden = true;
  const page = $('#event-page');
  page.hidden = false;
  page.removeAttribute('data-loaded');
  page.replaceChildren(el('p', { text: 'Loading…' }));
  status('');
  let r;
  try {
    r = await api(`/api/events/${encodeURIComponent(id)}`);
  } catch (err) {
    page.replaceChildren(el('p', { text: err.message }));
    status(err.message, true);
    return;
  }
  const e = r.event;
  const f = e.fatalities_estimate || {};
  page.replaceChildren(
    el('p', {}, el('a', { href: '#/', text: '← all events' })),
    el('h2', { 'data-testid': 'event-title', text: `Event ${e.id}: ${typeOf(e)}, ${placeOf(e)}, ${datesOf(e)}` }),
    dl([
      ['Actor 1', e.actor1 && e.actor1.name], ['Actor 2', e.actor2 && e.actor2.name],
      ['Claimed by', e.claimed_by && e.claimed_by.name],
      ['Fatalities (low / best / high)', `${fmt(f.low)} / ${fmt(f.best)} / ${fmt(f.high)}`],
      ['Confidence', e.confidence != null ? e.confidence.toFixed(2) : null],
      ['Review status', e.review || 'unreviewed'],
    ]));

  // Per-source figures.
  const figs = el('table', { 'data-testid': 'per-source' },
    el('thead', {}, el('tr', {}, el('th', { text: 'Source' }), el('th', { text: 'Document' }),
      el('th', { text: 'Killed (min–max)' }), el('th', { text: 'Injured (min–max)' }))));
  const fb = el('tbody');
  const range = (c) => (c ? `${fmt(c.min)}–${fmt(c.max)}` : '');
  for (const p of e.per_source || []) {
    fb.append(el('tr', {}, el('td', { text: p.source || '' }), el('td', { text: p.doc_id }),
      el('td', { text: range(p.fatalities) }), el('td', { text: range(p.injured) })));
  }
  figs.append(fb);
  page.append(el('h3', { text: 'Per-source figures' }), figs);

  // Review buttons and the audit trail.
  const why = el('input', { size: 40, placeholder: 'why (required)', 'data-testid': 'review-why' });
  const patch = el('input', { size: 30, placeholder: 'edit: field=value; …', 'data-testid': 'review-patch' });
  const act = (action) => async () => {
    try {
      await review(e.id, action, why.value, patch.value);
      status(`Event ${e.id}: ${action} recorded.`);
      await loadEvent(e.id);
    } catch (err) {
      status(err.message, true);
    }
  };
  page.append(el('h3', { text: 'Review' }), el('div', { class: 'review' }, why, patch,
    el('button', { type: 'button', 'data-testid': 'accept', text: 'Accept', on: { click: act('accept') } }),
    el('button', { type: 'button', 'data-testid': 'reject', text: 'Reject', on: { click: act('reject') } }),
    el('button', { type: 'button', 'data-testid': 'edit', text: 'Edit', on: { click: act('edit') } })));
  const audit = el('ol', { class: 'audit', 'data-testid': 'audit' });
  for (const a of r.reviews || []) {
    const patchText = a.patch ? ` ${JSON.stringify(a.patch)}` : '';
    audit.append(el('li', { text: `${a.at} ${a.who}: ${a.action}${patchText}, because ${a.why}` }));
  }
  if (!audit.children.length) audit.append(el('li', { class: 'muted', text: 'No review yet.' }));
  page.append(el('h4', { text: 'Audit trail' }), audit);

  // Source documents with the evidence highlighted.
  page.append(el('h3', { text: 'Sources and evidence' }));
  for (const m of r.mentions || []) {
    const head = `${m.source || 'unnamed source'}${m.affiliation ? ` (${m.affiliation})` : ''}, ` +
      `${m.published || 'date unknown'}, document ${m.doc_id}`;
    const box = el('section', { class: 'mention', 'data-testid': 'mention' }, el('h4', { text: head }));
    if (m.title) box.append(el('p', { class: 'muted', text: m.title }));
    if (m.url) box.append(el('p', {}, el('a', { href: safeUrl(m.url), rel: 'noopener noreferrer', text: m.url })));
    box.append(el('p', { class: 'muted', text: `joined: ${(m.link.reasons || []).join(', ') || 'first report'}` }));
    try {
      const d = await api(`/api/documents/${encodeURIComponent(m.doc_id)}`);
      const spans = (m.event && m.event.evidence) || [];
      box.append(highlighted(d.text, spans));
    } catch (err) {
      box.append(el('p', { text: m.evidence_text || err.message }));
    }
    page.append(box);
  }

  // Related statements: those of the same documents.
  page.append(el('h3', { text: 'Related statements' }));
  const ul = el('ul', { 'data-testid': 'statements' });
  for (const s of r.statements || []) {
    const st = s.statement;
    const who = `${st.speaker.name}${st.speaker.affiliation ? ` (${st.speaker.affiliation})` : ''}`;
    const target = st.target ? ` → ${st.target.name}` : '';
    const li = el('li', {}, el('strong', { text: who }), document.createTextNode(` ${st.kind}${target}: `));
    if (st.quote) li.append(el('q', { text: st.quote }));
    li.append(document.createTextNode(` [${s.doc.doc_id}]`));
    ul.append(li);
  }
  if (!ul.children.length) ul.append(el('li', { class: 'muted', text: 'None.' }));
  page.append(ul);
  // Tells tests (and screen readers' users, through the status line) that the page is complete.
  page.setAttribute('data-loaded', String(e.id));
}

// Only http(s) links are followed; anything else (javascript:, data:) is shown but inert.
function safeUrl(u) {
  try {
    const p = new URL(u, location.href);
    return p.protocol === 'http:' || p.protocol === 'https:' ? p.href : '#';
  } catch (_) {
    return '#';
  }
}

// ---- routing -------------------------------------------------------------------------------

function route() {
  const m = location.hash.match(/^#\/event\/(\d+)$/);
  if (m) loadEvent(m[1]);
  else loadOverview();
}
window.addEventListener('hashchange', route);
route();
