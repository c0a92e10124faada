// The conversation. A sent message first goes to the outbox: an encrypted vault record that survives a
// lock, a reload and an app update, and leaves only when the server has acknowledged it. The draft is
// saved (encrypted) as it is typed, so an update or an idle lock never loses a half-written message.
import { t, tl } from '../i18n.js';
import * as events from '../events.js';
import * as session from '../session.js';
import { field, h, replace } from '../view.js';
import { FEEL_SAFE, MOODS, NEEDS, STATUS } from './checkin.js';
import { alarmSlot } from './alarm.js';
import { call, facts, formatTime, screen } from './common.js';

const STATE_KEYS = {
  queued: tl('chat.stateQueued'), sent: tl('chat.stateSent'), delivered: tl('chat.stateDelivered'), read: tl('chat.stateRead'),
  undeliverable: tl('chat.stateUndeliverable'),
};

/** A check-in as the kontaktperson receives it: every answer the client gave, not only the status. */
function checkinItem(m) {
  const label = (list, value) => {
    const found = list.find((x) => String(x.value) === String(value));
    return found ? t(found.key) : null;
  };
  const needs = (m.needs || []).map((n) => label(NEEDS, n)).filter(Boolean);
  const alert = m.status === 'NEED_HELP';
  return h('li', { class: `msg msg-in msg-checkin${alert ? ' msg-alert' : ''}` },
    h('p', { class: 'msg-who' }, alert && h('span', { 'aria-hidden': 'true', text: '⚠ ' }), t('checkin.title')),
    facts([
      [t('checkin.safety'), label(STATUS, m.status) || ''],
      m.mood != null && [t('checkin.mood'), label(MOODS, m.mood) || String(m.mood)],
      m.safety != null && [t('checkin.feelSafe'), label(FEEL_SAFE, m.safety) || String(m.safety)],
      needs.length > 0 && [t('checkin.needs'), needs.join(', ')],
      m.text && [t('checkin.note'), h('span', { class: 'msg-text', dir: 'auto', text: m.text })],
    ]),
    h('p', { class: 'msg-meta' }, h('time', { datetime: new Date(m.at).toISOString(), text: formatTime(m.at) })));
}

function messageItem(m, them) {
  if (m.kind === 'checkin') return checkinItem(m);
  const outgoing = m.direction === 'out';
  return h('li', { class: outgoing ? 'msg msg-out' : 'msg msg-in' },
    h('p', { class: 'msg-who', text: outgoing ? t('chat.you') : them }),
    h('p', { class: 'msg-text', dir: 'auto', text: m.text }),
    h('p', { class: 'msg-meta' }, h('time', { datetime: new Date(m.at).toISOString(), text: formatTime(m.at) }),
      outgoing ? ` · ${t(STATE_KEYS[m.state] || STATE_KEYS.queued)}` : ''));
}

export function render(app) {
  const vault = session.currentVault();
  // A kontaktperson with several clients sees one conversation at a time: the one chosen at home.
  const chosen = session.chosenConversation();
  const list = h('ol', { class: 'messages', id: 'messages' });
  const draftRecord = vault.one('draft');
  const input = h('textarea', { id: 'message', name: 'message', rows: '3', maxlength: '4000', dir: 'auto' });
  input.value = draftRecord?.data.text || '';

  function refresh() {
    const messages = vault.list('message').map((r) => r.data)
      .filter((m) => !chosen || m.conversationId === chosen.id).sort((a, b) => a.at - b.at);
    // The kontaktperson sees the client's pseudonym; the client sees "Kontaktperson".
    const them = chosen?.pseudonym || t('chat.them');
    replace(list, messages.length ? messages.map((m) => messageItem(m, them)) : h('li', { class: 'empty', text: t('chat.empty') }));
  }

  let timer = null;
  let saved = input.value;
  async function saveDraft() {
    clearTimeout(timer);
    const v = session.currentVault();
    if (!v || input.value === saved) return;
    saved = input.value;
    await v.setOne('draft', { text: input.value });
  }
  const unregister = session.registerDraftSaver(saveDraft);
  const unlisten = events.onChange(() => { if (session.currentVault() === vault) refresh(); });
  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(saveDraft, 400);
  });

  async function onSubmit(event) {
    event.preventDefault();
    const text = input.value.trim();
    if (!text) return;
    // Cleared before the (slow, encrypted) write: what is typed meanwhile is the next draft, not lost.
    input.value = '';
    try {
      await vault.put('message', {
        id: crypto.randomUUID(), direction: 'out', text, at: Date.now(), state: 'queued', conversationId: chosen?.id,
      });
    } catch (e) {
      if (!input.value) input.value = text;
      throw e;
    }
    await saveDraft();
    refresh();
    events.kick();
    app.announce(t('chat.queuedAnnounce'));
    input.focus();
  }
  refresh();
  const form = h('form', { id: 'composer', class: 'composer', onsubmit: onSubmit },
    field(t('chat.message'), input),
    h('button', { type: 'submit', class: 'btn btn-primary', id: 'send', text: t('chat.send') }));
  const log = h('div', { role: 'log', 'aria-label': t('chat.history') }, list);
  // A contact that has ended (either side, or the organisation) closes the chat on both phones: said in
  // neutral words, and nothing more can be written here.
  const closed = h('p', { class: 'notice', id: 'chat-closed', role: 'status', hidden: true, text: t('chat.closed') });
  call('GET', '/api/conversations').then((all) => {
    const open = (all || []).some((c) => !chosen || c.id === chosen.id);
    if (open) return;
    closed.hidden = false;
    input.disabled = true;
    form.querySelector('#send').disabled = true;
  }).catch(() => {});
  // A kontaktperson in a client's chat sees that client's open alarm first.
  const alarms = session.currentDevice()?.kind === 'VOLUNTEER' && chosen
    ? alarmSlot({ conversationId: chosen.id, pseudonyms: () => new Map([[chosen.id, chosen.pseudonym]]) }) : null;
  const node = screen(chosen ? t('chat.titleWith', { name: chosen.pseudonym }) : t('chat.title'), t('chat.intro'), alarms, closed, log, form);
  // Called by the router when the screen is left: keep the draft, stop listening.
  node.cleanup = () => {
    saveDraft();
    unregister();
    unlisten();
    alarms?.cleanup();
  };
  return node;
}
