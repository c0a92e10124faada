// The client's check-in: mood, safety status, needs and an optional note; encrypted for the
// kontaktperson like a message. "Need help" goes straight to the help screen with 112 and the lines.
import { t, tl } from '../i18n.js';
import * as session from '../session.js';
import { choices, field, h } from '../view.js';
import { alertBox, screen } from './common.js';

export const MOODS = [
  { value: 1, key: tl('checkin.mood1') }, { value: 2, key: tl('checkin.mood2') }, { value: 3, key: tl('checkin.mood3') },
  { value: 4, key: tl('checkin.mood4') }, { value: 5, key: tl('checkin.mood5') },
];
export const SAFETY = [
  { value: 'ok', key: tl('checkin.safetyOk') },
  { value: 'want-contact', key: tl('checkin.safetyContact') },
  { value: 'need-help', key: tl('checkin.safetyHelp') },
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
    const mood = form.querySelector('input[name="mood"]:checked')?.value;
    const safety = form.querySelector('input[name="safety"]:checked')?.value;
    if (!mood || !safety) {
      error.textContent = t('checkin.missing');
      return;
    }
    const needs = [...form.querySelectorAll('input[name="needs"]:checked')].map((i) => i.value);
    await session.currentVault().put('checkin', {
      id: crypto.randomUUID(), at: Date.now(), state: 'queued',
      answer: { type: 'checkin', mood: Number(mood), safety, needs, note: note.value.trim() },
    });
    if (safety === 'need-help') {
      app.go('help', { alerted: true });
    } else {
      app.go('home');
      app.announce(t('checkin.thanks'));
    }
  }
  return screen(t('checkin.title'), t('checkin.intro'),
    h('form', { id: 'checkin-form', novalidate: true, onsubmit: onSubmit },
      choices(t('checkin.mood'), 'mood', MOODS.map((m) => ({ value: m.value, label: t(m.key) }))),
      choices(t('checkin.safety'), 'safety', SAFETY.map((s) => ({ value: s.value, label: t(s.key) }))),
      choices(t('checkin.needs'), 'needs', NEEDS.map((n) => ({ value: n.value, label: t(n.key) })), { type: 'checkbox' }),
      field(t('checkin.note'), note, t('checkin.noteHint')),
      error,
      h('button', { type: 'submit', class: 'btn btn-primary', id: 'checkin-submit', text: t('checkin.submit') })));
}
