// What exists only while the app is unlocked: the vault's key, the device's private keys as
// non-extractable CryptoKeys, and the access token. lock() drops all of it.
import { fromBase64url, toBase64url } from '../crypto/bytes.js';
import { importIdentityPrivate } from '../crypto/keys.js';
import * as api from './api.js';
import * as store from './vault.js';

let vault = null;
let device = null;
let accessToken = null;
let accessExpiresAt = 0;
let idle = 2;
let chosen = null;
const draftSavers = new Set();
const lockListeners = new Set();
const unlockListeners = new Set();

export function isUnlocked() {
  return vault !== null;
}

export function currentVault() {
  return vault;
}

export function currentDevice() {
  return device;
}

/** The conversation ({id, pseudonym}) a kontaktperson chose on the home screen; null: all (a client has one). */
export function chosenConversation() {
  return chosen;
}

export function chooseConversation(conversation) {
  chosen = conversation;
}

export function idleMinutes() {
  return idle;
}

async function adopt(v) {
  vault = v;
  const record = v.one('device');
  if (record) {
    const d = record.data;
    device = {
      deviceId: d.deviceId,
      kind: d.kind,
      identityPublic: fromBase64url(d.identityPublic),
      identityKey: await importIdentityPrivate(fromBase64url(d.identityPkcs8)),
      preKeys: d.preKeys,
    };
  }
  const s = await store.settings();
  idle = s?.idleMinutes || 2;
  for (const listener of unlockListeners) listener();
}

export function onUnlocked(listener) {
  unlockListeners.add(listener);
}

export async function setIdleMinutes(minutes) {
  await vault.updateSettings({ idleMinutes: minutes });
  idle = minutes;
}

/** true when the PIN opened the vault; false for a wrong PIN (and, quietly, after a wipe). */
export async function unlock(secret) {
  const v = await store.Vault.unlock(secret);
  if (!v) return false;
  await adopt(v);
  return true;
}

/**
 * Creates the vault for a freshly paired device. The private keys go into the vault only; memory
 * keeps non-extractable copies.
 */
export async function establish(secret, options, paired) {
  const v = await store.Vault.create(secret, options);
  await v.put('device', {
    deviceId: paired.deviceId,
    kind: paired.kind,
    identityPublic: toBase64url(paired.identity.publicKey),
    identityPkcs8: toBase64url(paired.identity.pkcs8),
    preKeys: [{
      keyId: paired.preKey.keyId,
      publicKey: toBase64url(paired.preKey.publicKey),
      privateKey: toBase64url(paired.preKey.privateKey),
      signature: toBase64url(paired.preKey.signature),
      createdAt: Date.now(),
    }],
  });
  if (paired.tokens?.refreshToken) await v.put('tokens', { refreshToken: paired.tokens.refreshToken });
  remember(paired.tokens);
  await adopt(v);
}

/** Changes the PIN or passphrase of the unlocked vault; false when the current one is wrong. */
export async function changeSecret(current, next) {
  if (!vault) return false;
  const changed = await vault.changeSecret(current, next);
  // Too many wrong codes wipe the phone here too: then nothing is left to keep unlocked.
  if (!changed && !(await store.exists())) lock();
  return changed;
}

export function registerDraftSaver(save) {
  draftSavers.add(save);
  return () => draftSavers.delete(save);
}

/** Writes unsent drafts to the vault before a lock or an update reload, so nothing typed is lost. */
export async function saveDrafts() {
  await Promise.all([...draftSavers].map((save) => Promise.resolve(save()).catch(() => {})));
}

export function onLocked(listener) {
  lockListeners.add(listener);
}

export function lock() {
  if (!vault) return;
  for (const save of draftSavers) Promise.resolve(save()).catch(() => {});
  draftSavers.clear();
  vault.lock();
  vault = null;
  device = null;
  chosen = null;
  accessToken = null;
  accessExpiresAt = 0;
  for (const listener of lockListeners) listener();
}

/**
 * An access token for the API: the one in memory while it is fresh, else a rotated one from the stored
 * refresh token, else a new sign-in with the identity key (challenge signature).
 */
let pendingToken = null;

export async function token() {
  if (accessToken && Date.now() < accessExpiresAt) return accessToken;
  if (!device) throw new Error('locked');
  // One refresh at a time: a refresh token is single use, and the server revokes the whole session when one
  // is presented twice (reuse detection), so screens and the messaging loop asking at once share the answer.
  if (!pendingToken) pendingToken = freshToken().finally(() => { pendingToken = null; });
  return pendingToken;
}

async function freshToken() {
  const v = vault;
  const stored = v.one('tokens')?.data.refreshToken;
  let tokens = null;
  if (stored) {
    try {
      tokens = await api.refresh(stored);
    } catch (e) {
      if (e.status === 0) throw e;
    }
  }
  if (!tokens) tokens = await api.signIn(device.deviceId, device.identityKey);
  remember(tokens);
  if (tokens.refreshToken && vault === v) await v.setOne('tokens', { refreshToken: tokens.refreshToken });
  return accessToken;
}

function remember(tokens) {
  accessToken = tokens?.accessToken || null;
  // Renew a little early so that a request never leaves with a token about to expire.
  accessExpiresAt = Date.now() + Math.max(0, (Number(tokens?.expiresIn) || 0) - 30) * 1000;
}

/** Panic wipe: revoke this device on the server if possible, then delete all local data. */
export async function panicWipe() {
  try {
    const bearer = await Promise.race([token(), new Promise((_, reject) => setTimeout(reject, 3000))]);
    await Promise.race([api.revokeThisDevice(bearer), new Promise((resolve) => setTimeout(resolve, 3000))]);
  } catch {
    // Offline or already revoked: the local wipe must happen regardless; staff can revoke the device.
  }
  lock();
  await store.wipe();
  try {
    localStorage.clear();
  } catch {
    // Nothing stored, or storage blocked.
  }
}
