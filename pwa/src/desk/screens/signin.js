// Sign-in: username, password, TOTP. The first sign-in shows the TOTP enrolment (QR code and the secret as
// text), then asks for a code to confirm. Errors never say which part was wrong (the server does not say
// either); a lock-out says for how long.
import { field, h, replace } from '../../app/view.js';
import { onLanguageChange, t } from '../i18n.js';
import { ApiError, signIn } from '../session.js';
import { qrSvg } from '../qr.js';

const CODE = /^\d{6}$/;

function errorText(e) {
  if (e instanceof ApiError) {
    if (e.status === 401) return t('signin.error.wrong');
    if (e.status === 429) return t('signin.error.locked', { minutes: Math.max(1, Math.ceil((e.retryAfter || 60) / 60)) });
    if (e.status === 403 && /tenant-inactive$/.test(e.problem?.type || '')) return t('signin.error.tenantInactive');
    if (e.status === 403) return t('signin.error.refused');
    if (e.status === 400) return t('signin.error.wrong');
  }
  return t('signin.error.offline');
}

function alert(id) {
  return h('p', { id, class: 'alert', role: 'alert' });
}

/** Groups of four, the way authenticator apps show a key: easier to type without losing one's place. */
function grouped(secret) {
  return secret.replace(/(.{4})/g, '$1 ').trim();
}

export function render(main, { reason, onSignedIn }) {
  let redraw = () => form(main, reason, onSignedIn, (again) => { redraw = again; });
  redraw();
  return onLanguageChange(() => redraw());
}

/** The first step; `setRedraw` learns how to draw the current step again (after a language change). */
function form(main, reason, onSignedIn, setRedraw) {
  const notice = reason ? h('p', { class: 'notice', id: 'signin-notice', role: 'status', text: t(`signin.ended.${reason}`) }) : null;
  const username = h('input', { type: 'text', name: 'username', autocomplete: 'username', required: true, autocapitalize: 'none', spellcheck: 'false' });
  const password = h('input', { type: 'password', name: 'password', autocomplete: 'current-password', required: true });
  const totp = h('input', { type: 'text', name: 'totp', inputmode: 'numeric', autocomplete: 'one-time-code', pattern: '\\d{6}', maxlength: '6' });
  const error = alert('signin-error');
  const submit = h('button', { type: 'submit', class: 'btn btn-primary', id: 'signin-submit', text: t('signin.submit') });
  const signinForm = h('form', { id: 'signin-form', novalidate: true },
    field(t('signin.username'), username),
    field(t('signin.password'), password),
    field(t('signin.totp'), totp, t('signin.totpHint')),
    error, submit);

  signinForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    error.textContent = '';
    const code = totp.value.replace(/\s+/g, '');
    if (!username.value.trim() || !password.value) {
      error.textContent = t('signin.error.missing');
      (username.value.trim() ? password : username).focus();
      return;
    }
    if (code && !CODE.test(code)) {
      error.textContent = t('signin.error.codeFormat');
      totp.focus();
      return;
    }
    submit.disabled = true;
    try {
      const result = await signIn(username.value.trim(), password.value, code || undefined);
      if (result.status === 'TOTP_ENROLMENT_REQUIRED') {
        const args = [main, username.value.trim(), password.value, result.provisioningUri, onSignedIn];
        setRedraw(() => enrol(...args));
        enrol(...args);
        return;
      }
      onSignedIn();
    } catch (e) {
      error.textContent = errorText(e);
      password.value = '';
      totp.value = '';
      password.focus();
    } finally {
      submit.disabled = false;
    }
  });

  replace(main, h('section', { class: 'screen signin', id: 'signin' },
    h('h1', { text: t('signin.title') }),
    h('p', { class: 'lead', text: t('signin.lead') }),
    notice,
    signinForm));
  username.focus();
}

function enrol(main, username, password, uri, onSignedIn) {
  const secret = new URL(uri).searchParams.get('secret') || '';
  const code = h('input', { type: 'text', name: 'totp', id: 'enrol-code', inputmode: 'numeric', autocomplete: 'one-time-code', pattern: '\\d{6}', maxlength: '6', required: true });
  const error = alert('enrol-error');
  const submit = h('button', { type: 'submit', class: 'btn btn-primary', id: 'enrol-submit', text: t('enrol.submit') });
  const form = h('form', { id: 'enrol-form', novalidate: true },
    field(t('enrol.code'), code, t('enrol.codeHint')), error, submit);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    error.textContent = '';
    const value = code.value.replace(/\s+/g, '');
    if (!CODE.test(value)) {
      error.textContent = t('signin.error.codeFormat');
      code.focus();
      return;
    }
    submit.disabled = true;
    try {
      const result = await signIn(username, password, value);
      if (result.status === 'SIGNED_IN') onSignedIn();
    } catch (e) {
      error.textContent = e instanceof ApiError && e.status === 401 ? t('enrol.error.wrong') : errorText(e);
      code.value = '';
      code.focus();
    } finally {
      submit.disabled = false;
    }
  });

  replace(main, h('section', { class: 'screen signin', id: 'enrol' },
    h('h1', { tabindex: '-1', text: t('enrol.title') }),
    h('p', { class: 'lead', text: t('enrol.lead') }),
    h('ol', { class: 'steps' },
      h('li', {}, h('p', { text: t('enrol.step1') }),
        h('div', { class: 'qr-box' }, qrSvg(uri, t('enrol.qrLabel')))),
      h('li', {}, h('p', { text: t('enrol.step2') }),
        h('p', { class: 'secret', id: 'enrol-secret', dir: 'ltr', translate: 'no', text: grouped(secret) })),
      h('li', {}, h('p', { text: t('enrol.step3') }), form))));
  main.querySelector('h1').focus();
}
