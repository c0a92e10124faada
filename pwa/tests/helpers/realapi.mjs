// The real backend, driven over HTTP the way a coordinator would: no stand-in. infra/pwa-test.sh starts
// the jar with the demo environment on a fresh database, because staff accounts can only be created by
// an admin and the only admin of a fresh installation is the demo one; its generated passwords appear
// once, in the server log, whose path the script passes in BREDVID_SERVER_LOG.
import { createHmac, randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { BASE } from './browser.mjs';

const STEP_SECONDS = 30;

export async function api(method, path, token, body) {
  const headers = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (token) headers.authorization = `Bearer ${token}`;
  const res = await fetch(BASE + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch { json = null; }
  return { status: res.status, json, text };
}

async function expectStatus(expected, promise, what) {
  const r = await promise;
  if (r.status !== expected) throw new Error(`${what}: expected ${expected}, got ${r.status}: ${r.text.slice(0, 400)}`);
  return r.json;
}

/** The demo account's password, from the server log line `username / password` (shown once). */
export function demoPassword(username) {
  const file = process.env.BREDVID_SERVER_LOG;
  if (!file) throw new Error('BREDVID_SERVER_LOG is not set: run the tests through infra/pwa-test.sh');
  const match = readFileSync(file, 'utf8').match(new RegExp(`^\\s*${username} / (\\S+)\\s*$`, 'm'));
  if (!match) throw new Error(`no demo password for ${username} in the server log (is the demo environment on?)`);
  return match[1];
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

/** RFC 6238 TOTP: HMAC-SHA-1 over the 8-byte big-endian step, dynamic truncation, 6 digits. */
export function totp(secret, step) {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const mac = createHmac('sha1', secret).update(counter).digest();
  const offset = mac[mac.length - 1] & 0x0f;
  const code = (mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000;
  return String(code).padStart(6, '0');
}

const currentStep = () => Math.floor(Date.now() / 1000 / STEP_SECONDS);

const sessions = new Map();

/**
 * Signs a demo staff account in once per test process: enrols TOTP from the otpauth:// URI at the first
 * sign-in. Each code is accepted once and the test files run in separate processes, so the secret and the
 * last used step are kept next to the server log (the run's temporary directory, one file per account); a
 * later process uses the step after it, which the server accepts within its one-step drift window, or
 * waits for a new step.
 */
async function staff(username) {
  if (sessions.has(username)) return sessions.get(username);
  const password = demoPassword(username);
  const stateFile = `${process.env.BREDVID_SERVER_LOG}.totp-${username}.json`;
  let state = null;
  try { state = JSON.parse(readFileSync(stateFile, 'utf8')); } catch { state = null; }
  let secret;
  if (state) {
    secret = Buffer.from(state.secret, 'base64');
  } else {
    const first = await expectStatus(200, api('POST', '/api/auth/login', null, { username, password }), `${username}: first sign-in`);
    secret = base32Decode(/secret=([A-Z2-7]+)/.exec(first.provisioningUri)[1]);
    state = { lastStep: currentStep() - 2 };
  }
  let step = Math.max(currentStep() - 1, state.lastStep + 1);
  while (step > currentStep() + 1) await new Promise((r) => setTimeout(r, 500));
  const signedIn = await expectStatus(200, api('POST', '/api/auth/login', null,
    { username, password, totp: totp(secret, step) }), `${username}: sign-in with TOTP`);
  writeFileSync(stateFile, JSON.stringify({ secret: secret.toString('base64'), lastStep: step }));
  const session = { accessToken: signedIn.tokens.accessToken, refreshToken: signedIn.tokens.refreshToken };
  sessions.set(username, session);
  return session;
}

/** The demo administrator (creates staff accounts). */
export function admin() {
  return staff('admin');
}

/** The demo coordinator (organisation side). */
export function coordinator() {
  return staff('samordnare');
}

/** The demo handläggare (municipality side, "Exempelkommun (demo)"). */
export function handlaggare() {
  return staff('handlaggare');
}

/** An APPROVED volunteer through the recruiting lifecycle, each guard's record created first. */
export async function approvedVolunteer(token) {
  const consent = await expectStatus(200, api('GET', '/api/public/volunteer-applications/consent'), 'consent text');
  const me = await expectStatus(200, api('GET', '/api/auth/me', token), 'me');
  const name = `Amina Test-${randomUUID().slice(0, 8)}`;
  await expectStatus(202, api('POST', `/api/public/organisations/${me.organisationId}/volunteer-applications`, null, {
    name, email: 'applicant@example.org', phone: '+46 70 123 45 67', languages: ['sv', 'ar'], region: 'SE-E',
    municipality: 'Norrköping', availability: [{ day: 'THURSDAY', part: 'EVENING' }], hoursPerMonth: 8, maxClients: 2,
    digitalSupport: true, availabilityNote: 'Helst kvällar', motivation: 'Jag vill ge tillbaka.', consent: true,
    consentTextVersion: consent.version, formStamp: consent.formStamp,
  }), 'application');
  const list = await expectStatus(200, api('GET', '/api/recruiting/volunteers', token), 'volunteer list');
  const id = list.find((v) => v.name === name).id;
  const move = (to) => expectStatus(200, api('POST', `/api/recruiting/volunteers/${id}/transitions`, token,
    { to, reason: `Test: to ${to}` }), `volunteer to ${to}`);
  await move('INTERVIEW_BOOKED');
  await expectStatus(201, api('POST', `/api/recruiting/volunteers/${id}/interviews`, token, {
    heldOn: swedishDate(), interviewers: ['Eva Samordnare'], motivation: 5, timeAvailable: 3, understanding: 4,
    suitability: 'SUITABLE', notes: 'Lugn och tydlig.',
  }), 'interview');
  await move('INTERVIEWED');
  // A cohort whose weekly sessions all lie in the past, so that full attendance completes the training.
  const cohort = await expectStatus(201, api('POST', '/api/recruiting/cohorts', token, {
    name: `Grupp ${randomUUID()}`, firstSessionAt: new Date(Date.now() - 70 * 86400_000).toISOString(),
  }), 'cohort');
  await expectStatus(204, api('POST', `/api/recruiting/cohorts/${cohort.id}/members`, token, { volunteerId: id }), 'enrol');
  await move('IN_TRAINING');
  for (const s of cohort.sessions) {
    await expectStatus(204, api('PUT', `/api/recruiting/training-sessions/${s.id}/attendance/${id}`, token,
      { present: true }), 'attendance');
  }
  await move('TRAINED');
  const issued = new Date(Date.now() - 10 * 86400_000);
  await expectStatus(201, api('POST', `/api/recruiting/volunteers/${id}/background-checks`, token, {
    kind: 'WORK_WITH_CHILDREN', issuedOn: issued.toISOString().slice(0, 10),
    seenOn: new Date(issued.getTime() + 3 * 86400_000).toISOString().slice(0, 10),
  }), 'background check');
  await move('APPROVED');
  await expectStatus(200, api('PUT', `/api/volunteers/${id}/matching-profile`, token, {
    gender: 'WOMAN', age: 30, communities: [], interests: ['musik'],
    supportAreas: ['BREAKING_ISOLATION', 'STUDIES_AND_WORK'], reachableRegions: ['se-e'],
  }), 'matching profile');
  return id;
}

/** A client intake under a server-generated pseudonym. */
export async function clientIntake(token) {
  const r = await expectStatus(201, api('POST', '/api/clients', token, {
    ageBand: 'AGE_18_25', languages: ['sv', 'ar'], preferredLanguage: 'ar', region: 'se-e',
    communities: ['hemstaden'], needs: ['BREAKING_ISOLATION'], meetingMode: 'BOTH', volunteerGender: 'WOMAN',
    interests: ['musik'],
  }), 'client intake');
  return r.id;
}

export async function pairingCode(token, kind, subjectId) {
  return (await expectStatus(201, api('POST', '/api/pairing-codes', token, { kind, subjectId }), `${kind} pairing code`)).code;
}

/**
 * A client and an approved volunteer in an ACTIVE IDEELL assignment (which opens their conversation), and
 * a fresh one-time pairing code for each. `moreCodes` issues extra codes per side (second devices).
 */
export async function activePair() {
  const { accessToken: token } = await coordinator();
  const clientId = await clientIntake(token);
  const volunteerId = await approvedVolunteer(token);
  const assignment = await expectStatus(201, api('POST', '/api/assignments', token,
    { clientId, volunteerId, kind: 'IDEELL' }), 'assignment');
  await expectStatus(200, api('POST', `/api/assignments/${assignment.id}/transitions`, token, { to: 'ACTIVE' }),
    'assignment to ACTIVE');
  const detail = await expectStatus(200, api('GET', `/api/clients/${clientId}`, token), 'client');
  return {
    token, clientId, volunteerId, assignmentId: assignment.id, pseudonym: detail.client.pseudonym,
    clientCode: await pairingCode(token, 'CLIENT', clientId),
    volunteerCode: await pairingCode(token, 'VOLUNTEER', volunteerId),
  };
}

/**
 * One approved volunteer (room for two clients) in ACTIVE IDEELL assignments with two clients, and a
 * pairing code for each of the three; the clients' pseudonyms as the server generated them.
 */
export async function twoClientsOneVolunteer() {
  const { accessToken: token } = await coordinator();
  const volunteerId = await approvedVolunteer(token);
  const clients = [];
  for (let i = 0; i < 2; i++) {
    const clientId = await clientIntake(token);
    const assignment = await expectStatus(201, api('POST', '/api/assignments', token,
      { clientId, volunteerId, kind: 'IDEELL' }), 'assignment');
    await expectStatus(200, api('POST', `/api/assignments/${assignment.id}/transitions`, token, { to: 'ACTIVE' }),
      'assignment to ACTIVE');
    const detail = await expectStatus(200, api('GET', `/api/clients/${clientId}`, token), 'client');
    clients.push({ clientId, assignmentId: assignment.id, pseudonym: detail.client.pseudonym,
      code: await pairingCode(token, 'CLIENT', clientId) });
  }
  return { token, volunteerId, clients, volunteerCode: await pairingCode(token, 'VOLUNTEER', volunteerId) };
}

/** A calendar date in Sweden, `days` from today (the server's dates are Europe/Stockholm). */
export function swedishDate(days = 0) {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(new Date(Date.now() + days * 86400_000));
}

/** YYYY-MM-DD plus whole months (day 1 stays day 1). */
export function plusMonths(date, months) {
  const [y, m, d] = date.split('-').map(Number);
  const total = y * 12 + (m - 1) + months;
  return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/**
 * A GRANTED kontaktperson insats built the way the two parties do it: the coordinator proposes an INSATS
 * assignment to the demo municipality with the client's written consent; the handläggare investigates and
 * grants it from the first day of last month for six months, with a follow-up in seven days (inside the
 * reminder window, so the client's questionnaire is open). Pairing codes for both devices.
 */
/**
 * Sets the model of the link between the demo municipality and the coordinator's organisation for one proposal:
 * the insats records the model when it is created, and the link goes back to PROVIDER at once so that the
 * demo data other test files share keeps today's behaviour.
 */
async function underModel(model, municipalityId, token, propose) {
  if (model === 'PROVIDER') return propose();
  const { accessToken: aToken } = await admin();
  const me = await expectStatus(200, api('GET', '/api/auth/me', token), 'the coordinator');
  const link = (m) => expectStatus(201, api('POST', '/api/admin/links', aToken,
    { municipalityId, organisationId: me.organisationId, model: m }), `link model ${m}`);
  await link(model);
  try {
    return await propose();
  } finally {
    await link('PROVIDER');
  }
}

export async function grantedInsats({ protectedIdentity = false, uppdrag = null, model = 'PROVIDER' } = {}) {
  const { accessToken: token } = await coordinator();
  const { accessToken: hToken } = await handlaggare();
  const clientId = await clientIntake(token);
  const volunteerId = await approvedVolunteer(token);
  const assignment = await expectStatus(201, api('POST', '/api/assignments', token,
    { clientId, volunteerId, kind: 'INSATS' }), 'insats assignment');
  const parties = await expectStatus(200, api('GET', '/api/insats-parties', token), 'insats parties');
  const municipality = parties.find((p) => p.name === 'Exempelkommun (demo)');
  if (!municipality) throw new Error(`no demo municipality among ${JSON.stringify(parties)}`);
  const insats = await underModel(model, municipality.id, token, () => expectStatus(201, api('POST', '/api/insatser', token,
    { assignmentId: assignment.id, municipalityId: municipality.id, protectedIdentity }), 'insats proposal'));
  const day = swedishDate();
  await expectStatus(200, api('POST', `/api/insatser/${insats.id}/consent`, token,
    { givenOn: day, form: 'WRITTEN', scope: ['PROPOSAL', 'FOLLOW_UP'] }), 'consent');
  await expectStatus(200, api('POST', `/api/insatser/${insats.id}/investigation`, hToken,
    { outcome: 'SUITABLE', investigatedOn: day }), 'investigation');
  const periodStart = plusMonths(`${day.slice(0, 7)}-01`, -1);
  await expectStatus(200, api('POST', `/api/insatser/${insats.id}/decision`, hToken, {
    outcome: 'GRANTED', decidedOn: day, legalBasis: '4 kap. 1 § SoL', periodStart,
    periodEnd: plusMonths(periodStart, 6), hoursPerMonth: 8, followUpOn: swedishDate(7), caseReference: 'DEMO-1',
  }), 'decision');
  if (uppdrag) await expectStatus(200, api('PUT', `/api/insatser/${insats.id}/uppdrag`, hToken, uppdrag), 'uppdrag');
  return {
    token, hToken, clientId, volunteerId, insatsId: insats.id, municipality: municipality.name, periodStart,
    clientCode: await pairingCode(token, 'CLIENT', clientId),
    volunteerCode: await pairingCode(token, 'VOLUNTEER', volunteerId),
  };
}
