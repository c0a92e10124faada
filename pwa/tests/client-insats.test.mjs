// The client's own insats on her phone against the real backend and PostgreSQL (issue 15): the coordinator
// proposes without consent; on her phone the client gives it herself and the municipality then sees the proposal;
// after the grant and a plan the kontaktperson wrote, she confirms the plan and the handläggare's desk shows it;
// once the insats is closed the desk shows when gallring deletes it and downloads the PDF export. Revocation from
// the app with its confirm step; axe on the phone in Swedish and Arabic (and at 320 px), on the desk in Swedish
// and English. The demo data is shared by every test file of the run: this file finds its insatser by id.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BASE, eventually, sharedBrowser, watchPage } from './helpers/browser.mjs';
import { pairedDevice } from './helpers/app.mjs';
import {
  api, approvedVolunteer, clientIntake, coordinator, handlaggare, pairingCode, plusMonths, swedishDate,
} from './helpers/realapi.mjs';
import { DESKTOP, axeBoth, deskSignIn, ok, testDevice } from './helpers/desk.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const sv = JSON.parse(readFileSync(join(HERE, '..', 'src', 'i18n', 'sv.json'), 'utf8'));
const deskSv = JSON.parse(readFileSync(join(HERE, '..', 'src', 'desk', 'i18n', 'sv.json'), 'utf8'));
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const SHOTS = join(HERE, '..', 'screenshots');
const shared = sharedBrowser();

/** A coordinator's proposal to the demo municipality, not yet consented to, and a pairing code for the client. */
async function proposalAwaitingConsent() {
  const { accessToken: token } = await coordinator();
  const { accessToken: hToken } = await handlaggare();
  const clientId = await clientIntake(token);
  const volunteerId = await approvedVolunteer(token);
  const assignment = await ok(api('POST', '/api/assignments', token, { clientId, volunteerId, kind: 'INSATS' }), 'assignment');
  const parties = await ok(api('GET', '/api/insats-parties', token), 'parties');
  const municipality = parties.find((p) => p.name === 'Exempelkommun (demo)');
  const insats = await ok(api('POST', '/api/insatser', token, { assignmentId: assignment.id, municipalityId: municipality.id,
    needs: ['BREAKING_ISOLATION'], summary: 'Behöver ett sammanhang.' }), 'proposal');
  return {
    token, hToken, clientId, volunteerId, insatsId: insats.id, municipality: municipality.name,
    clientCode: await pairingCode(token, 'CLIENT', clientId),
    volunteerCode: await pairingCode(token, 'VOLUNTEER', volunteerId),
  };
}

async function openMyInsats(page) {
  await page.click('[data-screen="home"]');
  await page.waitForSelector('#open-myinsats', { timeout: 15000 });
  await page.click('#open-myinsats');
  await page.waitForSelector('section[data-insats]');
}

