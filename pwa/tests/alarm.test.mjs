// The alarm loop in the real browser against the real backend: a client's "I need help now" is said to be
// sent only when the server has it, is pinned on the kontaktperson's phone with every answer, is in the
// coordinators' worklist, and the client sees who saw it and when; push on both phones.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createECDH, randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BASE, eventually, launch, newContext, startNeutralSite, watchPage } from './helpers/browser.mjs';
import { setUpDevice } from './helpers/app.mjs';
import { activePair, api } from './helpers/realapi.mjs';

const sv = JSON.parse(readFileSync(new URL('../src/i18n/sv.json', import.meta.url), 'utf8'));
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const SHOTS = join(dirname(fileURLToPath(import.meta.url)), '..', 'screenshots');

let browser;
let neutral;

before(async () => {
  browser = await launch();
  neutral = await startNeutralSite();
});
after(async () => {
  await browser?.close();
  await neutral?.close();
});

async function axe(page, lang, name) {
  await mkdir(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, `${lang}-${name}.png`), fullPage: true });
  await page.evaluate(AXE);
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${lang} ${name}: ${v.id}`);
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
    const clientCtx = await newContext(browser, neutral.url);
    const volunteerCtx = await newContext(browser, neutral.url);
    try {
      const client = await clientCtx.newPage();
      const volunteer = await volunteerCtx.newPage();
      const problems = [watchPage(client), watchPage(volunteer)];
      await setUpDevice(client, { code: world.clientCode });
      await setUpDevice(volunteer, { code: world.volunteerCode });
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
      assert.deepEqual(problems.flat(), []);
    } finally {
      await clientCtx.close();
      await volunteerCtx.close();
    }
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
    const clientCtx = await newContext(browser, neutral.url);
    const volunteerCtx = await newContext(browser, neutral.url, { serviceWorkers: 'allow' });
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
