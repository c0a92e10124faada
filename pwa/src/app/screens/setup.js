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
  const pin = h('input', { id: 'pin', type: 'password', autocomplete: 'new-password', required: true, 'aria-required': 'true' });
  const pin2 = h('input', { id: 'pin-again', type: 'password', autocomplete: 'new-password', required: true, 'aria-required': 'true' });
  const limit = select('wipe-limit', WIPE_LIMITS.map((n) => ({ value: n, label: t('setup.limitOption', { n }) })), 10);
  const idle = select('idle-minutes', IDLE_MINUTES.map((n) => ({ value: n, label: t('setup.idleOption', { n }) })), 2);
  const error = alertBox('setup-error');
  const submit = h('button', { type: 'submit', class: 'btn btn-primary', id: 'setup-submit', text: t('setup.submit') });

  async function onSubmit(event) {
    event.preventDefault();
    error.textContent = '';
    const normalised = api.normalisePairingCode(code.value);
    if (!normalised) {
      error.textContent = t('setup.codeInvalid');
      code.focus();
      return;
    }
    const weak = secretProblem(pin.value);
    if (weak) {
      error.textContent = t(weak);
      pin.focus();
      return;
    }
    if (pin.value !== pin2.value) {
      error.textContent = t('setup.pinMismatch');
      pin2.focus();
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
      field(t('setup.limit'), limit, t('setup.limitHint')),
      field(t('setup.idle'), idle),
      error,
      submit));
}
