// Inkorg: the handläggare's first screen. What waits for the municipality, with counts: proposals from
// organisations (the server shows them only after the client's consent), answers to the municipality's own
// requests, follow-ups due or overdue, time reports to review, closed insatser to export before gallring deletes them
// (within 60 days), and changes the organisation reported (the
// client ended the contact, consent withdrawn, a new plan, a follow-up report). Live: the notification stream
// says "changed" and the inbox reloads; new items are announced.
import { h, replace } from '../../app/view.js';
import { dateTime, t, tl } from '../i18n.js';
import { api } from '../session.js';
import { followWorklist, liveStatus } from '../live.js';
import { date, today } from '../fields.js';
import { FU_STATUS, followUpStatus, hours } from '../insatscodes.js';

const CHANGE_KINDS = {
  ASSIGNMENT_CLOSED: tl('hl.kind.ASSIGNMENT_CLOSED'), CONSENT_REVOKED: tl('hl.kind.CONSENT_REVOKED'),
  INSATS_WITHDRAWN: tl('hl.kind.INSATS_WITHDRAWN'), INSATS_VOLUNTEER_WITHDRAWN: tl('hl.kind.INSATS_VOLUNTEER_WITHDRAWN'),
  PLAN_WRITTEN: tl('hl.kind.PLAN_WRITTEN'), FOLLOW_UP_REPORTED: tl('hl.kind.FOLLOW_UP_REPORTED'),
  CLIENT_VIEW_SHARED: tl('hl.kind.CLIENT_VIEW_SHARED'), TIME_REPORT_SUBMITTED: tl('hl.kind.TIME_REPORT_SUBMITTED'),
};
const SECTIONS = {
  proposals: tl('hl.inbox.proposals'), answers: tl('hl.inbox.answers'), followUps: tl('hl.inbox.followUps'),
  reports: tl('hl.inbox.reports'), changes: tl('hl.inbox.changes'), gallring: tl('hl.inbox.gallring'),
};

