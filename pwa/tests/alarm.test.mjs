// The alarm loop in the real browser against the real backend: a client's "I need help now" is said to be
// sent only when the server has it, is pinned on the kontaktperson's phone with every answer, is in the
// coordinators' worklist, and the client sees who saw it and when; push on both phones.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createECDH, randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BASE, eventually, newContext, sharedBrowser, watchPage } from './helpers/browser.mjs';
import { pairedDevice, setUpDevice } from './helpers/app.mjs';
import { activePair, api, pairingCode } from './helpers/realapi.mjs';

const sv = JSON.parse(readFileSync(new URL('../src/i18n/sv.json', import.meta.url), 'utf8'));
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const SHOTS = join(dirname(fileURLToPath(import.meta.url)), '..', 'screenshots');

const shared = sharedBrowser();

async function axe(page, lang, name) {
  await mkdir(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, `${lang}-${name}.png`), fullPage: true });
  await page.evaluate(AXE);
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${lang} ${name}: ${v.id}`);
}

/**
 * The client's and the kontaktperson's phones, each paired with the world's code in its own browser
 * context; afterwards, neither page had an error, a CSP refusal or a third-party request.
 */
async function withPhones(world, fn) {
  const client = await pairedDevice(shared.browser, shared.neutral.url, world.clientCode);
  const volunteer = await pairedDevice(shared.browser, shared.neutral.url, world.volunteerCode);
  try {
    await fn(client.page, volunteer.page);
    assert.deepEqual([...client.problems, ...volunteer.problems], []);
  } finally {
    await client.close();
    await volunteer.close();
  }
}

async function needHelp(client, note) {
  await client.click('[data-screen="checkin"]');
  await client.check('input[name="status"][value="NEED_HELP"]');
  await client.check('input[name="mood"][value="2"]');
  await client.check('input[name="safety"][value="1"]');
  await client.check('input[name="needs"][value="housing"]');
  await client.fill('#checkin-note', note);
  await client.click('#checkin-submit');
}

async function staffItems(token) {
  const r = await api('GET', '/api/notifications', token);
  assert.equal(r.status, 200, r.text);
  return r.json;
}

describe('the alarm', () => {
  test('sent when the server has it, pinned on the kontaktperson\'s phone with every answer, acknowledged, and the client sees who saw it', async () => {
    const world = await activePair();
    await withPhones(world, async (client, volunteer) => {
      // The answer is sealed for the kontaktperson's devices: hers must be published first.
      await volunteer.waitForFunction(async () => (await import('/app/messaging.js')).isLive());

      await needHelp(client, 'Han står utanför 3141');
      await client.waitForSelector('#help-alerted');
      assert.ok(await client.isVisible('#help-call-112 a[href="tel:112"]'), '112 at the top of the box');
      await client.waitForSelector('#help-alerted-text[data-state="sent"]', { timeout: 15000 });
      assert.match(await client.textContent('#help-alerted-text'), /^Skickat \d{1,2}[:.]\d{2}\./);
      assert.ok(!(await client.textContent('#help-alerted')).includes('har fått'), 'nobody is said to have received it');

      const items = await staffItems(world.token);
      const item = items.find((i) => i.kind === 'NEED_HELP' && i.urgency === 'URGENT');
      assert.ok(item, `an urgent item in the coordinators' worklist: ${JSON.stringify(items).slice(0, 300)}`);
      assert.equal(items[0].id, item.id, 'first in the list');

      // Pinned on the kontaktperson's Start, by pseudonym, with what to do.
      const card = volunteer.locator('.alarm-card');
      await card.waitFor({ timeout: 15000 });
      const text = await card.textContent();
      assert.ok(text.includes(world.pseudonym), `the client by pseudonym: ${text}`);
      assert.match(text, /behöver hjälp nu/);
      assert.match(text, /112/);
      assert.equal(await card.locator('a.tel').getAttribute('href'), 'tel:081111111', 'the coordinator on duty, one tap away');
      const findings = await axe(volunteer, 'sv', 'volunteer-start-alarm');

      // And in the client's chat, above every answer she gave.
      await volunteer.click('#open-conversation-0');
      await volunteer.locator('.alarm-card').waitFor();
      const answer = volunteer.locator('.msg-checkin.msg-alert');
      await answer.waitFor({ timeout: 15000 });
      const answered = await answer.textContent();
      for (const part of [sv['checkin.safetyHelp'], sv['checkin.mood2'], sv['checkin.safe1'], sv['checkin.needHousing'], 'Han står utanför 3141']) {
        assert.ok(answered.includes(part), `the kontaktperson sees "${part}"`);
      }
      findings.push(...await axe(volunteer, 'sv', 'volunteer-chat-alarm'));

      await volunteer.click('.alarm-card button');
      await volunteer.locator('.alarm-seen').waitFor();
      assert.equal(await volunteer.locator('.alarm-card').count(), 0, 'no longer pinned');

      await client.waitForSelector('#help-alerted-text[data-state="acknowledged"]', { timeout: 15000 });
      assert.match(await client.textContent('#help-alerted-text'), /^Din kontaktperson har sett ditt larm \d{1,2}[:.]\d{2}\.$/);
      assert.ok(await client.isHidden('#help-call-112'));
      findings.push(...await axe(client, 'sv', 'client-help-acknowledged'));
      assert.ok(!(await staffItems(world.token)).some((i) => i.id === item.id), 'handled in the worklist');

      await client.click('[data-screen="settings"]');
      await client.selectOption('#language', 'ar');
      await client.waitForSelector('html[lang="ar"][dir="rtl"]');
      await volunteer.click('[data-screen="settings"]');
      await volunteer.selectOption('#language', 'ar');
      await volunteer.waitForSelector('html[lang="ar"]');
      await volunteer.click('[data-screen="chat"]');
      findings.push(...await axe(volunteer, 'ar', 'volunteer-chat-checkin'));
      assert.deepEqual(findings, []);
    });
  });

  test('notifications: off on the client\'s phone until she turns them on; the kontaktperson turns them on and an alarm wakes her phone', async () => {
    const pushes = [];
    const standIn = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        pushes.push({ path: req.url, urgency: req.headers.urgency, auth: String(req.headers.authorization || '') });
        res.writeHead(201).end();
      });
    });
    await new Promise((resolve) => standIn.listen(0, '127.0.0.1', resolve));
    const endpointBase = `http://127.0.0.1:${standIn.address().port}`;
    const world = await activePair();
    const clientCtx = await newContext(shared.browser, shared.neutral.url);
    const volunteerCtx = await newContext(shared.browser, shared.neutral.url, { serviceWorkers: 'allow' });
    try {
      await volunteerCtx.grantPermissions(['notifications'], { origin: BASE });
      // The browser's push service is not reachable from here: its subscription is a local stand-in
      // with a real P-256 key, to which the server sends the real (VAPID-signed, encrypted) wake.
      const ecdh = createECDH('prime256v1');
      ecdh.generateKeys();
      const keys = { p256dh: ecdh.getPublicKey().toString('base64url'), auth: randomBytes(16).toString('base64url') };
      await volunteerCtx.addInitScript(({ endpoint, keys }) => {
        let current = null;
        const make = () => ({ endpoint, expirationTime: null, toJSON: () => ({ endpoint, expirationTime: null, keys }),
          unsubscribe: async () => { current = null; return true; } });
        PushManager.prototype.subscribe = async function subscribe(options) {
          if (!options?.userVisibleOnly || !(options.applicationServerKey?.length === 65)) throw new Error('bad options');
          current = make();
          return current;
        };
        PushManager.prototype.getSubscription = async function getSubscription() { return current; };
      }, { endpoint: `${endpointBase}/sub/kp`, keys });

      const client = await clientCtx.newPage();
      const volunteer = await volunteerCtx.newPage();
      const problems = [watchPage(client), watchPage(volunteer)];
      await setUpDevice(client, { code: world.clientCode });
      await client.click('[data-screen="settings"]');
      assert.equal(await client.textContent('#push-status'), sv['push.isOff'], 'off until she chooses');
      assert.match(await client.textContent('section[aria-labelledby="settings-push"]'), /låsskärmen/);

      await setUpDevice(volunteer, { code: world.volunteerCode });
      await volunteer.waitForSelector('#push-enable');
      await volunteer.click('#push-enable');
      await volunteer.waitForSelector('#push-disable', { timeout: 10000 });
      assert.equal(await volunteer.textContent('#push-status'), sv['push.isOn']);
      await volunteer.waitForFunction(async () => (await import('/app/messaging.js')).isLive());

      await client.click('[data-screen="home"]');
      await needHelp(client, 'nu');
      const push = await eventually(() => pushes.find((p) => p.path === '/sub/kp' && p.urgency === 'high'), { message: 'a high-urgency wake at the stand-in', timeout: 15000 });
      assert.match(push.auth, /^vapid t=[\w-]+\.[\w-]+\.[\w-]+, k=[\w-]+$/);

      // Off again: the server forgets the subscription.
      await volunteer.click('[data-screen="settings"]');
      await volunteer.click('#push-disable');
      await volunteer.waitForSelector('#push-enable');
      assert.deepEqual(problems.flat(), []);
    } finally {
      await clientCtx.close();
      await volunteerCtx.close();
      await new Promise((resolve) => standIn.close(resolve));
    }
  });
});

