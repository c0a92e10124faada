// Check-ins as both phones see them: the schedule the two agree (either proposes, the other agrees), the
// next check-in once agreed; and on the kontaktperson's phone every answer received (a small trend of mood
// and felt safety, drawn here, with the same figures as a table) and the check-ins that were missed.
import { language, t } from '../i18n.js';
import * as events from '../events.js';
import * as session from '../session.js';
import { choices, field, h, replace } from '../view.js';
import { FEEL_SAFE, MOODS, STATUS } from './checkin.js';
import { alertBox, call, facts, formatTime, problemText, screen, select } from './common.js';

const GRACE_MINUTES = [60, 120, 720, 1440];

function weekday(n) {
  // 2024-01-01 was a Monday.
  return new Intl.DateTimeFormat(language(), { weekday: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(2024, 0, n)));
}

/** The schedule in plain words. */
export function describeSchedule(s) {
  return s.kind === 'WEEKLY'
    ? t('checkins.weekly', { day: weekday(s.dayOfWeek), time: s.timeOfDay })
    : t('checkins.everyDays', { n: s.everyDays, time: s.timeOfDay });
}

/** The conversation these check-ins belong to: the chosen client's, or the client's only one. */
async function conversationId() {
  const chosen = session.chosenConversation();
  if (chosen) return chosen.id;
  const all = await call('GET', '/api/conversations');
  return all?.[0]?.id || null;
}

async function loadSchedule(id) {
  try {
    return await call('GET', `/api/conversations/${id}/checkin-schedule`);
  } catch (e) {
    if (e?.status === 404) return null;
    throw e;
  }
}

function scheduleSection(id, me, app) {
  const body = h('div', { id: 'schedule-body' });
  const status = alertBox('schedule-error');
  async function draw() {
    let s;
    try {
      s = await loadSchedule(id);
    } catch (e) {
      replace(body, h('p', { text: problemText(e) }));
      return;
    }
    const lines = [];
    if (!s) {
      lines.push(h('p', { id: 'schedule-state', text: t('checkins.none') }));
    } else {
      lines.push(h('p', { id: 'schedule-text', text: describeSchedule(s) }));
      if (s.state === 'AGREED') {
        lines.push(h('p', { id: 'schedule-state', 'data-state': 'agreed',
          text: t('checkins.agreedNext', { when: formatTime(Date.parse(s.nextDueAt)) }) }));
      } else if (s.proposedBy === me) {
        lines.push(h('p', { id: 'schedule-state', 'data-state': 'waiting', text: t('checkins.waitingForOther') }));
      } else {
        lines.push(h('p', { id: 'schedule-state', 'data-state': 'proposed', text: t('checkins.proposedByOther') }),
          h('button', { type: 'button', class: 'btn btn-primary', id: 'schedule-agree', text: t('checkins.agree'),
            onclick: async () => {
              try {
                await call('POST', `/api/conversations/${id}/checkin-schedule/agree`);
                app.announce(t('checkins.agreed'));
                draw();
              } catch (e) {
                status.textContent = problemText(e);
              }
            } }));
      }
    }
    replace(body, lines, proposeForm(s));
  }
  function proposeForm(current) {
    const day = select('schedule-day', [1, 2, 3, 4, 5, 6, 7].map((n) => ({ value: n, label: weekday(n) })), current?.dayOfWeek || 1);
    const every = h('input', { id: 'schedule-every', type: 'number', min: '1', max: '90', inputmode: 'numeric', value: String(current?.everyDays || 3) });
    const time = h('input', { id: 'schedule-time', type: 'time', value: current?.timeOfDay || '18:00', required: true });
    const grace = select('schedule-grace', GRACE_MINUTES.map((m) => ({ value: m, label: t('checkins.graceOption', { h: m / 60 }) })),
      current?.graceMinutes && GRACE_MINUTES.includes(current.graceMinutes) ? current.graceMinutes : 120);
    const kind = choices(t('checkins.kind'), 'schedule-kind', [
      { value: 'WEEKLY', label: t('checkins.kindWeekly') }, { value: 'EVERY_N_DAYS', label: t('checkins.kindEvery') },
    ], { checked: current?.kind || 'WEEKLY' });
    return h('details', { class: 'card', id: 'schedule-propose' },
      h('summary', { text: current ? t('checkins.proposeChange') : t('checkins.propose') }),
      h('form', { novalidate: true, onsubmit: async (event) => {
        event.preventDefault();
        const k = event.target.querySelector('input[name="schedule-kind"]:checked')?.value || 'WEEKLY';
        const n = Number(every.value);
        if (k === 'EVERY_N_DAYS' && !(Number.isInteger(n) && n >= 1 && n <= 90)) {
          status.textContent = t('checkins.everyInvalid');
          every.focus();
          return;
        }
        const body = { kind: k, timeOfDay: time.value, zone: 'Europe/Stockholm', graceMinutes: Number(grace.value) };
        if (k === 'WEEKLY') body.dayOfWeek = Number(day.value);
        else body.everyDays = n;
        try {
          await call('PUT', `/api/conversations/${id}/checkin-schedule`, body);
          app.announce(t('checkins.proposed'));
          status.textContent = '';
          draw();
        } catch (e) {
          status.textContent = problemText(e, { timeOfDay: t('checkins.time'), everyDays: t('checkins.every'), dayOfWeek: t('checkins.day') });
        }
      } },
      kind,
      field(t('checkins.day'), day),
      field(t('checkins.every'), every),
      field(t('checkins.time'), time),
      field(t('checkins.grace'), grace, t('checkins.graceHint')),
      h('button', { type: 'submit', class: 'btn btn-primary', id: 'schedule-submit', text: t('checkins.send') })));
  }
  draw();
  return h('section', { class: 'card', 'aria-labelledby': 'schedule-title' },
    h('h2', { id: 'schedule-title', text: t('checkins.schedule') }), status, body);
}