export function render(main, { announce }) {
  const controller = new AbortController();
  let known = null;
  let loading = null;
  let again = false;
  const status = liveStatus();
  const counts = h('div', { id: 'inbox-counts' });
  const lists = h('div', { id: 'inbox-lists' });
  const error = h('p', { class: 'alert', role: 'alert', id: 'inbox-error' });
  replace(main, h('section', { class: 'screen today inbox', id: 'inbox' },
    h('div', { class: 'screen-head' }, h('h1', { tabindex: '-1', text: t('hl.inbox.title') }), status),
    error, counts, lists));
  const get = (path) => api('GET', path, undefined, { signal: controller.signal });

  async function load() {
    const [insatser, reports, notes, gallring] = await Promise.all([get('/api/insatser'), get('/api/time-reports?state=SUBMITTED'),
      get('/api/notifications'), get('/api/insats-gallring')]);
    if (controller.signal.aborted) return;
    const now = today();
    const byId = new Map(insatser.map((i) => [i.id, i]));
    const groups = {
      proposals: insatser.filter((i) => i.state === 'PROPOSED' && i.origin === 'ORGANISATION'),
      answers: insatser.filter((i) => i.state === 'PROPOSED' && i.origin === 'MUNICIPALITY'),
      followUps: insatser.filter((i) => i.state === 'GRANTED' && ['due', 'overdue'].includes(followUpStatus(i.nextFollowUpOn, now)))
        .sort((a, b) => a.nextFollowUpOn.localeCompare(b.nextFollowUpOn)),
      reports,
      changes: notes.filter((n) => CHANGE_KINDS[n.kind] && n.kind !== 'TIME_REPORT_SUBMITTED'),
      // Closed insatser that gallring deletes within 60 days: the municipality exports them to its own records first.
      gallring,
    };
    draw(groups, byId, now);
    const ids = new Set([...groups.proposals, ...groups.answers, ...groups.reports, ...groups.changes].map((x) => x.id));
    const fresh = known ? [...ids].filter((x) => !known.has(x)) : [];
    known = ids;
    if (fresh.length) announce(t('today.newItems', { count: fresh.length }));
  }

  function reload() {
    if (loading) { again = true; return loading; }
    loading = load().then(() => { error.textContent = ''; })
      .catch(() => { if (!controller.signal.aborted) error.textContent = t('hl.loadError'); })
      .finally(() => {
        loading = null;
        if (again && !controller.signal.aborted) { again = false; reload(); }
      });
    return loading;
  }

  const pseudonym = (i) => h('bdi', { class: 'pseudonym', text: i?.clientPseudonym || t('hl.noPseudonym') });
  const link = (insatsId, i) => h('a', { href: `#/insatser/${insatsId}`, 'data-insats': insatsId }, pseudonym(i));

  function draw(groups, byId, now) {
    replace(counts, h('section', { class: 'counts', 'aria-labelledby': 'inbox-counts-title' },
      h('h2', { id: 'inbox-counts-title', class: 'visually-hidden', text: t('today.countsTitle') }),
      h('ul', { class: 'count-list' }, Object.keys(SECTIONS).map((k) => h('li', { class: 'count', 'data-kind': k },
        h('a', { href: `#inbox-${k}`, onclick: (e) => { e.preventDefault(); document.getElementById(`inbox-${k}-title`)?.focus(); } },
          h('span', { class: 'count-n', text: String(groups[k].length) }), ' ', h('span', { class: 'count-kind', text: t(SECTIONS[k]) })))))));
    const block = (key, items, row) => h('section', { class: 'card', id: `inbox-${key}`, 'aria-labelledby': `inbox-${key}-title` },
      h('h2', { id: `inbox-${key}-title`, tabindex: '-1', text: `${t(SECTIONS[key])} (${items.length})` }),
      items.length === 0 ? h('p', { class: 'empty', text: t('hl.inbox.none') }) : h('ul', { class: 'items' }, items.map(row)));
    replace(lists,
      block('proposals', groups.proposals, (i) => h('li', { class: 'item', 'data-insats': i.id },
        h('div', { class: 'item-main' }, h('h3', { class: 'item-title' }, link(i.id, i)),
          h('p', { class: 'item-meta', text: t('hl.inbox.proposedAt', { when: dateTime(i.createdAt) }) })))),
      block('answers', groups.answers, (i) => h('li', { class: 'item', 'data-insats': i.id },
        h('div', { class: 'item-main' }, h('h3', { class: 'item-title' }, link(i.id, i)),
          h('p', { class: 'item-meta', text: t('hl.inbox.answered') })))),
      block('followUps', groups.followUps, (i) => {
        const st = followUpStatus(i.nextFollowUpOn, now);
        return h('li', { class: `item${st === 'overdue' ? ' item-overdue' : ''}`, 'data-insats': i.id, 'data-status': st },
          h('div', { class: 'item-main' }, h('h3', { class: 'item-title' }, link(i.id, i)),
            h('p', { class: 'item-meta' }, h('span', { class: `badge ${st === 'overdue' ? 'badge-overdue' : 'badge-attention'}`, text: t(FU_STATUS[st]) }), ' ',
              t('hl.inbox.followUpOn', { date: date(i.nextFollowUpOn) }))));
      }),
      block('reports', groups.reports, (r) => h('li', { class: 'item', 'data-report': r.id },
        h('div', { class: 'item-main' }, h('h3', { class: 'item-title' }, link(r.insatsId, { clientPseudonym: r.clientPseudonym })),
          h('p', { class: 'item-meta' }, t('hl.inbox.report', { month: r.month, hours: hours(r.hours) }), ' · ',
            h('a', { href: `#/time-reports?month=${r.month}`, text: t('hl.inbox.review') }))))),
      block('changes', groups.changes, (n) => {
        const titleId = `change-${n.id}`;
        const done = h('button', { type: 'button', class: 'btn', 'aria-describedby': titleId, text: t('today.done') });
        const rowError = h('p', { class: 'alert', role: 'alert' });
        done.addEventListener('click', async () => {
          done.disabled = true;
          try {
            await api('POST', `/api/notifications/${n.id}/done`);
            announce(t('today.doneAnnounced'));
            await reload();
          } catch {
            rowError.textContent = t('today.actionError');
            done.disabled = false;
          }
        });
        return h('li', { class: 'item', 'data-kind': n.kind, 'data-insats': n.objectId },
          h('div', { class: 'item-main' }, h('h3', { class: 'item-title', id: titleId, text: t(CHANGE_KINDS[n.kind]) }),
            h('p', { class: 'item-meta' }, link(n.objectId, byId.get(n.objectId)), ' · ', t('today.created', { when: dateTime(n.createdAt) })),
            rowError),
          h('div', { class: 'item-actions' }, done));
      }),
      block('gallring', groups.gallring, (i) => h('li', { class: 'item', 'data-insats': i.id, 'data-gallring': i.deletedAfter },
        h('div', { class: 'item-main' }, h('h3', { class: 'item-title' }, link(i.id, i)),
          h('p', { class: 'item-meta', text: t('hl.inbox.deletedAfter', { date: date(i.deletedAfter) }) })))));
  }

  reload();
  followWorklist(status, controller.signal, reload);
  return () => controller.abort();
}
