// Start page after the PIN: the way to the chat and the check-in for a client; the list of clients
// (by pseudonym) for a kontaktperson.
import { t } from '../i18n.js';
import * as events from '../events.js';
import * as session from '../session.js';
import { h } from '../view.js';
import { alarmSlot } from './alarm.js';
import { call, formatTime, screen } from './common.js';
import * as push from '../push.js';

/** The open follow-up questionnaire, or null (none, or the server could not be reached). */
export async function openFollowUp() {
  try {
    return (await call('GET', '/api/me/follow-ups'))?.[0] || null;
  } catch {
    return null;
  }
}

/** The client's next check-in as the schedule she agreed says, and the way to answer or plan one. */
function checkinCard() {
  const text = h('p', { id: 'checkin-next', text: t('home.checkinNone') });
  call('GET', '/api/conversations').then(async (all) => {
    const id = all?.[0]?.id;
    if (!id) return;
    const s = await call('GET', `/api/conversations/${id}/checkin-schedule`);
    if (s?.state === 'AGREED') text.textContent = t('home.checkinNext', { when: formatTime(Date.parse(s.nextDueAt)) });
    else if (s?.proposedBy === 'VOLUNTEER') text.textContent = t('home.checkinProposed');
  }).catch(() => {});
  return h('section', { class: 'card', 'aria-label': t('home.checkinTitle') },
    h('h2', { text: t('home.checkinTitle') }), text,
    h('div', { class: 'row' },
      h('button', { type: 'button', class: 'btn', id: 'open-checkin', onclick: () => go('checkin'), text: t('home.answerCheckin') }),
      h('button', { type: 'button', class: 'btn', id: 'open-schedule', onclick: () => go('checkins'), text: t('home.openSchedule') })));
}

let go = () => {};

function card(title, text, action) {
  return h('section', { class: 'card', 'aria-label': title },
    h('h2', { text: title }),
    text && h('p', { text }),
    action);
}

export function render(app) {
  go = (name) => { session.chooseConversation(null); app.go(name); };
  const device = session.currentDevice();
  const vault = session.currentVault();
  const queuedCount = () => vault.list('message').filter((m) => m.data.state === 'queued').length
    + vault.list('checkin').filter((c) => c.data.state === 'queued').length;
  const button = (id, key, target) => h('button', { type: 'button', class: 'btn', id,
    onclick: () => { session.chooseConversation(null); app.go(target); }, text: t(key) });
  if (device?.kind === 'VOLUNTEER') {
    // One entry per client, by pseudonym only; filled when the server answers (offline: the note stays).
    const clients = h('ul', { class: 'client-list', id: 'client-list' }, h('li', { text: t('home.noClients') }));
    const names = new Map();
    // An alarm from a client is pinned first, above everything else on the screen.
    const alarms = alarmSlot({ pseudonyms: () => names });
    // Straight from the API, not through messaging.js: the first screen loads no crypto (shell budget).
    call('GET', '/api/conversations').then((all) => {
      const list = (all || []).map((c) => ({ id: c.id, pseudonym: c.clientPseudonym }));
      for (const c of list) names.set(c.id, c.pseudonym);
      if (!list.length) return;
      clients.replaceChildren(...list.map((c, i) => h('li', { class: 'row' },
        h('button', { type: 'button', class: 'btn', id: `open-conversation-${i}`, 'data-conversation': c.id,
          onclick: () => { session.chooseConversation(c); app.go('chat'); },
          text: t('home.chatWith', { name: c.pseudonym }) }),
        h('button', { type: 'button', class: 'btn', id: `open-checkins-${i}`, 'data-conversation': c.id,
          onclick: () => { session.chooseConversation(c); app.go('checkins'); },
          text: t('home.checkinsOf', { name: c.pseudonym }) }))));
    }).catch(() => {});
    const node = screen(t('home.title'), t('home.volunteerIntro'),
      alarms,
      push.offerCard(app),
      card(t('home.clients'), null, clients),
      card(t('nav.chat'), null, button('open-chat', 'home.openChat', 'chat')),
      card(t('insatser.title'), t('home.insatserText'), button('open-insatser', 'home.openInsatser', 'insatser')),
      card(t('reports.title'), t('home.reportsText'), button('open-reports', 'home.openReports', 'reports')),
      card(t('support.title'), t('home.supportText'), button('open-support', 'home.openSupport', 'support')));
    node.cleanup = () => alarms.cleanup();
    return node;
  }
  // What waits to be sent is counted again whenever the outbox changes (a delivery empties it).
  const chatText = h('p', { id: 'chat-queued' });
  const showQueued = () => {
    const n = queuedCount();
    chatText.textContent = n > 0 ? t('home.queued', { n }) : t('home.chatText');
  };
  showQueued();
  const chatCard = h('section', { class: 'card', 'aria-label': t('home.chatTitle') },
    h('h2', { text: t('home.chatTitle') }), chatText, button('open-chat', 'home.openChat', 'chat'));
  const unlistenQueued = events.onChange(() => { if (session.currentVault() === vault) showQueued(); });
  // The follow-up card appears when the server has an open questionnaire; the rest of the screen does not
  // wait for the network (offline, the card simply does not appear).
  const followUp = h('div', { id: 'followup-slot' });
  openFollowUp().then((f) => {
    if (!f) return;
    followUp.append(card(t('followup.title'), t(f.answered ? 'home.followupAnswered' : 'home.followupText'),
      button('open-followup', f.answered ? 'home.followupChange' : 'home.followupOpen', 'followup')));
  });
  // Her own insats (consent, plan, period): a card only when the server says there is one.
  const insats = h('div', { id: 'myinsats-slot' });
  call('GET', '/api/me/client/insatser').then((list) => {
    if (!list?.length) return;
    const asks = list.some((i) => i.state === 'AWAITING_CONSENT' && !i.consent);
    insats.append(card(t('myinsats.title'), t(asks ? 'home.myinsatsAsk' : 'home.myinsatsText'),
      button('open-myinsats', 'home.myinsatsOpen', 'myinsats')));
  }).catch(() => {});
  const clientNode = screen(t('home.title'), t('home.clientIntro'),
    insats,
    followUp,
    checkinCard(),
    chatCard,
    card(t('home.safetyTitle'), t('home.safetyText'), button('open-safety', 'home.openSafety', 'safety')));
  clientNode.cleanup = unlistenQueued;
  return clientNode;
}
