// The desk's benchmark (issue 13), run by infra/desk-bench.sh against a fresh backend with demo data. Prints
// one JSON object; nothing here is a pass/fail test. Measured in Debian chromium (headless):
// - first load: /desk/ in a fresh context until the sign-in form is interactive, and the bytes transferred;
// - the volunteer board with BREDVID_BENCH_VOLUNTEERS volunteers: time from the moment the last list
//   response has arrived to the first frame painted after the last DOM change ("render after the data
//   arrives"), for the first view and after a filter (a search the server answers);
// - the waiting list with BREDVID_BENCH_CLIENTS waiting clients, the same two figures.
// Each figure over BREDVID_BENCH_ROUNDS rounds: min, median, max (ms), with the load average of the machine.
import { randomUUID } from 'node:crypto';
import { loadavg } from 'node:os';
import { chromium } from 'playwright-core';
import { BASE, LAUNCH } from '../tests/helpers/browser.mjs';
import { api, coordinator } from '../tests/helpers/realapi.mjs';
import { DESKTOP, deskSignIn } from '../tests/helpers/desk.mjs';

const VOLUNTEERS = Number(process.env.BREDVID_BENCH_VOLUNTEERS || 2000);
const CLIENTS = Number(process.env.BREDVID_BENCH_CLIENTS || 1000);
const ROUNDS = Number(process.env.BREDVID_BENCH_ROUNDS || 5);
const RUN = randomUUID().slice(0, 6);

function stats(values) {
  const s = [...values].sort((a, b) => a - b);
  const r = (x) => Math.round(x * 10) / 10;
  return { min: r(s[0]), median: r(s[Math.floor(s.length / 2)]), max: r(s[s.length - 1]), n: s.length };
}

async function ok(promise, what) {
  const r = await promise;
  if (r.status >= 300) throw new Error(`${what}: ${r.status} ${r.text}`);
  return r.json;
}

/** Runs `task(i)` for i in [0, n) with `width` in flight. */
async function pool(n, width, task) {
  let next = 0;
  await Promise.all(Array.from({ length: width }, async () => {
    while (next < n) await task(next++);
  }));
}

const REGIONS = ['SE-E', 'SE-AB', 'SE-M', 'SE-O', 'SE-C'];
const LANGS = [['sv'], ['sv', 'ar'], ['sv', 'fa'], ['sv', 'so'], ['sv', 'en'], ['sv', 'ti']];

async function seed(token) {
  const me = await ok(api('GET', '/api/auth/me', token), 'me');
  const consent = await ok(api('GET', '/api/public/volunteer-applications/consent'), 'consent');
  const started = Date.now();
  await pool(VOLUNTEERS, 8, (i) => ok(api('POST', `/api/public/organisations/${me.organisationId}/volunteer-applications`, null, {
    name: `Bench ${RUN} Volontär ${String(i).padStart(4, '0')}`, email: `v${i}@bench.example`, languages: LANGS[i % LANGS.length],
    region: REGIONS[i % REGIONS.length], municipality: 'Norrköping', availability: [{ day: 'TUESDAY', part: 'EVENING' }],
    hoursPerMonth: 8, maxClients: 1 + (i % 3), digitalSupport: true, motivation: 'Bänktest.', consent: true,
    consentTextVersion: consent.version, formStamp: consent.formStamp,
  }), 'application'));
  // A quarter of them on to the interview column, so that two columns are full.
  const applied = (await ok(api('GET', `/api/recruiting/volunteers?q=${encodeURIComponent(`Bench ${RUN}`)}`, token), 'list'));
  await pool(Math.floor(applied.length / 4), 8, (i) => ok(api('POST', `/api/recruiting/volunteers/${applied[i].id}/transitions`, token,
    { to: 'INTERVIEW_BOOKED', reason: 'Bänktest' }), 'transition'));
  const volunteersSeconds = (Date.now() - started) / 1000;
  const clientsStarted = Date.now();
  await pool(CLIENTS, 8, (i) => ok(api('POST', '/api/clients', token, {
    ageBand: i % 5 === 0 ? 'AGE_26_35' : 'AGE_18_25', languages: LANGS[i % LANGS.length], region: 'se-e',
    needs: ['BREAKING_ISOLATION'], meetingMode: 'BOTH', interests: [],
  }), 'client'));
  return { volunteers: applied.length, volunteersSeconds, clients: CLIENTS, clientsSeconds: (Date.now() - clientsStarted) / 1000 };
}

/** Watches the desk's root: the time of the first frame after each DOM change, and the API responses' ends. */
function watch() {
  window.__bench = { painted: 0, changed: 0 };
  const mo = new MutationObserver((records) => {
    // The screen-reader announcement is written 50 ms after a change on purpose; it is not drawing.
    const inAnnouncer = (node) => (node.nodeType === 1 ? node : node.parentElement)?.closest('#announce');
    if (records.every((r) => inAnnouncer(r.target))) return;
    window.__bench.changed = performance.now();
    requestAnimationFrame(() => { window.__bench.painted = performance.now(); });
  });
  mo.observe(document.getElementById('desk'), { subtree: true, childList: true, characterData: true, attributes: true });
  performance.clearResourceTimings();
  performance.setResourceTimingBufferSize(1000);
}

/**
 * Runs `action`, waits for every API request it caused (under `apiPath`; the live event stream never ends
 * and is left out) and then until the page is quiet (no DOM change for 400 ms); returns the time from the
 * last response's end to the first frame painted after the last DOM change.
 */
