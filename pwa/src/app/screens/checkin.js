// The client's check-in: mood, safety status, needs and an optional note; encrypted for the
// kontaktperson like a message. "Need help" goes straight to the help screen with 112 and the lines.
import { t, tl } from '../i18n.js';
import * as events from '../events.js';
import * as session from '../session.js';
import { choices, field, h } from '../view.js';
import { alertBox, screen } from './common.js';

export const MOODS = [
  { value: 1, key: tl('checkin.mood1') }, { value: 2, key: tl('checkin.mood2') }, { value: 3, key: tl('checkin.mood3') },
  { value: 4, key: tl('checkin.mood4') }, { value: 5, key: tl('checkin.mood5') },
];
export const FEEL_SAFE = [
  { value: 1, key: tl('checkin.safe1') }, { value: 2, key: tl('checkin.safe2') }, { value: 3, key: tl('checkin.safe3') },
  { value: 4, key: tl('checkin.safe4') }, { value: 5, key: tl('checkin.safe5') },
];
// The status is the one answer the server also sees, in clear, to escalate (docs/protocol.md §6, §9).
export const STATUS = [
  { value: 'OK', key: tl('checkin.safetyOk') },
  { value: 'WANT_CONTACT', key: tl('checkin.safetyContact') },
  { value: 'NEED_HELP', key: tl('checkin.safetyHelp') },
];
export const NEEDS = [
  { value: 'housing', key: tl('checkin.needHousing') },
  { value: 'studies-work', key: tl('checkin.needStudies') },
  { value: 'network', key: tl('checkin.needNetwork') },
  { value: 'health', key: tl('checkin.needHealth') },
  { value: 'family-contact', key: tl('checkin.needFamily') },
  { value: 'money', key: tl('checkin.needMoney') },
];

export function render(app) {
  const error = alertBox('checkin-error');
  const note = h('textarea', { id: 'checkin-note', name: 'note', rows: '3', maxlength: '2000', dir: 'auto' });
  async function onSubmit(event) {
    event.preventDefault();
    const form = event.target;
    const status = form.querySelector('input[name="status"]:checked')?.value;
    // Only the status is required: someone who needs help must reach the help screen at once.
    if (!status) {
      error.textContent = t('checkin.missing');
      form.querySelector('input[name="status"]').focus();
      return;
    }
    const scale = (name) => {
      const value = form.querySelector(`input[name="${name}"]:checked`)?.value;
      return value ? { [name]: Number(value) } : {};
    };
    const needs = [...form.querySelectorAll('input[name="needs"]:checked')].map((i) => i.value);
    await session.currentVault().put('checkin', {
      id: crypto.randomUUID(), state: 'queued',
      answer: {
        type: 'checkin', status, ...scale('mood'), ...scale('safety'), needs, note: note.value.trim(), sentAt: Date.now(),
      },
    });
    events.kick();
    if (status === 'NEED_HELP') {
      app.go('help', { alerted: true });
    } else {
      app.go('home');
      app.announce(t('checkin.thanks'));
    }
  }
  return screen(t('checkin.title'), t('checkin.intro'),
    h('form', { id: 'checkin-form', novalidate: true, onsubmit: onSubmit },
      choices(t('checkin.safety'), 'status', STATUS.map((s) => ({ value: s.value, label: t(s.key) })), { required: true }),
      choices(t('checkin.mood'), 'mood', MOODS.map((m) => ({ value: m.value, label: t(m.key) }))),
      choices(t('checkin.feelSafe'), 'safety', FEEL_SAFE.map((s) => ({ value: s.value, label: t(s.key) }))),
      choices(t('checkin.needs'), 'needs', NEEDS.map((n) => ({ value: n.value, label: t(n.key) })), { type: 'checkbox' }),
      field(t('checkin.note'), note, t('checkin.noteHint')),
      error,
      h('button', { type: 'submit', class: 'btn btn-primary', id: 'checkin-submit', text: t('checkin.submit') })));
}
