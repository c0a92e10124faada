// Byte helpers shared by the protocol and the local vault. Decoders are strict: the server and other
// devices are not trusted to send well-formed data, so anything unexpected is an error, not a guess.

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

export function utf8(text) {
  return encoder.encode(text);
}

export function fromUtf8(bytes) {
  return decoder.decode(bytes);
}

export function concat(...parts) {
  const total = parts.reduce((n, p) => n + p.length, 0);
  const out = new Uint8Array(total);
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

export function uint16be(value) {
  if (!Number.isInteger(value) || value < 0 || value > 0xffff) throw new RangeError('uint16 out of range');
  return new Uint8Array([value >>> 8, value & 0xff]);
}

export function uint32be(value) {
  if (!Number.isInteger(value) || value < 0 || value > 0xffffffff) throw new RangeError('uint32 out of range');
  const out = new Uint8Array(4);
  new DataView(out.buffer).setUint32(0, value, false);
  return out;
}

export function uint64be(value) {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError('uint64 out of range');
  const out = new Uint8Array(8);
  new DataView(out.buffer).setBigUint64(0, BigInt(value), false);
  return out;
}

const B64URL = /^[A-Za-z0-9_-]*$/;

export function toBase64url(bytes) {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Base64url without padding, as the protocol fixes; rejects padding, other alphabets and bad lengths. */
export function fromBase64url(text, expectedLength) {
  if (typeof text !== 'string' || !B64URL.test(text) || text.length % 4 === 1) {
    throw new TypeError('not base64url');
  }
  const padded = text.replace(/-/g, '+').replace(/_/g, '/') + '==='.slice((text.length + 3) % 4);
  const binary = atob(padded);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  if (toBase64url(out) !== text) throw new TypeError('non-canonical base64url');
  if (expectedLength !== undefined && out.length !== expectedLength) {
    throw new TypeError(`expected ${expectedLength} bytes`);
  }
  return out;
}

export function toHex(bytes) {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export function fromHex(hex) {
  if (!/^(?:[0-9a-f]{2})*$/i.test(hex)) throw new TypeError('not hex');
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.substr(i * 2, 2), 16);
  return out;
}

// Canonical lower-case text only (docs/protocol.md §1): two spellings of one id invite confusion.
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function isUuid(text) {
  return typeof text === 'string' && UUID.test(text);
}

/** The 16 bytes of a UUID in its canonical (RFC 9562) byte order. */
export function uuidBytes(text) {
  if (!isUuid(text)) throw new TypeError('not a uuid');
  return fromHex(text.replace(/-/g, ''));
}

export function randomBytes(n) {
  return crypto.getRandomValues(new Uint8Array(n));
}

export function equalBytes(a, b) {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i] ^ b[i];
  return diff === 0;
}
