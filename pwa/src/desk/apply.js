// The public application page of one organisation (/desk/apply.html?org=<id>): the link a jour shares with
// people who want to become kontaktperson. No sign-in and nothing of the desk's session. The consent text is
// the one of the version the server names (GET /api/public/volunteer-applications/consent, which also hands
// out the signed form stamp); spam protection needs no third party: the stamp (a form sent sooner than a
// person can fill it in is refused) and a honeypot field hidden from people. The confirmation is shown
// only after the server has accepted the application.
import { h, replace } from '../app/view.js';
import { LANGUAGES, onLanguageChange, savedLanguage, setLanguage, t } from './i18n.js';
import { LANGUAGE_CODES, REGIONS, clearErrors, fieldError, fieldGroup, formField, languageName } from './fields.js';

/** The consent text this page shows (apply.consent.*), by the version the server must name. */
const CONSENT_VERSION = '2026-1';
const DAYS = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'];
const DAY_KEYS = {
  MONDAY: 'volunteer.day.MONDAY', TUESDAY: 'volunteer.day.TUESDAY', WEDNESDAY: 'volunteer.day.WEDNESDAY',
  THURSDAY: 'volunteer.day.THURSDAY', FRIDAY: 'volunteer.day.FRIDAY', SATURDAY: 'volunteer.day.SATURDAY',
  SUNDAY: 'volunteer.day.SUNDAY',
};
const PARTS = ['MORNING', 'AFTERNOON', 'EVENING'];
const PART_KEYS = { MORNING: 'volunteer.part.MORNING', AFTERNOON: 'volunteer.part.AFTERNOON', EVENING: 'volunteer.part.EVENING' };
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+?[0-9](?:[ -]?[0-9]){6,14}$/;
/** Fields the server may name, with the words shown next to them (its own message is for developers). */
const FIELD_KEYS = {
  name: 'apply.error.name', email: 'apply.error.email', phone: 'apply.error.phone', languages: 'apply.error.languages',
  region: 'apply.error.region', municipality: 'apply.error.municipality', availability: 'apply.error.availability',
  hoursPerMonth: 'apply.error.hours', maxClients: 'apply.error.maxClients', availabilityNote: 'apply.error.note',
  motivation: 'apply.error.motivation', consent: 'apply.error.consent',
};

const root = document.getElementById('apply');
const org = new URLSearchParams(location.search).get('org') || '';
const validOrg = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(org);
let consent = null; // { version, formStamp }
let draft = null; // the person's answers survive a language change
let done = false;

async function fetchConsent() {
  const res = await fetch('/api/public/volunteer-applications/consent', { headers: { accept: 'application/json' } });
  if (!res.ok) throw new Error(`consent ${res.status}`);
  consent = await res.json();
}

function header() {
  const select = h('select', { id: 'apply-language', class: 'lang-select' },
    LANGUAGES.map((l) => h('option', { value: l.code, lang: l.code, selected: l.code === document.documentElement.lang, text: l.name })));
  select.addEventListener('change', () => setLanguage(select.value));
  return h('header', { class: 'bar desk-bar' }, h('p', { class: 'brand', text: t('apply.brand') }),
    h('div', { class: 'lang' }, h('label', { for: 'apply-language', class: 'visually-hidden', text: t('shell.language') }), select));
}

function draw() {
  document.title = `${t('apply.title')} – Bredvid`;
  const main = h('main', { id: 'main', tabindex: '-1', class: 'apply-main' });
  replace(root, header(), main);
  if (done) return confirmation(main);
  if (!validOrg) {
    replace(main, h('h1', { tabindex: '-1', text: t('apply.badLinkTitle') }), h('p', { text: t('apply.badLink') }));
    return null;
  }
  return form(main);
}

function confirmation(main) {
  replace(main, h('section', { class: 'apply-done', id: 'apply-done' },
    h('h1', { tabindex: '-1', text: t('apply.doneTitle') }),
    h('p', { class: 'lead', text: t('apply.doneText') }),
    h('p', { text: t('apply.doneNext') })));
  main.querySelector('h1').focus();
}

