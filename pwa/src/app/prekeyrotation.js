// Weekly pre-key rotation (docs/protocol.md §8). The rules are pure functions of the key list and the time,
// so tests can drive them; `rotateIfDue` and `pruneAfterSync` apply them to the unlocked device's vault.
import { toBase64url } from '../crypto/bytes.js';
import { generatePreKey } from '../crypto/prekeys.js';

const DAY = 86400_000;
export const ROTATE_AFTER = 7 * DAY;
/** R: envelope retention on the server; C: how long a sender may cache a bundle; G: grace. */
export const R = 30 * DAY;
export const C = DAY;
export const G = 7 * DAY;

/** Whether the newest pre-key is a week old (or has no date). */
export function due(preKeys, now) {
  return now - (preKeys[preKeys.length - 1].createdAt || 0) >= ROTATE_AFTER;
}

/** Ids count up and are never reused (§3). */
export function nextKeyId(preKeys) {
  return Math.max(...preKeys.map((k) => k.keyId)) + 1;
}

/**
 * The keys to keep: the newest always; a superseded one until both G has passed and a full sync finished at
 * least C after it was superseded — or, whatever happened, until R + C after, when no envelope to it remains.
 */
export function kept(preKeys, now, lastFullSyncAt) {
  const newest = preKeys[preKeys.length - 1];
  return preKeys.filter((k) => {
    if (k === newest || !k.supersededAt) return true;
    if (now - k.supersededAt >= R + C) return false;
    return !(now - k.supersededAt >= G && lastFullSyncAt != null && lastFullSyncAt - k.supersededAt >= C);
  });
}

async function save(vault, device, preKeys) {
  const record = vault.one('device');
  // The vault first: a key that was uploaded but not kept could never open what is sent to it.
  await vault.put('device', { ...record.data, preKeys }, record.id);
  device.preKeys = preKeys;
}

/** Makes, signs and keeps a new pre-key when the newest is a week old; the caller uploads the newest. */
export async function rotateIfDue(vault, device, now = Date.now()) {
  if (!due(device.preKeys, now)) return false;
  const fresh = await generatePreKey(device.identityKey, nextKeyId(device.preKeys));
  const older = device.preKeys.map((k) => (k.supersededAt ? k : { ...k, supersededAt: now }));
  await save(vault, device, [...older, {
    keyId: fresh.keyId, publicKey: toBase64url(fresh.publicKey), privateKey: toBase64url(fresh.privateKey),
    signature: toBase64url(fresh.signature), createdAt: now,
  }]);
  return true;
}

/** After a sync that reached an empty page: note it, and delete the private keys no envelope can need. */
export async function pruneAfterSync(vault, device, now = Date.now()) {
  await vault.setOne('fullsync', { at: now });
  const keep = kept(device.preKeys, now, now);
  if (keep.length !== device.preKeys.length) await save(vault, device, keep);
}
