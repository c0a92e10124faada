// Size and speed on a cheap phone's terms: the whole app shell (everything the service worker
// pre-caches, crypto and all five languages included) compressed, the first load until the first screen
// is interactive in headless chromium on localhost, and the PBKDF2 cost of one unlock. Prints the
// figures as JSON and keeps them in pwa/test-results/metrics.json.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { SRC, shellFiles } from '../scripts/shell.mjs';
import { BASE, launch } from './helpers/browser.mjs';

const RESULTS = join(dirname(fileURLToPath(import.meta.url)), '..', 'test-results');
const metrics = {};
let browser;

before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await mkdir(RESULTS, { recursive: true });
  await writeFile(join(RESULTS, 'metrics.json'), JSON.stringify(metrics, null, 2) + '\n');
  console.log(JSON.stringify({ pwaMetrics: metrics }));
});

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

test('the whole app shell, crypto included, is under 150 KB compressed', async () => {
  const files = await shellFiles();
  assert.ok(files.some((f) => f.includes('/vendor/hpke/')) && files.includes('/crypto/envelope.js'), 'crypto is counted');
  let raw = 0;
  let gzip = 0;
  for (const f of files) {
    const bytes = await readFile(join(SRC, f === '/' ? '/index.html' : f));
    raw += bytes.length;
    gzip += gzipSync(bytes, { level: 6 }).length;
  }
  Object.assign(metrics, { shellFiles: files.length, shellBytes: raw, shellGzipBytes: gzip, shellGzipKB: +(gzip / 1024).toFixed(1) });
  assert.ok(gzip < 150 * 1024, `shell is ${gzip} bytes compressed`);
});

test('the first load is interactive in under one second on localhost', async () => {
  const runs = [];
  let firstLoad;
  for (let i = 0; i < 6; i++) {
    const context = await browser.newContext({ serviceWorkers: 'block' });
    const page = await context.newPage();
    const loaded = [];
    // Reading bodies slows the page down, so only the first run counts bytes; the timed runs do not.
    if (i === 0) {
      page.on('response', async (r) => {
        if (r.url().startsWith(BASE)) loaded.push(r.body().then((b) => gzipSync(b).length).catch(() => 0));
      });
    }
    await page.goto(BASE + '/');
    await page.waitForSelector('html[data-ready="true"]');
    const ms = await page.evaluate(() => performance.getEntriesByName('bredvid-interactive')[0].startTime);
    if (i > 0) runs.push(Math.round(ms));
    if (i === 0) {
      const sizes = await Promise.all(loaded);
      firstLoad = { requests: sizes.length, gzipBytes: sizes.reduce((a, b) => a + b, 0) };
    }
    await context.close();
  }
  Object.assign(metrics, {
    firstLoadRequests: firstLoad.requests,
    firstLoadGzipBytes: firstLoad.gzipBytes,
    firstLoadToInteractiveMs: runs,
    firstLoadToInteractiveMedianMs: median(runs),
    firstLoadToInteractiveBestMs: Math.min(...runs),
  });
  // Other processes on a shared 2-core machine can only add time, never remove it: the best of five
  // cold loads is the app's own cost; the median is reported beside it.
  assert.ok(Math.min(...runs) < 1000, `first load to interactive: ${runs.join(', ')} ms`);
});

test('the vault key costs at least 600,000 PBKDF2-SHA-256 iterations (timed in chromium)', async () => {
  const context = await browser.newContext({ serviceWorkers: 'block' });
  const page = await context.newPage();
  await page.goto(BASE + '/');
  const result = await page.evaluate(async () => {
    const { ITERATIONS } = await import('/app/vault.js');
    const times = [];
    for (let i = 0; i < 3; i++) {
      const base = await crypto.subtle.importKey('raw', new TextEncoder().encode('135792'), 'PBKDF2', false, ['deriveKey']);
      const started = performance.now();
      await crypto.subtle.deriveKey({ name: 'PBKDF2', hash: 'SHA-256', salt: crypto.getRandomValues(new Uint8Array(16)), iterations: ITERATIONS },
        base, { name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
      times.push(Math.round(performance.now() - started));
    }
    return { iterations: ITERATIONS, times };
  });
  await context.close();
  Object.assign(metrics, { pbkdf2Iterations: result.iterations, pbkdf2Ms: result.times, pbkdf2MedianMs: median(result.times) });
  assert.ok(result.iterations >= 600000);
});
