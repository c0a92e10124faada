// One volunteer (#/volunteers/<id>): where they stand and the transitions (each asks the reason), the
// application, interviews (booked by the transition, recorded with the form), background checks (expiry
// shown; an approval refused for an expired one is shown next to the Approve control), training
// (enrolment, attendance per theme, the certificate as a real PDF download), supervision history with the
// overdue flag, current clients and load, and the history of transitions with their reasons.
import { h, replace } from '../../app/view.js';
import { dateTime, t } from '../i18n.js';
import { api } from '../session.js';
import {
  clearErrors, date, fieldError, fieldGroup, formField, languageName, regionName, showProblem, stateLabel, today,
  transitionControls,
} from '../board.js';

const SUITABILITY = ['SUITABLE', 'UNCERTAIN', 'NOT_SUITABLE'];
const CHECK_KINDS = ['WORK_WITH_CHILDREN', 'CARE_HOMES', 'GENERAL'];
const DAYS = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'];
const DAY_KEYS = {
  MONDAY: 'volunteer.day.MONDAY', TUESDAY: 'volunteer.day.TUESDAY', WEDNESDAY: 'volunteer.day.WEDNESDAY',
  THURSDAY: 'volunteer.day.THURSDAY', FRIDAY: 'volunteer.day.FRIDAY', SATURDAY: 'volunteer.day.SATURDAY',
  SUNDAY: 'volunteer.day.SUNDAY',
};
const PART_KEYS = { MORNING: 'volunteer.part.MORNING', AFTERNOON: 'volunteer.part.AFTERNOON', EVENING: 'volunteer.part.EVENING' };
const SUIT_KEYS = { SUITABLE: 'volunteer.suit.SUITABLE', UNCERTAIN: 'volunteer.suit.UNCERTAIN', NOT_SUITABLE: 'volunteer.suit.NOT_SUITABLE' };
const KIND_KEYS = {
  WORK_WITH_CHILDREN: 'volunteer.checkKind.WORK_WITH_CHILDREN', CARE_HOMES: 'volunteer.checkKind.CARE_HOMES',
  GENERAL: 'volunteer.checkKind.GENERAL',
};
const NEEDS = ['HOUSING', 'STUDIES_AND_WORK', 'BREAKING_ISOLATION', 'RIGHTS_AND_SOCIETY', 'AUTHORITY_CONTACTS', 'EMOTIONAL_SUPPORT'];
const GENDERS = ['WOMAN', 'MAN', 'NON_BINARY'];
const PROFILE_STATES = ['TRAINED', 'APPROVED', 'ACTIVE', 'PAUSED'];
const ASSIGNMENT_KEYS = {
  PROPOSED: 'volunteer.assignment.PROPOSED', AWAITING_DECISION: 'volunteer.assignment.AWAITING_DECISION',
  ACTIVE: 'volunteer.assignment.ACTIVE', PAUSED: 'volunteer.assignment.PAUSED',
};