async function phoneAxe(page, lang, name, findings) {
  assert.equal(await page.getAttribute('html', 'dir'), lang === 'ar' ? 'rtl' : 'ltr');
  await mkdir(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, `${lang}-${name}.png`), fullPage: true });
  await page.evaluate(AXE);
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  for (const v of result.violations) {
    if (v.impact === 'serious' || v.impact === 'critical') findings.push(`${lang} ${name}: ${v.id} ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  }
}

async function language(page, lang) {
  await page.click('[data-screen="settings"]');
  await page.selectOption('#language', lang);
  await page.waitForSelector(`html[lang="${lang}"]`);
}

/** Nothing scrolls sideways on a 320 px phone. */
async function fitsAt320(page) {
  await page.setViewportSize({ width: 320, height: 640 });
  const [scroll, width] = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
  assert.ok(scroll <= width, `no sideways scrolling at 320 px (${scroll} > ${width})`);
  await page.setViewportSize({ width: 390, height: 800 });
}

async function openDesk() {
  const context = await shared.browser.newContext({ viewport: DESKTOP, serviceWorkers: 'block', acceptDownloads: true });
  const page = await context.newPage();
  const problems = watchPage(page);
  await page.goto(`${BASE}/desk/`);
  await page.waitForSelector('#signin-form');
  await deskSignIn(page, 'handlaggare');
  try {
    await page.waitForSelector('#inbox');
  } catch (e) {
    console.log(JSON.stringify({ deskBody: (await page.textContent('body')).slice(0, 800), problems }));
    throw e;
  }
  return { context, page, problems };
}

describe('the client\'s own insats on her phone', () => {
  test('she consents in the app, the municipality sees the proposal, she confirms the plan and the desk shows it; the closed insats exports as a PDF', async () => {
    const world = await proposalAwaitingConsent();
    const id = world.insatsId;
    assert.equal((await api('GET', `/api/insatser/${id}`, world.hToken)).status, 404, 'no consent: the municipality sees nothing');
    const client = await pairedDevice(shared.browser, shared.neutral.url, world.clientCode);
    const desk = await openDesk();
    try {
      const { page } = client;
      await page.waitForSelector('#open-myinsats', { timeout: 15000 });
      assert.match(await page.textContent('#myinsats-slot'), new RegExp(sv['home.myinsatsAsk']));
      await page.click('#open-myinsats');
      await page.waitForSelector(`#consent-${id}-form`);
      assert.equal(await page.textContent(`label[for="consent-${id}-PROPOSAL"]`),
        sv['myinsats.scopeProposal'].replace('{municipality}', world.municipality));
      assert.equal(await page.isChecked(`#consent-${id}-PROPOSAL`), false, 'nothing is ticked for her');

      // Without the first box nothing is sent.
      await page.click(`#consent-${id}-give`);
      assert.equal((await page.textContent(`#consent-${id}-error`)).trim(), sv['myinsats.needProposal']);
      assert.equal((await api('GET', `/api/insatser/${id}`, world.hToken)).status, 404);

      await page.check(`#consent-${id}-PROPOSAL`);
      await page.check(`#consent-${id}-FOLLOW_UP`);
      await page.click(`#consent-${id}-give`);
      await page.waitForSelector(`#consent-${id}-given`);
      assert.match(await page.textContent(`#consent-${id}-given`), new RegExp(sv['myinsats.form.IN_APP']));
      const seen = await ok(api('GET', `/api/insatser/${id}`, world.hToken), 'the municipality sees it');
      assert.equal(seen.state, 'PROPOSED');
      assert.equal(seen.consent.form, 'IN_APP');
      assert.deepEqual([...seen.consent.scope].sort(), ['FOLLOW_UP', 'PROPOSAL']);

      // The grant, the uppdrag, and a plan written by the kontaktperson on her phone.
      const day = swedishDate();
      const start = plusMonths(`${day.slice(0, 7)}-01`, -1);
      await ok(api('POST', `/api/insatser/${id}/investigation`, world.hToken, { outcome: 'SUITABLE', investigatedOn: day }), 'investigation');
      await ok(api('POST', `/api/insatser/${id}/decision`, world.hToken, { outcome: 'GRANTED', decidedOn: day,
        legalBasis: '4 kap. 1 § SoL', periodStart: start, periodEnd: plusMonths(start, 6), hoursPerMonth: 8,
        followUpOn: swedishDate(7), caseReference: 'DEMO-CI-1' }), 'grant');
      await ok(api('PUT', `/api/insatser/${id}/uppdrag`, world.hToken, { what: 'Stöd att hitta en kör 5170', why: 'Isolering' }), 'uppdrag');
      const volunteer = await testDevice(world.volunteerCode);
      await ok(api('PUT', `/api/me/insatser/${id}/plan`, volunteer.token, { madeWithClientOn: day, goals: [{
        need: 'BREAKING_ISOLATION', goal: 'Sjunga i en kör 6284', how: 'Följa med första gången', howOften: 'Varje vecka' }] }), 'plan');

      await openMyInsats(page);
      const card = await page.textContent(`section[data-insats="${id}"]`);
      assert.ok(card.includes('Stöd att hitta en kör 5170'), 'what the kontaktperson is for');
      assert.ok(card.includes('Sjunga i en kör 6284') && card.includes(sv['need.BREAKING_ISOLATION']), 'the plan in plain words');
      assert.ok(card.includes(sv['myinsats.nextFollowUp']));
      assert.equal(await page.isVisible(`#plan-${id}-confirmed`), false, 'not confirmed before the server says so');
      await page.click(`#plan-${id}-confirm`);
      await page.waitForSelector(`#plan-${id}-confirmed`);
      const confirmation = await ok(api('GET', `/api/insatser/${id}`, world.hToken), 'detail');
      assert.deepEqual(confirmation.planConfirmation, { version: 1, confirmedOn: day });

      // The handläggare's desk: the confirmation with its version, and the consent given in the app.
      await desk.page.goto(`${BASE}/desk/#/insatser/${id}`);
      await desk.page.waitForSelector('#insats-plan .plan-confirmed');
      assert.match(await desk.page.textContent('#insats-plan .plan-confirmed'), /\(version 1\)/);
      assert.ok((await desk.page.textContent('#insats-plan .plan-confirmed')).startsWith(deskSv['hl.plan.confirmed'].split(' (')[0]));
      assert.match(await desk.page.textContent('#insats-consent'), new RegExp(deskSv['hl.consent.IN_APP']));
      const deskFindings = await axeBoth(desk.page, 'insats-plan-confirmed', '#insats-plan .plan-confirmed');

      // Closed: the page says when gallring deletes it, and the PDF downloads.
      await ok(api('POST', `/api/insatser/${id}/end`, world.hToken, { endedOn: day, reason: 'GOAL_REACHED' }), 'end');
      await desk.page.reload();
      await desk.page.waitForSelector('#insats-deleted-after');
      const ended = await ok(api('GET', `/api/insatser/${id}`, world.hToken), 'ended detail');
      assert.ok(ended.deletedAfter > day, ended.deletedAfter);
      assert.match(await desk.page.textContent('#insats-deleted-after'), new RegExp(`^${deskSv['hl.detail.deletedAfter'].split(' ')[0]} `));
      const [download] = await Promise.all([desk.page.waitForEvent('download'), desk.page.click('#insats-export')]);
      assert.equal(download.suggestedFilename(), 'insats.pdf');
      const pdf = readFileSync(await download.path());
      assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
      await desk.page.waitForSelector('#insats-export-status:not(:empty)');
      deskFindings.push(...await axeBoth(desk.page, 'insats-closed', '#insats-deleted-after'));
      assert.deepEqual(deskFindings, []);
      assert.deepEqual([...client.problems, ...desk.problems], []);
    } finally {
      await client.close();
      await desk.context.close();
    }
  });

  test('she revokes her consent from the app after a confirm step, and the proposal is withdrawn; axe in Swedish and Arabic at 320 px', async () => {
    const world = await proposalAwaitingConsent();
    const id = world.insatsId;
    const client = await pairedDevice(shared.browser, shared.neutral.url, world.clientCode);
    try {
      const { page } = client;
      const findings = [];
      // The consent question, in Arabic (right to left) and Swedish.
      await language(page, 'ar');
      await openMyInsats(page);
      await page.waitForSelector(`#consent-${id}-form`);
      await fitsAt320(page);
      await phoneAxe(page, 'ar', 'myinsats-consent', findings);
      // "Inte nu" sends nothing.
      await page.click(`#consent-${id}-later`);
      await page.waitForSelector('#open-myinsats');
      assert.equal((await ok(api('GET', `/api/insatser/${id}`, world.token), 'still waiting')).state, 'AWAITING_CONSENT');

      await language(page, 'sv');
      await openMyInsats(page);
      await phoneAxe(page, 'sv', 'myinsats-consent', findings);
      await page.check(`#consent-${id}-PROPOSAL`);
      await page.click(`#consent-${id}-give`);
      await page.waitForSelector(`#consent-${id}-revoke`);
      await fitsAt320(page);
      await phoneAxe(page, 'sv', 'myinsats-given', findings);

      // Revoking asks first and says what it does; cancelling keeps everything.
      await page.click(`#consent-${id}-revoke`);
      await page.waitForSelector(`#consent-${id}-confirm:not([hidden])`);
      assert.equal(await page.textContent(`#consent-${id}-confirm-text`),
        sv['myinsats.revokeBefore'].replace('{municipality}', world.municipality));
      await phoneAxe(page, 'sv', 'myinsats-revoke', findings);
      await page.click(`#consent-${id}-revoke-cancel`);
      await page.waitForSelector(`#consent-${id}-revoke:not([hidden])`);
      assert.equal((await ok(api('GET', `/api/insatser/${id}`, world.hToken), 'proposed')).state, 'PROPOSED');

      await language(page, 'ar');
      await openMyInsats(page);
      await page.click(`#consent-${id}-revoke`);
      await page.waitForSelector(`#consent-${id}-confirm:not([hidden])`);
      await phoneAxe(page, 'ar', 'myinsats-revoke', findings);
      await page.click(`#consent-${id}-revoke-yes`);
      // Withdrawn: it leaves her list and she is back on her start screen.
      await page.waitForSelector('#myinsats-slot', { state: 'attached' });
      await eventually(async () => (await api('GET', `/api/insatser/${id}`, world.hToken)).json?.state === 'WITHDRAWN',
        { message: 'the municipality sees the proposal withdrawn' });
      const mine = await api('GET', '/api/insatser', world.token);
      assert.equal(mine.json.find((i) => i.id === id).state, 'WITHDRAWN');
      assert.equal(await page.isVisible('#open-myinsats'), false, 'nothing left to open');
      assert.deepEqual(findings, []);
      assert.deepEqual(client.problems, []);
    } finally {
      await client.close();
    }
  });
});
