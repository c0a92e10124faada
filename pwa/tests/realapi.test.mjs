// The phone app against the real backend, no stand-in: a coordinator (the demo account, TOTP enrolled
// over HTTP) creates a client, an approved volunteer and their ACTIVE assignment, issues pairing codes,
// and two browser contexts pair with them.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch, newContext, startNeutralSite, watchPage } from './helpers/browser.mjs';
import { rawStore, setUpDevice } from './helpers/app.mjs';
import { activePair, api, pairingCode, totp } from './helpers/realapi.mjs';

const sv = JSON.parse(readFileSync(new URL('../src/i18n/sv.json', import.meta.url), 'utf8'));
const SENT = sv['chat.stateSent'] ?? sv.chat?.stateSent;
// Delivered, or already read when the other has the chat open.
const DELIVERED = new RegExp(`${sv['chat.stateDelivered']}|${sv['chat.stateRead']}`);
const QUEUED = sv['chat.stateQueued'] ?? sv.chat?.stateQueued;

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

describe('real API', () => {
  test('the TOTP helper computes the RFC 6238 SHA-1 test vector', () => {
    // RFC 6238 appendix B: secret "12345678901234567890", T = 59 s (step 1) gives 94287082 (8 digits).
    assert.equal(totp(Buffer.from('12345678901234567890'), 1), '287082');
  });

  test('a client and a kontaktperson pair with codes the coordinator issued and the server lists both devices', async () => {
    const world = await activePair();
    const assignment = await api('GET', `/api/assignments/${world.assignmentId}`, world.token);
    assert.equal(assignment.json.state, 'ACTIVE');

    const client = await newContext(browser, neutral.url);
    const volunteer = await newContext(browser, neutral.url);
    try {
      const clientPage = await client.newPage();
      const volunteerPage = await volunteer.newPage();
      const problems = [...[watchPage(clientPage), watchPage(volunteerPage)]];
      await setUpDevice(clientPage, { code: world.clientCode });
      await setUpDevice(volunteerPage, { code: world.volunteerCode });
      assert.equal(await clientPage.locator('h1').textContent(), 'Hej!');

      for (const [kind, subjectId] of [['CLIENT', world.clientId], ['VOLUNTEER', world.volunteerId]]) {
        const devices = await api('GET', `/api/devices?kind=${kind}&subjectId=${subjectId}`, world.token);
        assert.equal(devices.status, 200, devices.text);
        assert.equal(devices.json.filter((d) => !d.revokedAt).length, 1, `one ${kind} device registered`);
      }

      const reuse = await api('POST', '/api/devices/pair', null,
        { code: world.clientCode, identityKey: Buffer.alloc(32, 7).toString('base64url') });
      assert.ok(reuse.status >= 400 && reuse.status < 500, 'a pairing code works once');
      assert.deepEqual(problems.flat(), []);
    } finally {
      await client.close();
      await volunteer.close();
    }
  });

  test('client and kontaktperson exchange messages live both ways with delivered receipts, and an offline side catches up by sync', async () => {
    const world = await activePair();
    const clientCtx = await newContext(browser, neutral.url);
    const volunteerCtx = await newContext(browser, neutral.url);
    try {
      const client = await clientCtx.newPage();
      const volunteer = await volunteerCtx.newPage();
      const problems = [watchPage(client), watchPage(volunteer)];
      await setUpDevice(client, { code: world.clientCode });
      await setUpDevice(volunteer, { code: world.volunteerCode });
      await client.click('#open-chat');
      await volunteer.click('#open-chat');

      const send = async (page, text) => {
        await page.fill('#message', text);
        await page.click('#send');
      };
      const incoming = (page, text) => page.locator('.msg-in .msg-text', { hasText: text }).waitFor({ timeout: 15000 });

      const hello = 'Hej, jag är här 7781 مرحبا';
      await send(client, hello);
      await incoming(volunteer, hello);
      // The kontaktperson's device returns a delivered receipt (an envelope like any other).
      await client.locator('.msg-out', { hasText: hello }).locator('.msg-meta', { hasText: DELIVERED })
        .waitFor({ timeout: 15000 });
      const reply = 'Hej! Vi ses på torsdag 9912';
      await send(volunteer, reply);
      await incoming(client, reply);

      // The client goes offline; the kontaktperson writes; the client comes back and syncs.
      await clientCtx.setOffline(true);
      const whileAway = 'Skrev medan du var borta 5530';
      await send(volunteer, whileAway);
      await volunteer.locator('.msg-out', { hasText: whileAway }).waitFor();
      await volunteer.locator('.msg-out', { hasText: whileAway }).locator('.msg-meta', { hasText: SENT })
        .waitFor({ timeout: 15000 });
      assert.equal(await client.locator('.msg-in', { hasText: whileAway }).count(), 0, 'not delivered while offline');
      await clientCtx.setOffline(false);
      await client.evaluate(() => dispatchEvent(new Event('online')));
      await incoming(client, whileAway);

      // Messages written while offline wait in the outbox and leave when the connection returns.
      await volunteerCtx.setOffline(true);
      const queued = 'Från kön 6612';
      await send(volunteer, queued);
      await volunteer.locator('.msg-out', { hasText: queued }).locator('.msg-meta', { hasText: QUEUED }).waitFor();
      await volunteerCtx.setOffline(false);
      await volunteer.evaluate(() => dispatchEvent(new Event('online')));
      await incoming(client, queued);

      for (const [page, texts] of [[client, [hello, reply, whileAway, queued]], [volunteer, [hello, reply, whileAway, queued]]]) {
        await page.click('[data-screen="settings"]');
        await page.click('#lock-now');
        await page.waitForSelector('#unlock-pin');
        const dump = JSON.stringify(await rawStore(page));
        for (const text of texts) {
          for (const needle of [text, text.match(/\d{4}/)[0], JSON.stringify([...Buffer.from(text.match(/\d{4}/)[0])]).slice(1, -1)]) {
            assert.ok(!dump.includes(needle), `"${needle}" of an exchanged message found in IndexedDB`);
          }
        }
      }
      assert.deepEqual(problems.flat(), []);
    } finally {
      await clientCtx.close();
      await volunteerCtx.close();
    }
  });

  test('a message is sealed for every device of the peer and for the sender\'s own other device', async () => {
    const world = await activePair();
    const secondCode = await pairingCode(world.token, 'CLIENT', world.clientId);
    const contexts = [await newContext(browser, neutral.url), await newContext(browser, neutral.url),
      await newContext(browser, neutral.url)];
    try {
      const [phone, tablet, volunteer] = await Promise.all(contexts.map((c) => c.newPage()));
      await setUpDevice(phone, { code: world.clientCode });
      await setUpDevice(tablet, { code: secondCode });
      await setUpDevice(volunteer, { code: world.volunteerCode });
      for (const page of [phone, tablet, volunteer]) {
        await page.click('#open-chat');
        await page.waitForFunction(async () => (await import('/app/messaging.js')).isLive());
      }
      const text = 'Till alla mina enheter 2718';
      await phone.fill('#message', text);
      await phone.click('#send');
      await volunteer.locator('.msg-in .msg-text', { hasText: text }).waitFor({ timeout: 15000 });
      const ownCopy = tablet.locator('.msg-out .msg-text', { hasText: text });
      await ownCopy.waitFor({ timeout: 15000 });
      assert.equal(await tablet.locator('.msg-in', { hasText: text }).count(), 0, 'the own copy is shown as sent by me');
    } finally {
      for (const c of contexts) await c.close();
    }
  });

  test('a need-help check-in shows the client 112 and who was alerted, and reaches the kontaktperson and the coordinator', async () => {
    const world = await activePair();
    const clientCtx = await newContext(browser, neutral.url);
    const volunteerCtx = await newContext(browser, neutral.url);
    try {
      const client = await clientCtx.newPage();
      const volunteer = await volunteerCtx.newPage();
      const problems = [watchPage(client), watchPage(volunteer)];
      await setUpDevice(client, { code: world.clientCode });
      await setUpDevice(volunteer, { code: world.volunteerCode });
      await volunteer.click('#open-chat');
      // The client's answer is sealed for the kontaktperson's devices, so theirs must be published first.
      await volunteer.waitForFunction(async () => (await import('/app/messaging.js')).isLive());

      await client.click('[data-screen="checkin"]');
      await client.check('input[name="status"][value="NEED_HELP"]');
      await client.fill('#checkin-note', 'Han står utanför 3141');
      await client.click('#checkin-submit');
      await client.waitForSelector('a[href="tel:112"]', { timeout: 3000 });
      assert.ok(await client.isVisible('#national-lines'), 'the support lines on the screen');
      await client.waitForSelector('#help-alerted-text[data-state="sent"]', { timeout: 15000 });

      const alert = volunteer.locator('.msg-checkin.msg-alert');
      await alert.waitFor({ timeout: 15000 });
      assert.match(await alert.textContent(), new RegExp(sv['checkin.safetyHelp']));
      assert.match(await alert.textContent(), /Han står utanför 3141/);

      const worklist = await api('GET', '/api/notifications', world.token);
      assert.equal(worklist.status, 200, worklist.text);
      assert.ok(worklist.json.some((n) => n.kind === 'NEED_HELP' && n.urgency === 'URGENT'), `the coordinator is alerted: ${worklist.text.slice(0, 300)}`);
      const alarms = await api('GET', '/api/alarms', world.token);
      assert.ok(alarms.json.some((a) => a.clientId === world.clientId), 'the desk can tell whose alarm it is');
      assert.deepEqual(problems.flat(), []);
    } finally {
      await clientCtx.close();
      await volunteerCtx.close();
    }
  });

  test('the chat screen with real messages has no serious or critical axe findings in Swedish and Arabic', async () => {
    const world = await activePair();
    const clientCtx = await newContext(browser, neutral.url);
    const volunteerCtx = await newContext(browser, neutral.url);
    try {
      const client = await clientCtx.newPage();
      const volunteer = await volunteerCtx.newPage();
      await setUpDevice(client, { code: world.clientCode });
      await setUpDevice(volunteer, { code: world.volunteerCode });
      await client.click('#open-chat');
      await volunteer.click('#open-chat');
      await client.fill('#message', 'Hej! Hur har du det?');
      await client.click('#send');
      await volunteer.locator('.msg-in').waitFor({ timeout: 15000 });
      await volunteer.fill('#message', 'مرحبا، أنا بخير');
      await volunteer.click('#send');
      await client.locator('.msg-in').waitFor({ timeout: 15000 });
      await mkdir(SHOTS, { recursive: true });
      const findings = [];
      for (const lang of ['sv', 'ar']) {
        if (lang !== 'sv') {
          await client.click('[data-screen="settings"]');
          await client.selectOption('#language', lang);
          await client.waitForSelector(`html[lang="${lang}"]`);
          await client.click('[data-screen="chat"]');
          await client.locator('.msg-in').waitFor();
        }
        await client.screenshot({ path: join(SHOTS, `${lang}-chat-live.png`), fullPage: true });
        await client.evaluate(AXE);
        const result = await client.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
        for (const v of result.violations) findings.push({ lang, id: v.id, impact: v.impact });
      }
      const blocking = findings.filter((f) => f.impact === 'serious' || f.impact === 'critical');
      assert.deepEqual(blocking, [], JSON.stringify(findings));
    } finally {
      await clientCtx.close();
      await volunteerCtx.close();
    }
  });
});
