// One client: the intake (new, under a pseudonym the server generates; or edited), and the client's page with
// the intake's facts, the exclusions, the client's assignments and the way to matching. Never a real name:
// the intake has no field for one (threat model 4), and the named persons a client excludes are volunteers
// chosen from the organisation's own list.
import { h, replace } from '../../app/view.js';
import { dateTime, t } from '../i18n.js';
import { api } from '../session.js';
import {
  AGE_BANDS, ASSIGNMENT_STATES, CLIENT_STATUS, GENDERS, KINDS, MEETING_MODES, NEEDS, SHARED_BACKGROUND, label,
} from '../clientcodes.js';
import {
  COMMON_LANGUAGES, LANGUAGE_CODE, REGIONS, checkedValues, clearErrors, fieldError, group, labelled, languageName,
  regionName, showProblem, words, protectionSelect, protectionBadge, intakeLevel,
} from '../clientfields.js';
import { ruleSection } from '../minors.js';

async function volunteerNames(signal) {
  try {
    const list = await api('GET', '/api/recruiting/volunteers', undefined, { signal });
    return new Map(list.map((v) => [v.id, v]));
  } catch {
    return new Map();
  }
}

export function renderNew(main, ctx) {
  return intakeScreen(main, ctx, null);
}

export function renderEdit(main, ctx, id) {
  return intakeScreen(main, ctx, id);
}

function intakeScreen(main, { announce }, id) {
  const controller = new AbortController();
  const heading = h('h1', { tabindex: '-1', text: id ? t('client.editTitle') : t('client.newTitle') });
  const body = h('div', { id: 'intake-body' }, h('p', { role: 'status', text: t('client.loading') }));
  replace(main, h('section', { class: 'screen intake', id: 'intake' },
    h('p', { class: 'crumbs' }, h('a', { href: id ? `#/clients/${id}` : '#/clients', text: id ? t('client.back') : t('clients.backToList') })),
    heading, body));

  (async () => {
    const [detail, volunteers] = await Promise.all([
      id ? api('GET', `/api/clients/${id}`, undefined, { signal: controller.signal }) : Promise.resolve(null),
      volunteerNames(controller.signal)]);
    if (controller.signal.aborted) return;
    if (detail) heading.replaceChildren(t('client.editTitleFor'), ' ', h('bdi', { text: detail.client.pseudonym }));
    replace(body, intakeForm(detail?.intake || null, volunteers, async (intake) => {
      const saved = id ? await api('PUT', `/api/clients/${id}`, intake) : await api('POST', '/api/clients', intake);
      // Only now, with the server's answer, does the screen say it is saved.
      announce(id ? t('client.saved', { pseudonym: saved.pseudonym }) : t('client.created', { pseudonym: saved.pseudonym }));
      location.hash = `#/clients/${saved.id}`;
    }, id));
  })().catch((e) => {
    if (controller.signal.aborted) return;
    replace(body, h('p', { class: 'alert', role: 'alert', id: 'intake-load-error',
      text: e?.status === 404 ? t('client.notFound') : t('client.loadError') }));
  });
  return () => controller.abort();
}

function textInput(name, value, attrs = {}) {
  return h('input', { type: 'text', name, value: value ?? '', autocomplete: 'off', ...attrs });
}

