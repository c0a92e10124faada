// The desk's recruiting screens against the real backend and PostgreSQL: an applicant applies through the
// organisation's public page (consent required, a server error shown next to its field, a calm
// confirmation), appears on the coordinator's board in the right column, is found by filters the server
// applies, is moved by keyboard with the reason the API asks for, and is taken through interview,
// training (a group created in the desk, eight attendance clicks), an expired background check refused
// next to the Approve control, a valid one and approval; the certificate downloads as a PDF. Training and
// Supervision screens with their attendance sheets and the overdue list as the server has it. axe-core on
// every new screen in Swedish and English. The demo organisation is shared by every test file of the run:
// everything here is found by its own name, never by position or count.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BASE, eventually, sharedBrowser, watchPage } from './helpers/browser.mjs';
import { api, coordinator, swedishDate } from './helpers/realapi.mjs';
import { DESKTOP, axe, axeBoth, deskSignIn, swedishLocal, volunteerPage } from './helpers/desk.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const SRC = join(HERE, '..', 'src');
const sv = JSON.parse(readFileSync(join(SRC, 'desk', 'i18n', 'sv.json'), 'utf8'));
const en = JSON.parse(readFileSync(join(SRC, 'desk', 'i18n', 'en.json'), 'utf8'));
const shared = sharedBrowser();

/** Usable on a tablet: nothing wider than a 1024 px window. */
async function fitsAt1024(p, what) {
  await p.setViewportSize({ width: 1024, height: 768 });
  const overflow = await p.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  await p.setViewportSize(DESKTOP);
  assert.ok(overflow <= 0, `${what} overflows a 1024 px window by ${overflow} px`);
}

const applicant = `Tesfay Test-${randomUUID().slice(0, 8)}`;
let orgId;
let volunteerId;
let page;
let context;
let problems;
const violations = [];

