// The organisation's side of the insatser (#/org-insatser, a coordinator's): the municipalities' requests for
// a kontaktperson to answer, proposals waiting for the client's consent, those the municipality is deciding,
// the running ones and the closed ones; and one insats (#/org-insatser/<id>) with what the organisation does
// in it — propose a kontaktperson for a municipality's request, record the client's consent (or see that she
// gave it in her app), revoke it, withdraw before a decision, read the decisions and the uppdrag, write the
// genomförandeplan with the client, and report for a follow-up. The server decides every step; the page says
// "saved" only after its answer. The assignment's page (assignments.js) proposes a new insats to a municipality.
import { h, replace } from '../../app/view.js';
import { dateTime, t, tl } from '../i18n.js';
import { api } from '../session.js';
import { NEEDS, label } from '../clientcodes.js';
import { checkedValues, group, labelled, protectionBadge } from '../clientfields.js';
import { date, today } from '../fields.js';
import {
  CONSENT_FORMS, END_REASONS, FOLLOW_UP_OUTCOMES, HELD_HOW, ORIGINS, STATES, SUPPORT,
  generalLine, options, sendForm, word,
} from '../insatscodes.js';
import { decisionList, fact, planVersions, section, textarea } from '../insatsview.js';

const GROUPS = [
  { id: 'requested', title: tl('oi.group.requested'), states: ['REQUESTED'] },
  { id: 'consent', title: tl('oi.group.consent'), states: ['AWAITING_CONSENT'] },
  { id: 'proposed', title: tl('oi.group.proposed'), states: ['PROPOSED'] },
  { id: 'granted', title: tl('oi.group.granted'), states: ['GRANTED'] },
  { id: 'closed', title: tl('oi.group.closed'), states: ['REFUSED', 'WITHDRAWN', 'ENDED'] },
];
const SCOPES = { PROPOSAL: tl('oi.scope.PROPOSAL'), FOLLOW_UP: tl('oi.scope.FOLLOW_UP') };
const STAFF_CONSENT_FORMS = { ORAL: CONSENT_FORMS.ORAL, WRITTEN: CONSENT_FORMS.WRITTEN };

/** A checkbox that confirms a step that cannot be undone, with its own error line. */
function confirmBox(control, text) {
  control.setAttribute('aria-describedby', `${control.id}-error`);
  return h('div', { class: 'choice', 'data-field': 'confirm' }, control, h('label', { for: control.id, text }),
    h('p', { class: 'alert field-error', id: `${control.id}-error`, 'data-error-for': 'confirm' }));
}

