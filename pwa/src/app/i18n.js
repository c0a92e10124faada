// Translations. Swedish is the default; Arabic and Persian are right-to-left, set on <html dir> so
// that the logical CSS properties flip the layout without a second stylesheet.

// Endonyms: each language is named in itself, the same in every translation, so they are not keys.
export const LANGUAGES = [
  { code: 'sv', name: 'Svenska', dir: 'ltr' },
  { code: 'en', name: 'English', dir: 'ltr' },
  { code: 'ar', name: 'العربية', dir: 'rtl' },
  { code: 'fa', name: 'فارسی', dir: 'rtl' },
  { code: 'so', name: 'Soomaali', dir: 'ltr' },
];
export const DEFAULT_LANGUAGE = 'sv';
const STORAGE_KEY = 'lang';

let current = DEFAULT_LANGUAGE;
let strings = {};
let fallback = {};
const listeners = new Set();

async function load(code) {
  const response = await fetch(`/i18n/${code}.json`);
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

/** Switches the language; `remember` stores the person's own choice (start-up does not write anything). */
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
  document.documentElement.dir = language.dir;
  if (remember) {
    try {
      localStorage.setItem(STORAGE_KEY, language.code);
    } catch {
      // Private mode without storage: the choice lasts for this visit.
    }
  }
  for (const listener of listeners) listener(language.code);
}

export function language() {
  return current;
}

export function onLanguageChange(listener) {
  listeners.add(listener);
}

/** The text for `key` in the current language, with {name} placeholders filled in. */
export function t(key, params) {
  let text = strings[key] ?? fallback[key] ?? key;
  if (params) text = text.replace(/\{(\w+)\}/g, (m, name) => (name in params ? String(params[name]) : m));
  return text;
}

/** Marks a key that is translated later (the key check in tests/i18n.test.mjs finds these too). */
export function tl(key) {
  return key;
}