/** The intake form; `save(intake)` sends it and throws the server's ApiError when refused. */
function intakeForm(existing, volunteers, save, id) {
  const x = existing || {};
  const languageOptions = [...new Set([...COMMON_LANGUAGES, ...(x.languages || []), ...(x.excludedLanguages || [])])]
    .map((code) => ({ value: code, label: languageName(code) }));
  const otherLanguages = (x.languages || []).filter((c) => !COMMON_LANGUAGES.includes(c));

  const ageBand = h('select', { name: 'ageBand', required: true },
    h('option', { value: '', text: t('client.choose') }),
    Object.keys(AGE_BANDS).map((b) => h('option', { value: b, text: label(AGE_BANDS, b, t), selected: b === x.ageBand })));
  const region = h('select', { name: 'region' },
    h('option', { value: '', text: t('client.noRegion') }),
    REGIONS.map(([code, name]) => h('option', { value: code, text: name, selected: code === String(x.region || '').toLowerCase() })));
  const preferred = h('select', { name: 'preferredLanguage' },
    h('option', { value: '', text: t('client.noPreferredLanguage') }),
    languageOptions.map((o) => h('option', { value: o.value, text: o.label, selected: o.value === x.preferredLanguage })));
  const gender = h('select', { name: 'volunteerGender' },
    h('option', { value: '', text: t('client.noGenderWish') }),
    Object.keys(GENDERS).map((g) => h('option', { value: g, text: label(GENDERS, g, t), selected: g === x.volunteerGender })));
  const ageMin = h('input', { type: 'number', name: 'volunteerAgeMin', min: '18', max: '99', inputmode: 'numeric', value: x.volunteerAgeMin ?? '' });
  const ageMax = h('input', { type: 'number', name: 'volunteerAgeMax', min: '18', max: '99', inputmode: 'numeric', value: x.volunteerAgeMax ?? '' });
  const check = (name, checked, text) => {
    const input = h('input', { type: 'checkbox', name, id: `intake-${name}`, checked: !!checked });
    return h('div', { class: 'choice', 'data-field': name }, input, h('label', { for: input.id, text }),
      h('p', { class: 'alert field-error', 'data-error-for': name }));
  };

  // Named persons: volunteers of the organisation the client must never be matched with.
  const excludedIds = new Set(x.excludedVolunteers || []);
  const pick = h('select', { name: 'excludedVolunteerPick', id: 'intake-exclude-pick' });
  const addExcluded = h('button', { type: 'button', class: 'btn', id: 'intake-exclude-add', text: t('client.excludeAdd') });
  const excludedList = h('ul', { class: 'chips', id: 'intake-excluded-list', 'aria-live': 'polite' });
  const sortedVolunteers = [...volunteers.values()].sort((a, b) => a.name.localeCompare(b.name, 'sv'));
  function drawExcluded() {
    replace(pick, h('option', { value: '', text: t('client.excludePick') }),
      sortedVolunteers.filter((v) => !excludedIds.has(v.id)).map((v) => h('option', { value: v.id, text: v.name })));
    replace(excludedList, [...excludedIds].map((vid) => {
      const name = volunteers.get(vid)?.name || t('client.unknownVolunteer');
      const remove = h('button', { type: 'button', class: 'btn btn-small', 'data-remove': vid, text: t('client.excludeRemove'),
        'aria-label': t('client.excludeRemoveNamed', { name }) });
      remove.addEventListener('click', () => { excludedIds.delete(vid); drawExcluded(); pick.focus(); });
      return h('li', { class: 'chip', 'data-volunteer': vid }, h('bdi', { text: name }), ' ', remove);
    }));
  }
  addExcluded.addEventListener('click', () => {
    if (!pick.value) { pick.focus(); return; }
    excludedIds.add(pick.value);
    drawExcluded();
    pick.focus();
  });
  drawExcluded();

  const general = h('p', { class: 'alert', role: 'alert', id: 'intake-error', tabindex: '-1' });
  const submit = h('button', { type: 'submit', class: 'btn btn-primary', id: 'intake-submit', text: id ? t('client.saveChanges') : t('client.create') });
  const form = h('form', { id: 'intake-form', novalidate: true },
    id ? null : h('p', { class: 'notice', id: 'intake-pseudonym-note', text: t('client.pseudonymNote') }),
    h('section', { class: 'card', 'aria-labelledby': 'intake-about' },
      h('h2', { id: 'intake-about', text: t('client.section.about') }),
      labelled(t('client.ageBand'), ageBand, { hint: t('client.ageBandHint') }),
      labelled(t('client.region'), region, { hint: t('client.regionHint') }),
      group(t('client.languages'), 'languages', languageOptions, { checked: x.languages, inline: true }),
      labelled(t('client.otherLanguages'), textInput('otherLanguages', otherLanguages.join(', ')), { hint: t('client.otherLanguagesHint'), name: 'otherLanguages' }),
      labelled(t('client.preferredLanguage'), preferred),
      labelled(t('client.communities'), textInput('communities', (x.communities || []).join(', ')), { hint: t('client.wordsHint') }),
      group(t('client.needs'), 'needs', Object.keys(NEEDS).map((n) => ({ value: n, label: label(NEEDS, n, t) })), { checked: x.needs }),
      protectionSelect(intakeLevel(x), 'intake-protection'),
      labelled(t('client.municipalityContact'), textInput('municipalityContact', x.municipalityContact, { maxlength: '300' }), { hint: t('client.municipalityContactHint') })),
    h('section', { class: 'card', 'aria-labelledby': 'intake-wishes' },
      h('h2', { id: 'intake-wishes', text: t('client.section.wishes') }),
      h('p', { class: 'hint', text: t('client.wishesLead') }),
      group(t('client.meetingMode'), 'meetingMode', Object.keys(MEETING_MODES).map((m) => ({ value: m, label: label(MEETING_MODES, m, t) })),
        { type: 'radio', checked: x.meetingMode || 'BOTH', inline: true }),
      labelled(t('client.volunteerGender'), gender),
      check('genderRequired', x.genderRequired, t('client.genderRequired')),
      h('div', { class: 'row' },
        labelled(t('client.volunteerAgeMin'), ageMin),
        labelled(t('client.volunteerAgeMax'), ageMax)),
      check('ageRangeRequired', x.ageRangeRequired, t('client.ageRangeRequired')),
      group(t('client.sharedBackground'), 'sharedBackground', Object.keys(SHARED_BACKGROUND).map((s) => ({ value: s, label: label(SHARED_BACKGROUND, s, t) })),
        { type: 'radio', checked: x.sharedBackground || 'NO_PREFERENCE' }),
      labelled(t('client.interests'), textInput('interests', (x.interests || []).join(', ')), { hint: t('client.wordsHint') })),
    h('section', { class: 'card card-exclusions', 'aria-labelledby': 'intake-exclusions' },
      h('h2', { id: 'intake-exclusions', text: t('client.section.exclusions') }),
      h('p', { class: 'hint', text: t('client.exclusionsLead') }),
      labelled(t('client.excludedCommunities'), textInput('excludedCommunities', (x.excludedCommunities || []).join(', ')), { hint: t('client.wordsHint') }),
      labelled(t('client.excludedPlaces'), textInput('excludedPlaces', (x.excludedPlaces || []).join(', ')), { hint: t('client.placesHint') }),
      group(t('client.excludedLanguages'), 'excludedLanguages', languageOptions, { checked: x.excludedLanguages, inline: true }),
      h('div', { class: 'field', 'data-field': 'excludedVolunteers' },
        h('label', { for: pick.id, text: t('client.excludedVolunteers') }),
        h('p', { class: 'hint', id: 'intake-exclude-hint', text: t('client.excludedVolunteersHint') }),
        h('div', { class: 'row' }, pick, addExcluded),
        excludedList,
        h('p', { class: 'alert field-error', 'data-error-for': 'excludedVolunteers' }))),
    general, submit);
  pick.setAttribute('aria-describedby', 'intake-exclude-hint');

  /** The form as the API's ClientIntake, over the existing one so fields this form does not show are kept. */
  function intake() {
    const num = (el) => (el.value === '' ? null : Number(el.value));
    return {
      ...x,
      ageBand: ageBand.value || null,
      region: region.value || null,
      languages: [...new Set([...checkedValues(form, 'languages'), ...words(form.otherLanguages.value).map((w) => w.toLowerCase())])],
      preferredLanguage: preferred.value || null,
      communities: words(form.communities.value),
      needs: checkedValues(form, 'needs'),
      protectedIdentity: false,
      protectionLevel: form.protectionLevel.value,
      municipalityContact: form.municipalityContact.value.trim() || null,
      meetingMode: checkedValues(form, 'meetingMode')[0] || 'BOTH',
      volunteerGender: gender.value || null,
      genderRequired: form.genderRequired.checked,
      volunteerAgeMin: num(ageMin),
      volunteerAgeMax: num(ageMax),
      ageRangeRequired: form.ageRangeRequired.checked,
      sharedBackground: checkedValues(form, 'sharedBackground')[0] || 'NO_PREFERENCE',
      interests: words(form.interests.value),
      excludedCommunities: words(form.excludedCommunities.value),
      excludedPlaces: words(form.excludedPlaces.value),
      excludedLanguages: checkedValues(form, 'excludedLanguages'),
      excludedVolunteers: [...excludedIds],
    };
  }

  /** The same rules as the server, in the person's language; answers the first control in error. */
  function validate(v) {
    const errors = [];
    const err = (name, key, params) => errors.push(fieldError(form, name, t(key, params)));
    if (!v.ageBand) err('ageBand', 'client.error.ageBand');
    const bad = words(form.otherLanguages.value).filter((w) => !LANGUAGE_CODE.test(w.toLowerCase()));
    if (bad.length) err('otherLanguages', 'client.error.languageCode', { codes: bad.join(', ') });
    if (v.languages.length > 10) err('languages', 'client.error.tooMany', { max: 10 });
    if (v.excludedLanguages.length > 10) err('excludedLanguages', 'client.error.tooMany', { max: 10 });
    if (v.preferredLanguage && v.excludedLanguages.includes(v.preferredLanguage)) err('preferredLanguage', 'client.error.preferredExcluded');
    for (const [name, max] of [['communities', 10], ['interests', 20], ['excludedCommunities', 20], ['excludedPlaces', 20]]) {
      if (v[name].length > max) err(name, 'client.error.tooMany', { max });
      else if (v[name].some((w) => w.length > 60)) err(name, 'client.error.wordTooLong');
    }
    for (const name of ['volunteerAgeMin', 'volunteerAgeMax']) {
      const n = v[name];
      if (n !== null && !(Number.isInteger(n) && n >= 18 && n <= 99)) err(name, 'client.error.age');
    }
    if (v.volunteerAgeMin !== null && v.volunteerAgeMax !== null && v.volunteerAgeMin > v.volunteerAgeMax) err('volunteerAgeMax', 'client.error.ageOrder');
    if (v.genderRequired && !v.volunteerGender) err('volunteerGender', 'client.error.genderRequired');
    if (v.excludedVolunteers.length > 50) err('excludedVolunteers', 'client.error.tooMany', { max: 50 });
    return errors.find(Boolean) || (errors.length ? general : null);
  }

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearErrors(form);
    general.textContent = '';
    const v = intake();
    const invalid = validate(v);
    if (invalid) {
      general.textContent = t('client.field.fixMarked');
      invalid.focus();
      return;
    }
    submit.disabled = true;
    submit.setAttribute('aria-busy', 'true');
    try {
      await save(v);
    } catch (err) {
      if (err?.status === 400) showProblem(form, err.problem, general);
      else if (err?.status === 404) { general.textContent = t('client.notFound'); general.focus(); }
      else { general.textContent = t('client.saveError'); general.focus(); }
    } finally {
      submit.disabled = false;
      submit.removeAttribute('aria-busy');
    }
  });
  return form;
}

