// Signed X25519 pre-keys from the vendored HPKE library, so that the same key objects feed HPKE
// directly. The signature covers ASCII("bredvid/v1/prekey") || 0x00 || uint32_be(keyId) || pk.
import { DhkemX25519HkdfSha256 } from '../vendor/hpke/dhkem-x25519/mod.js';
import { preKeySignedBytes, sign } from './keys.js';

export const kem = new DhkemX25519HkdfSha256();

/** A new X25519 pre-key signed by the identity key; ids count up from 1 and are never reused. */
export async function generatePreKey(identityPrivateKey, keyId) {
  if (!Number.isInteger(keyId) || keyId < 1 || keyId > 0xffffffff) throw new RangeError('bad key id');
  const pair = await kem.generateKeyPair();
  const publicKey = new Uint8Array(await kem.serializePublicKey(pair.publicKey));
  const privateKey = new Uint8Array(await kem.serializePrivateKey(pair.privateKey));
  const signature = await sign(identityPrivateKey, preKeySignedBytes(keyId, publicKey));
  return { keyId, publicKey, privateKey, signature };
}

/** Rebuilds the HPKE key pair from the raw bytes kept in the vault. */
export async function preKeyPair(privateKeyRaw, publicKeyRaw) {
  return {
    privateKey: await kem.deserializePrivateKey(privateKeyRaw),
    publicKey: await kem.deserializePublicKey(publicKeyRaw),
  };
}

export async function importPreKeyPublic(publicKeyRaw) {
  if (publicKeyRaw.length !== 32) throw new TypeError('pre-key must be 32 bytes');
  return kem.deserializePublicKey(publicKeyRaw);
}