describe('the recruiting screens of the desk', () => {
  before(async () => {
    const me = await api('GET', '/api/auth/me', (await coordinator()).accessToken);
    assert.equal(me.status, 200, me.text);
    orgId = me.json.organisationId;
  });

  after(async () => {
    await context?.close();
  });

  test('the texts: every key of the new screens and the public page exists in both languages, English differs', () => {
    const files = ['desk/board.js', 'desk/fields.js', 'desk/apply.js', 'desk/screens/volunteers.js', 'desk/screens/volunteer.js',
      'desk/screens/training.js', 'desk/screens/supervision.js', 'desk/routes.js'];
    const used = new Set();
    for (const f of files) {
      const code = readFileSync(join(SRC, f), 'utf8');
      for (const m of code.matchAll(/'((?:volunteers|volunteer|training|supervision|apply)\.[a-zA-Z0-9_.-]+)'/g)) used.add(m[1]);
    }
    assert.ok(used.size > 250, `found ${used.size} keys`);
    for (const k of used) {
      assert.ok(k in sv, `sv ${k}`);
      assert.ok(k in en, `en ${k}`);
      assert.notEqual(en[k], sv[k], `en ${k} looks untranslated`);
    }
  });

  test('the public application page: consent required, a server error next to its field, a calm confirmation; axe in Swedish and English', async () => {
    const ctx = await shared.browser.newContext({ viewport: DESKTOP, serviceWorkers: 'block' });
    const p = await ctx.newPage();
    const seen = watchPage(p);
    try {
      await p.goto(`${BASE}/desk/apply.html?org=${orgId}`);
      await p.waitForSelector('#apply-form');
      assert.equal(await p.getAttribute('html', 'lang'), 'sv');
      assert.equal(await p.evaluate(() => document.activeElement?.tagName), 'H1', 'focus on the heading');
      // The honeypot is there for bots, hidden from people and from assistive technology.
      assert.equal(await p.getAttribute('.hp', 'aria-hidden'), 'true');
      assert.equal(await p.getAttribute('#apply-website', 'tabindex'), '-1');
      assert.ok(!(await p.isVisible('#apply-website')) || (await p.$eval('#apply-website', (e) => e.getBoundingClientRect().right < 0)));

      violations.push(...await axe(p, 'sv', 'apply'));
      await p.selectOption('#apply-language', 'en');
      await p.waitForFunction(() => document.documentElement.lang === 'en');
      await p.waitForSelector('#apply-form');
      assert.equal(await p.textContent('h1'), en['apply.title']);
      violations.push(...await axe(p, 'en', 'apply'));
      await p.selectOption('#apply-language', 'sv');
      await p.waitForFunction(() => document.documentElement.lang === 'sv');

      await p.fill('#apply-form input[name="name"]', applicant);
      await p.fill('#apply-form input[name="email"]', 'tesfay@example.org');
      await p.check('#lang-ti');
      await p.check('#lang-sv');
      await p.selectOption('#apply-form select[name="region"]', 'SE-Z');
      // A tab inside the municipality passes the page's checks but not the server's (one line of text).
      await p.fill('#apply-form input[name="municipality"]', 'Öster\tsund');
      await p.check('#apply-form input[value="THURSDAY:EVENING"]');
      await p.fill('#apply-form input[name="hoursPerMonth"]', '6');
      await p.fill('#apply-form textarea[name="motivation"]', 'Jag vill finnas där för någon som står ensam.');

      // Consent is required: the page says so next to the box and sends nothing.
      let posted = 0;
      p.on('request', (r) => { if (r.method() === 'POST' && r.url().includes('/volunteer-applications')) posted++; });
      await p.click('#apply-submit');
      await p.waitForFunction(() => document.querySelector('#apply-consent-error')?.textContent);
      assert.equal(await p.textContent('#apply-consent-error'), sv['apply.error.consent']);
      assert.equal(await p.evaluate(() => document.activeElement?.id), 'apply-consent');
      assert.equal(posted, 0, 'nothing sent without consent');

      await p.check('#apply-consent');
      await p.click('#apply-submit');
      await p.waitForFunction(() => document.querySelector('.field-error[data-error-for="municipality"]')?.textContent);
      assert.equal(await p.textContent('.field-error[data-error-for="municipality"]'), sv['apply.error.municipality']);
      assert.equal(await p.getAttribute('#apply-form input[name="municipality"]', 'aria-invalid'), 'true');
      assert.equal(await p.evaluate(() => document.activeElement?.name), 'municipality', 'focus on the field the server named');
      assert.equal(posted, 1);
      assert.ok(!(await p.$('#apply-done')), 'no confirmation before the server accepted');

      await p.fill('#apply-form input[name="municipality"]', 'Östersund');
      await p.click('#apply-submit');
      await p.waitForSelector('#apply-done');
      assert.equal(await p.textContent('#apply-done h1'), sv['apply.doneTitle']);
      assert.equal(await p.evaluate(() => document.activeElement?.tagName), 'H1');
      violations.push(...await axe(p, 'sv', 'apply-done'));
      assert.deepEqual(seen, []);
    } finally {
      await ctx.close();
    }
  });

  test('the board: the applicant in the applied column, filters narrowed on the server, moved by keyboard with a reason; axe', async () => {
    context = await shared.browser.newContext({ viewport: DESKTOP, serviceWorkers: 'block', acceptDownloads: true });
    page = await context.newPage();
    problems = watchPage(page);
    await page.goto(`${BASE}/desk/`);
    await page.waitForSelector('#signin-form');
    await deskSignIn(page, 'samordnare');
    await page.waitForSelector('#today');
    await page.click('.desk-nav a[data-route="volunteers"]');
    await page.waitForSelector('#vol-board .vcol');
    assert.equal(await page.evaluate(() => document.activeElement?.tagName), 'H1', 'focus on the new heading');
    assert.deepEqual(await page.$$eval('#vol-board .vcol', (cs) => cs.map((c) => c.dataset.stage)),
      ['applied', 'interview', 'training', 'approved', 'paused', 'ended']);
    violations.push(...await axeBoth(page, 'volunteers', '#vol-board .vcol'));
    await fitsAt1024(page, 'the board');

    // Search by name: the server answers; the applicant is in the applied column.
    const searched = page.waitForRequest((r) => r.url().includes('/api/recruiting/volunteers?') && r.url().includes('q=Tesfay'));
    await page.fill('#vol-q', applicant);
    await page.press('#vol-q', 'Enter');
    await searched;
    const card = '[data-stage="applied"] .vcard[data-state="APPLIED"]';
    await eventually(async () => (await page.$$eval(card, (cs) => cs.map((c) => c.querySelector('.card-name').textContent))).includes(applicant),
      { message: 'the applicant on the board' });
    volunteerId = await page.$$eval(`${card} .card-name`, (as, name) => as.find((a) => a.textContent === name)
      .getAttribute('href').split('/').pop(), applicant);

    // Filters: each asks the server (region, language, capacity) and narrows the board.
    const narrowed = async (action, param, present) => {
      const request = page.waitForRequest((r) => r.url().includes('/api/recruiting/volunteers?') && r.url().includes(param));
      await action();
      await request;
      await eventually(async () => (await page.$(`.vcard[data-card="${volunteerId}"]`)) !== null === present, { message: `${param} → ${present}` });
    };
    await narrowed(() => page.selectOption('#vol-region', 'SE-Z'), 'region=SE-Z', true);
    await narrowed(() => page.selectOption('#vol-language', 'ti'), 'language=ti', true);
    await narrowed(() => page.selectOption('#vol-region', 'SE-AB'), 'region=SE-AB', false);
    await narrowed(() => page.selectOption('#vol-region', 'SE-Z'), 'region=SE-Z', true);
    await narrowed(() => page.check('#vol-capacity'), 'hasCapacity=true', false);
    await narrowed(() => page.uncheck('#vol-capacity'), 'language=ti', true);
    await narrowed(() => page.selectOption('#vol-stage', 'interview'), 'state=INTERVIEW_BOOKED%2CINTERVIEWED', false);
    assert.deepEqual(await page.$$eval('#vol-board .vcol', (cs) => cs.map((c) => c.dataset.stage)), ['interview']);
    await narrowed(() => page.selectOption('#vol-stage', ''), 'state=APPLIED', true);

    // Keyboard only: from the search field, Tab to the card's "Boka intervju", Enter asks the reason.
    await page.focus('#vol-q');
    let reached = false;
    for (let i = 0; i < 40 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = await page.evaluate((id) => {
        const a = document.activeElement;
        return a?.dataset.to === 'INTERVIEW_BOOKED' && a.closest('.vcard')?.dataset.card === id;
      }, volunteerId);
    }
    assert.ok(reached, 'the transition button is reachable by Tab');
    await page.keyboard.press('Enter');
    await page.waitForSelector(`.vcard[data-card="${volunteerId}"] .reason-form[data-to="INTERVIEW_BOOKED"]`);
    assert.equal(await page.evaluate(() => document.activeElement?.name), 'reason', 'the reason field has focus');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelector('.reason-form .field-error')?.textContent);
    assert.equal(await page.textContent('.reason-form .field-error'), sv['volunteers.reasonMissing'], 'the reason the API requires is asked for');
    await page.keyboard.type('Ringde och bokade samtal på torsdag.');
    await page.keyboard.press('Enter');
    await page.waitForSelector(`[data-stage="interview"] .vcard[data-card="${volunteerId}"][data-state="INTERVIEW_BOOKED"]`);
    assert.equal(await page.evaluate(() => document.activeElement?.closest('.vcard')?.dataset.card), volunteerId, 'focus follows the card');
    const history = await api('GET', `/api/recruiting/volunteers/${volunteerId}/transitions`, (await coordinator()).accessToken);
    assert.equal(history.json.at(-1).reason, 'Ringde och bokade samtal på torsdag.');

    // The public link and its QR code.
    assert.equal(await page.getAttribute('#apply-link', 'href'), `${BASE}/desk/apply.html?org=${orgId}`);
    await page.click('#apply-qr-toggle');
    await page.waitForSelector('#apply-qr svg.qr[role="img"]');
  });

  test('a volunteer: interview, training group and eight attendance clicks, an expired check refused at Approve, approval, the certificate as a PDF; axe', async () => {
    assert.ok(volunteerId, 'the board test found the applicant');
    const token = (await coordinator()).accessToken;
    await page.goto(`${BASE}/desk/#/volunteers/${volunteerId}`);
    await page.waitForSelector('#volunteer-state[data-state="INTERVIEW_BOOKED"]');
    assert.equal(await page.textContent('#volunteer-title'), applicant);
    violations.push(...await axeBoth(page, 'volunteer', '#volunteer-state'));
    await fitsAt1024(page, 'a volunteer');

    const { redrawn, move } = volunteerPage(page);

    // The interview: the client checks first, then the server's record.
    await page.click('#interview-submit');
    await page.waitForFunction(() => document.querySelector('.field-error[data-error-for="interviewers"]')?.textContent);
    await page.fill('#interview-form input[name="interviewers"]', 'Eva Samordnare, Omar Volontär');
    await page.check('#suit-SUITABLE');
    await page.fill('#interview-form textarea[name="notes"]', 'Lugn och tydlig.');
    await redrawn(() => page.click('#interview-submit'));
    await page.waitForSelector('#interview-list li');
    await move('INTERVIEWED', 'Intervjun gick bra.');
    await page.waitForSelector('#volunteer-state[data-state="INTERVIEWED"]');

    // A training group made in the desk, its weekly sessions all in the past.
    const group = `Grupp ${randomUUID().slice(0, 8)}`;
    await page.goto(`${BASE}/desk/#/training`);
    await page.waitForSelector('#cohort-form');
    violations.push(...await axeBoth(page, 'training', '#cohort-form'));
    await fitsAt1024(page, 'training');
    await page.fill('#cohort-form input[name="name"]', group);
    await page.fill('#cohort-form input[name="firstSessionAt"]', swedishLocal(-70));
    await page.click('#cohort-submit');
    await page.waitForSelector('#session-table');
    assert.equal(await page.textContent('h1'), group);

    await page.goto(`${BASE}/desk/#/volunteers/${volunteerId}`);
    await page.waitForSelector('#enrol-form');
    const option = await page.$eval('#enrol-form select', (s, name) => [...s.options].find((o) => o.textContent.startsWith(name))?.value, group);
    await page.selectOption('#enrol-form select', option);
    await redrawn(() => page.click('#enrol-submit'));
    await move('IN_TRAINING', 'Börjar i gruppen.');
    await page.waitForSelector('#volunteer-state[data-state="IN_TRAINING"]');

    // One click per session on the attendance sheet.
    await page.goto(`${BASE}/desk/#/training/cohort/${option}`);
    await page.waitForSelector('#session-table');
    violations.push(...await axeBoth(page, 'training-cohort', '#session-table'));
    const sessions = await page.$$eval('#session-table tr[data-session]', (rs) => rs.map((r) => r.dataset.session));
    assert.ok(sessions.length >= 8, `${sessions.length} sessions`);
    for (const [i, s] of sessions.entries()) {
      await page.goto(`${BASE}/desk/#/training/session/${s}`);
      const button = `#attendance-sheet .btn-attend[data-volunteer="${volunteerId}"]`;
      await page.waitForSelector(`${button}[aria-pressed="false"]`);
      if (i === 0) violations.push(...await axeBoth(page, 'training-sheet', button));
      await page.click(button);
      await page.waitForSelector(`${button}[aria-pressed="true"]`);
    }
    const record = await api('GET', `/api/recruiting/volunteers/${volunteerId}/training`, token);
    assert.equal(record.json.complete, true, 'the server agrees: training complete');

    await page.goto(`${BASE}/desk/#/volunteers/${volunteerId}`);
    await page.waitForSelector('#training-summary[data-complete="true"]');
    await move('TRAINED', 'Alla teman gjorda.');
    await page.waitForSelector('#volunteer-state[data-state="TRAINED"]');

    // An extract issued 400 days ago: recorded, shown as too old, and the approval refused at its control.
    await page.fill('#check-form input[name="issuedOn"]', swedishDate(-400));
    await page.fill('#check-form input[name="seenOn"]', swedishDate(-398));
    await redrawn(() => page.click('#check-submit'));
    await page.waitForSelector('#check-table tr[data-valid="false"]');
    await page.waitForSelector('#check-expired-notice');
    await move('APPROVED', 'Klar för uppdrag.');
    const refusal = '.reason-form[data-to="APPROVED"] .alert';
    await page.waitForFunction((sel) => document.querySelector(sel)?.textContent, refusal);
    assert.equal(await page.textContent(refusal), sv['volunteer.refused.background-check-required']);
    assert.equal(await page.getAttribute('#volunteer-state', 'data-state'), 'TRAINED', 'no success claimed');

    // A recent extract, then the approval.
    await page.fill('#check-form input[name="issuedOn"]', swedishDate(-10));
    await page.fill('#check-form input[name="seenOn"]', swedishDate(-8));
    await redrawn(() => page.click('#check-submit'));
    await page.waitForSelector('#check-table tr[data-valid="true"]');
    await move('APPROVED', 'Klar för uppdrag.');
    await page.waitForSelector('#volunteer-state[data-state="APPROVED"]');
    assert.match(await page.textContent('#volunteer-load'), /0 av högst 1/);

    // The certificate: a real download of the server's PDF.
    const [response, download] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/api/recruiting/volunteers/${volunteerId}/training-certificate`)),
      page.waitForEvent('download'),
      page.click('#certificate'),
    ]);
    assert.equal(response.headers()['content-type'], 'application/pdf');
    assert.equal(download.suggestedFilename(), sv['volunteer.certificateFile']);
    const bytes = readFileSync(await download.path());
    assert.equal(bytes.subarray(0, 5).toString('latin1'), '%PDF-');
  });

  test('supervision: the overdue list as the server has it, a session made in the desk and one attendance click; axe', async () => {
    assert.ok(volunteerId);
    const token = (await coordinator()).accessToken;
    await page.click('.desk-nav a[data-route="supervision"]');
    await page.waitForSelector('#overdue .hint');
    const report = await api('GET', '/api/recruiting/supervision/overdue', token);
    const late = report.json.volunteers || [];
    if (late.length === 0) {
      await page.waitForSelector('#overdue-none');
    } else {
      const shown = await page.$$eval('#overdue-list li', (lis) => lis.map((li) => li.dataset.volunteer));
      for (const v of late) assert.ok(shown.includes(v.volunteerId), 'every overdue volunteer the server names is shown');
      assert.match(await page.textContent('#overdue-list'), new RegExp(`${late[0].daysWithout}`));
    }
    violations.push(...await axeBoth(page, 'supervision', '#supervision-form'));
    await fitsAt1024(page, 'supervision');

    await page.fill('#supervision-form input[name="heldAt"]', swedishLocal(-1));
    await page.click('#supervision-submit');
    const button = `#attendance-sheet .btn-attend[data-volunteer="${volunteerId}"]`;
    await page.waitForSelector(`${button}[aria-pressed="false"]`);
    violations.push(...await axeBoth(page, 'supervision-sheet', button));
    await page.click(button);
    await page.waitForSelector(`${button}[aria-pressed="true"]`);
    const sessionId = page.url().split('/').pop();
    const view = await api('GET', `/api/recruiting/supervision-sessions/${sessionId}`, token);
    assert.ok(view.json.attendees.some((a) => a.volunteerId === volunteerId), 'the server recorded the attendance');

    await page.goto(`${BASE}/desk/#/volunteers/${volunteerId}`);
    await page.waitForSelector('#supervision-list li');
    assert.ok(!(await page.$('#supervision-overdue')), 'just supervised: not overdue');
  });

  test('no serious or critical axe violations, no page errors, CSP refusals or third-party requests', () => {
    assert.deepEqual(violations, []);
    assert.deepEqual(problems || [], []);
  });
});
