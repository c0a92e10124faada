// Handledning: who is overdue (active volunteers without supervision for longer than the organisation's
// limit), the sessions of the last year with a new one, and an attendance sheet per session
// (#/supervision/<id>) listing the volunteers in the role, one click per person.
import { h, replace } from '../../app/view.js';
import { dateTime, t } from '../i18n.js';
import { api } from '../session.js';
import { clearErrors, date, fieldError, fieldGroup, formField, instantOf, showProblem } from '../board.js';
import { attendanceRow } from './training.js';

const KIND_KEYS = { GROUP: 'supervision.kind.GROUP', INDIVIDUAL: 'supervision.kind.INDIVIDUAL' };

export function render(main, ctx) {
  const id = location.hash.split('/')[2];
  const controller = new AbortController();
  const get = (path) => api('GET', path, undefined, { signal: controller.signal });
  const section = h('section', { class: 'screen supervision', id: 'supervision-screen' });
  replace(main, section);
  if (id) sheet(section, ctx, get, decodeURIComponent(id));
  else overview(section, ctx, get);
  return () => controller.abort();
}

function overview(section, { announce }, get) {
  const overdue = h('div', { id: 'overdue' });
  const sessions = h('div', { id: 'supervision-sessions' });
  const error = h('p', { class: 'alert', role: 'alert' });
  replace(section,
    h('h1', { tabindex: '-1', text: t('supervision.title') }),
    h('p', { class: 'lead', text: t('supervision.lead') }),
    error,
    h('section', { class: 'card overdue-card', 'aria-labelledby': 'overdue-title' },
      h('h2', { id: 'overdue-title', text: t('supervision.overdueTitle') }), overdue),
    h('div', { class: 'columns' },
      h('section', { class: 'card', 'aria-labelledby': 'sessions-title' },
        h('h2', { id: 'sessions-title', text: t('supervision.sessionsTitle') }), sessions),
      h('section', { class: 'card', 'aria-labelledby': 'new-session-title' },
        h('h2', { id: 'new-session-title', text: t('supervision.newSession') }), form())));

  async function load() {
    try {
      const [report, list] = await Promise.all([get('/api/recruiting/supervision/overdue'), get('/api/recruiting/supervision-sessions')]);
      const late = report.volunteers || [];
      replace(overdue,
        h('p', { class: 'hint', text: t('supervision.overdueRule', { weeks: report.maxGapWeeks }) }),
        late.length === 0 ? h('p', { class: 'empty', id: 'overdue-none', text: t('supervision.noneOverdue') })
          : h('ul', { class: 'items', id: 'overdue-list' }, late.map((v) => h('li', { class: 'item item-overdue', 'data-volunteer': v.volunteerId },
            h('div', {},
              h('p', { class: 'item-title' }, h('a', { href: `#/volunteers/${v.volunteerId}` }, h('bdi', { text: v.name }))),
              h('p', { class: 'item-meta', text: v.lastSupervisionAt
                ? t('supervision.lastAt', { when: date(v.lastSupervisionAt) }) : t('supervision.never', { when: date(v.since) }) })),
            h('p', { class: 'badge badge-overdue', text: t('supervision.daysWithout', { days: v.daysWithout }) })))));
      replace(sessions, (list || []).length === 0 ? h('p', { class: 'empty', text: t('supervision.noSessions') })
        : h('table', { class: 'table', id: 'supervision-table' },
          h('caption', { class: 'visually-hidden', text: t('supervision.sessionsTitle') }),
          h('thead', {}, h('tr', {}, [t('supervision.heldAt'), t('supervision.kindLabel'), t('supervision.minutesLabel'), t('supervision.attendees')]
            .map((c) => h('th', { scope: 'col', text: c })))),
          h('tbody', {}, list.map((s) => h('tr', { 'data-session': s.id },
            h('th', { scope: 'row' }, h('a', { href: `#/supervision/${s.id}`, text: dateTime(s.heldAt) })),
            h('td', { text: t(KIND_KEYS[s.kind]) }), h('td', { text: String(s.minutes) }), h('td', { text: String(s.attendees) }))))));
    } catch {
      error.textContent = t('volunteers.error.load');
    }
  }

  function form() {
    const heldAt = h('input', { type: 'datetime-local' });
    const minutes = h('input', { type: 'number', min: '15', max: '480', step: '15', value: '90', inputmode: 'numeric' });
    const kinds = fieldGroup(t('supervision.kindLabel'), 'kind', h('div', { class: 'choices-inline' },
      ['GROUP', 'INDIVIDUAL'].map((k) => h('div', { class: 'choice' },
        h('input', { type: 'radio', name: 'kind', id: `sup-kind-${k}`, value: k, checked: k === 'GROUP' }),
        h('label', { for: `sup-kind-${k}`, text: t(KIND_KEYS[k]) })))));
    const alertEl = h('p', { class: 'alert', role: 'alert', tabindex: '-1' });
    const submit = h('button', { type: 'submit', class: 'btn', id: 'supervision-submit', text: t('supervision.create') });
    const f = h('form', { id: 'supervision-form', novalidate: true },
      formField(t('supervision.heldAt'), heldAt, { name: 'heldAt' }), kinds,
      formField(t('supervision.minutesLabel'), minutes, { name: 'minutes' }), alertEl, submit);
    f.addEventListener('submit', async (e) => {
      e.preventDefault();
      clearErrors(f);
      alertEl.textContent = '';
      let bad = null;
      if (!heldAt.value) bad = fieldError(f, 'heldAt', t('supervision.error.heldAt'));
      const m = Number(minutes.value);
      if (!Number.isInteger(m) || m < 15 || m > 480) bad = bad || fieldError(f, 'minutes', t('supervision.error.minutes'));
      if (bad) { bad.focus(); return; }
      submit.disabled = true;
      try {
        const s = await api('POST', '/api/recruiting/supervision-sessions', {
          heldAt: instantOf(heldAt.value), kind: f.querySelector('input[name="kind"]:checked').value, minutes: m,
        });
        announce(t('supervision.created'));
        location.hash = `#/supervision/${s.id}`;
      } catch (err) {
        submit.disabled = false;
        showProblem(f, err, alertEl);
      }
    });
    return f;
  }

  load();
}

