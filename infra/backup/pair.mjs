// Part of infra/backup/test.sh: drives a running Bredvid over HTTP as a coordinator and two phones would.
//   node pair.mjs seed  <baseUrl> <serverLog> <stateFile>  — an active pair, both phones paired, the client's
//                                                           phone queues one envelope for the volunteer's phone
//   node pair.mjs check <baseUrl> <stateFile>              — the volunteer's phone signs in by challenge and
//                                                           finds that envelope in GET /api/envelopes
// The state file holds the volunteer phone's Ed25519 key (test data of a throw-away database); nothing is
// printed but ids. Needs only node (>= 20): fetch and node:crypto.
import { createHmac, generateKeyPairSync, createPrivateKey, randomBytes, randomUUID, sign } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';

const [mode, base, ...rest] = process.argv.slice(2);

async function api(method, path, token, body) {
  const headers = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (token) headers.authorization = `Bearer ${token}`;
  const res = await fetch(base + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch { json = null; }
  return { status: res.status, json, text };
}

async function expect(status, promise, what) {
  const r = await promise;
  if (r.status !== status) throw new Error(`${what}: expected ${status}, got ${r.status}: ${r.text.slice(0, 300)}`);
  return r.json;
}

function base32Decode(s) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = 0; let value = 0; const out = [];
  for (const c of s.replace(/=+$/, '').toUpperCase()) {
    value = (value << 5) | alphabet.indexOf(c);
    bits += 5;
    if (bits >= 8) { out.push((value >>> (bits - 8)) & 0xff); bits -= 8; }
  }
  return Buffer.from(out);
}

