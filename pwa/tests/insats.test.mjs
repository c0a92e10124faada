// The phone app's part of the kontaktperson insats, against the real backend: the demo coordinator and
// the demo handläggare build a GRANTED insats over HTTP; a client device answers the follow-up
// questionnaire, and a kontaktperson device reports time and writes a new plan version.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { eventually, newContext, sharedBrowser } from './helpers/browser.mjs';
import { openApp, pairedDevice, rawStore } from './helpers/app.mjs';
import { api, grantedInsats } from './helpers/realapi.mjs';

const sv = JSON.parse(readFileSync(new URL('../src/i18n/sv.json', import.meta.url), 'utf8'));
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const SHOTS = join(dirname(fileURLToPath(import.meta.url)), '..', 'screenshots');

const shared = sharedBrowser();

const device = (code) => pairedDevice(shared.browser, shared.neutral.url, code);

const text = async (page, selector) => (await page.textContent(selector)).trim();

async function followUps(token, insatsId) {
  const r = await api('GET', `/api/insatser/${insatsId}/follow-ups`, token);
  assert.equal(r.status, 200, r.text);
  return r.json;
}

async function reportsOf(token, insatsId) {
  const r = await api('GET', '/api/time-reports', token);
  assert.equal(r.status, 200, r.text);
  return r.json.filter((x) => x.insatsId === insatsId);
}

async function openReports(page) {
  await page.click('[data-screen="home"]');
  await page.click('#open-reports');
  await page.waitForSelector('#report-list, #report-form');
}

async function answerQuestionnaire(page, { wishes, share }) {
  await page.click('#open-followup');
  await page.waitForSelector('#followup-form');
  await page.check('input[name="contactWorks"][value="4"]');
  await page.check('input[name="getsSupport"][value="PARTLY"]');
  await page.check('input[name="wantsToContinue"][value="YES"]');
  await page.fill('#followup-wishes', wishes);
  if (share) await page.check('#followup-share');
  await page.click('#followup-submit');
  await page.waitForSelector('#open-followup', { timeout: 15000 });
}

