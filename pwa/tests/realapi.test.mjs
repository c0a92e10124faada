// The phone app against the real backend, no stand-in: a coordinator (the demo account, TOTP enrolled
// over HTTP) creates a client, an approved volunteer and their ACTIVE assignment, issues pairing codes,
// and two browser contexts pair with them.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { launch, newContext, startNeutralSite, watchPage } from './helpers/browser.mjs';
import { setUpDevice } from './helpers/app.mjs';
import { activePair, api, totp } from './helpers/realapi.mjs';

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
});
