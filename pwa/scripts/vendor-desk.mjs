// Copies the desk's QR encoder (qrcode-generator, MIT, Kazuhiko Arase) from node_modules into
// src/desk/vendor/, with its licence: the desk loads nothing from a CDN (CSP script-src 'self').
// Run after `npm ci` to refresh: `npm run vendor:desk`; the result is committed.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const source = join(root, 'node_modules', 'qrcode-generator');
const target = join(root, 'src', 'desk', 'vendor', 'qrcode-generator');
const pkg = JSON.parse(await readFile(join(source, 'package.json'), 'utf8'));
await mkdir(target, { recursive: true });
// The ES module build, saved as .js so the server sends it as JavaScript.
const code = await readFile(join(source, 'dist', 'qrcode.mjs'), 'utf8');
await writeFile(join(target, 'qrcode.js'), `// qrcode-generator ${pkg.version} (${pkg.license}), vendored by scripts/vendor-desk.mjs\n${code}`);
await writeFile(join(target, 'LICENSE.txt'), `qrcode-generator ${pkg.version} — ${pkg.repository.url}

MIT License

Copyright (c) 2009 Kazuhiko Arase

Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal
in the Software without restriction, including without limitation the rights
to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
SOFTWARE.

The word "QR Code" is a registered trademark of DENSO WAVE INCORPORATED.
`);
console.log(`vendored qrcode-generator ${pkg.version}`);
