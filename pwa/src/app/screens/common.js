// Pieces several screens share.
import * as api from '../api.js';
import { LANGUAGES, language, setLanguage, t } from '../i18n.js';
import * as session from '../session.js';
import { field, h } from '../view.js';

export function languagePicker() {
  const select = h('select', {
    id: 'language', autocomplete: 'off',
    onchange: (e) => setLanguage(e.target.value),
  }, LANGUAGES.map((l) => h('option', { value: l.code, lang: l.code, selected: l.code === language(), text: l.name })));
  return field(t('language.label'), select);
}

export function screen(title, intro, ...content) {
  return h('div', { class: 'screen' },
    h('h1', { text: title }),
    intro && h('p', { class: 'intro', text: intro }),
    ...content);
}

export function alertBox(id) {
  return h('p', { id, class: 'alert', role: 'alert' });
}

export function formatTime(ms) {
  try {
    return new Intl.DateTimeFormat(language(), { dateStyle: 'short', timeStyle: 'short' }).format(new Date(ms));
  } catch {
    return new Date(ms).toISOString();
  }
}

export function select(id, options, value) {
  return h('select', { id }, options.map((o) => h('option', {
    value: o.value, selected: String(o.value) === String(value), text: o.label,
  })));
}

/** An authenticated call to the device API; nothing it returns is stored on the phone. */
export async function call(method, path, body) {
  return api.request(method, path, body, await session.token());
}

/**
 * Plain words for a failed request. The server's own text is never shown; violations name fields, which
 * `labels` turns into the screen's own words (e.g. {hours: 'Timmar'}, and "goals[1].how" becomes "Mål 2").
 */
export function problemText(error, labels = {}) {
  const status = error?.status;
  if (status === 0) return t('error.offline');
  const fields = (error?.problem?.violations || []).map((v) => {
    const m = /^(\w+)(?:\[(\d+)\])?/.exec(String(v.field));
    const label = m && labels[m[1]];
    return label && (m[2] ? `${label} ${Number(m[2]) + 1}` : label);
  }).filter(Boolean);
  if (status === 400 && fields.length) return t('error.fields', { fields: [...new Set(fields)].join(', ') });
  if (status === 404) return t('error.gone');
  return t('error.generic');
}

/** A calendar date (YYYY-MM-DD) in the person's language; the date stays the same in every time zone. */
export function formatDate(iso, options = { dateStyle: 'medium' }) {
  try {
    return new Intl.DateTimeFormat(language(), { ...options, timeZone: 'UTC' }).format(new Date(`${iso}T12:00:00Z`));
  } catch {
    return iso;
  }
}

/** Today's date in Sweden (the insats period, reports and plans are Swedish calendar dates). */
export function todayInSweden() {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(new Date());
}

/** Terms and values as a description list; a value or term may be a node (e.g. free text with dir=auto). */
export function facts(pairs) {
  return h('dl', { class: 'facts' }, pairs.filter(Boolean).map(([term, value]) => [h('dt', null, term), h('dd', null, value)]));
}
