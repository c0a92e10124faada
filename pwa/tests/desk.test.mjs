// The staff desk (/desk/) against the real backend and PostgreSQL: sign-in with TOTP enrolment from the QR
// page, the coordinator's Today list updated live by a client's request for help (raised by a paired test
// device over the API) and acknowledged, a pairing code issued and a phone revoked, the session kept over a
// reload with nothing of a token in Web Storage or IndexedDB, and role isolation for the handläggare.
// axe-core on every desk screen in Swedish and English; no page errors, CSP refusals or third-party requests.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BASE, eventually, sharedBrowser, watchPage } from './helpers/browser.mjs';
import { activePair, api, handlaggare } from './helpers/realapi.mjs';
import { DESKTOP, axe, axeBoth, b64u, deskSignIn, storageHolds, testDevice } from './helpers/desk.mjs';
import { shellFiles } from '../scripts/shell.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const SRC = join(HERE, '..', 'src');
const sv = JSON.parse(readFileSync(join(SRC, 'desk', 'i18n', 'sv.json'), 'utf8'));
const en = JSON.parse(readFileSync(join(SRC, 'desk', 'i18n', 'en.json'), 'utf8'));
const shared = sharedBrowser();

// ---- the desk's own files ----

/** The desk's module graph from /desk/main.js, static and dynamic imports. */
async function deskGraph() {
  const seen = new Set();
  const queue = ['/desk/main.js'];
  while (queue.length) {
    const path = queue.shift();
    if (seen.has(path)) continue;
    seen.add(path);
    const code = (await readFile(join(SRC, path), 'utf8')).replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
    for (const m of code.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*)["']([^"']+\.js)["']/g)) {
      queue.push(m[1].startsWith('/') ? m[1] : posix.normalize(posix.join(posix.dirname(path), m[1])));
    }
  }
  return [...seen].sort();
}