function form(main) {
  const v = draft || {};
  const name = h('input', { type: 'text', autocomplete: 'name', maxlength: '200', value: v.name || '' });
  const email = h('input', { type: 'email', autocomplete: 'email', maxlength: '254', value: v.email || '' });
  const phone = h('input', { type: 'tel', autocomplete: 'tel', maxlength: '30', value: v.phone || '' });
  const languages = fieldGroup(t('apply.languages'), 'languages', h('div', { class: 'choice-grid' },
    LANGUAGE_CODES.map((c) => ({ c, label: languageName(c) })).sort((a, b) => a.label.localeCompare(b.label)).map(({ c, label }) => h('div', { class: 'choice' },
      h('input', { type: 'checkbox', name: 'languages', id: `lang-${c}`, value: c, checked: (v.languages || []).includes(c) }),
      h('label', { for: `lang-${c}`, text: label })))), { hint: t('apply.languagesHint') });
  const region = h('select', { autocomplete: 'off' }, h('option', { value: '', text: t('apply.regionChoose') }),
    REGIONS.map(([code, label]) => h('option', { value: code, selected: code === v.region, text: label })));
  const municipality = h('input', { type: 'text', autocomplete: 'address-level2', maxlength: '100', value: v.municipality || '' });
  const slots = new Set(v.availability || []);
  const availability = fieldGroup(t('apply.availability'), 'availability', h('table', { class: 'slot-table' },
    h('thead', {}, h('tr', {}, h('td', {}), PARTS.map((p) => h('th', { scope: 'col', text: t(PART_KEYS[p]) })))),
    h('tbody', {}, DAYS.map((d) => h('tr', {}, h('th', { scope: 'row', text: t(DAY_KEYS[d]) }),
      PARTS.map((p) => h('td', {}, h('input', { type: 'checkbox', name: 'availability', value: `${d}:${p}`,
        checked: slots.has(`${d}:${p}`), 'aria-label': t('apply.slot', { day: t(DAY_KEYS[d]), part: t(PART_KEYS[p]) }) }))))))),
  { hint: t('apply.availabilityHint') });
  const hours = h('input', { type: 'number', min: '1', max: '200', inputmode: 'numeric', value: v.hoursPerMonth || '' });
  const maxClients = h('select', {}, [1, 2, 3].map((n) => h('option', { value: String(n), selected: String(n) === String(v.maxClients || 1), text: String(n) })));
  const digital = h('input', { type: 'checkbox', id: 'apply-digital', name: 'digitalSupport', checked: !!v.digitalSupport });
  const note = h('textarea', { rows: '2', maxlength: '1000' });
  note.value = v.availabilityNote || '';
  const motivation = h('textarea', { rows: '5', maxlength: '4000' });
  motivation.value = v.motivation || '';
  const consentBox = h('input', { type: 'checkbox', id: 'apply-consent', name: 'consent', checked: !!v.consent });
  const consentError = h('p', { class: 'field-error', id: 'apply-consent-error', 'data-error-for': 'consent' });
  consentBox.setAttribute('aria-describedby', 'apply-consent-text apply-consent-error');
  // The honeypot: off screen and hidden from assistive technology; a person never fills it in.
  const trap = h('div', { class: 'hp', 'aria-hidden': 'true' },
    h('label', { for: 'apply-website', text: t('apply.trap') }),
    h('input', { type: 'text', id: 'apply-website', name: 'website', tabindex: '-1', autocomplete: 'off' }));
  const alertEl = h('p', { class: 'alert', role: 'alert', id: 'apply-error', tabindex: '-1' });
  const submit = h('button', { type: 'submit', class: 'btn btn-primary', id: 'apply-submit', text: t('apply.submit') });
  const versionMismatch = consent && consent.version !== CONSENT_VERSION;

  const f = h('form', { id: 'apply-form', novalidate: true, 'aria-describedby': 'apply-required' },
    h('p', { class: 'hint', id: 'apply-required', text: t('apply.required') }),
    h('fieldset', { class: 'group' }, h('legend', { text: t('apply.aboutYou') }),
      formField(t('apply.name'), name, { name: 'name' }),
      h('div', { class: 'grid-2' },
        formField(t('apply.email'), email, { name: 'email', hint: t('apply.contactHint') }),
        formField(t('apply.phone'), phone, { name: 'phone', hint: t('apply.phoneHint') })),
      languages,
      h('div', { class: 'grid-2' },
        formField(t('apply.region'), region, { name: 'region' }),
        formField(t('apply.municipality'), municipality, { name: 'municipality' }))),
    h('fieldset', { class: 'group' }, h('legend', { text: t('apply.timeTitle') }),
      availability,
      h('div', { class: 'grid-2' },
        formField(t('apply.hours'), hours, { name: 'hoursPerMonth', hint: t('apply.hoursHint') }),
        formField(t('apply.maxClients'), maxClients, { name: 'maxClients', hint: t('apply.maxClientsHint') })),
      h('div', { class: 'choice' }, digital, h('label', { for: 'apply-digital', text: t('apply.digital') })),
      formField(t('apply.note'), note, { name: 'availabilityNote' })),
    formField(t('apply.motivation'), motivation, { name: 'motivation', hint: t('apply.motivationHint') }),
    h('section', { class: 'consent', 'aria-labelledby': 'apply-consent-title' },
      h('h2', { id: 'apply-consent-title', text: t('apply.consentTitle') }),
      h('div', { id: 'apply-consent-text' },
        h('p', { text: t('apply.consent.who') }), h('p', { text: t('apply.consent.what') }),
        h('p', { text: t('apply.consent.keep') }), h('p', { text: t('apply.consent.rights') }),
        h('p', { class: 'hint', text: t('apply.consentVersion', { version: CONSENT_VERSION }) })),
      versionMismatch ? h('p', { class: 'notice', text: t('apply.consentChanged') }) : null,
      h('div', { class: 'choice' }, consentBox, h('label', { for: 'apply-consent', text: t('apply.consentLabel') })),
      consentError),
    trap, alertEl, submit);
  submit.disabled = !!versionMismatch;

  replace(main, h('section', { class: 'apply' },
    h('h1', { tabindex: '-1', text: t('apply.title') }),
    h('p', { class: 'lead', text: t('apply.lead') }),
    h('p', { text: t('apply.lead2') }),
    f));

  const values = () => ({
    name: name.value.trim(), email: email.value.trim(), phone: phone.value.trim(),
    languages: [...f.querySelectorAll('input[name="languages"]:checked')].map((i) => i.value),
    region: region.value, municipality: municipality.value.trim(),
    availability: [...f.querySelectorAll('input[name="availability"]:checked')].map((i) => i.value),
    hoursPerMonth: hours.value, maxClients: maxClients.value, digitalSupport: digital.checked,
    availabilityNote: note.value.trim(), motivation: motivation.value.trim(), consent: consentBox.checked,
  });
  f.addEventListener('input', () => { draft = values(); });
  f.addEventListener('change', () => { draft = values(); });

  function validate(x) {
    const bad = [];
    const add = (field, key) => bad.push(fieldError(f, field, t(key)));
    if (!x.name) add('name', 'apply.error.name');
    if (!x.email && !x.phone) add('email', 'apply.error.contact');
    if (x.email && !EMAIL.test(x.email)) add('email', 'apply.error.email');
    if (x.phone && !PHONE.test(x.phone)) add('phone', 'apply.error.phone');
    if (x.languages.length === 0 || x.languages.length > 10) add('languages', 'apply.error.languages');
    if (!x.region) add('region', 'apply.error.region');
    const n = Number(x.hoursPerMonth);
    if (!x.hoursPerMonth || !Number.isInteger(n) || n < 1 || n > 200) add('hoursPerMonth', 'apply.error.hours');
    if (!x.motivation) add('motivation', 'apply.error.motivation');
    if (!x.consent) add('consent', 'apply.error.consent');
    return bad.filter(Boolean);
  }

  f.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearErrors(f);
    alertEl.textContent = '';
    const x = values();
    const bad = validate(x);
    if (bad.length) {
      alertEl.textContent = t('apply.error.check', { count: bad.length });
      bad[0].focus();
      return;
    }
    submit.disabled = true;
    submit.textContent = t('apply.sending');
    try {
      if (!consent) await fetchConsent();
      const res = await fetch(`/api/public/organisations/${encodeURIComponent(org)}/volunteer-applications`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({
          name: x.name, email: x.email || null, phone: x.phone || null, languages: x.languages, region: x.region,
          municipality: x.municipality || null,
          availability: x.availability.map((s) => ({ day: s.split(':')[0], part: s.split(':')[1] })),
          hoursPerMonth: Number(x.hoursPerMonth), maxClients: Number(x.maxClients), digitalSupport: x.digitalSupport,
          availabilityNote: x.availabilityNote || null, motivation: x.motivation, consent: x.consent,
          consentTextVersion: consent.version, formStamp: consent.formStamp,
          website: f.elements.website.value,
        }),
      });
      if (res.status === 202) {
        done = true;
        draft = null;
        confirmation(main);
        return;
      }
      const problem = await res.json().catch(() => null);
      await refused(res.status, problem);
    } catch {
      alertEl.textContent = t('apply.error.network');
      alertEl.focus();
    } finally {
      if (!done) {
        submit.disabled = !!(consent && consent.version !== CONSENT_VERSION);
        submit.textContent = t('apply.submit');
      }
    }
  });

  async function refused(status, problem) {
    const violations = problem?.violations || [];
    if (status === 429) {
      alertEl.textContent = t('apply.error.tooMany');
    } else if (status === 404) {
      alertEl.textContent = t('apply.badLink');
    } else if (violations.some((v) => v.field === 'formStamp')) {
      // Sent too soon, or the form was open too long: a fresh stamp, and the person sends again.
      const tooFast = violations.some((v) => /sooner/.test(v.message || ''));
      // Too soon: the same stamp becomes good in a moment. Too old or unknown: a fresh one.
      if (!tooFast) await fetchConsent().catch(() => {});
      alertEl.textContent = tooFast ? t('apply.error.tooFast') : t('apply.error.stale');
    } else if (violations.some((v) => v.field === 'consentTextVersion')) {
      await fetchConsent().catch(() => {});
      draw();
      document.getElementById('apply-error').textContent = t('apply.consentChanged');
      return;
    } else if (violations.length) {
      let first = null;
      for (const v of violations) {
        const base = String(v.field).replace(/\[\d+\].*$/, '');
        const control = fieldError(f, base, FIELD_KEYS[base] ? t(FIELD_KEYS[base]) : v.message);
        first = first || control;
      }
      alertEl.textContent = t('apply.error.check', { count: violations.length });
      if (first) { first.focus(); return; }
    } else {
      alertEl.textContent = t('apply.error.generic');
    }
    alertEl.focus();
  }
  return f;
}

async function start() {
  await setLanguage(savedLanguage(), { remember: false });
  draw();
  document.querySelector('h1')?.focus();
  // A change of language redraws the page (answers kept) and leaves focus on the language control.
  onLanguageChange(() => {
    draw();
    setTimeout(() => document.getElementById('apply-language')?.focus(), 0);
  });
  if (validOrg) {
    try {
      await fetchConsent();
      if (consent.version !== CONSENT_VERSION) draw();
    } catch {
      const alertEl = document.getElementById('apply-error');
      if (alertEl) alertEl.textContent = t('apply.error.network');
    }
  }
}

start();
