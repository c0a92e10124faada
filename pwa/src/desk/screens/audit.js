// Granskningslogg (admin, issue 15): the audit log filtered by actor, action, object and time on the server,
// newest first, a page at a time; and the hash chain's verification with the first broken entry named.
// Entries hold ids and codes only: an actor is shown by username when it is a staff account.
import { h, replace } from '../../app/view.js';
import { dateTime, t } from '../i18n.js';
import { api } from '../session.js';
import { labelled } from '../clientfields.js';
import { instantOf } from '../fields.js';
import { alertLine, submitForm } from '../admincodes.js';

const SIZE = 25;
const ACTIONS = ['CREATE', 'UPDATE', 'READ', 'TRANSITION', 'EXPORT', 'SIGN_IN', 'TOTP_ENROL', 'DISABLE', 'ENABLE',
  'REVOKE_SESSIONS', 'ROTATE_FIELD_KEYS'];
const OBJECTS = ['STAFF_ACCOUNT', 'ORGANISATION', 'MUNICIPALITY', 'FIELD_KEY', 'VOLUNTEER', 'CLIENT', 'ASSIGNMENT', 'INSATS'];
const CODE = /^[A-Z][A-Z0-9_]{0,59}$/;

export function render(main, { announce }) {
  const controller = new AbortController();
  const signal = controller.signal;
  const general = alertLine('audit-error');
  const results = h('div', { id: 'audit-results', class: 'table-wrap' });
  const pager = h('div', { class: 'pager', id: 'audit-pager' });
  let staffNames = new Map();
  let page = 0;
  let query = {};

  const actor = h('select', { name: 'actor' }, h('option', { value: '', text: t('admin.audit.anyone') }));
  const action = h('input', { type: 'text', name: 'action', list: 'audit-actions', autocomplete: 'off', spellcheck: 'false' });
  const objectType = h('input', { type: 'text', name: 'objectType', list: 'audit-objects', autocomplete: 'off', spellcheck: 'false' });
  const objectId = h('input', { type: 'text', name: 'objectId', autocomplete: 'off', spellcheck: 'false' });
  const from = h('input', { type: 'datetime-local', name: 'from' });
  const to = h('input', { type: 'datetime-local', name: 'to' });
  const formError = alertLine('audit-form-error');
  const submit = h('button', { type: 'submit', class: 'btn btn-primary', id: 'audit-submit', text: t('admin.audit.search') });
  const form = h('form', { id: 'audit-form', class: 'filters', novalidate: true },
    labelled(t('admin.audit.actor'), actor),
    labelled(t('admin.audit.action'), action, { hint: t('admin.audit.actionHint') }),
    labelled(t('admin.audit.objectType'), objectType, { hint: t('admin.audit.objectTypeHint') }),
    labelled(t('admin.audit.objectId'), objectId),
    labelled(t('admin.audit.from'), from), labelled(t('admin.audit.to'), to),
    h('datalist', { id: 'audit-actions' }, ACTIONS.map((a) => h('option', { value: a }))),
    h('datalist', { id: 'audit-objects' }, OBJECTS.map((o) => h('option', { value: o }))),
    h('div', { class: 'filter-actions' }, submit), formError);

  const params = () => {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) if (v) q.set(k, v);
    q.set('page', String(page));
    q.set('size', String(SIZE));
    return q.toString();
  };

  submitForm(form, formError, submit, {
    check: () => {
      for (const el of [action, objectType]) el.value = el.value.trim().toUpperCase();
      return [
        action.value && !CODE.test(action.value) && ['action', 'admin.audit.err.code'],
        objectType.value && !CODE.test(objectType.value) && ['objectType', 'admin.audit.err.code'],
        objectId.value.trim().length > 100 && ['objectId', 'admin.audit.err.objectId'],
        from.value && to.value && from.value > to.value && ['to', 'admin.audit.err.order'],
      ];
    },
    send: () => {
      query = { actor: actor.value, action: action.value, objectType: objectType.value, objectId: objectId.value.trim(),
        from: instantOf(from.value), to: instantOf(to.value) };
      page = 0;
      return fetchPage();
    },
    done: (result) => show(result, true),
  });

  const fetchPage = () => api('GET', `/api/admin/audit?${params()}`, undefined, { signal });

  function actorText(e) {
    if (e.actorKind === 'STAFF' && staffNames.has(e.actorId)) return staffNames.get(e.actorId);
    return e.actorId ? `${t(`admin.audit.kind.${e.actorKind}`)} ${e.actorId}` : t(`admin.audit.kind.${e.actorKind}`);
  }

  function show(result, fresh) {
    const entries = result.entries || [];
    replace(results, entries.length === 0 ? h('p', { class: 'empty', id: 'audit-none', text: t('admin.audit.none') })
      : h('table', { class: 'table table-compact', id: 'audit-table' },
        h('caption', { text: t('admin.audit.pageCaption', { page: result.page + 1 }) }),
        h('thead', {}, h('tr', {}, ['seq', 'at', 'actor', 'role', 'action', 'objectType', 'objectId']
          .map((c) => h('th', { scope: 'col', text: t(`admin.audit.col.${c}`) })))),
        h('tbody', {}, entries.map((e) => h('tr', { 'data-seq': String(e.seq), 'data-action': e.action, 'data-object': e.objectId || '' },
          h('td', { text: String(e.seq) }), h('td', { text: dateTime(e.at) }),
          h('td', {}, h('bdi', { text: actorText(e) })), h('td', { text: e.role || '' }),
          h('td', {}, h('code', { text: e.action })), h('td', {}, h('code', { text: e.objectType })),
          h('td', { class: 'id' }, h('code', { text: e.objectId || '' })))))));
    const prev = h('button', { type: 'button', class: 'btn', id: 'audit-prev', text: t('admin.audit.prev'), disabled: result.page === 0 });
    const next = h('button', { type: 'button', class: 'btn', id: 'audit-next', text: t('admin.audit.next'), disabled: !result.more });
    prev.addEventListener('click', () => turn(-1));
    next.addEventListener('click', () => turn(1));
    replace(pager, prev, h('p', { role: 'status', id: 'audit-page', text: t('admin.audit.pageOf', { page: result.page + 1, count: entries.length }) }), next);
    if (fresh) announce(t('admin.audit.found', { count: entries.length }));
  }

  async function turn(step) {
    page = Math.max(0, page + step);
    try {
      show(await fetchPage(), true);
      results.querySelector('caption')?.setAttribute('tabindex', '-1');
      results.querySelector('caption')?.focus();
    } catch {
      if (!signal.aborted) general.textContent = t('admin.loadError');
    }
  }

  // Chain verification: the server walks the whole chain.
  const verifyButton = h('button', { type: 'button', class: 'btn', id: 'audit-verify', text: t('admin.audit.verify') });
  const verifyResult = h('div', { id: 'audit-verify-result', role: 'status' });
  verifyButton.addEventListener('click', async () => {
    verifyButton.disabled = true;
    verifyButton.setAttribute('aria-busy', 'true');
    replace(verifyResult, h('p', { text: t('admin.audit.verifying') }));
    try {
      const v = await api('GET', '/api/admin/audit/verify', undefined, { signal });
      const text = v.intact ? t('admin.audit.intact', { count: v.entriesChecked })
        : t('admin.audit.broken', { seq: v.firstBrokenSeq, count: v.entriesChecked });
      replace(verifyResult, h('p', { class: v.intact ? 'badge badge-ok verify-ok' : 'alert verify-broken', 'data-intact': String(v.intact), text }));
      announce(text);
    } catch {
      if (!signal.aborted) replace(verifyResult, h('p', { class: 'alert', text: t('admin.audit.verifyFailed') }));
    } finally {
      verifyButton.disabled = false;
      verifyButton.removeAttribute('aria-busy');
    }
  });

  replace(main, h('section', { class: 'screen admin audit', id: 'audit' },
    h('h1', { tabindex: '-1', text: t('admin.audit.title') }),
    h('p', { class: 'lead', text: t('admin.audit.lead') }),
    general,
    h('section', { class: 'card', 'aria-labelledby': 'audit-verify-title' },
      h('h2', { id: 'audit-verify-title', text: t('admin.audit.verifyTitle') }),
      h('p', { class: 'hint', text: t('admin.audit.verifyHint') }), verifyButton, verifyResult),
    h('section', { class: 'card', 'aria-labelledby': 'audit-filter-title' },
      h('h2', { id: 'audit-filter-title', text: t('admin.audit.filterTitle') }), form, results, pager)));

  (async () => {
    try {
      const staff = await api('GET', '/api/admin/staff', undefined, { signal });
      staffNames = new Map(staff.map((s) => [s.id, s.username]));
      for (const s of staff) actor.append(h('option', { value: s.id, text: s.username }));
      show(await fetchPage(), false);
    } catch {
      if (!signal.aborted) general.textContent = t('admin.loadError');
    }
  })();
  return () => controller.abort();
}
