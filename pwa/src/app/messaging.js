// Messages to and from the server, only while unlocked (docs/protocol.md §5–7). The device publishes its
// signed pre-key, keeps a WebSocket to /api/live (the token travels in the first frame, never in the URL,
// where a proxy log or the history would keep it), syncs its queue over HTTP after every (re)connect,
// and acknowledges what it has stored. Sending seals one envelope per recipient device — every device
// of the peer and every other device of this person — and a message leaves the encrypted outbox only
// when the server has committed it; until then it is retried.
import { fromBase64url } from '../crypto/bytes.js';
import { open, seal } from '../crypto/envelope.js';
import { verifySignedPreKey } from '../crypto/keys.js';
import { preKeyPair } from '../crypto/prekeys.js';
import * as api from './api.js';
import { pruneAfterSync, rotateIfDue } from './prekeyrotation.js';
import { changed, setKicker, setReader } from './events.js';
import * as session from './session.js';

const RETRY_MS = 2000;
let run = null;

async function authed(method, path, body) {
  return api.request(method, path, body, await session.token());
}

function messageRecord(vault, messageId) {
  return vault.list('message').find((r) => r.data.id === messageId) || null;
}

/** The conversation this device talks in by default: a client's only one, a kontaktperson's first. */
async function conversation(r) {
  if (!r.conversation) {
    const list = await authed('GET', '/api/conversations');
    if (!list?.length) return null;
    r.conversation = list[0].id;
  }
  return r.conversation;
}

/** A member device's identity key (bundle) and its verified pre-key `keyId`. */
async function senderPreKey(r, conversationId, deviceId, keyId) {
  const cacheKey = `${deviceId}/${keyId}`;
  if (r.senderKeys.has(cacheKey)) return r.senderKeys.get(cacheKey);
  const bundles = await devicesOf(conversationId);
  const bundle = bundles.find((b) => b.deviceId === deviceId);
  if (!bundle) throw new Error('unknown sender device');
  if (bundle.kind === session.currentDevice()?.kind) r.ownDevices.add(deviceId);
  const pk = await authed('GET', `/api/conversations/${conversationId}/devices/${deviceId}/pre-keys/${keyId}`);
  const publicKey = fromBase64url(pk.publicKey, 32);
  if (!await verifySignedPreKey(fromBase64url(bundle.identityKey, 32), keyId, publicKey, fromBase64url(pk.signature, 64))) {
    throw new Error('sender pre-key signature does not verify');
  }
  r.senderKeys.set(cacheKey, publicKey);
  return publicKey;
}

/**
 * The conversation's devices, checked against the identity keys this phone remembers (docs/protocol.md §9):
 * the first ones are trusted as they are; a new device or a changed key of the other side afterwards is
 * noted, and the chat asks both to compare their safety code. The code is derived from every identity key
 * in the conversation, so both phones show the same one when they see the same devices.
 */
async function devicesOf(conversationId) {
  const bundles = await authed('GET', `/api/conversations/${conversationId}/devices`);
  const vault = session.currentVault();
  const kind = session.currentDevice()?.kind;
  if (!vault || !kind || !Array.isArray(bundles)) return bundles;
  const others = Object.fromEntries(bundles.filter((b) => b.kind !== kind).map((b) => [b.deviceId, b.identityKey]));
  const record = vault.one('safety');
  const all = { ...(record?.data || {}) };
  const known = all[conversationId];
  const code = await safetyCode(bundles.map((b) => b.identityKey));
  let next = known ? { ...known } : { peers: others, code, changedAt: null, verifiedAt: null };
  if (known) {
    const keyChanged = Object.entries(others).some(([id, key]) => known.peers[id] !== key);
    next = { ...known, peers: others, code, changedAt: keyChanged ? Date.now() : known.changedAt };
  }
  if (JSON.stringify(next) !== JSON.stringify(known)) {
    all[conversationId] = next;
    await vault.setOne('safety', all);
    if (known && next.changedAt !== known.changedAt) changed();
  }
  return bundles;
}

