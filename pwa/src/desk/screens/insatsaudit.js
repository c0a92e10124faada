// The municipality's own audit of one insats, on the handläggare's insats page: who of the municipality's staff
// read or changed what, and when (GET /api/insatser/<id>/audit), read-only. Loaded only when asked for, since
// looking is itself audited; entries name actions, never content.
import { h, replace } from '../../app/view.js';
import { dateTime, t, tl } from '../i18n.js';
import { api } from '../session.js';

const ACTIONS = {
  REFER: tl('hl.audit.REFER'), READ: tl('hl.audit.READ'), READ_PLANS: tl('hl.audit.READ_PLANS'),
  READ_UPPDRAG: tl('hl.audit.READ_UPPDRAG'), READ_FOLLOW_UPS: tl('hl.audit.READ_FOLLOW_UPS'), READ_AUDIT: tl('hl.audit.READ_AUDIT'),
  RECORD_INVESTIGATION: tl('hl.audit.RECORD_INVESTIGATION'), DECIDE_GRANTED: tl('hl.audit.DECIDE_GRANTED'),
  DECIDE_REFUSED: tl('hl.audit.DECIDE_REFUSED'), DECIDE_CHANGE: tl('hl.audit.DECIDE_CHANGE'), WRITE_UPPDRAG: tl('hl.audit.WRITE_UPPDRAG'),
  WRITE_PLAN: tl('hl.audit.WRITE_PLAN'), FOLLOW_UP_CONTINUE: tl('hl.audit.FOLLOW_UP_CONTINUE'), FOLLOW_UP_CHANGE: tl('hl.audit.FOLLOW_UP_CHANGE'),
  FOLLOW_UP_END: tl('hl.audit.FOLLOW_UP_END'), END: tl('hl.audit.END'), WITHDRAW: tl('hl.audit.WITHDRAW'), EXPORT: tl('hl.audit.EXPORT'),
};
const actionText = (code) => (ACTIONS[code] ? t(ACTIONS[code]) : t('hl.audit.other', { code }));

export function auditSection(id) {
  const result = h('div', { id: 'insats-audit-result', 'aria-live': 'polite' });
  const button = h('button', { type: 'button', class: 'btn', id: 'insats-audit-show', text: t('hl.audit.show') });
  button.addEventListener('click', async () => {
    button.disabled = true;
    replace(result, h('p', { role: 'status', text: t('client.loading') }));
    try {
      const entries = await api('GET', `/api/insatser/${id}/audit`);
      replace(result, entries.length === 0 ? h('p', { id: 'insats-audit-none', text: t('hl.audit.none') })
        : h('table', { class: 'table', id: 'insats-audit-table' },
          h('caption', { class: 'visually-hidden', text: t('hl.audit.caption') }),
          h('thead', {}, h('tr', {}, [t('hl.audit.when'), t('hl.audit.who'), t('hl.audit.what')].map((c) => h('th', { scope: 'col', text: c })))),
          h('tbody', {}, entries.map((e) => h('tr', { 'data-action': e.action },
            h('td', { text: dateTime(e.at) }), h('td', {}, h('bdi', { text: e.who || t('hl.unknown') })), h('td', { text: actionText(e.action) }))))));
    } catch {
      replace(result, h('p', { class: 'alert', role: 'alert', text: t('hl.loadError') }));
    } finally {
      button.disabled = false;
    }
  });
  return h('section', { class: 'card', id: 'insats-audit', 'aria-labelledby': 'insats-audit-title' },
    h('h2', { id: 'insats-audit-title', tabindex: '-1', text: t('hl.audit.title') }),
    h('p', { class: 'hint', text: t('hl.audit.lead') }),
    button, result);
}
