// Organisationer och kommuner (admin, issue 15): both lists with a form to create each; rename a tenant in
// its row, deactivate and reactivate it (its staff cannot sign in, it receives no new referrals, its data
// stays); and which municipalities work with which organisations (a referral or a proposal goes only
// between a linked pair). Nothing is shown as done before the server confirmed it.
import { h, replace } from '../../app/view.js';
import { dateTime, t, tl } from '../i18n.js';
import { api } from '../session.js';
import { labelled } from '../clientfields.js';
import { alertLine, submitForm, tenants } from '../admincodes.js';

const KINDS = [
  { id: 'organisations', path: '/api/admin/organisations' },
  { id: 'municipalities', path: '/api/admin/municipalities' },
];

/** Who carries the insatser of a link (docs/insats.md): the organisation as provider, or the municipality itself. */
export const LINK_MODELS = { PROVIDER: tl('admin.tenants.links.model.PROVIDER'), MUNICIPALITY: tl('admin.tenants.links.model.MUNICIPALITY') };
const modelSelect = (attrs, value = 'PROVIDER') => h('select', { name: 'model', ...attrs },
  Object.keys(LINK_MODELS).map((m) => h('option', { value: m, text: t(LINK_MODELS[m]), selected: m === value })));

const nameChecks = (input) => () => [!input.value.trim() && ['name', 'admin.tenants.err.name'],
  input.value.trim().length > 200 && ['name', 'admin.tenants.err.long']];

