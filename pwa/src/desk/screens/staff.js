// Personalkonton (admin, issue 15): every staff account with its role, tenant, state and TOTP; a new account
// with a one-time first password made here in the browser (crypto.getRandomValues) and shown once, only after
// the server confirmed the account; disable/enable; end every session of an account.
import { h, replace } from '../../app/view.js';
import { t } from '../i18n.js';
import { api } from '../session.js';
import { labelled } from '../clientfields.js';
import { alertLine, oneTimePassword, submitForm, tenants } from '../admincodes.js';

const ROLES = ['COORDINATOR', 'HANDLAGGARE', 'ADMIN'];
const USERNAME = /^[A-Za-z0-9._@-]{3,100}$/;

export function render(main, { announce, me }) {
  const controller = new AbortController();
  const signal = controller.signal;
  const list = h('div', { id: 'staff-list', class: 'table-wrap' });
  const general = alertLine('staff-error');
  const created = h('div', { id: 'staff-created-slot' });
  let places = { organisations: [], municipalities: [], name: (id) => id || '' };

  const username = h('input', { type: 'text', name: 'username', autocomplete: 'off', spellcheck: 'false', maxlength: '100' });
  const displayName = h('input', { type: 'text', name: 'displayName', autocomplete: 'off', maxlength: '200' });
  const role = h('select', { name: 'role' }, h('option', { value: '', text: t('admin.staff.choose') }),
    ROLES.map((r) => h('option', { value: r, text: t(`role.${r}`) })));
  const organisation = h('select', { name: 'organisationId' });
  const municipality = h('select', { name: 'municipalityId' });
  const orgField = labelled(t('admin.staff.organisation'), organisation, { hint: t('admin.staff.organisationHint') });
  const munField = labelled(t('admin.staff.municipality'), municipality, { hint: t('admin.staff.municipalityHint') });
  const formError = alertLine('staff-form-error');
  const submit = h('button', { type: 'submit', class: 'btn btn-primary', id: 'staff-submit', text: t('admin.staff.create') });
  const form = h('form', { id: 'staff-form', novalidate: true },
    h('p', { class: 'hint', text: t('admin.staff.passwordNote') }),
    h('div', { class: 'row' },
      labelled(t('admin.staff.username'), username, { hint: t('admin.staff.usernameHint') }),
      labelled(t('admin.staff.displayName'), displayName)),
    h('div', { class: 'row' }, labelled(t('admin.staff.role'), role), orgField, munField), formError, submit);

  function showTenantFields() {
    orgField.hidden = role.value !== 'COORDINATOR';
    munField.hidden = role.value !== 'HANDLAGGARE';
  }
  role.addEventListener('change', showTenantFields);
  showTenantFields();

  function fillTenants() {
    const opts = (items) => [h('option', { value: '', text: t('admin.staff.choose') }),
      ...items.map((x) => h('option', { value: x.id, text: x.name }))];
    const keepO = organisation.value;
    const keepM = municipality.value;
    replace(organisation, opts(places.organisations));
    replace(municipality, opts(places.municipalities));
    organisation.value = keepO;
    municipality.value = keepM;
  }

  submitForm(form, formError, submit, {
    conflicts: { 'duplicate-username': 'username' },
    check: () => [
      !USERNAME.test(username.value.trim()) && ['username', 'admin.staff.err.username'],
      !displayName.value.trim() && ['displayName', 'admin.staff.err.displayName'],
      !role.value && ['role', 'admin.staff.err.role'],
      role.value === 'COORDINATOR' && !organisation.value && ['organisationId', 'admin.staff.err.organisation'],
      role.value === 'HANDLAGGARE' && !municipality.value && ['municipalityId', 'admin.staff.err.municipality'],
    ],
    send: () => {
      const password = oneTimePassword();
      return api('POST', '/api/admin/staff', {
        username: username.value.trim(), displayName: displayName.value.trim(), role: role.value,
        organisationId: role.value === 'COORDINATOR' ? organisation.value : null,
        municipalityId: role.value === 'HANDLAGGARE' ? municipality.value : null,
        initialPassword: password,
      }).then((account) => ({ account, password }));
    },
    done: async ({ account, password }) => {
      form.reset();
      showTenantFields();
      showOnce(account, password);
      announce(t('admin.staff.createdAnnounce', { username: account.username }));
      await load();
    },
  });

  /** The first password, on the page only: never stored, gone when the admin closes it or leaves the screen. */
  function showOnce(account, password) {
    const close = h('button', { type: 'button', class: 'btn', id: 'staff-created-close', text: t('admin.staff.passwordDone') });
    const box = h('section', { class: 'card once', id: 'staff-created', 'aria-labelledby': 'staff-created-title', tabindex: '-1' },
      h('h2', { id: 'staff-created-title', text: t('admin.staff.createdTitle', { username: account.username }) }),
      h('p', { text: t('admin.staff.passwordOnce') }),
      h('p', { class: 'once-password' }, h('span', { text: t('admin.staff.passwordLabel') }), ' ',
        h('code', { id: 'staff-password', translate: 'no', text: password })),
      h('p', { class: 'hint', text: t('admin.staff.passwordNext') }), close);
    close.addEventListener('click', () => {
      replace(created);
      submit.focus();
    });
    replace(created, box);
    box.focus();
  }

  async function act(row, button, call, message, focusAfter) {
    const error = row.querySelector('.row-error');
    error.textContent = '';
    button.disabled = true;
    try {
      await call();
      announce(message);
      await load(row.dataset.staff, focusAfter || button.dataset.action);
    } catch (err) {
      button.disabled = false;
      error.textContent = err?.problem?.detail ? t('client.field.serverSays', { message: err.problem.detail }) : t('client.field.failed');
    }
  }

  function draw(staff, focusId, focusAction) {
    replace(list, h('table', { class: 'table', id: 'staff-table' },
      h('caption', { class: 'visually-hidden', text: t('admin.staff.listTitle') }),
      h('thead', {}, h('tr', {}, ['username', 'name', 'role', 'tenant', 'state', 'totp', 'actions']
        .map((c) => h('th', { scope: 'col', text: t(`admin.staff.col.${c}`) })))),
      h('tbody', {}, staff.map((s) => {
        const toggle = h('button', { type: 'button', class: 'btn btn-small', 'data-action': 'toggle',
          text: s.disabled ? t('admin.staff.enable') : t('admin.staff.disable'),
          'aria-label': t(s.disabled ? 'admin.staff.enableOf' : 'admin.staff.disableOf', { username: s.username }) });
        const revoke = h('button', { type: 'button', class: 'btn btn-small', 'data-action': 'revoke', text: t('admin.staff.revoke'),
          'aria-label': t('admin.staff.revokeOf', { username: s.username }) });
        // Her own account is not disabled from here: that would sign her out and lock her out at once.
        const actions = h('div', { class: 'row-actions' }, s.id === me?.id ? null : toggle, revoke);
        const row = h('tr', { 'data-staff': s.id, 'data-username': s.username, 'data-disabled': String(s.disabled) },
          h('th', { scope: 'row' }, h('bdi', { text: s.username })),
          h('td', {}, h('bdi', { text: s.displayName })),
          h('td', { text: t(`role.${s.role}`) }),
          h('td', {}, h('bdi', { text: places.name(s.organisationId || s.municipalityId) || t('admin.staff.noTenant') })),
          h('td', { class: 'state' }, h('span', { class: s.disabled ? 'badge badge-overdue' : 'badge badge-ok',
            text: s.disabled ? t('admin.staff.disabled') : t('admin.staff.active') })),
          h('td', { text: s.totpEnabled ? t('admin.staff.totpYes') : t('admin.staff.totpNo') }),
          h('td', {}, actions, h('p', { class: 'alert row-error', role: 'alert' })));
        const resetTotp = h('button', { type: 'button', class: 'btn btn-small', 'data-action': 'reset-totp', text: t('admin.staff.resetTotp'),
          'aria-label': t('admin.staff.resetTotpOf', { username: s.username }) });
        const unlock = h('button', { type: 'button', class: 'btn btn-small', 'data-action': 'unlock', text: t('admin.staff.unlock'),
          'aria-label': t('admin.staff.unlockOf', { username: s.username }) });
        actions.append(...(s.totpEnabled && s.id !== me?.id ? [resetTotp] : []), unlock);
        resetTotp.addEventListener('click', () => act(row, resetTotp,
          () => api('POST', `/api/admin/staff/${s.id}/reset-totp`),
          t('admin.staff.resetTotpAnnounce', { username: s.username }), 'unlock'));
        unlock.addEventListener('click', () => act(row, unlock,
          () => api('POST', `/api/admin/staff/${s.id}/unlock`),
          t('admin.staff.unlockedAnnounce', { username: s.username })));
        toggle.addEventListener('click', () => act(row, toggle,
          () => api('POST', `/api/admin/staff/${s.id}/disabled`, { disabled: !s.disabled }),
          t(s.disabled ? 'admin.staff.enabledAnnounce' : 'admin.staff.disabledAnnounce', { username: s.username })));
        revoke.addEventListener('click', () => act(row, revoke,
          () => api('POST', `/api/admin/staff/${s.id}/revoke-sessions`),
          t('admin.staff.revokedAnnounce', { username: s.username })));
        return row;
      }))));
    if (focusId) list.querySelector(`tr[data-staff="${CSS.escape(focusId)}"] [data-action="${focusAction}"]`)?.focus();
  }

  async function load(focusId, focusAction) {
    try {
      const [p, staff] = await Promise.all([tenants(signal), api('GET', '/api/admin/staff', undefined, { signal })]);
      places = p;
      fillTenants();
      draw(staff, focusId, focusAction);
      general.textContent = '';
    } catch {
      if (!signal.aborted) general.textContent = t('admin.loadError');
    }
  }

  replace(main, h('section', { class: 'screen admin staff', id: 'staff' },
    h('h1', { tabindex: '-1', text: t('admin.staff.title') }),
    h('p', { class: 'lead', text: t('admin.staff.lead') }),
    general, created,
    h('div', { class: 'admin-grid' },
      h('section', { class: 'card', 'aria-labelledby': 'staff-list-title' },
        h('h2', { id: 'staff-list-title', text: t('admin.staff.listTitle') }), list),
      h('section', { class: 'card', 'aria-labelledby': 'staff-new-title' },
        h('h2', { id: 'staff-new-title', text: t('admin.staff.newTitle') }), form))));
  replace(list, h('p', { role: 'status', text: t('client.loading') }));
  load();
  return () => {
    controller.abort();
    replace(created); // the one-time password leaves the page with the screen
  };
}
