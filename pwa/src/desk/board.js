// Shared by the recruiting screens (Volunteers, a volunteer, Training, Supervision): the volunteer
// lifecycle as the server defines it (recruiting/VolunteerState.java), the board's columns, the form
// helpers that put the server's problem+json next to the right field, and the reason form every
// transition needs (the API asks a reason for each one).
import { h, replace } from '../app/view.js';
import { t } from './i18n.js';
import { ApiError, api } from './session.js';
import { clearErrors, fieldError, formField } from './fields.js';

export * from './fields.js';

/** VolunteerState.NEXT, for the buttons; the server stays the authority and checks its guards. */
export const NEXT = {
  APPLIED: ['INTERVIEW_BOOKED', 'WITHDRAWN', 'NOT_SUITABLE'],
  INTERVIEW_BOOKED: ['INTERVIEWED', 'WITHDRAWN', 'NOT_SUITABLE'],
  INTERVIEWED: ['IN_TRAINING', 'WITHDRAWN', 'NOT_SUITABLE'],
  IN_TRAINING: ['TRAINED', 'WITHDRAWN', 'NOT_SUITABLE'],
  TRAINED: ['APPROVED', 'WITHDRAWN', 'NOT_SUITABLE'],
  APPROVED: ['ACTIVE', 'PAUSED', 'ENDED'],
  ACTIVE: ['APPROVED', 'PAUSED', 'ENDED'],
  PAUSED: ['ACTIVE', 'APPROVED', 'ENDED'],
  ENDED: [],
  WITHDRAWN: [],
  NOT_SUITABLE: [],
};
export const STATES = Object.keys(NEXT);
/** Transitions that take a person out of the pipeline or the role. */
const LEAVING = new Set(['WITHDRAWN', 'NOT_SUITABLE', 'ENDED']);

/** The board's columns, in pipeline order, each a set of the server's states. */
export const STAGES = [
  { id: 'applied', states: ['APPLIED'] },
  { id: 'interview', states: ['INTERVIEW_BOOKED', 'INTERVIEWED'] },
  { id: 'training', states: ['IN_TRAINING', 'TRAINED'] },
  { id: 'approved', states: ['APPROVED', 'ACTIVE'] },
  { id: 'paused', states: ['PAUSED'] },
  { id: 'ended', states: ['ENDED', 'WITHDRAWN', 'NOT_SUITABLE'] },
];

const STATE_KEYS = {
  APPLIED: 'volunteers.state.APPLIED', INTERVIEW_BOOKED: 'volunteers.state.INTERVIEW_BOOKED',
  INTERVIEWED: 'volunteers.state.INTERVIEWED', IN_TRAINING: 'volunteers.state.IN_TRAINING',
  TRAINED: 'volunteers.state.TRAINED', APPROVED: 'volunteers.state.APPROVED', ACTIVE: 'volunteers.state.ACTIVE',
  PAUSED: 'volunteers.state.PAUSED', ENDED: 'volunteers.state.ENDED', WITHDRAWN: 'volunteers.state.WITHDRAWN',
  NOT_SUITABLE: 'volunteers.state.NOT_SUITABLE',
};
const MOVE_KEYS = {
  APPLIED: 'volunteers.move.APPLIED', INTERVIEW_BOOKED: 'volunteers.move.INTERVIEW_BOOKED',
  INTERVIEWED: 'volunteers.move.INTERVIEWED', IN_TRAINING: 'volunteers.move.IN_TRAINING',
  TRAINED: 'volunteers.move.TRAINED', APPROVED: 'volunteers.move.APPROVED', ACTIVE: 'volunteers.move.ACTIVE',
  PAUSED: 'volunteers.move.PAUSED', ENDED: 'volunteers.move.ENDED', WITHDRAWN: 'volunteers.move.WITHDRAWN',
  NOT_SUITABLE: 'volunteers.move.NOT_SUITABLE',
};
const STAGE_KEYS = {
  applied: 'volunteers.stage.applied', interview: 'volunteers.stage.interview', training: 'volunteers.stage.training',
  approved: 'volunteers.stage.approved', paused: 'volunteers.stage.paused', ended: 'volunteers.stage.ended',
};
/** The guards' refusals (problem types of VolunteerService and the recruiting services) in plain words. */
const REFUSAL_KEYS = {
  'interview-required': 'volunteer.refused.interview-required',
  'enrolment-required': 'volunteer.refused.enrolment-required',
  'training-incomplete': 'volunteer.refused.training-incomplete',
  'background-check-required': 'volunteer.refused.background-check-required',
  'illegal-transition': 'volunteer.refused.illegal-transition',
  'not-ready-for-training': 'volunteer.refused.not-ready-for-training',
  'session-not-held': 'training.refused.session-not-held',
  'volunteer-closed': 'training.refused.volunteer-closed',
  'not-a-member': 'training.refused.not-a-member',
  'not-in-role': 'supervision.refused.not-in-role',
  'individual-session-taken': 'supervision.refused.individual-session-taken',
  'duplicate-name': 'training.refused.duplicate-name',
};

