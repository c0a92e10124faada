// The lock screen, shown at every open, after the idle time and when the app leaves the screen.
// A wrong PIN and the last wrong PIN (which quietly wipes the data) look exactly the same.
import { t } from '../i18n.js';
import * as session from '../session.js';
import { settings } from '../vault.js';
import { field, h } from '../view.js';
import { alertBox, languagePicker, screen } from './common.js';

export async function render(app) {
  const kind = (await settings().catch(() => null))?.secretKind;
  const pin = h('input', {
    id: 'unlock-pin', type: 'password', autocomplete: 'current-password', required: true, 'aria-required': 'true',
    inputmode: kind === 'pin' ? 'numeric' : undefined,
  });
  const error = alertBox('unlock-error');
  const submit = h('button', { type: 'submit', class: 'btn btn-primary', id: 'unlock-submit', text: t('lock.submit') });
  async function onSubmit(event) {
    event.preventDefault();
    error.textContent = '';
    submit.disabled = true;
    const secret = pin.value;
    pin.value = '';
    let ok = false;
    try {
      ok = await session.unlock(secret);
    } catch {
      // Storage unavailable: answer like a wrong PIN rather than reveal anything.
    }
    submit.disabled = false;
    if (ok) {
      app.go('home');
    } else {
      error.textContent = t('lock.wrong');
      pin.focus();
    }
  }
  return screen(app.disguised ? t('app.nameNeutral') : t('lock.title'), t('lock.intro'),
    h('form', { id: 'unlock-form', novalidate: true, onsubmit: onSubmit },
      field(t('lock.pin'), pin),
      error,
      submit),
    languagePicker());
}
