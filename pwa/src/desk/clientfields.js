// Form pieces for the desk's client, matching and assignment screens: labelled controls with an error line of
// their own, the server's problem+json violations placed next to the field they name, and the code lists a
// client intake uses (languages as ISO 639 codes shown by name, Swedish counties as ISO 3166-2 codes).
import { h, uid } from '../app/view.js';
import { t } from './i18n.js';
import { REGIONS as COUNTIES, languageName as nameOf } from './fields.js';
import { PROTECTION_LEVELS, PROTECTION_RULES } from './clientcodes.js';

/** Languages offered as choices; any other ISO 639 code can still be typed. Arabic, Persian/Dari, Somali,
 * Tigrinya, Kurdish, Turkish and the languages of recent arrivals first after Swedish and English. */
export const COMMON_LANGUAGES = ['sv', 'en', 'ar', 'fa', 'prs', 'so', 'ti', 'ku', 'ckb', 'tr', 'ps', 'ur', 'bs', 'sq', 'uk', 'am', 'fr', 'es'];

/** Swedish counties (län), lower case as the matching engine compares them: the recruiting list, one source. */
export const REGIONS = COUNTIES.map(([code, name]) => [code.toLowerCase(), name]);

export const LANGUAGE_CODE = /^[a-z]{2,3}$/;

/** A language's name as the client screens write it (in a sentence, lower case in Swedish). */
export const languageName = (code) => nameOf(code, { capital: false });

export function regionName(code) {
  return REGIONS.find(([c]) => c === String(code || '').toLowerCase())?.[1] || code || '';
}

/**
 * A field with a label, an optional hint and its own error line (aria-describedby to both). `name` is the
 * request's field name, so a server violation of that field lands here.
 */
export function labelled(label, control, { hint, name } = {}) {
  const id = control.id || uid('f');
  control.id = id;
  const error = h('p', { class: 'alert field-error', id: `${id}-error`, 'data-error-for': name || control.name || id });
  const hintEl = hint ? h('p', { class: 'hint', id: `${id}-hint`, text: hint }) : null;
  control.setAttribute('aria-describedby', [hintEl?.id, error.id].filter(Boolean).join(' '));
  return h('div', { class: 'field', 'data-field': name || control.name || id }, h('label', { for: id, text: label }), hintEl, control, error);
}

/** A fieldset of checkboxes or radios, with its own error line; options [{value, label}]. */
export function group(legend, name, options, { type = 'checkbox', checked = [], hint, inline = false } = {}) {
  const set = new Set([].concat(checked ?? []).map(String));
  const errorId = uid(`${name}-error`);
  const hintEl = hint ? h('p', { class: 'hint', id: uid(`${name}-hint`), text: hint }) : null;
  return h('fieldset', { class: `choices${inline ? ' choices-inline' : ''}`, 'data-field': name,
    'aria-describedby': [hintEl?.id, errorId].filter(Boolean).join(' ') },
  h('legend', { text: legend }),
  hintEl,
  options.map((o) => {
    const id = uid(name);
    return h('div', { class: 'choice' },
      h('input', { type, id, name, value: o.value, checked: set.has(String(o.value)) }),
      h('label', { for: id, lang: o.lang, text: o.label }));
  }),
  h('p', { class: 'alert field-error', id: errorId, 'data-error-for': name }));
}

export function checkedValues(form, name) {
  return [...form.querySelectorAll(`input[name="${name}"]:checked`)].map((i) => i.value);
}

/** "a, b ,c" → ['a', 'b', 'c'], trimmed, without empties or repeats. */
export function words(text) {
  return [...new Set(String(text || '').split(/[,;\n]/).map((w) => w.trim()).filter(Boolean))];
}

/** Clears every error line of a form. */
export function clearErrors(form) {
  for (const el of form.querySelectorAll('[data-error-for]')) el.textContent = '';
  for (const el of form.querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid');
}

/** Puts a message on a field's error line and marks its control invalid; answers the control to focus. */
export function fieldError(form, name, message) {
  const line = form.querySelector(`[data-error-for="${CSS.escape(name)}"]`);
  if (!line) return null;
  line.textContent = message;
  const holder = line.closest('[data-field]');
  const control = holder?.querySelector('input, select, textarea');
  if (control) control.setAttribute('aria-invalid', 'true');
  return control;
}

/**
 * The server's problem+json on the form: each violation (`languages[1]`, `volunteerAgeMin`) on the line of
 * the field it names; anything else in `general`. Focus goes to the first field in error. Answers whether
 * any violation was placed.
 */
export function showProblem(form, problem, general) {
  const violations = problem?.violations || [];
  let first = null;
  const unplaced = [];
  for (const v of violations) {
    const name = String(v.field || '').replace(/\[.*$/, '').replace(/\..*$/, '');
    const control = name ? fieldError(form, name, t('client.field.serverSays', { message: v.message })) : null;
    if (control) first = first || control;
    else unplaced.push(v.message);
  }
  if (general) {
    general.textContent = unplaced.length || !violations.length
      ? (problem?.detail ? t('client.field.serverSays', { message: problem.detail }) : t('client.field.failed')) : t('client.field.fixMarked');
  }
  (first || general)?.focus?.();
  return violations.length > 0 && unplaced.length === 0;
}

/**
 * Sends a form: `check()` answers a list of [field, messageKey] found on the client; `send()` calls the
 * server and answers its result; `done(result)` runs only after the server said yes. A 400's violations land
 * beside their fields; a 404/409 or other refusal in the form's general line.
 */
export function sendForm(form, general, submit, { check, send, done, conflicts = {} }) {
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearErrors(form);
    general.textContent = '';
    const errors = (check?.() || []).filter(Boolean);
    if (errors.length) {
      let first = null;
      for (const [field, key, params] of errors) {
        const control = fieldError(form, field, t(key, params));
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
      const field = conflicts[String(err?.problem?.type || '').split(/[:/]/).pop()];
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

/** The level of protected identity as a labelled select (request field protectionLevel); default: none. */
export function protectionSelect(value, id) {
  const current = value || 'NONE';
  const select = h('select', { name: 'protectionLevel', id },
    Object.keys(PROTECTION_LEVELS).map((l) => h('option', { value: l, text: t(PROTECTION_LEVELS[l]), selected: l === current })));
  return labelled(t('protection.label'), select, { hint: t('protection.hint') });
}

/** The level as a clearly marked badge with the one sentence of what it implies. */
export function protectionBadge(level, id) {
  const l = PROTECTION_LEVELS[level] ? level : 'NONE';
  return h('p', { class: 'protection', id, 'data-level': l },
    h('span', { class: l === 'NONE' ? 'badge badge-ok' : 'badge badge-protected', text: t(PROTECTION_LEVELS[l]) }), ' ',
    h('span', { class: 'protection-rule', text: t(PROTECTION_RULES[l]) }));
}

/** A client intake's level, also for one saved before levels existed (true then meant skyddad folkbokföring). */
export function intakeLevel(intake) {
  return intake?.protectionLevel || (intake?.protectedIdentity ? 'SKYDDAD_FOLKBOKFORING' : 'NONE');
}
