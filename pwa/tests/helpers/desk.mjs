// Shared by the desk's browser tests: sign a demo account in through the desk page (TOTP enrolment from the
// QR page the first time), axe-core with a screenshot in Swedish and English, and a phone without a browser
// (an Ed25519 identity paired with a code, signed in by a signed challenge).
import assert from 'node:assert/strict';
import { generateKeyPairSync, sign } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { api, demoPassword, swedishDate, totp } from './realapi.mjs';
import { BASE, watchPage } from './browser.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
export const SHOTS = join(HERE, '..', '..', 'screenshots');
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
export const DESKTOP = { width: 1366, height: 768 };


export async function axe(page, lang, name) {
  await mkdir(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, `desk-${lang}-${name}.png`), fullPage: true });
  await page.evaluate(AXE);
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${lang} ${name}: ${v.id} ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** axe in Swedish, then in English (switched in the page, as a person would), then back to Swedish. */
export async function axeBoth(page, name, ready) {
  const found = await axe(page, 'sv', name);
  await page.selectOption('#desk-language', 'en');
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  if (ready) await page.waitForSelector(ready);
  found.push(...await axe(page, 'en', name));
  await page.selectOption('#desk-language', 'sv');
  await page.waitForFunction(() => document.documentElement.lang === 'sv');
  if (ready) await page.waitForSelector(ready);
  return found;
}

function base32Decode(s) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = 0; let value = 0; const out = [];
  for (const c of s.replace(/[\s=]+/g, '').toUpperCase()) {
    value = (value << 5) | alphabet.indexOf(c);
    bits += 5;
    if (bits >= 8) { out.push((value >>> (bits - 8)) & 0xff); bits -= 8; }
  }
  return Buffer.from(out);
}

const currentStep = () => Math.floor(Date.now() / 30000);

/**
 * Signs a demo account in through the desk page. At its first sign-in the account enrols TOTP from the
 * page: the test reads the secret the page shows as text (as a person who cannot scan would) and computes
 * the code. The secret and last step are shared with helpers/realapi.mjs (same file), so its API sign-ins
 * keep working in this process and in later test files.
 */
export async function deskSignIn(page, username, { onEnrol, keyboard = false, password = null } = {}) {
  const stateFile = `${process.env.BREDVID_SERVER_LOG}.totp-${username}.json`;
  let state = null;
  try { state = JSON.parse(readFileSync(stateFile, 'utf8')); } catch { state = null; }
  if (keyboard) {
    // Keyboard only: the username field has focus when the page opens; Tab moves on, Enter signs in.
    await page.focus('input[name="username"]');
    await page.keyboard.type(username);
    await page.keyboard.press('Tab');
    await page.keyboard.type(password ?? demoPassword(username));
    await page.keyboard.press('Tab');
  } else {
    await page.fill('input[name="username"]', username);
    await page.fill('input[name="password"]', password ?? demoPassword(username));
  }
  let enrolled = false;
  if (!state) {
    if (keyboard) await page.keyboard.press('Enter');
    else await page.click('#signin-submit');
    await page.waitForSelector('#enrol');
    assert.ok(await page.isVisible('#enrol svg.qr[role="img"]'), 'the enrolment QR code');
    if (onEnrol) await onEnrol();
    const secret = base32Decode(await page.textContent('#enrol-secret'));
    assert.equal(secret.length, 20);
    const step = currentStep();
    if (keyboard) {
      await page.keyboard.press('Tab'); // from the heading, which has focus, to the code field
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'enrol-code');
      await page.keyboard.type(totp(secret, step));
      await page.keyboard.press('Enter');
    } else {
      await page.fill('#enrol-code', totp(secret, step));
      await page.click('#enrol-submit');
    }
    state = { secret: secret.toString('base64'), lastStep: step };
    enrolled = true;
  } else {
    const secret = Buffer.from(state.secret, 'base64');
    const step = Math.max(currentStep() - 1, state.lastStep + 1);
    while (step > currentStep() + 1) await new Promise((r) => setTimeout(r, 500));
    if (keyboard) {
      await page.keyboard.type(totp(secret, step));
      await page.keyboard.press('Enter');
    } else {
      await page.fill('input[name="totp"]', totp(secret, step));
      await page.click('#signin-submit');
    }
    state.lastStep = step;
  }
  writeFileSync(stateFile, JSON.stringify(state));
  return enrolled;
}

export const b64u = (buf) => Buffer.from(buf).toString('base64url');

