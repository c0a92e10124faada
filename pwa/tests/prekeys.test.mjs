// Weekly pre-key rotation (docs/protocol.md §8): the rules with explicit times, and a real rotation on a
// paired device against the real backend — new key published, old envelopes still open, new ones use it.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, newContext, sharedBrowser } from './helpers/browser.mjs';
import { pairedDevice, unlock } from './helpers/app.mjs';
import { activePair } from './helpers/realapi.mjs';

const DAY = 86400_000;

const shared = sharedBrowser();

describe('pre-key rotation', () => {
  test('the rules: due after a week, ids count up, a superseded key goes after G and a later full sync, or at R + C', async () => {
    const context = await newContext(shared.browser, shared.neutral.url);
    try {
      const page = await context.newPage();
      await page.goto(BASE + '/');
      const r = await page.evaluate(async (day) => {
        const m = await import('/app/prekeyrotation.js');
        const t0 = 1_800_000_000_000;
        const k1 = { keyId: 1, createdAt: t0, supersededAt: t0 + 7 * day };
        const k2 = { keyId: 2, createdAt: t0 + 7 * day };
        const ids = (keys) => keys.map((k) => k.keyId);
        return {
          notYet: m.due([{ keyId: 1, createdAt: t0 }], t0 + 7 * day - 1),
          due: m.due([{ keyId: 1, createdAt: t0 }], t0 + 7 * day),
          next: m.nextKeyId([{ keyId: 3 }, { keyId: 9 }, { keyId: 4 }]),
          // superseded at s = t0 + 7d
          beforeGrace: ids(m.kept([k1, k2], t0 + 13 * day, t0 + 13 * day)),
          graceButNoLaterSync: ids(m.kept([k1, k2], t0 + 15 * day, t0 + 7 * day + day - 1)),
          graceAndLaterSync: ids(m.kept([k1, k2], t0 + 15 * day, t0 + 8 * day)),
          neverSyncedButRPlusC: ids(m.kept([k1, k2], t0 + 7 * day + 31 * day, null)),
          neverSyncedBefore: ids(m.kept([k1, k2], t0 + 7 * day + 31 * day - 1, null)),
          newestAlwaysKept: ids(m.kept([k2], t0 + 400 * day, t0 + 400 * day)),
        };
      }, DAY);
      assert.deepEqual(r, {
        notYet: false, due: true, next: 10, beforeGrace: [1, 2], graceButNoLaterSync: [1, 2], graceAndLaterSync: [2],
        neverSyncedButRPlusC: [2], neverSyncedBefore: [1, 2], newestAlwaysKept: [2],
      });
    } finally {
      await context.close();
    }
  });

  test('a week-old pre-key is replaced and published; envelopes to the old key still open, new ones use the new key', async () => {
    const world = await activePair();
    const device = (code) => pairedDevice(shared.browser, shared.neutral.url, code);
    const client = await device(world.clientCode);
    const volunteer = await device(world.volunteerCode);
    const send = async (page, text) => {
      await page.fill('#message', text);
      await page.click('#send');
    };
    const incoming = (page, text) => page.locator('.msg-in .msg-text', { hasText: text }).waitFor({ timeout: 15000 });
    try {
      await client.page.click('#open-chat');
      await volunteer.page.click('#open-chat');
      await send(client.page, 'Före 1111');
      await incoming(volunteer.page, 'Före 1111');

      // Sealed to the volunteer's first pre-key while the volunteer is away.
      await volunteer.context.setOffline(true);
      await send(client.page, 'Medan du var borta 2222');
      await client.page.locator('.msg-out', { hasText: '2222' }).locator('.msg-meta', { hasText: /Skickat|Sent/ })
        .waitFor({ timeout: 15000 });

      // A week later: the volunteer's pre-key is 8 days old when the app next starts.
      await volunteer.page.evaluate(async (age) => {
        const session = await import('/app/session.js');
        const vault = session.currentVault();
        const record = vault.one('device');
        const keys = record.data.preKeys;
        keys[keys.length - 1].createdAt -= age;
        await vault.put('device', record.data, record.id);
      }, 8 * DAY);
      await volunteer.context.setOffline(false);
      await volunteer.page.click('[data-screen="settings"]');
      await volunteer.page.click('#lock-now');
      await volunteer.page.waitForSelector('#unlock-pin');
      await unlock(volunteer.page);
      await volunteer.page.waitForSelector('#open-chat');
      await volunteer.page.click('#open-chat');
      await incoming(volunteer.page, 'Medan du var borta 2222');

      const state = await volunteer.page.evaluate(async () => {
        const session = await import('/app/session.js');
        const keys = session.currentDevice().preKeys;
        const token = await session.token();
        const conversations = await (await fetch('/api/conversations', { headers: { authorization: `Bearer ${token}` } })).json();
        const bundles = await (await fetch(`/api/conversations/${conversations[0].id}/devices`,
          { headers: { authorization: `Bearer ${token}` } })).json();
        const me = session.currentDevice().deviceId;
        return { keyIds: keys.map((k) => k.keyId), superseded: keys[0].supersededAt > 0,
          published: bundles.find((b) => b.deviceId === me)?.preKey?.keyId };
      });
      assert.deepEqual(state.keyIds, [1, 2], 'the old private key is kept for envelopes still on their way');
      assert.equal(state.superseded, true);
      assert.equal(state.published, 2, 'the server serves the new pre-key to senders');

      // The client seals to the new key now; the volunteer opens it, and answers.
      await send(client.page, 'Efter 3333');
      await incoming(volunteer.page, 'Efter 3333');
      await send(volunteer.page, 'Svar 4444');
      await incoming(client.page, 'Svar 4444');
      assert.deepEqual([...client.problems, ...volunteer.problems], []);
    } finally {
      await client.close();
      await volunteer.close();
    }
  });
});
