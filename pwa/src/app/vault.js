// Local data at rest: every record (keys, messages, drafts, outbox) is AES-GCM encrypted under a key
// derived from the PIN with PBKDF2-SHA-256. The derived key is non-extractable and lives only in memory
// while the app is unlocked (threat model 1: the phone may be taken; nothing readable is left behind).
// Record ids are random and the record kind is inside the ciphertext, so the store shows only a count.
import { fromUtf8, randomBytes, toBase64url, utf8 } from '../crypto/bytes.js';
import { tl } from './i18n.js';

// Neutral names: the database is visible in browser settings ("site data").
const DB_NAME = 'notes-store';
const META = 'meta';
const RECORDS = 'records';
export const ITERATIONS = 600000;
const CHECK_TEXT = 'vault-check-v1';

// Only set-up creates the database: merely looking (at the lock screen, after a wipe) must not leave an
// empty database behind as a trace.
function openDb(create) {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = (event) => {
      if (!create && event.oldVersion === 0) {
        request.transaction.abort();
        return;
      }
      request.result.createObjectStore(META);
      request.result.createObjectStore(RECORDS);
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error || new Error('no local data'));
  });
}

async function withStore(store, mode, fn, create = false) {
  const db = await openDb(create);
  try {
    return await new Promise((resolve, reject) => {
      const tx = db.transaction(store, mode);
      let result;
      Promise.resolve(fn(tx.objectStore(store))).then((r) => { result = r; }, reject);
      tx.oncomplete = () => resolve(result);
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error);
    });
  } finally {
    db.close();
  }
}

function req(request) {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

async function readMeta() {
  return withStore(META, 'readonly', (s) => req(s.get('lock')));
}

async function writeMeta(meta, create = false) {
  return withStore(META, 'readwrite', (s) => req(s.put(meta, 'lock')), create);
}

async function deriveKey(secret, salt, iterations) {
  const base = await crypto.subtle.importKey('raw', utf8(secret.normalize('NFC')), 'PBKDF2', false, ['deriveKey']);
  return crypto.subtle.deriveKey(
    { name: 'PBKDF2', hash: 'SHA-256', salt, iterations },
    base,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

async function seal(key, plaintext, aadText) {
  const iv = randomBytes(12);
  const ct = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: utf8(aadText) }, key, plaintext));
  return { iv, ct };
}

async function unseal(key, box, aadText) {
  return new Uint8Array(await crypto.subtle.decrypt({ name: 'AES-GCM', iv: box.iv, additionalData: utf8(aadText) }, key, box.ct));
}

/** PINs: at least 6 digits, not one repeated digit or a run; passphrases: at least 8 characters. */
export function secretProblem(secret) {
  if (/^\d+$/.test(secret)) {
    if (secret.length < 6) return tl('setup.pinTooShort');
    const digits = [...secret].map(Number);
    const steps = new Set(digits.slice(1).map((d, i) => (d - digits[i] + 10) % 10));
    if (steps.size === 1 && [0, 1, 9].includes([...steps][0])) return tl('setup.pinTooSimple');
    return null;
  }
  return secret.trim().length >= 8 ? null : tl('setup.passphraseTooShort');
}

export async function exists() {
  return Boolean(await readMeta().catch(() => null));
}

export async function settings() {
  const meta = await readMeta();
  return meta ? { limit: meta.limit, idleMinutes: meta.idleMinutes, secretKind: meta.secretKind } : null;
}

/** Removes every local record and the database itself, quietly. */
export async function wipe() {
  await new Promise((resolve) => {
    const request = indexedDB.deleteDatabase(DB_NAME);
    request.onsuccess = request.onerror = request.onblocked = () => resolve();
  });
}

export class Vault {
  #key;
  #records = new Map();

  constructor(key, records) {
    this.#key = key;
    this.#records = records;
  }

  get unlocked() {
    return this.#key !== null;
  }

  /** Creates a new vault; the caller already checked `secretProblem`. */
  static async create(secret, { limit, idleMinutes }) {
    await wipe();
    const salt = randomBytes(16);
    const key = await deriveKey(secret, salt, ITERATIONS);
    const check = await seal(key, utf8(CHECK_TEXT), 'check');
    // The kind (digits or passphrase) only picks the keyboard on the lock screen.
    const secretKind = /^\d+$/.test(secret) ? 'pin' : 'passphrase';
    await writeMeta({ v: 1, salt, iterations: ITERATIONS, check, attempts: 0, limit, idleMinutes, secretKind }, true);
    return new Vault(key, new Map());
  }

