// The coordinator's whole path through the desk in one test (issue 13's acceptance), against the real
// backend and PostgreSQL, in the browser only from sign-in on: a coordinator new to Bredvid signs in and
// enrols TOTP from the QR page; takes an applicant through interview, training (a group made in the desk,
// eight attendance clicks), background check and approval, downloads the certificate and fills in the
// matching profile; takes in a client who rules out one named volunteer; sees that volunteer absent from
// the suggestions with the reason; proposes the right one and activates the assignment; issues both
// pairing codes on Devices; and two phones pair with them and exchange a message both ways.
// Set-up outside the browser, as an administrator and an applicant would do it elsewhere: the admin
// creates the coordinator's account, the applicant applies through the public form, and another approved
// volunteer (the one the client rules out) exists. Everything is found by its own name or id.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { BASE, newContext, sharedBrowser, watchPage } from './helpers/browser.mjs';
import { setUpDevice } from './helpers/app.mjs';
import { admin, api, approvedVolunteer, coordinator, swedishDate } from './helpers/realapi.mjs';
import { DESKTOP, axeBoth, deskSignIn, ok, swedishLocal, volunteerPage } from './helpers/desk.mjs';

const sv = JSON.parse(readFileSync(new URL('../src/desk/i18n/sv.json', import.meta.url), 'utf8'));
const shared = sharedBrowser();

