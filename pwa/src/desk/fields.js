// Form fields and reference data shared by the recruiting screens and the public application page
// (which loads nothing of the desk's session): counties, languages, dates, a field with its error slot,
// and putting an error next to the field the server named.
import { h, uid } from '../app/view.js';
import { language } from './i18n.js';

/** Swedish counties (län) by ISO 3166-2:SE code, as the server knows them (recruiting/Regions.java). */
export const REGIONS = [
  ['SE-AB', 'Stockholms län'], ['SE-AC', 'Västerbottens län'], ['SE-BD', 'Norrbottens län'], ['SE-C', 'Uppsala län'],
  ['SE-D', 'Södermanlands län'], ['SE-E', 'Östergötlands län'], ['SE-F', 'Jönköpings län'], ['SE-G', 'Kronobergs län'],
  ['SE-H', 'Kalmar län'], ['SE-I', 'Gotlands län'], ['SE-K', 'Blekinge län'], ['SE-M', 'Skåne län'],
  ['SE-N', 'Hallands län'], ['SE-O', 'Västra Götalands län'], ['SE-S', 'Värmlands län'], ['SE-T', 'Örebro län'],
  ['SE-U', 'Västmanlands län'], ['SE-W', 'Dalarnas län'], ['SE-X', 'Gävleborgs län'], ['SE-Y', 'Västernorrlands län'],
  ['SE-Z', 'Jämtlands län'],
];
export const regionName = (code) => REGIONS.find(([c]) => c === code)?.[1] || code || '';

/** Languages volunteers commonly speak here (ISO 639); names come from the browser in the desk's language. */
export const LANGUAGE_CODES = ['sv', 'en', 'ar', 'fa', 'ku', 'so', 'ti', 'am', 'tr', 'ur', 'ps', 'bs', 'sq', 'ru',
  'uk', 'es', 'fr', 'de', 'pl', 'hi', 'pa', 'bn', 'prs', 'ckb'];
/** A language's name in the desk's language; capitalised as a label of its own, as written in a sentence when not. */
export function languageName(code, { capital = true } = {}) {
  try {
    const name = new Intl.DisplayNames([language()], { type: 'language' }).of(code);
    if (!name) return code;
    return capital ? name.charAt(0).toLocaleUpperCase(language()) + name.slice(1) : name;
  } catch {
    return code;
  }
}

export function date(iso) {
  if (!iso) return '';
  const locale = language() === 'en' ? 'en-GB' : 'sv-SE';
  const d = /^\d{4}-\d{2}-\d{2}$/.test(iso) ? new Date(`${iso}T12:00:00Z`) : new Date(iso);
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'Europe/Stockholm' }).format(d);
}

/** Today in Swedish time as yyyy-mm-dd (the value of a date input). */
export function today(offsetDays = 0) {
  const d = new Date(Date.now() + offsetDays * 86400_000);
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(d);
}

/** A datetime-local value (Swedish wall time) as an ISO instant. */
export function instantOf(local) {
  if (!local) return null;
  const [d, tm] = local.split('T');
  const guess = new Date(`${d}T${tm}:00Z`);
  // The offset of Stockholm at that moment (one or two hours).
  const wall = new Date(guess.toLocaleString('en-US', { timeZone: 'Europe/Stockholm' }));
  const utc = new Date(guess.toLocaleString('en-US', { timeZone: 'UTC' }));
  return new Date(guess.getTime() - (wall - utc)).toISOString();
}

/** A field with its label, an optional hint and a place for its error (aria-describedby both). */
export function formField(label, control, { hint, name } = {}) {
  const id = control.id || uid('f');
  control.id = id;
  if (name) control.name = name;
  const error = h('p', { class: 'field-error', id: `${id}-error`, 'data-error-for': control.name || '' });
  const hintEl = hint ? h('p', { class: 'hint', id: `${id}-hint`, text: hint }) : null;
  control.setAttribute('aria-describedby', [hintEl?.id, error.id].filter(Boolean).join(' '));
  return h('div', { class: 'field' }, h('label', { for: id, text: label }), hintEl, control, error);
}

/** A fieldset (radios, checkboxes) with a place for its error. */
export function fieldGroup(legend, name, children, { hint } = {}) {
  const error = h('p', { class: 'field-error', id: uid(`${name}-error`), 'data-error-for': name });
  return h('fieldset', { class: 'choices', 'data-group': name, 'aria-describedby': error.id },
    h('legend', { text: legend }), hint ? h('p', { class: 'hint', text: hint }) : null, children, error);
}

/** Clears every field error of a form. */
export function clearErrors(form) {
  for (const el of form.querySelectorAll('.field-error')) el.textContent = '';
  for (const el of form.querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid');
}

/**
 * Shows one message next to the field named `name` (the server's field path, e.g. `languages[0]` is shown
 * at `languages`), marks the control invalid, and returns the control to focus; null when the form has no
 * such field.
 */
export function fieldError(form, name, message) {
  const base = String(name).replace(/\[\d+\].*$/, '').replace(/\..*$/, '');
  const slot = form.querySelector(`.field-error[data-error-for="${CSS.escape(base)}"]`);
  if (!slot) return null;
  slot.textContent = message;
  const group = slot.closest('fieldset[data-group]');
  const control = group ? group.querySelector('input, select, textarea, button') : form.querySelector(`[name="${CSS.escape(base)}"]`);
  if (control && !group) control.setAttribute('aria-invalid', 'true');
  return control;
}

