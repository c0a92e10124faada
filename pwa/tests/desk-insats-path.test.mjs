// The whole kontaktperson insats in the browser, every step of it in the UI of the person who takes it, against
// the real backend and PostgreSQL: the coordinator proposes an insats assignment to the municipality at the
// desk and records the client's consent → the handläggare finds it in the inbox, investigates, grants and
// writes the uppdrag → the assignment is active → the kontaktperson writes the plan on her phone and the
// handläggare reads it → the client confirms the plan on her phone and both desks show it → the follow-up: the client answers and
// shares on her phone, the coordinator reports at the desk, the handläggare holds it (how, with the client) and
// changes the period → a time report from the kontaktperson's phone is returned, corrected on the phone,
// approved and exported (the CSV's totals checked against the reports) → the insats is ended.
// Then the municipality's own request with the strictest protection level, and what another municipality's
// handläggare and an administrator see of it all (nothing). Only what is not the insats (a trained volunteer,
// a client's intake, the insats-kind match, the pairing codes) is made over the API beforehand.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { eventually, sharedBrowser } from './helpers/browser.mjs';
import { pairedDevice } from './helpers/app.mjs';
import { admin, api, approvedVolunteer, clientIntake, coordinator, handlaggare, pairingCode, swedishDate } from './helpers/realapi.mjs';
import { axeBoth, firstOfLastMonth, go, ok, openDeskAs, parseCsv, plusMonths } from './helpers/desk.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const sv = JSON.parse(readFileSync(join(HERE, '..', 'src', 'desk', 'i18n', 'sv.json'), 'utf8'));
const app = JSON.parse(readFileSync(join(HERE, '..', 'src', 'i18n', 'sv.json'), 'utf8'));
const shared = sharedBrowser();

const openDesk = (username, landing, options) => openDeskAs(shared.browser, username, landing, options);
const phone = (code) => pairedDevice(shared.browser, shared.neutral.url, code);

/** A trained volunteer and a client in an insats-kind match (PROPOSED), with pairing codes for both phones. */
async function insatsMatch() {
  const { accessToken: token } = await coordinator();
  const clientId = await clientIntake(token);
  const volunteerId = await approvedVolunteer(token);
  const assignment = await ok(api('POST', '/api/assignments', token, { clientId, volunteerId, kind: 'INSATS' }), 'insats match');
  return {
    token, clientId, volunteerId, assignmentId: assignment.id,
    clientCode: await pairingCode(token, 'CLIENT', clientId), volunteerCode: await pairingCode(token, 'VOLUNTEER', volunteerId),
  };
}

