// The conversation. A sent message first goes to the outbox: an encrypted vault record that survives a
// lock, a reload and an app update, and leaves only when the server has acknowledged it. The draft is
// saved (encrypted) as it is typed, so an update or an idle lock never loses a half-written message.
import { t, tl } from '../i18n.js';
import * as events from '../events.js';
import * as session from '../session.js';
import { field, h, replace } from '../view.js';
import { STATUS } from './checkin.js';
import { formatTime, screen } from './common.js';

const STATE_KEYS = {
  queued: tl('chat.stateQueued'), sent: tl('chat.stateSent'), delivered: tl('chat.stateDelivered'), read: tl('chat.stateRead'),
  undeliverable: tl('chat.stateUndeliverable'),
};

function checkinItem(m) {
  const status = STATUS.find((s) => s.value === m.status);
  return h('li', { class: `msg msg-in msg-checkin${m.status === 'NEED_HELP' ? ' msg-alert' : ''}` },
    h('p', { class: 'msg-who', text: t('checkin.title') }),
    h('p', { class: 'msg-status', text: status ? t(status.key) : '' }),
    m.text && h('p', { class: 'msg-text', dir: 'auto', text: m.text }),
    h('p', { class: 'msg-meta' }, h('time', { datetime: new Date(m.at).toISOString(), text: formatTime(m.at) })));
}

function messageItem(m) {
  if (m.kind === 'checkin') return checkinItem(m);
  const outgoing = m.direction === 'out';
  return h('li', { class: outgoing ? 'msg msg-out' : 'msg msg-in' },
    h('p', { class: 'msg-who', text: outgoing ? t('chat.you') : t('chat.them') }),
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
    replace(list, messages.length ? messages.map(messageItem) : h('li', { class: 'empty', text: t('chat.empty') }));
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
  const node = screen(chosen ? t('chat.titleWith', { name: chosen.pseudonym }) : t('chat.title'), t('chat.intro'), log, form);
  // Called by the router when the screen is left: keep the draft, stop listening.
  node.cleanup = () => {
    saveDraft();
    unregister();
    unlisten();
  };
  return node;
}
