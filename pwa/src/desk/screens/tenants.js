// Organisationer och kommuner (admin, issue 15): both lists and a form to create each. A coordinator
// belongs to an organisation, a handläggare to a municipality; accounts are made on the staff screen.
import { h, replace } from '../../app/view.js';
import { dateTime, t } from '../i18n.js';
import { api } from '../session.js';
import { labelled } from '../clientfields.js';
import { alertLine, submitForm, tenants } from '../admincodes.js';

const KINDS = [
  { id: 'organisations', path: '/api/admin/organisations' },
  { id: 'municipalities', path: '/api/admin/municipalities' },
];

export function render(main, { announce }) {
  const controller = new AbortController();
  const general = alertLine('tenants-error');
  const lists = {};
  const cards = KINDS.map((k) => {
    lists[k.id] = h('div', { id: `${k.id}-list` }, h('p', { role: 'status', text: t('client.loading') }));
    const name = h('input', { type: 'text', name: 'name', autocomplete: 'off', maxlength: '200' });
    const error = alertLine(`${k.id}-form-error`);
    const submit = h('button', { type: 'submit', class: 'btn btn-primary', id: `${k.id}-submit`, text: t(`admin.tenants.${k.id}.create`) });
    const form = h('form', { id: `${k.id}-form`, class: 'row tenant-form', novalidate: true },
      labelled(t(`admin.tenants.${k.id}.name`), name), submit, error);
    submitForm(form, error, submit, {
      check: () => [!name.value.trim() && ['name', 'admin.tenants.err.name'], name.value.trim().length > 200 && ['name', 'admin.tenants.err.long']],
      send: () => api('POST', k.path, { name: name.value.trim() }),
      done: async (created) => {
        form.reset();
        announce(t(`admin.tenants.${k.id}.created`, { name: created.name }));
        await load();
        name.focus();
      },
    });
    return h('section', { class: 'card', 'aria-labelledby': `${k.id}-title` },
      h('h2', { id: `${k.id}-title`, text: t(`admin.tenants.${k.id}.title`) }), form, lists[k.id]);
  });

  async function load() {
    try {
      const all = await tenants(controller.signal);
      for (const k of KINDS) {
        const items = all[k.id];
        replace(lists[k.id], items.length === 0 ? h('p', { class: 'empty', text: t('admin.tenants.none') })
          : h('table', { class: 'table', id: `${k.id}-table` },
            h('caption', { class: 'visually-hidden', text: t(`admin.tenants.${k.id}.title`) }),
            h('thead', {}, h('tr', {}, h('th', { scope: 'col', text: t('admin.tenants.col.name') }),
              h('th', { scope: 'col', text: t('admin.tenants.col.created') }))),
            h('tbody', {}, items.map((x) => h('tr', { 'data-tenant': x.id },
              h('th', { scope: 'row' }, h('bdi', { text: x.name })), h('td', { text: x.createdAt ? dateTime(x.createdAt) : '' }))))));
      }
    } catch {
      if (!controller.signal.aborted) general.textContent = t('admin.loadError');
    }
  }

  replace(main, h('section', { class: 'screen admin tenants', id: 'tenants' },
    h('h1', { tabindex: '-1', text: t('admin.tenants.title') }),
    h('p', { class: 'lead', text: t('admin.tenants.lead') }),
    general, h('div', { class: 'columns' }, cards)));
  load();
  return () => controller.abort();
}