export function render(main, { announce }, id) {
  const controller = new AbortController();
  const get = (path) => api('GET', path, undefined, { signal: controller.signal });
  const heading = h('h1', { tabindex: '-1', id: 'volunteer-title', text: t('volunteer.loading') });
  const body = h('div', { id: 'volunteer-body' });
  const error = h('p', { class: 'alert', role: 'alert', id: 'volunteer-error' });
  replace(main, h('section', { class: 'screen volunteer', id: 'volunteer' },
    h('p', { class: 'back' }, h('a', { href: '#/volunteers', text: t('volunteer.back') })), heading, error, body));

  let loads = 0;
  async function load(focusSelector) {
    try {
      const v = await get(`/api/recruiting/volunteers/${id}`);
      const [interviews, checks, training, supervision, history, cohorts, assignments, profile] = await Promise.all([
        get(`/api/recruiting/volunteers/${id}/interviews`),
        get(`/api/recruiting/volunteers/${id}/background-checks`),
        get(`/api/recruiting/volunteers/${id}/training`),
        get(`/api/recruiting/volunteers/${id}/supervision`),
        get(`/api/recruiting/volunteers/${id}/transitions`),
        ['INTERVIEWED', 'IN_TRAINING'].includes(v.state) ? get('/api/recruiting/cohorts') : Promise.resolve([]),
        ['APPROVED', 'ACTIVE', 'PAUSED'].includes(v.state) ? get('/api/assignments').catch(() => null) : Promise.resolve([]),
        // The matching profile (matching's, not recruiting's): none yet is a 404.
        PROFILE_STATES.includes(v.state)
          ? get(`/api/volunteers/${id}/matching-profile`).catch((e) => { if (e?.status === 404) return null; throw e; })
          : Promise.resolve(undefined),
      ]);
      if (controller.signal.aborted) return;
      document.title = `${v.name} – Bredvid`;
      heading.textContent = v.name;
      heading.setAttribute('data-state', v.state);
      const mine = assignments === null ? null
        : (Array.isArray(assignments) ? assignments : (assignments.items || []))
          .filter((a) => a.volunteerId === id && a.state !== 'ENDED');
      replace(body,
        status(v, checks),
        h('div', { class: 'vdetail' },
          h('div', { class: 'vdetail-main' },
            interviewSection(v, interviews || []),
            checkSection(v, checks || []),
            trainingSection(v, training, cohorts || []),
            profile === undefined ? null : profileSection(profile)),
          h('div', { class: 'vdetail-side' },
            loadSection(v, mine),
            supervisionSection(supervision),
            application(v),
            historySection(history || []))));
      // How many times the page has been drawn from the server (tests wait for the next one).
      body.dataset.loads = String(++loads);
      if (focusSelector) body.querySelector(focusSelector)?.focus();
    } catch (e) {
      if (controller.signal.aborted) return;
      if (e?.status === 404) {
        heading.textContent = t('notFound.title');
        replace(body, h('p', { text: t('notFound.text') }));
      } else {
        error.textContent = t('volunteers.error.load');
      }
    }
  }

  function status(v, checks) {
    const latest = checks?.[checks.length - 1];
    const expired = v.state === 'TRAINED' && latest && !latest.valid;
    return h('section', { class: 'card vstatus', 'aria-labelledby': 'vstatus-title' },
      h('h2', { id: 'vstatus-title', tabindex: '-1', text: t('volunteer.statusTitle') }),
      h('p', { class: 'vstate', id: 'volunteer-state', 'data-state': v.state },
        h('strong', { text: stateLabel(v.state) }), ' ', t('volunteers.since', { when: date(v.stateSince) })),
      expired ? h('p', { class: 'notice', id: 'check-expired-notice', text: t('volunteer.checkExpiredNotice') }) : null,
      (v.allowedTransitions || []).length
        ? transitionControls(v, { announce, onMoved: () => load('#vstatus-title') })
        : h('p', { class: 'hint', text: t('volunteer.noTransitions') }));
  }

  // ---- interviews ----
  function interviewSection(v, interviews) {
    const list = interviews.length === 0
      ? h('p', { class: 'empty', text: t('volunteer.noInterviews') })
      : h('ul', { class: 'plain-list', id: 'interview-list' }, interviews.map((i) => h('li', { class: 'record' },
        h('p', { class: 'record-title' }, h('strong', { text: date(i.heldOn) }), ' · ', t(SUIT_KEYS[i.suitability])),
        h('p', { class: 'hint', text: t('volunteer.interviewScores', { motivation: i.motivation, time: i.timeAvailable, understanding: i.understanding }) }),
        h('p', { class: 'hint', text: t('volunteer.interviewers', { names: i.interviewers.join(', ') }) }),
        i.notes ? h('p', { class: 'free-text', text: i.notes }) : null)));
    const canRecord = ['INTERVIEW_BOOKED', 'INTERVIEWED'].includes(v.state);
    return h('section', { class: 'card', 'aria-labelledby': 'interviews-title', id: 'interviews' },
      h('h2', { id: 'interviews-title', tabindex: '-1', text: t('volunteer.interviewsTitle') }),
      v.state === 'APPLIED' ? h('p', { class: 'hint', text: t('volunteer.bookHint') }) : null,
      list, canRecord ? interviewForm(v) : null);
  }

  function interviewForm() {
    const heldOn = h('input', { type: 'date', max: today(), value: today() });
    const interviewers = h('input', { type: 'text', maxlength: '1000', autocomplete: 'off' });
    const score = (name) => h('select', { name }, [1, 2, 3, 4, 5].map((n) => h('option', { value: String(n), selected: n === 3, text: String(n) })));
    const suit = fieldGroup(t('volunteer.suitability'), 'suitability', h('div', { class: 'choices-inline' },
      SUITABILITY.map((s) => h('div', { class: 'choice' },
        h('input', { type: 'radio', name: 'suitability', id: `suit-${s}`, value: s }),
        h('label', { for: `suit-${s}`, text: t(SUIT_KEYS[s]) })))));
    const notes = h('textarea', { rows: '3', maxlength: '10000' });
    const alertEl = h('p', { class: 'alert', role: 'alert', tabindex: '-1' });
    const submit = h('button', { type: 'submit', class: 'btn', id: 'interview-submit', text: t('volunteer.recordInterview') });
    const form = h('form', { id: 'interview-form', class: 'subform', novalidate: true },
      h('h3', { text: t('volunteer.recordInterviewTitle') }),
      h('div', { class: 'grid-2' },
        formField(t('volunteer.heldOn'), heldOn, { name: 'heldOn' }),
        formField(t('volunteer.interviewersLabel'), interviewers, { name: 'interviewers', hint: t('volunteer.interviewersHint') })),
      h('div', { class: 'grid-3' },
        formField(t('volunteer.motivation'), score('motivation'), { name: 'motivation' }),
        formField(t('volunteer.timeAvailable'), score('timeAvailable'), { name: 'timeAvailable' }),
        formField(t('volunteer.understanding'), score('understanding'), { name: 'understanding' })),
      suit, formField(t('volunteer.notes'), notes, { name: 'notes', hint: t('volunteer.notesHint') }),
      alertEl, submit);
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      clearErrors(form);
      alertEl.textContent = '';
      const names = interviewers.value.split(',').map((s) => s.trim()).filter(Boolean);
      const chosen = form.querySelector('input[name="suitability"]:checked');
      let first = null;
      if (!heldOn.value) first = first || fieldError(form, 'heldOn', t('volunteer.error.heldOn'));
      else if (heldOn.value > today()) first = first || fieldError(form, 'heldOn', t('volunteer.error.future'));
      if (names.length === 0 || names.length > 5) first = first || fieldError(form, 'interviewers', t('volunteer.error.interviewers'));
      if (!chosen) first = first || fieldError(form, 'suitability', t('volunteer.error.suitability'));
      if (first) { first.focus(); return; }
      submit.disabled = true;
      try {
        await api('POST', `/api/recruiting/volunteers/${id}/interviews`, {
          heldOn: heldOn.value, interviewers: names, motivation: Number(form.elements.motivation.value),
          timeAvailable: Number(form.elements.timeAvailable.value), understanding: Number(form.elements.understanding.value),
          suitability: chosen.value, notes: notes.value.trim() || null,
        });
        announce(t('volunteer.interviewRecorded'));
        await load('#interviews-title');
      } catch (err) {
        submit.disabled = false;
        showProblem(form, err, alertEl);
      }
    });
    return form;
  }

  // ---- background checks ----
  function checkSection(v, checks) {
    const rows = checks.slice().reverse();
    const table = rows.length === 0
      ? h('p', { class: 'empty', text: t('volunteer.noChecks') })
      : h('table', { class: 'table', id: 'check-table' },
        h('caption', { class: 'visually-hidden', text: t('volunteer.checksTitle') }),
        h('thead', {}, h('tr', {}, [t('volunteer.checkKind'), t('volunteer.issuedOn'), t('volunteer.seenOn'), t('volunteer.expiresOn'), t('volunteer.checkStatus')]
          .map((c) => h('th', { scope: 'col', text: c })))),
        h('tbody', {}, rows.map((c) => h('tr', { 'data-valid': String(c.valid) },
          h('th', { scope: 'row', text: t(KIND_KEYS[c.kind] || 'volunteer.checkKind.GENERAL') }),
          h('td', { text: date(c.issuedOn) }), h('td', { text: date(c.seenOn) }), h('td', { text: date(c.expiresOn) }),
          h('td', {}, h('span', { class: `badge ${c.valid ? 'badge-ok' : 'badge-overdue'}`, text: c.valid ? t('volunteer.checkValid') : t('volunteer.checkExpired') }))))));
    const canRecord = !['ENDED', 'WITHDRAWN', 'NOT_SUITABLE'].includes(v.state);
    return h('section', { class: 'card', 'aria-labelledby': 'checks-title', id: 'checks' },
      h('h2', { id: 'checks-title', tabindex: '-1', text: t('volunteer.checksTitle') }),
      h('p', { class: 'hint', text: t('volunteer.checksLead') }),
      table, canRecord ? checkForm() : null);
  }

  function checkForm() {
    const kind = h('select', {}, CHECK_KINDS.map((k) => h('option', { value: k, text: t(KIND_KEYS[k]) })));
    const issuedOn = h('input', { type: 'date', max: today() });
    const seenOn = h('input', { type: 'date', max: today(), value: today() });
    const alertEl = h('p', { class: 'alert', role: 'alert', tabindex: '-1' });
    const submit = h('button', { type: 'submit', class: 'btn', id: 'check-submit', text: t('volunteer.recordCheck') });
    const form = h('form', { id: 'check-form', class: 'subform', novalidate: true },
      h('h3', { text: t('volunteer.recordCheckTitle') }),
      h('div', { class: 'grid-3' },
        formField(t('volunteer.checkKind'), kind, { name: 'kind' }),
        formField(t('volunteer.issuedOn'), issuedOn, { name: 'issuedOn', hint: t('volunteer.issuedOnHint') }),
        formField(t('volunteer.seenOn'), seenOn, { name: 'seenOn' })),
      alertEl, submit);
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      clearErrors(form);
      alertEl.textContent = '';
      let first = null;
      if (!issuedOn.value) first = fieldError(form, 'issuedOn', t('volunteer.error.issuedOn'));
      else if (issuedOn.value > today()) first = fieldError(form, 'issuedOn', t('volunteer.error.future'));
      if (!seenOn.value) first = first || fieldError(form, 'seenOn', t('volunteer.error.seenOn'));
      else if (seenOn.value > today()) first = first || fieldError(form, 'seenOn', t('volunteer.error.future'));
      else if (issuedOn.value && seenOn.value < issuedOn.value) first = first || fieldError(form, 'seenOn', t('volunteer.error.seenBeforeIssued'));
      if (first) { first.focus(); return; }
      submit.disabled = true;
      try {
        await api('POST', `/api/recruiting/volunteers/${id}/background-checks`, { kind: kind.value, issuedOn: issuedOn.value, seenOn: seenOn.value });
        announce(t('volunteer.checkRecorded'));
        await load('#checks-title');
      } catch (err) {
        submit.disabled = false;
        showProblem(form, err, alertEl);
      }
    });
    return form;
  }

  // ---- training ----
  function trainingSection(v, record, cohorts) {
    const themes = record?.themes || [];
    const done = themes.filter((x) => x.attendedOn).length;
    const summary = h('p', { id: 'training-summary', 'data-complete': String(!!record?.complete) },
      h('strong', { text: record?.complete ? t('volunteer.trainingComplete', { when: date(record.completedOn) }) : t('volunteer.trainingIncomplete') }),
      ' ', t('volunteer.trainingCount', { covered: record?.themesCovered ?? 0, required: record?.themesRequired ?? 0, total: record?.themesTotal ?? 0 }),
      record?.hours ? ` · ${t('volunteer.trainingHours', { hours: record.hours })}` : '');
    const table = themes.length === 0 ? null : h('table', { class: 'table', id: 'training-table' },
      h('caption', { class: 'visually-hidden', text: t('volunteer.trainingTitle') }),
      h('thead', {}, h('tr', {}, [t('volunteer.theme'), t('volunteer.attendedOn')].map((c) => h('th', { scope: 'col', text: c })))),
      h('tbody', {}, themes.map((x) => h('tr', { 'data-attended': String(!!x.attendedOn) },
        h('th', { scope: 'row' }, x.title, x.mandatory ? h('span', { class: 'hint', text: ` (${t('volunteer.mandatory')})` }) : null),
        h('td', { text: x.attendedOn ? `${date(x.attendedOn)}${x.atMakeUp ? ` (${t('volunteer.makeUp')})` : ''}` : t('volunteer.notYet') })))));
    const cert = record?.complete ? certificateButton(v) : null;
    return h('section', { class: 'card', 'aria-labelledby': 'training-title', id: 'training' },
      h('h2', { id: 'training-title', tabindex: '-1', text: t('volunteer.trainingTitle') }),
      summary, done || themes.length ? table : null,
      cohorts.length || ['INTERVIEWED', 'IN_TRAINING'].includes(v.state) ? enrolForm(v, cohorts) : null,
      ['IN_TRAINING', 'INTERVIEWED'].includes(v.state) ? h('p', { class: 'hint' }, h('a', { href: '#/training', text: t('volunteer.toTraining') })) : null,
      cert);
  }

  function enrolForm(v, cohorts) {
    const alertEl = h('p', { class: 'alert', role: 'alert', tabindex: '-1' });
    if (cohorts.length === 0) return h('p', { class: 'hint', text: t('volunteer.noCohorts') });
    const cohort = h('select', {}, cohorts.map((c) => h('option', { value: c.id, text: `${c.name}${c.startsOn ? ` (${date(c.startsOn)})` : ''}` })));
    const submit = h('button', { type: 'submit', class: 'btn', id: 'enrol-submit', text: t('volunteer.enrol') });
    const form = h('form', { id: 'enrol-form', class: 'subform', novalidate: true },
      formField(t('volunteer.cohort'), cohort, { name: 'volunteerId' }), alertEl, submit);
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      clearErrors(form);
      alertEl.textContent = '';
      submit.disabled = true;
      try {
        await api('POST', `/api/recruiting/cohorts/${cohort.value}/members`, { volunteerId: v.id });
        announce(t('volunteer.enrolled', { cohort: cohort.selectedOptions[0]?.textContent || '' }));
        await load('#training-title');
      } catch (err) {
        submit.disabled = false;
        showProblem(form, err, alertEl);
      }
    });
    return form;
  }

  function certificateButton() {
    const alertEl = h('p', { class: 'alert', role: 'alert' });
    const button = h('button', { type: 'button', class: 'btn', id: 'certificate', text: t('volunteer.certificate') });
    button.addEventListener('click', async () => {
      alertEl.textContent = '';
      button.disabled = true;
      try {
        const res = await api('GET', `/api/recruiting/volunteers/${id}/training-certificate`, undefined, { raw: true, accept: 'application/pdf' });
        const blob = new Blob([await res.arrayBuffer()], { type: res.headers.get('content-type') || 'application/pdf' });
        const url = URL.createObjectURL(blob);
        const a = h('a', { href: url, download: t('volunteer.certificateFile'), class: 'visually-hidden' });
        document.body.append(a);
        a.click();
        a.remove();
        setTimeout(() => URL.revokeObjectURL(url), 60_000);
        announce(t('volunteer.certificateDone'));
      } catch (err) {
        alertEl.textContent = t('volunteer.certificateError');
      } finally {
        button.disabled = false;
      }
    });
    return h('div', { class: 'row' }, button, alertEl);
  }

  // ---- matching profile ----
  // What the matching engine compares besides the application (languages, region, availability): without it a
  // volunteer is never suggested, so a missing one is said plainly.
  function profileSection(p) {
    const gender = h('select', {}, [h('option', { value: '', text: t('volunteer.profile.choose') }),
      ...GENDERS.map((g) => h('option', { value: g, selected: p?.gender === g, text: t(`volunteer.profile.gender.${g}`) }))]);
    const age = h('input', { type: 'number', min: '18', max: '99', inputmode: 'numeric', value: p?.age ?? '' });
    const words = (list) => (list || []).join(', ');
    const interests = h('input', { type: 'text', maxlength: '1200', value: words(p?.interests), autocomplete: 'off' });
    const communities = h('input', { type: 'text', maxlength: '700', value: words(p?.communities), autocomplete: 'off' });
    const regions = h('input', { type: 'text', maxlength: '1000', value: words(p?.reachableRegions), autocomplete: 'off', dir: 'ltr' });
    const areas = fieldGroup(t('volunteer.profile.supportAreas'), 'supportAreas', h('div', { class: 'choices-inline' },
      NEEDS.map((n) => h('div', { class: 'choice' },
        h('input', { type: 'checkbox', name: 'supportAreas', id: `area-${n}`, value: n, checked: (p?.supportAreas || []).includes(n) }),
        h('label', { for: `area-${n}`, text: t(`volunteer.profile.need.${n}`) })))));
    const alertEl = h('p', { class: 'alert', role: 'alert', tabindex: '-1' });
    const submit = h('button', { type: 'submit', class: 'btn', id: 'profile-submit', text: t('volunteer.profile.save') });
    const form = h('form', { id: 'profile-form', class: 'subform', novalidate: true },
      h('div', { class: 'grid-2' },
        formField(t('volunteer.profile.gender'), gender, { name: 'gender' }),
        formField(t('volunteer.profile.age'), age, { name: 'age' })),
      formField(t('volunteer.profile.interests'), interests, { name: 'interests', hint: t('volunteer.profile.listHint') }),
      formField(t('volunteer.profile.communities'), communities, { name: 'communities', hint: t('volunteer.profile.communitiesHint') }),
      formField(t('volunteer.profile.regions'), regions, { name: 'reachableRegions', hint: t('volunteer.profile.regionsHint') }),
      areas, alertEl, submit);
    const list = (input) => [...new Set(input.value.split(',').map((x) => x.trim()).filter(Boolean))];
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      clearErrors(form);
      alertEl.textContent = '';
      let first = null;
      if (!gender.value) first = fieldError(form, 'gender', t('volunteer.profile.error.gender'));
      const years = Number(age.value);
      if (!age.value || !Number.isInteger(years) || years < 18 || years > 99) first = first || fieldError(form, 'age', t('volunteer.profile.error.age'));
      if (list(regions).some((r) => !/^se-[a-z]{1,2}$/i.test(r))) first = first || fieldError(form, 'reachableRegions', t('volunteer.profile.error.regions'));
      if (first) { first.focus(); return; }
      submit.disabled = true;
      try {
        await api('PUT', `/api/volunteers/${id}/matching-profile`, {
          gender: gender.value, age: years, interests: list(interests), communities: list(communities),
          reachableRegions: list(regions).map((r) => r.toLowerCase()),
          supportAreas: [...form.querySelectorAll('input[name="supportAreas"]:checked')].map((i) => i.value),
        });
        announce(t('volunteer.profile.saved'));
        await load('#profile-title');
      } catch (err) {
        submit.disabled = false;
        showProblem(form, err, alertEl);
      }
    });
    return h('section', { class: 'card', 'aria-labelledby': 'profile-title', id: 'profile', 'data-has-profile': String(!!p) },
      h('h2', { id: 'profile-title', tabindex: '-1', text: t('volunteer.profile.title') }),
      h('p', { class: p ? 'hint' : 'notice', id: 'profile-status', text: p ? t('volunteer.profile.lead') : t('volunteer.profile.missing') }),
      form);
  }

  // ---- side column ----
  function loadSection(v, assignments) {
    const active = assignments ? assignments.filter((a) => a.state === 'ACTIVE').length : null;
    return h('section', { class: 'card', 'aria-labelledby': 'load-title', id: 'load' },
      h('h2', { id: 'load-title', text: t('volunteer.loadTitle') }),
      h('p', { id: 'volunteer-load', text: t('volunteer.loadText', { active: active ?? 0, max: v.maxClients, hours: v.hoursPerMonth }) }),
      assignments === null ? h('p', { class: 'hint', text: t('volunteer.clientsUnavailable') })
        : assignments.length === 0 ? h('p', { class: 'empty', text: t('volunteer.noClients') })
          : h('ul', { class: 'plain-list', id: 'client-list' }, assignments.map((a) => h('li', {},
            h('bdi', { class: 'pseudonym', text: a.clientPseudonym || '' }), ' – ',
            t(ASSIGNMENT_KEYS[a.state] || 'volunteer.assignment.ACTIVE'),
            a.activatedAt ? ` (${t('volunteers.since', { when: date(a.activatedAt) })})` : ''))));
  }

  function supervisionSection(s) {
    const sessions = s?.sessions || [];
    return h('section', { class: 'card', 'aria-labelledby': 'supervision-title', id: 'supervision' },
      h('h2', { id: 'supervision-title', text: t('volunteer.supervisionTitle') }),
      s?.overdue ? h('p', { class: 'badge badge-overdue', id: 'supervision-overdue',
        text: t('volunteer.supervisionOverdue', { days: s.daysWithout, weeks: s.maxGapWeeks }) }) : null,
      h('p', { class: 'hint', text: s?.lastSupervisionAt
        ? t('volunteer.supervisionLast', { when: date(s.lastSupervisionAt) }) : t('volunteer.supervisionNever') }),
      sessions.length ? h('ul', { class: 'plain-list', id: 'supervision-list' }, sessions.map((x) => h('li', {},
        `${dateTime(x.heldAt)} · ${x.kind === 'GROUP' ? t('supervision.kind.GROUP') : t('supervision.kind.INDIVIDUAL')} · ${t('supervision.minutes', { minutes: x.minutes })}`))) : null);
  }

  function application(v) {
    const slots = (v.availability || []).map((s) => `${t(DAY_KEYS[s.day] || 'volunteer.day.MONDAY')} ${t(PART_KEYS[s.part] || 'volunteer.part.EVENING')}`);
    const row = (label, value) => (value === null || value === undefined || value === '' ? null
      : h('div', { class: 'fact' }, h('dt', { text: label }), h('dd', {}, value)));
    return h('section', { class: 'card', 'aria-labelledby': 'application-title', id: 'application' },
      h('h2', { id: 'application-title', text: t('volunteer.applicationTitle') }),
      h('dl', { class: 'facts' },
        row(t('volunteer.appliedAt'), date(v.appliedAt)),
        row(t('volunteer.email'), v.email ? h('a', { href: `mailto:${v.email}`, dir: 'ltr', text: v.email }) : null),
        row(t('volunteer.phone'), v.phone ? h('a', { href: `tel:${v.phone.replace(/[^0-9+]/g, '')}`, dir: 'ltr', text: v.phone }) : null),
        row(t('volunteer.languages'), (v.languages || []).map(languageName).join(', ')),
        row(t('volunteer.region'), [regionName(v.region), v.municipality].filter(Boolean).join(' · ')),
        row(t('volunteer.availability'), slots.join(', ')),
        row(t('volunteer.availabilityNote'), v.availabilityNote),
        row(t('volunteer.hours'), t('volunteer.hoursValue', { hours: v.hoursPerMonth, max: v.maxClients })),
        row(t('volunteer.digital'), v.digitalSupport ? t('volunteer.yes') : t('volunteer.no')),
        row(t('volunteer.motivationText'), v.motivation),
        row(t('volunteer.consent'), t('volunteer.consentValue', { version: v.consentTextVersion, when: date(v.consentAt) }))));
  }

  function historySection(history) {
    return h('section', { class: 'card', 'aria-labelledby': 'history-title', id: 'history' },
      h('h2', { id: 'history-title', text: t('volunteer.historyTitle') }),
      h('ol', { class: 'plain-list history' }, history.slice().reverse().map((x) => h('li', {},
        h('p', { class: 'record-title' }, h('strong', { text: stateLabel(x.to) }), ` · ${dateTime(x.at)}`),
        x.reason ? h('p', { class: 'free-text', text: x.reason }) : null))));
  }

  load();
  return () => controller.abort();
}
