// Device identity: the Ed25519 key pair (WebCrypto) and the byte layouts that it signs. Private keys
// never leave the device: they are stored only inside the PIN-encrypted vault and held in memory as
// non-extractable CryptoKeys while the app is unlocked. X25519 pre-keys are in prekeys.js, which pulls
// in the HPKE library and is loaded only when needed, so the first screen appears quickly.
import { concat, uint32be, uint64be, utf8 } from './bytes.js';

const ED25519 = { name: 'Ed25519' };

/** A new identity key pair; the private key is returned once as PKCS#8 for the vault. */
export async function generateIdentity() {
  const pair = await crypto.subtle.generateKey(ED25519, true, ['sign', 'verify']);
  const publicKey = new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey));
  const pkcs8 = new Uint8Array(await crypto.subtle.exportKey('pkcs8', pair.privateKey));
  return { publicKey, pkcs8, privateKey: await importIdentityPrivate(pkcs8) };
}

export async function importIdentityPrivate(pkcs8) {
  return crypto.subtle.importKey('pkcs8', pkcs8, ED25519, false, ['sign']);
}

export async function sign(privateKey, message) {
  return new Uint8Array(await crypto.subtle.sign(ED25519, privateKey, message));
}

export async function verify(publicKeyRaw, signature, message) {
  if (publicKeyRaw.length !== 32 || signature.length !== 64) return false;
  const key = await crypto.subtle.importKey('raw', publicKeyRaw, ED25519, false, ['verify']);
  return crypto.subtle.verify(ED25519, key, signature, message);
}

const PREKEY_LABEL = utf8('bredvid/v1/prekey');
const CHALLENGE_LABEL = utf8('bredvid/v1/challenge');

export function preKeySignedBytes(keyId, publicKeyRaw) {
  if (publicKeyRaw.length !== 32) throw new TypeError('pre-key must be 32 bytes');
  return concat(PREKEY_LABEL, new Uint8Array([0]), uint32be(keyId), publicKeyRaw);
}

export function challengeSignedBytes(nonce, issuedAt, purpose) {
  if (nonce.length !== 32) throw new TypeError('nonce must be 32 bytes');
  if (typeof purpose !== 'string' || !/^[\x21-\x7e]{1,64}$/.test(purpose)) throw new TypeError('bad purpose');
  return concat(CHALLENGE_LABEL, new Uint8Array([0]), nonce, uint64be(issuedAt), utf8(purpose));
}

/**
 * A peer's pre-key is used only after its signature checks out against the identity key registered at
 * pairing (docs/protocol.md §4): otherwise the server could substitute a key of its own.
 */
export async function verifySignedPreKey(identityPublicRaw, keyId, preKeyPublicRaw, signature) {
  return verify(identityPublicRaw, signature, preKeySignedBytes(keyId, preKeyPublicRaw));
}
