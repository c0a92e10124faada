// The shell's static rules: CSP-clean HTML (one external module, no inline script or style), no way for
// text to become markup, nothing loaded from another origin, and a service worker whose pre-cache list
// and version match the files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { SRC, firstLoadModules, render, renderPreloads, shellFiles, shellHash } from '../scripts/shell.mjs';

async function walk(dir) {
  const out = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...await walk(path));
    else out.push(path);
  }
  return out;
}
const all = await walk(SRC);
// Vendored libraries (the phone's HPKE, the desk's QR encoder) are checked by their own tests.
const own = all.filter((p) => !/^(desk\/)?vendor\//.test(relative(SRC, p)));

for (const page of ['index.html', 'notes.html']) {
  test(`${page} loads exactly one external module and has no inline script or style`, async () => {
    const html = await readFile(join(SRC, page), 'utf8');
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    assert.equal(scripts.length, 1);
    assert.match(scripts[0][1], /type="module"/);
    assert.match(scripts[0][1], /src="\/app\/main\.js"/);
    assert.equal(scripts[0][2].trim(), '');
    assert.ok(!/<style\b/i.test(html) && !/\sstyle=/i.test(html), 'inline style');
    assert.ok(!/\son[a-z]+=/i.test(html), 'inline event handler');
  });
}

test('no app code turns text into markup or evaluates strings', async () => {
  for (const path of own.filter((p) => p.endsWith('.js'))) {
    const text = await readFile(path, 'utf8');
    for (const bad of ['innerHTML', 'outerHTML', 'insertAdjacentHTML', 'document.write', 'eval(', 'new Function', 'setAttribute(\'style']) {
      assert.ok(!text.includes(bad), `${relative(SRC, path)} uses ${bad}`);
    }
  }
});

test('nothing in the shell refers to another origin except the default neutral site', async () => {
  for (const path of own.filter((p) => /\.(js|html|css|json|webmanifest)$/.test(p))) {
    const text = await readFile(path, 'utf8');
    const urls = [...text.matchAll(/https?:\/\/[^\s'"`)]+/g)].map((m) => m[0]);
    // The SVG namespace is a name, not an address anything is loaded from.
    const allowed = urls.filter((u) => u !== 'https://www.smhi.se/' && u !== 'http://www.w3.org/2000/svg');
    assert.deepEqual(allowed, [], relative(SRC, path));
  }
});

test('the vendored HPKE library is the pinned version and carries its licence', async () => {
  const versions = JSON.parse(await readFile(join(SRC, 'vendor', 'hpke', 'VERSIONS.json'), 'utf8'));
  assert.equal(versions['@hpke/core'].version, '1.9.0');
  assert.equal(versions['@hpke/dhkem-x25519'].version, '1.8.0');
  for (const dir of ['core', 'dhkem-x25519', 'common']) {
    assert.match(await readFile(join(SRC, 'vendor', 'hpke', dir, 'LICENSE'), 'utf8'), /MIT License/);
  }
});

test('the service worker pre-caches the current shell under its content hash (run `npm run shell` if not)', async () => {
  const sw = await readFile(join(SRC, 'sw.js'), 'utf8');
  const files = await shellFiles();
  assert.equal(sw, render(sw, files, await shellHash(files)));
  assert.ok(!files.some((f) => f.startsWith('/api/')));
});

test('the start pages preload the whole first-screen module graph (run `npm run shell` if not)', async () => {
  const modules = await firstLoadModules();
  assert.ok(modules.includes('/app/screens/welcome.js') && !modules.some((m) => m.includes('/vendor/')),
    'the first screen needs no HPKE');
  for (const page of ['index.html', 'notes.html']) {
    const html = await readFile(join(SRC, page), 'utf8');
    assert.equal(html, renderPreloads(html, modules), page);
  }
});

test('the stylesheet uses logical properties only, so right-to-left needs no second stylesheet', async () => {
  const css = (await readFile(join(SRC, 'styles', 'app.css'), 'utf8')).replace(/\/\*[\s\S]*?\*\//g, '');
  const physical = css.match(/(?:margin|padding|border|inset)-(?:left|right|top|bottom)\b|(?<![-\w])(?:left|right|top|bottom)\s*:|text-align:\s*(?:left|right)|float:\s*(?:left|right)/g);
  assert.deepEqual(physical, null);
});