describe('the client\'s defences and the kontaktperson\'s support', () => {
  test('the client reports a worry about her kontaktperson and ends the contact; the chat closes on both phones', async () => {
    const world = await activePair();
    await withPhones(world, async (client, volunteer) => {
      await client.click('[data-screen="settings"]');
      await client.click('#open-report');
      await client.click('#report-submit');
      assert.equal(await client.textContent('#report-error'), sv['contact.reportMissing'], 'an empty worry is caught first');
      await client.fill('#report-text', 'Han frågar hela tiden var jag bor');
      await client.click('#report-submit');
      await client.waitForSelector('#report-sent');
      assert.equal(await client.textContent('#report-sent'), sv['contact.reportSent']);
      const findings = await axe(client, 'sv', 'client-settings-contact');
      assert.ok((await staffItems(world.token)).some((i) => i.kind === 'CLIENT_CONCERN'), 'in the coordinators\' worklist');

      await client.click('#open-end');
      assert.equal(await client.textContent('#end-confirm-text'), sv['contact.endConfirm']);
      await client.click('#end-yes');
      await client.waitForSelector('#end-done');
      assert.ok((await staffItems(world.token)).some((i) => i.kind === 'CONTACT_ENDED_BY_CLIENT'));

      await client.click('[data-screen="chat"]');
      await client.waitForSelector('#chat-closed:not([hidden])');
      assert.ok(await client.isDisabled('#send'));
      await volunteer.click('#open-chat');
      await volunteer.waitForSelector('#chat-closed:not([hidden])');
      assert.equal(await volunteer.textContent('#chat-closed'), sv['chat.closed']);
      assert.deepEqual(findings, []);
    });
  });

  test('a kontaktperson tells her coordinators that a child may be at risk, and is told what happens next', async () => {
    const world = await activePair();
    const volunteerCtx = await newContext(shared.browser, shared.neutral.url);
    try {
      const volunteer = await volunteerCtx.newPage();
      const problems = watchPage(volunteer);
      await setUpDevice(volunteer, { code: world.volunteerCode });
      await volunteer.click('#open-support');
      await volunteer.waitForSelector('#support-form');
      await volunteer.check('input[name="kind"][value="CHILD_AT_RISK"]');
      await volunteer.click('#support-submit');
      assert.equal(await volunteer.textContent('#support-error'), sv['support.missingText'], 'what the worry is, first');
      await volunteer.waitForSelector(`#support-client option[value="${world.clientId}"]`, { state: 'attached' });
      await volunteer.selectOption('#support-client', world.clientId);
      await volunteer.fill('#support-text', 'Lillasystern får inte gå till skolan');
      const findings = await axe(volunteer, 'sv', 'volunteer-support');
      await volunteer.click('[data-screen="settings"]');
      await volunteer.selectOption('#language', 'ar');
      await volunteer.waitForSelector('html[lang="ar"]');
      await volunteer.click('[data-screen="home"]');
      await volunteer.click('#open-support');
      await volunteer.waitForSelector('#support-form');
      findings.push(...await axe(volunteer, 'ar', 'volunteer-support'));
      await volunteer.check('input[name="kind"][value="CHILD_AT_RISK"]');
      await volunteer.waitForSelector(`#support-client option[value="${world.clientId}"]`, { state: 'attached' });
      await volunteer.selectOption('#support-client', world.clientId);
      await volunteer.fill('#support-text', 'Lillasystern får inte gå till skolan');
      await volunteer.click('#support-submit');
      await volunteer.waitForSelector('#support-sent');
      assert.match(await volunteer.textContent('#support-sent'), /الخدمات الاجتماعية/, 'what happens next, in her language');
      const item = (await staffItems(world.token)).find((i) => i.kind === 'CHILD_AT_RISK');
      assert.equal(item?.urgency, 'URGENT');
      const requests = await api('GET', '/api/support-requests', world.token);
      assert.ok(requests.json.some((r) => r.clientId === world.clientId && r.text === 'Lillasystern får inte gå till skolan'));
      assert.deepEqual(findings, []);
      assert.deepEqual(problems, []);
    } finally {
      await volunteerCtx.close();
    }
  });
});

