// Pieces several screens share.
import { LANGUAGES, language, setLanguage, t } from '../i18n.js';
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