export function render(main, { announce }) {
  const controller = new AbortController();
  const signal = controller.signal;
  const general = alertLine('tenants-error');
  const lists = {};
  let places = { organisations: [], municipalities: [], name: (id) => id || '' };

  const cards = KINDS.map((k) => {
    lists[k.id] = h('div', { id: `${k.id}-list`, class: 'table-wrap' }, h('p', { role: 'status', text: t('client.loading') }));
    const name = h('input', { type: 'text', name: 'name', autocomplete: 'off', maxlength: '200' });
    const error = alertLine(`${k.id}-form-error`);
    const submit = h('button', { type: 'submit', class: 'btn btn-primary', id: `${k.id}-submit`, text: t(`admin.tenants.${k.id}.create`) });
    const form = h('form', { id: `${k.id}-form`, class: 'row tenant-form', novalidate: true },
      labelled(t(`admin.tenants.${k.id}.name`), name), submit, error);
    submitForm(form, error, submit, {
      conflicts: { 'duplicate-name': 'name' },
      check: nameChecks(name),
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

  // ---- the links: which municipalities work with which organisations ----
  const linkList = h('div', { id: 'links-list', class: 'table-wrap' }, h('p', { role: 'status', text: t('client.loading') }));
  const linkMun = h('select', { name: 'municipalityId' });
  const linkOrg = h('select', { name: 'organisationId' });
  const linkModel = modelSelect({ id: 'links-model' });
  const linkError = alertLine('links-form-error');
  const linkSubmit = h('button', { type: 'submit', class: 'btn btn-primary', id: 'links-submit', text: t('admin.tenants.links.add') });
  const linkForm = h('form', { id: 'links-form', class: 'row tenant-form', novalidate: true },
    labelled(t('admin.tenants.links.municipality'), linkMun), labelled(t('admin.tenants.links.organisation'), linkOrg),
    labelled(t('admin.tenants.links.col.model'), linkModel, { hint: t('admin.tenants.links.modelHint') }),
    linkSubmit, linkError);
  submitForm(linkForm, linkError, linkSubmit, {
    check: () => [!linkMun.value && ['municipalityId', 'admin.tenants.err.choose'], !linkOrg.value && ['organisationId', 'admin.tenants.err.choose']],
    send: () => api('POST', '/api/admin/links', { municipalityId: linkMun.value, organisationId: linkOrg.value, model: linkModel.value }),
    done: async (link) => {
      announce(t('admin.tenants.links.added', { municipality: places.name(link.municipalityId), organisation: places.name(link.organisationId) }));
      linkForm.reset();
      await load();
      linkMun.focus();
    },
  });
  const linksCard = h('section', { class: 'card', 'aria-labelledby': 'links-title', id: 'links' },
    h('h2', { id: 'links-title', text: t('admin.tenants.links.title') }),
    h('p', { class: 'hint', text: t('admin.tenants.links.lead') }), linkForm, linkList);

  function options(select, items) {
    const keep = select.value;
    replace(select, h('option', { value: '', text: t('admin.staff.choose') }),
      items.map((x) => h('option', { value: x.id, text: x.active === false ? t('admin.tenants.inactiveName', { name: x.name }) : x.name })));
    select.value = keep;
  }

  /** Runs one row action; the row's error line holds the server's refusal, focus returns to the row. */
  async function act(rowEl, button, call, message, focus) {
    const error = rowEl.querySelector('.row-error');
    error.textContent = '';
    button.disabled = true;
    try {
      await call();
      announce(message);
      await load(focus);
    } catch (err) {
      button.disabled = false;
      error.textContent = err?.problem?.detail ? t('client.field.serverSays', { message: err.problem.detail }) : t('client.field.failed');
    }
  }

  function renameForm(k, x, rowEl, renameButton) {
    const input = h('input', { type: 'text', name: 'name', autocomplete: 'off', maxlength: '200', value: x.name });
    const error = alertLine(`rename-${x.id}-error`);
    const save = h('button', { type: 'submit', class: 'btn btn-small btn-primary', 'data-action': 'save', text: t('admin.tenants.save') });
    const cancel = h('button', { type: 'button', class: 'btn btn-small', 'data-action': 'cancel', text: t('admin.tenants.cancel') });
    const form = h('form', { class: 'rename-form', id: `rename-${x.id}`, novalidate: true },
      labelled(t('admin.tenants.newName', { name: x.name }), input), h('div', { class: 'row-actions' }, save, cancel), error);
    submitForm(form, error, save, {
      conflicts: { 'duplicate-name': 'name' },
      check: nameChecks(input),
      send: () => api('POST', `${k.path}/${x.id}/name`, { name: input.value.trim() }),
      done: async (renamed) => {
        announce(t('admin.tenants.renamed', { name: renamed.name }));
        await load({ id: x.id, action: 'rename' });
      },
    });
    cancel.addEventListener('click', () => {
      form.remove();
      renameButton.hidden = false;
      renameButton.focus();
    });
    form.addEventListener('keydown', (e) => { if (e.key === 'Escape') cancel.click(); });
    return form;
  }

  function tenantTable(k, items) {
    if (items.length === 0) return h('p', { class: 'empty', text: t('admin.tenants.none') });
    return h('table', { class: 'table', id: `${k.id}-table` },
      h('caption', { class: 'visually-hidden', text: t(`admin.tenants.${k.id}.title`) }),
      h('thead', {}, h('tr', {}, ['name', 'created', 'state', 'actions'].map((c) => h('th', { scope: 'col', text: t(`admin.tenants.col.${c}`) })))),
      h('tbody', {}, items.map((x) => {
        const rename = h('button', { type: 'button', class: 'btn btn-small', 'data-action': 'rename', text: t('admin.tenants.rename'),
          'aria-label': t('admin.tenants.renameOf', { name: x.name }) });
        const toggle = h('button', { type: 'button', class: 'btn btn-small', 'data-action': 'toggle',
          text: x.active ? t('admin.tenants.deactivate') : t('admin.tenants.reactivate'),
          'aria-label': t(x.active ? 'admin.tenants.deactivateOf' : 'admin.tenants.reactivateOf', { name: x.name }) });
        const cell = h('td', {}, h('div', { class: 'row-actions' }, rename, toggle), h('p', { class: 'alert row-error', role: 'alert' }));
        const rowEl = h('tr', { 'data-tenant': x.id, 'data-active': String(x.active) },
          h('th', { scope: 'row' }, h('bdi', { text: x.name })),
          h('td', { text: x.createdAt ? dateTime(x.createdAt) : '' }),
          h('td', { class: 'state' }, h('span', { class: x.active ? 'badge badge-ok' : 'badge badge-overdue',
            text: x.active ? t('admin.tenants.active') : t('admin.tenants.inactive') })),
          cell);
        rename.addEventListener('click', () => {
          rename.hidden = true;
          const form = renameForm(k, x, rowEl, rename);
          cell.append(form);
          form.querySelector('input').focus();
        });
        toggle.addEventListener('click', () => act(rowEl, toggle,
          () => api('POST', `${k.path}/${x.id}/active`, { active: !x.active }),
          t(x.active ? 'admin.tenants.deactivated' : 'admin.tenants.reactivated', { name: x.name }),
          { id: x.id, action: 'toggle' }));
        return rowEl;
      })));
  }

  function linkTable(links) {
    if (links.length === 0) return h('p', { class: 'empty', id: 'links-none', text: t('admin.tenants.links.none') });
    const sorted = [...links].sort((a, b) => places.name(a.municipalityId).localeCompare(places.name(b.municipalityId))
      || places.name(a.organisationId).localeCompare(places.name(b.organisationId)));
    return h('table', { class: 'table', id: 'links-table' },
      h('caption', { class: 'visually-hidden', text: t('admin.tenants.links.title') }),
      h('thead', {}, h('tr', {}, ['municipality', 'organisation', 'since', 'model', 'actions'].map((c) => h('th', { scope: 'col', text: t(`admin.tenants.links.col.${c}`) })))),
      h('tbody', {}, sorted.map((l) => {
        const names = { municipality: places.name(l.municipalityId), organisation: places.name(l.organisationId) };
        const remove = h('button', { type: 'button', class: 'btn btn-small', 'data-action': 'unlink', text: t('admin.tenants.links.remove'),
          'aria-label': t('admin.tenants.links.removeOf', names) });
        // The model per link: changed at once on the server; the row shows what the server answered.
        const model = modelSelect({ 'data-action': 'model', 'aria-label': t('admin.tenants.links.modelOf', names) }, l.model);
        const rowEl = h('tr', { 'data-municipality': l.municipalityId, 'data-organisation': l.organisationId, 'data-model': l.model },
          h('th', { scope: 'row' }, h('bdi', { text: names.municipality })),
          h('td', {}, h('bdi', { text: names.organisation })),
          h('td', { text: l.createdAt ? dateTime(l.createdAt) : '' }),
          h('td', {}, model),
          h('td', {}, h('div', { class: 'row-actions' }, remove), h('p', { class: 'alert row-error', role: 'alert' })));
        model.addEventListener('change', async () => {
          const error = rowEl.querySelector('.row-error');
          error.textContent = '';
          model.disabled = true;
          try {
            const saved = await api('POST', '/api/admin/links', { municipalityId: l.municipalityId, organisationId: l.organisationId, model: model.value });
            rowEl.dataset.model = saved.model;
            model.value = saved.model;
            announce(t('admin.tenants.links.modelSet', { ...names, model: t(LINK_MODELS[saved.model]) }));
          } catch (err) {
            model.value = rowEl.dataset.model;
            error.textContent = err?.problem?.detail ? t('client.field.serverSays', { message: err.problem.detail }) : t('client.field.failed');
          } finally {
            model.disabled = false;
            model.focus();
          }
        });
        remove.addEventListener('click', () => act(rowEl, remove,
          () => api('DELETE', `/api/admin/links/${l.municipalityId}/${l.organisationId}`),
          t('admin.tenants.links.removed', names), { links: true }));
        return rowEl;
      })));
  }

  async function load(focus) {
    try {
      const [all, links] = await Promise.all([tenants(signal), api('GET', '/api/admin/links', undefined, { signal })]);
      places = all;
      for (const k of KINDS) replace(lists[k.id], tenantTable(k, all[k.id]));
      replace(linkList, linkTable(links));
      options(linkMun, all.municipalities);
      options(linkOrg, all.organisations);
      general.textContent = '';
      if (focus?.id) main.querySelector(`tr[data-tenant="${CSS.escape(focus.id)}"] [data-action="${focus.action}"]`)?.focus();
      else if (focus?.links) (linkList.querySelector('[data-action="unlink"]') || linkMun).focus();
    } catch {
      if (!signal.aborted) general.textContent = t('admin.loadError');
    }
  }

  replace(main, h('section', { class: 'screen admin tenants', id: 'tenants' },
    h('h1', { tabindex: '-1', text: t('admin.tenants.title') }),
    h('p', { class: 'lead', text: t('admin.tenants.lead') }),
    h('p', { class: 'hint', text: t('admin.tenants.deactivateLead') }),
    general, h('div', { class: 'columns' }, cards), linksCard));
  load();
  return () => controller.abort();
}
