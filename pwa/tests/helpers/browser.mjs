// Shared set-up for the browser tests: the real backend (started by infra/pwa-test.sh, which passes its
// address in BREDVID_BASE_URL), Debian chromium, and a local "neutral site" so that quick exit never
// reaches a real external site (the test browser has no network).
import { createServer } from 'node:http';
import { after, before } from 'node:test';
import { chromium } from 'playwright-core';

export const BASE = process.env.BREDVID_BASE_URL;
if (!BASE) {
  throw new Error('BREDVID_BASE_URL is not set: run the browser tests through infra/pwa-test.sh');
}

export const LAUNCH = {
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run'],
};

export function launch() {
  return chromium.launch(LAUNCH);
}

/** A page served on another loopback port, standing in for the installation's neutral site. */
export async function startNeutralSite() {
  const server = createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end('<!doctype html><html lang="sv"><title>Väder</title><h1>Väder</h1></html>');
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${server.address().port}/weather`;
  return { url, close: () => new Promise((resolve) => server.close(resolve)) };
}

export const SUPPORT_LINES = [{ name: 'Testjouren', number: '08-000 00 00' }];
/** The organisation's number for its kontaktpersoner, shown with an alarm. */
export const COORDINATOR_LINE = { name: 'Jourhavande samordnare', number: '08-111 11 11' };

/**
 * A browser context whose /config.json names the local neutral site: the installation's configuration
 * is the one thing the tests replace (the static default points at a real public site).
 */
export async function newContext(browser, neutralUrl, options = {}) {
  const { serviceWorkers = 'block', ...rest } = options;
  const context = await browser.newContext({ serviceWorkers, viewport: { width: 390, height: 800 }, ...rest });
  if (neutralUrl) {
    await context.route('**/config.json', (route) => route.fulfill({
      status: 200,
      contentType: 'application/json',
      body: JSON.stringify({ neutralSite: neutralUrl, supportLines: SUPPORT_LINES, coordinatorLine: COORDINATOR_LINE }),
    }));
  }
  return context;
}

/** Polls `check` until it returns a truthy value or the deadline passes; no fixed sleeps. */
export async function eventually(check, { timeout = 10000, interval = 50, message = 'condition' } = {}) {
  const deadline = Date.now() + timeout;
  let last;
  while (Date.now() < deadline) {
    try {
      last = await check();
      if (last) return last;
    } catch (e) {
      last = e;
    }
    await new Promise((r) => setTimeout(r, interval));
  }
  throw new Error(`timed out waiting for ${message}: ${last}`);
}

/**
 * Collects what must never happen in the app: uncaught errors and anything the Content-Security-Policy
 * refused (an inline script or style, a third-party request).
 */
export function watchPage(page) {
  const problems = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    const text = m.text();
    if (/Content Security Policy|Refused to/i.test(text)) problems.push(`CSP: ${text}`);
  });
  page.on('request', (r) => {
    const url = r.url();
    if (!url.startsWith(BASE) && !url.startsWith('http://127.0.0.1:') && !url.startsWith('data:') && !url.startsWith('about:')) {
      problems.push(`third-party request: ${url}`);
    }
  });
  return problems;
}

/**
 * One browser and one neutral site for a test file, started before its tests and closed after them;
 * read `.browser` and `.neutral` inside the tests.
 */
export function sharedBrowser() {
  const shared = { browser: null, neutral: null };
  before(async () => {
    shared.browser = await launch();
    shared.neutral = await startNeutralSite();
  });
  after(async () => {
    await shared.browser?.close();
    await shared.neutral?.close();
  });
  return shared;
}
