// The desk's translations: the phone app's machinery (keys, {name} placeholders, Swedish default with
// Swedish as the fallback) over the desk's own files in /desk/i18n/, so the phone's strings and the desk's
// never travel together. Staff desks speak Swedish first, English second.

export const LANGUAGES = [
  { code: 'sv', name: 'Svenska', locale: 'sv-SE' },
  { code: 'en', name: 'English', locale: 'en-GB' },
];
export const DEFAULT_LANGUAGE = 'sv';
const STORAGE_KEY = 'desk-lang';

let current = DEFAULT_LANGUAGE;
let strings = {};
let fallback = {};
const listeners = new Set();

async function load(code) {
  const response = await fetch(`/desk/i18n/${code}.json`);
  if (!response.ok) throw new Error(`language ${code} not available`);
  return response.json();
}

export function savedLanguage() {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    return LANGUAGES.some((l) => l.code === saved) ? saved : DEFAULT_LANGUAGE;
  } catch {
    return DEFAULT_LANGUAGE;
  }
}

export async function setLanguage(code, { remember = true } = {}) {
  const language = LANGUAGES.find((l) => l.code === code) || LANGUAGES[0];
  const [loaded, base] = await Promise.all([
    load(language.code),
    language.code === DEFAULT_LANGUAGE ? null : load(DEFAULT_LANGUAGE),
  ]);
  strings = loaded;
  fallback = base || loaded;
  current = language.code;
  document.documentElement.lang = language.code;
  document.documentElement.dir = 'ltr';
  if (remember) {
    try {
      // Only the language choice is stored; nothing of a session ever is.
      localStorage.setItem(STORAGE_KEY, language.code);
    } catch {
      // Storage refused: the choice lasts for this visit.
    }
  }
  for (const listener of listeners) listener(language.code);
}

export function language() {
  return current;
}

export function onLanguageChange(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function t(key, params) {
  let text = strings[key] ?? fallback[key] ?? key;
  if (params) text = text.replace(/\{(\w+)\}/g, (m, name) => (name in params ? String(params[name]) : m));
  return text;
}

/** Marks a key chosen at run time (the desk test's key check finds these too). */
export function tl(key) {
  return key;
}

function locale() {
  return LANGUAGES.find((l) => l.code === current).locale;
}

/** "7 dec. 14:32" style: day and time in the person's language, in Swedish time. */
export function dateTime(iso) {
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Stockholm' })
    .format(new Date(iso));
}

export function time(iso) {
  return new Intl.DateTimeFormat(locale(), { timeStyle: 'short', timeZone: 'Europe/Stockholm' }).format(new Date(iso));
}
