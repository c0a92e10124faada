// Settings: language, idle lock, the neutral (disguised) version, and the panic wipe.
import { t } from '../i18n.js';
import * as push from '../push.js';
import * as session from '../session.js';
import { h, replace } from '../view.js';
import { languagePicker, screen, select } from './common.js';
import { IDLE_MINUTES } from './setup.js';
import { contactCard } from './contact.js';

export function render(app) {
  const idle = select('settings-idle', IDLE_MINUTES.map((n) => ({ value: n, label: t('setup.idleOption', { n }) })), session.idleMinutes());
  idle.addEventListener('change', async () => {
    await session.setIdleMinutes(Number(idle.value));
    app.announce(t('settings.saved'));
  });

  const wipeArea = h('div', { id: 'wipe-area' });
  function askWipe() {
    replace(wipeArea,
      h('p', { id: 'wipe-confirm-text', text: t('settings.wipeConfirm') }),
      h('div', { class: 'row' },
        h('button', {
          type: 'button', class: 'btn btn-danger', id: 'wipe-yes', text: t('settings.wipeYes'),
          'aria-describedby': 'wipe-confirm-text',
          onclick: async () => {
            // The phone stops being woken first (best effort, bounded), then the device is revoked and wiped.
            await Promise.race([push.disable().catch(() => {}), new Promise((resolve) => setTimeout(resolve, 2000))]);
            await session.panicWipe();
            app.quickExit();
          },
        }),
        h('button', { type: 'button', class: 'btn', id: 'wipe-no', text: t('settings.wipeNo'), onclick: () => replace(wipeArea, wipeButton()) })));
    wipeArea.querySelector('#wipe-yes').focus();
  }
  const wipeButton = () => h('button', { type: 'button', class: 'btn btn-danger', id: 'wipe', onclick: askWipe, text: t('settings.wipe') });
  replace(wipeArea, wipeButton());

  return screen(t('settings.title'), null,
    h('section', { class: 'card', 'aria-labelledby': 'settings-lang' },
      h('h2', { id: 'settings-lang', text: t('settings.language') }), languagePicker()),
    h('section', { class: 'card', 'aria-labelledby': 'settings-lock' },
      h('h2', { id: 'settings-lock', text: t('settings.lock') }),
      h('div', { class: 'field' }, h('label', { for: 'settings-idle', text: t('setup.idle') }), idle),
      h('button', { type: 'button', class: 'btn', id: 'lock-now', onclick: () => app.lock(), text: t('settings.lockNow') })),
    session.currentDevice()?.kind === 'CLIENT' && contactCard(app),
    push.settingsCard(),
    h('section', { class: 'card', 'aria-labelledby': 'settings-disguise' },
      h('h2', { id: 'settings-disguise', text: t('settings.disguise') }),
      h('p', { text: t('settings.disguiseText') }),
      // replace(), not a link: no extra history entry that Back could return to after a quick exit.
      h('button', { type: 'button', class: 'btn', id: 'disguise-link', onclick: () => location.replace('/notes.html'), text: t('settings.disguiseLink') })),
    h('section', { class: 'card', 'aria-labelledby': 'settings-wipe' },
      h('h2', { id: 'settings-wipe', text: t('settings.wipeTitle') }),
      h('p', { text: t('settings.wipeText') }),
      wipeArea));
}
