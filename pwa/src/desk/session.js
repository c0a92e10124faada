// The desk's session. The access token lives in this module's memory only: never in Web Storage or
// IndexedDB (ARCHITECTURE.md, "The desk"). A reload continues through the HttpOnly refresh cookie, which no
// script can read; the server sets it on /api/auth/desk/login and rotates it on /api/auth/desk/refresh.
// Those two calls carry the X-Bredvid-Desk header the server requires against cross-site requests.

const DESK_HEADER = 'X-Bredvid-Desk';
const ACTIVITY = ['pointerdown', 'keydown', 'wheel', 'touchstart'];

let access = null; // { token, expiresAt }
let me = null;
let idleMs = 15 * 60 * 1000;
let lastActivity = Date.now();
let idleTimer = null;
let refreshing = null;
const endListeners = new Set();

export class ApiError extends Error {
  constructor(status, problem = null, retryAfter = null) {
    super(problem?.detail || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
    this.retryAfter = retryAfter;
  }
}

async function problemOf(response) {
  try {
    return await response.json();
  } catch {
    return null;
  }
}

async function deskPost(path, body) {
  const headers = { accept: 'application/json', [DESK_HEADER]: '1' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(path, {
    method: 'POST', headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) {
    const retry = Number(response.headers.get('retry-after')) || null;
    throw new ApiError(response.status, await problemOf(response), retry);
  }
  return response.json();
}

function accept(session) {
  access = { token: session.accessToken, expiresAt: Date.now() + session.expiresIn * 1000 };
  if (session.idleTimeoutSeconds > 0) idleMs = session.idleTimeoutSeconds * 1000;
  watchIdle();
}

/**
 * Username, password and (from the second sign-in on) the TOTP code. Answers { status: 'SIGNED_IN' } or
 * { status: 'TOTP_ENROLMENT_REQUIRED', provisioningUri }; throws ApiError (401 for any wrong part, 429 locked).
 */
export async function signIn(username, password, totp) {
  const body = { username, password };
  if (totp) body.totp = totp;
  const result = await deskPost('/api/auth/desk/login', body);
  if (result.status === 'SIGNED_IN') {
    accept(result);
    await loadMe();
  }
  return result;
}

/** A reload: continues the session through the cookie if there is one. */
export async function restore() {
  try {
    await refresh();
    await loadMe();
    return true;
  } catch {
    access = null;
    return false;
  }
}

/**
 * One refresh at a time, across the tabs of this browser too (Web Locks): two tabs presenting the same
 * rotated cookie would look like a stolen token to the server, which then ends the session.
 */
function refresh() {
  if (!refreshing) {
    const run = async () => accept(await deskPost('/api/auth/desk/refresh'));
    refreshing = (navigator.locks ? navigator.locks.request('bredvid-desk-refresh', run) : run())
      .finally(() => { refreshing = null; });
  }
  return refreshing;
}

async function loadMe() {
  me = await api('GET', '/api/auth/me');
}

export function caller() {
  return me;
}

export function signedIn() {
  return access !== null && me !== null;
}

async function token() {
  if (!access) throw new ApiError(401);
  if (access.expiresAt - Date.now() < 30_000) await refresh();
  return access.token;
}

/**
 * An API call with the access token. A 401 gets one refresh and one retry; if that fails the session has
 * ended (revoked elsewhere, expired) and the desk returns to the sign-in page.
 */
export async function api(method, path, body, { raw = false, signal, accept: type = 'application/json' } = {}) {
  for (let attempt = 0; ; attempt++) {
    let bearer;
    try {
      bearer = await token();
    } catch (e) {
      end('expired');
      throw e;
    }
    const headers = { accept: type, authorization: `Bearer ${bearer}` };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(path, {
      method, headers, signal, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (response.status === 401 && attempt === 0) {
      try {
        await refresh();
        continue;
      } catch {
        end('expired');
        throw new ApiError(401);
      }
    }
    if (response.status === 401) {
      end('expired');
      throw new ApiError(401);
    }
    if (!response.ok) throw new ApiError(response.status, await problemOf(response));
    if (raw) return response;
    return response.status === 204 ? null : response.json();
  }
}

/** "Logga ut" (everywhere: every session of the account). The server clears the cookie. */
export async function signOut({ everywhere = false, reason = 'signedOut' } = {}) {
  const path = everywhere ? '/api/auth/desk/logout-everywhere' : '/api/auth/desk/logout';
  try {
    if (access) {
      await fetch(path, { method: 'POST', headers: { authorization: `Bearer ${access.token}` }, credentials: 'same-origin' });
    }
  } finally {
    end(reason);
  }
}

function end(reason) {
  const was = access !== null || me !== null;
  access = null;
  me = null;
  stopIdle();
  if (was) for (const listener of endListeners) listener(reason);
}

export function onEnd(listener) {
  endListeners.add(listener);
}

function touch() {
  lastActivity = Date.now();
}

function watchIdle() {
  if (idleTimer) return;
  lastActivity = Date.now();
  for (const type of ACTIVITY) document.addEventListener(type, touch, { passive: true, capture: true });
  // A check every few seconds rather than one long timer: a sleeping laptop wakes to the right answer.
  idleTimer = setInterval(() => {
    if (access && Date.now() - lastActivity >= idleMs) signOut({ reason: 'idle' });
  }, Math.min(5000, idleMs / 4));
}

function stopIdle() {
  if (!idleTimer) return;
  clearInterval(idleTimer);
  idleTimer = null;
  for (const type of ACTIVITY) document.removeEventListener(type, touch, { capture: true });
}

export function idleMinutes() {
  return Math.round(idleMs / 60000);
}
