// Help, one tap from every screen: Bredvid is not an emergency service; 112 and the support lines.
import { localSupportLines } from '../config.js';
import { t, tl } from '../i18n.js';
import { h, telLink } from '../view.js';
import * as events from '../events.js';
import * as session from '../session.js';
import { screen } from './common.js';

export const NATIONAL_LINES = [
  { number: '112', name: tl('help.line112'), text: tl('help.line112Text') },
  { number: '020-50 50 50', name: tl('help.lineKvinnofrid'), text: tl('help.lineKvinnofridText') },
  { number: '116 006', name: tl('help.lineBrottsoffer'), text: tl('help.lineBrottsofferText') },
];

function line(number, name, text) {
  return h('li', { class: 'line' }, telLink(number, name), text && h('p', { class: 'line-text', text }));
}

/** Whether the client's latest "need help" answer has reached the server (which alerts at once). */
function helpDelivered() {
  const answers = session.currentVault()?.list('checkin').map((r) => r.data)
    .filter((c) => c.answer?.status === 'NEED_HELP') || [];
  return answers.length > 0 && answers.every((c) => c.state === 'sent');
}

export function render(app, params) {
  const local = localSupportLines();
  const alertText = h('p', { id: 'help-alerted-text', text: t(helpDelivered() ? 'help.alertedSent' : 'help.alertedQueued') });
  const node = screen(t('help.title'), null,
    params.alerted && h('div', { class: 'notice notice-strong', id: 'help-alerted', role: 'alert' }, alertText),
    h('p', { class: 'notice', id: 'not-emergency', text: t('help.notEmergency') }),
    h('h2', { text: t('help.national') }),
    h('ul', { class: 'lines', id: 'national-lines' },
      NATIONAL_LINES.map((l) => line(l.number, t(l.name), t(l.text)))),
    local.length > 0 && h('h2', { text: t('help.local') }),
    local.length > 0 && h('ul', { class: 'lines', id: 'local-lines' },
      local.map((l) => line(l.number, l.name, l.hours))),
    h('button', { type: 'button', class: 'btn', id: 'open-safety-tips', onclick: () => app.go('safety'), text: t('help.safetyTips') }));
  if (params.alerted) {
    // Who has been alerted is said only once it is true: the server alerts when the answer arrives.
    const unlisten = events.onChange(() => {
      if (helpDelivered()) {
        alertText.textContent = t('help.alertedSent');
        alertText.dataset.delivered = 'true';
      }
    });
    if (helpDelivered()) alertText.dataset.delivered = 'true';
    node.cleanup = unlisten;
  }
  return node;
}
