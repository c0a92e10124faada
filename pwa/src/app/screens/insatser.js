// The kontaktperson's insatser: period, scope, the municipality's uppdrag and the current
// genomförandeplan, and a new plan version made together with the client. For a protected client the
// server sends neither municipality nor uppdrag, and nothing stands in their place here.
import { t, tl } from '../i18n.js';
import { field, h, replace } from '../view.js';
import { alertBox, call, facts, formatDate, problemText, screen, todayInSweden } from './common.js';

export const NEEDS = {
  HOUSING: tl('need.HOUSING'), STUDIES_AND_WORK: tl('need.STUDIES_AND_WORK'), BREAKING_ISOLATION: tl('need.BREAKING_ISOLATION'),
  RIGHTS_AND_SOCIETY: tl('need.RIGHTS_AND_SOCIETY'), AUTHORITY_CONTACTS: tl('need.AUTHORITY_CONTACTS'),
  EMOTIONAL_SUPPORT: tl('need.EMOTIONAL_SUPPORT'),
};
const STATES = { GRANTED: tl('insatser.GRANTED'), ENDED: tl('insatser.ENDED') };
const MAX_GOALS = 20;

const text = (value) => h('span', { class: 'free-text', dir: 'auto', text: value });

function planView(plan) {
  if (!plan) return h('p', { class: 'empty', text: t('insatser.noPlan') });
  return [
    h('p', { class: 'hint', text: t('insatser.planVersion', { version: plan.version, date: formatDate(plan.madeWithClientOn) }) }),
    h('ol', { class: 'plain' }, plan.goals.map((g) => h('li', { class: 'goal' },
      h('h4', { text: t(NEEDS[g.need] || NEEDS.EMOTIONAL_SUPPORT) }),
      facts([[t('plan.goal'), text(g.goal)], [t('plan.how'), text(g.how)], [t('plan.howOften'), text(g.howOften)]])))),
  ];
}

function insatsItem(app, i) {
  const period = i.periodStart && i.periodEnd && `${formatDate(i.periodStart)} – ${formatDate(i.periodEnd)}`;
  return h('li', { class: 'card', 'data-insats': i.id },
    h('h2', { text: i.clientPseudonym }),
    STATES[i.state] && h('p', { class: 'state', text: t(STATES[i.state]) }),
    facts([
      period && [t('insatser.period'), period],
      i.hoursPerMonth && [t('insatser.hours'), String(i.hoursPerMonth)],
      i.municipality && [t('insatser.municipality'), i.municipality],
    ]),
    i.uppdrag && h('section', { 'aria-label': t('insatser.uppdrag') },
      h('h3', { text: t('insatser.uppdrag') }),
      facts([[t('insatser.what'), text(i.uppdrag.what)], [t('insatser.why'), text(i.uppdrag.why)]])),
    h('section', { 'aria-label': t('insatser.plan'), class: 'plan' },
      h('h3', { text: t('insatser.plan') }),
      planView(i.plan)),
    i.state === 'GRANTED' && h('button', {
      type: 'button', class: 'btn', id: `plan-edit-${i.id}`, text: t('insatser.newPlan'),
      onclick: () => app.go('insatser', { edit: i.id }),
    }));
}

function goalFields(n, g, onRemove) {
  const need = h('select', { id: `goal-need-${n}` }, Object.entries(NEEDS).map(([value, key]) =>
    h('option', { value, selected: value === g.need, text: t(key) })));
  return h('fieldset', { class: 'card goal-edit', 'data-goal': n },
    h('legend', { text: t('plan.goalN', { n }) }),
    field(t('plan.need'), need),
    field(t('plan.goal'), h('textarea', { id: `goal-goal-${n}`, rows: '2', maxlength: '1000', dir: 'auto' }, g.goal)),
    field(t('plan.how'), h('textarea', { id: `goal-how-${n}`, rows: '2', maxlength: '1000', dir: 'auto' }, g.how)),
    field(t('plan.howOften'), h('input', { id: `goal-often-${n}`, maxlength: '200', dir: 'auto', value: g.howOften })),
    onRemove && h('button', { type: 'button', class: 'btn btn-danger', id: `goal-remove-${n}`, onclick: onRemove, text: t('plan.removeGoal', { n }) }));
}

