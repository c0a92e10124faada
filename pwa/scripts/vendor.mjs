// Copies the HPKE library's ES modules from node_modules into src/vendor/, so that the page loads
// nothing from third parties (threat model 4: no request may leave the installation's origin).
// Bare specifiers ("@hpke/common") are rewritten to relative paths because a browser cannot resolve
// them without an import map, and an inline import map would break `script-src 'self'`.
// Run after `npm ci` to refresh: `npm run vendor`; the result is committed.
import { cp, mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const target = join(root, 'src', 'vendor', 'hpke');
const packages = ['common', 'core', 'dhkem-x25519'];

async function* jsFiles(dir) {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* jsFiles(path);
    else if (entry.name.endsWith('.js')) yield path;
  }
}

function toPosix(path) {
  return path.split(sep).join('/');
}

await rm(target, { recursive: true, force: true });
const versions = {};
for (const name of packages) {
  const source = join(root, 'node_modules', '@hpke', name);
  const pkg = JSON.parse(await readFile(join(source, 'package.json'), 'utf8'));
  versions[pkg.name] = { version: pkg.version, license: pkg.license };
  const out = join(target, name);
  await mkdir(out, { recursive: true });
  await cp(join(source, 'LICENSE'), join(out, 'LICENSE'));
  for await (const file of jsFiles(join(source, 'esm'))) {
    const rel = relative(join(source, 'esm'), file);
    const dest = join(out, rel);
    await mkdir(dirname(dest), { recursive: true });
    let text = await readFile(file, 'utf8');
    text = text.replace(/from\s+"@hpke\/([a-z0-9-]+)"/g, (match, dep) => {
      if (!packages.includes(dep)) throw new Error(`unvendored import ${match} in ${rel}`);
      let spec = toPosix(relative(dirname(dest), join(target, dep, 'mod.js')));
      if (!spec.startsWith('.')) spec = './' + spec;
      return `from "${spec}"`;
    });
    text = text.replace(/\n\/\/# sourceMappingURL=.*$/m, '');
    await writeFile(dest, text);
  }
}
await writeFile(join(target, 'VERSIONS.json'), JSON.stringify(versions, null, 2) + '\n');
let size = 0;
for await (const file of jsFiles(target)) size += (await stat(file)).size;
console.log(JSON.stringify({ vendored: versions, bytes: size }));
