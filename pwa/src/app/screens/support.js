// The kontaktperson asks her coordinators for support or raises a worry about her client (a child at risk
// obliges the organisation to consider an orosanmälan). What she writes goes to the coordinators only;
// she is told what happens next.
import { t, tl } from '../i18n.js';
import { choices, field, h, replace } from '../view.js';
import { alertBox, call, problemText, screen } from './common.js';

export const KINDS = [
  { value: 'SUPPORT_NOW', key: tl('support.kindSupport'), next: tl('support.nextSupport') },
  { value: 'CALL_ME', key: tl('support.kindCall'), next: tl('support.nextCall') },
  { value: 'WORRY_ABOUT_CLIENT', key: tl('support.kindWorry'), next: tl('support.nextWorry') },
  { value: 'CHILD_AT_RISK', key: tl('support.kindChild'), next: tl('support.nextChild') },
];
const NEEDS_TEXT = new Set(['WORRY_ABOUT_CLIENT', 'CHILD_AT_RISK']);

export function render(app) {
  const error = alertBox('support-error');
  const note = h('textarea', { id: 'support-text', name: 'text', rows: '4', maxlength: '4000', dir: 'auto' });
  const client = h('select', { id: 'support-client', name: 'clientId' }, h('option', { value: '', text: t('support.noClient') }));
  call('GET', '/api/me/clients').then((list) => {
    for (const c of list || []) client.append(h('option', { value: c.clientId, text: c.pseudonym }));
  }).catch(() => {});
  const body = h('div', { id: 'support-body' });
  async function onSubmit(event) {
    event.preventDefault();
    const form = event.target;
    const kind = form.querySelector('input[name="kind"]:checked')?.value;
    const problems = [];
    if (!kind) problems.push(t('support.missingKind'));
    if (kind && NEEDS_TEXT.has(kind) && !note.value.trim()) problems.push(t('support.missingText'));
    if (problems.length) {
      error.textContent = problems.join(' ');
      (kind ? note : form.querySelector('input[name="kind"]')).focus();
      return;
    }
    const button = form.querySelector('button[type="submit"]');
    button.disabled = true;
    try {
      await call('POST', '/api/me/support-requests', { kind, clientId: client.value || null, text: note.value.trim() || null });
    } catch (e) {
      error.textContent = problemText(e, { text: t('support.text'), clientId: t('support.client') });
      button.disabled = false;
      return;
    }
    const chosen = KINDS.find((k) => k.value === kind);
    replace(body,
      h('div', { class: 'notice', id: 'support-sent', role: 'status' },
        h('p', { text: t('support.sent') }),
        h('p', { text: t(chosen.next) })),
      h('button', { type: 'button', class: 'btn', id: 'support-home', onclick: () => app.go('home'), text: t('nav.home') }));
    body.querySelector('#support-home').focus();
  }
  replace(body, h('form', { id: 'support-form', novalidate: true, onsubmit: onSubmit },
    choices(t('support.kind'), 'kind', KINDS.map((k) => ({ value: k.value, label: t(k.key) })), { required: true }),
    field(t('support.client'), client),
    field(t('support.text'), note, t('support.textHint')),
    error,
    h('button', { type: 'submit', class: 'btn btn-primary', id: 'support-submit', text: t('support.submit') })));
  return screen(t('support.title'), t('support.intro'),
    h('p', { class: 'notice', text: t('support.urgent') }),
    body);
}