function planEditor(app, insats) {
  const error = alertBox('plan-error');
  const list = h('div', { id: 'plan-goals' });
  let goals = (insats.plan?.goals || []).map((g) => ({ ...g }));
  if (!goals.length) goals = [{ need: 'BREAKING_ISOLATION', goal: '', how: '', howOften: '' }];
  const read = () => [...list.querySelectorAll('[data-goal]')].map((f) => {
    const n = f.dataset.goal;
    return {
      need: f.querySelector(`#goal-need-${n}`).value, goal: f.querySelector(`#goal-goal-${n}`).value,
      how: f.querySelector(`#goal-how-${n}`).value, howOften: f.querySelector(`#goal-often-${n}`).value,
    };
  });
  const add = h('button', {
    type: 'button', class: 'btn btn-add', id: 'goal-add', text: t('plan.addGoal'),
    onclick: () => {
      goals = [...read(), { need: 'BREAKING_ISOLATION', goal: '', how: '', howOften: '' }];
      draw();
      list.querySelector(`#goal-need-${goals.length}`).focus();
    },
  });
  function draw() {
    replace(list, goals.map((g, i) => goalFields(i + 1, g, goals.length > 1 && (() => {
      goals = read();
      goals.splice(i, 1);
      draw();
      list.querySelector(`#goal-need-${Math.min(i + 1, goals.length)}`).focus();
    }))));
    add.hidden = goals.length >= MAX_GOALS;
  }
  draw();
  const madeOn = h('input', { id: 'plan-made-on', type: 'date', max: todayInSweden(), value: todayInSweden() });
  const submit = h('button', { type: 'submit', class: 'btn btn-primary', id: 'plan-save', text: t('plan.save') });

  async function onSubmit(event) {
    event.preventDefault();
    error.textContent = '';
    const typed = read().map((g) => ({ need: g.need, goal: g.goal.trim(), how: g.how.trim(), howOften: g.howOften.trim() }));
    const incomplete = typed.findIndex((g) => !g.goal || !g.how || !g.howOften);
    if (incomplete >= 0 || !/^\d{4}-\d{2}-\d{2}$/.test(madeOn.value)) {
      error.textContent = t('plan.incomplete');
      (incomplete >= 0 ? list.querySelector(`[data-goal="${incomplete + 1}"] textarea`) : madeOn).focus();
      return;
    }
    submit.disabled = true;
    try {
      await call('PUT', `/api/me/insatser/${encodeURIComponent(insats.id)}/plan`, { goals: typed, madeWithClientOn: madeOn.value });
      await app.go('insatser');
      app.announce(t('plan.saved'));
    } catch (e) {
      submit.disabled = false;
      error.textContent = problemText(e, { goals: t('plan.goal'), madeWithClientOn: t('plan.madeOn') });
    }
  }

  return screen(t('plan.title', { client: insats.clientPseudonym }), t('plan.intro'),
    h('form', { id: 'plan-form', novalidate: true, onsubmit: onSubmit },
      list,
      add,
      field(t('plan.madeOn'), madeOn),
      error,
      submit),
    h('button', { type: 'button', class: 'btn', id: 'back', onclick: () => app.go('insatser'), text: t('nav.back') }));
}

export async function render(app, params) {
  let mine;
  try {
    mine = await call('GET', '/api/me/insatser');
  } catch (e) {
    return screen(t('insatser.title'), null, h('p', { class: 'alert', role: 'alert', text: problemText(e) }));
  }
  const editing = params.edit && mine.find((i) => i.id === params.edit && i.state === 'GRANTED');
  if (editing) return planEditor(app, editing);
  return screen(t('insatser.title'), t('insatser.intro'),
    mine.length
      ? h('ul', { class: 'plain', id: 'insats-list' }, mine.map((i) => insatsItem(app, i)))
      : h('p', { class: 'empty', text: t('insatser.none') }));
}