/** 20 digits in four groups from SHA-256 over the sorted identity keys of everyone in the conversation. */
export async function safetyCode(identityKeys) {
  const sorted = [...new Set(identityKeys)].sort();
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(`bredvid/v1/safety\0${sorted.join('\0')}`)));
  const groups = [];
  for (let i = 0; i < 4; i++) {
    const n = ((digest[i * 4] << 24) | (digest[i * 4 + 1] << 16) | (digest[i * 4 + 2] << 8) | digest[i * 4 + 3]) >>> 0;
    groups.push(String(n % 100000).padStart(5, '0'));
  }
  return groups.join(' ');
}

/** How often a message waits for the other side to have a phone again. */
const PEER_RETRY_MS = 30000;

async function ownPreKey(keyId) {
  const k = session.currentDevice()?.preKeys.find((p) => p.keyId === keyId);
  if (!k) throw new Error('no such pre-key');
  return preKeyPair(fromBase64url(k.privateKey), fromBase64url(k.publicKey));
}

async function store(r, delivered) {
  const vault = session.currentVault();
  if (!vault || r.stopped) return;
  const e = delivered.envelope;
  const seen = vault.one('sync')?.data || { lastSeq: 0 };
  if (delivered.seq <= seen.lastSeq) return;
  try {
    const body = await open(e, await ownPreKey(e.recipientKeyId),
      await senderPreKey(r, e.conversationId, e.senderDeviceId, e.senderKeyId));
    if (body.type === 'text' && typeof body.body === 'string' && !messageRecord(vault, e.messageId)) {
      // Delivered receipts go back for the peer's messages only, once stored; they are envelopes like any
      // other, so the server cannot tell them from messages.
      if (!r.ownDevices.has(e.senderDeviceId)) r.receipts.set(e.messageId, e.conversationId);
      await vault.put('message', {
        id: e.messageId, conversationId: e.conversationId, senderDeviceId: e.senderDeviceId,
        direction: r.ownDevices.has(e.senderDeviceId) ? 'out' : 'in', text: body.body,
        at: Number(body.sentAt) || Date.now(), state: r.ownDevices.has(e.senderDeviceId) ? 'sent' : 'received',
      });
    } else if (body.type === 'checkin' && ['OK', 'WANT_CONTACT', 'NEED_HELP'].includes(body.status)
      && !messageRecord(vault, e.messageId)) {
      // The kontaktperson's copy of a check-in answer: everything the client answered, kept as typed values
      // (the screen shows them in the reader's language), and the check-in id for its alarm.
      const scale = (v) => (Number.isInteger(v) && v >= 1 && v <= 5 ? v : null);
      await vault.put('message', {
        id: e.messageId, conversationId: e.conversationId, senderDeviceId: e.senderDeviceId, direction: 'in',
        kind: 'checkin', status: body.status, text: typeof body.note === 'string' ? body.note : '',
        mood: scale(body.mood), safety: scale(body.safety),
        needs: Array.isArray(body.needs) ? body.needs.filter((n) => typeof n === 'string').slice(0, 20) : [],
        checkinId: typeof body.checkinId === 'string' ? body.checkinId : null,
        at: Number(body.sentAt) || Date.now(), state: 'received',
      });
    } else if (body.type === 'receipt' && Array.isArray(body.messageIds)) {
      for (const id of body.messageIds) {
        const m = messageRecord(vault, id);
        if (m && m.data.direction === 'out' && m.data.state !== 'read') {
          await vault.put('message', { ...m.data, state: body.status === 'read' ? 'read' : 'delivered' }, m.id);
        }
      }
    }
  } catch {
    // An envelope this device cannot open (tampered, unknown key) is dropped, never shown.
  }
  if (session.currentVault() === vault) await vault.setOne('sync', { lastSeq: delivered.seq });
}

