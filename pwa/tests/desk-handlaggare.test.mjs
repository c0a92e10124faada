// The handläggare's screens at the desk against the real backend and PostgreSQL: a coordinator proposes over
// the API (with the client's consent); in the browser the handläggare finds the proposal in the inbox,
// investigates, grants, writes the uppdrag, reads the plan the organisation wrote (read-only), holds a
// follow-up with the client's shared answers, changes the period, returns one time report and approves
// others, downloads the payroll CSV and checks it against the reports, and ends the insats; the refusal path
// with the appeal text; the referral form; a coordinator's direct address to these screens is "not found".
// axe-core on every new screen in Swedish and English. The demo data is shared by every test file of the run:
// this file finds its own insatser by id and case reference, never by position or count.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { eventually, sharedBrowser } from './helpers/browser.mjs';
import {
  api, approvedVolunteer, clientIntake, coordinator, grantedInsats, handlaggare, pairingCode, swedishDate,
} from './helpers/realapi.mjs';
import {
  DESKTOP, axeBoth, firstOfLastMonth, go, ok, openDeskAs, parseCsv, plusMonths, testDevice,
} from './helpers/desk.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const sv = JSON.parse(readFileSync(join(HERE, '..', 'src', 'desk', 'i18n', 'sv.json'), 'utf8'));
const shared = sharedBrowser();
const openDesk = (username, landing) => openDeskAs(shared.browser, username, landing);

/** A coordinator's proposal of a fresh volunteer to the demo municipality, with the client's consent. */
async function proposal() {
  const { accessToken: token } = await coordinator();
  const clientId = await clientIntake(token);
  const volunteerId = await approvedVolunteer(token);
  const assignment = await ok(api('POST', '/api/assignments', token, { clientId, volunteerId, kind: 'INSATS' }), 'assignment');
  const parties = await ok(api('GET', '/api/insats-parties', token), 'parties');
  const municipalityId = parties.find((p) => p.name === 'Exempelkommun (demo)').id;
  const insats = await ok(api('POST', '/api/insatser', token, { assignmentId: assignment.id, municipalityId,
    municipalityContact: { name: 'Hanna Handläggare', phone: '011-15 00 00' } }), 'proposal');
  await ok(api('POST', `/api/insatser/${insats.id}/consent`, token,
    { givenOn: swedishDate(), form: 'WRITTEN', scope: ['PROPOSAL', 'FOLLOW_UP'] }), 'consent');
  return { token, clientId, volunteerId, insatsId: insats.id };
}

/** Usable at 1024 px: nothing scrolls sideways. */
async function fitsAt1024(page) {
  await page.setViewportSize({ width: 1024, height: 768 });
  const [scroll, width] = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
  assert.ok(scroll <= width, `no sideways scrolling at 1024 px (${scroll} > ${width})`);
  await page.setViewportSize(DESKTOP);
}

