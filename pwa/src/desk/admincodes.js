// Shared by the admin's screens (issue 15): tenants by id, the one-time password generator, a form's
// submit with the server's problem+json beside its fields.
import { h } from '../app/view.js';
import { t } from './i18n.js';
import { api } from './session.js';

/** Organisations and municipalities, with a lookup of either's name by id. */
export async function tenants(signal) {
  const [organisations, municipalities] = await Promise.all([
    api('GET', '/api/admin/organisations', undefined, { signal }),
    api('GET', '/api/admin/municipalities', undefined, { signal })]);
  const names = new Map([...organisations, ...municipalities].map((x) => [x.id, x.name]));
  return { organisations, municipalities, name: (id) => (id ? names.get(id) || id : '') };
}

// No 0/O, 1/l/I: the password is read aloud or copied by hand once.
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';

/** A one-time password from the browser's CSPRNG (rejection sampling: every character equally likely). */
export function oneTimePassword(length = 20) {
  const out = [];
  const limit = 256 - (256 % ALPHABET.length);
  while (out.length < length) {
    const bytes = crypto.getRandomValues(new Uint8Array(length * 2));
    for (const b of bytes) {
      if (b < limit && out.length < length) out.push(ALPHABET[b % ALPHABET.length]);
    }
  }
  return out.join('');
}

/** A form sent to the server (the desk's one submit handler, in clientfields.js). */
export { sendForm as submitForm } from './clientfields.js';

export const alertLine = (id) => h('p', { class: 'alert', role: 'alert', id, tabindex: '-1' });