/** A phone without a browser: an Ed25519 identity, paired with a code and signed in by a signed challenge. */
export async function testDevice(code) {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const raw = publicKey.export({ format: 'der', type: 'spki' }).subarray(-32);
  const paired = await api('POST', '/api/devices/pair', null, { code, identityKey: b64u(raw) });
  assert.equal(paired.status, 201, paired.text);
  const deviceId = paired.json.deviceId;
  const signIn = async () => {
    const c = await api('POST', '/api/devices/challenge', null, { deviceId });
    assert.equal(c.status, 200, c.text);
    const issued = Buffer.alloc(8);
    issued.writeBigInt64BE(BigInt(c.json.issuedAt));
    const message = Buffer.concat([Buffer.from('bredvid/v1/challenge'), Buffer.from([0]),
      Buffer.from(c.json.nonce, 'base64url'), issued, Buffer.from(c.json.purpose)]);
    return api('POST', '/api/devices/sign-in', null,
      { deviceId, nonce: c.json.nonce, issuedAt: c.json.issuedAt, signature: b64u(sign(null, message, privateKey)) });
  };
  const first = await signIn();
  assert.equal(first.status, 200, first.text);
  return { deviceId, token: first.json.accessToken, signIn };
}


export async function storageHolds(page) {
  return page.evaluate(async () => {
    const local = Object.keys(localStorage).map((k) => [k, localStorage.getItem(k)]);
    const session = Object.keys(sessionStorage).map((k) => [k, sessionStorage.getItem(k)]);
    const databases = indexedDB.databases ? await indexedDB.databases() : [];
    return { local, session, databases: databases.map((d) => d.name), cookie: document.cookie };
  });
}


/** A Swedish wall-clock time `days` from now as a datetime-local value. */
export function swedishLocal(days) {
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/Stockholm', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  }).formatToParts(new Date(Date.now() + days * 86400_000)).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}

/**
 * A volunteer's page (#/volunteers/<id>) as a coordinator uses it: `redrawn(action)` runs an action and waits
 * until the page was drawn again from the server; `move(to, reason)` presses a transition and gives its reason.
 */
export function volunteerPage(page) {
  const redrawn = async (action) => {
    const before = Number(await page.getAttribute('#volunteer-body', 'data-loads'));
    await action();
    await page.waitForFunction((n) => Number(document.querySelector('#volunteer-body')?.dataset.loads) > n, before);
  };
  const move = async (to, reason) => {
    await page.click(`#volunteer-body .vstatus button[data-to="${to}"]`);
    await page.fill(`.reason-form[data-to="${to}"] textarea[name="reason"]`, reason);
    await page.click(`.reason-form[data-to="${to}"] button[type="submit"]`);
  };
  return { redrawn, move };
}

/** The JSON of a 2xx answer; anything else fails the test with the status and the start of the body. */
export async function ok(promise, what) {
  const r = await promise;
  assert.ok(r.status >= 200 && r.status < 300, `${what}: ${r.status} ${r.text.slice(0, 300)}`);
  return r.json;
}

/** YYYY-MM-DD plus whole months (the day kept as it is). */
export function plusMonths(date, months) {
  const [y, m, d] = date.split('-').map(Number);
  const total = y * 12 + (m - 1) + months;
  return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** The first day of last month in Sweden: a period from it has a whole month to report time for. */
export const firstOfLastMonth = () => plusMonths(`${swedishDate().slice(0, 7)}-01`, -1);

/** Minimal RFC 4180 reading of an export (every cell quoted, CRLF, UTF-8 BOM). */
export function parseCsv(text) {
  return text.replace(/^\uFEFF/, '').trim().split(/\r\n/).map((line) => [...line.matchAll(/"((?:[^"]|"")*)"/g)].map((m) => m[1].replace(/""/g, '"')));
}

/** A desk signed in as `username` in a context of its own (downloads allowed), on its landing screen. */
export async function openDeskAs(browser, username, landing, { password } = {}) {
  const context = await browser.newContext({ viewport: DESKTOP, serviceWorkers: 'block', acceptDownloads: true });
  const page = await context.newPage();
  const problems = watchPage(page);
  await page.goto(`${BASE}/desk/`);
  await page.waitForSelector('#signin-form');
  await deskSignIn(page, username, { password });
  await page.waitForSelector(landing);
  return { context, page, problems };
}

/** Opens a desk address; the same address again is a reload (the session continues through its cookie). */
export async function go(page, hash, ready) {
  if (await page.evaluate(() => location.hash) === hash) await page.reload();
  else await page.goto(`${BASE}/desk/${hash}`);
  await page.waitForSelector(ready);
}
