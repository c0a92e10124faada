// A client's "I need help now" on the kontaktperson's phone: pinned at the top of Start and of that
// client's chat until someone has seen it, in a style that does not rest on colour alone (a heading that
// says it, a warning sign, a thick border), with "Jag har sett det" and what to do. The alarms come from
// the server (GET /api/alarms); the envelope with the client's answers comes through the chat.
import { coordinatorContact } from '../config.js';
import { t } from '../i18n.js';
import * as events from '../events.js';
import { h, replace, telLink } from '../view.js';
import { call, formatTime, problemText } from './common.js';

function card(alarm, pseudonym, onAcknowledged) {
  const error = h('p', { class: 'alert', role: 'alert' });
  const button = h('button', {
    type: 'button', class: 'btn btn-primary', id: `acknowledge-${alarm.checkinId}`, text: t('alarm.acknowledge'),
    onclick: async () => {
      button.disabled = true;
      try {
        onAcknowledged(await call('POST', `/api/checkins/${alarm.checkinId}/acknowledge`));
      } catch (e) {
        error.textContent = problemText(e);
        button.disabled = false;
      }
    },
  });
  return h('section', { class: 'card alarm-card', role: 'alert', 'data-checkin': alarm.checkinId, 'aria-labelledby': `alarm-title-${alarm.checkinId}` },
    h('h2', { id: `alarm-title-${alarm.checkinId}` },
      h('span', { class: 'alarm-sign', 'aria-hidden': 'true', text: '⚠ ' }),
      t('alarm.title', { name: pseudonym || t('alarm.yourClient') })),
    h('p', { text: t('alarm.raisedAt', { time: formatTime(Date.parse(alarm.raisedAt)) }) }),
    alarm.escalatedAt && h('p', { class: 'alarm-overdue', text: t('alarm.overdue') }),
    h('ul', { class: 'tips' },
      h('li', { text: t('alarm.help112') }),
      h('li', { text: t('alarm.helpContact') }),
      h('li', { text: t('alarm.helpCoordinator') })),
    coordinatorContact() && h('p', { class: 'lines' },
      telLink(coordinatorContact().number, t('alarm.callCoordinator', { name: coordinatorContact().name }))),
    button, error);
}

function seenCard(alarm, pseudonym) {
  const who = alarm.acknowledgedBy === 'COORDINATOR' ? 'alarm.seenByCoordinator' : 'alarm.seenByYou';
  return h('section', { class: 'card alarm-seen', 'data-checkin': alarm.checkinId },
    h('p', { text: t(who, { name: pseudonym || t('alarm.yourClient'), time: formatTime(Date.parse(alarm.acknowledgedAt)) }) }));
}

/**
 * A slot that fills with the open alarms (of one conversation, when given) and keeps itself current:
 * on every change the messaging engine reports (an answer arriving, a wake) it asks the server again.
 * `pseudonyms` maps conversation ids to the client's pseudonym.
 */
export function alarmSlot({ conversationId = null, pseudonyms = () => new Map() } = {}) {
  const slot = h('div', { id: 'alarm-slot', class: 'alarm-slot' });
  const seen = new Map();
  let stopped = false;
  async function load() {
    let alarms;
    try {
      alarms = await call('GET', '/api/alarms');
    } catch {
      return;
    }
    if (stopped) return;
    const mine = (alarms || []).filter((a) => !conversationId || a.conversationId === conversationId);
    const names = pseudonyms();
    const open = mine.filter((a) => !a.acknowledgedAt);
    const justSeen = mine.filter((a) => a.acknowledgedAt && seen.has(a.checkinId));
    replace(slot, [
      ...open.map((a) => card(a, names.get(a.conversationId), (view) => {
        seen.set(a.checkinId, true);
        load();
        return view;
      })),
      ...justSeen.map((a) => seenCard(a, names.get(a.conversationId))),
    ]);
  }
  load();
  const unlisten = events.onChange(load);
  slot.cleanup = () => {
    stopped = true;
    unlisten();
  };
  return slot;
}
