// Idag: the coordinator's worklist (GET /api/notifications), urgent items first in a style that does not
// rest on colour alone (a heading, a word and a thick border), overdue ones marked, counts per kind, and
// live updates from the server-sent event stream. A request for help is acknowledged ("Jag har sett det",
// which the client's phone then shows); other items are marked done.
import { h, replace } from '../../app/view.js';
import { dateTime, t, time } from '../i18n.js';
import { api } from '../session.js';
import { followWorklist, liveStatus } from '../live.js';

const ALARM_KINDS = new Set(['NEED_HELP']);
// At the top beside the urgent ones, though the server files them as normal (no urgent mail round): an agreed
// check-in that went unanswered is the first sign that something may have happened to her.
const ATTENTION_KINDS = new Set(['CHECKIN_MISSED']);
const onTop = (item) => item.urgency === 'URGENT' || ATTENTION_KINDS.has(item.kind);
const KNOWN_KINDS = new Set(['NEED_HELP', 'CHILD_AT_RISK', 'WANT_CONTACT', 'CHECKIN_MISSED', 'VOLUNTEER_SUPPORT',
  'VOLUNTEER_CALL', 'VOLUNTEER_WORRY', 'CONTACT_ENDED_BY_CLIENT', 'CLIENT_CONCERN', 'FOLLOW_UP_ASSESSED',
  'FOLLOW_UP_DUE', 'INSATS_REQUESTED', 'INSATS_WITHDRAWN', 'INSATS_DECIDED', 'UPPDRAG_WRITTEN', 'INSATS_ENDED',
  'TIME_REPORT_RETURNED', 'PAIR_QUIET', 'CONSENT_REVOKED']);
// Where an item's object is shown on the desk (an id, never content); other objects have no screen here.
const OBJECT_ROUTES = { ASSIGNMENT: 'assignments', CLIENT: 'clients', VOLUNTEER: 'volunteers', INSATS: 'org-insatser' };

function kindLabel(kind) {
  return KNOWN_KINDS.has(kind) ? t(`kind.${kind}`) : t('kind.other');
}