async function processAll(r, envelopes) {
  if (!envelopes?.length) return;
  for (const d of envelopes) await store(r, d);
  changed();
  if (r.receipts.size) scheduleFlush(r);
  const lastSeq = session.currentVault()?.one('sync')?.data.lastSeq;
  if (lastSeq) await authed('POST', '/api/envelopes/ack', { upTo: lastSeq }).catch(() => {});
}

async function syncOnce(r) {
  for (;;) {
    const since = session.currentVault()?.one('sync')?.data.lastSeq || 0;
    const page = await authed('GET', `/api/envelopes?since=${since}&limit=100`);
    r.queue = r.queue.then(() => processAll(r, page.envelopes));
    await r.queue;
    if (r.stopped) return;
    if (!page.more) {
      const vault = session.currentVault();
      if (vault) await pruneAfterSync(vault, session.currentDevice());
      return;
    }
  }
}

async function seal1(conversationId, messageId, body, recipient) {
  const device = session.currentDevice();
  const current = device.preKeys[device.preKeys.length - 1];
  const pk = recipient.preKey;
  const publicKey = fromBase64url(pk.publicKey, 32);
  if (!await verifySignedPreKey(fromBase64url(recipient.identityKey, 32), pk.keyId, publicKey, fromBase64url(pk.signature, 64))) {
    throw new Error('recipient pre-key signature does not verify');
  }
  return seal({
    conversationId, senderDeviceId: device.deviceId, recipientDeviceId: recipient.deviceId, messageId,
    senderKeyId: current.keyId, recipientKeyId: pk.keyId,
  }, body, await ownPreKey(current.keyId), publicKey);
}

/**
 * Sends queued check-in answers: opens a check-in on the server (the client's ad-hoc one), then answers
 * it with the status in clear (the server escalates on it) and the full answer sealed for the
 * kontaktperson's devices. The check-in id is kept before answering, so a retry answers the same one.
 */
async function flushCheckins(r, vault) {
  const queued = vault.list('checkin').filter((c) => c.data.state === 'queued');
  if (!queued.length || session.currentDevice()?.kind !== 'CLIENT') return;
  const conversationId = await conversation(r);
  if (!conversationId) return;
  for (const c of queued) {
    let data = c.data;
    if (!data.checkinId) {
      // The check-in that fell due under the agreed schedule is answered; otherwise the client opens one.
      const due = (await authed('GET', `/api/conversations/${conversationId}/checkins`))
        ?.find((x) => x.status === 'PENDING' && x.scheduled);
      const checkinId = due ? due.id : (await authed('POST', `/api/conversations/${conversationId}/checkins`)).id;
      data = { ...data, checkinId, messageId: crypto.randomUUID() };
      await vault.put('checkin', data, c.id);
    }
    const bundles = await devicesOf(conversationId);
    const body = { ...data.answer, checkinId: data.checkinId };
    const envelopes = [];
    for (const b of bundles.filter((x) => x.kind === 'VOLUNTEER' && x.preKey)) {
      envelopes.push(await seal1(conversationId, data.messageId, body, b));
    }
    await authed('POST', `/api/checkins/${data.checkinId}/answer`, { status: data.answer.status, envelopes });
    if (session.currentVault() !== vault) return;
    // "Sent" only now: the server has the answer (and has raised the alarm for a request for help).
    await vault.put('checkin', { ...data, state: 'sent', sentAt: Date.now() }, c.id);
    changed();
  }
}

/** Per conversation, one receipt for the messages stored since the last; kept in memory (a lock drops it: cosmetic). */
async function flushReceipts(r) {
  const byConversation = new Map();
  for (const [id, conversationId] of r.receipts) {
    byConversation.set(conversationId, [...(byConversation.get(conversationId) || []), id]);
  }
  const me = session.currentDevice().deviceId;
  for (const [conversationId, messageIds] of byConversation) {
    const bundles = await devicesOf(conversationId);
    const body = { type: 'receipt', status: 'delivered', messageIds, sentAt: Date.now() };
    const messageId = crypto.randomUUID();
    const envelopes = [];
    for (const b of bundles.filter((x) => x.deviceId !== me && x.preKey)) {
      envelopes.push(await seal1(conversationId, messageId, body, b));
    }
    await authed('POST', `/api/conversations/${conversationId}/envelopes`, { envelopes });
    for (const id of messageIds) r.receipts.delete(id);
  }
}

