// The client's own insats, on her phone: her consent (given here, or revoked here with a confirm step that says
// what revoking does), the period, what the kontaktperson is for, the plan in plain words with her confirmation
// that she took part in making it, and the next follow-up. Nothing of it is stored on the phone; every state
// shown ("Bekräftat", "Du har samtyckt") is the server's answer, never an assumption.
import { t, tl } from '../i18n.js';
import { h, replace } from '../view.js';
import { alertBox, call, facts, formatDate, problemText, screen } from './common.js';
import { NEEDS } from './insatser.js';

const STATES = {
  AWAITING_CONSENT: tl('myinsats.state.AWAITING_CONSENT'), REQUESTED: tl('myinsats.state.REQUESTED'),
  PROPOSED: tl('myinsats.state.PROPOSED'), GRANTED: tl('myinsats.state.GRANTED'), WITHDRAWN: tl('myinsats.state.WITHDRAWN'),
};
const FORMS = { ORAL: tl('myinsats.form.ORAL'), WRITTEN: tl('myinsats.form.WRITTEN'), IN_APP: tl('myinsats.form.IN_APP') };
const BEFORE_DECISION = new Set(['AWAITING_CONSENT', 'REQUESTED', 'PROPOSED']);

/** Her insatser that are not closed, or null when the server could not be reached. */
export async function myInsatser() {
  try {
    return (await call('GET', '/api/me/client/insatser')) || [];
  } catch {
    return null;
  }
}

const text = (value) => h('span', { class: 'free-text', dir: 'auto', text: value });
const needWords = (needs) => (needs || []).map((n) => t(NEEDS[n] || NEEDS.EMOTIONAL_SUPPORT)).join(', ');

/** What each scope lets flow, in plain words. */
function scopeWords(scope, i) {
  return scope === 'PROPOSAL' ? t('myinsats.scopeProposal', { municipality: i.municipality || '' }) : t('myinsats.scopeFollowUp');
}

export async function render(app, params = {}) {
  const list = await myInsatser();
  const back = h('button', { type: 'button', class: 'btn', id: 'myinsats-back', onclick: () => app.go('home'), text: t('nav.back') });
  if (list === null) return screen(t('myinsats.title'), t('error.offline'), back);
  if (!list.length) return screen(t('myinsats.title'), t('myinsats.none'), back);
  const node = screen(t('myinsats.title'), t('myinsats.intro'));
  const show = (items, message) => {
    replace(node, h('h1', { tabindex: '-1', text: t('myinsats.title') }), h('p', { class: 'intro', text: t('myinsats.intro') }),
      items.map((i) => insatsCard(i, ctx)), back);
    if (message) app.announce(message);
  };
  // "Inte nu": nothing is sent; the proposal waits and she can come back to it.
  const later = () => {
    app.go('home');
    app.announce(t('myinsats.notNowDone'));
  };
  // After a change, the whole screen is drawn again from what the server now says.
  async function reload(message, focusId) {
    const items = await myInsatser();
    if (!items) return;
    if (!items.length) {
      app.go('home');
      if (message) app.announce(message);
      return;
    }
    show(items, message);
    const target = focusId && document.getElementById(focusId);
    (target || node.querySelector('h1'))?.focus();
  }
  const ctx = { reload, later };
  show(list, params.message);
  return node;
}

function insatsCard(i, ctx) {
  const period = i.periodStart && i.periodEnd && `${formatDate(i.periodStart)} – ${formatDate(i.periodEnd)}`;
  return h('section', { class: 'card', 'data-insats': i.id, 'aria-labelledby': `insats-${i.id}-title` },
    h('h2', { id: `insats-${i.id}-title`, text: i.organisation ? t('myinsats.cardTitle', { organisation: i.organisation }) : t('myinsats.title') }),
    STATES[i.state] && h('p', { class: 'state', id: `myinsats-state-${i.id}`, text: t(STATES[i.state]) }),
    facts([
      period && [t('myinsats.period'), period],
      i.hoursPerMonth && [t('myinsats.hours'), String(i.hoursPerMonth)],
      i.purpose && [t('myinsats.purpose'), text(i.purpose)],
      i.nextFollowUpOn && [t('myinsats.nextFollowUp'), formatDate(i.nextFollowUpOn)],
    ]),
    consentSection(i, ctx),
    i.state === 'GRANTED' && planSection(i, ctx.reload));
}