async function sheet(section, { announce }, get, id) {
  const heading = h('h1', { tabindex: '-1', text: t('supervision.sheetTitle') });
  const body = h('div', {});
  const error = h('p', { class: 'alert', role: 'alert' });
  replace(section, h('p', { class: 'back' }, h('a', { href: '#/supervision', text: t('supervision.back') })), heading, error, body);
  try {
    const [s, inRole] = await Promise.all([
      get(`/api/recruiting/supervision-sessions/${id}`),
      get('/api/recruiting/volunteers?state=APPROVED,ACTIVE,PAUSED&sort=name&size=500'),
    ]);
    heading.textContent = t('supervision.sheetHeading', { kind: t(KIND_KEYS[s.kind]), when: dateTime(s.heldAt) });
    const present = new Set((s.attendees || []).map((a) => a.volunteerId));
    const people = inRole.map((v) => ({ volunteerId: v.id, name: v.name, present: present.has(v.id) }));
    for (const a of s.attendees || []) if (!people.some((p) => p.volunteerId === a.volunteerId)) people.push({ ...a, present: true });
    replace(body,
      h('p', { class: 'lead', text: t('supervision.sheetLead', { minutes: s.minutes }) }),
      new Date(s.heldAt) > new Date() ? h('p', { class: 'notice', text: t('supervision.sheetFuture') }) : null,
      people.length === 0 ? h('p', { class: 'empty', text: t('supervision.nobody') })
        : h('ul', { class: 'sheet', id: 'attendance-sheet', 'aria-label': t('supervision.sheetTitle') },
          people.map((p) => attendanceRow(p, () => `/api/recruiting/supervision-sessions/${id}/attendance/${p.volunteerId}`, announce))));
  } catch (e) {
    if (e?.status === 404) heading.textContent = t('notFound.title');
    else error.textContent = t('volunteers.error.load');
  }
  heading.focus();
}