describe('check-ins on both phones', () => {
  test('the kontaktperson proposes a schedule, the client agrees on her phone, both see the next check-in; the kontaktperson sees every answer and the trend', async () => {
    const world = await activePair();
    await withPhones(world, async (client, volunteer) => {
      assert.equal(await volunteer.locator('[data-screen="checkin"]').count(), 0, 'the kontaktperson has no check-in form');
      await volunteer.click('#open-checkins-0');
      await volunteer.waitForSelector('#schedule-body');
      assert.match(await volunteer.textContent('h1'), new RegExp(world.pseudonym));
      await volunteer.click('#schedule-propose summary');
      await volunteer.selectOption('#schedule-day', '4');
      await volunteer.fill('#schedule-time', '19:30');
      await volunteer.click('#schedule-submit');
      await volunteer.waitForSelector('#schedule-state[data-state="waiting"]');

      await client.reload();
      await client.waitForSelector('#unlock-pin');
      await client.fill('#unlock-pin', '135792');
      await client.click('#unlock-submit');
      await client.waitForSelector('#checkin-next');
      await eventually(async () => (await client.textContent('#checkin-next')) === sv['home.checkinProposed'], { message: 'the proposal on Start' });
      await client.click('#open-schedule');
      await client.waitForSelector('#schedule-agree');
      assert.match(await client.textContent('#schedule-text'), /19:30/);
      const findings = await axe(client, 'sv', 'client-checkins');
      await client.click('#schedule-agree');
      await client.waitForSelector('#schedule-state[data-state="agreed"]');
      await client.click('[data-screen="home"]');
      await eventually(async () => (await client.textContent('#checkin-next')).startsWith('Nästa incheckning:'), { message: 'the next check-in on Start' });

      // Two answers reach the kontaktperson: every answer, the trend and its table.
      await volunteer.waitForFunction(async () => (await import('/app/messaging.js')).isLive());
      for (const [mood, safety] of [['2', '2'], ['4', '5']]) {
        await client.click('[data-screen="checkin"]');
        await client.check('input[name="status"][value="OK"]');
        await client.check(`input[name="mood"][value="${mood}"]`);
        await client.check(`input[name="safety"][value="${safety}"]`);
        await client.click('#checkin-submit');
        await client.waitForSelector('#checkin-next');
      }
      await volunteer.click('[data-screen="home"]');
      await volunteer.click('#open-checkins-0');
      await eventually(async () => (await volunteer.locator('#received-list li').count()) >= 2, { message: 'two answers', timeout: 15000 });
      assert.equal(await volunteer.locator('svg.trend polyline').count(), 2);
      const table = await volunteer.textContent('.trend-table');
      for (const label of [sv['checkin.mood2'], sv['checkin.mood4'], sv['checkin.safe5']]) assert.ok(table.includes(label), label);
      assert.equal(await volunteer.textContent('#missed-none'), sv['checkins.missedNone']);
      findings.push(...await axe(volunteer, 'sv', 'volunteer-checkins'));
      await volunteer.click('[data-screen="settings"]');
      await volunteer.selectOption('#language', 'ar');
      await volunteer.waitForSelector('html[lang="ar"]');
      await volunteer.click('[data-screen="checkins"]');
      await volunteer.waitForSelector('#received-list');
      findings.push(...await axe(volunteer, 'ar', 'volunteer-checkins'));
      assert.deepEqual(findings, []);
    });
  });
});

