// The admin's screens of the desk (issue 15) against the real backend and PostgreSQL: the admin signs in
// through the desk and lands on Staff; creates an organisation, then a coordinator in it with a one-time
// password made in the browser and shown once (never stored), and that account signs in with it; disables
// it (its sign-in fails) and enables it; ends its sessions (its token stops working); filters the audit log
// on the server and finds its own actions, with a server refusal beside its field; verifies the chain; starts
// a field-key rotation and reads the result per column. A coordinator's direct address to any admin screen
// is "not found", and the server answers 403. On the tenants screen the admin links the new organisation with
// the demo municipality, renames it, deactivates and reactivates it and removes the link, and the handläggare's
// referral form (in a browser of her own) offers it only while it is linked and active. axe-core on every
// screen in Swedish and English, 1024 px, and the keyboard. The demo data is shared by every test file:
// everything is found by its own name or id.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BASE, eventually, sharedBrowser, watchPage } from './helpers/browser.mjs';
import { admin, api, coordinator, totp } from './helpers/realapi.mjs';
import { DESKTOP, SHOTS, axe, axeBoth, deskSignIn, storageHolds } from './helpers/desk.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const SRC = join(HERE, '..', 'src');
const sv = JSON.parse(readFileSync(join(SRC, 'desk', 'i18n', 'sv.json'), 'utf8'));
const en = JSON.parse(readFileSync(join(SRC, 'desk', 'i18n', 'en.json'), 'utf8'));
const shared = sharedBrowser();
const SCREENS = ['staff', 'tenants', 'audit', 'keys'];

const tag = randomUUID().slice(0, 8);
const orgName = `Testförening ${tag}`;
const username = `samordnare-${tag}`;
let context;
let page;
let problems;
let accountId;
let password;
const violations = [];

async function fitsAt1024(p, what) {
  await p.setViewportSize({ width: 1024, height: 768 });
  const overflow = await p.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  await p.setViewportSize(DESKTOP);
  assert.ok(overflow <= 0, `${what} overflows a 1024 px window by ${overflow} px`);
}

const row = (id) => `#staff-table tr[data-staff="${id}"]`;

function base32Decode(s) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = 0; let value = 0; const out = [];
  for (const c of s.toUpperCase()) {
    value = (value << 5) | alphabet.indexOf(c);
    bits += 5;
    if (bits >= 8) { out.push((value >>> (bits - 8)) & 0xff); bits -= 8; }
  }
  return Buffer.from(out);
}

