// Translations. Swedish is the default; Arabic and Persian are right-to-left, set on <html dir> so
// that the logical CSS properties flip the layout without a second stylesheet.

import { translations } from './translations.js';

// Endonyms: each language is named in itself, the same in every translation, so they are not keys.
export const LANGUAGES = [
  { code: 'sv', name: 'Svenska', dir: 'ltr' },
  { code: 'en', name: 'English', dir: 'ltr' },
  { code: 'ar', name: 'العربية', dir: 'rtl' },
  { code: 'fa', name: 'فارسی', dir: 'rtl' },
  { code: 'so', name: 'Soomaali', dir: 'ltr' },
];
export const DEFAULT_LANGUAGE = 'sv';

const phone = translations({ languages: LANGUAGES, defaultLanguage: DEFAULT_LANGUAGE, path: '/i18n', storageKey: 'lang' });
export const { savedLanguage, setLanguage, language, onLanguageChange, t } = phone;

/** Marks a key that is translated later (the key check in tests/i18n.test.mjs finds these too). */
export function tl(key) {
  return key;
}
