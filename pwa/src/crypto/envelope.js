// The Bredvid v1 envelope (docs/protocol.md): HPKE RFC 9180 mode_auth with DHKEM(X25519, HKDF-SHA256),
// HKDF-SHA256 and AES-128-GCM. Auth mode binds the sender's pre-key, so the recipient knows which device
// wrote the message; the AAD binds every header field, so the server cannot move a ciphertext to another
// conversation, device, message id or key. The plaintext is padded to 256-byte blocks so that the
// server sees only a coarse length (threat model 2).
import { Aes128Gcm, CipherSuite, HkdfSha256 } from '../vendor/hpke/core/mod.js';
import {
  concat, fromBase64url, fromUtf8, isUuid, toBase64url, uint16be, uint32be, utf8, uuidBytes,
} from './bytes.js';
import { importPreKeyPublic, kem } from './prekeys.js';

export const VERSION = 1;
export const INFO = utf8('bredvid/v1/envelope');
const AAD_LABEL = utf8('bredvid/v1/aad');
export const PAD_BLOCK = 256;
export const BODY_TYPES = ['text', 'receipt', 'checkin'];

const suite = new CipherSuite({ kem, kdf: new HkdfSha256(), aead: new Aes128Gcm() });

const HEADER_UUIDS = ['conversationId', 'senderDeviceId', 'recipientDeviceId', 'messageId'];
const HEADER_KEY_IDS = ['senderKeyId', 'recipientKeyId'];

function checkHeader(h) {
  for (const f of HEADER_UUIDS) if (!isUuid(h[f])) throw new TypeError(`${f} must be a uuid`);
  for (const f of HEADER_KEY_IDS) {
    if (!Number.isInteger(h[f]) || h[f] < 0 || h[f] > 0xffffffff) throw new TypeError(`${f} must be a uint32`);
  }
}

export function aad(h) {
  checkHeader(h);
  return concat(
    AAD_LABEL, new Uint8Array([0]),
    ...HEADER_UUIDS.map((f) => uuidBytes(h[f])),
    uint32be(h.senderKeyId), uint32be(h.recipientKeyId),
  );
}

/** uint16_be(len) || json || zero padding to the next multiple of 256 (an exact multiple gets none). */
export function padJson(jsonText) {
  const json = utf8(jsonText);
  if (json.length > 0xffff) throw new RangeError('message too long');
  const total = Math.ceil((2 + json.length) / PAD_BLOCK) * PAD_BLOCK;
  const out = new Uint8Array(total);
  out.set(uint16be(json.length), 0);
  out.set(json, 2);
  return out;
}

export function pad(body) {
  return padJson(JSON.stringify(body));
}

/**
 * The body inside a padded plaintext. Structure is checked strictly; an unknown `type` is returned as
 * it is, for the caller to ignore (forward compatibility, docs/protocol.md §6).
 */
export function unpad(bytes) {
  if (bytes.length === 0 || bytes.length % PAD_BLOCK !== 0) throw new TypeError('bad padding length');
  const len = (bytes[0] << 8) | bytes[1];
  if (2 + len > bytes.length) throw new TypeError('bad length prefix');
  for (let i = 2 + len; i < bytes.length; i++) if (bytes[i] !== 0) throw new TypeError('non-zero padding');
  const body = JSON.parse(fromUtf8(bytes.subarray(2, 2 + len)));
  if (body === null || typeof body !== 'object' || Array.isArray(body) || typeof body.type !== 'string') {
    throw new TypeError('not a message body');
  }
  return body;
}

export function isKnownType(body) {
  return BODY_TYPES.includes(body.type);
}

/**
 * Encrypts `body` for one recipient device.
 * @param header conversationId, senderDeviceId, recipientDeviceId, messageId, senderKeyId, recipientKeyId
 * @param senderPreKey HPKE key pair of the sender's current signed pre-key (the Auth static key)
 * @param recipientPreKeyPublic raw 32 bytes of the recipient's signed pre-key (signature checked by caller)
 * @param ekm optional ephemeral key material; only for deterministic test vectors
 */
export async function seal(header, body, senderPreKey, recipientPreKeyPublic, ekm) {
  return sealJson(header, JSON.stringify(body), senderPreKey, recipientPreKeyPublic, ekm);
}

/** As seal(), for an exact JSON text (test vectors compare bytes). */
export async function sealJson(header, jsonText, senderPreKey, recipientPreKeyPublic, ekm) {
  const additional = aad(header);
  const params = {
    recipientPublicKey: await importPreKeyPublic(recipientPreKeyPublic),
    senderKey: senderPreKey,
    info: INFO,
  };
  if (ekm) params.ekm = ekm;
  const context = await suite.createSenderContext(params);
  const ct = new Uint8Array(await context.seal(padJson(jsonText), additional));
  return {
    v: VERSION,
    conversationId: header.conversationId,
    senderDeviceId: header.senderDeviceId,
    recipientDeviceId: header.recipientDeviceId,
    messageId: header.messageId,
    senderKeyId: header.senderKeyId,
    recipientKeyId: header.recipientKeyId,
    enc: toBase64url(new Uint8Array(context.enc)),
    ct: toBase64url(ct),
  };
}

/**
 * Decrypts an envelope addressed to this device. Throws on any tampering, on a wrong sender key or on
 * malformed input. The caller looks up `senderPreKeyPublic` by (senderDeviceId, senderKeyId) and has
 * verified its signature (keys.verifySignedPreKey) before calling.
 */
export async function open(envelope, recipientPreKey, senderPreKeyPublic) {
  return unpad(await openPadded(envelope, recipientPreKey, senderPreKeyPublic));
}

/** The padded plaintext bytes of an envelope (for byte-exact checks against test vectors). */
export async function openPadded(envelope, recipientPreKey, senderPreKeyPublic) {
  if (envelope === null || typeof envelope !== 'object' || envelope.v !== VERSION) {
    throw new TypeError('unsupported envelope');
  }
  const additional = aad(envelope);
  const enc = fromBase64url(envelope.enc, 32);
  const ct = fromBase64url(envelope.ct);
  // 256·k + 16 bytes with 1 ≤ k ≤ 257: a valid sender never makes anything else (docs/protocol.md §5).
  const blocks = (ct.length - 16) / PAD_BLOCK;
  if (!Number.isInteger(blocks) || blocks < 1 || blocks > 257) throw new TypeError('bad ciphertext length');
  const context = await suite.createRecipientContext({
    recipientKey: recipientPreKey,
    enc,
    senderPublicKey: await importPreKeyPublic(senderPreKeyPublic),
    info: INFO,
  });
  return new Uint8Array(await context.open(ct, additional));
}
