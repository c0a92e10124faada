// The conversation. A sent message first goes to the outbox: an encrypted vault record that survives a
// lock, a reload and an app update, and leaves only when the server has acknowledged it. The draft is
// saved (encrypted) as it is typed, so an update or an idle lock never loses a half-written message.
import { language, t, tl } from '../i18n.js';
import * as events from '../events.js';
import * as session from '../session.js';
import { field, h, replace } from '../view.js';
import { FEEL_SAFE, MOODS, NEEDS, STATUS } from './checkin.js';
import { alarmSlot } from './alarm.js';
import { call, facts, formatTime, screen } from './common.js';

const STATE_KEYS = {
  queued: tl('chat.stateQueued'), sent: tl('chat.stateSent'), delivered: tl('chat.stateDelivered'), read: tl('chat.stateRead'),
  undeliverable: tl('chat.stateUndeliverable'), peerMissing: tl('chat.statePeerMissing'),
};

function stateText(m) {
  if (m.state === 'queued' && m.peerMissing) return t(STATE_KEYS.peerMissing);
  return t(STATE_KEYS[m.state] || STATE_KEYS.queued);
}

function dayOf(ms) {
  const d = new Date(ms);
  return `${d.getFullYear()}-${d.getMonth()}-${d.getDate()}`;
}

function dayLabel(ms) {
  const today = new Date();
  const yesterday = new Date(Date.now() - 86400_000);
  if (dayOf(ms) === dayOf(today.getTime())) return t('chat.today');
  if (dayOf(ms) === dayOf(yesterday.getTime())) return t('chat.yesterday');
  return new Intl.DateTimeFormat(language(), { dateStyle: 'long' }).format(new Date(ms));
}

function clock(ms) {
  return new Intl.DateTimeFormat(language(), { timeStyle: 'short' }).format(new Date(ms));
}

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

/** One message; the sender is named only where it changes (screen readers get it on every message). */
function messageItem(m, them, showSender) {
  if (m.kind === 'checkin') return checkinItem(m);
  const outgoing = m.direction === 'out';
  const who = outgoing ? t('chat.you') : them;
  return h('li', { class: outgoing ? 'msg msg-out' : 'msg msg-in' },
    showSender ? h('p', { class: 'msg-who', text: who }) : h('p', { class: 'visually-hidden', text: who }),
    h('p', { class: 'msg-text', dir: 'auto', text: m.text }),
    h('p', { class: 'msg-meta' }, h('time', { datetime: new Date(m.at).toISOString(), text: clock(m.at) }),
      outgoing ? ` · ${stateText(m)}` : ''));
}

/** Messages grouped by day, oldest first, like the messengers people know. */
function messageItems(messages, them) {
  const out = [];
  let day = null;
  let sender = null;
  for (const m of messages) {
    if (dayOf(m.at) !== day) {
      day = dayOf(m.at);
      sender = null;
      out.push(h('li', { class: 'day' }, h('time', { datetime: new Date(m.at).toISOString().slice(0, 10), text: dayLabel(m.at) })));
    }
    const from = m.kind === 'checkin' ? 'checkin' : m.direction;
    out.push(messageItem(m, them, from !== sender));
    sender = from;
  }
  return out;
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
    replace(list, messages.length ? messageItems(messages, them) : h('li', { class: 'empty', text: t('chat.empty') }));
    // Opens at the newest message, and follows new ones.
    requestAnimationFrame(() => list.lastElementChild?.scrollIntoView({ block: 'end' }));
    markRead(messages);
  }

  // "Läst": the peer's messages on the screen while it is visible are reported read (unless turned off).
  function markRead(messages) {
    if (document.visibilityState !== 'visible' || session.currentVault() !== vault) return;
    if (vault.one('prefs')?.data.readReceipts === false) return;
    const unread = messages.filter((m) => m.direction === 'in' && m.kind !== 'checkin' && !m.readSent);
    if (!unread.length) return;
    for (const m of unread) m.readSent = true;
    events.read(unread.map((m) => ({ id: m.id, conversationId: m.conversationId })));
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
  // The safety code: a notice when the other side's phone or key changed since this phone first saw it,
  // and the code itself to compare when the two meet.
  const safety = h('div', { id: 'safety-slot' });
  const conversationKey = () => chosen?.id || Object.keys(vault.one('safety')?.data || {})[0];
  function drawSafety() {
    const s = (vault.one('safety')?.data || {})[conversationKey()];
    if (!s) {
      replace(safety);
      return;
    }
    const changed = s.changedAt && !(s.verifiedAt && s.verifiedAt >= s.changedAt);
    const codeArea = h('p', { class: 'safety-code', id: 'safety-code', dir: 'ltr', text: s.code });
    replace(safety,
      changed && h('div', { class: 'notice notice-strong', id: 'safety-changed', role: 'status' },
        h('p', { text: t('chat.safetyChanged', { name: chosen?.pseudonym || t('chat.them') }) })),
      h('details', { class: 'safety', id: 'safety-details' },
        h('summary', { text: t('chat.safetyShow') }),
        h('p', { text: t('chat.safetyExplain') }),
        codeArea,
        changed && h('button', { type: 'button', class: 'btn', id: 'safety-verified', text: t('chat.safetyVerified'),
          onclick: async () => {
            const all = { ...(vault.one('safety')?.data || {}) };
            all[conversationKey()] = { ...all[conversationKey()], verifiedAt: Date.now() };
            await vault.setOne('safety', all);
            drawSafety();
          } })));
  }
  drawSafety();
  const unlistenSafety = events.onChange(() => { if (session.currentVault() === vault) drawSafety(); });
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
  const node = screen(chosen ? t('chat.titleWith', { name: chosen.pseudonym }) : t('chat.title'),
    session.currentDevice()?.kind === 'VOLUNTEER' ? t('chat.introVolunteer', { name: chosen?.pseudonym || t('alarm.yourClient') })
      : t('chat.intro'), alarms, closed, safety, log, form);
  // Called by the router when the screen is left: keep the draft, stop listening.
  node.cleanup = () => {
    saveDraft();
    unregister();
    unlisten();
    alarms?.cleanup();
    unlistenSafety();
  };
  return node;
}
