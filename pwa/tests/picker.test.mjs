// A kontaktperson with two clients: the home lists them by pseudonym, each chat shows and sends to its own
// conversation only, and a contact that ends leaves the list while the other goes on. Real backend.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { sharedBrowser } from './helpers/browser.mjs';
import { pairedDevice } from './helpers/app.mjs';
import { api, twoClientsOneVolunteer } from './helpers/realapi.mjs';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

const shared = sharedBrowser();

const device = (code) => pairedDevice(shared.browser, shared.neutral.url, code);

const send = async (page, text) => {
  await page.fill('#message', text);
  await page.click('#send');
};
const incoming = (page, text) => page.locator('.msg-in .msg-text', { hasText: text }).waitFor({ timeout: 15000 });

/** Home, then the chat with the client of that pseudonym. */
async function openChatWith(page, pseudonym) {
  await page.click('[data-screen="home"]');
  const button = page.locator('#client-list button[id^="open-conversation-"]', { hasText: pseudonym });
  await button.waitFor({ timeout: 15000 });
  await button.click();
  await page.waitForSelector('#message');
  assert.ok((await page.textContent('h1')).includes(pseudonym), 'the chat names the client by pseudonym');
}

describe('a kontaktperson with two clients', () => {
  test('each conversation is chosen by pseudonym, shows and sends only its own messages, and an ended one leaves the list', async () => {
    const world = await twoClientsOneVolunteer();
    const [a, b] = world.clients;
    const volunteer = await device(world.volunteerCode);
    const clientA = await device(a.code);
    const clientB = await device(b.code);
    try {
      const buttons = volunteer.page.locator('#client-list button[id^="open-conversation-"]');
      await buttons.nth(1).waitFor({ timeout: 15000 });
      const labels = await buttons.allTextContents();
      assert.equal(labels.length, 2);
      assert.ok(labels.some((l) => l.includes(a.pseudonym)) && labels.some((l) => l.includes(b.pseudonym)), labels.join());

      // To B only.
      await openChatWith(volunteer.page, b.pseudonym);
      const toB = 'Till B 4411';
      await send(volunteer.page, toB);
      await clientB.page.click('#open-chat');
      await incoming(clientB.page, toB);
      await clientA.page.click('#open-chat');

      // From A: it lands under A, not in B's open chat.
      const fromA = 'Från A 5522';
      await send(clientA.page, fromA);
      await clientA.page.locator('.msg-out', { hasText: fromA }).locator('.msg-meta', { hasText: /Levererat|Delivered|Läst|Read/ })
        .waitFor({ timeout: 15000 });
      assert.equal(await volunteer.page.locator('.msg-text', { hasText: fromA }).count(), 0, 'not in B\'s chat');
      assert.equal(await clientA.page.locator('.msg-text', { hasText: toB }).count(), 0, 'A never gets B\'s message');
      await openChatWith(volunteer.page, a.pseudonym);
      await incoming(volunteer.page, fromA);
      assert.equal(await volunteer.page.locator('.msg-text', { hasText: toB }).count(), 0, 'B\'s message not in A\'s chat');
      await openChatWith(volunteer.page, b.pseudonym);
      await volunteer.page.locator('.msg-out .msg-text', { hasText: toB }).waitFor();

      // A's contact ends: A leaves the list; B goes on.
      const ended = await api('POST', `/api/assignments/${a.assignmentId}/transitions`, world.token,
        { to: 'ENDED', endReason: 'GOAL_REACHED' });
      assert.equal(ended.status, 200, ended.text);
      await volunteer.page.click('[data-screen="settings"]');
      await volunteer.page.click('[data-screen="home"]');
      await volunteer.page.locator('#client-list button[id^="open-conversation-"]', { hasText: b.pseudonym }).waitFor({ timeout: 15000 });
      assert.equal(await volunteer.page.locator('#client-list button[id^="open-conversation-"]', { hasText: a.pseudonym }).count(), 0);
      await openChatWith(volunteer.page, b.pseudonym);
      const after = 'Fortfarande här 6633';
      await send(volunteer.page, after);
      await incoming(clientB.page, after);

      // The list is accessible in Swedish and Arabic.
      for (const lang of ['sv', 'ar']) {
        await volunteer.page.click('[data-screen="settings"]');
        await volunteer.page.selectOption('#language', lang);
        await volunteer.page.waitForSelector(`html[lang="${lang}"]`);
        await volunteer.page.click('[data-screen="home"]');
        await volunteer.page.locator('#client-list button[id^="open-conversation-"]').first().waitFor({ timeout: 15000 });
        await volunteer.page.evaluate(AXE);
        const result = await volunteer.page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
        const blocking = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
        assert.deepEqual(blocking.map((v) => v.id), [], `${lang}: axe`);
      }
      assert.deepEqual([...volunteer.problems, ...clientA.problems, ...clientB.problems], []);
    } finally {
      await volunteer.close();
      await clientA.close();
      await clientB.close();
    }
  });
});