describe('the coordinator\'s whole path', () => {
  test('sign-in with enrolment → applicant approved → client with an exclusion → the right match active → both phones paired and talking', async () => {
    const tag = randomUUID().slice(0, 8);
    const interest = `pathinterest${tag}`;
    const demo = await coordinator();
    const me = await ok(api('GET', '/api/auth/me', demo.accessToken), 'me');

    // The administrator creates the coordinator's account (its first password shown once, to her).
    const username = `samordnare.${tag}`;
    const password = randomBytes(18).toString('base64url');
    await ok(api('POST', '/api/admin/staff', (await admin()).accessToken, {
      username, displayName: `Samordnare ${tag}`, role: 'COORDINATOR', organisationId: me.organisationId, initialPassword: password,
    }), 'staff account');
    // The applicant applies through the organisation's public form; another volunteer, already approved,
    // shares the client's rare interest (so only the exclusion keeps her out).
    const applicant = `Hanna Väg-${tag}`;
    const consent = await ok(api('GET', '/api/public/volunteer-applications/consent'), 'consent');
    await ok(api('POST', `/api/public/organisations/${me.organisationId}/volunteer-applications`, null, {
      name: applicant, email: 'hanna@example.org', languages: ['sv', 'ti'], region: 'SE-E', municipality: 'Linköping',
      availability: [{ day: 'WEDNESDAY', part: 'EVENING' }], hoursPerMonth: 8, maxClients: 1, digitalSupport: true,
      motivation: 'Jag vill vara en vuxen att lita på.', consent: true, consentTextVersion: consent.version, formStamp: consent.formStamp,
    }), 'application');
    const excludedId = await approvedVolunteer(demo.accessToken);
    await ok(api('PUT', `/api/volunteers/${excludedId}/matching-profile`, demo.accessToken, {
      gender: 'WOMAN', age: 31, communities: [], interests: [interest], supportAreas: ['BREAKING_ISOLATION'], reachableRegions: ['se-e'],
    }), 'the other volunteer\'s profile');

    const context = await shared.browser.newContext({ viewport: DESKTOP, serviceWorkers: 'block', acceptDownloads: true });
    const page = await context.newPage();
    const problems = watchPage(page);
    const phones = [];
    try {
      // ---- sign in: the first time enrols TOTP from the QR page ----
      await page.goto(`${BASE}/desk/`);
      await page.waitForSelector('#signin-form');
      const enrolled = await deskSignIn(page, username, { password });
      assert.equal(enrolled, true, 'the first sign-in enrolled TOTP from the QR page');
      await page.waitForSelector('#today');

      // ---- the applicant: found on the board, taken to approved ----
      await page.click('.desk-nav a[data-route="volunteers"]');
      await page.waitForSelector('#vol-board .vcol');
      await page.fill('#vol-q', applicant);
      await page.click('#vol-search');
      const card = '[data-stage="applied"] .vcard .card-name';
      await page.waitForSelector(`${card}:has-text("${applicant}")`);
      await page.click(`${card}:has-text("${applicant}")`);
      await page.waitForSelector('#volunteer-state[data-state="APPLIED"]');
      const volunteerId = new URL(page.url()).hash.split('/')[2];
      const { redrawn, move: press } = volunteerPage(page);
      const move = async (to, reason) => {
        await press(to, reason);
        await page.waitForSelector(`#volunteer-state[data-state="${to}"]`);
      };
      await move('INTERVIEW_BOOKED', 'Intervju på torsdag.');
      await page.fill('#interview-form input[name="interviewers"]', `Samordnare ${tag}`);
      await page.check('#suit-SUITABLE');
      await redrawn(() => page.click('#interview-submit'));
      await move('INTERVIEWED', 'Intervjun gick bra.');

      const group = `Vägen ${tag}`;
      await page.click('.desk-nav a[data-route="training"]');
      await page.waitForSelector('#cohort-form');
      await page.fill('#cohort-form input[name="name"]', group);
      await page.fill('#cohort-form input[name="firstSessionAt"]', swedishLocal(-70));
      await page.click('#cohort-submit');
      await page.waitForSelector('#session-table');
      await page.goto(`${BASE}/desk/#/volunteers/${volunteerId}`);
      await page.waitForSelector('#enrol-form');
      const cohortId = await page.$eval('#enrol-form select', (sel, name) => [...sel.options].find((o) => o.textContent.startsWith(name))?.value, group);
      assert.ok(cohortId, 'the new group is offered');
      await page.selectOption('#enrol-form select', cohortId);
      await redrawn(() => page.click('#enrol-submit'));
      await move('IN_TRAINING', 'Börjar i gruppen.');
      await page.goto(`${BASE}/desk/#/training/cohort/${cohortId}`);
      await page.waitForSelector('#session-table');
      const sessions = await page.$$eval('#session-table tr[data-session]', (rs) => rs.map((r) => r.dataset.session));
      assert.ok(sessions.length >= 8, `${sessions.length} sessions`);
      for (const s of sessions) {
        await page.goto(`${BASE}/desk/#/training/session/${s}`);
        const attend = `#attendance-sheet .btn-attend[data-volunteer="${volunteerId}"]`;
        await page.waitForSelector(`${attend}[aria-pressed="false"]`);
        await page.click(attend);
        await page.waitForSelector(`${attend}[aria-pressed="true"]`);
      }
      await page.goto(`${BASE}/desk/#/volunteers/${volunteerId}`);
      await page.waitForSelector('#training-summary[data-complete="true"]');
      await move('TRAINED', 'Alla teman gjorda.');
      await page.fill('#check-form input[name="issuedOn"]', swedishDate(-12));
      await page.fill('#check-form input[name="seenOn"]', swedishDate(-10));
      await redrawn(() => page.click('#check-submit'));
      await page.waitForSelector('#check-table tr[data-valid="true"]');
      await move('APPROVED', 'Klar för uppdrag.');

      const [download] = await Promise.all([page.waitForEvent('download'), page.click('#certificate')]);
      assert.equal(readFileSync(await download.path()).subarray(0, 5).toString('latin1'), '%PDF-', 'the certificate');

      // Without a matching profile she is never suggested: the page says so, and the profile is filled in.
      await page.waitForSelector('#profile[data-has-profile="false"]');
      assert.equal(await page.textContent('#profile-status'), sv['volunteer.profile.missing']);
      const violations = await axeBoth(page, 'volunteer-profile', '#profile-form');
      await page.selectOption('#profile-form select', 'WOMAN');
      await page.fill('#profile-form input[name="age"]', '29');
      await page.fill('#profile-form input[name="interests"]', `musik, ${interest}`);
      await page.fill('#profile-form input[name="reachableRegions"]', 'se-e');
      await page.check('#area-BREAKING_ISOLATION');
      await redrawn(() => page.click('#profile-submit'));
      await page.waitForSelector('#profile[data-has-profile="true"]');
      const profile = await ok(api('GET', `/api/volunteers/${volunteerId}/matching-profile`, demo.accessToken), 'profile');
      assert.deepEqual([profile.gender, profile.age, profile.reachableRegions], ['WOMAN', 29, ['se-e']]);

      // ---- the client: taken in under a pseudonym, one named volunteer ruled out ----
      await page.click('.desk-nav a[data-route="clients"]');
      await page.goto(`${BASE}/desk/#/clients/new`);
      await page.waitForSelector('#intake-form');
      await page.waitForSelector(`#intake-exclude-pick option[value="${excludedId}"]`, { state: 'attached' });
      await page.selectOption('select[name="ageBand"]', 'AGE_18_25');
      await page.selectOption('select[name="region"]', 'se-e');
      await page.check('input[name="languages"][value="sv"]');
      await page.check('input[name="needs"][value="BREAKING_ISOLATION"]');
      await page.fill('input[name="interests"]', interest);
      await page.selectOption('#intake-exclude-pick', excludedId);
      await page.click('#intake-exclude-add');
      await page.waitForSelector(`#intake-excluded-list li[data-volunteer="${excludedId}"]`);
      await page.click('#intake-submit');
      await page.waitForSelector('#client #client-pseudonym');
      const clientId = new URL(page.url()).hash.split('/')[2];

      // ---- matching: the ruled-out volunteer absent with the reason; the right one proposed ----
      await page.click('#client-match');
      await page.waitForSelector('#suggestions');
      assert.equal(await page.$(`#suggestions li[data-volunteer="${excludedId}"]`), null, 'the excluded volunteer is not suggested');
      assert.equal(await page.textContent(`#excluded-list li[data-volunteer="${excludedId}"] [data-constraint="EXCLUDED_VOLUNTEER"]`),
        sv['matching.conflict.EXCLUDED_VOLUNTEER']);
      const suggestion = `#suggestions li[data-volunteer="${volunteerId}"]`;
      await page.waitForSelector(suggestion);
      await page.click(`${suggestion} button[data-action="propose"]`);
      await page.waitForSelector('#assignment-state[data-state="PROPOSED"]');
      const assignmentId = new URL(page.url()).hash.split('/')[2];
      await page.click('[data-move="ACTIVE"] button');
      await page.waitForSelector('#assignment-state[data-state="ACTIVE"]');
      const active = await ok(api('GET', `/api/assignments/${assignmentId}`, demo.accessToken), 'assignment');
      assert.deepEqual([active.clientId, active.volunteerId, active.kind, active.state], [clientId, volunteerId, 'IDEELL', 'ACTIVE']);

      // ---- Devices: a pairing code for each phone ----
      const issue = async (kind, subjectId) => {
        await page.click('.desk-nav a[data-route="devices"]');
        await page.waitForSelector('#devices-form');
        await page.check(`#devices-form input[name="kind"][value="${kind}"]`);
        await page.waitForSelector(`#devices-subject option[value="${subjectId}"]`, { state: 'attached' });
        await page.selectOption('#devices-subject', subjectId);
        await page.click('#devices-issue');
        await page.waitForSelector('#pair-code');
        const code = (await page.textContent('#pair-code')).trim();
        assert.ok(await page.isVisible('#pair-code-box svg.qr[role="img"]'));
        await page.click('#devices-code-hide');
        return code;
      };
      const clientCode = await issue('CLIENT', clientId);
      const volunteerCode = await issue('VOLUNTEER', volunteerId);

      // ---- two phones pair with those codes and talk ----
      for (const code of [clientCode, volunteerCode]) {
        const ctx = await newContext(shared.browser, shared.neutral.url);
        const phone = await ctx.newPage();
        phones.push({ ctx, phone, problems: watchPage(phone) });
        await setUpDevice(phone, { code });
        await phone.click('#open-chat');
      }
      const [client, volunteer] = phones.map((p) => p.phone);
      await volunteer.waitForFunction(async () => (await import('/app/messaging.js')).isLive());
      await client.waitForFunction(async () => (await import('/app/messaging.js')).isLive());
      const hello = `Hej, det är jag ${tag}`;
      await client.fill('#message', hello);
      await client.click('#send');
      await volunteer.locator('.msg-in .msg-text', { hasText: hello }).waitFor({ timeout: 15000 });
      const reply = `Hej! Jag heter Hanna ${tag}`;
      await volunteer.fill('#message', reply);
      await volunteer.click('#send');
      await client.locator('.msg-in .msg-text', { hasText: reply }).waitFor({ timeout: 15000 });

      // The desk lists both phones (without anything identifying them).
      await page.click('.desk-nav a[data-route="today"]');
      await page.click('.desk-nav a[data-route="devices"]');
      await page.check('#devices-form input[name="kind"][value="CLIENT"]');
      await page.waitForSelector(`#devices-subject option[value="${clientId}"]`, { state: 'attached' });
      await page.selectOption('#devices-subject', clientId);
      await page.waitForSelector('#devices-table tbody tr[data-state="active"]');

      assert.deepEqual(violations, []);
      assert.deepEqual(problems, []);
      assert.deepEqual(phones.flatMap((p) => p.problems), []);
    } finally {
      for (const p of phones) await p.ctx.close();
      await context.close();
    }
  });
});
