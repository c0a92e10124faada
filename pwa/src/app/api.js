// The backend's device API. Same origin only (CSP connect-src 'self'); errors are problem+json
// (RFC 9457) and surface as ApiError with the HTTP status, never with server text shown to the user.
import { fromBase64url, toBase64url } from '../crypto/bytes.js';
import { challengeSignedBytes, sign } from '../crypto/keys.js';

export class ApiError extends Error {
  constructor(status, problem) {
    super(`HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem;
  }
}

export async function request(method, path, body, accessToken) {
  const headers = { accept: 'application/json, application/problem+json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (accessToken) headers.authorization = `Bearer ${accessToken}`;
  let response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'omit',
      cache: 'no-store',
      referrerPolicy: 'no-referrer',
    });
  } catch {
    throw new ApiError(0, null);
  }
  const type = response.headers.get('content-type') || '';
  const json = type.includes('json') ? await response.json().catch(() => null) : null;
  if (!response.ok) throw new ApiError(response.status, json);
  return json;
}

// Pairing codes (server: se.bredvid.identity.PairingCodes): 15 Crockford base32 symbols and a Luhn
// mod 32 check symbol, shown as XXXX-XXXX-XXXX-XXXX. Checking here catches a typo before a request
// is spent on it (redemption is rate-limited).
const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

function checkSymbol(data) {
  let factor = 2;
  let sum = 0;
  for (let i = data.length - 1; i >= 0; i--) {
    const addend = factor * CODE_ALPHABET.indexOf(data[i]);
    factor = factor === 2 ? 1 : 2;
    sum += Math.floor(addend / 32) + (addend % 32);
  }
  return CODE_ALPHABET[(32 - (sum % 32)) % 32];
}

/** The code in its grouped form, or null when it is malformed or its check symbol is wrong. */
export function normalisePairingCode(typed) {
  if (typeof typed !== 'string' || typed.length > 40) return null;
  let compact = '';
  for (const c of typed.toUpperCase()) {
    if (c === '-' || c === ' ') continue;
    if (c === 'O') compact += '0';
    else if (c === 'I' || c === 'L') compact += '1';
    else if (CODE_ALPHABET.includes(c)) compact += c;
    else return null;
  }
  if (compact.length !== 16 || checkSymbol(compact.slice(0, 15)) !== compact[15]) return null;
  return compact.match(/.{4}/g).join('-');
}

export function pair(code, identityPublicKey) {
  return request('POST', '/api/devices/pair', { code, identityKey: toBase64url(identityPublicKey) });
}

/** Challenge-response sign-in with the device's Ed25519 identity key. */
export async function signIn(deviceId, identityPrivateKey) {
  const challenge = await request('POST', '/api/devices/challenge', { deviceId });
  const nonce = fromBase64url(challenge.nonce, 32);
  if (!Number.isSafeInteger(challenge.issuedAt) || challenge.purpose !== 'sign-in') {
    throw new ApiError(502, null);
  }
  const signature = await sign(identityPrivateKey, challengeSignedBytes(nonce, challenge.issuedAt, challenge.purpose));
  return request('POST', '/api/devices/sign-in', {
    deviceId, nonce: challenge.nonce, issuedAt: challenge.issuedAt, signature: toBase64url(signature),
  });
}

export function refresh(refreshToken) {
  return request('POST', '/api/auth/refresh', { refreshToken });
}

export function revokeThisDevice(accessToken) {
  return request('DELETE', '/api/devices/me', undefined, accessToken);
}
