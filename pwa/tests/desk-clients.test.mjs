// The desk's clients, matching and assignments against the real backend and PostgreSQL: an intake (by
// keyboard) with a named person excluded, that volunteer absent from the suggestions and listed as excluded
// with the reason in words, the right one proposed, the assignment activated, a refusal shown beside its
// control, paused and ended with a reason; the client list filtered on the server; a batch previewed, then
// applied for the chosen pair only. axe-core on every screen in Swedish and English. The demo organisation is
// shared by every test file of the run: this file creates its own people and finds them by id or pseudonym.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BASE, eventually, sharedBrowser, watchPage } from './helpers/browser.mjs';
import { api, approvedVolunteer, coordinator, swedishDate } from './helpers/realapi.mjs';
import { DESKTOP, axeBoth, deskSignIn, ok } from './helpers/desk.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const sv = JSON.parse(readFileSync(join(HERE, '..', 'src', 'desk', 'i18n', 'sv.json'), 'utf8'));
const shared = sharedBrowser();

/** An approved volunteer whose matching profile names an interest only this test uses. */
async function volunteerWithInterest(token, interest) {
  const id = await approvedVolunteer(token);
  await ok(api('PUT', `/api/volunteers/${id}/matching-profile`, token, {
    gender: 'WOMAN', age: 30, communities: [], interests: ['musik', interest],
    supportAreas: ['BREAKING_ISOLATION', 'STUDIES_AND_WORK'], reachableRegions: ['se-e'],
  }), 'matching profile');
  const list = await ok(api('GET', '/api/recruiting/volunteers', token), 'volunteers');
  return { id, name: list.find((v) => v.id === id).name };
}

async function openDesk() {
  const context = await shared.browser.newContext({ viewport: DESKTOP, serviceWorkers: 'block', acceptDownloads: true });
  const page = await context.newPage();
  const problems = watchPage(page);
  await page.goto(`${BASE}/desk/`);
  await page.waitForSelector('#signin-form');
  await deskSignIn(page, 'samordnare');
  await page.waitForSelector('#today');
  return { context, page, problems };
}

