// Dashboard tests in headless Debian chromium. run.sh starts `sitrep serve` and sets SITREP_URL
// and SITREP_TOKEN; screenshots go to target/screenshots/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { chromium } from 'playwright-core';

const URL = process.env.SITREP_URL;
const TOKEN = process.env.SITREP_TOKEN;
const SHOTS = process.env.SCREENSHOTS || '../../target/screenshots';
let browser, page;
const dialogs = [];

before(async () => {
  assert.ok(URL, 'SITREP_URL is not set: run tests/browser/run.sh');
  mkdirSync(SHOTS, { recursive: true });
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--disable-default-apps', '--no-first-run', '--disable-dev-shm-usage'],
  });
  // Playwright's polling needs eval, which the dashboard's CSP forbids. Bypassing it also makes
  // the XSS test stronger: the payloads must stay inert through the DOM code alone.
  page = await browser.newPage({ viewport: { width: 1400, height: 1000 }, bypassCSP: true });
  page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss(); });
  page.on('pageerror', (e) => { dialogs.push(`pageerror: ${e.message}`); });
});

after(async () => { if (browser) await browser.close(); });

async function overview(filters = {}) {
  await page.goto(`${URL}/#/`);
  // A change of hash alone does not reload the page: the form keeps the last filters.
  for (const name of ['from', 'to', 'actor', 'type', 'country', 'admin1', 'affiliation']) {
    await page.fill(`#filters [name=${name}]`, '');
  }
  for (const [k, v] of Object.entries(filters)) await page.fill(`#filters [name=${k}]`, v);
  await page.evaluate(() => { document.querySelector('#status').textContent = ''; });
  await page.click('[data-testid=apply]');
  await page.waitForFunction(() => /^\d+ events/.test(document.querySelector('#status').textContent));
}

test('the dashboard loads the map, the timeline and the table', async () => {
  await overview();
  const rows = await page.locator('#events tbody tr').count();
  assert.ok(rows >= 10, `only ${rows} rows`);
  await page.waitForSelector('#map circle.point');
  assert.ok((await page.locator('#map path.country').count()) > 100, 'country outlines drawn');
  assert.ok((await page.locator('#map path.province').getAttribute('d')).length > 1000, 'province borders drawn');
  assert.ok((await page.locator('#timeline rect.bar').count()) > 0, 'timeline bars drawn');
  await page.locator('#map-panel').screenshot({ path: `${SHOTS}/map.png` });
  await page.locator('#timeline-panel').screenshot({ path: `${SHOTS}/timeline.png` });
  await page.screenshot({ path: `${SHOTS}/overview.png`, fullPage: true });
});

test('a filter narrows the table', async () => {
  await overview({ country: 'SO' });
  const places = await page.locator('#events tbody tr td:nth-child(4)').allTextContents();
  assert.ok(places.length > 0);
  for (const p of places) assert.match(p, /SO$/);
  await overview({ country: 'SO', from: '2030-01-01' });
  assert.equal(await page.locator('#events tbody tr').count(), 0);
});

test('posts with <script> and onerror= render inert', async () => {
  await overview({ country: 'SO' });
  const ids = await page.locator('#events tbody tr').evaluateAll((rs) => rs.map((r) => r.dataset.event));
  let seen = false;
  for (const id of ids) {
    await page.goto(`${URL}/#/event/${id}`);
    await page.waitForSelector(`#event-page[data-loaded="${id}"]`);
    const text = await page.locator('#event-page').textContent();
    if (!text.includes('__pwned')) continue;
    seen = true;
    assert.ok(text.includes("<script>window.__pwned=5; document.title='pwned'</script>"), 'shown as text');
    assert.equal(await page.locator('#event-page img, #event-page script').count(), 0);
    assert.equal(await page.locator('#event-page a[href^="javascript:"]').count(), 0);
    await page.screenshot({ path: `${SHOTS}/xss-event.png`, fullPage: true });
  }
  assert.ok(seen, 'the XSS document was found among the SO events');
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assert.notEqual(await page.title(), 'pwned');
  assert.deepEqual(dialogs, []);
});

test('open an event, see its evidence, reject it, see the audit entry', async () => {
  await overview({ country: 'AF' });
  await page.locator('#events tbody tr').first().click();
  await page.waitForSelector('#event-page[data-loaded]');
  await page.waitForSelector('[data-testid=mention] mark');
  const marked = await page.locator('[data-testid=mention] mark').allTextContents();
  assert.ok(marked.join('').length > 10, 'evidence highlighted');
  const id = (await page.locator('[data-testid=event-title]').textContent()).match(/Event (\d+)/)[1];
  await page.screenshot({ path: `${SHOTS}/event.png`, fullPage: true });

  // Without the token the server refuses, and the page says so.
  await page.fill('[data-testid=review-why]', 'not an event: a quoted anniversary');
  await page.click('[data-testid=reject]');
  await page.waitForFunction(() => document.querySelector('#status').className === 'error');
  assert.match(await page.locator('#status').textContent(), /bearer token/);

  await page.fill('#token', TOKEN);
  await page.dispatchEvent('#token', 'change');
  await page.fill('[data-testid=review-why]', 'not an event: a quoted anniversary');
  await page.click('[data-testid=reject]');
  await page.waitForFunction(() => {
    const audit = document.querySelector('[data-testid=audit]');
    return audit !== null && /reject, because not an event/.test(audit.textContent);
  });
  assert.match(await page.locator('[data-testid=audit]').textContent(), /dashboard: reject/);
  await page.screenshot({ path: `${SHOTS}/event-rejected.png`, fullPage: true });

  // The rejected event has left the table.
  await overview({ country: 'AF' });
  const ids = await page.locator('#events tbody tr').evaluateAll((rs) => rs.map((r) => r.dataset.event));
  assert.ok(!ids.includes(id), `event ${id} still listed`);
});
