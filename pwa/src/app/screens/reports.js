// The kontaktperson's time reports for arvode and omkostnadsersättning: contacts, hours and expenses per
// insats and month; the handläggare approves or returns with a comment, and a returned report is corrected
// here. Amounts are shown the Swedish way (1,5; 120,50 kr) and typed that way too; JSON carries numbers.
import { language, t, tl } from '../i18n.js';
import { field, h, replace } from '../view.js';
import { alertBox, call, facts, problemText, screen, todayInSweden } from './common.js';

export const STATES = { SUBMITTED: tl('reports.SUBMITTED'), APPROVED: tl('reports.APPROVED'), RETURNED: tl('reports.RETURNED') };

const SV = new Intl.NumberFormat('sv-SE', { maximumFractionDigits: 2 });
const SEK = new Intl.NumberFormat('sv-SE', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
export const formatNumber = (n) => SV.format(Number(n));
const formatAmount = (n) => t('reports.amount', { amount: SEK.format(Number(n)) });

/**
 * A non-negative decimal with at most two decimals as typed on a phone: "1,5", "1.5", "1 234,50", and
 * Arabic-Indic or Persian digits; null for anything else.
 */
export function parseDecimal(text) {
  const s = String(text ?? '')
    .replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660))
    .replace(/[\u06f0-\u06f9]/g, (d) => String(d.charCodeAt(0) - 0x06f0))
    .replace(/[\s\u00a0\u202f]/g, '').replace(/[,\u066b]/, '.');
  return /^\d{1,7}(\.\d{1,2})?$/.test(s) ? Number(s) : null;
}

function formatMonth(month) {
  try {
    return new Intl.DateTimeFormat(language(), { year: 'numeric', month: 'long', timeZone: 'UTC' })
      .format(new Date(`${month}-15T12:00:00Z`));
  } catch {
    return month;
  }
}

/** The months one may report for: inside the period and not after this month, newest first. */
function months(insats) {
  const now = todayInSweden().slice(0, 7);
  const last = insats?.periodEnd && insats.periodEnd.slice(0, 7) < now ? insats.periodEnd.slice(0, 7) : now;
  let [y, m] = last.split('-').map(Number);
  const first = insats?.periodStart?.slice(0, 7) || `${y - 1}-${String(m).padStart(2, '0')}`;
  const out = [];
  for (let month = last; month >= first && out.length < 24; month = `${y}-${String(m).padStart(2, '0')}`) {
    out.push(month);
    m -= 1;
    if (m === 0) { m = 12; y -= 1; }
  }
  return out;
}

function reportItem(app, r) {
  const returned = r.state === 'RETURNED';
  return h('li', { class: 'card', 'data-report': r.id, 'data-state': r.state },
    h('h2', { text: t('reports.heading', { month: formatMonth(r.month), client: r.clientPseudonym }) }),
    h('p', { class: `state state-${r.state.toLowerCase()}`, text: t(STATES[r.state] || STATES.SUBMITTED) }),
    facts([
      [t('reports.contacts'), String(r.contacts)],
      [t('reports.hours'), formatNumber(r.hours)],
      ...(r.expenses || []).map((e) => [h('span', { dir: 'auto', text: e.description }), formatAmount(e.amount)]),
      [t('reports.expensesTotal'), formatAmount(r.expensesTotal ?? 0)],
    ]),
    returned && r.returnComment && h('div', { class: 'notice', id: `comment-${r.id}` },
      h('p', { class: 'label', text: t('reports.comment') }),
      h('p', { class: 'free-text', dir: 'auto', text: r.returnComment })),
    returned && h('button', {
      type: 'button', class: 'btn', id: `correct-${r.id}`, text: t('reports.correct'),
      onclick: () => app.go('reports', { correct: r.id }),
    }));
}

function expenseRow(n, value, onRemove) {
  return h('fieldset', { class: 'card expense', 'data-expense': n },
    h('legend', { text: t('reports.expenseN', { n }) }),
    field(t('reports.description'), h('input', { id: `expense-description-${n}`, maxlength: '200', dir: 'auto', value: value.description })),
    field(t('reports.amountLabel'), h('input', { id: `expense-amount-${n}`, inputmode: 'decimal', autocomplete: 'off', value: value.amount })),
    h('button', { type: 'button', class: 'btn btn-danger', id: `expense-remove-${n}`, onclick: onRemove, text: t('reports.removeExpense', { n }) }));
}