/** "Läst" receipts for messages the person has seen on the screen; marked in the vault once sent. */
async function sendRead(items) {
  const vault = session.currentVault();
  if (!vault) return;
  const byConversation = new Map();
  for (const { id, conversationId } of items) {
    if (conversationId) byConversation.set(conversationId, [...(byConversation.get(conversationId) || []), id]);
  }
  const me = session.currentDevice().deviceId;
  for (const [conversationId, messageIds] of byConversation) {
    const bundles = await devicesOf(conversationId);
    const body = { type: 'receipt', status: 'read', messageIds, sentAt: Date.now() };
    const messageId = crypto.randomUUID();
    const envelopes = [];
    for (const b of bundles.filter((x) => x.deviceId !== me && x.preKey)) envelopes.push(await seal1(conversationId, messageId, body, b));
    if (envelopes.length) await authed('POST', `/api/conversations/${conversationId}/envelopes`, { envelopes });
    if (session.currentVault() !== vault) return;
    for (const id of messageIds) {
      const m = messageRecord(vault, id);
      if (m && !m.data.readSent) await vault.put('message', { ...m.data, readSent: true }, m.id);
    }
  }
}

/** Sends every queued message and check-in answer; a failure leaves it queued for the next attempt. */
async function flush(r) {
  const vault = session.currentVault();
  if (!vault || r.stopped) return;
  await flushCheckins(r, vault);
  await flushReceipts(r);
  const queued = vault.list('message').filter((m) => m.data.direction === 'out' && m.data.state === 'queued');
  if (!queued.length) return;
  const fallback = await conversation(r);
  const me = session.currentDevice().deviceId;
  const members = new Map();
  let waitingForPeer = false;
  for (const m of queued) {
    // A message goes to the conversation it was written in (a kontaktperson may have several).
    const conversationId = m.data.conversationId || fallback;
    if (!conversationId) continue;
    if (!members.has(conversationId)) {
      const bundles = await devicesOf(conversationId);
      for (const b of bundles) if (b.kind === session.currentDevice().kind) r.ownDevices.add(b.deviceId);
      members.set(conversationId, bundles.filter((b) => b.deviceId !== me && b.preKey));
    }
    const recipients = members.get(conversationId);
    // The other side has no connected phone (wiped, lost, not paired yet): say so, and try again later.
    if (!recipients.some((b) => b.kind !== session.currentDevice().kind)) {
      if (!m.data.peerMissing) {
        await vault.put('message', { ...m.data, peerMissing: true }, m.id);
        changed();
      }
      waitingForPeer = true;
      continue;
    }
    const body = { type: 'text', body: m.data.text, sentAt: m.data.at };
    const envelopes = [];
    for (const recipient of recipients) envelopes.push(await seal1(conversationId, m.data.id, body, recipient));
    let state = 'sent';
    try {
      await authed('POST', `/api/conversations/${conversationId}/envelopes`, { envelopes });
    } catch (e) {
      // The conversation has closed (the contact ended): the message can never leave; other conversations go on.
      if (!(e instanceof api.ApiError) || ![403, 404, 409, 410].includes(e.status)) throw e;
      state = 'undeliverable';
    }
    const v = session.currentVault();
    if (v !== vault) return;
    await vault.put('message', { ...m.data, conversationId, state, peerMissing: false }, m.id);
    changed();
  }
  if (waitingForPeer && !r.stopped) {
    clearTimeout(r.flushTimer);
    r.flushTimer = setTimeout(() => scheduleFlush(r), PEER_RETRY_MS);
  }
}