function totp(secret, step) {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const mac = createHmac('sha1', secret).update(counter).digest();
  const offset = mac[mac.length - 1] & 0x0f;
  return String((mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, '0');
}

/** The demo coordinator: password from the server log (shown once), TOTP enrolled at the first sign-in. */
async function coordinator(serverLog) {
  const username = 'samordnare';
  const match = readFileSync(serverLog, 'utf8').match(new RegExp(`^\\s*${username} / (\\S+)\\s*$`, 'm'));
  if (!match) throw new Error('no demo password in the server log (is the demo environment on?)');
  const password = match[1];
  const first = await expect(200, api('POST', '/api/auth/login', null, { username, password }), 'first sign-in');
  const secret = base32Decode(/secret=([A-Z2-7]+)/.exec(first.provisioningUri)[1]);
  const step = Math.floor(Date.now() / 30_000);
  const signedIn = await expect(200, api('POST', '/api/auth/login', null, { username, password, totp: totp(secret, step) }),
    'sign-in with TOTP');
  return signedIn.tokens.accessToken;
}

const today = (days = 0) => new Date(Date.now() + days * 86400_000).toISOString().slice(0, 10);

async function approvedVolunteer(token) {
  const consent = await expect(200, api('GET', '/api/public/volunteer-applications/consent'), 'consent text');
  const me = await expect(200, api('GET', '/api/auth/me', token), 'me');
  const name = `Backup Test-${randomUUID().slice(0, 8)}`;
  await expect(202, api('POST', `/api/public/organisations/${me.organisationId}/volunteer-applications`, null, {
    name, email: 'applicant@example.org', phone: '+46 70 123 45 67', languages: ['sv'], region: 'SE-E',
    municipality: 'Norrköping', availability: [{ day: 'THURSDAY', part: 'EVENING' }], hoursPerMonth: 8, maxClients: 2,
    digitalSupport: true, availabilityNote: 'Kvällar', motivation: 'Test.', consent: true,
    consentTextVersion: consent.version, formStamp: consent.formStamp,
  }), 'application');
  const list = await expect(200, api('GET', '/api/recruiting/volunteers', token), 'volunteer list');
  const id = list.find((v) => v.name === name).id;
  const move = (to) => expect(200, api('POST', `/api/recruiting/volunteers/${id}/transitions`, token,
    { to, reason: `Test: to ${to}` }), `volunteer to ${to}`);
  await move('INTERVIEW_BOOKED');
  await expect(201, api('POST', `/api/recruiting/volunteers/${id}/interviews`, token, {
    heldOn: today(), interviewers: ['Eva Samordnare'], motivation: 5, timeAvailable: 3, understanding: 4,
    suitability: 'SUITABLE', notes: 'Test.',
  }), 'interview');
  await move('INTERVIEWED');
  const cohort = await expect(201, api('POST', '/api/recruiting/cohorts', token, {
    name: `Grupp ${randomUUID()}`, firstSessionAt: new Date(Date.now() - 70 * 86400_000).toISOString(),
  }), 'cohort');
  await expect(204, api('POST', `/api/recruiting/cohorts/${cohort.id}/members`, token, { volunteerId: id }), 'enrol');
  await move('IN_TRAINING');
  for (const s of cohort.sessions) {
    await expect(204, api('PUT', `/api/recruiting/training-sessions/${s.id}/attendance/${id}`, token, { present: true }),
      'attendance');
  }
  await move('TRAINED');
  await expect(201, api('POST', `/api/recruiting/volunteers/${id}/background-checks`, token, {
    kind: 'WORK_WITH_CHILDREN', issuedOn: today(-10), seenOn: today(-7),
  }), 'background check');
  await move('APPROVED');
  await expect(200, api('PUT', `/api/volunteers/${id}/matching-profile`, token, {
    gender: 'WOMAN', age: 30, communities: [], interests: ['musik'],
    supportAreas: ['BREAKING_ISOLATION'], reachableRegions: ['se-e'],
  }), 'matching profile');
  return id;
}

const b64u = (bytes) => Buffer.from(bytes).toString('base64url');

/** protocol §2: ASCII("bredvid/v1/challenge") || 0x00 || nonce || int64_be(issuedAt) || ASCII(purpose). */
function challengeSignature(privateKey, nonce, issuedAt, purpose) {
  const at = Buffer.alloc(8);
  at.writeBigInt64BE(BigInt(issuedAt));
  const message = Buffer.concat([Buffer.from('bredvid/v1/challenge'), Buffer.from([0]), nonce, at, Buffer.from(purpose)]);
  return b64u(sign(null, message, privateKey));
}

async function deviceSignIn(deviceId, privateKey) {
  const c = await expect(200, api('POST', '/api/devices/challenge', null, { deviceId }), 'challenge');
  const signature = challengeSignature(privateKey, Buffer.from(c.nonce, 'base64url'), Number(c.issuedAt), 'sign-in');
  return expect(200, api('POST', '/api/devices/sign-in', null,
    { deviceId, nonce: c.nonce, issuedAt: Number(c.issuedAt), signature }), 'device sign-in');
}

async function pairDevice(token, kind, subjectId) {
  const { code } = await expect(201, api('POST', '/api/pairing-codes', token, { kind, subjectId }), `${kind} code`);
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const identityKey = publicKey.export({ format: 'jwk' }).x;
  const paired = await expect(201, api('POST', '/api/devices/pair', null, { code, identityKey }), `${kind} pairing`);
  const tokens = await deviceSignIn(paired.deviceId, privateKey);
  return { deviceId: paired.deviceId, privateKey, accessToken: tokens.accessToken };
}

async function seed(serverLog, stateFile) {
  const token = await coordinator(serverLog);
  const client = await expect(201, api('POST', '/api/clients', token, {
    ageBand: 'AGE_18_25', languages: ['sv'], preferredLanguage: 'sv', region: 'se-e', communities: [],
    needs: ['BREAKING_ISOLATION'], meetingMode: 'BOTH', volunteerGender: 'WOMAN', interests: ['musik'],
  }), 'client intake');
  const volunteerId = await approvedVolunteer(token);
  const assignment = await expect(201, api('POST', '/api/assignments', token,
    { clientId: client.id, volunteerId, kind: 'IDEELL' }), 'assignment');
  await expect(200, api('POST', `/api/assignments/${assignment.id}/transitions`, token, { to: 'ACTIVE' }), 'ACTIVE');
  const clientPhone = await pairDevice(token, 'CLIENT', client.id);
  const volunteerPhone = await pairDevice(token, 'VOLUNTEER', volunteerId);
  const [conversation] = await expect(200, api('GET', '/api/conversations', clientPhone.accessToken), 'conversations');
  const messageId = randomUUID();
  // The server stores ciphertext it cannot open; random bytes of an honest length stand in for it (protocol §5).
  await expect(200, api('POST', `/api/conversations/${conversation.id}/envelopes`, clientPhone.accessToken, {
    envelopes: [{ v: 1, conversationId: conversation.id, senderDeviceId: clientPhone.deviceId,
      recipientDeviceId: volunteerPhone.deviceId, messageId, senderKeyId: 1, recipientKeyId: 1,
      enc: b64u(randomBytes(32)), ct: b64u(randomBytes(256 + 16)) }],
  }), 'queue an envelope');
  writeFileSync(stateFile, JSON.stringify({
    volunteerDeviceId: volunteerPhone.deviceId, messageId, conversationId: conversation.id,
    volunteerKey: volunteerPhone.privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'),
  }), { mode: 0o600 });
  console.log(`queued envelope ${messageId} for device ${volunteerPhone.deviceId}`);
}

async function check(stateFile) {
  const state = JSON.parse(readFileSync(stateFile, 'utf8'));
  const key = createPrivateKey({ key: Buffer.from(state.volunteerKey, 'base64'), format: 'der', type: 'pkcs8' });
  const { accessToken } = await deviceSignIn(state.volunteerDeviceId, key);
  const page = await expect(200, api('GET', '/api/envelopes?since=0', accessToken), 'sync');
  const found = page.envelopes.some((e) => JSON.stringify(e).includes(state.messageId));
  if (!found) throw new Error(`the restored installation does not serve envelope ${state.messageId} (got ${page.envelopes.length})`);
  console.log(`the restored installation serves envelope ${state.messageId} to device ${state.volunteerDeviceId}`);
}

try {
  if (mode === 'seed') await seed(rest[0], rest[1]);
  else if (mode === 'check') await check(rest[0]);
  else throw new Error('usage: pair.mjs seed <baseUrl> <serverLog> <stateFile> | check <baseUrl> <stateFile>');
} catch (e) {
  console.error(`pair.mjs: ${e.message}`);
  process.exit(1);
}
