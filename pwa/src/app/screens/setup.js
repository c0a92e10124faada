// Pairing and app lock set-up: the one-time code from the coordinator, a PIN or passphrase, the
// wrong-PIN limit and the idle lock. Keys are generated here, in the browser; only public keys leave.
import { generateIdentity } from '../../crypto/keys.js';
import * as api from '../api.js';
import { t } from '../i18n.js';
import * as session from '../session.js';
import { secretProblem } from '../vault.js';
import { field, h } from '../view.js';
import { alertBox, screen, select } from './common.js';

export const WIPE_LIMITS = [3, 5, 10, 20];
export const IDLE_MINUTES = [1, 2, 5, 10];

function problemText(error) {
  if (error instanceof api.ApiError) {
    if (error.status === 0) return t('error.offline');
    if (error.status === 429) return t('setup.tooManyTries');
    if (error.status >= 400 && error.status < 500) return t('setup.codeRejected');
  }
  return t('error.generic');
}

export function render(app) {
  const code = h('input', {
    id: 'pair-code', name: 'code', autocomplete: 'off', autocapitalize: 'characters', spellcheck: 'false',
    required: true, 'aria-required': 'true',
  });
  // Digits by default (the numeric keypad); a passphrase is a choice.
  const pin = h('input', { id: 'pin', type: 'password', autocomplete: 'new-password', inputmode: 'numeric', required: true, 'aria-required': 'true' });
  const pin2 = h('input', { id: 'pin-again', type: 'password', autocomplete: 'new-password', inputmode: 'numeric', required: true, 'aria-required': 'true' });
  const passphrase = h('input', { type: 'checkbox', id: 'use-passphrase' });
  passphrase.addEventListener('change', () => {
    for (const input of [pin, pin2]) {
      if (passphrase.checked) input.removeAttribute('inputmode');
      else input.setAttribute('inputmode', 'numeric');
    }
  });
  const limit = select('wipe-limit', WIPE_LIMITS.map((n) => ({ value: n, label: t('setup.limitOption', { n }) })), 10);
  const idle = select('idle-minutes', IDLE_MINUTES.map((n) => ({ value: n, label: t('setup.idleOption', { n }) })), 2);
  const error = alertBox('setup-error');
  const submit = h('button', { type: 'submit', class: 'btn btn-primary', id: 'setup-submit', text: t('setup.submit') });

  async function onSubmit(event) {
    event.preventDefault();
    error.textContent = '';
    // Every problem at once, each field marked; the first one gets the focus.
    const problems = [];
    const normalised = api.normalisePairingCode(code.value);
    if (!normalised) problems.push([code, t('setup.codeInvalid')]);
    const weak = secretProblem(pin.value);
    if (weak) problems.push([pin, t(weak)]);
    if (pin.value !== pin2.value) problems.push([pin2, t('setup.pinMismatch')]);
    for (const input of [code, pin, pin2]) input.removeAttribute('aria-invalid');
    if (problems.length) {
      for (const [input] of problems) input.setAttribute('aria-invalid', 'true');
      error.textContent = problems.map(([, text]) => text).join(' ');
      problems[0][0].focus();
      return;
    }
    submit.disabled = true;
    submit.textContent = t('setup.working');
    try {
      const { generatePreKey } = await import('../../crypto/prekeys.js');
      const identity = await generateIdentity();
      const preKey = await generatePreKey(identity.privateKey, 1);
      const paired = await api.pair(normalised, identity.publicKey);
      let tokens = null;
      try {
        tokens = await api.signIn(paired.deviceId, identity.privateKey);
      } catch {
        // Signing in again later is fine; pairing itself succeeded.
      }
      await session.establish(pin.value, { limit: Number(limit.value), idleMinutes: Number(idle.value) },
        { deviceId: paired.deviceId, kind: paired.kind, identity, preKey, tokens });
      app.go('home');
    } catch (e) {
      submit.disabled = false;
      submit.textContent = t('setup.submit');
      error.textContent = problemText(e);
    }
  }

  return screen(t('setup.title'), t('setup.intro'),
    h('form', { id: 'setup-form', novalidate: true, onsubmit: onSubmit },
      field(t('setup.code'), code, t('setup.codeHint')),
      field(t('setup.pin'), pin, t('setup.pinHint')),
      field(t('setup.pinAgain'), pin2),
      h('div', { class: 'choice' }, passphrase, h('label', { for: 'use-passphrase', text: t('setup.usePassphrase') })),
      field(t('setup.limit'), limit, t('setup.limitHint')),
      field(t('setup.idle'), idle),
      error,
      submit));
}
