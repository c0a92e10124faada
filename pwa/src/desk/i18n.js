// The desk's translations: the phone app's machinery (keys, {name} placeholders, Swedish default with
// Swedish as the fallback) over the desk's own files in /desk/i18n/, so the phone's strings and the desk's
// never travel together. Staff desks speak Swedish first, English second.

import { translations } from '../app/translations.js';

export const LANGUAGES = [
  { code: 'sv', name: 'Svenska', locale: 'sv-SE', dir: 'ltr' },
  { code: 'en', name: 'English', locale: 'en-GB', dir: 'ltr' },
];
export const DEFAULT_LANGUAGE = 'sv';

const desk = translations({ languages: LANGUAGES, defaultLanguage: DEFAULT_LANGUAGE, path: '/desk/i18n', storageKey: 'desk-lang' });
export const { savedLanguage, setLanguage, language, onLanguageChange, t } = desk;

/** Marks a key chosen at run time (the desk test's key check finds these too). */
export function tl(key) {
  return key;
}

function locale() {
  return LANGUAGES.find((l) => l.code === language()).locale;
}

/** "7 dec. 14:32" style: day and time in the person's language, in Swedish time. */
export function dateTime(iso) {
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Stockholm' })
    .format(new Date(iso));
}

export function time(iso) {
  return new Intl.DateTimeFormat(locale(), { timeStyle: 'short', timeZone: 'Europe/Stockholm' }).format(new Date(iso));
}
