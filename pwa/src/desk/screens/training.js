// Utbildning: cohorts (with a new one, weekly sessions scheduled from a first date), and for a cohort
// (#/training/cohort/<id>) its members' completion and its sessions as a list by week; make-up sessions
// (#/training); an attendance sheet per session (#/training/session/<id>), one click per person
// (PUT /api/recruiting/training-sessions/{id}/attendance/{volunteerId}).
import { h, replace } from '../../app/view.js';
import { dateTime, t } from '../i18n.js';
import { api } from '../session.js';
import { clearErrors, date, fieldError, formField, instantOf, refusalText, showProblem, stateLabel } from '../board.js';

export function render(main, ctx) {
  const [, , kind, id] = location.hash.split('/');
  const controller = new AbortController();
  const get = (path) => api('GET', path, undefined, { signal: controller.signal });
  const section = h('section', { class: 'screen training', id: 'training-screen' });
  replace(main, section);
  if (kind === 'cohort' && id) cohortView(section, ctx, get, decodeURIComponent(id));
  else if (kind === 'session' && id) sessionView(section, ctx, get, decodeURIComponent(id));
  else overview(section, ctx, get);
  return () => controller.abort();
}

function back(href, key) {
  return h('p', { class: 'back' }, h('a', { href, text: t(key) }));
}

function sessionRows(sessions) {
  // A list by week: the calendar's information, readable by a screen reader as one table.
  return h('table', { class: 'table', id: 'session-table' },
    h('caption', { class: 'visually-hidden', text: t('training.sessionsTitle') }),
    h('thead', {}, h('tr', {}, [t('training.when'), t('training.theme'), t('training.present'), t('training.sheet')]
      .map((c) => h('th', { scope: 'col', text: c })))),
    h('tbody', {}, sessions.map((s) => h('tr', { 'data-session': s.id, 'data-past': String(new Date(s.startsAt) <= new Date()) },
      h('td', { text: dateTime(s.startsAt) }),
      h('th', { scope: 'row' }, s.themeTitle || '', s.makeUp ? h('span', { class: 'hint', text: ` (${t('training.makeUp')})` }) : null),
      h('td', { text: String(s.present) }),
      h('td', {}, h('a', { href: `#/training/session/${s.id}` }, t('training.openSheet'),
        h('span', { class: 'visually-hidden', text: ` – ${s.themeTitle || ''}, ${dateTime(s.startsAt)}` })))))));
}