describe('insats on the phone', () => {
  test('amounts are read the way they are typed on a phone and shown the Swedish way', async () => {
    const context = await newContext(shared.browser, shared.neutral.url);
    try {
      const page = await context.newPage();
      await openApp(page);
      const result = await page.evaluate(async () => {
        const { parseDecimal, formatNumber } = await import('/app/screens/reports.js');
        const typed = ['1,5', '1.5', ' 7,25 ', '1 234,50', '120', '\u0661\u066b\u0665', '\u06f2,\u06f5', '-1', '1,234', 'abc', '', '1,', '12345678'];
        return { parsed: typed.map(parseDecimal), shown: [7.5, 6.25, 1234.5, 3].map(formatNumber) };
      });
      assert.deepEqual(result.parsed, [1.5, 1.5, 7.25, 1234.5, 120, 1.5, 2.5, null, null, null, null, null, null]);
      assert.deepEqual(result.shown, ['7,5', '6,25', '1\u00a0234,5', '3']);
    } finally {
      await context.close();
    }
  });

  test('the client answers the follow-up questionnaire and the handläggare sees the answer only once the client shares it', async () => {
    const world = await grantedInsats();
    const client = await device(world.clientCode);
    try {
      const { page } = client;
      await page.waitForSelector('#open-followup', { timeout: 15000 });
      assert.match(await text(page, '#followup-slot'), new RegExp(sv['home.followupText']));
      await page.click('#open-followup');
      await page.waitForSelector('#followup-form');
      assert.equal(await text(page, '#followup-readers p'), sv['followup.whoText'], 'who reads the answers is said plainly');
      assert.equal(await page.isChecked('#followup-share'), false, 'sharing with the municipality is off by default');

      await page.click('#followup-submit');
      assert.equal(await text(page, '#followup-error'),
        sv['followup.missing'].replace('{question}', sv['followup.contactWorks']), 'an unanswered question is named');

      await page.click('[data-screen="home"]');
      await answerQuestionnaire(page, { wishes: 'Mer tid på helger 4821', share: false });
      assert.equal(await text(page, '#open-followup'), sv['home.followupChange']);

      const [hidden] = await followUps(world.hToken, world.insatsId);
      assert.equal(hidden.clientView ?? null, null, 'not shared: the municipality sees no answer');
      const [forOrganisation] = await followUps(world.token, world.insatsId);
      assert.equal(forOrganisation.clientView.contactWorks, 4);
      assert.equal(forOrganisation.clientView.getsSupport, 'PARTLY');
      assert.equal(forOrganisation.clientView.wishes, 'Mer tid på helger 4821');

      const stored = JSON.stringify(await rawStore(page)) + await page.evaluate(() => JSON.stringify({ ...localStorage }));
      assert.ok(!stored.includes('4821') && !stored.includes('PARTLY'), 'the answers are kept nowhere on the phone');

      // Answering again replaces the answer, this time shared with the municipality.
      await page.click('#open-followup');
      await page.waitForSelector('#followup-answered');
      await page.click('[data-screen="home"]');
      await answerQuestionnaire(page, { wishes: 'Vill fortsätta 7395', share: true });
      const [shared] = await followUps(world.hToken, world.insatsId);
      assert.equal(shared.clientView.wishes, 'Vill fortsätta 7395');
      assert.equal(shared.clientView.sharedWithMunicipality, true);
      assert.deepEqual(client.problems, []);
    } finally {
      await client.close();
    }
  });

  test('each device kind reaches only its own insats screens', async () => {
    const world = await grantedInsats();
    const client = await device(world.clientCode);
    const volunteer = await device(world.volunteerCode);
    try {
      await client.page.waitForSelector('#open-followup', { timeout: 15000 });
      assert.equal(await client.page.locator('#open-reports, #open-insatser').count(), 0);
      assert.equal(await volunteer.page.locator('#open-reports').count(), 1);
      assert.equal(await volunteer.page.locator('#followup-slot').count(), 0);
      for (const [side, screen] of [[client, 'reports'], [client, 'insatser'], [volunteer, 'followup']]) {
        await side.page.evaluate((name) => import('/app/main.js').then((m) => m.app.go(name)), screen);
        await eventually(async () => (await side.page.evaluate(() => import('/app/main.js').then((m) => m.app.current().name))) === 'home',
          { message: `${screen} refused` });
        assert.equal(await text(side.page, 'h1'), sv['home.title']);
        assert.equal(await side.page.locator('#quick-exit').count(), 1);
      }
    } finally {
      await client.close();
      await volunteer.close();
    }
  });

  test('the kontaktperson reports time, corrects a returned report and sees it approved', async () => {
    const world = await grantedInsats();
    const volunteer = await device(world.volunteerCode);
    try {
      const { page } = volunteer;
      await openReports(page);
      assert.equal(await page.locator('#report-list').count(), 0);
      assert.ok(await page.isVisible('#quick-exit') && await page.isVisible('#help-button'));

      await page.fill('#report-contacts', '3');
      await page.fill('#report-hours', '-1');
      await page.click('#report-submit');
      assert.equal(await text(page, '#report-error'), sv['reports.badHours'], 'a negative number is refused before sending');
      await page.fill('#report-hours', '800');
      await page.click('#report-submit');
      await eventually(async () => (await text(page, '#report-error')) === sv['error.fields'].replace('{fields}', sv['reports.hours']),
        { message: 'the server\'s violation named in the screen\'s words' });

      await page.fill('#report-hours', '7,5');
      await page.click('#expense-add');
      await page.fill('#expense-description-1', 'Bussbiljetter');
      await page.fill('#expense-amount-1', '120,50');
      await page.click('#report-submit');
      const item = page.locator('li[data-state="SUBMITTED"]');
      await item.waitFor({ timeout: 15000 });
      const shown = await item.textContent();
      assert.match(shown, new RegExp(sv['reports.SUBMITTED']));
      assert.match(shown, /7,5/);
      assert.match(shown, /120,50 kr/);

      let [report] = await reportsOf(world.hToken, world.insatsId);
      assert.equal(Number(report.hours), 7.5);
      assert.equal(report.contacts, 3);
      assert.equal(Number(report.expenses[0].amount), 120.5);
      assert.equal(report.month, world.periodStart.slice(0, 7), 'the month just ended is the default');

      await page.fill('#report-contacts', '1');
      await page.fill('#report-hours', '1');
      await page.click('#report-submit');
      await eventually(async () => (await text(page, '#report-error')) === sv['reports.exists'], { message: 'report exists' });

      const comment = 'Timmarna stämmer inte med uppdraget 5512';
      const back = await api('POST', `/api/time-reports/${report.id}/return`, world.hToken, { comment });
      assert.equal(back.status, 200, back.text);
      await openReports(page);
      const returned = page.locator('li[data-state="RETURNED"]');
      await returned.waitFor();
      assert.match(await returned.textContent(), new RegExp(sv['reports.RETURNED']));
      assert.equal(await text(page, `#comment-${report.id} .free-text`), comment);

      await page.click(`#correct-${report.id}`);
      await page.waitForSelector('#report-form');
      assert.equal(await page.inputValue('#report-hours'), '7,5');
      assert.equal(await page.inputValue('#expense-amount-1'), '120,50');
      await page.fill('#report-hours', '6,25');
      await page.click('#report-submit');
      await page.locator('li[data-state="SUBMITTED"]').waitFor({ timeout: 15000 });
      [report] = await reportsOf(world.hToken, world.insatsId);
      assert.equal(Number(report.hours), 6.25);
      assert.equal(report.submissions, 2);

      const approved = await api('POST', `/api/time-reports/${report.id}/approval`, world.hToken);
      assert.equal(approved.status, 200, approved.text);
      await openReports(page);
      await page.locator('li[data-state="APPROVED"]').waitFor();
      assert.equal(await text(page, 'li[data-state="APPROVED"] .state'), sv['reports.APPROVED']);
      assert.equal(await page.locator('[id^="correct-"]').count(), 0, 'an approved report cannot be corrected');
      assert.deepEqual(volunteer.problems, []);
    } finally {
      await volunteer.close();
    }
  });

  test('the kontaktperson sees the insats and uppdrag and saves a plan version the coordinator then reads', async () => {
    const uppdrag = { what: 'Stöd i vardagen och att hitta en fritidsaktivitet', why: 'Bryta isolering efter flytten' };
    const world = await grantedInsats({ uppdrag });
    const volunteer = await device(world.volunteerCode);
    try {
      const { page } = volunteer;
      await page.click('#open-insatser');
      const card = page.locator(`li[data-insats="${world.insatsId}"]`);
      await card.waitFor({ timeout: 15000 });
      const shown = await card.textContent();
      for (const expected of [world.municipality, uppdrag.what, uppdrag.why, sv['insatser.GRANTED'], sv['insatser.noPlan']]) {
        assert.ok(shown.includes(expected), `shows ${expected}`);
      }

      await page.click(`#plan-edit-${world.insatsId}`);
      await page.waitForSelector('#plan-form');
      await page.click('#plan-save');
      assert.equal(await text(page, '#plan-error'), sv['plan.incomplete']);
      await page.selectOption('#goal-need-1', 'BREAKING_ISOLATION');
      await page.fill('#goal-goal-1', 'Hitta en kör att sjunga i');
      await page.fill('#goal-how-1', 'Vi besöker två körer tillsammans');
      await page.fill('#goal-often-1', 'Varannan vecka');
      await page.click('#goal-add');
      await page.selectOption('#goal-need-2', 'STUDIES_AND_WORK');
      await page.fill('#goal-goal-2', 'Söka till SFI');
      await page.fill('#goal-how-2', 'Fylla i ansökan tillsammans');
      await page.fill('#goal-often-2', 'En gång');
      await page.click('#plan-save');
      await page.waitForSelector(`li[data-insats="${world.insatsId}"] .goal`, { timeout: 15000 });
      const plan = await text(page, `li[data-insats="${world.insatsId}"] .plan`);
      for (const expected of [sv['need.BREAKING_ISOLATION'], 'Hitta en kör att sjunga i', sv['need.STUDIES_AND_WORK'], 'Söka till SFI']) {
        assert.ok(plan.includes(expected), `plan shows ${expected}`);
      }

      const plans = await api('GET', `/api/insatser/${world.insatsId}/plans`, world.token);
      assert.equal(plans.status, 200, plans.text);
      const latest = plans.json[plans.json.length - 1];
      assert.equal(latest.draftedBy, 'VOLUNTEER');
      assert.deepEqual(latest.goals.map((g) => [g.need, g.goal, g.howOften]),
        [['BREAKING_ISOLATION', 'Hitta en kör att sjunga i', 'Varannan vecka'], ['STUDIES_AND_WORK', 'Söka till SFI', 'En gång']]);
      assert.deepEqual(volunteer.problems, []);
    } finally {
      await volunteer.close();
    }
  });

  test('for a protected client the kontaktperson sees neither the municipality nor the uppdrag', async () => {
    const world = await grantedInsats({ protectedIdentity: true, uppdrag: { what: 'Hemligt uppdrag 6620', why: 'Skyddad 6620' } });
    const volunteer = await device(world.volunteerCode);
    try {
      const { page } = volunteer;
      await page.click('#open-insatser');
      const card = page.locator(`li[data-insats="${world.insatsId}"]`);
      await card.waitFor({ timeout: 15000 });
      const shown = await card.textContent();
      for (const absent of [world.municipality, '6620', sv['insatser.municipality'], sv['insatser.uppdrag']]) {
        assert.ok(!shown.includes(absent), `does not show ${absent}`);
      }
      assert.ok(shown.includes(sv['insatser.period']));
    } finally {
      await volunteer.close();
    }
  });

  test('the new screens have no serious or critical axe findings in Swedish and Arabic', async () => {
    const world = await grantedInsats({ uppdrag: { what: 'Stöd i vardagen', why: 'Bryta isolering' } });
    const client = await device(world.clientCode);
    const volunteer = await device(world.volunteerCode);
    try {
      await openReports(volunteer.page);
      await volunteer.page.fill('#report-contacts', '2');
      await volunteer.page.fill('#report-hours', '4');
      await volunteer.page.click('#report-submit');
      await volunteer.page.locator('li[data-report]').waitFor({ timeout: 15000 });
      const [report] = await reportsOf(world.hToken, world.insatsId);
      await api('POST', `/api/time-reports/${report.id}/return`, world.hToken, { comment: 'Ange kontakterna per vecka' });

      await mkdir(SHOTS, { recursive: true });
      const findings = [];
      const check = async (page, lang, name) => {
        assert.equal(await page.getAttribute('html', 'dir'), lang === 'ar' ? 'rtl' : 'ltr');
        assert.ok(await page.isVisible('#quick-exit'), `${name}: quick exit`);
        await page.screenshot({ path: join(SHOTS, `${lang}-${name}.png`), fullPage: true });
        await page.evaluate(AXE);
        const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
        for (const v of result.violations) findings.push({ lang, name, id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(' ')).slice(0, 3) });
      };
      for (const lang of ['sv', 'ar']) {
        for (const { page } of [client, volunteer]) {
          await page.click('[data-screen="settings"]');
          await page.selectOption('#language', lang);
          await page.waitForSelector(`html[lang="${lang}"]`);
          await page.click('[data-screen="home"]');
        }
        await client.page.click('#open-followup');
        await client.page.waitForSelector('#followup-form');
        await check(client.page, lang, 'followup');
        await client.page.click('[data-screen="home"]');

        await volunteer.page.click('#open-insatser');
        await volunteer.page.waitForSelector('#insats-list');
        await check(volunteer.page, lang, 'insatser');
        await volunteer.page.click(`#plan-edit-${world.insatsId}`);
        await volunteer.page.waitForSelector('#plan-form');
        await volunteer.page.click('#goal-add');
        await check(volunteer.page, lang, 'plan');
        await openReports(volunteer.page);
        await volunteer.page.click('#expense-add');
        await check(volunteer.page, lang, 'reports');
        await volunteer.page.click(`#correct-${report.id}`);
        await volunteer.page.waitForSelector('#report-form');
        await check(volunteer.page, lang, 'report-correct');
        await volunteer.page.click('#back');
      }
      const blocking = findings.filter((f) => f.impact === 'serious' || f.impact === 'critical');
      if (findings.length) console.log(JSON.stringify({ axeFindings: findings }));
      assert.deepEqual(blocking, []);
      assert.deepEqual([...client.problems, ...volunteer.problems], []);
    } finally {
      await client.close();
      await volunteer.close();
    }
  });
});
