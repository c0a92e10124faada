// Every user-facing string comes from the translation files: a key missing in any language, a key the
// code uses that no language has, or a placeholder lost in translation fails here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SRC } from '../scripts/shell.mjs';

const LANGS = ['sv', 'en', 'ar', 'fa', 'so'];
const files = Object.fromEntries(await Promise.all(LANGS.map(async (l) =>
  [l, JSON.parse(await readFile(join(SRC, 'i18n', `${l}.json`), 'utf8'))])));

async function sources(dir) {
  const out = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...await sources(path));
    else if (entry.name.endsWith('.js')) out.push({ path, text: await readFile(path, 'utf8') });
  }
  return out;
}
const code = await sources(join(SRC, 'app'));

test('every language file has exactly the keys of the Swedish file', () => {
  const reference = Object.keys(files.sv).sort();
  for (const lang of LANGS) {
    const keys = Object.keys(files[lang]).sort();
    assert.deepEqual(reference.filter((k) => !keys.includes(k)), [], `missing in ${lang}.json`);
    assert.deepEqual(keys.filter((k) => !reference.includes(k)), [], `extra in ${lang}.json`);
  }
});

test('no translation is empty', () => {
  for (const lang of LANGS) {
    for (const [key, value] of Object.entries(files[lang])) {
      assert.ok(typeof value === 'string' && value.trim() !== '', `${lang}.json ${key} is empty`);
    }
  }
});

test('every placeholder survives translation', () => {
  const placeholders = (s) => (s.match(/\{\w+\}/g) || []).sort();
  for (const [key, value] of Object.entries(files.sv)) {
    for (const lang of LANGS) assert.deepEqual(placeholders(files[lang][key]), placeholders(value), `${lang}.json ${key}`);
  }
});

test('every key used in the code exists in every language', () => {
  const used = new Set();
  for (const { text } of code) {
    for (const m of text.matchAll(/\btl?\(\s*'([^']+)'/g)) used.add(m[1]);
  }
  assert.ok(used.size > 100, `found only ${used.size} keys in the code`);
  for (const lang of LANGS) {
    assert.deepEqual([...used].filter((k) => !(k in files[lang])), [], `used in the code but missing in ${lang}.json`);
  }
});

test('keys are literal so that this check sees all of them', () => {
  for (const { path, text } of code) {
    assert.ok(!/\btl?\(\s*[`"]/.test(text), `${path}: use t('literal.key') (single quotes, no template)`);
    assert.ok(!/\btl?\(\s*[a-zA-Z_$][\w$.]*\s*\+/.test(text), `${path}: a key built by concatenation`);
  }
});

test('every key in the files is used somewhere', () => {
  const all = code.map((c) => c.text).join('\n');
  const unused = Object.keys(files.sv).filter((k) => !all.includes(`'${k}'`));
  assert.deepEqual(unused, []);
});
