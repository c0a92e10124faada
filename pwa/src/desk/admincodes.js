// Shared by the admin's screens (issue 15): tenants by id, the one-time password generator, a form's
// submit with the server's problem+json beside its fields.
import { h } from '../app/view.js';
import { t } from './i18n.js';
import { api } from './session.js';
import { clearErrors, fieldError, showProblem } from './clientfields.js';

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

/**
 * A form sent to the server: `check()` answers [field, key] pairs found in the browser; `send()` calls the
 * server; `done(result)` runs only after it said yes. A 400's violations and a 409 (`conflicts` maps its
 * problem type's last part to a field) land beside their fields, anything else in `general`.
 */
export function submitForm(form, general, submit, { check, send, done, conflicts = {} }) {
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearErrors(form);
    general.textContent = '';
    const errors = (check?.() || []).filter(Boolean);
    if (errors.length) {
      let first = null;
      for (const [field, key] of errors) {
        const control = fieldError(form, field, t(key));
        first = first || control;
      }
      general.textContent = t('client.field.fixMarked');
      (first || general).focus();
      return;
    }
    submit.disabled = true;
    submit.setAttribute('aria-busy', 'true');
    try {
      const result = await send();
      await done(result);
    } catch (err) {
      const slug = String(err?.problem?.type || '').split(/[:/]/).pop();
      const field = conflicts[slug];
      if (err?.status === 400) showProblem(form, err.problem, general);
      else if (field && fieldError(form, field, t('client.field.serverSays', { message: err.problem.detail }))) {
        general.textContent = t('client.field.fixMarked');
        form.querySelector(`[name="${field}"]`)?.focus();
      } else {
        general.textContent = err?.problem?.detail ? t('client.field.serverSays', { message: err.problem.detail }) : t('client.field.failed');
        general.focus();
      }
    } finally {
      submit.disabled = false;
      submit.removeAttribute('aria-busy');
    }
  });
}

export const alertLine = (id) => h('p', { class: 'alert', role: 'alert', id, tabindex: '-1' });
