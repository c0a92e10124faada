// Fältnycklar (admin, issue 15): after the field key was rotated in the configuration, re-encrypts every
// sealed value under the current key. The server does the work in one call and answers per column how many
// values it resealed; nothing is claimed before that answer.
import { h, replace } from '../../app/view.js';
import { t } from '../i18n.js';
import { api } from '../session.js';

export function render(main, { announce }) {
  const controller = new AbortController();
  const start = h('button', { type: 'button', class: 'btn btn-primary', id: 'keys-start', text: t('admin.keys.start') });
  const result = h('div', { id: 'keys-result' });
  const status = h('p', { role: 'status', id: 'keys-status' });
  start.addEventListener('click', async () => {
    start.disabled = true;
    start.setAttribute('aria-busy', 'true');
    status.textContent = t('admin.keys.running');
    replace(result);
    try {
      const columns = await api('POST', '/api/admin/field-keys/rotation', undefined, { signal: controller.signal });
      const total = columns.reduce((n, c) => n + c.resealed, 0);
      const text = t('admin.keys.done', { columns: columns.length, total });
      status.textContent = text;
      replace(result, h('table', { class: 'table table-compact', id: 'keys-table' },
        h('caption', { text: t('admin.keys.resultCaption') }),
        h('thead', {}, h('tr', {}, h('th', { scope: 'col', text: t('admin.keys.col.column') }),
          h('th', { scope: 'col', text: t('admin.keys.col.resealed') }))),
        h('tbody', {}, columns.map((c) => h('tr', { 'data-column': c.column },
          h('th', { scope: 'row' }, h('code', { text: c.column })), h('td', { text: String(c.resealed) })))),
        h('tfoot', {}, h('tr', {}, h('th', { scope: 'row', text: t('admin.keys.total') }), h('td', { id: 'keys-total', text: String(total) })))));
      announce(text);
    } catch (err) {
      if (controller.signal.aborted) return;
      status.textContent = '';
      replace(result, h('p', { class: 'alert', role: 'alert', text: err?.problem?.detail
        ? t('client.field.serverSays', { message: err.problem.detail }) : t('admin.keys.failed') }));
    } finally {
      start.disabled = false;
      start.removeAttribute('aria-busy');
    }
  });
  replace(main, h('section', { class: 'screen admin keys', id: 'keys' },
    h('h1', { tabindex: '-1', text: t('admin.keys.title') }),
    h('p', { class: 'lead', text: t('admin.keys.lead') }),
    h('section', { class: 'card', 'aria-labelledby': 'keys-run-title' },
      h('h2', { id: 'keys-run-title', text: t('admin.keys.runTitle') }),
      h('p', { class: 'hint', text: t('admin.keys.hint') }), start, status, result)));
  return () => controller.abort();
}