export function render(main, ctx) {
  const [, id] = location.hash.replace(/^#\/?/, '').split(/[/?]/);
  return id ? detail(main, ctx, id) : list(main);
}

async function municipalityNames(signal) {
  try {
    return new Map((await api('GET', '/api/insats-parties', undefined, { signal })).map((m) => [m.id, m.name]));
  } catch {
    return new Map();
  }
}

function list(main) {
  const controller = new AbortController();
  const body = h('div', { id: 'org-insatser-body', 'aria-live': 'polite' }, h('p', { role: 'status', text: t('client.loading') }));
  replace(main, h('section', { class: 'screen org-insatser', id: 'org-insatser' },
    h('h1', { tabindex: '-1', text: t('oi.title') }),
    h('p', { class: 'lead', text: t('oi.lead') }),
    body));
  (async () => {
    const [items, names] = await Promise.all([api('GET', '/api/insatser', undefined, { signal: controller.signal }), municipalityNames(controller.signal)]);
    if (controller.signal.aborted) return;
    replace(body, GROUPS.map((g) => {
      const mine = items.filter((i) => g.states.includes(i.state));
      return h('section', { class: 'card', id: `org-insatser-${g.id}`, 'aria-labelledby': `org-insatser-${g.id}-title` },
        h('h2', { id: `org-insatser-${g.id}-title` }, t(g.title), ' ', h('span', { class: 'count-n', text: `(${mine.length})` })),
        mine.length === 0 ? h('p', { class: 'empty', text: t('oi.none') })
          : h('ul', { class: 'plain-list item-list' }, mine.map((i) => h('li', { 'data-insats': i.id, 'data-state': i.state },
            h('a', { href: `#/org-insatser/${i.id}`, 'data-insats': i.id }, h('bdi', { class: 'pseudonym', text: i.clientPseudonym || t('hl.noPseudonym') })),
            ' · ', names.get(i.municipalityId) || t('oi.municipality'),
            ' · ', word(STATES, i.state),
            i.periodEnd ? ` · ${t('oi.until', { date: date(i.periodEnd) })}` : '',
            i.nextFollowUpOn && i.state === 'GRANTED' ? ` · ${t('oi.nextFollowUp', { date: date(i.nextFollowUpOn) })}` : ''))));
    }));
  })().catch(() => {
    if (!controller.signal.aborted) replace(body, h('p', { class: 'alert', role: 'alert', text: t('hl.loadError') }));
  });
  return () => controller.abort();
}

function detail(main, { announce }, id) {
  const controller = new AbortController();
  const heading = h('h1', { tabindex: '-1', text: t('oi.detail.title') });
  const body = h('div', { id: 'org-insats-body' }, h('p', { role: 'status', text: t('client.loading') }));
  replace(main, h('section', { class: 'screen org-insats', id: 'org-insats' },
    h('p', { class: 'crumbs' }, h('a', { href: '#/org-insatser', text: t('oi.backToList') })), heading, body));
  const get = (path) => api('GET', path, undefined, { signal: controller.signal });

  async function load(focusId) {
    const d = await get(`/api/insatser/${id}`);
    const [names, plans, uppdrag, candidates] = await Promise.all([
      municipalityNames(controller.signal),
      get(`/api/insatser/${id}/plans`).catch(() => []),
      get(`/api/insatser/${id}/uppdrag-versions`).catch(() => []),
      d.state === 'REQUESTED' && d.clientId ? candidateAssignments(d.clientId, controller.signal) : []]);
    if (controller.signal.aborted) return;
    heading.replaceChildren(t('oi.detail.titleFor'), ' ', h('bdi', { class: 'pseudonym', text: d.clientPseudonym || t('hl.noPseudonym') }));
    const beforeDecision = ['REQUESTED', 'AWAITING_CONSENT', 'PROPOSED'].includes(d.state);
    const consentLive = d.consent && !d.consent.revokedAt;
    const sections = [
      facts(d, names.get(d.municipalityId)),
      d.state === 'REQUESTED' ? volunteerProposalSection(d, candidates) : null,
      d.state === 'AWAITING_CONSENT' ? consentSection(d) : null,
      consentLive && d.state !== 'ENDED' ? revokeSection(d) : null,
      d.decisions?.length ? decisionsSection(d) : null,
      uppdrag.length ? uppdragSection(uppdrag) : null,
      d.state === 'GRANTED' || plans.length ? planSection(d, plans) : null,
      d.followUps?.length ? followUpSection(d) : null,
      beforeDecision ? withdrawSection() : null];
    replace(body, sections);
    if (focusId) document.getElementById(focusId)?.focus();
  }

  const reloadAfter = (message, focusId) => { announce(message); return load(focusId); };

  function facts(d, municipality) {
    const current = [...(d.decisions || [])].reverse().find((x) => x.outcome === 'GRANTED');
    const c = d.municipalityContact;
    const level = d.protectionLevel || (d.protectedIdentity ? 'SKYDDAD_FOLKBOKFORING' : null);
    return section('org-insats-facts', t('hl.detail.facts'),
      h('dl', { class: 'facts' },
        fact(t('hl.col.state'), h('span', { class: 'badge', id: 'org-insats-state', 'data-state': d.state, text: word(STATES, d.state) })),
        fact(t('hl.col.origin'), word(ORIGINS, d.origin)),
        fact(t('oi.municipality'), municipality || ''),
        c ? fact(t('hl.detail.contact'), h('span', { id: 'org-insats-contact', text: [c.name, c.phone, c.email].filter(Boolean).join(' · ') })) : null,
        d.caseReference ? fact(t('hl.detail.caseReference'), h('bdi', { text: d.caseReference })) : null,
        d.clientId ? fact(t('assignment.client'), h('a', { href: `#/clients/${d.clientId}` }, h('bdi', { text: d.clientPseudonym || '' }))) : null,
        d.assignmentId ? fact(t('oi.assignment'), h('a', { href: `#/assignments/${d.assignmentId}`, id: 'org-insats-assignment', text: t('oi.openAssignment') })) : null,
        fact(t('client.needs'), (d.needs || []).map((n) => label(NEEDS, n, t)).join(', ')),
        d.summary ? fact(t('hl.ref.summary'), h('span', { class: 'free-text', text: d.summary })) : null,
        level && level !== 'NONE' ? fact(t('protection.label'), protectionBadge(level, 'org-insats-protected')) : null,
        current ? fact(t('hl.detail.period'), h('span', { id: 'org-insats-period', text: `${date(current.periodStart)} – ${date(current.periodEnd)}` })) : null,
        current ? fact(t('hl.detail.hours'), t('hl.detail.hoursValue', { hours: current.hoursPerMonth })) : null,
        d.endedOn ? fact(t('hl.detail.endedOn'), `${date(d.endedOn)} (${word(END_REASONS, d.endReason)})`) : null),
      d.state === 'PROPOSED' ? h('p', { class: 'notice', id: 'org-insats-waiting', text: t('oi.waitingForMunicipality') }) : null,
      d.state === 'GRANTED' && d.assignmentClosedAt ? h('p', { class: 'notice', text: t('oi.assignmentClosed', { when: dateTime(d.assignmentClosedAt) }) }) : null);
  }

  function volunteerProposalSection(d, candidates) {
    const general = generalLine('org-volunteer-error');
    const submit = h('button', { type: 'submit', class: 'btn btn-primary', id: 'org-volunteer-submit', text: t('oi.vp.save') });
    if (!candidates.length) {
      return section('org-insats-volunteer', t('oi.vp.title'),
        h('p', { id: 'org-volunteer-none', text: t('oi.vp.none') }),
        h('p', {}, h('a', { href: `#/matching/${d.clientId}`, class: 'btn', text: t('oi.vp.toMatching') })));
    }
    const form = h('form', { id: 'org-volunteer-form', novalidate: true },
      group(t('oi.vp.choose'), 'assignmentId', candidates.map((c) => ({ value: c.id, label: c.name })), { type: 'radio', checked: candidates.length === 1 ? candidates[0].id : undefined }),
      general, submit);
    sendForm(form, general, submit, {
      check: () => [!checkedValues(form, 'assignmentId')[0] && ['assignmentId', 'hl.err.choose']],
      send: () => api('POST', `/api/insatser/${id}/volunteer-proposal`, { assignmentId: checkedValues(form, 'assignmentId')[0] }),
      done: () => reloadAfter(t('oi.vp.saved'), 'org-insats-facts-title'),
    });
    return section('org-insats-volunteer', t('oi.vp.title'), h('p', { class: 'hint', text: t('oi.vp.lead') }), form);
  }

  function consentSection(d) {
    const general = generalLine('org-consent-error');
    const submit = h('button', { type: 'submit', class: 'btn btn-primary', id: 'org-consent-submit', text: t('oi.consent.save') });
    const form = h('form', { id: 'org-consent-form', novalidate: true },
      labelled(t('oi.consent.givenOn'), h('input', { type: 'date', name: 'givenOn', value: today(), max: today() })),
      group(t('oi.consent.form'), 'form', options(STAFF_CONSENT_FORMS), { type: 'radio', inline: true }),
      group(t('oi.consent.scope'), 'scope', options(SCOPES), { checked: ['PROPOSAL'], hint: t('oi.consent.scopeHint') }),
      general, submit);
    sendForm(form, general, submit, {
      check: () => [
        !form.givenOn.value && ['givenOn', 'hl.err.required'],
        form.givenOn.value > today() && ['givenOn', 'hl.err.future'],
        !checkedValues(form, 'form')[0] && ['form', 'hl.err.choose'],
        !checkedValues(form, 'scope').includes('PROPOSAL') && ['scope', 'oi.consent.proposalNeeded'],
      ],
      send: () => api('POST', `/api/insatser/${id}/consent`, { givenOn: form.givenOn.value, form: checkedValues(form, 'form')[0], scope: checkedValues(form, 'scope') }),
      done: () => reloadAfter(t('oi.consent.saved'), 'org-insats-facts-title'),
    });
    return section('org-insats-consent', t('oi.consent.title'),
      h('p', { class: 'hint', text: t('oi.consent.lead') }),
      h('p', { class: 'hint', id: 'org-consent-in-app', text: t('oi.consent.inApp') }),
      form);
  }

  function revokeSection(d) {
    const general = generalLine('org-revoke-error');
    const c = d.consent;
    const confirm = h('input', { type: 'checkbox', name: 'confirm', id: 'org-revoke-confirm' });
    const submit = h('button', { type: 'submit', class: 'btn btn-danger', id: 'org-revoke-submit', text: t('oi.revoke.save') });
    const form = h('form', { id: 'org-revoke-form', novalidate: true },
      h('p', { class: 'hint', text: t(d.decisions?.length ? 'oi.revoke.afterDecision' : 'oi.revoke.beforeDecision') }),
      confirmBox(confirm, t('oi.revoke.confirm')),
      general, submit);
    sendForm(form, general, submit, {
      check: () => [!confirm.checked && ['confirm', 'oi.revoke.confirmNeeded']],
      send: () => api('DELETE', `/api/insatser/${id}/consent`),
      done: () => reloadAfter(t('oi.revoke.saved'), 'org-insats-facts-title'),
    });
    return section('org-insats-consent-given', t('oi.consent.givenTitle'),
      h('p', { id: 'org-consent-current', text: t('oi.consent.current', {
        date: date(c.givenOn), form: word(CONSENT_FORMS, c.form), scope: (c.scope || []).map((s) => word(SCOPES, s)).join(', ') }) }),
      form);
  }

  function decisionsSection(d) {
    return section('org-insats-decisions', t('hl.decs.title'), decisionList(d.decisions, 'org-decision-list'));
  }

  function uppdragSection(versions) {
    const u = versions[0];
    return section('org-insats-uppdrag', t('hl.upp.title'),
      h('p', { class: 'hint', text: t('oi.uppdrag.lead') }),
      h('h3', { text: t('hl.upp.version', { version: u.version, who: u.writtenBy || t('hl.unknown'), when: dateTime(u.writtenAt) }) }),
      h('p', {}, h('strong', { text: `${t('hl.upp.what')}: ` }), h('span', { class: 'free-text', text: u.what })),
      h('p', {}, h('strong', { text: `${t('hl.upp.why')}: ` }), h('span', { class: 'free-text', text: u.why })));
  }

  function planSection(d, plans) {
    const writes = d.state === 'GRANTED' && d.model !== 'MUNICIPALITY';
    return section('org-insats-plan', t('hl.plan.title'),
      planVersions(plans, d.planConfirmation, { listId: 'org-plan-versions', noneId: 'org-plan-none' }),
      writes ? planForm(d, plans[plans.length - 1]) : h('p', { class: 'hint', text: t(d.model === 'MUNICIPALITY' ? 'oi.plan.byMunicipality' : 'oi.plan.readOnly') }));
  }

  /** One goal per need of the insats (need fixed, goal/how/how often written), the date it was made with her. */
  function planForm(d, latest) {
    const needs = (d.needs?.length ? d.needs : Object.keys(NEEDS));
    const previous = new Map((latest?.goals || []).map((g) => [g.need, g]));
    const general = generalLine('org-plan-error');
    const submit = h('button', { type: 'submit', class: 'btn btn-primary', id: 'org-plan-submit', text: t(latest ? 'oi.plan.saveNew' : 'oi.plan.save') });
    const rows = needs.map((need) => {
      const p = previous.get(need);
      const input = (field, max) => h('input', { type: 'text', name: `${field}-${need}`, maxlength: String(max), value: p?.[field] || '' });
      return h('fieldset', { class: 'goal-fields', 'data-need': need },
        h('legend', { text: label(NEEDS, need, t) }),
        labelled(t('hl.plan.goal'), input('goal', 1000), { name: `goal-${need}` }),
        labelled(t('hl.plan.how'), input('how', 1000), { name: `how-${need}` }),
        labelled(t('hl.plan.howOften'), input('howOften', 200), { name: `howOften-${need}` }));
    });
    const form = h('form', { id: 'org-plan-form', novalidate: true },
      h('p', { class: 'hint', text: t('oi.plan.lead') }),
      rows,
      labelled(t('oi.plan.madeWithClientOn'), h('input', { type: 'date', name: 'madeWithClientOn', value: today(), max: today() })),
      general, submit);
    const goals = () => needs.map((need) => ({ need, goal: form[`goal-${need}`].value.trim(), how: form[`how-${need}`].value.trim(), howOften: form[`howOften-${need}`].value.trim() }))
      .filter((g) => g.goal || g.how || g.howOften);
    sendForm(form, general, submit, {
      check: () => {
        const errs = [];
        const written = goals();
        if (!written.length) errs.push([`goal-${needs[0]}`, 'oi.plan.oneGoal']);
        for (const g of written) {
          if (!g.goal) errs.push([`goal-${g.need}`, 'hl.err.required']);
          if (!g.how) errs.push([`how-${g.need}`, 'hl.err.required']);
          if (!g.howOften) errs.push([`howOften-${g.need}`, 'hl.err.required']);
        }
        if (!form.madeWithClientOn.value) errs.push(['madeWithClientOn', 'hl.err.required']);
        if (form.madeWithClientOn.value > today()) errs.push(['madeWithClientOn', 'hl.err.future']);
        return errs;
      },
      send: () => api('PUT', `/api/insatser/${id}/plan`, { goals: goals(), madeWithClientOn: form.madeWithClientOn.value }),
      done: () => reloadAfter(t('oi.plan.saved'), 'org-insats-plan-title'),
    });
    return form;
  }

  function followUpSection(d) {
    const rows = d.followUps.map((f) => {
      const cv = f.clientView;
      return h('li', { class: 'followup', 'data-followup': f.id, 'data-status': f.completedAt ? 'held' : 'open' },
        h('h3', { text: f.completedAt ? t('oi.fu.held', { planned: date(f.plannedOn), held: date(f.heldOn) }) : t('hl.fu.planned', { date: date(f.plannedOn) }) }),
        h('dl', { class: 'facts' },
          fact(t('hl.fu.report'), f.providerReport ? h('span', { class: 'free-text provider-report', text: f.providerReport }) : t('hl.fu.noReport')),
          cv ? fact(t('oi.fu.client'), h('span', { class: 'client-view' }, t('hl.fu.clientView', {
            works: cv.contactWorks, support: word(SUPPORT, cv.getsSupport), cont: word(SUPPORT, cv.wantsToContinue) }),
          cv.wishes ? [h('br'), h('span', { class: 'free-text', text: cv.wishes })] : null,
          h('br'), t(cv.sharedWithMunicipality ? 'oi.fu.shared' : 'oi.fu.notShared'))) : null,
          f.heldHow ? fact(t('hl.fu.how'), `${word(HELD_HOW, f.heldHow)}, ${t(f.withClient ? 'hl.fu.withClient' : 'hl.fu.withoutClient')}`) : null,
          f.outcome ? fact(t('hl.fu.outcome'), word(FOLLOW_UP_OUTCOMES, f.outcome)) : null),
        !f.completedAt && d.state === 'GRANTED' ? reportForm(f) : null);
    });
    return section('org-insats-followups', t('hl.fu.title'), h('ol', { class: 'plain-list', id: 'org-followup-list' }, rows));
  }

  function reportForm(f) {
    const general = generalLine(`org-report-error-${f.id}`);
    const submit = h('button', { type: 'submit', class: 'btn btn-primary', 'data-report-submit': f.id, text: t(f.providerReport ? 'oi.fu.saveNew' : 'oi.fu.save') });
    const form = h('form', { class: 'report-form', 'data-followup': f.id, novalidate: true },
      labelled(t('oi.fu.reportLabel'), textarea('text'), { hint: t('oi.fu.reportHint') }),
      general, submit);
    if (f.providerReport) form.text.value = f.providerReport;
    sendForm(form, general, submit, {
      check: () => [!form.text.value.trim() && ['text', 'hl.err.required']],
      send: () => api('POST', `/api/insatser/${id}/follow-ups/${f.id}/report`, { text: form.text.value.trim() }),
      done: () => reloadAfter(t('oi.fu.saved'), 'org-insats-followups-title'),
    });
    return form;
  }

  function withdrawSection() {
    const general = generalLine('org-withdraw-error');
    const confirm = h('input', { type: 'checkbox', name: 'confirm', id: 'org-withdraw-confirm' });
    const submit = h('button', { type: 'submit', class: 'btn btn-danger', id: 'org-withdraw-submit', text: t('oi.withdraw.save') });
    const form = h('form', { id: 'org-withdraw-form', novalidate: true },
      h('p', { class: 'hint', text: t('oi.withdraw.lead') }),
      confirmBox(confirm, t('oi.withdraw.confirm')),
      general, submit);
    sendForm(form, general, submit, {
      check: () => [!confirm.checked && ['confirm', 'oi.revoke.confirmNeeded']],
      send: () => api('POST', `/api/insatser/${id}/withdrawal`),
      done: () => reloadAfter(t('oi.withdraw.saved'), 'org-insats-facts-title'),
    });
    return section('org-insats-withdraw', t('oi.withdraw.title'), form);
  }

  load().catch((e) => {
    if (controller.signal.aborted) return;
    replace(body, h('p', { class: 'alert', role: 'alert', id: 'org-insats-load-error', text: e?.status === 404 ? t('hl.notFound') : t('hl.loadError') }));
  });
  return () => controller.abort();
}

/** The organisation's insats assignments of this client not yet put before a municipality, with the volunteer's name. */
async function candidateAssignments(clientId, signal) {
  const [page, volunteers] = await Promise.all([
    api('GET', '/api/assignments?kind=INSATS&state=PROPOSED&size=100', undefined, { signal }),
    api('GET', '/api/recruiting/volunteers', undefined, { signal }).catch(() => [])]);
  const names = new Map(volunteers.map((v) => [v.id, v.name]));
  return (Array.isArray(page) ? page : page.items || []).filter((a) => a.clientId === clientId)
    .map((a) => ({ id: a.id, name: names.get(a.volunteerId) || t('assignment.unknownVolunteer') }));
}