  /**
   * Tries a PIN. The failed-attempt count is written before the slow derivation, so closing the page
   * mid-way still counts. At the limit, all local data is deleted and the answer is the same as for
   * any wrong PIN: a visible wipe can itself escalate violence.
   */
  static async unlock(secret) {
    const meta = await readMeta().catch(() => null);
    if (!meta) {
      // Already wiped (or never set up): cost the same time as a real attempt and say the same thing.
      await deriveKey(secret, randomBytes(16), ITERATIONS);
      return null;
    }
    meta.attempts += 1;
    await writeMeta(meta);
    const key = await deriveKey(secret, meta.salt, meta.iterations);
    try {
      const text = fromUtf8(await unseal(key, meta.check, 'check'));
      if (text !== CHECK_TEXT) throw new Error('check mismatch');
    } catch {
      if (meta.attempts >= meta.limit) await wipe();
      return null;
    }
    meta.attempts = 0;
    await writeMeta(meta);
    const boxes = await withStore(RECORDS, 'readonly', async (s) => {
      const [keys, values] = await Promise.all([req(s.getAllKeys()), req(s.getAll())]);
      return keys.map((k, i) => [k, values[i]]);
    });
    const records = new Map();
    for (const [id, box] of boxes) {
      try {
        records.set(id, JSON.parse(fromUtf8(await unseal(key, box, id))));
      } catch {
        // A record that does not open under this key was damaged or planted: it is not ours to show.
      }
    }
    return new Vault(key, records);
  }

  /**
   * Changes the PIN or passphrase: the current one is checked like an unlock (a wrong one counts as a wrong
   * attempt), then every record is sealed again under a key from the new one and written with the new
   * salt and check in one transaction, so a crash leaves either the old or the new lock, never a mix.
   * Returns false for a wrong current secret.
   */
  async changeSecret(current, next) {
    if (!this.#key) throw new Error('locked');
    const meta = await readMeta();
    meta.attempts += 1;
    await writeMeta(meta);
    const oldKey = await deriveKey(current, meta.salt, meta.iterations);
    try {
      if (fromUtf8(await unseal(oldKey, meta.check, 'check')) !== CHECK_TEXT) throw new Error('check mismatch');
    } catch {
      if (meta.attempts >= meta.limit) await wipe();
      return false;
    }
    const salt = randomBytes(16);
    const key = await deriveKey(next, salt, ITERATIONS);
    const boxes = [];
    for (const [id, record] of this.#records) boxes.push([id, await seal(key, utf8(JSON.stringify(record)), id)]);
    const check = await seal(key, utf8(CHECK_TEXT), 'check');
    const secretKind = /^\d+$/.test(next) ? 'pin' : 'passphrase';
    const db = await openDb(false);
    try {
      await new Promise((resolve, reject) => {
        const tx = db.transaction([META, RECORDS], 'readwrite');
        for (const [id, box] of boxes) tx.objectStore(RECORDS).put(box, id);
        tx.objectStore(META).put({ ...meta, salt, iterations: ITERATIONS, check, attempts: 0, secretKind }, 'lock');
        tx.oncomplete = resolve;
        tx.onerror = () => reject(tx.error);
        tx.onabort = () => reject(tx.error);
      });
    } finally {
      db.close();
    }
    this.#key = key;
    return true;
  }

  /** Drops the key and every decrypted record from memory. */
  lock() {
    this.#key = null;
    this.#records = new Map();
  }

  /** Stores `data` under `id` (a new random id when omitted); returns the id. */
  async put(kind, data, id = toBase64url(randomBytes(16))) {
    if (!this.#key) throw new Error('locked');
    const record = { kind, data };
    const box = await seal(this.#key, utf8(JSON.stringify(record)), id);
    await withStore(RECORDS, 'readwrite', (s) => req(s.put(box, id)));
    if (this.#key) this.#records.set(id, record);
    return id;
  }

  async delete(id) {
    if (!this.#key) throw new Error('locked');
    await withStore(RECORDS, 'readwrite', (s) => req(s.delete(id)));
    this.#records.delete(id);
  }

  /** [{id, data}] of one kind, in insertion order of this session's view. */
  list(kind) {
    return [...this.#records].filter(([, r]) => r.kind === kind).map(([id, r]) => ({ id, data: r.data }));
  }

  /** Every record grouped by kind: `{ kind: [data, …] }` (for diagnostics and tests). */
  kinds() {
    const out = {};
    for (const [, r] of this.#records) (out[r.kind] ||= []).push(r.data);
    return out;
  }

  one(kind) {
    return this.list(kind)[0] || null;
  }

  async setOne(kind, data) {
    const existing = this.one(kind);
    return this.put(kind, data, existing ? existing.id : undefined);
  }

  async updateSettings(changes) {
    const meta = await readMeta();
    Object.assign(meta, changes);
    await writeMeta(meta);
  }
}