export function render(main, { announce }) {
  const controller = new AbortController();
  const pseudonyms = new Map(); // client id -> promise of its pseudonym (or of null when not readable)
  let known = null; // ids seen at the last load (null before the first)
  let loading = null;
  let again = false;

  const status = liveStatus();
  const counts = h('div', { id: 'today-counts' });
  const urgent = h('div', { id: 'today-urgent' });
  const rest = h('div', { id: 'today-list' });
  const error = h('p', { class: 'alert', role: 'alert', id: 'today-error' });

  replace(main, h('section', { class: 'screen today', id: 'today' },
    h('div', { class: 'screen-head' }, h('h1', { tabindex: '-1', text: t('today.title') }), status),
    error, counts, urgent, rest));

  /** A client's pseudonym (null when not readable), asked once per client: the promise itself is remembered. */
  function pseudonym(clientId) {
    if (!clientId) return Promise.resolve(null);
    if (!pseudonyms.has(clientId)) {
      pseudonyms.set(clientId, api('GET', `/api/clients/${clientId}`, undefined, { signal: controller.signal })
        .then((detail) => detail.client.pseudonym, () => null));
    }
    return pseudonyms.get(clientId);
  }

  async function load() {
    const items = await api('GET', '/api/notifications', undefined, { signal: controller.signal });
    const needAlarms = items.some((i) => ALARM_KINDS.has(i.kind));
    const alarms = needAlarms ? await api('GET', '/api/alarms', undefined, { signal: controller.signal }) : [];
    const byCheckin = new Map(alarms.map((a) => [a.checkinId, a]));
    // The alarms' pseudonyms in parallel (each client once, then from memory), not one request after another.
    const rows = await Promise.all(items.map(async (item) => {
      const alarm = item.objectType === 'CHECKIN' ? byCheckin.get(item.objectId) : null;
      return { item, alarm, pseudonym: alarm ? await pseudonym(alarm.clientId) : null };
    }));
    if (controller.signal.aborted) return;
    draw(rows);
    const fresh = known ? items.filter((i) => !known.has(i.id)) : [];
    known = new Set(items.map((i) => i.id));
    const freshUrgent = fresh.filter((i) => i.urgency === 'URGENT');
    if (freshUrgent.length) announce(t('today.newUrgent', { kind: kindLabel(freshUrgent[0].kind) }));
    else if (fresh.length) announce(t('today.newItems', { count: fresh.length }));
  }

  /** Coalesces reloads: an event during a load causes exactly one more. */
  function reload() {
    if (loading) {
      again = true;
      return loading;
    }
    loading = load()
      .then(() => { error.textContent = ''; })
      .catch((e) => { if (!controller.signal.aborted) error.textContent = t('today.error'); return e; })
      .finally(() => {
        loading = null;
        if (again && !controller.signal.aborted) {
          again = false;
          reload();
        }
      });
    return loading;
  }

  function draw(rows) {
    // Requests for help first, then missed check-ins; newest first within each (the server's order).
    const urgentRows = [...rows.filter((r) => r.item.urgency === 'URGENT'), ...rows.filter((r) => r.item.urgency !== 'URGENT' && onTop(r.item))];
    const otherRows = rows.filter((r) => !onTop(r.item));
    const perKind = new Map();
    for (const { item } of rows) perKind.set(item.kind, (perKind.get(item.kind) || 0) + 1);

    replace(counts, rows.length === 0 ? null : h('section', { class: 'counts', 'aria-labelledby': 'counts-title' },
      h('h2', { id: 'counts-title', class: 'visually-hidden', text: t('today.countsTitle') }),
      h('ul', { class: 'count-list' }, [...perKind.entries()].map(([kind, n]) =>
        h('li', { class: 'count', 'data-kind': kind },
          h('span', { class: 'count-n', text: String(n) }), ' ', h('span', { class: 'count-kind', text: kindLabel(kind) }))))));

    replace(urgent, urgentRows.length === 0 ? null : h('section', { class: 'urgent-section', 'aria-labelledby': 'urgent-title' },
      h('h2', { id: 'urgent-title' }, h('span', { class: 'urgent-mark', 'aria-hidden': 'true', text: '!' }), ' ',
        t('today.urgentTitle', { count: urgentRows.length })),
      h('ul', { class: 'items' }, urgentRows.map(itemRow))));

    replace(rest, h('section', { 'aria-labelledby': 'list-title' },
      h('h2', { id: 'list-title', text: t('today.listTitle') }),
      otherRows.length === 0
        ? h('p', { class: 'empty', id: 'today-empty', text: rows.length === 0 ? t('today.empty') : t('today.emptyRest') })
        : h('ul', { class: 'items' }, otherRows.map(itemRow))));
  }

  function itemRow({ item, alarm, pseudonym: name }) {
    const isUrgent = item.urgency === 'URGENT';
    const attention = !isUrgent && onTop(item);
    const titleId = `item-${item.id}-title`;
    const canAcknowledge = ALARM_KINDS.has(item.kind) && alarm;
    const action = h('button', {
      type: 'button', class: isUrgent ? 'btn btn-urgent' : 'btn',
      'data-action': canAcknowledge ? 'acknowledge' : 'done',
      'aria-describedby': titleId,
      text: canAcknowledge ? t('today.acknowledge') : t('today.done'),
    });
    const rowError = h('p', { class: 'alert', role: 'alert' });
    action.addEventListener('click', async () => {
      action.disabled = true;
      rowError.textContent = '';
      try {
        if (canAcknowledge) await api('POST', `/api/checkins/${alarm.checkinId}/acknowledge`);
        else await api('POST', `/api/notifications/${item.id}/done`);
        announce(canAcknowledge ? t('today.acknowledged') : t('today.doneAnnounced'));
        await reload();
      } catch {
        rowError.textContent = t('today.actionError');
        action.disabled = false;
      }
    });
    return h('li', { class: `item${isUrgent ? ' item-urgent' : ''}${attention ? ' item-attention' : ''}${item.escalatedAt ? ' item-overdue' : ''}`,
      'data-id': item.id, 'data-kind': item.kind, 'data-urgency': item.urgency, 'data-object': item.objectId },
      h('div', { class: 'item-main' },
        h('h3', { class: 'item-title', id: titleId },
          isUrgent ? h('span', { class: 'badge badge-urgent', text: t('today.urgentBadge') }) : null,
          attention ? h('span', { class: 'badge badge-attention', text: t('today.attentionBadge') }) : null,
          isUrgent || attention ? ' ' : null,
          OBJECT_ROUTES[item.objectType]
            ? h('a', { href: `#/${OBJECT_ROUTES[item.objectType]}/${item.objectId}`, class: 'item-link', text: kindLabel(item.kind) })
            : kindLabel(item.kind)),
        h('p', { class: 'item-meta' },
          name ? h('span', { class: 'item-client' }, t('today.client'), ' ', h('bdi', { class: 'pseudonym', text: name })) : null,
          name ? ' · ' : null,
          h('span', {}, t('today.created', { when: dateTime(item.createdAt) }))),
        item.escalatedAt ? h('p', { class: 'badge badge-overdue', 'data-overdue': 'true' },
          h('span', { 'aria-hidden': 'true', text: '⏱ ' }), t('today.overdue', { time: time(item.escalatedAt) })) : null,
        alarm?.acknowledgedAt ? h('p', { class: 'item-meta', text: t('today.seenAt', { time: time(alarm.acknowledgedAt) }) }) : null,
        rowError),
      h('div', { class: 'item-actions' }, action));
  }

  reload();
  followWorklist(status, controller.signal, reload);
  return () => controller.abort();
}