/** The client's page. */
export function renderClient(main, { announce }, id) {
  const controller = new AbortController();
  const heading = h('h1', { tabindex: '-1', text: t('client.title') });
  const body = h('div', { id: 'client-body' }, h('p', { role: 'status', text: t('client.loading') }));
  replace(main, h('section', { class: 'screen client', id: 'client' },
    h('p', { class: 'crumbs' }, h('a', { href: '#/clients', text: t('clients.backToList') })), heading, body));

  async function load(focusId) {
    const [detail, volunteers, assignments] = await Promise.all([
      api('GET', `/api/clients/${id}`, undefined, { signal: controller.signal }),
      volunteerNames(controller.signal),
      api('GET', '/api/assignments', undefined, { signal: controller.signal }).catch(() => [])]);
    if (controller.signal.aborted) return;
    const { client: c, intake: x } = detail;
    heading.replaceChildren(h('bdi', { class: 'pseudonym', id: 'client-pseudonym', text: c.pseudonym }));
    document.title = `${c.pseudonym} – Bredvid`;
    const list = (values, fn = (v) => v) => (values && values.length ? values.map(fn).join(', ') : t('client.none'));
    const fact = (term, value) => [h('dt', { text: term }), h('dd', {}, value)];
    const mine = assignments.filter((a) => a.clientId === id);
    replace(body,
      h('p', { class: 'lead', id: 'client-status' },
        label(CLIENT_STATUS, c.status, t, 'clients.status.other'),
        c.waitingSince ? ` · ${t('client.waitingSince', { when: dateTime(c.waitingSince) })}` : ''),
      h('div', { class: 'row actions' },
        h('a', { class: 'btn', href: `#/clients/${id}/edit`, id: 'client-edit', text: t('client.edit') }),
        c.status === 'WAITING' ? h('a', { class: 'btn btn-primary', href: `#/clients/${id}/match`, id: 'client-match', text: t('client.findMatch') }) : null),
      h('div', { class: 'columns' },
        h('section', { class: 'card', 'aria-labelledby': 'client-facts' },
          h('h2', { id: 'client-facts', text: t('client.section.about') }),
          h('dl', { class: 'facts' },
            fact(t('client.ageBand'), label(AGE_BANDS, x.ageBand, t, 'clients.status.other')),
            fact(t('client.region'), x.region ? regionName(x.region) : t('client.none')),
            fact(t('client.languages'), list(x.languages, languageName)),
            fact(t('client.preferredLanguage'), x.preferredLanguage ? languageName(x.preferredLanguage) : t('client.none')),
            fact(t('client.needs'), list(x.needs, (n) => label(NEEDS, n, t, 'clients.status.other'))),
            fact(t('client.meetingMode'), label(MEETING_MODES, x.meetingMode, t, 'clients.status.other')),
            fact(t('client.volunteerGender'), x.volunteerGender
              ? `${label(GENDERS, x.volunteerGender, t, 'clients.status.other')}${x.genderRequired ? ` (${t('client.required')})` : ''}` : t('client.none')),
            fact(t('protection.label'), protectionBadge(c.protectionLevel, 'client-protection')))),
        h('section', { class: 'card card-exclusions', 'aria-labelledby': 'client-exclusions' },
          h('h2', { id: 'client-exclusions', text: t('client.section.exclusions') }),
          h('dl', { class: 'facts', id: 'client-exclusion-facts' },
            fact(t('client.excludedVolunteers'), list(x.excludedVolunteers, (v) => volunteers.get(v)?.name || t('client.unknownVolunteer'))),
            fact(t('client.excludedLanguages'), list(x.excludedLanguages, languageName)),
            fact(t('client.excludedCommunities'), list(x.excludedCommunities)),
            fact(t('client.excludedPlaces'), list(x.excludedPlaces)),
            fact(t('client.sharedBackground'), label(SHARED_BACKGROUND, x.sharedBackground || 'NO_PREFERENCE', t, 'clients.status.other'))))),
      h('section', { 'aria-labelledby': 'client-assignments' },
        h('h2', { id: 'client-assignments', text: t('client.assignments') }),
        mine.length === 0 ? h('p', { class: 'empty', text: t('client.noAssignments') })
          : h('ul', { class: 'items' }, mine.map((a) => h('li', { class: 'item' },
            h('a', { href: `#/assignments/${a.id}` },
              `${label(KINDS, a.kind, t, 'clients.status.other')} · ${label(ASSIGNMENT_STATES, a.state, t, 'clients.status.other')} · `,
              h('bdi', { text: volunteers.get(a.volunteerId)?.name || t('client.unknownVolunteer') })))))),
      c.minorRule ? ruleSection(id, c.minorRule, load, announce) : null);
    if (focusId) document.getElementById(focusId)?.focus();
    else announce(t('client.opened', { pseudonym: c.pseudonym }));
  }
  load().catch((e) => {
    if (controller.signal.aborted) return;
    replace(body, h('p', { class: 'alert', role: 'alert', id: 'client-load-error',
      text: e?.status === 404 ? t('client.notFound') : t('client.loadError') }));
  });
  return () => controller.abort();
}