describe('the desk files', () => {
  test('the phone app\'s shell holds no desk file and the desk loads none of the phone\'s crypto', async () => {
    const shell = await shellFiles();
    assert.deepEqual(shell.filter((f) => f.startsWith('/desk')), [], 'no desk file in the phone\'s pre-cache list');
    assert.ok(!(await readFile(join(SRC, 'sw.js'), 'utf8')).includes("'/desk/"), 'sw.js names no desk file');
    const graph = await deskGraph();
    assert.ok(graph.includes('/desk/screens/today.js') && graph.includes('/desk/vendor/qrcode-generator/qrcode.js'), graph.join());
    const qr = await readFile(join(SRC, 'desk', 'vendor', 'qrcode-generator', 'qrcode.js'), 'utf8');
    assert.match(qr.split('\n')[0], /qrcode-generator 2\.0\.4 \(MIT\)/, 'the pinned version');
    assert.match(await readFile(join(SRC, 'desk', 'vendor', 'qrcode-generator', 'LICENSE.txt'), 'utf8'), /MIT License/);
    // Shared with the phone: the view helper and the translation machinery, neither of which holds crypto.
    const foreign = graph.filter((f) => !f.startsWith('/desk/') && f !== '/app/view.js' && f !== '/app/translations.js');
    assert.deepEqual(foreign, [], 'the desk reuses only the view helper and the translation machinery of the phone app');
  });

  test('every string is translated: Swedish and English have the same keys and cover every key the desk uses', async () => {
    assert.deepEqual(Object.keys(en).sort(), Object.keys(sv).sort());
    const same = new Set(['devices.col.status', 'volunteer.profile.gender.MAN']); // the same word in both languages
    for (const [k, v] of Object.entries(en)) assert.ok(v.trim() && (v !== sv[k] || same.has(k)), `en ${k} looks untranslated`);
    const used = new Set();
    for (const file of await deskGraph()) {
      if (!file.startsWith('/desk/') || file.includes('/vendor/')) continue;
      const code = await readFile(join(SRC, file), 'utf8');
      for (const m of code.matchAll(/\bt(?:l)?\(\s*'([a-zA-Z0-9_.]+)'/g)) used.add(m[1]);
    }
    const missing = [...used].filter((k) => !(k in sv));
    assert.deepEqual(missing, [], 'keys used in the desk but missing in sv.json');
    // Keys built at run time: every role, every end reason, every kind the Today list names.
    for (const k of ['role.COORDINATOR', 'role.HANDLAGGARE', 'role.ADMIN', 'signin.ended.idle', 'signin.ended.expired',
      'signin.ended.signedOut', 'signin.ended.everywhere', 'kind.NEED_HELP',
      'kind.CHILD_AT_RISK', 'kind.CHECKIN_MISSED', 'kind.other']) assert.ok(k in sv && k in en, k);
  });

  test('/desk/ is served with the same Content-Security-Policy and revalidated', async () => {
    const res = await fetch(`${BASE}/desk/`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type'), /text\/html/);
    assert.match(res.headers.get('content-security-policy'), /script-src 'self'(;|$)/);
    assert.equal(res.headers.get('cache-control'), 'no-cache');
    const qr = await fetch(`${BASE}/desk/vendor/qrcode-generator/qrcode.js`);
    assert.match(qr.headers.get('content-type'), /javascript/);
    assert.ok((await fetch(`${BASE}/desk/vendor/qrcode-generator/LICENSE.txt`)).ok, 'the licence is shipped beside it');
  });
});

/**
 * The client asks for help: a check-in opened now and answered NEED_HELP, its (opaque, test-only)
 * envelope addressed to the kontaktperson's phone, as the phone app does with a real HPKE envelope.
 */
async function needHelp(client, volunteer) {
  const conversations = await api('GET', '/api/conversations', client.token);
  assert.equal(conversations.status, 200, conversations.text);
  const conversationId = conversations.json[0].id;
  const checkin = await api('POST', `/api/conversations/${conversationId}/checkins`, client.token);
  assert.equal(checkin.status, 201, checkin.text);
  const answered = await api('POST', `/api/checkins/${checkin.json.id}/answer`, client.token, {
    status: 'NEED_HELP',
    envelopes: [{ v: 1, conversationId, senderDeviceId: client.deviceId, recipientDeviceId: volunteer.deviceId,
      messageId: randomUUID(), senderKeyId: 1, recipientKeyId: 1, enc: b64u(randomBytes(32)), ct: b64u(randomBytes(272)) }],
  });
  assert.equal(answered.status, 200, answered.text);
  return checkin.json.id;
}

// ---- the coordinator ----

describe('the coordinator at the desk', () => {
  test('signs in with TOTP enrolment, sees a request for help arrive live, acknowledges it, issues a pairing code, revokes a phone, and stays signed in over a reload with no token in storage', async () => {
    const context = await shared.browser.newContext({ viewport: DESKTOP, serviceWorkers: 'block' });
    const page = await context.newPage();
    const problems = watchPage(page);
    const violations = [];
    try {
      await page.goto(`${BASE}/desk/`);
      await page.waitForSelector('#signin-form');
      assert.equal(await page.getAttribute('html', 'lang'), 'sv');
      violations.push(...await axeBoth(page, 'signin', '#signin-form'));

      // Wrong details: one calm message that does not say which part was wrong.
      await page.fill('input[name="username"]', 'samordnare');
      await page.fill('input[name="password"]', 'not the password');
      await page.click('#signin-submit');
      await page.waitForFunction(() => document.querySelector('#signin-error')?.textContent);
      assert.equal(await page.textContent('#signin-error'), sv['signin.error.wrong']);

      await deskSignIn(page, 'samordnare', {
        onEnrol: async () => violations.push(...await axeBoth(page, 'enrol', '#enrol')),
      });
      await page.waitForSelector('#today');
      await page.waitForSelector('#live-status[data-state="live"]', { timeout: 15000 });
      const nav = await page.$$eval('.desk-nav a', (as) => as.map((a) => a.dataset.route));
      // Today first; the other coordinator screens follow (more are added screen by screen).
      assert.equal(nav[0], 'today');
      for (const r of ['devices', 'volunteers', 'training', 'supervision']) assert.ok(nav.includes(r), `${r} in ${nav}`);

      // A client and her kontaktperson with paired phones (built over the API, as a coordinator would).
      const world = await activePair();
      const client = await testDevice(world.clientCode);
      const volunteer = await testDevice(world.volunteerCode);
      await page.evaluate(() => { window.notReloaded = true; });

      const checkinId = await needHelp(client, volunteer);
      // The demo organisation is shared by every test file of the run: this alarm is found by its check-in,
      // and the list is compared with the server's, not with a fixed count.
      const urgent = `.item-urgent[data-kind="NEED_HELP"][data-object="${checkinId}"]`;
      await page.waitForSelector(urgent, { timeout: 15000 });
      assert.equal(await page.evaluate(() => window.notReloaded), true, 'arrived without a reload');
      const order = await page.$$eval('.items .item', (lis) => lis.map((li) => li.dataset.urgency));
      assert.ok(order.indexOf('NORMAL') === -1 || order.lastIndexOf('URGENT') < order.indexOf('NORMAL'), `urgent items first: ${order}`);
      assert.match(await page.textContent(urgent), new RegExp(sv['today.urgentBadge']), 'said in words, not colour alone');
      assert.equal(await page.textContent(`${urgent} .pseudonym`), world.pseudonym);
      const needHelpItems = (await api('GET', '/api/notifications', world.token)).json.filter((i) => i.kind === 'NEED_HELP').length;
      assert.match(await page.textContent('#today-counts'), new RegExp(`${needHelpItems}\\s+${sv['kind.NEED_HELP']}`));
      violations.push(...await axeBoth(page, 'today', urgent));

      await page.click(`${urgent} button[data-action="acknowledge"]`);
      await page.waitForSelector(urgent, { state: 'detached' });
      const alarms = await api('GET', '/api/alarms', world.token);
      const alarm = alarms.json.find((a) => a.checkinId === checkinId);
      assert.ok(alarm?.acknowledgedAt, `acknowledged on the server: ${JSON.stringify(alarm)}`);

      // A missed check-in goes to the top too, marked in words. The server files one only after hours of
      // silence, so here one is added to the worklist the page receives; the rest of the list is the server's.
      const missedId = randomUUID();
      await page.route('**/api/notifications', async (route) => {
        const res = await route.fetch();
        const items = await res.json();
        items.push({ id: missedId, kind: 'CHECKIN_MISSED', urgency: 'NORMAL', objectType: 'CHECKIN', objectId: randomUUID(),
          createdAt: new Date(Date.now() - 3600_000).toISOString(), escalatedAt: null });
        await route.fulfill({ response: res, json: items });
      });
      await page.click('.desk-nav a[data-route="devices"]');
      await page.click('.desk-nav a[data-route="today"]');
      const missed = `#today-urgent .item-attention[data-id="${missedId}"]`;
      await page.waitForSelector(missed);
      assert.match(await page.textContent(missed), new RegExp(`${sv['today.attentionBadge']}.*${sv['kind.CHECKIN_MISSED']}`));
      assert.equal(await page.$(`#today-list [data-id="${missedId}"]`), null, 'not also in the list below');
      const realMissed = (await api('GET', '/api/notifications', world.token)).json.filter((i) => i.kind === 'CHECKIN_MISSED').length;
      assert.match(await page.textContent('#today-counts'), new RegExp(`${realMissed + 1}\\s+${sv['kind.CHECKIN_MISSED']}`));
      violations.push(...await axe(page, 'sv', 'today-missed'));
      await page.unroute('**/api/notifications');

      // The cookie is the browser's alone; the page holds nothing of the session.
      const cookies = await context.cookies();
      const refresh = cookies.find((c) => c.name === '__Secure-bredvid-desk');
      assert.ok(refresh, JSON.stringify(cookies.map((c) => c.name)));
      assert.deepEqual([refresh.httpOnly, refresh.secure, refresh.sameSite, refresh.path],
        [true, true, 'Strict', '/api/auth/desk/refresh']);
      await page.reload();
      await page.waitForSelector('#today');
      assert.ok(!(await page.isVisible('#signin-form')), 'the reload kept the session');
      const held = await storageHolds(page);
      assert.deepEqual(held.session, []);
      assert.deepEqual(held.databases, []);
      assert.equal(held.cookie, '', 'no cookie readable by script');
      assert.deepEqual(held.local.map(([k]) => k).filter((k) => k !== 'desk-lang'), []);
      assert.ok(held.local.every(([, v]) => !/eyJ|\./.test(v)), JSON.stringify(held.local));

      // Enheter: a pairing code, shown once, as text and QR, with its expiry; it pairs a phone.
      await page.click('.desk-nav a[data-route="devices"]');
      await page.waitForSelector('#devices-form');
      await page.waitForSelector(`#devices-subject option[value="${world.clientId}"]`, { state: "attached" });
      await page.selectOption('#devices-subject', world.clientId);
      await page.waitForSelector('#devices-table tr[data-state="active"]');
      await page.click('#devices-issue');
      await page.waitForSelector('#pair-code');
      const code = (await page.textContent('#pair-code')).trim();
      assert.match(code, /^[0-9A-Z-]{10,}$/);
      assert.ok(await page.isVisible('#pair-code-box svg.qr[role="img"]'));
      assert.match(await page.textContent('#pair-code-expiry'), /\d{1,2}[:.]\d{2}/);
      violations.push(...await axe(page, 'sv', 'devices-code'));
      const second = await testDevice(code);
      await page.click('#devices-code-hide');
      assert.equal(await page.$('#pair-code'), null, 'the code is gone once closed');

      // The new phone shows up (without label or id) and is revoked as lost.
      await page.click('.desk-nav a[data-route="today"]');
      await page.click('.desk-nav a[data-route="devices"]');
      await page.waitForSelector(`#devices-subject option[value="${world.clientId}"]`, { state: "attached" });
      await page.selectOption('#devices-subject', world.clientId);
      await eventually(async () => (await page.$$('#devices-table tbody tr[data-state="active"]')).length === 2, { message: 'two phones listed' });
      const table = await page.textContent('#devices-table');
      assert.ok(!table.includes(second.deviceId) && !table.includes(client.deviceId), 'no device id on the page');
      violations.push(...await axeBoth(page, 'devices', '#devices-table'));
      await page.selectOption('#devices-subject', world.clientId);
      await page.waitForSelector('#devices-table tbody tr[data-device="2"] button[data-action="revoke"]');
      await page.click('#devices-table tbody tr[data-device="2"] button[data-action="revoke"]');
      await page.click('#devices-table tbody tr[data-device="2"] button[data-action="confirm-revoke"]');
      await page.waitForSelector('#devices-table tbody tr[data-device="2"][data-state="revoked"]');
      const revokedIsClient = (await api('GET', '/api/auth/me', client.token)).status === 401;
      const stillSigned = revokedIsClient ? second : client;
      assert.equal((await stillSigned.signIn()).status, 200, 'the other phone still signs in');
      const gone = revokedIsClient ? client : second;
      assert.equal((await gone.signIn()).status, 401, 'the revoked phone no longer signs in');

      // Sign out: back to the sign-in page, and a reload does not bring the session back.
      await page.click('#sign-out');
      await page.waitForSelector('#signin-form');
      assert.equal(await page.textContent('#signin-notice'), sv['signin.ended.signedOut']);
      await page.reload();
      await page.waitForSelector('#signin-form');
      assert.ok(!(await context.cookies()).some((c) => c.name === '__Secure-bredvid-desk' && c.value), 'the cookie is cleared');

      assert.deepEqual(violations, []);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });
});

// ---- the handläggare ----

describe('the handläggare at the desk', () => {
  test('sees none of the coordinator screens; a direct address to one shows "not found" and fetches no data', async () => {
    const context = await shared.browser.newContext({ viewport: { width: 1024, height: 768 }, serviceWorkers: 'block' });
    const page = await context.newPage();
    const problems = watchPage(page);
    const apiCalls = [];
    page.on('request', (r) => { if (new URL(r.url()).pathname.startsWith('/api/')) apiCalls.push(new URL(r.url()).pathname); });
    const violations = [];
    try {
      // A controllable clock, to see the idle sign-out without waiting for it.
      await page.clock.install();
      await page.goto(`${BASE}/desk/`);
      await page.waitForSelector('#signin-form');
      assert.equal(await page.evaluate(() => document.activeElement?.name), 'username', 'the first field has focus');
      await deskSignIn(page, 'handlaggare', { keyboard: true });
      await page.waitForSelector('#inbox');
      assert.deepEqual(await page.$$eval('.desk-nav a', (as) => as.map((a) => a.dataset.route)), ['inbox', 'insatser', 'time-reports']);

      for (const screen of ['today', 'devices']) {
        await page.goto(`${BASE}/desk/#/${screen}`);
        await page.waitForSelector('#not-found');
        assert.equal(await page.$(`#${screen}`), null);
        assert.equal(await page.textContent('#not-found h1'), sv['notFound.title']);
      }
      violations.push(...await axeBoth(page, 'not-found', '#not-found'));
      // The handläggare's own inbox asks for the municipality's insatser (and those due for gallring), time reports
      // and notifications only.
      const own = ['/api/auth/', '/api/insatser', '/api/insats-gallring', '/api/time-reports', '/api/notifications'];
      const data = apiCalls.filter((p) => !own.some((o) => p.startsWith(o)));
      assert.deepEqual(data, [], 'no coordinator data was even asked for');
      const loaded = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname));
      assert.ok(!loaded.some((p) => p.startsWith('/desk/screens/today') || p.startsWith('/desk/screens/devices')),
        'the coordinator screens\' modules were not loaded');
      // The server stays the authority: the same calls answer 403 for this role.
      const { accessToken } = await handlaggare();
      assert.equal((await api('GET', '/api/alarms', accessToken)).status, 403);
      assert.equal((await api('GET', `/api/devices?kind=CLIENT&subjectId=${randomUUID()}`, accessToken)).status, 403);

      // Idle: after the server's limit (15 minutes by default) without keyboard or pointer use, signed out.
      await page.clock.fastForward('16:00');
      await page.waitForSelector('#signin-notice');
      assert.equal(await page.textContent('#signin-notice'), sv['signin.ended.idle']);
      await page.reload();
      await page.waitForSelector('#signin-form');
      assert.equal(await page.$('#inbox'), null, 'the idle sign-out ended the session on the server too');

      assert.deepEqual(violations, []);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });
});
