// Driving the app like a person does, and a stand-in for the device API (pairing, challenge, sign-in,
// revoke) that checks what the browser sends exactly as the server must: the identity key is 32 raw
// bytes, and the challenge signature verifies (node:crypto Ed25519) over the protocol's byte layout.
// The stand-in is used until the real device API lands on main; it is the contract in docs/protocol.md.
import { createPublicKey, randomBytes, randomUUID, verify } from 'node:crypto';
import { BASE, eventually, newContext, watchPage } from './browser.mjs';

export const PIN = '135792';
// A well-formed code (Crockford base32, Luhn mod 32 check symbol), as the server issues them.
export const CODE = 'ABCD-EFGH-0JKM-NPQ2';

function problem(route, status, title) {
  return route.fulfill({
    status,
    contentType: 'application/problem+json',
    body: JSON.stringify({ type: 'about:blank', title, status }),
  });
}

export async function installDeviceApiStandIn(context, { kind = 'CLIENT', validCodes = [CODE] } = {}) {
  const state = {
    devices: new Map(), challenges: new Map(), refreshTokens: new Map(), signIns: 0, refreshes: 0, revoked: [], pairRequests: [],
  };
  // Refresh tokens rotate: each one works once.
  const issue = (deviceId) => {
    const refreshToken = `rt-${randomUUID()}`;
    state.refreshTokens.set(refreshToken, deviceId);
    return { accessToken: `at-${deviceId}`, refreshToken, expiresIn: 300 };
  };
  await context.route('**/api/devices/pair', async (route) => {
    const body = route.request().postDataJSON();
    state.pairRequests.push(body);
    const key = Buffer.from(body.identityKey || '', 'base64url');
    if (!validCodes.includes(body.code)) return problem(route, 404, 'Not Found');
    if (key.length !== 32 || key.toString('base64url') !== body.identityKey) return problem(route, 400, 'Bad Request');
    const deviceId = randomUUID();
    state.devices.set(deviceId, { identityKey: key, kind });
    return route.fulfill({ status: 201, contentType: 'application/json', body: JSON.stringify({ deviceId, kind }) });
  });
  await context.route('**/api/devices/challenge', async (route) => {
    const { deviceId } = route.request().postDataJSON();
    if (!state.devices.has(deviceId)) return problem(route, 401, 'Unauthorized');
    const challenge = { nonce: randomBytes(32).toString('base64url'), issuedAt: Date.now(), purpose: 'sign-in' };
    state.challenges.set(challenge.nonce, { deviceId, ...challenge });
    return route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(challenge) });
  });
  await context.route('**/api/devices/sign-in', async (route) => {
    const body = route.request().postDataJSON();
    const challenge = state.challenges.get(body.nonce);
    const device = state.devices.get(body.deviceId);
    state.challenges.delete(body.nonce);
    if (!challenge || !device || challenge.deviceId !== body.deviceId || challenge.issuedAt !== body.issuedAt) {
      return problem(route, 401, 'Unauthorized');
    }
    const t = Buffer.alloc(8);
    t.writeBigUInt64BE(BigInt(body.issuedAt));
    const message = Buffer.concat([Buffer.from('bredvid/v1/challenge'), Buffer.from([0]),
      Buffer.from(body.nonce, 'base64url'), t, Buffer.from('sign-in')]);
    const publicKey = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: device.identityKey.toString('base64url') }, format: 'jwk' });
    if (!verify(null, message, publicKey, Buffer.from(body.signature, 'base64url'))) return problem(route, 401, 'Unauthorized');
    state.signIns += 1;
    return route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(issue(body.deviceId)) });
  });
  await context.route('**/api/auth/refresh', async (route) => {
    const { refreshToken } = route.request().postDataJSON();
    const deviceId = state.refreshTokens.get(refreshToken);
    state.refreshTokens.delete(refreshToken);
    if (!deviceId) return problem(route, 401, 'Unauthorized');
    state.refreshes += 1;
    return route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(issue(deviceId)) });
  });
  await context.route('**/api/devices/me', async (route) => {
    const auth = route.request().headers().authorization || '';
    if (route.request().method() !== 'DELETE' || !auth.startsWith('Bearer at-')) return problem(route, 401, 'Unauthorized');
    state.revoked.push(auth.slice('Bearer at-'.length));
    return route.fulfill({ status: 204 });
  });
  return state;
}

export async function openApp(page, path = '/') {
  await page.goto(BASE + path);
  await page.waitForSelector('html[data-ready="true"]');
}

/** First start: welcome, code, PIN, limits; ends on the home screen. */
export async function setUpDevice(page, { pin = PIN, code = CODE, limit = '10', idle = '2', path = '/' } = {}) {
  await openApp(page, path);
  await page.click('#start-setup');
  await page.fill('#pair-code', code.toLowerCase());
  await page.fill('#pin', pin);
  await page.fill('#pin-again', pin);
  await page.selectOption('#wipe-limit', limit);
  await page.selectOption('#idle-minutes', idle);
  await page.click('#setup-submit');
  await page.waitForSelector('#open-chat', { timeout: 15000 });
}

export async function unlock(page, pin = PIN) {
  await page.fill('#unlock-pin', pin);
  await page.click('#unlock-submit');
}

/** Every record in the app's IndexedDB, raw, as the browser stores it (bytes as arrays). */
export async function rawStore(page) {
  return page.evaluate(async () => {
    const dbs = await indexedDB.databases();
    const out = {};
    for (const { name } of dbs) {
      const db = await new Promise((resolve, reject) => {
        const r = indexedDB.open(name);
        r.onsuccess = () => resolve(r.result);
        r.onerror = () => reject(r.error);
      });
      for (const store of db.objectStoreNames) {
        const tx = db.transaction(store);
        const values = await new Promise((resolve) => {
          const r = tx.objectStore(store).getAll();
          r.onsuccess = () => resolve(r.result);
        });
        out[`${name}/${store}`] = values.map((v) => JSON.parse(JSON.stringify(v, (k, x) => (x instanceof Uint8Array ? { bytes: Array.from(x) } : x))));
      }
      db.close();
    }
    return out;
  });
}

/** A device paired with a real code in its own browser context; `close` ends the context. */
export async function pairedDevice(browser, neutralUrl, code) {
  const context = await newContext(browser, neutralUrl);
  const page = await context.newPage();
  const problems = watchPage(page);
  await setUpDevice(page, { code });
  return { page, context, problems, close: () => context.close() };
}

/**
 * The unlocked vault's records as the app sees them: `{ kind: [data, …] }`. Reads them through the app's
 * own module (the same instance the page runs), so tests wait for a record of a kind rather than for a
 * count of encrypted records that other, incidental records can change.
 */
export async function vaultRecords(page) {
  return page.evaluate(async () => {
    const session = await import('/app/session.js');
    const vault = session.currentVault();
    if (!vault?.unlocked) return null;
    return vault.kinds();
  });
}

/** Waits until the vault holds the draft `text` (encrypted at rest); a timeout says which kinds were there. */
export async function waitForDraft(page, text) {
  let seen;
  try {
    await eventually(async () => {
      seen = await vaultRecords(page);
      return seen?.draft?.some((d) => d.text === text);
    }, { message: 'the draft in the vault' });
  } catch (e) {
    const kinds = seen ? Object.fromEntries(Object.entries(seen).map(([k, v]) => [k, v.length])) : seen;
    throw new Error(`${e.message}; the vault held ${JSON.stringify(kinds)}`);
  }
}