function overview(section, { announce }, get) {
  const list = h('div', { id: 'cohort-list' });
  const makeUpSlot = h('div', {});
  const makeUps = h('div', { id: 'makeup-list' });
  const error = h('p', { class: 'alert', role: 'alert' });
  replace(section,
    h('h1', { tabindex: '-1', text: t('training.title') }),
    h('p', { class: 'lead', text: t('training.lead') }),
    error,
    h('div', { class: 'columns' },
      h('section', { class: 'card', 'aria-labelledby': 'cohorts-title' },
        h('h2', { id: 'cohorts-title', tabindex: '-1', text: t('training.cohortsTitle') }), list),
      h('section', { class: 'card', 'aria-labelledby': 'new-cohort-title' },
        h('h2', { id: 'new-cohort-title', text: t('training.newCohort') }), cohortForm())),
    h('div', { class: 'columns' },
      h('section', { class: 'card', 'aria-labelledby': 'makeups-title' },
        h('h2', { id: 'makeups-title', tabindex: '-1', text: t('training.makeUpsTitle') }), makeUps),
      h('section', { class: 'card', 'aria-labelledby': 'new-makeup-title' },
        h('h2', { id: 'new-makeup-title', text: t('training.newMakeUp') }), makeUpSlot)));
  makeUpForm().then((form) => replace(makeUpSlot, form));

  async function load() {
    try {
      const [cohorts, sessions] = await Promise.all([get('/api/recruiting/cohorts'), get('/api/recruiting/make-up-sessions')]);
      replace(list, cohorts.length === 0 ? h('p', { class: 'empty', text: t('training.noCohorts') })
        : h('table', { class: 'table', id: 'cohort-table' },
          h('caption', { class: 'visually-hidden', text: t('training.cohortsTitle') }),
          h('thead', {}, h('tr', {}, [t('training.cohortName'), t('training.startsOn'), t('training.members'), t('training.sessions')]
            .map((c) => h('th', { scope: 'col', text: c })))),
          h('tbody', {}, cohorts.map((c) => h('tr', { 'data-cohort': c.id },
            h('th', { scope: 'row' }, h('a', { href: `#/training/cohort/${c.id}`, text: c.name })),
            h('td', { text: c.startsOn ? date(c.startsOn) : '' }), h('td', { text: String(c.members) }), h('td', { text: String(c.sessions) }))))));
      replace(makeUps, (sessions || []).length === 0 ? h('p', { class: 'empty', text: t('training.noMakeUps') }) : sessionRows(sessions));
    } catch {
      error.textContent = t('volunteers.error.load');
    }
  }

  function cohortForm() {
    const name = h('input', { type: 'text', maxlength: '100', autocomplete: 'off' });
    const startsOn = h('input', { type: 'date' });
    const first = h('input', { type: 'datetime-local' });
    const alertEl = h('p', { class: 'alert', role: 'alert', tabindex: '-1' });
    const submit = h('button', { type: 'submit', class: 'btn', id: 'cohort-submit', text: t('training.createCohort') });
    const form = h('form', { id: 'cohort-form', novalidate: true },
      formField(t('training.cohortName'), name, { name: 'name' }),
      formField(t('training.startsOn'), startsOn, { name: 'startsOn' }),
      formField(t('training.firstSessionAt'), first, { name: 'firstSessionAt', hint: t('training.firstSessionHint') }),
      alertEl, submit);
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      clearErrors(form);
      alertEl.textContent = '';
      if (!name.value.trim()) { fieldError(form, 'name', t('training.error.name')).focus(); return; }
      submit.disabled = true;
      try {
        const c = await api('POST', '/api/recruiting/cohorts', {
          name: name.value.trim(), startsOn: startsOn.value || null, firstSessionAt: instantOf(first.value),
        });
        announce(t('training.cohortCreated', { name: c.name }));
        location.hash = `#/training/cohort/${c.id}`;
      } catch (err) {
        submit.disabled = false;
        showProblem(form, err, alertEl);
      }
    });
    return form;
  }

  async function makeUpForm() {
    let themes = [];
    try { themes = await get('/api/recruiting/curriculum'); } catch { themes = []; }
    const theme = h('select', {}, themes.map((x) => h('option', { value: x.id, text: x.title })));
    const startsAt = h('input', { type: 'datetime-local' });
    const minutes = h('input', { type: 'number', min: '15', max: '600', step: '15', inputmode: 'numeric' });
    const alertEl = h('p', { class: 'alert', role: 'alert', tabindex: '-1' });
    const submit = h('button', { type: 'submit', class: 'btn', id: 'makeup-submit', text: t('training.createMakeUp') });
    const form = h('form', { id: 'makeup-form', novalidate: true },
      formField(t('training.theme'), theme, { name: 'themeId' }),
      formField(t('training.startsAt'), startsAt, { name: 'startsAt' }),
      formField(t('training.minutes'), minutes, { name: 'minutes', hint: t('training.minutesHint') }),
      alertEl, submit);
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      clearErrors(form);
      alertEl.textContent = '';
      let bad = null;
      if (!theme.value) bad = fieldError(form, 'themeId', t('training.error.theme'));
      if (!startsAt.value) bad = bad || fieldError(form, 'startsAt', t('training.error.startsAt'));
      const m = minutes.value ? Number(minutes.value) : null;
      if (m !== null && (!Number.isInteger(m) || m < 15 || m > 600)) bad = bad || fieldError(form, 'minutes', t('training.error.minutes'));
      if (bad) { bad.focus(); return; }
      submit.disabled = true;
      try {
        const s = await api('POST', '/api/recruiting/make-up-sessions', { themeId: theme.value, startsAt: instantOf(startsAt.value), minutes: m });
        announce(t('training.makeUpCreated'));
        location.hash = `#/training/session/${s.id}`;
      } catch (err) {
        submit.disabled = false;
        showProblem(form, err, alertEl);
      }
    });
    return form;
  }

  load();
}

