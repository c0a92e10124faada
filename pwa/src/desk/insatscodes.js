// The insats API's codes and the words a handläggare reads for them (every key written out with tl, so the
// desk test finds each in both translation files), and the one way the handläggare's forms are sent: checked
// on the client, then the server's answer; success is said only after the server confirmed it.
import { h } from '../app/view.js';
import { t, tl } from './i18n.js';

export const STATES = {
  REQUESTED: tl('hl.state.REQUESTED'), AWAITING_CONSENT: tl('hl.state.AWAITING_CONSENT'), PROPOSED: tl('hl.state.PROPOSED'),
  GRANTED: tl('hl.state.GRANTED'), REFUSED: tl('hl.state.REFUSED'), WITHDRAWN: tl('hl.state.WITHDRAWN'), ENDED: tl('hl.state.ENDED'),
};
export const ORIGINS = { ORGANISATION: tl('hl.origin.ORGANISATION'), MUNICIPALITY: tl('hl.origin.MUNICIPALITY') };
export const END_REASONS = {
  GOAL_REACHED: tl('hl.end.GOAL_REACHED'), NEED_CHANGED: tl('hl.end.NEED_CHANGED'), CLIENT_ENDED: tl('hl.end.CLIENT_ENDED'),
  MOVED: tl('hl.end.MOVED'), OTHER: tl('hl.end.OTHER'),
};
export const HELD_HOW = { MEETING: tl('hl.how.MEETING'), PHONE: tl('hl.how.PHONE'), VIDEO: tl('hl.how.VIDEO') };
export const FOLLOW_UP_OUTCOMES = { CONTINUE: tl('hl.fu.outcome.CONTINUE'), CHANGE: tl('hl.fu.outcome.CHANGE'), END: tl('hl.fu.outcome.END') };
export const DECISION_KINDS = { INITIAL: tl('hl.decision.kind.INITIAL'), CHANGE: tl('hl.decision.kind.CHANGE') };
export const DECISION_OUTCOMES = { GRANTED: tl('hl.decision.GRANTED'), REFUSED: tl('hl.decision.REFUSED') };
export const INVESTIGATION = { SUITABLE: tl('hl.inv.SUITABLE'), NOT_SUITABLE: tl('hl.inv.NOT_SUITABLE') };
export const CONSENT_FORMS = { ORAL: tl('hl.consent.ORAL'), WRITTEN: tl('hl.consent.WRITTEN'), IN_APP: tl('hl.consent.IN_APP') };
export const REPORT_STATES = { SUBMITTED: tl('hl.tr.state.SUBMITTED'), APPROVED: tl('hl.tr.state.APPROVED'), RETURNED: tl('hl.tr.state.RETURNED') };
export const SUPPORT = { YES: tl('hl.cv.YES'), PARTLY: tl('hl.cv.PARTLY'), NO: tl('hl.cv.NO'), UNSURE: tl('hl.cv.UNSURE') };

export const word = (table, code) => (table[code] ? t(table[code]) : String(code ?? ''));

/** Options for clientfields.group() from a code table. */
export const options = (table) => Object.keys(table).map((k) => ({ value: k, label: t(table[k]) }));

export { sendForm } from './clientfields.js';

export function generalLine(id) {
  return h('p', { class: 'alert', role: 'alert', id, tabindex: '-1' });
}

/** yyyy-mm-dd plus whole days, in plain calendar arithmetic. */
export function plusDays(iso, days) {
  const d = new Date(`${iso}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function plusMonths(iso, months) {
  const [y, m, d] = iso.split('-').map(Number);
  const total = y * 12 + (m - 1) + months;
  const last = new Date(Date.UTC(Math.floor(total / 12), (total % 12) + 1, 0)).getUTCDate();
  return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** Planned, due (within the reminder window) or overdue, for a follow-up date not yet held. */
export function followUpStatus(plannedOn, today, windowDays = 14) {
  if (!plannedOn) return null;
  if (plannedOn < today) return 'overdue';
  if (plannedOn <= plusDays(today, windowDays)) return 'due';
  return 'planned';
}
export const FU_STATUS = { planned: tl('hl.fu.status.planned'), due: tl('hl.fu.status.due'), overdue: tl('hl.fu.status.overdue') };

/** Hours as the person reads them: "7,5" in Swedish. */
export function hours(n) {
  return new Intl.NumberFormat(document.documentElement.lang === 'en' ? 'en-GB' : 'sv-SE', { maximumFractionDigits: 2 }).format(Number(n || 0));
}
