// The phone app in a real browser against the real backend: pairing, app lock, encryption at rest,
// quiet wipe, quick exit, help, languages and the disguise.
import { after, before, beforeEach, afterEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, SUPPORT_LINES, eventually, launch, newContext, startNeutralSite, watchPage } from './helpers/browser.mjs';
import { CODE, PIN, installDeviceApiStandIn, openApp, rawStore, setUpDevice, unlock, vaultRecords, waitForDraft } from './helpers/app.mjs';

let browser;
let neutral;
let context;
let page;
let api;
let problems;

before(async () => {
  browser = await launch();
  neutral = await startNeutralSite();
});
after(async () => {
  await browser?.close();
  await neutral?.close();
});
beforeEach(async () => {
  context = await newContext(browser, neutral.url);
  api = await installDeviceApiStandIn(context);
  page = await context.newPage();
  problems = watchPage(page);
});
afterEach(async () => {
  await context?.close();
  assert.deepEqual(problems, [], 'no page errors, CSP refusals or third-party requests');
});

function containsBytes(haystack, needle) {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

/** Every string and byte array inside the raw IndexedDB dump. */
function leaves(value, out = { strings: [], bytes: [] }) {
  if (typeof value === 'string') out.strings.push(value);
  else if (value && Array.isArray(value.bytes)) out.bytes.push(value.bytes);
  else if (value && typeof value === 'object') Object.values(value).forEach((v) => leaves(v, out));
  return out;
}

describe('pairing', () => {
  test('pairing registers a 32-byte identity key, signs the challenge and opens the home screen', async () => {
    await setUpDevice(page);
    assert.equal(api.pairRequests.length, 1);
    assert.equal(api.pairRequests[0].code, CODE, 'the code is sent normalised to upper-case groups');
    assert.equal(Buffer.from(api.pairRequests[0].identityKey, 'base64url').length, 32);
    assert.equal(api.signIns, 1, 'the device signed in with a challenge signature the stand-in verified');
    assert.equal(await page.locator('h1').textContent(), 'Hej!');
  });

  test('a kontaktperson pairs the same way and sees the volunteer start page', async () => {
    const volunteerContext = await newContext(browser, neutral.url);
    try {
      await installDeviceApiStandIn(volunteerContext, { kind: 'VOLUNTEER' });
      const volunteerPage = await volunteerContext.newPage();
      await setUpDevice(volunteerPage);
      assert.ok((await volunteerPage.textContent('main')).includes('Dina stödsökande'));
      assert.equal(await volunteerPage.locator('#open-checkin').count(), 0, 'no client check-in for a volunteer');
    } finally {
      await volunteerContext.close();
    }
  });

  test('a rejected code shows a plain message and stores nothing', async () => {
    await openApp(page);
    await page.click('#start-setup');
    await page.fill('#pair-code', 'ZZZZ-ZZZZ-ZZZZ-ZZZF');
    await page.fill('#pin', PIN);
    await page.fill('#pin-again', PIN);
    await page.click('#setup-submit');
    await eventually(async () => (await page.textContent('#setup-error')).includes('Koden fungerade inte'), { message: 'error text' });
    assert.deepEqual(await rawStore(page), {});
  });

  test('set-up shows every problem at once, marks each field, and asks for digits on the numeric keypad', async () => {
    await openApp(page);
    await page.click('#start-setup');
    assert.equal(await page.getAttribute('#pin', 'inputmode'), 'numeric');
    await page.fill('#pair-code', 'ABCD');
    await page.fill('#pin', '12345');
    await page.fill('#pin-again', '54321');
    await page.click('#setup-submit');
    const text = await page.textContent('#setup-error');
    for (const part of ['Koden ser inte rätt ut', 'minst 6 siffror']) assert.ok(text.includes(part), `${part} in "${text}"`);
    for (const id of ['#pair-code', '#pin', '#pin-again']) assert.equal(await page.getAttribute(id, 'aria-invalid'), 'true', id);
    assert.equal(await page.evaluate(() => document.activeElement.id), 'pair-code', 'the first problem has the focus');
    await page.check('#use-passphrase');
    assert.equal(await page.getAttribute('#pin', 'inputmode'), null, 'letters for a passphrase');
    assert.equal(api.pairRequests.length, 0);
  });

  test('a mistyped code is caught by its check symbol before anything is sent', async () => {
    await openApp(page);
    await page.click('#start-setup');
    await page.fill('#pair-code', CODE.slice(0, -1) + (CODE.endsWith('3') ? '4' : '3'));
    await page.fill('#pin', PIN);
    await page.fill('#pin-again', PIN);
    await page.click('#setup-submit');
    assert.ok((await page.textContent('#setup-error')).includes('Koden ser inte rätt ut'));
    assert.equal(api.pairRequests.length, 0);
  });

  test('a PIN shorter than six digits or a run of digits is refused before anything is sent', async () => {
    await openApp(page);
    await page.click('#start-setup');
    await page.fill('#pair-code', CODE);
    for (const [pin, text] of [['12345', 'minst 6 siffror'], ['123456', 'för lätt'], ['000000', 'för lätt']]) {
      await page.fill('#pin', pin);
      await page.fill('#pin-again', pin);
      await page.click('#setup-submit');
      assert.ok((await page.textContent('#setup-error')).includes(text), pin);
    }
    assert.equal(api.pairRequests.length, 0);
  });
});

describe('app lock', () => {
  test('after locking, IndexedDB holds no plaintext of the messages, keys or draft', async () => {
    await setUpDevice(page);
    await page.click('#open-chat');
    const secret = 'Hemligt meddelande 4711 وداعا';
    await page.fill('#message', secret);
    await page.click('#send');
    await page.waitForSelector('.msg-out');
    const draft = 'Utkast som inte skickats 0815';
    await page.fill('#message', draft);
    await page.click('[data-screen="settings"]');
    await page.click('#lock-now');
    await page.waitForSelector('#unlock-pin');
    const dump = await rawStore(page);
    const { strings, bytes } = leaves(dump);
    assert.ok(dump['notes-store/records'].length >= 3, 'device, message and draft records exist');
    for (const text of [secret, draft, '4711', '0815', 'identityPkcs8', 'refreshToken', 'message', 'draft']) {
      assert.ok(!strings.some((s) => s.includes(text)), `string "${text}" found in IndexedDB`);
      const needle = [...Buffer.from(text)];
      assert.ok(!bytes.some((b) => containsBytes(b, needle)), `bytes of "${text}" found in IndexedDB`);
    }
    const meta = dump['notes-store/meta'][0];
    assert.ok(meta.iterations >= 600000, 'PBKDF2 iterations');
  });

  test('reopening asks for the PIN and the right PIN brings back the conversation and the draft', async () => {
    await setUpDevice(page);
    await page.click('#open-chat');
    await page.fill('#message', 'Första meddelandet');
    await page.click('#send');
    await page.fill('#message', 'halvskrivet');
    await waitForDraft(page, 'halvskrivet');
    await page.reload();
    await page.waitForSelector('#unlock-pin');
    assert.equal(await page.locator('.msg').count(), 0);
    await unlock(page);
    await page.waitForSelector('#open-chat');
    await page.click('#open-chat');
    assert.equal(await page.textContent('.msg-out .msg-text'), 'Första meddelandet');
    assert.equal(await page.inputValue('#message'), 'halvskrivet');
  });

  test('what is typed while a sent message is still being written to the vault stays as the draft', async () => {
    await setUpDevice(page);
    await page.click('#open-chat');
    await page.fill('#message', 'Skickat');
    // Submit and type in the same task: the encrypted write of the sent message has not finished yet.
    await page.evaluate(() => {
      const input = document.querySelector('#message');
      document.querySelector('#composer').requestSubmit();
      input.value = 'Nästa';
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await page.waitForSelector('.msg-out');
    assert.equal(await page.inputValue('#message'), 'Nästa');
    await waitForDraft(page, 'Nästa');
  });

  test('30 days after pairing, the lock, the conversation and the draft still hold', async () => {
    await page.clock.install();
    await setUpDevice(page);
    await page.click('#open-chat');
    await page.fill('#message', 'Före');
    await page.click('#send');
    await page.waitForSelector('.msg-out');
    await page.fill('#message', 'utkast');
    await waitForDraft(page, 'utkast');
    await page.clock.fastForward(30 * 86400_000);
    await page.waitForSelector('#unlock-pin');
    await page.reload();
    await page.waitForSelector('#unlock-pin');
    await unlock(page);
    await page.waitForSelector('#open-chat');
    await page.click('#open-chat');
    assert.equal(await page.textContent('.msg-out .msg-text'), 'Före');
    assert.equal(await page.inputValue('#message'), 'utkast');
    const pairedAt = (await vaultRecords(page)).device[0].preKeys[0].createdAt;
    assert.ok(await page.evaluate(() => Date.now()) - pairedAt >= 30 * 86400_000, 'the page clock is 30 days on');
  });

  test('"Byt låskod": a wrong current code is refused; the new code opens everything, the old one no longer does', async () => {
    await setUpDevice(page);
    await page.click('#open-chat');
    await page.fill('#message', 'utkast 7');
    await waitForDraft(page, 'utkast 7');
    await page.click('[data-screen="settings"]');
    await page.click('#change-pin');
    assert.equal(await page.getAttribute('#pin-new', 'inputmode'), 'numeric');
    await page.fill('#pin-current', '999999');
    await page.fill('#pin-new', '246813');
    await page.fill('#pin-new-again', '246813');
    await page.click('#pin-submit');
    await eventually(async () => (await page.textContent('#pin-error')) === 'Fel kod. Försök igen.', { message: 'wrong current code' });
    await page.fill('#pin-current', PIN);
    await page.click('#pin-submit');
    await page.waitForSelector('#change-pin');
    assert.match(await page.textContent('#pin-status'), /Låskoden är bytt/);
    await page.click('#lock-now');
    await unlock(page, PIN);
    await eventually(async () => (await page.textContent('#unlock-error')) === 'Fel kod. Försök igen.', { message: 'the old code is refused' });
    await unlock(page, '246813');
    await page.waitForSelector('#open-chat');
    await page.click('#open-chat');
    assert.equal(await page.inputValue('#message'), 'utkast 7', 'everything was sealed again under the new code');
  });

  test('a wrong PIN is refused with the same message every time', async () => {
    await setUpDevice(page);
    await page.click('[data-screen="settings"]');
    await page.click('#lock-now');
    await unlock(page, '999999');
    await eventually(async () => (await page.textContent('#unlock-error')) === 'Fel kod. Försök igen.', { message: 'wrong PIN text' });
    assert.ok(await page.isVisible('#unlock-pin'));
  });

  test('too many wrong PINs wipe all local data quietly, looking like any wrong PIN', async () => {
    await setUpDevice(page, { limit: '3' });
    await page.click('[data-screen="settings"]');
    await page.click('#lock-now');
    const screens = [];
    for (let i = 0; i < 4; i++) {
      await unlock(page, `97531${i}`);
      await eventually(async () => (await page.textContent('#unlock-error')) !== '' && !(await page.isDisabled('#unlock-submit')), { message: 'answer' });
      screens.push(await page.evaluate(() => document.body.innerText));
    }
    assert.equal(new Set(screens).size, 1, 'the screen after the wiping attempt is identical to a wrong PIN');
    assert.deepEqual(await rawStore(page), {}, 'the local database is gone');
    await unlock(page, PIN);
    await eventually(async () => (await page.textContent('#unlock-error')) === 'Fel kod. Försök igen.', { message: 'after wipe' });
    await page.reload();
    await page.waitForSelector('#start-setup');
  });

  test('the app locks itself after the chosen idle time', async () => {
    await page.clock.install();
    await setUpDevice(page, { idle: '1' });
    await page.click('#open-chat');
    await page.clock.fastForward('00:30');
    assert.ok(await page.isVisible('#message'), 'still open after 30 s');
    await page.clock.fastForward('01:10');
    await page.waitForSelector('#unlock-pin');
    assert.equal(await page.locator('#message').count(), 0);
  });

  test('a shorter idle time chosen in settings applies at once', async () => {
    await page.clock.install();
    await setUpDevice(page, { idle: '10' });
    await page.click('[data-screen="settings"]');
    await page.selectOption('#settings-idle', '1');
    await eventually(async () => (await page.textContent('#status')) !== '', { message: 'saved' });
    await page.clock.fastForward('01:10');
    await page.waitForSelector('#unlock-pin');
  });

  test('the app locks when it leaves the screen', async () => {
    await setUpDevice(page);
    await page.evaluate(() => {
      Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
      document.dispatchEvent(new Event('visibilitychange'));
    });
    await page.waitForSelector('#unlock-pin');
  });
});

describe('quick exit', () => {
  async function assertLeftWithoutHistory() {
    await page.waitForURL(neutral.url);
    assert.equal(await page.title(), 'Väder');
    await page.goBack().catch(() => {});
    assert.ok(!page.url().startsWith(BASE), `Back returned to the app: ${page.url()}`);
  }

  test('the quick exit button replaces the app with the neutral site and Back does not return', async () => {
    await setUpDevice(page);
    await page.click('#open-chat');
    await page.click('[data-screen="checkin"]');
    await page.click('#quick-exit');
    await assertLeftWithoutHistory();
  });

  test('pressing Escape three times is a quick exit', async () => {
    await setUpDevice(page);
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');
    await assertLeftWithoutHistory();
  });

  test('after a quick exit, reopening the app asks for the PIN', async () => {
    await setUpDevice(page);
    await page.click('#quick-exit');
    await page.waitForURL(neutral.url);
    await openApp(page);
    await page.waitForSelector('#unlock-pin');
    assert.equal(await page.locator('#open-chat').count(), 0);
  });

  test('every screen has the quick exit and the help button', async () => {
    await openApp(page);
    const seen = [];
    const check = async (name) => {
      assert.ok(await page.isVisible('#quick-exit'), `quick exit on ${name}`);
      assert.ok(await page.isVisible('#help-button'), `help on ${name}`);
      seen.push(name);
    };
    await check('welcome');
    await page.click('#start-setup');
    await check('setup');
    await setUpDevice(page);
    for (const screen of ['home', 'chat', 'checkin', 'settings']) {
      await page.click(`[data-screen="${screen}"]`);
      await check(screen);
    }
    await page.click('#help-button');
    await check('help');
    await page.click('#open-safety-tips');
    await check('safety');
    await page.click('[data-screen="settings"]');
    await page.click('#lock-now');
    await check('lock');
  });
});

describe('help', () => {
  test('help lists 112, BRIS, the honour-specific lines and organisations, the local lines, says it is no emergency service, and goes back', async () => {
    await openApp(page);
    await page.click('#help-button');
    assert.match(await page.textContent('#not-emergency'), /ingen larmtjänst.*112/);
    const links = await page.$$eval('a.tel', (as) => as.map((a) => a.getAttribute('href')));
    assert.deepEqual(links, ['tel:112', 'tel:116111', 'tel:020505050', 'tel:0774406600', 'tel:020253000', 'tel:116006',
      `tel:${SUPPORT_LINES[0].number.replace(/[^0-9+]/g, '')}`]);
    const national = await page.textContent('#national-lines');
    for (const name of ['Kvinnofridslinjen', 'BRIS', 'TRIS', 'Origo']) assert.ok(national.includes(name), name);
    const organisations = await page.textContent('#organisations');
    for (const name of ['GAPF', 'Somaya', 'Terrafem']) assert.ok(organisations.includes(name), name);
    assert.ok((await page.textContent('#local-lines')).includes(SUPPORT_LINES[0].name));
    // Before pairing, Help is reached from the welcome screen and leads back to it.
    await page.click('#help-back');
    await page.waitForSelector('#start-setup');
  });

  test('a check-in answered only with "need help" shows the help screen at once', async () => {
    await setUpDevice(page);
    await page.click('[data-screen="checkin"]');
    await page.check('input[name="status"][value="NEED_HELP"]');
    await page.click('#checkin-submit');
    await page.waitForSelector('#help-alerted');
    assert.match(await page.textContent('#help-alerted'), /112/);
    assert.ok(await page.isVisible('a[href="tel:112"]'));
  });

  test('a full check-in is kept for sending in the shape of the protocol', async () => {
    await setUpDevice(page);
    await page.click('[data-screen="checkin"]');
    await page.check('input[name="status"][value="WANT_CONTACT"]');
    await page.check('input[name="mood"][value="4"]');
    await page.check('input[name="safety"][value="3"]');
    await page.check('input[name="needs"][value="housing"]');
    await page.fill('#checkin-note', 'Vill prata om boendet');
    await page.click('#checkin-submit');
    await page.waitForSelector('#open-chat');
    assert.match(await page.textContent('main'), /1 väntar på att skickas/);
    const answer = await page.evaluate(async () => {
      const session = await import('/app/session.js');
      return session.currentVault().one('checkin').data.answer;
    });
    assert.deepEqual({ ...answer, sentAt: typeof answer.sentAt }, {
      type: 'checkin', status: 'WANT_CONTACT', mood: 4, safety: 3, needs: ['housing'], note: 'Vill prata om boendet', sentAt: 'number',
    });
  });

  test('leaving the app from the help screen locks it but keeps the numbers on screen', async () => {
    await setUpDevice(page);
    await page.click('#help-button');
    await page.evaluate(() => {
      Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
      document.dispatchEvent(new Event('visibilitychange'));
    });
    await eventually(async () => (await page.locator('nav.tabs').count()) === 0, { message: 'locked' });
    assert.ok(await page.isVisible('a[href="tel:112"]'));
    await page.click('#quick-exit');
    await page.waitForURL(neutral.url);
  });

  test('a check-in without a status is not accepted', async () => {
    await setUpDevice(page);
    await page.click('[data-screen="checkin"]');
    await page.click('#checkin-submit');
    assert.ok((await page.textContent('#checkin-error')).length > 0);
    assert.ok(await page.isVisible('#checkin-form'));
  });
});

describe('languages', () => {
  test('switching to Arabic sets right-to-left and translates the screen, and the choice is kept', async () => {
    await openApp(page);
    await page.focus('#language');
    await page.selectOption('#language', 'ar');
    await eventually(async () => (await page.getAttribute('html', 'dir')) === 'rtl', { message: 'rtl' });
    assert.equal(await page.getAttribute('html', 'lang'), 'ar');
    assert.equal(await page.textContent('#quick-exit'), 'خروج سريع');
    await eventually(() => page.evaluate(() => document.activeElement.id === 'language'), { message: 'focus stays on the language choice' });
    await page.reload();
    await page.waitForSelector('html[data-ready="true"]');
    assert.equal(await page.getAttribute('html', 'dir'), 'rtl');
    await page.selectOption('#language', 'so');
    await eventually(async () => (await page.getAttribute('html', 'dir')) === 'ltr', { message: 'ltr' });
    assert.equal(await page.textContent('#quick-exit'), 'Bax dhakhso');
  });

  test('Persian is right-to-left too', async () => {
    await openApp(page);
    await page.selectOption('#language', 'fa');
    await eventually(async () => (await page.getAttribute('html', 'dir')) === 'rtl', { message: 'rtl' });
    assert.equal(await page.textContent('#help-button'), 'کمک');
  });
});

describe('disguise', () => {
  test('the neutral start page shows nothing identifying before the PIN', async () => {
    await setUpDevice(page);
    await page.goto(BASE + '/notes.html');
    await page.waitForSelector('#unlock-pin');
    const visible = await page.evaluate(() => `${document.title}\n${document.body.innerText}`);
    for (const word of ['Bredvid', 'Hjälp', '112', 'Kvinnofrid', 'kontaktperson']) {
      assert.ok(!visible.includes(word), `"${word}" is visible before the PIN`);
    }
    assert.equal(await page.title(), 'Anteckningar');
    assert.equal(await page.textContent('#quick-exit'), 'Stäng', 'the quick exit is there, plainly labelled');
    const manifest = await (await page.request.get(BASE + '/notes.webmanifest')).json();
    assert.equal(manifest.name, 'Anteckningar');
    assert.equal(manifest.start_url, '/notes.html');
    await unlock(page);
    await page.waitForSelector('#open-chat');
    assert.equal(await page.title(), 'Anteckningar', 'the task switcher keeps the neutral name');
  });
});

describe('panic wipe', () => {
  test('after reopening, the panic wipe gets a fresh token with the rotated refresh token and revokes the device', async () => {
    await setUpDevice(page);
    await page.reload();
    await unlock(page);
    await page.waitForSelector('#open-chat');
    await page.click('[data-screen="settings"]');
    await page.click('#wipe');
    await page.click('#wipe-yes');
    await page.waitForURL(neutral.url);
    assert.equal(api.refreshes, 1, 'the stored refresh token was used');
    assert.equal(api.signIns, 1, 'no second challenge sign-in was needed');
    assert.equal(api.revoked.length, 1);
  });

  test('the panic wipe revokes the device, deletes local data and leaves for the neutral site', async () => {
    await openApp(page);
    await page.selectOption('#language', 'en');
    await eventually(async () => (await page.getAttribute('html', 'lang')) === 'en', { message: 'English' });
    await page.selectOption('#language', 'sv');
    await eventually(async () => (await page.getAttribute('html', 'lang')) === 'sv', { message: 'Swedish' });
    await setUpDevice(page);
    await page.click('[data-screen="settings"]');
    await page.click('#wipe');
    await page.click('#wipe-yes');
    await page.waitForURL(neutral.url);
    assert.equal(api.revoked.length, 1, 'DELETE /api/devices/me was called with the device token');
    await openApp(page);
    await page.waitForSelector('#start-setup');
    assert.deepEqual(await rawStore(page), {});
    assert.equal(await page.evaluate(() => localStorage.length), 0, 'not even the language choice is left');
  });
});

describe('small phones', () => {
  for (const kind of ['CLIENT', 'VOLUNTEER']) {
    test(`at 320 px the header stays on one row and no tab label breaks or overflows, in every language (${kind.toLowerCase()})`, async () => {
      const small = await newContext(browser, neutral.url, { viewport: { width: 320, height: 640 } });
      try {
        await installDeviceApiStandIn(small, { kind });
        const p = await small.newPage();
        await setUpDevice(p);
        for (const lang of ['sv', 'en', 'ar', 'fa', 'so']) {
          await p.click('[data-screen="settings"]');
          await p.selectOption('#language', lang);
          await p.waitForSelector(`html[lang="${lang}"]`);
          const layout = await p.evaluate(() => {
            const bar = document.querySelector('header.bar');
            const rects = [...bar.children].map((c) => c.getBoundingClientRect());
            // One row: every part of the header shares one horizontal band.
            const oneRow = Math.max(...rects.map((r) => r.top)) < Math.min(...rects.map((r) => r.bottom));
            const tabs = [...document.querySelectorAll('.tab')].map((tab) => {
              const label = tab.querySelector('.tab-label');
              return { text: label.textContent, overflow: label.scrollWidth > tab.clientWidth + 1 };
            });
            return { oneRow, barFits: bar.scrollWidth <= bar.clientWidth + 1, tabs };
          });
          assert.ok(layout.oneRow && layout.barFits, `${lang}: header on one row`);
          for (const tab of layout.tabs) assert.ok(!tab.overflow, `${lang}: "${tab.text}" fits its tab`);
          // A word never breaks: each label is as wide as its longest word allows.
          const broken = await p.evaluate(() => [...document.querySelectorAll('.tab-label')].filter((label) => {
            const words = label.textContent.split(/\s+/);
            const range = document.createRange();
            range.selectNodeContents(label);
            const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
            return lines > words.length;
          }).map((l) => l.textContent));
          assert.deepEqual(broken, [], `${lang}: no label broken inside a word`);
        }
      } finally {
        await small.close();
      }
    });
  }
});