function scheduleFlush(r) {
  if (r.stopped) return;
  clearTimeout(r.flushTimer);
  r.flushing = r.flushing.then(() => flush(r)).catch(() => {
    if (!r.stopped) r.flushTimer = setTimeout(() => scheduleFlush(r), RETRY_MS);
  });
}

/** Whether the live connection is up (authenticated, pre-key published). */
export function isLive() {
  return Boolean(run?.live);
}

/** A send attempt now (the chat and check-in screens ask for one after queueing). */
export function kick() {
  if (run) scheduleFlush(run);
}
setKicker(kick);
setReader((items) => {
  const r = run;
  if (r) r.queue = r.queue.then(() => sendRead(items)).catch(() => {});
});

function connect(r) {
  if (r.stopped) return;
  if (!navigator.onLine) {
    r.reconnectTimer = setTimeout(() => connect(r), RETRY_MS);
    return;
  }
  const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api/live`;
  let socket;
  try {
    socket = new WebSocket(url);
  } catch {
    r.reconnectTimer = setTimeout(() => connect(r), RETRY_MS);
    return;
  }
  r.socket = socket;
  socket.onopen = async () => {
    try {
      await syncOnce(r);
      const since = session.currentVault()?.one('sync')?.data.lastSeq || 0;
      socket.send(JSON.stringify({ type: 'auth', token: await session.token(), since }));
    } catch {
      socket.close();
    }
  };
  socket.onmessage = (event) => {
    if (r.socket !== socket) return;
    let frame;
    try { frame = JSON.parse(event.data); } catch { return; }
    if (frame.type === 'ready') {
      r.live = true;
      scheduleFlush(r);
    } else if (frame.type === 'envelopes') {
      r.queue = r.queue.then(() => processAll(r, frame.envelopes)).catch(() => {});
    }
  };
  socket.onclose = () => {
    r.live = false;
    if (r.socket === socket && !r.stopped) r.reconnectTimer = setTimeout(() => connect(r), RETRY_MS);
  };
  socket.onerror = () => {};
}

/** Starts after an unlock: publishes the pre-key, then connects and sends what waits in the outbox. */
export function start() {
  stop();
  const device = session.currentDevice();
  if (!device) return;
  const r = {
    stopped: false, socket: null, live: false, conversation: null, senderKeys: new Map(),
    ownDevices: new Set([device.deviceId]), receipts: new Map(), queue: Promise.resolve(), flushing: Promise.resolve(),
    flushTimer: null, reconnectTimer: null,
  };
  run = r;
  r.onOnline = () => {
    scheduleFlush(r);
    if (!r.socket) { clearTimeout(r.reconnectTimer); connect(r); }
  };
  // Offline means the socket is dead even when the browser has not noticed yet: drop it, so that coming
  // back always goes through a fresh connection and a sync of what arrived meanwhile.
  r.onOffline = () => {
    const socket = r.socket;
    r.socket = null;
    r.live = false;
    try { socket?.close(); } catch { /* closed */ }
  };
  addEventListener('online', r.onOnline);
  addEventListener('offline', r.onOffline);
  // A week-old pre-key is replaced first (kept in the vault before it is published), then the newest is
  // (re-)published; the server keeps older public keys so that envelopes sealed with them still verify.
  rotateIfDue(session.currentVault(), device).then(() => {
    const current = device.preKeys[device.preKeys.length - 1];
    return authed('POST', '/api/keys/pre-keys', {
      keyId: current.keyId, publicKey: current.publicKey, signature: current.signature,
    });
  }).then(() => { connect(r); scheduleFlush(r); }, () => {
    // Not reachable now (offline, or a server without this API): try the socket later anyway.
    r.reconnectTimer = setTimeout(() => connect(r), RETRY_MS * 5);
  });
}

export function stop() {
  const r = run;
  run = null;
  if (!r) return;
  r.stopped = true;
  clearTimeout(r.flushTimer);
  clearTimeout(r.reconnectTimer);
  removeEventListener('online', r.onOnline);
  removeEventListener('offline', r.onOffline);
  try { r.socket?.close(); } catch { /* already closed */ }
}
