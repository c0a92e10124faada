// What the handläggare's insats page (screens/insats.js) and the coordinator's (screens/orginsats.js) draw
// alike: a fact, a section card, the decisions so far, and the genomförandeplan's versions with the client's
// confirmation. Each screen keeps its own element ids (listId, noneId) so that both stay addressable.
import { h } from '../app/view.js';
import { dateTime, t, tl } from './i18n.js';
import { NEEDS, label } from './clientcodes.js';
import { date } from './fields.js';
import { DECISION_KINDS, DECISION_OUTCOMES, word } from './insatscodes.js';

const DRAFTERS = { VOLUNTEER: tl('hl.plan.byVolunteer'), COORDINATOR: tl('hl.plan.byCoordinator'), HANDLAGGARE: tl('hl.plan.byHandlaggare') };

export const fact = (term, value, attrs = {}) => h('div', { class: 'fact', ...attrs }, h('dt', { text: term }), h('dd', {}, value ?? ''));

export const section = (id, title, ...children) => h('section', { class: 'card', id, 'aria-labelledby': `${id}-title` },
  h('h2', { id: `${id}-title`, tabindex: '-1', text: title }), ...children);

export const textarea = (name, rows = 4, max = 4000) => h('textarea', { name, rows: String(rows), maxlength: String(max) });

/** Every decision version, newest first: dates, legal basis, period, hours, and for a refusal its reason and how to appeal. */
export function decisionList(decisions, listId) {
  return h('ol', { class: 'plain-list', id: listId }, [...decisions].reverse().map((x) => h('li', { class: 'decision', 'data-version': x.version, 'data-outcome': x.outcome },
    h('h3', { text: t('hl.decs.item', { version: x.version, kind: word(DECISION_KINDS, x.kind), outcome: word(DECISION_OUTCOMES, x.outcome) }) }),
    h('dl', { class: 'facts' },
      fact(t('hl.dec.decidedOn'), date(x.decidedOn)),
      fact(t('hl.dec.legalBasis'), x.legalBasis),
      x.periodStart ? fact(t('hl.detail.period'), `${date(x.periodStart)} – ${date(x.periodEnd)}`) : null,
      x.hoursPerMonth ? fact(t('hl.detail.hours'), t('hl.detail.hoursValue', { hours: x.hoursPerMonth })) : null,
      x.followUpOn ? fact(t('hl.dec.followUpOn'), date(x.followUpOn)) : null,
      x.refusalReason ? fact(t('hl.dec.refusalReason'), h('span', { class: 'free-text', text: x.refusalReason })) : null,
      x.appealInformation ? fact(t('hl.dec.appeal'), h('span', { class: 'appeal free-text', text: x.appealInformation })) : null))));
}

/** Whether the client confirmed this plan version on her phone (the detail holds her newest confirmation). */
function confirmation(p, confirmed) {
  const yes = confirmed && confirmed.version === p.version;
  return h('p', { class: yes ? 'plan-confirmed' : 'plan-unconfirmed', 'data-confirmed': yes ? 'true' : 'false',
    text: yes ? t('hl.plan.confirmed', { version: p.version, date: date(confirmed.confirmedOn) }) : t('hl.plan.notConfirmed') });
}

/** The plan's versions, newest open and the earlier ones folded, each with who wrote it, when, and the confirmation. */
export function planVersions(plans, confirmed, { listId, noneId }) {
  if (!plans.length) return h('p', { id: noneId, text: t('hl.plan.none') });
  const goals = (p) => h('ul', { class: 'plain-list' }, p.goals.map((g) => h('li', { class: 'goal' },
    h('h4', { text: label(NEEDS, g.need, t) }),
    h('p', {}, h('strong', { text: `${t('hl.plan.goal')}: ` }), g.goal),
    h('p', {}, h('strong', { text: `${t('hl.plan.how')}: ` }), g.how),
    h('p', {}, h('strong', { text: `${t('hl.plan.howOften')}: ` }), g.howOften))));
  const meta = (p) => t('hl.plan.version', { version: p.version, who: t(DRAFTERS[p.draftedBy] || DRAFTERS.COORDINATOR),
    when: dateTime(p.createdAt), withClient: date(p.madeWithClientOn) });
  return h('ol', { class: 'plain-list', id: listId }, [...plans].reverse().map((p, i) => h('li', { 'data-version': p.version },
    i === 0 ? [h('h3', { text: meta(p) }), confirmation(p, confirmed), goals(p)]
      : h('details', {}, h('summary', { text: meta(p) }), confirmation(p, confirmed), goals(p)))));
}