describe('clients, matching and assignments at the desk', () => {
  test('an intake by keyboard with a named person excluded; the suggestions leave that volunteer out with the reason; the right one is proposed, activated, refused a stale move, paused and ended with a reason', async () => {
    const { accessToken: token } = await coordinator();
    const interest = `test-${randomUUID().slice(0, 8)}`;
    const excluded = await volunteerWithInterest(token, interest);
    const right = await volunteerWithInterest(token, interest);
    const { context, page, problems } = await openDesk();
    const violations = [];
    try {
      await page.click('.desk-nav a[data-route="clients"]');
      await page.waitForSelector('#clients-results table, #clients-empty');
      assert.equal(await page.evaluate(() => document.activeElement?.tagName), 'H1', 'focus on the new heading');
      violations.push(...await axeBoth(page, 'clients', '#clients-results table, #clients-empty'));

      await page.click('#clients-new');
      await page.waitForSelector('#intake-form');
      await page.waitForSelector(`#intake-exclude-pick option[value="${excluded.id}"]`, { state: 'attached' });
      assert.equal(await page.evaluate(() => document.activeElement?.tagName), 'H1');

      // Keyboard only: every control is reached by Tab, in the order it is read; Enter sends the form.
      const reached = [];
      for (let i = 0; i < 120; i++) {
        await page.keyboard.press('Tab');
        const at = await page.evaluate(() => document.activeElement?.id || document.activeElement?.name || '');
        reached.push(at);
        if (at === 'intake-submit') break;
      }
      const ageBandId = await page.getAttribute('select[name="ageBand"]', 'id');
      for (const id of [ageBandId, 'intake-exclude-pick', 'intake-exclude-add', 'intake-submit']) {
        assert.ok(reached.includes(id), `${id} reached by Tab: ${reached.join(' ')}`);
      }
      assert.ok(reached.indexOf(ageBandId) < reached.indexOf('intake-exclude-pick'), 'in reading order');
      // Sent without an age group: the error stands beside the field and focus goes there.
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => document.activeElement?.name === 'ageBand');
      assert.equal(await page.textContent(`[data-error-for="ageBand"]`), sv['client.error.ageBand']);
      assert.equal(await page.getAttribute('select[name="ageBand"]', 'aria-invalid'), 'true');
      violations.push(...await axeBoth(page, 'client-intake', '#intake-form'));

      await page.focus('select[name="ageBand"]');
      await page.selectOption('select[name="ageBand"]', 'AGE_18_25');
      await page.selectOption('select[name="region"]', 'se-e');
      await page.check('input[name="languages"][value="sv"]');
      await page.check('input[name="languages"][value="ar"]');
      await page.selectOption('select[name="preferredLanguage"]', 'ar');
      await page.check('input[name="needs"][value="BREAKING_ISOLATION"]');
      await page.selectOption('select[name="volunteerGender"]', 'WOMAN');
      await page.focus('input[name="interests"]');
      await page.keyboard.type(`musik, ${interest}`);
      // A language code the server would refuse is caught on the client, beside its field.
      await page.focus('input[name="otherLanguages"]');
      await page.keyboard.type('Tigrinja');
      await page.focus('#intake-exclude-pick');
      await page.selectOption('#intake-exclude-pick', excluded.id);
      await page.keyboard.press('Tab');
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'intake-exclude-add');
      await page.keyboard.press('Enter');
      await page.waitForSelector(`#intake-excluded-list li[data-volunteer="${excluded.id}"]`);
      assert.match(await page.textContent('#intake-excluded-list'), new RegExp(excluded.name));
      await page.focus('#intake-submit');
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => document.activeElement?.name === 'otherLanguages');
      assert.match(await page.textContent('[data-error-for="otherLanguages"]'), /Tigrinja/);
      await page.fill('input[name="otherLanguages"]', '');
      await page.focus('#intake-submit');
      await page.keyboard.press('Enter');

      await page.waitForSelector('#client #client-pseudonym');
      const pseudonym = (await page.textContent('#client-pseudonym')).trim();
      assert.match(pseudonym, /^[A-ZÅÄÖ][a-zåäö]*-[A-ZÅÄÖ][a-zåäö]*-\d{2,3}$/, 'a generated pseudonym');
      const clientId = new URL(page.url()).hash.split('/')[2];
      assert.ok(clientId, page.url());
      const stored = await ok(api('GET', `/api/clients/${clientId}`, token), 'client');
      assert.equal(stored.client.pseudonym, pseudonym);
      assert.deepEqual(stored.intake.excludedVolunteers, [excluded.id], 'the exclusion is on the server');
      assert.match(await page.textContent('#client-exclusion-facts'), new RegExp(excluded.name));
      violations.push(...await axeBoth(page, 'client', '#client-pseudonym'));

      // Matching: the excluded volunteer is not suggested and is listed with the reason, in words.
      await page.click('#client-match');
      await page.waitForSelector('#suggestions');
      assert.equal(await page.$(`#suggestions li[data-volunteer="${excluded.id}"]`), null, 'the excluded volunteer is not suggested');
      const reason = await page.textContent(`#excluded-list li[data-volunteer="${excluded.id}"] [data-constraint="EXCLUDED_VOLUNTEER"]`);
      assert.equal(reason, sv['matching.conflict.EXCLUDED_VOLUNTEER']);
      assert.match(await page.textContent(`#excluded-list li[data-volunteer="${excluded.id}"]`), new RegExp(excluded.name));
      const card = `#suggestions li[data-volunteer="${right.id}"]`;
      await page.waitForSelector(card);
      assert.match(await page.textContent(card), new RegExp(sv['matching.crit.INTERESTS.MATCHED']), 'criteria in words');
      assert.doesNotMatch(await page.textContent('#matching'), /EXCLUDED_VOLUNTEER|PREFERRED_LANGUAGE|NOT_MATCHED/, 'no raw codes');
      violations.push(...await axeBoth(page, 'matching', card));

      await page.click(`${card} button[data-action="propose"]`);
      await page.waitForSelector('#assignment-state[data-state="PROPOSED"]');
      const assignmentId = new URL(page.url()).hash.split('/')[2];
      const proposed = await ok(api('GET', `/api/assignments/${assignmentId}`, token), 'assignment');
      assert.deepEqual([proposed.clientId, proposed.volunteerId, proposed.kind, proposed.state], [clientId, right.id, 'IDEELL', 'PROPOSED']);

      await page.click('[data-move="ACTIVE"] button');
      await page.waitForSelector('#assignment-state[data-state="ACTIVE"]');
      assert.equal((await ok(api('GET', `/api/assignments/${assignmentId}`, token), 'assignment')).state, 'ACTIVE');
      // Match support: times only; a new pair has not written yet and is not quiet.
      assert.match(await page.textContent('#assignment-support-facts'), new RegExp(sv['assignment.support.never']));
      assert.equal(await page.textContent('#assignment-quiet'), sv['assignment.support.fine']);
      violations.push(...await axeBoth(page, 'assignment', '#assignment-state'));

      // Someone else paused it meanwhile: the screen's Pause is refused by the server, and says so beside it.
      await ok(api('POST', `/api/assignments/${assignmentId}/transitions`, token, { to: 'PAUSED' }), 'pause behind the screen');
      await page.click('[data-move="PAUSED"] button');
      await page.waitForFunction(() => document.querySelector('[data-move="PAUSED"] [data-error-for]')?.textContent);
      assert.match(await page.textContent('[data-move="PAUSED"] [data-error-for]'), /Servern sade nej/);
      await page.click('.desk-nav a[data-route="assignments"]');
      await page.waitForSelector(`#assignments-table tr[data-assignment="${assignmentId}"]`);
      await page.fill('#assignments-filter input[name="q"]', pseudonym);
      await page.selectOption('#assignments-kind', 'IDEELL');
      const [listed] = await Promise.all([
        page.waitForRequest((r) => r.url().includes('/api/assignments?') && r.url().includes('kind=IDEELL')),
        page.click('#assignments-search')]);
      assert.match(listed.url(), /[?&]q=/, 'filtered on the server');
      await eventually(async () => (await page.$$('#assignments-table tbody tr')).length === 1, { message: 'only this pair' });
      violations.push(...await axeBoth(page, 'assignments', '#assignments-table'));
      await page.click(`#assignments-table tr[data-assignment="${assignmentId}"] a`);
      await page.waitForSelector('#assignment-state[data-state="PAUSED"]');
      await page.click('[data-move="ACTIVE"] button');
      await page.waitForSelector('#assignment-state[data-state="ACTIVE"]');
      await page.click('[data-move="PAUSED"] button');
      await page.waitForSelector('#assignment-state[data-state="PAUSED"]');

      // Ending asks for a reason first, beside the field.
      await page.click('#assignment-end-submit');
      await page.waitForFunction(() => document.activeElement?.id === 'assignment-end-reason');
      assert.equal(await page.textContent('#assignment-end [data-error-for="endReason"]'), sv['assignment.reasonRequired']);
      await page.selectOption('#assignment-end-reason', 'MOVED');
      await page.click('#assignment-end-submit');
      await page.waitForSelector('#assignment-state[data-state="ENDED"]');
      const ended = await ok(api('GET', `/api/assignments/${assignmentId}`, token), 'assignment');
      assert.deepEqual([ended.state, ended.endReason], ['ENDED', 'MOVED']);

      assert.deepEqual(violations, []);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  test('the client list filters on the server; a batch is previewed, then applied for the chosen pair only', async () => {
    const { accessToken: token } = await coordinator();
    const interest = `test-${randomUUID().slice(0, 8)}`;
    const volunteers = [await volunteerWithInterest(token, interest), await volunteerWithInterest(token, interest)];
    const created = await ok(api('POST', '/api/clients', token, {
      ageBand: 'AGE_18_25', languages: ['sv', 'ti'], region: 'se-e', needs: ['BREAKING_ISOLATION'], meetingMode: 'BOTH',
      interests: [interest],
    }), 'client');
    const { context, page, problems } = await openDesk();
    const violations = [];
    try {
      await page.click('.desk-nav a[data-route="clients"]');
      await page.waitForSelector('#clients-results table, #clients-empty');
      // Filtered by the server: the request carries the filter, and the answer holds the client.
      await page.fill('input[name="q"]', created.pseudonym.slice(0, -2));
      await page.selectOption('select[name="language"]', 'ti');
      const [request] = await Promise.all([
        page.waitForRequest((r) => r.url().includes('/api/clients?') && r.url().includes('language=ti')),
        page.click('#clients-search')]);
      assert.match(request.url(), /[?&]q=/);
      const part = created.pseudonym.slice(0, -2);
      const rows = await eventually(async () => {
        const texts = await page.$$eval('#clients-table tbody tr', (trs) => trs.map((tr) => tr.textContent));
        return texts.length > 0 && texts.every((row) => row.includes(part)) && texts;
      }, { message: 'the filtered list' });
      await page.waitForSelector(`#clients-table tr[data-client="${created.id}"]`);
      assert.match(await page.textContent(`#clients-table tr[data-client="${created.id}"]`), /tigrinja/, 'languages by name, not code');
      const server = await ok(api('GET', `/api/clients?language=ti&q=${encodeURIComponent(created.pseudonym.slice(0, -2))}`, token), 'list');
      assert.equal(rows.length, server.length, 'the page shows what the server found');
      assert.equal(await page.textContent('#clients-summary'), sv['clients.found'].replace('{count}', String(server.length)));

      await page.click('.desk-nav a[data-route="matching"]');
      await page.waitForSelector('#batch-run');
      await page.click('#batch-run');
      await page.waitForSelector('#batch-table, #batch-empty');
      const ours = `#batch-table tr[data-client="${created.id}"]`;
      await page.waitForSelector(ours);
      assert.equal(await page.$$eval('#batch-table tbody tr', (trs) => trs.length) >= 1, true);
      assert.equal((await ok(api('GET', `/api/clients/${created.id}`, token), 'client')).client.status, 'WAITING', 'the preview stores nothing');
      violations.push(...await axeBoth(page, 'batch', ours));
      // Only our pair: every other row unticked.
      for (const box of await page.$$(`#batch-table tbody tr:not([data-client="${created.id}"]) input[name="pair"]`)) await box.uncheck();
      const volunteerId = await page.getAttribute(ours, 'data-volunteer');
      assert.ok(volunteers.some((v) => v.id === volunteerId), 'one of the volunteers who share the client\'s interest');
      await page.click('#batch-apply');
      await page.waitForSelector('#batch-applied');
      assert.equal(await page.textContent('#batch-applied'), sv['matching.batchApplied'].replace('{count}', '1'));
      assert.equal((await ok(api('GET', `/api/clients/${created.id}`, token), 'client')).client.status, 'MATCHED');
      const assignments = await ok(api('GET', '/api/assignments', token), 'assignments');
      assert.ok(assignments.some((a) => a.clientId === created.id && a.volunteerId === volunteerId && a.state === 'PROPOSED'));

      assert.deepEqual(violations, []);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  test('the overview draws each chart with a table beside it, and the roster downloads as CSV', async () => {
    const { context, page, problems } = await openDesk();
    const violations = [];
    try {
      await page.click('.desk-nav a[data-route="overview"]');
      await page.waitForSelector('#chart-languages-table');
      for (const id of ['chart-funnel', 'chart-dropout', 'chart-time', 'chart-active', 'chart-waiting', 'chart-regions', 'chart-languages']) {
        assert.ok(await page.isVisible(`#${id} svg.chart[role="img"][aria-label]`), `${id}: a chart`);
        assert.ok(await page.isVisible(`#${id}-table`), `${id}: its table`);
        assert.ok((await page.$$(`#${id}-table tbody tr`)).length > 0, `${id}: rows`);
      }
      assert.equal(await page.$$eval('#chart-active-table tbody tr', (trs) => trs.length), 12, 'twelve months');
      violations.push(...await axeBoth(page, 'overview', '#chart-languages-table'));
      const [download] = await Promise.all([page.waitForEvent('download'), page.click('#overview-roster')]);
      const csv = readFileSync(await download.path(), 'utf8');
      assert.ok(csv.split('\n').length > 1, 'a header and rows');
      await page.waitForFunction(() => document.getElementById('overview-roster-status')?.textContent);
      assert.equal(await page.textContent('#overview-roster-status'), sv['overview.rosterDone']);
      // Usable on a tablet: at 1024 px no screen is wider than the window.
      await page.setViewportSize({ width: 1024, height: 768 });
      for (const [route, ready] of [['overview', '#chart-languages-table'], ['clients', '#clients-results table, #clients-empty'],
        ['assignments', '#assignments-table, #assignments-empty'], ['matching', '#batch-run']]) {
        await page.click(`.desk-nav a[data-route="${route}"]`);
        await page.waitForSelector(ready);
        assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 1024), `${route} fits 1024 px`);
      }
      assert.deepEqual(violations, []);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  test('an edit keeps what the form does not show; the server\'s refusal stands beside its field, and nothing claims success', async () => {
    const { accessToken: token } = await coordinator();
    const created = await ok(api('POST', '/api/clients', token, {
      ageBand: 'AGE_26_35', languages: ['sv', 'fa'], requiredLanguages: ['sv'], region: 'se-ab', meetingMode: 'BOTH',
      availability: [{ day: 'MONDAY', part: 'EVENING' }], interests: ['schack'],
    }), 'client');
    const { context, page, problems } = await openDesk();
    try {
      await page.goto(`${BASE}/desk/#/clients/${created.id}/edit`);
      await page.waitForSelector('#intake-form input[name="interests"]');
      assert.equal(await page.inputValue('input[name="interests"]'), 'schack');
      await page.fill('input[name="interests"]', 'schack, löpning');
      // Protected identity as a level: none by default, a visible label, and the badge with its rule after saving.
      assert.equal(await page.inputValue('#intake-form select[name="protectionLevel"]'), 'NONE');
      assert.equal(await page.textContent('#intake-form label[for="intake-protection"]'), sv['protection.label']);
      await page.selectOption('#intake-form select[name="protectionLevel"]', 'FINGERADE_PERSONUPPGIFTER');
      await page.click('#intake-submit');
      await page.waitForSelector('#client #client-pseudonym');
      await page.waitForSelector('#client-protection[data-level="FINGERADE_PERSONUPPGIFTER"] .badge-protected');
      assert.equal(await page.textContent('#client-protection .protection-rule'), sv['protection.rule.FINGERADE_PERSONUPPGIFTER']);
      const axeFindings = await axeBoth(page, 'client-protected', '#client-protection');
      assert.deepEqual(axeFindings, []);
      const stored = await ok(api('GET', `/api/clients/${created.id}`, token), 'client');
      assert.equal(stored.client.protectionLevel, 'FINGERADE_PERSONUPPGIFTER');
      assert.deepEqual(stored.intake.interests.sort(), ['löpning', 'schack']);
      assert.deepEqual(stored.intake.requiredLanguages, ['sv'], 'kept although the form does not show it');
      assert.deepEqual(stored.intake.availability, [{ day: 'MONDAY', part: 'EVENING' }]);

      // A contradiction only the server knows (a required language excluded): its words, and no success.
      await page.click('#client-edit');
      await page.waitForSelector('#intake-form');
      await page.check('input[name="excludedLanguages"][value="sv"]');
      await page.click('#intake-submit');
      await page.waitForFunction(() => document.getElementById('intake-error')?.textContent);
      assert.match(await page.textContent('#intake-error'), /^Servern svarar: /);
      assert.ok(await page.isVisible('#intake-form'), 'still on the form');
      assert.deepEqual((await ok(api('GET', `/api/clients/${created.id}`, token), 'client')).intake.excludedLanguages ?? [], []);

      // A violation of one field lands beside that field (the server's problem+json shape, as ClientIntakeBadInputIT checks it).
      await page.uncheck('input[name="excludedLanguages"][value="sv"]');
      await page.route(`**/api/clients/${created.id}`, (route) => (route.request().method() === 'PUT'
        ? route.fulfill({ status: 400, contentType: 'application/problem+json', body: JSON.stringify({
          type: 'about:blank', title: 'Invalid request', status: 400, detail: 'The request has invalid fields.',
          violations: [{ field: 'excludedPlaces[0]', message: 'size must be between 1 and 60' }] }) })
        : route.continue()));
      await page.click('#intake-submit');
      await page.waitForFunction(() => document.activeElement?.name === 'excludedPlaces');
      assert.match(await page.textContent('[data-error-for="excludedPlaces"]'), /size must be between 1 and 60/);
      assert.equal(await page.getAttribute('input[name="excludedPlaces"]', 'aria-invalid'), 'true');
      assert.equal(await page.textContent('#intake-error'), sv['client.field.fixMarked']);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  test('an insats assignment shows where it stands with the municipality and offers no activation by hand', async () => {
    const { accessToken: token } = await coordinator();
    const volunteerId = await approvedVolunteer(token);
    const client = await ok(api('POST', '/api/clients', token, {
      ageBand: 'AGE_18_25', languages: ['sv'], region: 'se-e', meetingMode: 'BOTH',
    }), 'client');
    const assignment = await ok(api('POST', '/api/assignments', token, { clientId: client.id, volunteerId, kind: 'INSATS' }), 'assignment');
    const [municipality] = await ok(api('GET', '/api/insats-parties', token), 'parties');
    await ok(api('POST', '/api/insatser', token, { assignmentId: assignment.id, municipalityId: municipality.id, protectedIdentity: false }), 'insats');
    const { context, page, problems } = await openDesk();
    try {
      await page.goto(`${BASE}/desk/#/assignments/${assignment.id}`);
      await page.waitForSelector('#assignment-insats-state');
      assert.equal(await page.textContent('#assignment-insats-state'), sv['assignment.insats.AWAITING_CONSENT']);
      assert.equal(await page.$('[data-move="ACTIVE"]'), null, 'an insats is activated by the decision, not by hand');
      assert.ok(await page.isVisible('[data-move="AWAITING_DECISION"] button'));
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  test('a client aged 13-17: the rule in words, a voluntary proposal refused beside its control, the policy changed on Clients and a step recorded', async () => {
    const { accessToken: token } = await coordinator();
    const interest = `minor-${randomUUID().slice(0, 8)}`;
    await volunteerWithInterest(token, interest);
    const minor = await ok(api('POST', '/api/clients', token, {
      ageBand: 'AGE_13_17', languages: ['sv', 'ar'], region: 'se-e', needs: ['BREAKING_ISOLATION'], meetingMode: 'BOTH',
      interests: [interest],
    }), 'client');
    await ok(api('PUT', '/api/organisation/minors-policy', token, { policy: 'INSATS_ONLY' }), 'policy');
    const { context, page, problems } = await openDesk();
    const violations = [];
    try {
      await page.goto(`${BASE}/desk/#/clients/${minor.id}`);
      await page.waitForSelector('#client-minor-rule[data-policy="INSATS_ONLY"]');
      assert.equal(await page.textContent('#client-minor-rule'), sv['minors.rule.INSATS_ONLY']);
      assert.equal(await page.textContent('#client-minor-allowed'), sv['minors.notAllowed']);
      violations.push(...await axeBoth(page, 'client-minor', '#client-minor-rule'));

      // A voluntary proposal: the server refuses, and the page names the rule beside the control.
      await page.click('#client-match');
      await page.waitForSelector('#suggestions li');
      const card = '#suggestions > li:first-child';
      await page.click(`${card} button[data-action="propose"]`);
      await page.waitForFunction((c) => document.querySelector(`${c} [role="alert"]`)?.textContent, card);
      assert.equal(await page.textContent(`${card} [role="alert"]`), sv['minors.refused.INSATS_ONLY']);
      assert.equal((await ok(api('GET', `/api/clients/${minor.id}`, token), 'client')).client.status, 'WAITING', 'nothing stored');

      // The organisation's policy, seen and changed on the Clients screen; the screen says "saved" after the server.
      await page.click('.desk-nav a[data-route="clients"]');
      await page.waitForSelector('#minors-policy-form[data-policy="INSATS_ONLY"]');
      violations.push(...await axeBoth(page, 'clients-minors-policy', '#minors-policy-form'));
      await page.check('#minors-policy-form input[name="policy"][value="RECORDED_STEP"]');
      await page.click('#minors-policy-save');
      await page.waitForSelector('#minors-policy-form[data-policy="RECORDED_STEP"]');
      assert.equal((await ok(api('GET', '/api/organisation/minors-policy', token), 'policy')).policy, 'RECORDED_STEP');

      // The step form: checked on the client, then recorded; the rule now allows a voluntary match.
      await page.goto(`${BASE}/desk/#/clients/${minor.id}`);
      await page.waitForSelector('#client-minor-rule[data-policy="RECORDED_STEP"][data-allowed="false"]');
      await page.click('#minor-step-submit');
      await page.waitForSelector('#minor-step-form [data-error-for="kind"]:not(:empty)');
      await page.check('#minor-step-form input[name="kind"][value="SOCIALTJANST_INVOLVED"]');
      await page.fill('#minor-step-form input[name="recordedOn"]', swedishDate());
      await page.fill('#minor-step-form textarea[name="note"]', 'Handläggare informerad');
      await page.click('#minor-step-submit');
      await page.waitForSelector('#client-minor-rule[data-allowed="true"]');
      assert.equal(await page.textContent('#client-minor-allowed'), sv['minors.allowed']);
      assert.equal(await page.getAttribute('#client-minor-step', 'data-kind'), 'SOCIALTJANST_INVOLVED');
      const stored = await ok(api('GET', `/api/clients/${minor.id}`, token), 'client');
      assert.equal(stored.client.minorRule.voluntaryMatchAllowed, true);
      violations.push(...await axeBoth(page, 'client-minor-step', '#client-minor-step'));

      assert.deepEqual(violations, []);
      assert.deepEqual(problems, []);
    } finally {
      await api('DELETE', `/api/clients/${minor.id}/minor-step`, token);
      await api('PUT', '/api/organisation/minors-policy', token, { policy: 'INSATS_ONLY' });
      await context.close();
    }
  });
});
