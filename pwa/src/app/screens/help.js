// Help, one tap from every screen: Bredvid is not an emergency service; 112 and the support lines.
import { localSupportLines } from '../config.js';
import { language, t, tl } from '../i18n.js';
import { h, telLink } from '../view.js';
import * as events from '../events.js';
import * as session from '../session.js';
import { call, screen } from './common.js';

// National lines (seeds 001:254-302 and 003:953); the installation adds its own in /config.json.
export const NATIONAL_LINES = [
  { number: '112', name: tl('help.line112'), text: tl('help.line112Text') },
  { number: '116 111', name: tl('help.lineBris'), text: tl('help.lineBrisText') },
  { number: '020-50 50 50', name: tl('help.lineKvinnofrid'), text: tl('help.lineKvinnofridText') },
  { number: '0774-40 66 00', name: tl('help.lineTris'), text: tl('help.lineTrisText') },
  { number: '020-25 30 00', name: tl('help.lineOrigo'), text: tl('help.lineOrigoText') },
  { number: '116 006', name: tl('help.lineBrottsoffer'), text: tl('help.lineBrottsofferText') },
];
// Organisations against honour-related violence whose lines change: named with their own address.
export const ORGANISATIONS = [
  { name: 'GAPF – Glöm aldrig Pela och Fadime', site: 'gapf.se', text: tl('help.orgGapf') },
  { name: 'Somaya kvinno- och tjejjour', site: 'somaya.se', text: tl('help.orgSomaya') },
  { name: 'Terrafem', site: 'terrafem.org', text: tl('help.orgTerrafem') },
];

function line(number, name, text) {
  return h('li', { class: 'line' }, telLink(number, name), text && h('p', { class: 'line-text', text }));
}

/** The client's latest request for help, as her vault has it (queued, sent, seen), or null. */
function latestAlarm() {
  const alarms = session.currentVault()?.list('checkin')
    .filter((r) => r.data.answer?.status === 'NEED_HELP') || [];
  return alarms.length ? alarms[alarms.length - 1] : null;
}

/**
 * What the client is told, step by step and only what is true: not yet sent; sent (the server has it and
 * has alerted); seen, by whom and when. Until someone has seen it, 112 stays at the top of the box.
 */
function alarmState(record) {
  const a = record?.data;
  if (!a || a.state !== 'sent') return { state: 'queued', text: t('help.alertedQueued') };
  if (a.acknowledgedAt) {
    const key = a.acknowledgedBy === 'COORDINATOR' ? 'help.alertedSeenCoordinator' : 'help.alertedSeenVolunteer';
    return { state: 'acknowledged', text: t(key, { time: formatClock(Date.parse(a.acknowledgedAt)) }) };
  }
  return { state: 'sent', text: t('help.alertedSent', { time: formatClock(a.sentAt || Date.now()) }) };
}

function formatClock(ms) {
  return new Intl.DateTimeFormat(language(), { timeStyle: 'short' }).format(new Date(ms));
}

const POLL_MS = 5000;

export function render(app, params) {
  const local = localSupportLines();
  const alertText = h('p', { id: 'help-alerted-text' });
  const call112 = h('p', { class: 'call-112', id: 'help-call-112' }, telLink('112', t('help.call112')));
  const box = params.alerted && h('div', { class: 'notice notice-strong', id: 'help-alerted', role: 'status', 'aria-live': 'polite' },
    alertText, call112);
  function show() {
    const { state, text } = alarmState(latestAlarm());
    alertText.textContent = text;
    alertText.dataset.state = state;
    call112.hidden = state === 'acknowledged';
  }
  const node = screen(t('help.title'), null,
    box,
    h('p', { class: 'notice', id: 'not-emergency', text: t('help.notEmergency') }),
    h('h2', { text: t('help.national') }),
    h('ul', { class: 'lines', id: 'national-lines' },
      NATIONAL_LINES.map((l) => line(l.number, t(l.name), t(l.text)))),
    h('h2', { text: t('help.organisations') }),
    h('ul', { class: 'lines', id: 'organisations' }, ORGANISATIONS.map((o) => h('li', { class: 'line' },
      h('p', { class: 'line-name', text: o.name }),
      h('p', { class: 'line-text', text: `${t(o.text)} ${o.site}` })))),
    local.length > 0 && h('h2', { text: t('help.local') }),
    local.length > 0 && h('ul', { class: 'lines', id: 'local-lines' },
      local.map((l) => line(l.number, l.name, l.hours))),
    h('button', { type: 'button', class: 'btn', id: 'open-safety-tips', onclick: () => app.go('safety'), text: t('help.safetyTips') }),
    h('button', { type: 'button', class: 'btn', id: 'help-back', onclick: () => app.back(), text: t('nav.back') }));
  if (params.alerted) {
    show();
    // Whether someone has seen it is asked of the server while this screen is open; the answer is kept in
    // the vault so that it is still true after a lock.
    let timer = null;
    let stopped = false;
    const poll = async () => {
      const record = latestAlarm();
      const a = record?.data;
      if (stopped || !a || a.state !== 'sent' || a.acknowledgedAt || !a.checkinId) return;
      try {
        const view = await call('GET', `/api/checkins/${a.checkinId}`);
        const vault = session.currentVault();
        if (view?.acknowledgedAt && vault && !stopped) {
          await vault.put('checkin', { ...a, acknowledgedAt: view.acknowledgedAt, acknowledgedBy: view.acknowledgedBy }, record.id);
          show();
        }
      } catch {
        // Offline: asked again at the next tick.
      }
    };
    const tick = () => {
      poll().finally(() => { if (!stopped) timer = setTimeout(tick, POLL_MS); });
    };
    tick();
    const unlisten = events.onChange(() => { show(); poll(); });
    node.cleanup = () => {
      stopped = true;
      clearTimeout(timer);
      unlisten();
    };
  }
  return node;
}