describe('the chat', () => {
  test('like the messengers people know: newest at the bottom, grouped by day, the sender named once per run, "Läst" when read, and the outbox count on Start follows delivery', async () => {
    const world = await activePair();
    await withPhones(world, async (client, volunteer) => {
      await volunteer.click('#open-conversation-0');
      await volunteer.waitForFunction(async () => (await import('/app/messaging.js')).isLive());

      // Offline, a message waits and Start says so; back online, Start follows the delivery.
      await client.click('#open-chat');
      await client.waitForFunction(async () => (await import('/app/messaging.js')).isLive());
      await client.context().setOffline(true);
      await client.fill('#message', 'Första');
      await client.click('#send');
      await client.click('[data-screen="home"]');
      assert.equal(await client.textContent('#chat-queued'), sv['home.queued'].replace('{n}', '1'));
      await client.context().setOffline(false);
      await eventually(async () => (await client.textContent('#chat-queued')) === sv['home.chatText'], { message: 'Start no longer says it waits', timeout: 20000 });

      await client.click('#open-chat');
      await client.fill('#message', 'Andra');
      await client.click('#send');
      await volunteer.locator('.msg-in', { hasText: 'Andra' }).waitFor({ timeout: 15000 });
      assert.equal(await volunteer.locator('.messages .day').count(), 1, 'one day heading');
      assert.equal(await volunteer.locator('.msg-in .msg-who').count(), 1, 'the sender named once for the run');
      assert.equal(await volunteer.textContent('.msg-in .msg-who'), world.pseudonym, 'the kontaktperson sees her client by pseudonym');
      const atBottom = await volunteer.evaluate(() => {
        const last = document.querySelector('#messages').lastElementChild.getBoundingClientRect();
        const composer = document.querySelector('#composer').getBoundingClientRect();
        return last.bottom <= composer.top + 1 && last.bottom > 0;
      });
      assert.ok(atBottom, 'the newest message is in view, above the pinned composer');
      // The kontaktperson has the chat open: the client sees both messages read.
      await client.locator('.msg-out', { hasText: 'Andra' }).locator('.msg-meta', { hasText: sv['chat.stateRead'] }).waitFor({ timeout: 15000 });
      await client.locator('.msg-out', { hasText: 'Första' }).locator('.msg-meta', { hasText: sv['chat.stateRead'] }).waitFor({ timeout: 15000 });
    });
  });

  test('after the client wipes her phone, the kontaktperson is told that the other phone is not connected', async () => {
    const world = await activePair();
    await withPhones(world, async (client, volunteer) => {
      await client.click('[data-screen="settings"]');
      await client.click('#wipe');
      await client.click('#wipe-yes');
      await client.waitForURL(/weather/);
      const devices = await api('GET', `/api/devices?kind=CLIENT&subjectId=${world.clientId}`, world.token);
      assert.ok(devices.json.every((d) => d.revokedAt), 'the wipe revoked the device on the server first');

      await volunteer.click('#open-conversation-0');
      await volunteer.fill('#message', 'Hur är det?');
      await volunteer.click('#send');
      await volunteer.locator('.msg-out', { hasText: 'Hur är det?' }).locator('.msg-meta', { hasText: sv['chat.statePeerMissing'] })
        .waitFor({ timeout: 15000 });
    });
  });
});