describe('the handläggare at the desk', () => {
  test('inbox → investigation → grant → uppdrag → the plan read-only → a follow-up held with the client\'s answers → period changed → time reports returned and approved → CSV checked → ended', async () => {
    const world = await proposal();
    const caseReference = `T-${randomUUID().slice(0, 8)}`;
    const { context, page, problems } = await openDesk('handlaggare', '#inbox');
    const violations = [];
    try {
      // The inbox is the handläggare's first screen; only the handläggare's screens are offered.
      assert.deepEqual(await page.$$eval('.desk-nav a', (as) => as.map((a) => a.dataset.route)), ['inbox', 'insatser', 'time-reports']);
      await page.waitForSelector(`#inbox-proposals li[data-insats="${world.insatsId}"]`);
      assert.match(await page.textContent('#inbox-counts'), new RegExp(sv['hl.inbox.proposals']));
      await eventually(async () => (await page.getAttribute('#live-status', 'data-state')) === 'live', { message: 'the inbox is live' });
      violations.push(...await axeBoth(page, 'hl-inbox', `#inbox-proposals li[data-insats="${world.insatsId}"]`));

      // The proposal: the volunteer's investigation view holds training, background check and supervision only.
      await page.click(`#inbox-proposals a[data-insats="${world.insatsId}"]`);
      await page.waitForSelector('#insats-volunteer');
      assert.equal(await page.evaluate(() => document.activeElement?.tagName), 'H1', 'focus on the new heading');
      const volunteerText = await page.textContent('#insats-volunteer');
      assert.match(volunteerText, new RegExp(sv['hl.vol.check']));
      assert.ok(!volunteerText.includes('Lugn och tydlig') && !volunteerText.includes('Jag vill ge tillbaka'),
        'nothing of the interview or the motivation');
      violations.push(...await axeBoth(page, 'hl-insats-proposed', '#insats-volunteer'));
      // Keyboard: the jump list moves focus to a section's heading.
      await page.focus('.jump a[href="#insats-decision"]');
      await page.keyboard.press('Enter');
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'insats-decision-title');

      // Granting before the investigation is stopped on the client, beside the field.
      await page.check('#decision-form input[name="outcome"][value="GRANTED"]');
      await page.click('#decision-submit');
      await page.waitForSelector('#decision-form [data-error-for="outcome"]:not(:empty)');

      // Investigation, then the decision.
      await page.check('#investigation-form input[name="outcome"][value="SUITABLE"]');
      await page.click('#investigation-submit');
      await page.waitForSelector('#investigation-current');
      const start = firstOfLastMonth();
      await page.check('#decision-form input[name="outcome"][value="GRANTED"]');
      await page.fill('#decision-form input[name="periodStart"]', start);
      await page.fill('#decision-form input[name="periodEnd"]', plusMonths(start, 6));
      await page.fill('#decision-form input[name="hoursPerMonth"]', '8');
      await page.fill('#decision-form input[name="followUpOn"]', swedishDate(7));
      await page.fill('#decision-form input[name="caseReference"]', caseReference);
      await page.click('#decision-submit');
      await page.waitForSelector('#insats-state[data-state="GRANTED"]');
      assert.equal(await page.textContent('#insats-case-reference'), caseReference);

      // The uppdrag, versioned with its author.
      await page.fill('#uppdrag-form textarea[name="what"]', 'Socialt stöd och hjälp att bygga ett nätverk.');
      await page.fill('#uppdrag-form textarea[name="why"]', 'Isolering efter skyddat boende.');
      await page.click('#uppdrag-submit');
      await page.waitForSelector('#uppdrag-versions li[data-version="1"]');
      await page.fill('#uppdrag-form textarea[name="what"]', 'Socialt stöd, nätverk och stöd i myndighetskontakter.');
      await page.click('#uppdrag-submit');
      await page.waitForSelector('#uppdrag-versions li[data-version="2"]');
      assert.ok(await page.$('#uppdrag-versions li[data-version="1"] details'), 'the earlier version kept, folded');

      // The organisation writes the plan; the client answers the follow-up questionnaire and shares it; the
      // organisation reports. The handläggare reads all of it, the plan without a form.
      const goal = `Träffa kontaktpersonen varje vecka ${randomUUID().slice(0, 4)}`;
      await ok(api('PUT', `/api/insatser/${world.insatsId}/plan`, world.token, {
        goals: [{ need: 'BREAKING_ISOLATION', goal, how: 'Fika och promenader', howOften: 'Varje vecka' }], madeWithClientOn: swedishDate(),
      }), 'plan');
      const client = await testDevice(await pairingCode(world.token, 'CLIENT', world.clientId));
      const open = await ok(api('GET', '/api/me/follow-ups', client.token), 'questionnaire');
      await ok(api('POST', `/api/me/follow-ups/${open[0].id}/answer`, client.token, { contactWorks: 4, getsSupport: 'YES',
        wantsToContinue: 'YES', wishes: 'Fler promenader', shareWithMunicipality: true }), 'answer');
      await ok(api('POST', `/api/insatser/${world.insatsId}/follow-ups/${open[0].id}/report`, world.token,
        { text: 'Kontakten fungerar bra.' }), 'provider report');
      await go(page, `#/insatser/${world.insatsId}`, '#plan-versions');
      assert.match(await page.textContent('#plan-versions'), new RegExp(goal));
      assert.equal(await page.$$eval('#insats-plan input, #insats-plan textarea, #insats-plan button', (els) => els.length), 0, 'the plan is read-only here');
      assert.match(await page.textContent('.client-view'), /Fler promenader/);
      assert.match(await page.textContent('.provider-report'), /Kontakten fungerar bra/);
      violations.push(...await axeBoth(page, 'hl-insats-granted', '#assessment-form'));

      // The follow-up: how it was held, the assessment, continue.
      await page.check('#assessment-form input[name="heldHow"][value="VIDEO"]');
      await page.check('#assessment-with-client');
      await page.fill('#assessment-form textarea[name="assessment"]', 'Insatsen svarar mot behoven.');
      await page.click('#assessment-submit');
      await page.waitForSelector(`#followup-list li[data-followup="${open[0].id}"][data-status="held"]`);
      assert.match(await page.textContent(`#followup-list li[data-followup="${open[0].id}"]`), new RegExp(sv['hl.how.VIDEO']));

      // A change of period and hours outside a follow-up.
      await page.fill('#change-form input[name="periodEnd"]', plusMonths(start, 9));
      await page.fill('#change-form input[name="hoursPerMonth"]', '10');
      await page.click('#change-submit');
      await eventually(async () => (await page.textContent('#insats-hours')).includes('10'), { message: 'the new hours shown' });
      assert.ok(await page.$('#decision-list li[data-version="2"]'), 'the change is a new decision version');

      // Time reports for last month: this insats's is returned, corrected, then approved with another one at once;
      // a third (another insats) approved from its row.
      const lastMonth = start.slice(0, 7);
      const volunteer = await testDevice(await pairingCode(world.token, 'VOLUNTEER', world.volunteerId));
      const mine = await ok(api('POST', '/api/me/time-reports', volunteer.token, { insatsId: world.insatsId, month: lastMonth,
        contacts: 4, hours: 5.5, expenses: [{ description: 'Bussbiljetter', amount: 120.5 }] }), 'time report');
      const other = await grantedInsats();
      const otherDevice = await testDevice(other.volunteerCode);
      const theirs = await ok(api('POST', '/api/me/time-reports', otherDevice.token, { insatsId: other.insatsId, month: lastMonth,
        contacts: 2, hours: 3, expenses: [] }), 'other report');
      await go(page, `#/time-reports?month=${lastMonth}`, `#reports-table tr[data-report="${mine.id}"]`);
      violations.push(...await axeBoth(page, 'hl-time-reports', `#reports-table tr[data-report="${mine.id}"]`));
      await fitsAt1024(page);
      // The municipality's arvode rate: each report's arvode is hours × rate, beside the hours.
      await page.fill('#rate-form input[name="perHour"]', '-5');
      await page.click('#rate-submit');
      await page.waitForSelector('#rate-form [data-error-for="perHour"]:not(:empty)');
      await page.fill('#rate-form input[name="perHour"]', '150');
      await page.click('#rate-submit');
      await eventually(async () => /825/.test(await page.textContent(`tr[data-report="${mine.id}"] .report-arvode`)),
        { message: '5.5 hours × 150 kr' });
      await page.click(`tr[data-report="${mine.id}"] button[data-action="return"]`);
      await page.click(`tr[data-report="${mine.id}"] .return-form button[type="submit"]`);
      await page.waitForSelector(`tr[data-report="${mine.id}"] .return-form [data-error-for="comment"]:not(:empty)`);
      await page.fill(`tr[data-report="${mine.id}"] .return-form textarea`, 'Ange kontakterna per vecka');
      await page.click(`tr[data-report="${mine.id}"] .return-form button[type="submit"]`);
      await page.waitForSelector(`tr[data-report="${mine.id}"][data-state="RETURNED"]`);
      await ok(api('PUT', `/api/me/time-reports/${mine.id}`, volunteer.token,
        { contacts: 5, hours: 6.25, expenses: [{ description: 'Bussbiljetter', amount: 120.5 }] }), 'corrected');
      await go(page, `#/time-reports?month=${lastMonth}`, `tr[data-report="${mine.id}"][data-state="SUBMITTED"]`);
      await page.check(`tr[data-report="${mine.id}"] .report-pick`);
      await page.click('#reports-approve-selected');
      await page.waitForSelector(`tr[data-report="${mine.id}"][data-state="APPROVED"]`);
      await page.click(`tr[data-report="${theirs.id}"] button[data-action="approve"]`);
      await page.waitForSelector(`tr[data-report="${theirs.id}"][data-state="APPROVED"]`);

      // The payroll CSV as a real download, checked against the reports.
      const [download] = await Promise.all([page.waitForEvent('download'), page.click('#reports-export')]);
      assert.equal(download.suggestedFilename(), `tidrapporter-${lastMonth}.csv`);
      const rows = parseCsv(readFileSync(await download.path(), 'utf8'));
      assert.deepEqual(rows[0], ['month', 'case_reference', 'organisation', 'kontaktperson', 'contacts', 'hours', 'expenses_sek', 'report_id', 'payee']);
      const body = rows.slice(1, -1);
      const total = rows[rows.length - 1];
      const ours = body.find((r) => r[7] === mine.id);
      assert.deepEqual([ours[1], ours[4], ours[5], ours[6]], [caseReference, '5', '6.25', '120.50']);
      assert.equal(ours[8], ours[2], 'the provider model: the organisation is paid');
      assert.equal(body.find((r) => r[7] === theirs.id)[5], '3.00');
      assert.equal(total[1], 'TOTAL');
      assert.equal(Number(total[3]), body.length);
      const sum = (i) => body.reduce((s, r) => s + Math.round(Number(r[i]) * 100), 0);
      assert.equal(Math.round(Number(total[5]) * 100), sum(5), 'total hours are the sum of the rows');
      assert.equal(Math.round(Number(total[6]) * 100), sum(6), 'total expenses are the sum of the rows');
      const listed = await api('GET', `/api/time-reports?month=${lastMonth}&state=APPROVED`, (await handlaggare()).accessToken);
      assert.equal(body.length, listed.json.length, 'the export holds every approved report of the month');

      // The end.
      await go(page, `#/insatser/${world.insatsId}`, '#end-form');
      await page.selectOption('#end-form select[name="reason"]', 'GOAL_REACHED');
      // A rule only the server knows (not before the period began) comes back beside its field.
      const dayBefore = new Date(Date.parse(`${start}T12:00:00Z`) - 86400_000).toISOString().slice(0, 10);
      await page.fill('#end-form input[name="endedOn"]', dayBefore);
      await page.click('#end-submit');
      await page.waitForSelector('#end-form [data-error-for="endedOn"]:not(:empty)');
      assert.equal(await page.getAttribute('#end-form input[name="endedOn"]', 'aria-invalid'), 'true');
      assert.equal(await page.getAttribute('#insats-state', 'data-state'), 'GRANTED', 'nothing claimed before the server agreed');
      await page.fill('#end-form input[name="endedOn"]', swedishDate());
      await page.click('#end-submit');
      await page.waitForSelector('#insats-state[data-state="ENDED"]');

      // The list, filtered by state on the server.
      await go(page, '#/insatser', '#insatser-table, #insatser-empty');
      await page.selectOption('#insatser-state', 'ENDED');
      await page.waitForSelector(`#insatser-table tr[data-insats="${world.insatsId}"][data-state="ENDED"]`);
      assert.equal(await page.$(`#insatser-table tr[data-insats="${other.insatsId}"]`), null, 'a granted one is not among the ended');
      violations.push(...await axeBoth(page, 'hl-insatser', `#insatser-table tr[data-insats="${world.insatsId}"]`));

      assert.deepEqual(violations, []);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  test('a refusal records its reason and how to appeal; a request for a kontaktperson is checked on the client and sent', async () => {
    const { context, page, problems } = await openDesk('handlaggare', '#inbox');
    const violations = [];
    try {
      // The inbox is live: a proposal made while it is open appears without a reload.
      await eventually(async () => (await page.getAttribute('#live-status', 'data-state')) === 'live', { message: 'the inbox is live' });
      const world = await proposal();
      await page.waitForSelector(`#inbox-proposals li[data-insats="${world.insatsId}"]`);
      await go(page, `#/insatser/${world.insatsId}`, '#decision-form');
      await page.check('#decision-form input[name="outcome"][value="REFUSED"]');
      assert.equal(await page.inputValue('#decision-form textarea[name="appealInformation"]'), sv['hl.dec.appealDefault'], 'the appeal text is prefilled');
      await page.click('#decision-submit');
      await page.waitForSelector('#decision-form [data-error-for="refusalReason"]:not(:empty)');
      const appeal = `Överklaga till förvaltningsrätten inom tre veckor ${randomUUID().slice(0, 4)}.`;
      await page.fill('#decision-form textarea[name="refusalReason"]', 'Behovet tillgodoses genom annan insats.');
      await page.fill('#decision-form textarea[name="appealInformation"]', appeal);
      await page.click('#decision-submit');
      await page.waitForSelector('#insats-state[data-state="REFUSED"]');
      assert.equal(await page.textContent('#decision-list .appeal'), appeal);
      const seen = await ok(api('GET', `/api/insatser/${world.insatsId}`, world.token), 'the organisation\'s view');
      assert.equal(seen.decisions[0].appealInformation, appeal, 'the organisation sees how to appeal');
      violations.push(...await axeBoth(page, 'hl-insats-refused', '#decision-list'));
      await fitsAt1024(page);

      // The request for a kontaktperson.
      await go(page, '#/insatser/new', '#referral-form');
      violations.push(...await axeBoth(page, 'hl-referral', '#referral-form'));
      await fitsAt1024(page);
      await page.click('#referral-submit');
      await page.waitForSelector('#referral-form [data-error-for="consentHeld"]:not(:empty)');
      assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('aria-invalid')), 'true', 'focus on the first field in error');
      const caseReference = `R-${randomUUID().slice(0, 8)}`;
      const me = await ok(api('GET', '/api/auth/me', world.token), 'the coordinator');
      await page.selectOption('#referral-form select[name="organisationId"]', me.organisationId);
      await page.selectOption('#referral-form select[name="ageBand"]', 'AGE_18_25');
      await page.selectOption('#referral-form select[name="region"]', 'se-e');
      await page.check('#referral-form input[name="languages"][value="ar"]');
      await page.check('#referral-form input[name="needs"][value="BREAKING_ISOLATION"]');
      await page.fill('#referral-form input[name="caseReference"]', caseReference);
      // Protected identity as a level: none unless chosen, with a visible label.
      assert.equal(await page.inputValue('#referral-form select[name="protectionLevel"]'), 'NONE');
      assert.equal(await page.textContent('#referral-form label[for="referral-protection"]'), sv['protection.label']);
      await page.selectOption('#referral-form select[name="protectionLevel"]', 'SKYDDAD_FOLKBOKFORING');
      await page.fill('#referral-form input[name="contactName"]', 'Hanna Handläggare');
      await page.fill('#referral-form input[name="contactEmail"]', 'inte-en-adress');
      await page.check('#referral-consentHeld');
      await page.fill('#referral-form input[name="consentGivenOn"]', swedishDate());
      await page.click('#referral-submit');
      await page.waitForSelector('#referral-form [data-error-for="contactEmail"]:not(:empty)');
      await page.fill('#referral-form input[name="contactEmail"]', 'hanna@exempelkommun.se');
      await page.click('#referral-submit');
      await page.waitForSelector('#insats-state[data-state="REQUESTED"]');
      assert.equal(await page.textContent('#insats-case-reference'), caseReference);
      assert.equal(await page.textContent('#insats-waiting'), sv['hl.detail.waiting']);
      await page.waitForSelector('#insats-protection[data-level="SKYDDAD_FOLKBOKFORING"] .badge-protected');
      assert.equal(await page.textContent('#insats-protection .protection-rule'), sv['protection.rule.SKYDDAD_FOLKBOKFORING']);
      violations.push(...await axeBoth(page, 'hl-insats-protected', '#insats-protection'));

      // The organisation answers the request with a volunteer: the answer waits in the inbox.
      const requestId = await page.evaluate(() => location.hash.split('/')[2]);
      const request = await ok(api('GET', `/api/insatser/${requestId}`, world.token), 'the request as the organisation sees it');
      const volunteerId = await approvedVolunteer(world.token);
      const assignment = await ok(api('POST', '/api/assignments', world.token,
        { clientId: request.clientId, volunteerId, kind: 'INSATS' }), 'an insats assignment for the request');
      await ok(api('POST', `/api/insatser/${requestId}/volunteer-proposal`, world.token, { assignmentId: assignment.id }), 'the answer');
      await go(page, '#/inbox', `#inbox-answers li[data-insats="${requestId}"]`);

      assert.deepEqual(violations, []);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  test('in the municipality model the handläggare writes the plan with the goals form; the coordinator reads it', async () => {
    const world = await grantedInsats({ model: 'MUNICIPALITY' });
    const { context, page, problems } = await openDesk('handlaggare', '#inbox');
    const violations = [];
    try {
      await go(page, `#/insatser/${world.insatsId}`, '#plan-form');
      assert.equal(await page.getAttribute('#insats-model', 'data-model'), 'MUNICIPALITY');
      assert.equal(await page.textContent('#insats-model'), sv['hl.model.MUNICIPALITY']);
      violations.push(...await axeBoth(page, 'hl-plan-form', '#plan-form'));
      // Checked on the client first: every part of a goal, beside its field.
      await page.click('#plan-submit');
      await page.waitForSelector('#plan-form [data-error-for="goals[0].goal"]:not(:empty)');
      const goal = `Klara gymnasiet ${randomUUID().slice(0, 6)}`;
      await page.selectOption('#plan-form select[name="goals[0].need"]', 'STUDIES_AND_WORK');
      await page.fill('#plan-form textarea[name="goals[0].goal"]', goal);
      await page.fill('#plan-form textarea[name="goals[0].how"]', 'Läxhjälp på biblioteket');
      await page.fill('#plan-form input[name="goals[0].howOften"]', 'Varje vecka');
      await page.click('#plan-goal-add');
      await page.waitForSelector('#plan-form [data-goal="2"]');
      await page.fill('#plan-form textarea[name="goals[1].goal"]', 'Ett nätverk');
      await page.fill('#plan-form textarea[name="goals[1].how"]', 'Följa med till en förening');
      await page.fill('#plan-form input[name="goals[1].howOften"]', 'Varannan vecka');
      await page.click('#plan-submit');
      await page.waitForSelector('#plan-versions li[data-version="1"]');
      assert.match(await page.textContent('#plan-versions'), new RegExp(goal));
      const plans = await ok(api('GET', `/api/insatser/${world.insatsId}/plans`, world.token), 'the coordinator reads the plans');
      assert.equal(plans.length, 1);
      assert.equal(plans[0].draftedBy, 'HANDLAGGARE');
      assert.equal(plans[0].goals.length, 2);
      const refused = await api('PUT', `/api/insatser/${world.insatsId}/plan`, world.token,
        { goals: plans[0].goals, madeWithClientOn: swedishDate() });
      assert.equal(refused.status, 409, 'the coordinator only reads it in this model');
      violations.push(...await axeBoth(page, 'hl-plan-saved', '#plan-versions'));
      assert.deepEqual(violations, []);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  test('a coordinator\'s direct address to a handläggare screen shows "not found"', async () => {
    const world = await proposal();
    const { context, page, problems } = await openDesk('samordnare', '#today');
    try {
      for (const hash of ['#/inbox', `#/insatser/${world.insatsId}`, '#/insatser/new', '#/time-reports']) {
        await go(page, hash, '#not-found');
        assert.equal(await page.textContent('#not-found h1'), sv['notFound.title']);
        assert.equal(await page.$('#insats, #inbox, #time-reports, #referral'), null);
      }
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });
});
