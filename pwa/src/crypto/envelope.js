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

export function pad(body) {
  const json = utf8(JSON.stringify(body));
  const unpadded = 2 + json.length;
  const total = Math.ceil(unpadded / PAD_BLOCK) * PAD_BLOCK;
  const out = new Uint8Array(total);
  out.set(uint16be(json.length), 0);
  out.set(json, 2);
  return out;
}

export function unpad(bytes) {
  if (bytes.length === 0 || bytes.length % PAD_BLOCK !== 0) throw new TypeError('bad padding length');
  const len = (bytes[0] << 8) | bytes[1];
  if (2 + len > bytes.length) throw new TypeError('bad length prefix');
  for (let i = 2 + len; i < bytes.length; i++) if (bytes[i] !== 0) throw new TypeError('non-zero padding');
  const body = JSON.parse(fromUtf8(bytes.subarray(2, 2 + len)));
  if (body === null || typeof body !== 'object' || Array.isArray(body) || !BODY_TYPES.includes(body.type)) {
    throw new TypeError('unknown body type');
  }
  return body;
}

/**
 * Encrypts `body` for one recipient device.
 * @param header conversationId, senderDeviceId, recipientDeviceId, messageId, senderKeyId, recipientKeyId
 * @param senderPreKey HPKE key pair of the sender's current signed pre-key (the Auth static key)
 * @param recipientPreKeyPublic raw 32 bytes of the recipient's signed pre-key (signature checked by caller)
 * @param ekm optional ephemeral key material; only for deterministic test vectors
 */
export async function seal(header, body, senderPreKey, recipientPreKeyPublic, ekm) {
  const additional = aad(header);
  const params = {
    recipientPublicKey: await importPreKeyPublic(recipientPreKeyPublic),
    senderKey: senderPreKey,
    info: INFO,
  };
  if (ekm) params.ekm = ekm;
  const context = await suite.createSenderContext(params);
  const ct = new Uint8Array(await context.seal(pad(body), additional));
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
 * malformed input; the caller looks up `senderPreKeyPublic` by (senderDeviceId, senderKeyId).
 */
export async function open(envelope, recipientPreKey, senderPreKeyPublic) {
  if (envelope === null || typeof envelope !== 'object' || envelope.v !== VERSION) {
    throw new TypeError('unsupported envelope');
  }
  const additional = aad(envelope);
  const enc = fromBase64url(envelope.enc, 32);
  const ct = fromBase64url(envelope.ct);
  const context = await suite.createRecipientContext({
    recipientKey: recipientPreKey,
    enc,
    senderPublicKey: await importPreKeyPublic(senderPreKeyPublic),
    info: INFO,
  });
  const padded = new Uint8Array(await context.open(ct, additional));
  return unpad(padded);
}