describe('the whole insats, each step in its own screen', () => {
  test('proposal with consent → investigation, grant, uppdrag → plan on the phone, read at the desk → follow-up held with the shared answers → period changed → time report returned, corrected, approved, exported → ended', async () => {
    const world = await insatsMatch();
    const caseReference = `H-${randomUUID().slice(0, 8)}`;
    const start = firstOfLastMonth();
    const lastMonth = start.slice(0, 7);
    const coord = await openDesk('samordnare', '#today');
    const hl = await openDesk('handlaggare', '#inbox');
    const violations = [];
    let volunteer = null;
    let client = null;
    try {
      // The coordinator: the insats-kind match is proposed to the demo municipality from the assignment's page.
      const c = coord.page;
      await go(c, `#/assignments/${world.assignmentId}`, '#assignment-propose');
      const municipality = await c.$eval('#assignment-propose select[name="municipalityId"]',
        (s) => [...s.options].find((o) => o.textContent === 'Exempelkommun (demo)')?.value);
      assert.ok(municipality, 'the linked demo municipality is offered');
      violations.push(...await axeBoth(c, 'oi-propose', '#assignment-propose')); // (a language switch redraws the form)
      await c.click('#assignment-propose-submit');
      await c.waitForSelector('#assignment-propose [data-error-for="municipalityId"]:not(:empty)');
      await c.selectOption('#assignment-propose select[name="municipalityId"]', municipality);
      assert.ok(await c.isChecked('#assignment-propose input[name="needs"][value="BREAKING_ISOLATION"]'), 'the client\'s needs are ticked');
      await c.fill('#assignment-propose textarea[name="summary"]', 'Ung kvinna som vill bygga ett nytt nätverk.');
      await c.fill('#assignment-propose input[name="contactName"]', 'Hanna Handläggare');
      await c.fill('#assignment-propose input[name="contactPhone"]', '011-15 00 00');
      await c.click('#assignment-propose-submit');
      await c.waitForSelector('#org-insats-state, #assignment-propose-error:not(:empty)');
      assert.equal(await c.$eval('#assignment-propose-error', (e) => e.textContent).catch(() => ''), '',
        `the proposal is accepted: ${await c.$$eval('#assignment-propose [data-error-for]', (es) => es.map((e) => `${e.dataset.errorFor}=${e.textContent}`).join('; '))}`);
      await c.waitForSelector('#org-insats-state[data-state="AWAITING_CONSENT"]');
      const insatsId = await c.evaluate(() => location.hash.split('/')[2]);
      // Nothing reaches the municipality before the consent.
      assert.equal((await api('GET', `/api/insatser/${insatsId}`, (await handlaggare()).accessToken)).status, 404);
      violations.push(...await axeBoth(c, 'oi-consent', '#org-consent-form'));
      await c.click('#org-consent-submit');
      await c.waitForSelector('#org-consent-form [data-error-for="form"]:not(:empty)');
      await c.check('#org-consent-form input[name="form"][value="WRITTEN"]');
      await c.check('#org-consent-form input[name="scope"][value="FOLLOW_UP"]');
      await c.click('#org-consent-submit');
      await c.waitForSelector('#org-insats-state[data-state="PROPOSED"]');
      assert.match(await c.textContent('#org-consent-current'), new RegExp(sv['hl.consent.WRITTEN']));

      // The handläggare: the proposal is in the inbox; investigation, decision, uppdrag.
      const p = hl.page;
      await go(p, '#/inbox', `#inbox-proposals li[data-insats="${insatsId}"]`);
      await p.click(`#inbox-proposals a[data-insats="${insatsId}"]`);
      await p.waitForSelector('#investigation-form');
      assert.match(await p.textContent('#insats-facts'), /Hanna Handläggare/);
      await p.check('#investigation-form input[name="outcome"][value="SUITABLE"]');
      await p.click('#investigation-submit');
      await p.waitForSelector('#investigation-current');
      await p.check('#decision-form input[name="outcome"][value="GRANTED"]');
      await p.fill('#decision-form input[name="periodStart"]', start);
      await p.fill('#decision-form input[name="periodEnd"]', plusMonths(start, 6));
      await p.fill('#decision-form input[name="hoursPerMonth"]', '8');
      await p.fill('#decision-form input[name="followUpOn"]', swedishDate(7));
      await p.fill('#decision-form input[name="caseReference"]', caseReference);
      await p.click('#decision-submit');
      await p.waitForSelector('#insats-state[data-state="GRANTED"]');
      const uppdrag = `Socialt stöd och ett nytt nätverk ${randomUUID().slice(0, 4)}`;
      await p.fill('#uppdrag-form textarea[name="what"]', uppdrag);
      await p.fill('#uppdrag-form textarea[name="why"]', 'Isolering efter uppbrottet.');
      await p.click('#uppdrag-submit');
      await p.waitForSelector('#uppdrag-versions li[data-version="1"]');

      // The assignment is active, and the coordinator sees the decision and the uppdrag.
      await go(c, `#/assignments/${world.assignmentId}`, '#assignment-state[data-state="ACTIVE"]');
      await go(c, `#/org-insatser/${insatsId}`, '#org-insats-state[data-state="GRANTED"]');
      assert.match(await c.textContent('#org-insats-uppdrag'), new RegExp(uppdrag));

      // The kontaktperson writes the plan on her phone; the handläggare reads it, without a form.
      volunteer = await phone(world.volunteerCode);
      const v = volunteer.page;
      await v.click('#open-insatser');
      await v.waitForSelector(`li[data-insats="${insatsId}"]`, { timeout: 15000 });
      await v.click(`#plan-edit-${insatsId}`);
      await v.waitForSelector('#plan-form');
      const goal = `Hitta en kör ${randomUUID().slice(0, 4)}`;
      await v.selectOption('#goal-need-1', 'BREAKING_ISOLATION');
      await v.fill('#goal-goal-1', goal);
      await v.fill('#goal-how-1', 'Vi besöker två körer tillsammans');
      await v.fill('#goal-often-1', 'Varannan vecka');
      await v.click('#plan-save');
      await v.waitForSelector(`li[data-insats="${insatsId}"] .goal`, { timeout: 15000 });
      await go(p, `#/insatser/${insatsId}`, '#plan-versions');
      assert.match(await p.textContent('#plan-versions'), new RegExp(goal));

      // The client confirms on her phone that the plan was made with her; both desks show it for that version.
      client = await phone(world.clientCode);
      const cl = client.page;
      await cl.waitForSelector('#open-myinsats', { timeout: 15000 });
      await cl.click('#open-myinsats');
      await cl.waitForSelector(`#plan-${insatsId}-confirm`);
      assert.equal(await cl.isVisible(`#plan-${insatsId}-confirmed`), false, 'not confirmed before the server says so');
      await cl.click(`#plan-${insatsId}-confirm`);
      await cl.waitForSelector(`#plan-${insatsId}-confirmed`);
      await go(p, `#/insatser/${insatsId}`, '#insats-plan .plan-confirmed');
      assert.match(await p.textContent('#insats-plan .plan-confirmed'), /\(version 1\)/);
      await go(c, `#/org-insatser/${insatsId}`, '#org-insats-plan .plan-confirmed');

      // The follow-up: the client answers on her phone and shares; the coordinator reports at the desk.
      await eventually(async () => {
        await cl.click('[data-screen="home"]');
        return Boolean(await cl.$('#open-followup'));
      }, { timeout: 20000, message: 'the questionnaire is open on her phone' });
      await cl.click('#open-followup');
      await cl.waitForSelector('#followup-form');
      await cl.check('input[name="contactWorks"][value="4"]');
      await cl.check('input[name="getsSupport"][value="PARTLY"]');
      await cl.check('input[name="wantsToContinue"][value="YES"]');
      const wishes = `Fler promenader ${randomUUID().slice(0, 4)}`;
      await cl.fill('#followup-wishes', wishes);
      await cl.check('#followup-share');
      await cl.click('#followup-submit');
      await cl.waitForSelector('#open-followup', { timeout: 15000 });

      await go(c, `#/org-insatser/${insatsId}`, '#org-followup-list .report-form');
      violations.push(...await axeBoth(c, 'oi-granted', '#org-followup-list .report-form'));
      await c.click('#org-followup-list .report-form button[type="submit"]');
      await c.waitForSelector('#org-followup-list .report-form [data-error-for="text"]:not(:empty)');
      const report = `Kontakten fungerar bra ${randomUUID().slice(0, 4)}`;
      await c.fill('#org-followup-list .report-form textarea[name="text"]', report);
      await c.click('#org-followup-list .report-form button[type="submit"]');
      await c.waitForSelector('#org-followup-list .provider-report');
      assert.match(await c.textContent('#org-followup-list .provider-report'), new RegExp(report));

      // The handläggare holds it: the shared answers and the report are there; how it was held; continue.
      await go(p, `#/insatser/${insatsId}`, '#assessment-form');
      assert.match(await p.textContent('.client-view'), new RegExp(wishes));
      assert.match(await p.textContent('.provider-report'), new RegExp(report));
      await p.check('#assessment-form input[name="heldHow"][value="MEETING"]');
      await p.check('#assessment-with-client');
      await p.fill('#assessment-form textarea[name="assessment"]', 'Insatsen svarar mot behoven.');
      await p.click('#assessment-submit');
      await p.waitForSelector('#followup-list li[data-status="held"]');
      assert.match(await p.textContent('#followup-list li[data-status="held"]'), new RegExp(sv['hl.how.MEETING']));

      // The period and hours changed between follow-ups.
      await p.fill('#change-form input[name="periodEnd"]', plusMonths(start, 9));
      await p.fill('#change-form input[name="hoursPerMonth"]', '10');
      await p.click('#change-submit');
      await eventually(async () => (await p.textContent('#insats-hours')).includes('10'), { message: 'the new hours shown' });
      await go(c, `#/org-insatser/${insatsId}`, '#org-decision-list li[data-version="2"]');

      // A time report for last month from the kontaktperson's phone: returned at the desk, corrected on the
      // phone, approved and exported.
      await v.click('[data-screen="home"]');
      await v.click('#open-reports');
      await v.waitForSelector('#report-form');
      if (await v.$(`#report-insats option[value="${insatsId}"]`)) await v.selectOption('#report-insats', insatsId);
      await v.fill('#report-contacts', '4');
      await v.fill('#report-hours', '7,5');
      await v.click('#expense-add');
      await v.fill('#expense-description-1', 'Bussbiljetter');
      await v.fill('#expense-amount-1', '120,50');
      await v.click('#report-submit');
      await v.locator('li[data-state="SUBMITTED"]').waitFor({ timeout: 15000 });

      await go(p, `#/time-reports?month=${lastMonth}`, '#reports-table');
      const row = await p.waitForSelector(`#reports-table tr[data-insats="${insatsId}"][data-state="SUBMITTED"]`);
      const reportId = await row.getAttribute('data-report');
      await p.click(`tr[data-report="${reportId}"] button[data-action="return"]`);
      await p.fill(`tr[data-report="${reportId}"] .return-form textarea`, 'Ange kontakterna per vecka');
      await p.click(`tr[data-report="${reportId}"] .return-form button[type="submit"]`);
      await p.waitForSelector(`tr[data-report="${reportId}"][data-state="RETURNED"]`);

      await v.click('[data-screen="home"]');
      await v.click('#open-reports');
      await v.waitForSelector(`#correct-${reportId}`);
      await v.click(`#correct-${reportId}`);
      await v.waitForSelector('#report-form');
      await v.fill('#report-contacts', '5');
      await v.fill('#report-hours', '6,25');
      await v.click('#report-submit');
      await v.locator('li[data-state="SUBMITTED"]').waitFor({ timeout: 15000 });

      await go(p, `#/time-reports?month=${lastMonth}`, `tr[data-report="${reportId}"][data-state="SUBMITTED"]`);
      await p.check(`tr[data-report="${reportId}"] .report-pick`);
      await p.click('#reports-approve-selected');
      await p.waitForSelector(`tr[data-report="${reportId}"][data-state="APPROVED"]`);
      const [download] = await Promise.all([p.waitForEvent('download'), p.click('#reports-export')]);
      const rows = parseCsv(readFileSync(await download.path(), 'utf8'));
      const header = rows[0];
      const col = (name) => header.indexOf(name);
      const body = rows.slice(1, -1);
      const total = rows[rows.length - 1];
      const ours = body.find((r) => r[col('report_id')] === reportId);
      assert.ok(ours, 'the approved report is in the export');
      assert.deepEqual([ours[col('contacts')], ours[col('hours')], ours[col('expenses_sek')]], ['5', '6.25', '120.50']);
      const sum = (name) => body.reduce((s, r) => s + Math.round(Number(r[col(name)]) * 100), 0);
      assert.equal(Math.round(Number(total[col('hours')]) * 100), sum('hours'), 'total hours are the sum of the rows');
      assert.equal(Math.round(Number(total[col('expenses_sek')]) * 100), sum('expenses_sek'), 'total expenses are the sum of the rows');
      await v.click('[data-screen="home"]');
      await v.click('#open-reports');
      await v.locator(`li[data-state="APPROVED"]`).waitFor({ timeout: 15000 });

      // The end.
      await go(p, `#/insatser/${insatsId}`, '#end-form');
      await p.selectOption('#end-form select[name="reason"]', 'GOAL_REACHED');
      await p.click('#end-submit');
      await p.waitForSelector('#insats-state[data-state="ENDED"]');
      // The municipality's own log of the insats: its handläggare's reads and changes, by name, never content.
      await p.click('#insats-audit-show');
      await p.waitForSelector('#insats-audit-table tr[data-action="DECIDE_GRANTED"]');
      for (const action of ['RECORD_INVESTIGATION', 'WRITE_UPPDRAG', 'DECIDE_CHANGE', 'END']) {
        assert.ok(await p.$(`#insats-audit-table tr[data-action="${action}"]`), `the log names ${action}`);
      }
      assert.equal(await p.$('#insats-audit-table tr[data-action="PROPOSE"]'), null, 'not the organisation\'s entries');
      const logText = await p.textContent('#insats-audit-table');
      assert.ok(!logText.includes(uppdrag) && !logText.includes(caseReference), 'no content in the log');
      violations.push(...await axeBoth(p, 'hl-insats-ended', '#insats-audit'));
      await go(c, `#/org-insatser/${insatsId}`, '#org-insats-state[data-state="ENDED"]');
      await go(c, `#/assignments/${world.assignmentId}`, '#assignment-state[data-state="ENDED"]');

      assert.deepEqual(violations, []);
      assert.deepEqual(coord.problems, []);
      assert.deepEqual(hl.problems, []);
      assert.deepEqual(volunteer.problems, []);
      assert.deepEqual(client.problems, []);
    } finally {
      await volunteer?.close();
      await client?.close();
      await coord.context.close();
      await hl.context.close();
    }
  });

  test('the municipality asks with protected personal data; the coordinator answers at the desk; the kontaktperson\'s phone shows only the pseudonym, period, hours and plan; another municipality and the administrator see nothing of it', async () => {
    const { accessToken: token } = await coordinator();
    const me = await ok(api('GET', '/api/auth/me', token), 'the coordinator');
    const hl = await openDesk('handlaggare', '#inbox');
    const coord = await openDesk('samordnare', '#today');
    let volunteer = null;
    let other = null;
    let adminDesk = null;
    try {
      // The request, with the strictest level, from the handläggare's form.
      const p = hl.page;
      const caseReference = `S-${randomUUID().slice(0, 8)}`;
      await go(p, '#/insatser/new', '#referral-form');
      await p.selectOption('#referral-form select[name="organisationId"]', me.organisationId);
      await p.selectOption('#referral-form select[name="ageBand"]', 'AGE_18_25');
      await p.selectOption('#referral-form select[name="region"]', 'se-e');
      await p.check('#referral-form input[name="languages"][value="ar"]');
      await p.check('#referral-form input[name="needs"][value="BREAKING_ISOLATION"]');
      await p.fill('#referral-form input[name="caseReference"]', caseReference);
      await p.fill('#referral-form input[name="contactName"]', 'Hanna Handläggare');
      await p.selectOption('#referral-form select[name="protectionLevel"]', 'FINGERADE_PERSONUPPGIFTER');
      await p.check('#referral-consentHeld');
      await p.fill('#referral-form input[name="consentGivenOn"]', swedishDate());
      await p.click('#referral-submit');
      await p.waitForSelector('#insats-state[data-state="REQUESTED"]');
      const insatsId = await p.evaluate(() => location.hash.split('/')[2]);

      // The coordinator: the request is on the insats screen; a match of the kind insats, then the answer.
      const c = coord.page;
      await go(c, '#/org-insatser', `#org-insatser-requested li[data-insats="${insatsId}"]`);
      assert.deepEqual(await axeBoth(c, 'oi-list', `#org-insatser-requested li[data-insats="${insatsId}"]`), []);
      await c.click(`#org-insatser-requested a[data-insats="${insatsId}"]`);
      await c.waitForSelector('#org-volunteer-none');
      const request = await ok(api('GET', `/api/insatser/${insatsId}`, token), 'the request as the organisation sees it');
      const volunteerId = await approvedVolunteer(token);
      await ok(api('POST', '/api/assignments', token, { clientId: request.clientId, volunteerId, kind: 'INSATS' }), 'the insats-kind match');
      await go(c, `#/org-insatser/${insatsId}`, '#org-volunteer-form');
      assert.deepEqual(await axeBoth(c, 'oi-request', '#org-volunteer-form'), []);
      await c.check('#org-volunteer-form input[name="assignmentId"]');
      await c.click('#org-volunteer-submit');
      await c.waitForSelector('#org-insats-state[data-state="PROPOSED"]');
      assert.ok(await c.$('#org-insats-protected'), 'the coordinator is told the person has protected personal data');

      // The grant and an uppdrag that must not reach the kontaktperson's phone.
      await go(p, `#/insatser/${insatsId}`, '#investigation-form');
      await p.check('#investigation-form input[name="outcome"][value="SUITABLE"]');
      await p.click('#investigation-submit');
      await p.waitForSelector('#investigation-current');
      await p.check('#decision-form input[name="outcome"][value="GRANTED"]');
      await p.fill('#decision-form input[name="hoursPerMonth"]', '6');
      await p.click('#decision-submit');
      await p.waitForSelector('#insats-state[data-state="GRANTED"]');
      const secret = `Hemlig ort 7731 ${randomUUID().slice(0, 4)}`;
      await p.fill('#uppdrag-form textarea[name="what"]', secret);
      await p.fill('#uppdrag-form textarea[name="why"]', secret);
      await p.click('#uppdrag-submit');
      await p.waitForSelector('#uppdrag-versions li[data-version="1"]');

      volunteer = await phone(await pairingCode(token, 'VOLUNTEER', volunteerId));
      const v = volunteer.page;
      await v.click('#open-insatser');
      const card = v.locator(`li[data-insats="${insatsId}"]`);
      await card.waitFor({ timeout: 15000 });
      const shown = await card.textContent();
      assert.ok(shown.includes(request.clientPseudonym), 'the pseudonym');
      assert.ok(shown.includes(app['insatser.period']), 'the period');
      for (const absent of ['Exempelkommun', '7731', caseReference, 'Hanna', app['insatser.municipality'], app['insatser.uppdrag']]) {
        assert.ok(!shown.includes(absent), `the kontaktperson's phone does not show ${absent}`);
      }

      // Another municipality's handläggare: nothing in any screen, "not found" at the direct address.
      const { accessToken: adminToken } = await admin();
      const otherMunicipality = await ok(api('POST', '/api/admin/municipalities', adminToken, { name: `Annan kommun ${randomUUID().slice(0, 6)}` }), 'another municipality');
      await ok(api('POST', '/api/admin/links', adminToken, { municipalityId: otherMunicipality.id, organisationId: me.organisationId }), 'its link');
      const username = `hl-${randomUUID().slice(0, 8)}`;
      const password = `Annat-losen-${randomUUID().slice(0, 12)}`;
      await ok(api('POST', '/api/admin/staff', adminToken, { username, displayName: 'Annan Handläggare', role: 'HANDLAGGARE',
        municipalityId: otherMunicipality.id, initialPassword: password }), 'its handläggare');
      other = await openDesk(username, '#inbox', { password });
      const o = other.page;
      await eventually(async () => (await o.getAttribute('#live-status', 'data-state')) === 'live', { message: 'the other inbox is live' });
      assert.ok(!(await o.content()).includes(request.clientPseudonym), 'not in the other inbox');
      await go(o, '#/insatser', '#insatser-table, #insatser-empty');
      assert.equal(await o.$(`[data-insats="${insatsId}"]`), null, 'not in the other list');
      await go(o, `#/insatser/${insatsId}`, '#insats-load-error');
      assert.equal(await o.textContent('#insats-load-error'), sv['hl.notFound']);
      await go(o, '#/time-reports', '#reports-table, #reports-empty');
      assert.ok(!(await o.content()).includes(caseReference), 'nothing of it among the other time reports');

      // The administrator: no insats screen, no insats through the API, and the audit log names ids, not content.
      adminDesk = await openDesk('admin', '.desk-nav');
      const a = adminDesk.page;
      await go(a, `#/insatser/${insatsId}`, '#not-found');
      assert.equal((await api('GET', `/api/insatser/${insatsId}`, adminToken)).status, 403);
      await go(a, '#/audit', '#audit-form');
      await a.fill('#audit-form input[name="objectId"]', insatsId);
      await a.click('#audit-submit');
      await a.waitForSelector('#audit-table');
      const auditText = await a.textContent('#audit-table');
      assert.ok(auditText.includes(insatsId), 'the insats is named by its id');
      for (const absent of [secret, caseReference, 'Hanna', request.clientPseudonym]) {
        assert.ok(!auditText.includes(absent), `the audit log shows no ${absent}`);
      }
      assert.deepEqual(hl.problems, []);
      assert.deepEqual(coord.problems, []);
      assert.deepEqual(other.problems, []);
      assert.deepEqual(volunteer.problems, []);
    } finally {
      await volunteer?.close();
      await other?.context.close();
      await adminDesk?.context.close();
      await coord.context.close();
      await hl.context.close();
    }
  });
});