export const stateLabel = (state) => (STATE_KEYS[state] ? t(STATE_KEYS[state]) : state);
export const moveLabel = (state) => (MOVE_KEYS[state] ? t(MOVE_KEYS[state]) : state);
export const stageLabel = (id) => t(STAGE_KEYS[id]);
export const stageOf = (state) => STAGES.find((s) => s.states.includes(state));

/**
 * Puts a server refusal on the form: each violation next to its field (translated through `messages`, a
 * function of field and server message), anything else in the form's alert. Focuses the first field.
 */
export function showProblem(form, err, alertEl, messages = (field, message) => message) {
  let first = null;
  const violations = err instanceof ApiError ? (err.problem?.violations || []) : [];
  const rest = [];
  for (const v of violations) {
    const control = fieldError(form, v.field, messages(v.field, v.message));
    if (control) first = first || control;
    else rest.push(v);
  }
  if (!violations.length || rest.length) alertEl.textContent = refusalText(err);
  (first || alertEl).focus?.();
  return first;
}

/** The words for a refusal: a known problem type translated, otherwise the server's detail, otherwise generic. */
export function refusalText(err) {
  if (!(err instanceof ApiError)) return t('volunteers.error.network');
  const slug = (err.problem?.type || '').replace('urn:bredvid:problem:', '');
  if (REFUSAL_KEYS[slug]) return t(REFUSAL_KEYS[slug]);
  if (err.status === 404) return t('volunteers.error.notFound');
  if (err.problem?.violations?.length) {
    return `${t('volunteers.error.invalid')} ${err.problem.violations.map((v) => `${v.field}: ${v.message}`).join('; ')}`;
  }
  return err.problem?.detail ? `${t('volunteers.error.refused')} ${err.problem.detail}` : t('volunteers.error.generic');
}

/**
 * The buttons of every allowed transition; a click opens a small form asking the reason (the API asks one
 * for every transition) in place, and Cancel brings the buttons back. `onMoved(detail, to)` runs only after
 * the server has confirmed. The form's alert shows a refusal next to the button the person used.
 */
export function transitionControls(volunteer, { onMoved, compact = false, announce }) {
  const box = h('div', { class: 'transitions', 'data-volunteer': volunteer.id });
  const nexts = NEXT[volunteer.state] || [];
  const button = (to) => h('button', {
    type: 'button', class: `btn btn-move${compact ? ' btn-small' : ''}${LEAVING.has(to) ? ' btn-leave' : ''}`, 'data-to': to,
    'aria-label': compact ? t('volunteers.moveNamed', { action: moveLabel(to), name: volunteer.name }) : undefined,
    text: moveLabel(to), onclick: () => ask(to),
  });
  // On the board, the ways out (withdrawn, not suitable, ended) wait behind "Fler val" to keep cards short.
  const draw = (focusTo, open = false) => {
    const main = compact ? nexts.filter((to) => !LEAVING.has(to)) : nexts;
    const more = compact ? nexts.filter((to) => LEAVING.has(to)) : [];
    const showMore = open || more.includes(focusTo);
    const toggle = more.length ? h('button', {
      type: 'button', class: 'btn btn-small btn-more-moves', 'aria-expanded': String(showMore),
      'aria-label': t('volunteers.moreMovesNamed', { name: volunteer.name }), text: t('volunteers.moreMoves'),
      onclick: () => { draw(null, !showMore); box.querySelector('.btn-more-moves')?.focus(); },
    }) : null;
    replace(box, nexts.length ? h('div', { class: 'row' }, main.map(button), toggle, showMore ? more.map(button) : null) : null);
    if (focusTo) box.querySelector(`[data-to="${focusTo}"]`)?.focus();
  };
  const ask = (to) => {
    const reason = h('textarea', { name: 'reason', rows: '2', maxlength: '1000', required: true });
    const alertEl = h('p', { class: 'alert', role: 'alert', tabindex: '-1' });
    const confirm = h('button', { type: 'submit', class: 'btn btn-confirm', text: t('volunteers.confirmMove', { action: moveLabel(to) }) });
    const cancel = h('button', { type: 'button', class: 'btn', text: t('volunteers.cancel'), onclick: () => draw(to) });
    const form = h('form', { class: 'reason-form', 'data-to': to, novalidate: true },
      formField(t('volunteers.reason', { action: moveLabel(to) }), reason, { hint: t('volunteers.reasonHint') }),
      alertEl, h('div', { class: 'row' }, confirm, cancel));
    form.addEventListener('keydown', (e) => { if (e.key === 'Escape') { e.preventDefault(); draw(to); } });
    reason.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && !e.shiftKey) { e.preventDefault(); form.requestSubmit(); }
    });
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      clearErrors(form);
      alertEl.textContent = '';
      if (!reason.value.trim()) {
        fieldError(form, 'reason', t('volunteers.reasonMissing'));
        reason.focus();
        return;
      }
      confirm.disabled = true;
      try {
        const detail = await api('POST', `/api/recruiting/volunteers/${volunteer.id}/transitions`, { to, reason: reason.value.trim() });
        announce?.(t('volunteers.moved', { name: volunteer.name, state: stateLabel(detail.state) }));
        onMoved(detail, to);
      } catch (err) {
        confirm.disabled = false;
        showProblem(form, err, alertEl);
      }
    });
    replace(box, form);
    reason.focus();
  };
  draw();
  return box;
}

export { ApiError };