async function renderAfterData(page, action, apiPath) {
  const counts = (r) => {
    const path = new URL(r.url()).pathname;
    return path.startsWith(apiPath) && !path.endsWith('/stream');
  };
  let inflight = 0;
  let started = 0;
  const onRequest = (r) => { if (counts(r)) { inflight++; started++; } };
  const onDone = (r) => { if (counts(r)) inflight--; };
  page.on('request', onRequest);
  page.on('requestfinished', onDone);
  page.on('requestfailed', onDone);
  try {
    await page.evaluate(watch);
    const t0 = await page.evaluate(() => performance.now());
    await action();
    const deadline = Date.now() + 60_000;
    while (!(started > 0 && inflight === 0)) {
      if (Date.now() > deadline) throw new Error(`requests under ${apiPath} did not finish`);
      await new Promise((r) => setTimeout(r, 20));
    }
    await page.waitForFunction(() => window.__bench.painted > 0 && performance.now() - window.__bench.changed > 400
      && window.__bench.painted >= window.__bench.changed, null, { polling: 100, timeout: 60_000 });
    return await page.evaluate(({ t0, apiPath }) => {
      const ends = performance.getEntriesByType('resource')
        .filter((e) => e.startTime >= t0 && new URL(e.name).pathname.startsWith(apiPath) && !e.name.endsWith('/stream'))
        .map((e) => e.responseEnd);
      if (!ends.length) throw new Error(`no ${apiPath} request`);
      return { render: window.__bench.painted - Math.max(...ends), requests: ends.length };
    }, { t0, apiPath });
  } finally {
    page.off('request', onRequest);
    page.off('requestfinished', onDone);
    page.off('requestfailed', onDone);
  }
}

async function firstLoad(browser) {
  const context = await browser.newContext({ viewport: DESKTOP, serviceWorkers: 'block' });
  const page = await context.newPage();
  await page.goto(`${BASE}/desk/`);
  await page.waitForSelector('#signin-form input[name="username"]:not([disabled])');
  const figures = await page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0];
    const resources = performance.getEntriesByType('resource');
    return {
      interactive: performance.now(),
      bytes: nav.transferSize + resources.reduce((n, e) => n + e.transferSize, 0),
      files: resources.length + 1,
    };
  });
  await context.close();
  return figures;
}

async function main() {
  const { accessToken: token } = await coordinator();
  const seeded = await seed(token);
  const browser = await chromium.launch(LAUNCH);
  try {
    const loads = [];
    for (let i = 0; i < ROUNDS; i++) loads.push(await firstLoad(browser));

    const context = await browser.newContext({ viewport: DESKTOP, serviceWorkers: 'block' });
    const page = await context.newPage();
    await page.goto(`${BASE}/desk/`);
    await page.waitForSelector('#signin-form');
    await deskSignIn(page, 'samordnare');
    await page.waitForSelector('#today');

    const board = [];
    const boardFilter = [];
    const waiting = [];
    const waitingFilter = [];
    for (let i = 0; i < ROUNDS; i++) {
      await page.click('.desk-nav a[data-route="today"]');
      await page.waitForSelector('#today');
      board.push(await renderAfterData(page, () => page.click('.desk-nav a[data-route="volunteers"]'), '/api/recruiting/volunteers'));
      boardFilter.push(await renderAfterData(page, async () => {
        await page.fill('#vol-q', `Volontär 0${i}1`);
        await page.click('#vol-search');
      }, '/api/recruiting/volunteers'));
      await page.click('#vol-reset');

      await page.click('.desk-nav a[data-route="today"]');
      await page.waitForSelector('#today');
      waiting.push(await renderAfterData(page, () => page.click('.desk-nav a[data-route="clients"]'), '/api/'));
      waitingFilter.push(await renderAfterData(page, async () => {
        await page.selectOption('#clients-filter select[name="language"]', 'fa');
        await page.click('#clients-search');
      }, '/api/'));
      await page.selectOption('#clients-filter select[name="language"]', '');
      await page.click('#clients-search');
      await page.waitForSelector('#clients-table');
    }
    // What one view draws: the board pages each column, the client list pages the table.
    await page.click('.desk-nav a[data-route="volunteers"]');
    await page.waitForSelector('#vol-board .vcard');
    const cards = await page.evaluate(() => document.querySelectorAll('#vol-board .vcard').length);
    await page.click('.desk-nav a[data-route="clients"]');
    await page.waitForSelector('#clients-table tbody tr');
    const rows = await page.evaluate(() => document.querySelectorAll('#clients-table tbody tr').length);
    await context.close();
    console.log(JSON.stringify({
      benchmark: 'desk',
      loadavg: loadavg().map((x) => Math.round(x * 100) / 100),
      seeded,
      firstLoad: { interactiveMs: stats(loads.map((l) => l.interactive)), transferredBytes: loads[0].bytes, files: loads[0].files },
      volunteerBoard: { renderAfterDataMs: stats(board.map((b) => b.render)), filterRenderAfterDataMs: stats(boardFilter.map((b) => b.render)),
        requestsPerView: board[0].requests },
      waitingList: { renderAfterDataMs: stats(waiting.map((b) => b.render)), filterRenderAfterDataMs: stats(waitingFilter.map((b) => b.render)) },
      drawnPerView: { boardCards: cards, clientRows: rows },
    }, null, 2));
  } finally {
    await browser.close();
  }
}

main().catch((e) => { console.error(e); process.exit(1); });
