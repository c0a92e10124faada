// The translation machinery shared by the phone app and the staff desk: a language's strings with the
// default language as the fallback, {name} placeholders, the reading direction on <html dir>, and the
// person's own choice remembered (start-up writes nothing). Each app makes one instance over its own files,
// so the phone's strings and the desk's never travel together.

/**
 * @param languages  [{ code, dir }] — the first is not special; `defaultLanguage` is
 * @param path       where the JSON files are served, e.g. '/i18n'
 * @param storageKey the localStorage key of the person's choice (the one thing stored)
 */
export function translations({ languages, defaultLanguage = 'sv', path, storageKey }) {
  let current = defaultLanguage;
  let strings = {};
  let fallback = {};
  const listeners = new Set();

  async function load(code) {
    const response = await fetch(`${path}/${code}.json`);
    if (!response.ok) throw new Error(`language ${code} not available`);
    return response.json();
  }

  return {
    savedLanguage() {
      try {
        const saved = localStorage.getItem(storageKey);
        return languages.some((l) => l.code === saved) ? saved : defaultLanguage;
      } catch {
        return defaultLanguage;
      }
    },

    /** Switches the language; `remember` stores the person's own choice. */
    async setLanguage(code, { remember = true } = {}) {
      const language = languages.find((l) => l.code === code) || languages.find((l) => l.code === defaultLanguage);
      const [loaded, base] = await Promise.all([
        load(language.code),
        language.code === defaultLanguage ? null : load(defaultLanguage),
      ]);
      strings = loaded;
      fallback = base || loaded;
      current = language.code;
      document.documentElement.lang = language.code;
      document.documentElement.dir = language.dir || 'ltr';
      if (remember) {
        try {
          localStorage.setItem(storageKey, language.code);
        } catch {
          // Private mode without storage: the choice lasts for this visit.
        }
      }
      for (const listener of listeners) listener(language.code);
    },

    language() {
      return current;
    },

    onLanguageChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    /** The text for `key` in the current language, with {name} placeholders filled in. */
    t(key, params) {
      let text = strings[key] ?? fallback[key] ?? key;
      if (params) text = text.replace(/\{(\w+)\}/g, (m, name) => (name in params ? String(params[name]) : m));
      return text;
    },
  };
}