describe('safety code', () => {
  test('a new phone of the client shows the kontaktperson a notice; both phones show the same code to compare, and comparing clears it', async () => {
    const world = await activePair();
    const contexts = [];
    const open = async (code) => {
      const ctx = await newContext(shared.browser, shared.neutral.url);
      contexts.push(ctx);
      const page = await ctx.newPage();
      await setUpDevice(page, { code });
      return page;
    };
    try {
      const client = await open(world.clientCode);
      const volunteer = await open(world.volunteerCode);
      await volunteer.click('#open-conversation-0');
      await volunteer.waitForFunction(async () => (await import('/app/messaging.js')).isLive());
      await client.click('#open-chat');
      await client.fill('#message', 'Hej');
      await client.click('#send');
      await volunteer.locator('.msg-in', { hasText: 'Hej' }).waitFor({ timeout: 15000 });
      await volunteer.fill('#message', 'Hej hej');
      await volunteer.click('#send');
      await volunteer.locator('#safety-details').waitFor();
      assert.equal(await volunteer.locator('#safety-changed').count(), 0, 'the first phones are trusted as they are');

      // The client pairs a new phone: the kontaktperson's next send sees a new key.
      const newPhone = await open(await pairingCode(world.token, 'CLIENT', world.clientId));
      await newPhone.waitForFunction(async () => (await import('/app/messaging.js')).isLive());
      await volunteer.fill('#message', 'Ny telefon?');
      await volunteer.click('#send');
      await volunteer.locator('#safety-changed').waitFor({ timeout: 15000 });
      assert.match(await volunteer.textContent('#safety-changed'), new RegExp(world.pseudonym));
      await newPhone.click('#open-chat');
      await newPhone.locator('.msg-in', { hasText: 'Ny telefon?' }).waitFor({ timeout: 15000 });
      await newPhone.fill('#message', 'Ja');
      await newPhone.click('#send');
      await newPhone.locator('#safety-details').waitFor();
      const codes = [await volunteer.textContent('#safety-code'), await newPhone.textContent('#safety-code')];
      assert.match(codes[0], /^\d{5} \d{5} \d{5} \d{5}$/);
      await eventually(async () => (await newPhone.textContent('#safety-code')) === (await volunteer.textContent('#safety-code')), { message: 'the same code on both phones' });
      const findings = await axe(volunteer, 'sv', 'volunteer-chat-safety');
      await volunteer.click('#safety-details summary');
      await volunteer.click('#safety-verified');
      await eventually(async () => (await volunteer.locator('#safety-changed').count()) === 0, { message: 'compared' });
      assert.deepEqual(findings, []);
    } finally {
      for (const c of contexts) await c.close();
    }
  });
});

describe('in Arabic', () => {
  test('the changed screens have no serious or critical axe findings right-to-left: the client\'s alarm and schedule, the kontaktperson\'s pinned alarm', async () => {
    const world = await activePair();
    await withPhones(world, async (client, volunteer) => {
      for (const page of [client, volunteer]) {
        await page.click('[data-screen="settings"]');
        await page.selectOption('#language', 'ar');
        await page.waitForSelector('html[lang="ar"][dir="rtl"]');
      }
      await volunteer.click('[data-screen="home"]');
      await volunteer.waitForFunction(async () => (await import('/app/messaging.js')).isLive());
      await needHelp(client, 'الآن');
      await client.waitForSelector('#help-alerted-text[data-state="sent"]', { timeout: 15000 });
      const findings = await axe(client, 'ar', 'client-help-alerted');
      await volunteer.locator('.alarm-card').waitFor({ timeout: 15000 });
      findings.push(...await axe(volunteer, 'ar', 'volunteer-start-alarm'));
      await client.click('[data-screen="home"]');
      await client.click('#open-schedule');
      await client.waitForSelector('#schedule-state');
      findings.push(...await axe(client, 'ar', 'client-checkins'));
      assert.deepEqual(findings, []);
    });
  });
});