/** Mood and felt safety over the last answers, as a small line chart with the figures beside it. */
function trend(answers) {
  const points = answers.filter((a) => a.mood != null || a.safety != null).slice(-10);
  if (points.length < 2) return null;
  const w = 300;
  const hgt = 100;
  const x = (i) => 10 + (i * (w - 20)) / (points.length - 1);
  const y = (v) => hgt - 10 - ((v - 1) * (hgt - 20)) / 4;
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', `0 0 ${w} ${hgt}`);
  svg.setAttribute('class', 'trend');
  svg.setAttribute('aria-hidden', 'true');
  for (const [key, cls] of [['mood', 'trend-mood'], ['safety', 'trend-safety']]) {
    const path = points.map((p, i) => (p[key] == null ? null : `${x(i)},${y(p[key])}`)).filter(Boolean).join(' ');
    const line = document.createElementNS(ns, 'polyline');
    line.setAttribute('points', path);
    line.setAttribute('class', cls);
    svg.append(line);
  }
  const label = (list, v) => (v == null ? '–' : t(list.find((o) => o.value === v)?.key || '') || String(v));
  return h('figure', { class: 'trend-figure' },
    svg,
    h('figcaption', { text: t('checkins.trendCaption') }),
    h('table', { class: 'trend-table' },
      h('thead', null, h('tr', null, h('th', { scope: 'col', text: t('checkins.when') }),
        h('th', { scope: 'col', text: t('checkin.mood') }), h('th', { scope: 'col', text: t('checkin.feelSafe') }))),
      h('tbody', null, points.map((p) => h('tr', null, h('td', { text: formatTime(p.at) }),
        h('td', { text: label(MOODS, p.mood) }), h('td', { text: label(FEEL_SAFE, p.safety) }))))));
}

function receivedSection(id) {
  const answers = session.currentVault().list('message').map((r) => r.data)
    .filter((m) => m.kind === 'checkin' && m.conversationId === id).sort((a, b) => a.at - b.at);
  const status = (v) => t(STATUS.find((s) => s.value === v)?.key || '');
  return h('section', { class: 'card', 'aria-labelledby': 'received-title' },
    h('h2', { id: 'received-title', text: t('checkins.received') }),
    answers.length ? [trend(answers), h('ul', { class: 'checkin-list', id: 'received-list' }, answers.slice().reverse().map((a) =>
      h('li', { class: a.status === 'NEED_HELP' ? 'checkin-row msg-alert' : 'checkin-row' },
        facts([[t('checkins.when'), formatTime(a.at)], [t('checkin.safety'), status(a.status)]]))))]
      : h('p', { id: 'received-none', text: t('checkins.receivedNone') }));
}

function missedSection(id) {
  const list = h('ul', { class: 'checkin-list', id: 'missed-list' });
  const none = h('p', { id: 'missed-none', text: t('checkins.missedNone') });
  call('GET', `/api/conversations/${id}/checkins`).then((all) => {
    const missed = (all || []).filter((c) => c.status === 'MISSED');
    if (!missed.length) return;
    none.remove();
    replace(list, missed.map((c) => h('li', { text: t('checkins.missedAt', { when: formatTime(Date.parse(c.dueAt)) }) })));
  }).catch(() => {});
  return h('section', { class: 'card', 'aria-labelledby': 'missed-title' },
    h('h2', { id: 'missed-title', text: t('checkins.missed') }), none, list);
}

export function render(app) {
  const device = session.currentDevice();
  const volunteer = device?.kind === 'VOLUNTEER';
  const chosen = session.chosenConversation();
  const content = h('div', { id: 'checkins-content' });
  let unlisten = null;
  conversationId().then((id) => {
    if (!id) {
      replace(content, h('p', { id: 'checkins-no-contact', text: t(volunteer ? 'checkins.chooseClient' : 'checkins.noContact') }));
      return;
    }
    const me = volunteer ? 'VOLUNTEER' : 'CLIENT';
    // Answers arrive while the screen is open: the received list is drawn again on every change.
    const received = h('div', { id: 'received-slot' }, volunteer && receivedSection(id));
    if (volunteer) unlisten = events.onChange(() => { if (session.currentVault()) replace(received, receivedSection(id)); });
    replace(content, scheduleSection(id, me, app),
      volunteer && received,
      volunteer && missedSection(id),
      !volunteer && h('button', { type: 'button', class: 'btn', id: 'answer-checkin', onclick: () => app.go('checkin'), text: t('home.answerCheckin') }));
  }).catch((e) => replace(content, h('p', { text: problemText(e) })));
  const node = screen(volunteer && chosen ? t('checkins.titleWith', { name: chosen.pseudonym }) : t('checkins.title'),
    t(volunteer ? 'checkins.introVolunteer' : 'checkins.introClient'), content);
  node.cleanup = () => unlisten?.();
  return node;
}
