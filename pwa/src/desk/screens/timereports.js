// Tidrapporter: the municipality's time and expense reports per month (#/time-reports?month=YYYY-MM). Reports
// waiting are approved one by one or many at once, or returned with a comment; approved is final. Each report's
// arvode is hours × the municipality's own rate (set here), its omkostnad the expenses as reported. The month's
// approved reports download as the payroll CSV (the server's export, audited there), as a real file.
import { h, replace } from '../../app/view.js';
import { dateTime, t } from '../i18n.js';
import { api } from '../session.js';
import { clearErrors, fieldError, labelled } from '../clientfields.js';
import { today } from '../fields.js';
import { REPORT_STATES, generalLine, hours, word } from '../insatscodes.js';

const money = (n) => new Intl.NumberFormat(document.documentElement.lang === 'en' ? 'en-GB' : 'sv-SE',
  { style: 'currency', currency: 'SEK' }).format(Number(n || 0));

function lastMonth() {
  const [y, m] = today().split('-').map(Number);
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

export function render(main, { announce }) {
  const controller = new AbortController();
  const asked = new URLSearchParams(location.hash.split('?')[1] || '').get('month');
  const month = h('input', { type: 'month', name: 'month', id: 'reports-month', value: /^\d{4}-\d{2}$/.test(asked || '') ? asked : lastMonth(), max: today().slice(0, 7) });
  const body = h('div', { id: 'reports-body' });
  const general = generalLine('reports-error');
  const approveSelected = h('button', { type: 'button', class: 'btn btn-primary', id: 'reports-approve-selected', text: t('hl.tr.approveSelected') });
  const download = h('button', { type: 'button', class: 'btn', id: 'reports-export', text: t('hl.tr.export') });
  const totals = h('p', { id: 'reports-totals', role: 'status' });
  const rateInput = h('input', { type: 'number', name: 'perHour', min: '0', max: '100000', step: '0.01', inputmode: 'decimal' });
  const rateSave = h('button', { type: 'submit', class: 'btn', id: 'rate-submit', text: t('hl.tr.rateSave') });
  const rateForm = h('form', { id: 'rate-form', class: 'row', novalidate: true },
    labelled(t('hl.tr.rate'), rateInput, { hint: t('hl.tr.rateHint') }), rateSave);
  let rate = null;
  replace(main, h('section', { class: 'screen reports', id: 'time-reports' },
    h('div', { class: 'screen-head' }, h('h1', { tabindex: '-1', text: t('hl.tr.title') })),
    h('div', { class: 'filters row' }, labelled(t('hl.tr.month'), month), rateForm),
    general, body,
    h('div', { class: 'filter-actions' }, approveSelected, download), totals));
  let reports = [];

  async function load() {
    replace(body, h('p', { role: 'status', text: t('client.loading') }));
    try {
      const [list, r] = await Promise.all([
        api('GET', `/api/time-reports?month=${encodeURIComponent(month.value)}`, undefined, { signal: controller.signal }),
        api('GET', '/api/time-reports/arvode-rate', undefined, { signal: controller.signal })]);
      reports = list;
      rate = r.perHour === null || r.perHour === undefined ? null : Number(r.perHour);
      if (document.activeElement !== rateInput) rateInput.value = rate === null ? '' : String(rate);
      draw();
    } catch {
      if (!controller.signal.aborted) replace(body, h('p', { class: 'alert', role: 'alert', text: t('hl.loadError') }));
    }
  }

  /** Hours × rate in kronor, rounded to whole öre. */
  const arvode = (r) => Math.round(Number(r.hours) * rate * 100) / 100;

  function draw() {
    const approved = reports.filter((r) => r.state === 'APPROVED');
    const sum = (xs, f) => xs.reduce((s, x) => s + Number(f(x) || 0), 0);
    totals.textContent = t('hl.tr.totals', { n: approved.length, hours: hours(sum(approved, (r) => r.hours)), expenses: money(sum(approved, (r) => r.expensesTotal)) })
      + (rate === null ? '' : ` · ${t('hl.tr.arvodeTotal', { amount: money(sum(approved, arvode)) })}`);
    approveSelected.hidden = !reports.some((r) => r.state === 'SUBMITTED');
    if (reports.length === 0) {
      replace(body, h('p', { class: 'empty', id: 'reports-empty', text: t('hl.tr.empty') }));
      return;
    }
    replace(body, h('table', { class: 'table', id: 'reports-table' },
      h('caption', { text: t('hl.tr.caption', { month: month.value }) }),
      h('thead', {}, h('tr', {}, [t('hl.tr.select'), t('hl.col.client'), t('hl.tr.contacts'), t('hl.tr.hours'), t('hl.tr.arvode'), t('hl.tr.expenses'),
        t('hl.col.state'), t('hl.tr.actions')].map((c) => h('th', { scope: 'col', text: c })))),
      h('tbody', {}, reports.map(row))));
  }

  function row(r) {
    const name = r.clientPseudonym || t('hl.noPseudonym');
    const pick = r.state === 'SUBMITTED' ? h('input', { type: 'checkbox', class: 'report-pick', value: r.id,
      'aria-label': t('hl.tr.selectOne', { name, month: r.month }) }) : null;
    const rowError = h('p', { class: 'alert', role: 'alert' });
    const actions = h('div', { class: 'row' });
    if (r.state === 'SUBMITTED') {
      const approve = h('button', { type: 'button', class: 'btn btn-small', 'data-action': 'approve', text: t('hl.tr.approve'),
        'aria-label': t('hl.tr.approveOne', { name }) });
      const ret = h('button', { type: 'button', class: 'btn btn-small', 'data-action': 'return', text: t('hl.tr.return'),
        'aria-label': t('hl.tr.returnOne', { name }), 'aria-expanded': 'false' });
      approve.addEventListener('click', async () => {
        approve.disabled = true;
        try {
          await api('POST', `/api/time-reports/${r.id}/approval`);
          announce(t('hl.tr.approved', { n: 1 }));
          await load();
        } catch (e) {
          rowError.textContent = e?.problem?.detail ? t('client.field.serverSays', { message: e.problem.detail }) : t('client.field.failed');
          approve.disabled = false;
        }
      });
      ret.addEventListener('click', () => {
        if (actions.querySelector('form')) return;
        ret.setAttribute('aria-expanded', 'true');
        const comment = h('textarea', { name: 'comment', rows: '2', maxlength: '1000' });
        const send = h('button', { type: 'submit', class: 'btn btn-small', text: t('hl.tr.sendReturn') });
        const form = h('form', { class: 'subform return-form', novalidate: true }, labelled(t('hl.tr.comment'), comment), send);
        form.addEventListener('submit', async (e) => {
          e.preventDefault();
          clearErrors(form);
          if (!comment.value.trim()) { fieldError(form, 'comment', t('hl.err.required'))?.focus(); return; }
          send.disabled = true;
          try {
            await api('POST', `/api/time-reports/${r.id}/return`, { comment: comment.value.trim() });
            announce(t('hl.tr.returned'));
            await load();
          } catch (err) {
            const v = err?.problem?.violations?.[0];
            fieldError(form, 'comment', v ? t('client.field.serverSays', { message: v.message }) : t('client.field.failed'));
            send.disabled = false;
          }
        });
        actions.append(form);
        comment.focus();
      });
      actions.append(approve, ret);
    }
    return h('tr', { 'data-report': r.id, 'data-state': r.state, 'data-insats': r.insatsId },
      h('td', {}, pick),
      h('td', {}, h('a', { href: `#/insatser/${r.insatsId}` }, h('bdi', { text: name })),
        r.submissions > 1 ? h('p', { class: 'hint', text: t('hl.tr.submissions', { n: r.submissions }) }) : null),
      h('td', { text: String(r.contacts) }),
      h('td', { class: 'report-hours', text: hours(r.hours) }),
      h('td', { class: 'report-arvode', text: rate === null ? t('hl.tr.noRate') : money(arvode(r)) }),
      h('td', {}, money(r.expensesTotal), (r.expenses || []).length ? h('ul', { class: 'plain-list hint' },
        r.expenses.map((x) => h('li', { text: `${x.description}: ${money(x.amount)}` }))) : null),
      h('td', {}, word(REPORT_STATES, r.state), r.returnComment ? h('p', { class: 'hint', text: t('hl.tr.comment') + ': ' + r.returnComment }) : null,
        r.decidedAt ? h('p', { class: 'hint', text: dateTime(r.decidedAt) }) : null),
      h('td', {}, actions, rowError));
  }

  approveSelected.addEventListener('click', async () => {
    general.textContent = '';
    const ids = [...body.querySelectorAll('.report-pick:checked')].map((b) => b.value);
    if (!ids.length) { general.textContent = t('hl.tr.noneSelected'); general.focus(); return; }
    approveSelected.disabled = true;
    let ok = 0;
    const failed = [];
    for (const id of ids) {
      try { await api('POST', `/api/time-reports/${id}/approval`); ok += 1; } catch { failed.push(id); }
    }
    approveSelected.disabled = false;
    await load();
    if (failed.length) { general.textContent = t('hl.tr.someFailed', { ok, failed: failed.length }); general.focus(); }
    announce(t('hl.tr.approved', { n: ok }));
  });

  download.addEventListener('click', async () => {
    general.textContent = '';
    download.disabled = true;
    try {
      const response = await api('GET', `/api/time-reports/export?month=${encodeURIComponent(month.value)}`, undefined, { raw: true, accept: 'text/csv' });
      const blob = await response.blob();
      const url = URL.createObjectURL(blob);
      const a = h('a', { href: url, download: `tidrapporter-${month.value}.csv`, hidden: true });
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      announce(t('hl.tr.exported'));
    } catch {
      general.textContent = t('hl.tr.exportFailed');
      general.focus();
    } finally {
      download.disabled = false;
    }
  });

  rateForm.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearErrors(rateForm);
    const value = rateInput.value.trim();
    if (!/^\d{1,6}([.,]\d{1,2})?$/.test(value)) { fieldError(rateForm, 'perHour', t('hl.err.rate'))?.focus(); return; }
    rateSave.disabled = true;
    try {
      await api('PUT', '/api/time-reports/arvode-rate', { perHour: Number(value.replace(',', '.')) });
      announce(t('hl.tr.rateSaved'));
      await load();
    } catch (err) {
      const v = err?.problem?.violations?.[0];
      fieldError(rateForm, 'perHour', v ? t('client.field.serverSays', { message: v.message }) : t('client.field.failed'))?.focus();
    } finally {
      rateSave.disabled = false;
    }
  });

  month.addEventListener('change', () => { if (/^\d{4}-\d{2}$/.test(month.value)) load(); });
  load();
  return () => controller.abort();
}