function consentSection(i, { reload, later }) {
  const id = `consent-${i.id}`;
  const error = alertBox(`${id}-error`);
  const title = h('h3', { id: `${id}-title`, tabindex: '-1', text: t('myinsats.consentTitle') });
  const shared = h('p', { text: i.summaryIncluded ? t('myinsats.sharedWithSummary', { needs: needWords(i.needs) })
    : t('myinsats.shared', { needs: needWords(i.needs) }) });
  const c = i.consent;
  if (i.state === 'AWAITING_CONSENT' && !c) {
    const box = (scope) => h('div', { class: 'choice' },
      h('input', { type: 'checkbox', id: `${id}-${scope}`, name: 'scope', value: scope }),
      h('label', { for: `${id}-${scope}`, text: scopeWords(scope, i) }));
    const agree = h('button', { type: 'submit', class: 'btn btn-primary', id: `${id}-give`, text: t('myinsats.agree') });
    const notNow = h('button', { type: 'button', class: 'btn', id: `${id}-later`, text: t('myinsats.notNow'),
      onclick: later });
    const form = h('form', { id: `${id}-form`, novalidate: true }, h('fieldset', { class: 'choices' },
      h('legend', { text: t('myinsats.consentLegend') }),
      h('p', { class: 'hint', id: `${id}-hint`, text: t('myinsats.consentHint') }),
      box('PROPOSAL'), box('FOLLOW_UP')), error, h('div', { class: 'row' }, agree, notNow));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      error.textContent = '';
      const scope = [...form.querySelectorAll('input[name="scope"]:checked')].map((b) => b.value);
      if (!scope.includes('PROPOSAL')) {
        error.textContent = t('myinsats.needProposal');
        form.querySelector(`#${id}-PROPOSAL`).focus();
        return;
      }
      agree.disabled = true;
      try {
        await call('POST', `/api/me/client/insatser/${encodeURIComponent(i.id)}/consent`, { scope });
        await reload(t('myinsats.given'), `${id}-title`);
      } catch (e) {
        agree.disabled = false;
        if (e?.status === 409) await reload(t('myinsats.changed'), `${id}-title`);
        else error.textContent = problemText(e);
      }
    });
    return h('section', { class: 'consent', id, 'aria-labelledby': title.id }, title,
      h('p', { text: t('myinsats.consentAsk', { municipality: i.municipality || '' }) }), shared, form);
  }
  if (!c) return null;
  const status = c.revokedAt
    ? h('p', { class: 'notice', id: `${id}-revoked`, text: t('myinsats.revoked', { date: formatDate(c.revokedAt.slice(0, 10)) }) })
    : h('p', { class: 'notice', id: `${id}-given`, text: t('myinsats.consentGiven', { date: formatDate(c.givenOn), form: t(FORMS[c.form] || FORMS.ORAL) }) });
  const agreed = h('ul', { class: 'plain' }, (c.scope || []).map((s) => h('li', { text: scopeWords(s, i) })));
  if (c.revokedAt) return h('section', { class: 'consent', id, 'aria-labelledby': title.id }, title, status, agreed);
  const confirm = h('div', { class: 'notice', id: `${id}-confirm`, role: 'group', 'aria-labelledby': `${id}-confirm-text`, hidden: true });
  const revoke = h('button', { type: 'button', class: 'btn btn-danger', id: `${id}-revoke`, text: t('myinsats.revoke'),
    onclick: () => {
      revoke.hidden = true;
      confirm.hidden = false;
      confirm.querySelector('button')?.focus();
    } });
  const yes = h('button', { type: 'button', class: 'btn btn-danger', id: `${id}-revoke-yes`, text: t('myinsats.revokeYes') });
  const cancel = h('button', { type: 'button', class: 'btn', id: `${id}-revoke-cancel`, text: t('myinsats.revokeCancel'),
    onclick: () => { confirm.hidden = true; revoke.hidden = false; revoke.focus(); } });
  replace(confirm, h('p', { id: `${id}-confirm-text`,
    text: t(BEFORE_DECISION.has(i.state) ? 'myinsats.revokeBefore' : 'myinsats.revokeAfter', { municipality: i.municipality || '' }) }),
  h('div', { class: 'row' }, cancel, yes));
  yes.addEventListener('click', async () => {
    yes.disabled = true;
    error.textContent = '';
    try {
      await call('DELETE', `/api/me/client/insatser/${encodeURIComponent(i.id)}/consent`);
      await reload(t('myinsats.revokedDone'), `${id}-title`);
    } catch (e) {
      yes.disabled = false;
      if (e?.status === 409) await reload(t('myinsats.changed'), `${id}-title`);
      else error.textContent = problemText(e);
    }
  });
  return h('section', { class: 'consent', id, 'aria-labelledby': title.id }, title, status,
    h('p', { text: t('myinsats.youAgreed') }), agreed, error, revoke, confirm);
}

function planSection(i, reload) {
  const id = `plan-${i.id}`;
  const title = h('h3', { id: `${id}-title`, tabindex: '-1', text: t('myinsats.planTitle') });
  const p = i.plan;
  if (!p) return h('section', { class: 'plan', id, 'aria-labelledby': title.id }, title, h('p', { class: 'empty', text: t('myinsats.noPlan') }));
  const error = alertBox(`${id}-error`);
  const goals = h('ol', { class: 'plain' }, p.goals.map((g) => h('li', { class: 'goal' },
    h('h4', { text: t(NEEDS[g.need] || NEEDS.EMOTIONAL_SUPPORT) }),
    facts([[t('myinsats.goal'), text(g.goal)], [t('myinsats.how'), text(g.how)], [t('myinsats.howOften'), text(g.howOften)]]))));
  const confirmed = i.planConfirmation && i.planConfirmation.version === p.version;
  let action;
  if (confirmed) {
    action = h('p', { class: 'notice', id: `${id}-confirmed`, text: t('myinsats.confirmed', { date: formatDate(i.planConfirmation.confirmedOn) }) });
  } else {
    action = h('button', { type: 'button', class: 'btn btn-primary', id: `${id}-confirm`, text: t('myinsats.confirmPlan') });
    action.addEventListener('click', async () => {
      action.disabled = true;
      error.textContent = '';
      try {
        await call('POST', `/api/me/client/insatser/${encodeURIComponent(i.id)}/plan-confirmation`, { version: p.version });
        await reload(t('myinsats.confirmedDone'), `${id}-title`);
      } catch (e) {
        action.disabled = false;
        if (e?.status === 409) await reload(t('myinsats.planChanged'), `${id}-title`);
        else error.textContent = problemText(e);
      }
    });
  }
  return h('section', { class: 'plan', id, 'aria-labelledby': title.id }, title,
    h('p', { class: 'hint', text: t('myinsats.planMade', { date: formatDate(p.madeWithClientOn) }) }),
    goals, error, action);
}