/** The form for a new report (with insats and month) or for correcting a returned one. */
function reportForm(app, { report, granted }) {
  const error = alertBox('report-error');
  const contacts = h('input', { id: 'report-contacts', inputmode: 'numeric', autocomplete: 'off', value: report ? String(report.contacts) : '' });
  const hours = h('input', { id: 'report-hours', inputmode: 'decimal', autocomplete: 'off', value: report ? formatNumber(report.hours) : '' });
  const list = h('div', { id: 'report-expenses' });
  let expenses = (report?.expenses || []).map((e) => ({ description: e.description, amount: SEK.format(e.amount) }));
  const read = () => [...list.querySelectorAll('[data-expense]')].map((row) => ({
    description: row.querySelector('input[id^="expense-description"]').value,
    amount: row.querySelector('input[id^="expense-amount"]').value,
  }));
  const draw = () => replace(list, expenses.map((e, i) => expenseRow(i + 1, e, () => {
    expenses = read();
    expenses.splice(i, 1);
    draw();
    (list.querySelector(`#expense-description-${Math.min(i + 1, expenses.length)}`) || add).focus();
  })));
  const add = h('button', {
    type: 'button', class: 'btn btn-add', id: 'expense-add', text: t('reports.addExpense'),
    onclick: () => {
      expenses = [...read(), { description: '', amount: '' }];
      draw();
      list.querySelector(`#expense-description-${expenses.length}`).focus();
    },
  });
  draw();

  let insatsSelect = null;
  let monthSelect = null;
  if (!report) {
    insatsSelect = h('select', { id: 'report-insats' }, granted.map((i) => h('option', { value: i.id, text: i.clientPseudonym })));
    monthSelect = h('select', { id: 'report-month' });
    const fillMonths = () => {
      const options = months(granted.find((i) => i.id === insatsSelect.value));
      // The month just ended is the usual one to report.
      const [y, m] = todayInSweden().split('-').map(Number);
      const previous = m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
      const chosen = options.includes(previous) ? previous : options[0];
      replace(monthSelect, options.map((o) => h('option', { value: o, selected: o === chosen, text: formatMonth(o) })));
    };
    insatsSelect.addEventListener('change', fillMonths);
    fillMonths();
  }
  const submit = h('button', { type: 'submit', class: 'btn btn-primary', id: 'report-submit', text: t(report ? 'reports.resubmit' : 'reports.submit') });
  const labels = {
    insatsId: t('reports.insats'), month: t('reports.month'), contacts: t('reports.contacts'), hours: t('reports.hours'),
    expenses: t('reports.expenses'),
  };

  async function onSubmit(event) {
    event.preventDefault();
    error.textContent = '';
    const fail = (text, el) => { error.textContent = text; el?.focus(); };
    if (!/^\s*\d{1,4}\s*$/.test(contacts.value)) return fail(t('reports.badContacts'), contacts);
    const h2 = parseDecimal(hours.value);
    if (h2 === null) return fail(t('reports.badHours'), hours);
    const items = [];
    for (const [i, e] of read().entries()) {
      if (!e.description.trim() && !e.amount.trim()) continue;
      const amount = parseDecimal(e.amount);
      if (!e.description.trim()) return fail(t('error.fields', { fields: t('reports.description') }), list.querySelector(`#expense-description-${i + 1}`));
      if (amount === null) return fail(t('reports.badAmount'), list.querySelector(`#expense-amount-${i + 1}`));
      items.push({ description: e.description.trim(), amount });
    }
    const body = { contacts: Number(contacts.value.trim()), hours: h2, expenses: items };
    if (!report && !monthSelect.value) return fail(t('error.fields', { fields: labels.month }), monthSelect);
    submit.disabled = true;
    try {
      if (report) await call('PUT', `/api/me/time-reports/${encodeURIComponent(report.id)}`, body);
      else await call('POST', '/api/me/time-reports', { insatsId: insatsSelect.value, month: monthSelect.value, ...body });
      await app.go('reports');
      app.announce(t('reports.sent'));
    } catch (e) {
      submit.disabled = false;
      const exists = e?.status === 409 && String(e.problem?.type).endsWith(':report-exists');
      error.textContent = exists ? t('reports.exists') : problemText(e, labels);
    }
  }

  return h('form', { id: 'report-form', novalidate: true, onsubmit: onSubmit },
    insatsSelect && field(t('reports.insats'), insatsSelect),
    monthSelect && field(t('reports.month'), monthSelect),
    field(t('reports.contacts'), contacts),
    field(t('reports.hours'), hours, t('reports.hoursHint')),
    h(report ? 'h2' : 'h3', { text: t('reports.expenses') }),
    list,
    add,
    error,
    submit);
}

export async function render(app, params) {
  let reports;
  let mine;
  try {
    [reports, mine] = await Promise.all([call('GET', '/api/me/time-reports'), call('GET', '/api/me/insatser')]);
  } catch (e) {
    return screen(t('reports.title'), null, h('p', { class: 'alert', role: 'alert', text: problemText(e) }));
  }
  const back = h('button', { type: 'button', class: 'btn', id: 'back', onclick: () => app.go('reports'), text: t('nav.back') });
  const returned = params.correct && reports.find((r) => r.id === params.correct && r.state === 'RETURNED');
  if (returned) {
    return screen(t('reports.correctTitle', { month: formatMonth(returned.month) }), null,
      reportItem(app, returned).querySelector(`#comment-${returned.id}`),
      reportForm(app, { report: returned }),
      back);
  }
  const granted = (mine || []).filter((i) => i.state === 'GRANTED' || i.state === 'ENDED');
  reports.sort((a, b) => (a.month < b.month ? 1 : -1));
  return screen(t('reports.title'), t('reports.intro'),
    reports.length
      ? h('ul', { class: 'plain', id: 'report-list' }, reports.map((r) => reportItem(app, r)))
      : h('p', { class: 'empty', text: t('reports.none') }),
    h('section', { class: 'card', 'aria-labelledby': 'report-new' },
      h('h2', { id: 'report-new', text: t('reports.newTitle') }),
      granted.length ? reportForm(app, { granted }) : h('p', { text: t('reports.noInsats') })));
}