describe('the admin screens of the desk', () => {
  after(async () => {
    await context?.close();
  });

  test('the texts: every admin key exists in both languages and English differs', () => {
    const used = new Set();
    for (const f of ['desk/routes.js', 'desk/admincodes.js', ...SCREENS.map((s) => `desk/screens/${s}.js`)]) {
      const code = readFileSync(join(SRC, f), 'utf8');
      for (const m of code.matchAll(/'(admin\.[a-zA-Z0-9_.-]+)'/g)) used.add(m[1]);
      for (const m of code.matchAll(/`(admin\.[a-zA-Z0-9_.]+)\.\$\{/g)) used.add(m[1]);
    }
    assert.ok(used.size > 80, `found ${used.size} keys`);
    for (const k of used) {
      if (!(k in sv)) { assert.ok(Object.keys(sv).some((s) => s.startsWith(`${k}.`)), `sv ${k}`); continue; }
      assert.ok(k in en, `en ${k}`);
      assert.notEqual(en[k], sv[k], `en ${k} looks untranslated`);
    }
    for (const kind of ['STAFF', 'DEVICE', 'ANONYMOUS', 'SYSTEM']) assert.ok(`admin.audit.kind.${kind}` in en);
  });

  test('the admin signs in through the desk and lands on Staff; the navigation holds the admin screens only', async () => {
    context = await shared.browser.newContext({ viewport: DESKTOP, serviceWorkers: 'block' });
    page = await context.newPage();
    problems = watchPage(page);
    await page.goto(`${BASE}/desk/`);
    await page.waitForSelector('#signin-form');
    await deskSignIn(page, 'admin');
    await page.waitForSelector('#staff #staff-table');
    assert.deepEqual(await page.$$eval('.desk-nav a', (as) => as.map((a) => a.dataset.route)), SCREENS);
    assert.equal(await page.evaluate(() => document.activeElement?.tagName), 'H1', 'focus on the heading');
    assert.equal(await page.textContent('#staff h1'), sv['admin.staff.title']);
    // The demo accounts are listed with their role (found by name, never by position).
    assert.ok(await page.$('#staff-table tr[data-username="admin"]'));
    await fitsAt1024(page, 'staff');
    violations.push(...await axeBoth(page, 'admin-staff', '#staff-table'));
  });

  test('organisations and municipalities: a name is required in the browser; a new organisation is listed after the server confirmed', async () => {
    await page.click('.desk-nav a[data-route="tenants"]');
    await page.waitForSelector('#organisations-table');
    assert.equal(await page.evaluate(() => document.activeElement?.tagName), 'H1');
    let posted = 0;
    const count = (r) => { if (r.method() === 'POST' && r.url().endsWith('/api/admin/organisations')) posted++; };
    page.on('request', count);
    await page.click('#organisations-submit');
    await page.waitForFunction(() => document.querySelector('#organisations-form .field-error')?.textContent);
    assert.equal(await page.textContent('#organisations-form .field-error'), sv['admin.tenants.err.name']);
    assert.equal(await page.evaluate(() => document.activeElement?.name), 'name');
    assert.equal(posted, 0, 'nothing sent');
    page.off('request', count);
    // Keyboard only: type the name in the focused field and press Enter.
    await page.keyboard.type(orgName);
    await page.keyboard.press('Enter');
    await page.waitForFunction((n) => [...document.querySelectorAll('#organisations-table bdi')].some((b) => b.textContent === n), orgName);
    assert.equal(await page.getAttribute('#organisations-form input[name="name"]', 'aria-invalid'), null);
    await eventually(async () => (await page.textContent('#announce')) === sv['admin.tenants.organisations.created'].replace('{name}', orgName));
    await fitsAt1024(page, 'tenants');
    violations.push(...await axeBoth(page, 'admin-tenants', '#organisations-table'));
  });

  test('a coordinator account: errors beside their fields, a one-time password shown once after the server confirmed, and it signs in', async () => {
    await page.click('.desk-nav a[data-route="staff"]');
    await page.waitForSelector('#staff-table');
    // The browser's checks: nothing sent, each message beside its field.
    await page.click('#staff-submit');
    await page.waitForFunction(() => document.querySelector('#staff-form [data-error-for="username"]')?.textContent);
    assert.equal(await page.textContent('#staff-form [data-error-for="role"]'), sv['admin.staff.err.role']);
    // The organisation field appears for a coordinator only.
    assert.equal(await page.isVisible('#staff-form select[name="organisationId"]'), false);
    await page.selectOption('#staff-form select[name="role"]', 'COORDINATOR');
    assert.equal(await page.isVisible('#staff-form select[name="organisationId"]'), true);
    assert.equal(await page.isVisible('#staff-form select[name="municipalityId"]'), false);
    await page.selectOption('#staff-form select[name="organisationId"]', { label: orgName });
    await page.fill('#staff-form input[name="displayName"]', `Testsamordnare ${tag}`);
    // The server's refusal (the username is taken) beside the username; no password is shown.
    await page.fill('#staff-form input[name="username"]', 'admin');
    await page.click('#staff-submit');
    await page.waitForFunction(() => document.querySelector('#staff-form [data-error-for="username"]')?.textContent.includes('Servern'));
    assert.equal(await page.getAttribute('#staff-form input[name="username"]', 'aria-invalid'), 'true');
    assert.equal(await page.$('#staff-password'), null, 'no password before the server confirmed');

    await page.fill('#staff-form input[name="username"]', username);
    await page.click('#staff-submit');
    await page.waitForSelector('#staff-created #staff-password');
    password = await page.textContent('#staff-password');
    assert.match(password, /^[A-Za-z0-9]{20}$/);
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'staff-created');
    await page.waitForSelector(`#staff-table tr[data-username="${username}"]`);
    accountId = await page.getAttribute(`#staff-table tr[data-username="${username}"]`, 'data-staff');
    assert.equal(await page.textContent(`${row(accountId)} td:nth-child(3)`), sv['role.COORDINATOR']);
    assert.equal(await page.textContent(`${row(accountId)} td:nth-child(4)`), orgName);
    assert.equal(await page.textContent(`${row(accountId)} td:nth-child(6)`), sv['admin.staff.totpNo']);
    // Never in storage, never in a cookie; gone when the admin closes it.
    assert.ok(!JSON.stringify(await storageHolds(page)).includes(password), 'the one-time password is not stored');
    // A language switch redraws the screen and the password leaves with it, so this state is checked in Swedish.
    violations.push(...await axe(page, 'sv', 'admin-staff-created'));
    await page.setViewportSize({ width: 1024, height: 768 });
    await page.screenshot({ path: join(SHOTS, 'desk-sv-admin-staff-1024.png'), fullPage: true });
    await fitsAt1024(page, 'staff with the new account');
    await page.click('#staff-created-close');
    assert.equal(await page.$('#staff-password'), null);
    assert.ok(!(await page.content()).includes(password), 'the password left the page');

    // The new account signs in with it (its first sign-in asks for TOTP enrolment).
    const first = await api('POST', '/api/auth/login', null, { username, password });
    assert.equal(first.status, 200, first.text);
    assert.equal(first.json.status, 'TOTP_ENROLMENT_REQUIRED', first.text);
  });

  test('disable: the account cannot sign in; enable: it can again; end sessions: its token stops working; reset TOTP; unlock', async () => {
    await page.click(`${row(accountId)} [data-action="toggle"]`);
    await page.waitForSelector(`${row(accountId)}[data-disabled="true"]`);
    assert.equal(await page.evaluate(() => document.activeElement?.dataset.action), 'toggle', 'focus stays on the control');
    assert.notEqual((await api('POST', '/api/auth/login', null, { username, password })).status, 200);
    await page.click(`${row(accountId)} [data-action="toggle"]`);
    await page.waitForSelector(`${row(accountId)}[data-disabled="false"]`);

    // Enrol TOTP and hold a session, then the admin ends every session of the account.
    const first = await api('POST', '/api/auth/login', null, { username, password });
    assert.equal(first.status, 200, first.text);
    const secret = base32Decode(/secret=([A-Z2-7]+)/.exec(first.json.provisioningUri)[1]);
    const signedIn = await api('POST', '/api/auth/login', null, { username, password, totp: totp(secret, Math.floor(Date.now() / 30000)) });
    assert.equal(signedIn.status, 200, signedIn.text);
    const token = signedIn.json.tokens.accessToken;
    assert.equal((await api('GET', '/api/auth/me', token)).status, 200);
    await page.click(`${row(accountId)} [data-action="revoke"]`);
    await eventually(async () => (await page.textContent('#announce')) === sv['admin.staff.revokedAnnounce'].replace('{username}', username));
    assert.equal((await api('GET', '/api/auth/me', token)).status, 401);

    // A lost phone: the admin resets the second factor; the next sign-in enrols a new one.
    await page.waitForSelector(`${row(accountId)} [data-action="reset-totp"]`);
    assert.equal(await page.textContent(`${row(accountId)} td:nth-child(6)`), sv['admin.staff.totpYes']);
    await page.click(`${row(accountId)} [data-action="reset-totp"]`);
    await page.waitForFunction((sel) => document.querySelector(sel)?.textContent === 'Inte ännu', `${row(accountId)} td:nth-child(6)`);
    assert.equal(await page.$(`${row(accountId)} [data-action="reset-totp"]`), null);
    assert.equal(await page.evaluate(() => document.activeElement?.dataset.action), 'unlock', 'focus moves to the next control');
    const enrolAgain = await api('POST', '/api/auth/login', null, { username, password });
    assert.equal(enrolAgain.json?.status, 'TOTP_ENROLMENT_REQUIRED', enrolAgain.text);

    // Locked out after failed attempts; the admin lifts the lock.
    for (let i = 0; i < 5; i++) await api('POST', '/api/auth/login', null, { username, password: `wrong-${i}-xxxxxxxx` });
    assert.equal((await api('POST', '/api/auth/login', null, { username, password })).status, 429, 'locked');
    await page.click(`${row(accountId)} [data-action="unlock"]`);
    await eventually(async () => (await page.textContent('#announce')) === sv['admin.staff.unlockedAnnounce'].replace('{username}', username));
    assert.equal((await api('POST', '/api/auth/login', null, { username, password })).status, 200, 'unlocked');

    // Her own account: no control to disable it or reset her second factor.
    assert.equal(await page.$('#staff-table tr[data-username="admin"] [data-action="toggle"]'), null);
    assert.equal(await page.$('#staff-table tr[data-username="admin"] [data-action="reset-totp"]'), null);
  });

  test('the audit log: filtered on the server, the admin\'s own actions found; a refusal beside its field; the chain verified', async () => {
    const adminId = (await api('GET', '/api/auth/me', (await admin()).accessToken)).json.id;
    await page.click('.desk-nav a[data-route="audit"]');
    await page.waitForSelector('#audit-table, #audit-none');
    assert.equal(await page.evaluate(() => document.activeElement?.tagName), 'H1');
    // The browser's check: an action is a code.
    await page.fill('#audit-form input[name="action"]', 'skapa något');
    await page.click('#audit-submit');
    await page.waitForFunction(() => document.querySelector('#audit-form [data-error-for="action"]')?.textContent);
    assert.equal(await page.textContent('#audit-form [data-error-for="action"]'), sv['admin.audit.err.code']);
    // The server's check: an object id with characters ids never have, shown beside the field.
    await page.fill('#audit-form input[name="action"]', '');
    await page.fill('#audit-form input[name="objectId"]', '<x>');
    const refused = page.waitForResponse((r) => r.url().includes('/api/admin/audit?') && r.status() === 400);
    await page.click('#audit-submit');
    await refused;
    await page.waitForFunction(() => document.querySelector('#audit-form [data-error-for="objectId"]')?.textContent);
    assert.equal(await page.getAttribute('#audit-form input[name="objectId"]', 'aria-invalid'), 'true');

    // Own actions: the admin created this account, disabled, enabled and ended its sessions.
    await page.selectOption('#audit-form select[name="actor"]', adminId);
    await page.fill('#audit-form input[name="objectType"]', 'staff_account');
    await page.fill('#audit-form input[name="objectId"]', accountId);
    const asked = page.waitForResponse((r) => r.url().includes('/api/admin/audit?') && r.status() === 200);
    await page.click('#audit-submit');
    const url = new URL((await asked).url());
    assert.equal(url.searchParams.get('actor'), adminId);
    assert.equal(url.searchParams.get('objectType'), 'STAFF_ACCOUNT');
    assert.equal(url.searchParams.get('objectId'), accountId);
    await page.waitForSelector('#audit-table');
    const actions = await page.$$eval('#audit-table tbody tr', (rs) => rs.map((r) => r.dataset.action));
    for (const a of ['CREATE', 'DISABLE', 'ENABLE', 'REVOKE_SESSIONS']) assert.ok(actions.includes(a), `${a} in ${actions}`);
    assert.ok((await page.$$eval('#audit-table tbody tr', (rs) => rs.map((r) => r.dataset.object))).every((o) => o === accountId));
    assert.ok((await page.textContent('#audit-table tbody')).includes('admin'), 'the actor shown by username');

    // The action filter narrows it on the server.
    await page.fill('#audit-form input[name="action"]', 'DISABLE');
    await page.click('#audit-submit');
    await page.waitForFunction(() => [...document.querySelectorAll('#audit-table tbody tr')].every((r) => r.dataset.action === 'DISABLE'));

    await page.click('#audit-verify');
    await page.waitForSelector('#audit-verify-result [data-intact]');
    assert.equal(await page.getAttribute('#audit-verify-result [data-intact]', 'data-intact'), 'true');
    assert.match(await page.textContent('#audit-verify-result'), /Kedjan är hel: \d+ händelser/);
    await fitsAt1024(page, 'audit');
    violations.push(...await axeBoth(page, 'admin-audit', '#audit-form'));
  });

  test('field keys: the rotation runs on the server and the result is shown per column', async () => {
    await page.click('.desk-nav a[data-route="keys"]');
    await page.waitForSelector('#keys-start');
    assert.equal(await page.evaluate(() => document.activeElement?.tagName), 'H1');
    violations.push(...await axeBoth(page, 'admin-keys', '#keys-start'));
    await page.focus('#keys-start');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#keys-table', { timeout: 60000 });
    const columns = await page.$$eval('#keys-table tbody tr', (rs) => rs.map((r) => [r.dataset.column, Number(r.querySelector('td').textContent)]));
    assert.ok(columns.length > 0);
    assert.ok(columns.every(([c, n]) => c && Number.isInteger(n) && n >= 0), JSON.stringify(columns));
    assert.equal(Number(await page.textContent('#keys-total')), columns.reduce((s, [, n]) => s + n, 0));
    await fitsAt1024(page, 'keys');
    // A language switch redraws the screen: the English result is produced again in English and checked there.
    violations.push(...await axe(page, 'sv', 'admin-keys-result'));
    await page.selectOption('#desk-language', 'en');
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    await page.click('#keys-start');
    await page.waitForSelector('#keys-table', { timeout: 60000 });
    assert.equal(await page.textContent('#keys-table caption'), en['admin.keys.resultCaption']);
    violations.push(...await axe(page, 'en', 'admin-keys-result'));
    await page.selectOption('#desk-language', 'sv');
    await page.waitForFunction(() => document.documentElement.lang === 'sv');
    assert.deepEqual(problems, []);
  });

  test('tenants: link and unlink, rename, deactivate and reactivate in the browser; the handläggare\'s referral form lists only linked, active organisations', async () => {
    await page.click('.desk-nav a[data-route="tenants"]');
    await page.waitForSelector('#links-form');
    await page.waitForSelector('#organisations-table');
    const orgId = await page.$$eval('#organisations-table tbody tr', (rs, n) => rs.find((r) => r.querySelector('bdi')?.textContent === n)?.dataset.tenant, orgName);
    assert.ok(orgId, 'the organisation made above is listed');
    const munId = await page.$eval('#links-form select[name="municipalityId"]', (s) => [...s.options].find((o) => o.textContent === 'Exempelkommun (demo)')?.value);
    assert.ok(munId, 'the demo municipality can be chosen');
    const linkRow = `#links-table tr[data-municipality="${munId}"][data-organisation="${orgId}"]`;
    const orgRow = `#organisations-table tr[data-tenant="${orgId}"]`;

    // The handläggare of the demo municipality, in a browser of her own.
    const hlContext = await shared.browser.newContext({ viewport: DESKTOP, serviceWorkers: 'block' });
    const hl = await hlContext.newPage();
    const hlProblems = watchPage(hl);
    await hl.goto(`${BASE}/desk/`);
    await hl.waitForSelector('#signin-form');
    await deskSignIn(hl, 'handlaggare');
    await hl.waitForSelector('.desk-nav');
    const offered = async () => {
      // The same address again is a reload (the session continues through its cookie).
      if (await hl.evaluate(() => location.hash) === '#/insatser/new') await hl.reload();
      else await hl.goto(`${BASE}/desk/#/insatser/new`);
      await hl.waitForSelector('#referral-form select[name="organisationId"]');
      return hl.$$eval('#referral-form select[name="organisationId"] option', (os) => os.map((o) => [o.value, o.textContent]));
    };
    try {
      let options = await offered();
      assert.ok(options.some(([, n]) => n === 'Tjejjouren Exempelstad (demo)'), 'the linked demo organisation is offered');
      assert.ok(!options.some(([v]) => v === orgId), 'a new organisation is not linked, so not offered');
      assert.equal(await page.$(linkRow), null);

      // The link, keyboard only: the browser's check first (nothing sent), then the server's confirmation.
      let posted = 0;
      const count = (r) => { if (r.method() === 'POST' && r.url().endsWith('/api/admin/links')) posted++; };
      page.on('request', count);
      await page.focus('#links-submit');
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => document.querySelector('#links-form [data-error-for="municipalityId"]')?.textContent);
      assert.equal(await page.textContent('#links-form [data-error-for="municipalityId"]'), sv['admin.tenants.err.choose']);
      assert.equal(await page.evaluate(() => document.activeElement?.name), 'municipalityId');
      assert.equal(posted, 0, 'nothing sent');
      page.off('request', count);
      assert.equal(await page.inputValue('#links-model'), 'PROVIDER', 'a new link: the organisation is the provider unless chosen');
      assert.equal(await page.textContent('#links-form label[for="links-model"]'), sv['admin.tenants.links.col.model']);
      await page.selectOption('#links-form select[name="municipalityId"]', munId);
      await page.selectOption('#links-form select[name="organisationId"]', orgId);
      await page.focus('#links-submit');
      await page.keyboard.press('Enter');
      await page.waitForSelector(linkRow);
      await eventually(async () => (await page.textContent('#announce')) === sv['admin.tenants.links.added']
        .replace('{municipality}', 'Exempelkommun (demo)').replace('{organisation}', orgName));
      options = await offered();
      assert.ok(options.some(([v, n]) => v === orgId && n === orgName), 'linked: offered to the handläggare');

      // The model per link: the server's answer is what the row shows; a reload shows the same.
      assert.equal(await page.getAttribute(linkRow, 'data-model'), 'PROVIDER');
      await page.selectOption(`${linkRow} select[data-action="model"]`, 'MUNICIPALITY');
      await page.waitForSelector(`${linkRow}[data-model="MUNICIPALITY"]`);
      await eventually(async () => (await page.textContent('#announce')) === sv['admin.tenants.links.modelSet']
        .replace('{municipality}', 'Exempelkommun (demo)').replace('{organisation}', orgName)
        .replace('{model}', sv['admin.tenants.links.model.MUNICIPALITY']));
      await page.reload();
      await page.waitForSelector(`${linkRow}[data-model="MUNICIPALITY"]`);
      assert.equal(await page.inputValue(`${linkRow} select[data-action="model"]`), 'MUNICIPALITY');
      violations.push(...await axeBoth(page, 'admin-tenants-link-model', linkRow));

      // Rename in the row: an empty name is refused in the browser, a taken one by the server beside the field.
      await page.click(`${orgRow} [data-action="rename"]`);
      const renameInput = `#rename-${orgId} input[name="name"]`;
      await page.waitForSelector(renameInput);
      assert.equal(await page.evaluate(() => document.activeElement?.name), 'name', 'focus in the new name');
      await page.fill(renameInput, ' ');
      await page.keyboard.press('Enter');
      await page.waitForFunction((id) => document.querySelector(`#rename-${id} [data-error-for="name"]`)?.textContent, orgId);
      assert.equal(await page.textContent(`#rename-${orgId} [data-error-for="name"]`), sv['admin.tenants.err.name']);
      await page.fill(renameInput, 'Tjejjouren Exempelstad (demo)');
      const refused = page.waitForResponse((r) => r.url().endsWith(`/api/admin/organisations/${orgId}/name`) && r.status() === 409);
      await page.keyboard.press('Enter');
      await refused;
      await page.waitForFunction((id) => document.querySelector(`#rename-${id} [data-error-for="name"]`)?.textContent.includes('Servern'), orgId);
      assert.equal(await page.getAttribute(renameInput, 'aria-invalid'), 'true');
      assert.equal(await page.textContent(`${orgRow} th bdi`), orgName, 'unchanged until the server confirmed');
      const renamed = `Omdöpt förening ${tag}`;
      await page.fill(renameInput, renamed);
      await page.keyboard.press('Enter');
      await page.waitForFunction(([sel, n]) => document.querySelector(`${sel} th bdi`)?.textContent === n, [orgRow, renamed]);
      assert.equal(await page.evaluate(() => document.activeElement?.dataset.action), 'rename', 'focus back on the row\'s control');
      assert.ok(await page.$(`${linkRow} bdi`), 'the link stays');
      assert.ok((await page.textContent(linkRow)).includes(renamed), 'the link shows the new name');
      options = await offered();
      assert.ok(options.some(([v, n]) => v === orgId && n === renamed), 'the new name reaches the handläggare');

      // Deactivate: its coordinator is refused at sign-in with a reason, the handläggare no longer sees it.
      await page.click(`${orgRow} [data-action="toggle"]`);
      await page.waitForSelector(`${orgRow}[data-active="false"]`);
      assert.equal(await page.evaluate(() => document.activeElement?.dataset.action), 'toggle');
      assert.equal(await page.textContent(`${orgRow} .state`), sv['admin.tenants.inactive']);
      const refusedSignIn = await api('POST', '/api/auth/login', null, { username, password });
      assert.equal(refusedSignIn.status, 403, refusedSignIn.text);
      assert.match(refusedSignIn.json.type, /tenant-inactive$/);
      // At the desk she is told why, in her language.
      const outCtx = await shared.browser.newContext({ viewport: DESKTOP, serviceWorkers: 'block' });
      try {
        const out = await outCtx.newPage();
        await out.goto(`${BASE}/desk/`);
        await out.waitForSelector('#signin-form');
        await out.fill('#signin-form input[name="username"]', username);
        await out.fill('#signin-form input[name="password"]', password);
        await out.click('#signin-submit');
        await out.waitForFunction(() => document.querySelector('#signin-error')?.textContent);
        assert.equal(await out.textContent('#signin-error'), sv['signin.error.tenantInactive']);
      } finally {
        await outCtx.close();
      }
      options = await offered();
      assert.ok(!options.some(([v]) => v === orgId), 'deactivated: not offered');
      violations.push(...await axeBoth(page, 'admin-tenants-links', linkRow));
      await page.click(`${orgRow} [data-action="toggle"]`);
      await page.waitForSelector(`${orgRow}[data-active="true"]`);
      assert.equal((await api('POST', '/api/auth/login', null, { username, password })).status, 200, 'reactivated');
      options = await offered();
      assert.ok(options.some(([v]) => v === orgId), 'reactivated: offered again');

      // Unlink: no longer offered.
      await page.click(`${linkRow} [data-action="unlink"]`);
      await page.waitForFunction((sel) => !document.querySelector(sel), linkRow);
      await eventually(async () => (await page.textContent('#announce')) === sv['admin.tenants.links.removed']
        .replace('{municipality}', 'Exempelkommun (demo)').replace('{organisation}', renamed));
      options = await offered();
      assert.ok(!options.some(([v]) => v === orgId), 'unlinked: not offered');
      assert.ok(options.some(([, n]) => n === 'Tjejjouren Exempelstad (demo)'), 'the demo link is untouched');
      await fitsAt1024(page, 'tenants with links');
      assert.deepEqual(hlProblems, []);
      assert.deepEqual(problems, []);
    } finally {
      await hlContext.close();
    }
  });

  test('a coordinator\'s direct address to an admin screen is "not found", and the server refuses her', async () => {
    const ctx = await shared.browser.newContext({ viewport: DESKTOP, serviceWorkers: 'block' });
    const p = await ctx.newPage();
    try {
      await p.goto(`${BASE}/desk/`);
      await p.waitForSelector('#signin-form');
      await deskSignIn(p, 'samordnare');
      await p.waitForSelector('.desk-nav');
      for (const screen of SCREENS) {
        await p.goto(`${BASE}/desk/#/${screen}`);
        await p.waitForSelector('#not-found');
        assert.equal(await p.$(`#${screen}`), null);
        assert.equal(await p.textContent('#not-found h1'), sv['notFound.title']);
      }
      const loaded = await p.evaluate(() => performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname));
      assert.ok(!loaded.some((x) => SCREENS.some((s) => x === `/desk/screens/${s}.js`)), 'no admin module loaded');
      const { accessToken } = await coordinator();
      for (const path of ['/api/admin/staff', '/api/admin/organisations', '/api/admin/audit', '/api/admin/audit/verify']) {
        assert.equal((await api('GET', path, accessToken)).status, 403, path);
      }
    } finally {
      await ctx.close();
    }
    assert.deepEqual(violations, []);
  });
});
