// Settings: language, idle lock, the neutral (disguised) version, and the panic wipe.
import { t } from '../i18n.js';
import * as push from '../push.js';
import * as session from '../session.js';
import { field, h, replace } from '../view.js';
import { alertBox, languagePicker, screen, select } from './common.js';
import { secretProblem } from '../vault.js';
import { IDLE_MINUTES } from './setup.js';
import { contactCard } from './contact.js';

/** "Byt låskod": the current PIN, then the new one twice; every problem is shown at once. */
function pinCard(app) {
  const area = h('div', { id: 'pin-area' });
  const status = h('p', { id: 'pin-status', role: 'status' });
  const open = () => {
    const current = h('input', { id: 'pin-current', type: 'password', autocomplete: 'current-password', inputmode: 'numeric' });
    const next = h('input', { id: 'pin-new', type: 'password', autocomplete: 'new-password', inputmode: 'numeric' });
    const again = h('input', { id: 'pin-new-again', type: 'password', autocomplete: 'new-password', inputmode: 'numeric' });
    const error = alertBox('pin-error');
    replace(area, h('form', { id: 'pin-form', novalidate: true, onsubmit: async (event) => {
      event.preventDefault();
      const problems = [];
      const weak = secretProblem(next.value);
      if (!current.value) problems.push([current, t('settings.pinCurrentMissing')]);
      if (weak) problems.push([next, t(weak)]);
      if (next.value !== again.value) problems.push([again, t('setup.pinMismatch')]);
      for (const input of [current, next, again]) input.removeAttribute('aria-invalid');
      if (problems.length) {
        for (const [input] of problems) input.setAttribute('aria-invalid', 'true');
        error.textContent = problems.map(([, text]) => text).join(' ');
        problems[0][0].focus();
        return;
      }
      event.target.querySelector('button[type="submit"]').disabled = true;
      if (!await session.changeSecret(current.value, next.value)) {
        // The same words as a wrong PIN on the lock screen; too many wipe the phone the same way.
        error.textContent = t('lock.wrong');
        event.target.querySelector('button[type="submit"]').disabled = false;
        current.setAttribute('aria-invalid', 'true');
        current.focus();
        return;
      }
      status.textContent = t('settings.pinChanged');
      replace(area, changeButton());
    } },
    field(t('settings.pinCurrent'), current),
    field(t('setup.pin'), next, t('setup.pinHint')),
    field(t('setup.pinAgain'), again),
    error,
    h('div', { class: 'row' },
      h('button', { type: 'submit', class: 'btn btn-primary', id: 'pin-submit', text: t('settings.pinSave') }),
      h('button', { type: 'button', class: 'btn', id: 'pin-cancel', onclick: () => replace(area, changeButton()), text: t('settings.wipeNo') }))));
    current.focus();
  };
  const changeButton = () => h('button', { type: 'button', class: 'btn', id: 'change-pin', onclick: open, text: t('settings.pinChange') });
  replace(area, changeButton());
  return h('section', { class: 'card', 'aria-labelledby': 'settings-pin' },
    h('h2', { id: 'settings-pin', text: t('settings.pinTitle') }), status, area);
}

/** Read receipts: on by default; off means this phone never says "Läst". */
function readReceiptsCard(app) {
  const vault = session.currentVault();
  const box = h('input', { type: 'checkbox', id: 'read-receipts', checked: vault.one('prefs')?.data.readReceipts !== false });
  box.addEventListener('change', async () => {
    await vault.setOne('prefs', { ...(vault.one('prefs')?.data || {}), readReceipts: box.checked });
    app.announce(t('settings.saved'));
  });
  return h('section', { class: 'card', 'aria-labelledby': 'settings-receipts' },
    h('h2', { id: 'settings-receipts', text: t('settings.receiptsTitle') }),
    h('div', { class: 'choice' }, box, h('label', { for: 'read-receipts', text: t('settings.receipts') })),
    h('p', { class: 'hint', text: t('settings.receiptsHint') }));
}

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
    pinCard(app),
    readReceiptsCard(app),
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