async function cohortView(section, ctx, get, id) {
  const heading = h('h1', { tabindex: '-1', text: t('training.title') });
  const body = h('div', {});
  const error = h('p', { class: 'alert', role: 'alert' });
  replace(section, back('#/training', 'training.back'), heading, error, body);
  try {
    const c = await get(`/api/recruiting/cohorts/${id}`);
    heading.textContent = c.name;
    document.title = `${c.name} – Bredvid`;
    const themes = await get('/api/recruiting/curriculum').catch(() => []);
    const members = c.members || [];
    replace(body,
      h('p', { class: 'lead', text: c.startsOn ? t('training.cohortStarts', { when: date(c.startsOn) }) : '' }),
      h('div', { class: 'columns' },
        h('section', { class: 'card', 'aria-labelledby': 'members-title' },
          h('h2', { id: 'members-title', text: t('training.membersTitle') }),
          members.length === 0 ? h('p', { class: 'empty', text: t('training.noMembers') })
            : h('table', { class: 'table', id: 'member-table' },
              h('caption', { class: 'visually-hidden', text: t('training.membersTitle') }),
              h('thead', {}, h('tr', {}, [t('training.name'), t('training.state'), t('training.completion')].map((x) => h('th', { scope: 'col', text: x })))),
              h('tbody', {}, members.map((m) => h('tr', { 'data-member': m.volunteerId, 'data-complete': String(m.complete) },
                h('th', { scope: 'row' }, h('a', { href: `#/volunteers/${m.volunteerId}` }, h('bdi', { text: m.name }))),
                h('td', { text: stateLabel(m.state) }),
                h('td', {}, m.complete ? h('span', { class: 'badge badge-ok', text: t('training.complete') }) : null,
                  ` ${t('training.themesOf', { covered: m.themesCovered, total: themes.length })}`)))))),
        h('section', { class: 'card', 'aria-labelledby': 'sessions-title' },
          h('h2', { id: 'sessions-title', text: t('training.sessionsTitle') }),
          (c.sessions || []).length === 0 ? h('p', { class: 'empty', text: t('training.noSessions') }) : sessionRows(c.sessions))));
  } catch (e) {
    if (e?.status === 404) heading.textContent = t('notFound.title');
    else error.textContent = t('volunteers.error.load');
  }
  heading.focus();
}

async function sessionView(section, { announce }, get, id) {
  const heading = h('h1', { tabindex: '-1', text: t('training.sheetTitle') });
  const body = h('div', {});
  const error = h('p', { class: 'alert', role: 'alert' });
  replace(section, h('p', { class: 'back', id: 'sheet-back' }), heading, error, body);
  try {
    const s = await get(`/api/recruiting/training-sessions/${id}`);
    replace(section.querySelector('#sheet-back'), h('a', {
      href: s.cohortId ? `#/training/cohort/${s.cohortId}` : '#/training', text: t(s.cohortId ? 'training.backToCohort' : 'training.back'),
    }));
    heading.textContent = t('training.sheetHeading', { theme: s.themeTitle, when: dateTime(s.startsAt) });
    let people = s.attendees || [];
    if (!s.cohortId) {
      // A make-up session: anyone in training may come; those already marked stay on the sheet.
      const inTraining = await get('/api/recruiting/volunteers?state=IN_TRAINING,TRAINED&sort=name&size=500').catch(() => []);
      const known = new Set(people.map((p) => p.volunteerId));
      people = people.concat(inTraining.filter((v) => !known.has(v.id)).map((v) => ({ volunteerId: v.id, name: v.name, present: false })));
    }
    const future = new Date(s.startsAt) > new Date();
    replace(body,
      h('p', { class: 'lead', text: t('training.sheetLead', { minutes: s.minutes }) }),
      future ? h('p', { class: 'notice', text: t('training.sheetFuture') }) : null,
      people.length === 0 ? h('p', { class: 'empty', text: t('training.noMembers') })
        : h('ul', { class: 'sheet', id: 'attendance-sheet', 'aria-label': t('training.sheetTitle') },
          people.map((p) => attendanceRow(p, () => `/api/recruiting/training-sessions/${id}/attendance/${p.volunteerId}`, announce))));
  } catch (e) {
    if (e?.status === 404) heading.textContent = t('notFound.title');
    else error.textContent = t('volunteers.error.load');
  }
  heading.focus();
}

/**
 * One person on an attendance sheet: a toggle button (aria-pressed), one click marks present or absent.
 * The button shows the new state only when the server has confirmed; a refusal is shown beside it.
 */
export function attendanceRow(p, pathOf, announce) {
  const alertEl = h('p', { class: 'alert', role: 'alert' });
  // The name stays the same and aria-pressed carries the state (a toggle button); the look follows it.
  const button = h('button', { type: 'button', class: 'btn btn-attend', 'data-volunteer': p.volunteerId },
    t('training.presentYes'), h('span', { class: 'visually-hidden', text: ` – ${p.name}` }));
  const set = (present) => button.setAttribute('aria-pressed', String(present));
  set(!!p.present);
  button.addEventListener('click', async () => {
    const want = button.getAttribute('aria-pressed') !== 'true';
    alertEl.textContent = '';
    button.disabled = true;
    try {
      await api('PUT', pathOf(want), { present: want });
      set(want);
      announce(want ? t('training.markedPresent', { name: p.name }) : t('training.markedAbsent', { name: p.name }));
    } catch (err) {
      alertEl.textContent = refusalText(err);
    } finally {
      button.disabled = false;
      button.focus();
    }
  });
  return h('li', { class: 'sheet-row', 'data-person': p.volunteerId },
    h('span', { class: 'sheet-name' }, h('bdi', { text: p.name })), button, alertEl);
}
