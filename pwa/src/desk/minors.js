// Clients aged 13-17 (seed 001:473) under the organisation's rule: INSATS_ONLY (only within an insats the
// municipality decided) or RECORDED_STEP (a voluntary match once the guardian's consent or socialtjänsten's
// involvement is recorded). The policy form for the Clients screen, the rule and step form for a client's page,
// and the words for the server's minor-rule refusal. The server decides; these screens only show its answers.
import { h, replace } from '../app/view.js';
import { t, tl } from './i18n.js';
import { api } from './session.js';
import { group, labelled, sendForm } from './clientfields.js';
import { date, today } from './fields.js';

export const POLICIES = { INSATS_ONLY: tl('minors.policy.INSATS_ONLY'), RECORDED_STEP: tl('minors.policy.RECORDED_STEP') };
export const STEP_KINDS = { GUARDIAN_CONSENT: tl('minors.step.GUARDIAN_CONSENT'), SOCIALTJANST_INVOLVED: tl('minors.step.SOCIALTJANST_INVOLVED') };
const RULES = { INSATS_ONLY: tl('minors.rule.INSATS_ONLY'), RECORDED_STEP: tl('minors.rule.RECORDED_STEP') };
const REFUSED = { INSATS_ONLY: tl('minors.refused.INSATS_ONLY'), RECORDED_STEP: tl('minors.refused.RECORDED_STEP') };

const choices = (table) => Object.keys(table).map((k) => ({ value: k, label: t(table[k]) }));

/** The words for a 409 minor-rule problem, or null for any other answer. */
export function minorRefusal(err) {
  if (err?.status !== 409 || !String(err?.problem?.type || '').endsWith(':minor-rule')) return null;
  const policy = /RECORDED_STEP/.test(err.problem.detail || '') ? 'RECORDED_STEP' : 'INSATS_ONLY';
  return t(REFUSED[policy]);
}

/** The organisation's policy, shown and changed on the Clients screen (coordinator). */
export function policyCard(signal, announce) {
  const body = h('div', { id: 'minors-policy-body' }, h('p', { role: 'status', text: t('client.loading') }));
  const card = h('section', { class: 'card', id: 'minors-policy', 'aria-labelledby': 'minors-policy-title' },
    h('h2', { id: 'minors-policy-title', text: t('minors.policy.title') }),
    h('p', { class: 'hint', text: t('minors.policy.lead') }), body);
  api('GET', '/api/organisation/minors-policy', undefined, { signal }).then((p) => {
    const general = h('p', { class: 'alert', role: 'alert', id: 'minors-policy-error', tabindex: '-1' });
    const saved = h('p', { class: 'notice', id: 'minors-policy-saved', role: 'status' });
    const submit = h('button', { type: 'submit', class: 'btn', id: 'minors-policy-save', text: t('minors.policy.save') });
    const form = h('form', { id: 'minors-policy-form', novalidate: true, 'data-policy': p.policy },
      group(t('minors.policy.legend'), 'policy', choices(POLICIES), { type: 'radio', checked: p.policy }),
      general, submit, saved);
    sendForm(form, general, submit, {
      check: () => [],
      send: () => {
        saved.textContent = '';
        return api('PUT', '/api/organisation/minors-policy', { policy: form.querySelector('input[name="policy"]:checked')?.value });
      },
      done: (r) => {
        form.dataset.policy = r.policy;
        saved.textContent = t('minors.policy.saved', { policy: t(POLICIES[r.policy]) });
        announce(saved.textContent);
      },
    });
    replace(body, form);
  }).catch(() => {
    if (!signal.aborted) replace(body, h('p', { class: 'alert', role: 'alert', text: t('minors.policy.loadError') }));
  });
  return card;
}

/** A 13-17 client's page: the rule in words, the recorded step, and the form to record or remove one. */
export function ruleSection(clientId, rule, reload, announce) {
  const allowed = rule.voluntaryMatchAllowed;
  const step = rule.step;
  const general = h('p', { class: 'alert', role: 'alert', id: 'minor-step-error', tabindex: '-1' });
  const submit = h('button', { type: 'submit', class: 'btn', id: 'minor-step-submit', text: t('minors.step.save') });
  const form = h('form', { id: 'minor-step-form', novalidate: true },
    group(t('minors.step.kind'), 'kind', choices(STEP_KINDS), { type: 'radio', checked: step?.kind }),
    labelled(t('minors.step.recordedOn'), h('input', { type: 'date', name: 'recordedOn', max: today(), value: step?.recordedOn || '' })),
    labelled(t('minors.step.note'), h('textarea', { name: 'note', rows: '3', maxlength: '1000' }), { hint: t('minors.step.noteHint') }),
    general, submit);
  sendForm(form, general, submit, {
    check: () => {
      const kind = form.querySelector('input[name="kind"]:checked')?.value;
      const on = form.recordedOn.value;
      return [!kind && ['kind', 'minors.step.chooseKind'], !on && ['recordedOn', 'hl.err.required'],
        on && on > today() && ['recordedOn', 'minors.step.future']];
    },
    send: () => api('POST', `/api/clients/${clientId}/minor-step`, {
      kind: form.querySelector('input[name="kind"]:checked').value, recordedOn: form.recordedOn.value,
      note: form.note.value.trim() || null }),
    done: async () => { announce(t('minors.step.recorded')); await reload('client-minor-title'); },
  });
  const remove = step ? h('button', { type: 'button', class: 'btn btn-small', id: 'minor-step-remove', text: t('minors.step.remove') }) : null;
  remove?.addEventListener('click', async () => {
    remove.disabled = true;
    try {
      await api('DELETE', `/api/clients/${clientId}/minor-step`);
      announce(t('minors.step.removed'));
      await reload('client-minor-title');
    } catch {
      general.textContent = t('client.field.failed');
      remove.disabled = false;
    }
  });
  return h('section', { class: 'card', id: 'client-minor', 'aria-labelledby': 'client-minor-title' },
    h('h2', { id: 'client-minor-title', tabindex: '-1', text: t('minors.title') }),
    h('p', { id: 'client-minor-rule', 'data-policy': rule.policy, 'data-allowed': String(allowed), text: t(RULES[rule.policy]) }),
    h('p', { id: 'client-minor-allowed', class: allowed ? 'badge badge-ok' : 'badge badge-protected',
      text: allowed ? t('minors.allowed') : t('minors.notAllowed') }),
    step ? h('p', { id: 'client-minor-step', 'data-kind': step.kind },
      t('minors.step.current', { kind: t(STEP_KINDS[step.kind]), date: date(step.recordedOn) }),
      step.note ? h('span', {}, ' · ', h('bdi', { text: step.note })) : null, ' ', remove) : null,
    form);
}
