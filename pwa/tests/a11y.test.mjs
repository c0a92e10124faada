// WCAG 2.1 AA in the real browser: axe-core on every screen in Swedish and in Arabic (right-to-left),
// touch targets of at least 44 CSS px, reflow at 320 px and text at 200 %. Writes screenshots of every
// screen to pwa/screenshots/ (kept as CI artifacts, not committed).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BASE, eventually, launch, newContext, startNeutralSite, watchPage } from './helpers/browser.mjs';
import { installDeviceApiStandIn, openApp, setUpDevice, unlock } from './helpers/app.mjs';

const require = createRequire(import.meta.url);
const AXE = await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
const SHOTS = join(dirname(fileURLToPath(import.meta.url)), '..', 'screenshots');

let browser;
let neutral;
before(async () => {
  browser = await launch();
  neutral = await startNeutralSite();
  await mkdir(SHOTS, { recursive: true });
});
after(async () => {
  await browser?.close();
  await neutral?.close();
});

/** Visits every screen once, calling `visit(name)` on each. */
async function tour(page, lang, visit) {
  await openApp(page);
  if (lang !== 'sv') {
    await page.selectOption('#language', lang);
    await eventually(async () => (await page.getAttribute('html', 'lang')) === lang, { message: 'language' });
  }
  await visit('welcome');
  await page.click('#start-setup');
  await visit('setup');
  await setUpDevice(page);
  await visit('home');
  await page.click('[data-screen="chat"]');
  await page.fill('#message', lang === 'ar' ? 'مرحبا، كيف حالك؟' : 'Hej! Hur har du det?');
  await page.click('#send');
  await page.waitForSelector('.msg-out');
  await visit('chat');
  await page.click('[data-screen="checkin"]');
  await visit('checkin');
  await page.click('#help-button');
  await visit('help');
  await page.click('#open-safety-tips');
  await visit('safety');
  await page.click('[data-screen="settings"]');
  await visit('settings');
  await page.click('#lock-now');
  await page.waitForSelector('#unlock-pin');
  await visit('lock');
  await page.goto(BASE + '/notes.html');
  await page.waitForSelector('#unlock-pin');
  await visit('notes-lock');
  await unlock(page);
  await page.waitForSelector('#open-chat');
}

for (const lang of ['sv', 'ar']) {
  describe(`accessibility in ${lang}`, () => {
    test(`axe-core finds no serious or critical violation on any screen (${lang})`, async () => {
      const context = await newContext(browser, neutral.url, { locale: lang });
      await installDeviceApiStandIn(context);
      const page = await context.newPage();
      const problems = watchPage(page);
      const findings = [];
      const visited = [];
      await tour(page, lang, async (name) => {
        visited.push(name);
        assert.equal(await page.getAttribute('html', 'dir'), lang === 'ar' ? 'rtl' : 'ltr', name);
        await page.screenshot({ path: join(SHOTS, `${lang}-${name}.png`), fullPage: true });
        // Evaluated through the DevTools protocol: the page's CSP (rightly) forbids injecting a script.
        await page.evaluate(AXE);
        const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
        for (const v of result.violations) {
          findings.push({ screen: name, id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(' ')).slice(0, 3) });
        }
      });
      await context.close();
      const blocking = findings.filter((f) => f.impact === 'serious' || f.impact === 'critical');
      if (findings.length) console.log(JSON.stringify({ lang, axeFindings: findings }));
      assert.equal(visited.length, 10);
      assert.deepEqual(blocking, []);
      assert.deepEqual(problems, []);
    });
  });
}

describe('touch targets and zoom', () => {
  async function measure(page) {
    return page.evaluate(() => {
      const small = [];
      for (const el of document.querySelectorAll('button, a, input, select, textarea')) {
        if (el.classList.contains('skip')) continue;
        let box = el.getBoundingClientRect();
        if (el.type === 'radio' || el.type === 'checkbox') box = document.querySelector(`label[for="${el.id}"]`).getBoundingClientRect();
        if (box.width === 0 && box.height === 0) continue;
        if (box.width < 44 || box.height < 44) small.push(`${el.tagName.toLowerCase()}#${el.id || el.className}: ${Math.round(box.width)}x${Math.round(box.height)}`);
      }
      const overflow = document.documentElement.scrollWidth > document.documentElement.clientWidth + 1;
      return { small, overflow };
    });
  }

  for (const [label, viewport, fontScale] of [
    ['at 390 px', { width: 390, height: 800 }, null],
    ['reflowed at 320 px', { width: 320, height: 640 }, null],
    ['with text at 200 %', { width: 390, height: 800 }, '200%'],
  ]) {
    test(`every control is at least 44 px and nothing scrolls sideways ${label}`, async () => {
      const context = await newContext(browser, neutral.url, { viewport });
      await installDeviceApiStandIn(context);
      const page = await context.newPage();
      const issues = [];
      await tour(page, 'sv', async (name) => {
        if (fontScale) await page.evaluate((s) => { document.documentElement.style.fontSize = s; }, fontScale);
        const { small, overflow } = await measure(page);
        if (small.length) issues.push(`${name}: small targets ${small.join(', ')}`);
        if (overflow) issues.push(`${name}: horizontal scrolling`);
        if (fontScale && name === 'help') await page.screenshot({ path: join(SHOTS, 'sv-help-text200.png'), fullPage: true });
      });
      await context.close();
      assert.deepEqual(issues, []);
    });
  }
});
