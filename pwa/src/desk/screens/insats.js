// One insats for the handläggare (#/insatser/<id>), one page in sections: the facts, the proposed
// kontaktperson's investigation view (training, background check, supervision — nothing else), the
// investigation and the decision (beslut; a refusal with its reason and how to appeal), the decisions so far,
// the uppdrag with its versions, the genomförandeplan as the organisation and the kontaktperson wrote it
// (read-only), the follow-ups (planned, due, overdue; the follow-up form), a change of period or hours, and end.
// Each form is checked here, then by the server; the page says "saved" only after the server's answer.
import { h, replace } from '../../app/view.js';
import { dateTime, t, tl } from '../i18n.js';
import { api } from '../session.js';
import { NEEDS, label } from '../clientcodes.js';
import { checkedValues, group, labelled, languageName, protectionBadge } from '../clientfields.js';
import { date, today } from '../fields.js';
import { auditSection } from './insatsaudit.js';
import { decisionList, fact, planVersions, section, textarea } from '../insatsview.js';
import {
  CONSENT_FORMS, DECISION_OUTCOMES, END_REASONS, FOLLOW_UP_OUTCOMES, FU_STATUS, HELD_HOW, INVESTIGATION, ORIGINS, STATES,
  SUPPORT, followUpStatus, generalLine, options, plusMonths, sendForm, word,
} from '../insatscodes.js';

const MODELS = { PROVIDER: tl('hl.model.PROVIDER'), MUNICIPALITY: tl('hl.model.MUNICIPALITY') };

/** The page's sections as a jump list: each link moves focus to the section's heading. */
function jumpList(sections) {
  const present = sections.filter(Boolean);
  return h('nav', { 'aria-label': t('hl.detail.sections') }, h('ul', { class: 'jump' }, present.map((s) => {
    const heading = s.querySelector('h2');
    return h('li', {}, h('a', { href: `#${s.id}`, text: heading.textContent,
      onclick: (e) => { e.preventDefault(); heading.focus(); heading.scrollIntoView({ block: 'start' }); } }));
  })));
}
const dateInput = (name, value = '', attrs = {}) => h('input', { type: 'date', name, value, ...attrs });

export function renderInsats(main, { announce }, id) {
  const controller = new AbortController();
  const heading = h('h1', { tabindex: '-1', text: t('hl.detail.title') });
  const body = h('div', { id: 'insats-body' }, h('p', { role: 'status', text: t('client.loading') }));
  replace(main, h('section', { class: 'screen insats', id: 'insats' },
    h('p', { class: 'crumbs' }, h('a', { href: '#/insatser', text: t('hl.backToList') })), heading, body));
  const get = (path) => api('GET', path, undefined, { signal: controller.signal });

  async function load(focusId) {
    const detail = await get(`/api/insatser/${id}`);
    const granted = detail.state === 'GRANTED';
    const withVolunteer = detail.state === 'PROPOSED' || granted;
    const [orgs, volunteer, plans, uppdrag] = await Promise.all([
      get('/api/insats-parties').catch(() => []),
      withVolunteer ? get(`/api/insatser/${id}/volunteer`).catch(() => null) : null,
      get(`/api/insatser/${id}/plans`).catch(() => []),
      get(`/api/insatser/${id}/uppdrag-versions`).catch(() => []),
    ]);
    if (controller.signal.aborted) return;
    heading.replaceChildren(t('hl.detail.titleFor'), ' ', h('bdi', { text: detail.clientPseudonym || t('hl.noPseudonym') }));
    const orgName = orgs.find((o) => o.id === detail.organisationId)?.name || '';
    const sections = [
      facts(detail, orgName),
      withVolunteer ? volunteerSection(volunteer) : null,
      detail.state === 'PROPOSED' ? investigationSection(detail) : null,
      detail.state === 'PROPOSED' ? decisionSection(detail) : null,
      decisionsSection(detail),
      granted || uppdrag.length ? uppdragSection(detail, uppdrag) : null,
      granted || plans.length ? planSection(detail, plans, detail.planConfirmation) : null,
      detail.followUps?.length ? followUpSection(detail) : null,
      granted ? changeSection(detail) : null,
      granted ? endSection(detail) : null,
      auditSection(id)];
    replace(body, jumpList(sections), sections);
    if (focusId) document.getElementById(focusId)?.focus();
  }

  function reloadAfter(message, focusId) {
    announce(message);
    return load(focusId);
  }

  function facts(d, orgName) {
    const current = [...(d.decisions || [])].reverse().find((x) => x.outcome === 'GRANTED');
    const c = d.municipalityContact;
    return section('insats-facts', t('hl.detail.facts'),
      h('dl', { class: 'facts' },
        fact(t('hl.col.state'), h('span', { class: 'badge', id: 'insats-state', 'data-state': d.state, text: word(STATES, d.state) })),
        fact(t('hl.col.origin'), word(ORIGINS, d.origin)),
        fact(t('hl.col.organisation'), orgName),
        fact(t('hl.detail.caseReference'), h('bdi', { id: 'insats-case-reference', text: d.caseReference || '' })),
        fact(t('client.needs'), (d.needs || []).map((n) => label(NEEDS, n, t)).join(', ')),
        d.summary ? fact(t('hl.ref.summary'), d.summary) : null,
        fact(t('protection.label'), protectionBadge(d.protectionLevel, 'insats-protection')),
        fact(t('hl.model.label'), h('span', { id: 'insats-model', 'data-model': d.model || 'PROVIDER', text: t(MODELS[d.model] || MODELS.PROVIDER) })),
        c ? fact(t('hl.detail.contact'), [c.name, c.phone, c.email].filter(Boolean).join(' · ')) : null,
        d.consent ? fact(t('hl.detail.consent'), h('span', { id: 'insats-consent', text: d.consent.revokedAt
          ? t('hl.detail.consentRevoked', { when: dateTime(d.consent.revokedAt) })
          : t('hl.detail.consentGivenForm', { date: date(d.consent.givenOn), form: word(CONSENT_FORMS, d.consent.form) }) })) : null,
        current ? fact(t('hl.detail.period'), h('span', { id: 'insats-period', text: `${date(current.periodStart)} – ${date(current.periodEnd)}` })) : null,
        current ? fact(t('hl.detail.hours'), h('span', { id: 'insats-hours', text: t('hl.detail.hoursValue', { hours: current.hoursPerMonth }) })) : null,
        d.assignmentClosedAt ? fact(t('hl.detail.assignmentClosed'), h('strong', { text: dateTime(d.assignmentClosedAt) })) : null,
        d.endedOn ? fact(t('hl.detail.endedOn'), `${date(d.endedOn)} (${word(END_REASONS, d.endReason)})`) : null,
        d.deletedAfter ? fact(t('hl.detail.gallring'), h('strong', { id: 'insats-deleted-after', text: t('hl.detail.deletedAfter', { date: date(d.deletedAfter) }) })) : null),
      exportAction(d),
      d.state === 'REQUESTED' ? h('p', { class: 'notice', id: 'insats-waiting', text: t('hl.detail.waiting') }) : null);
  }

  function volunteerSection(v) {
    if (!v) return section('insats-volunteer', t('hl.vol.title'), h('p', { text: t('hl.vol.none') }));
    const tr = v.training || {};
    const bc = v.backgroundCheck;
    const sup = v.supervision || {};
    return section('insats-volunteer', t('hl.vol.title'),
      h('p', { class: 'hint', text: t('hl.vol.lead') }),
      h('dl', { class: 'facts' },
        fact(t('hl.vol.name'), h('bdi', { text: v.name })),
        fact(t('hl.vol.contact'), [v.email, v.phone].filter(Boolean).join(' · ')),
        fact(t('client.languages'), (v.languages || []).map(languageName).join(', ')),
        fact(t('hl.vol.training'), tr.complete
          ? t('hl.vol.trainingDone', { date: date(tr.completedOn), hours: tr.hours, sessions: tr.sessionsAttended })
          : t('hl.vol.trainingNotDone', { sessions: tr.sessionsAttended || 0 })),
        tr.themes?.length ? fact(t('hl.vol.themes'), tr.themes.map((x) => x.title).filter(Boolean).join(', ')) : null,
        fact(t('hl.vol.check'), bc ? t(bc.valid ? 'hl.vol.checkValid' : 'hl.vol.checkInvalid', { issued: date(bc.issuedOn), seen: date(bc.seenOn) })
          : t('hl.vol.checkNone'), { id: 'insats-volunteer-check' }),
        fact(t('hl.vol.supervision'), t('hl.vol.supervisionValue', { n: sup.sessionsLastYear || 0,
          last: sup.lastSessionAt ? date(sup.lastSessionAt) : t('hl.vol.never') }))));
  }

  function investigationSection(d) {
    const inv = d.investigation;
    const general = generalLine('investigation-error');
    const submit = h('button', { type: 'submit', class: 'btn btn-primary', id: 'investigation-submit', text: t('hl.inv.save') });
    const form = h('form', { id: 'investigation-form', novalidate: true },
      group(t('hl.inv.outcome'), 'outcome', options(INVESTIGATION), { type: 'radio', checked: inv?.outcome, inline: true }),
      labelled(t('hl.inv.date'), dateInput('investigatedOn', inv?.investigatedOn || today(), { max: today() })),
      labelled(t('hl.inv.note'), textarea('note', 3, 2000), { hint: t('hl.inv.noteHint') }),
      general, submit);
    if (inv?.note) form.note.value = inv.note;
    sendForm(form, general, submit, {
      check: () => [
        !checkedValues(form, 'outcome')[0] && ['outcome', 'hl.err.choose'],
        !form.investigatedOn.value && ['investigatedOn', 'hl.err.required'],
        form.investigatedOn.value > today() && ['investigatedOn', 'hl.err.future'],
      ],
      send: () => api('POST', `/api/insatser/${id}/investigation`, {
        outcome: checkedValues(form, 'outcome')[0], investigatedOn: form.investigatedOn.value, note: form.note.value.trim() || null }),
      done: () => reloadAfter(t('hl.inv.saved'), 'insats-decision-title'),
    });
    return section('insats-investigation', t('hl.inv.title'),
      inv ? h('p', { id: 'investigation-current', text: t('hl.inv.current', { outcome: word(INVESTIGATION, inv.outcome), date: date(inv.investigatedOn) }) }) : null,
      form);
  }

  function decisionSection(d) {
    const general = generalLine('decision-error');
    const submit = h('button', { type: 'submit', class: 'btn btn-primary', id: 'decision-submit', text: t('hl.dec.save') });
    const start = today();
    const grantPart = h('div', { id: 'decision-grant', class: 'subform' },
      h('div', { class: 'row' },
        labelled(t('hl.dec.periodStart'), dateInput('periodStart', start)),
        labelled(t('hl.dec.periodEnd'), dateInput('periodEnd', plusMonths(start, 6)))),
      labelled(t('hl.dec.hours'), h('input', { type: 'number', name: 'hoursPerMonth', min: '1', max: '200', inputmode: 'numeric', value: '8' })),
      labelled(t('hl.dec.followUpOn'), dateInput('followUpOn', plusMonths(start, 3)), { hint: t('hl.dec.followUpHint') }));
    const refusePart = h('div', { id: 'decision-refuse', class: 'subform', hidden: true },
      labelled(t('hl.dec.refusalReason'), textarea('refusalReason', 3, 2000)),
      labelled(t('hl.dec.appeal'), textarea('appealInformation', 4, 2000), { hint: t('hl.dec.appealHint') }));
    const form = h('form', { id: 'decision-form', novalidate: true },
      d.investigation?.outcome !== 'SUITABLE' ? h('p', { class: 'notice', text: t('hl.dec.needsInvestigation') }) : null,
      group(t('hl.dec.outcome'), 'outcome', options(DECISION_OUTCOMES), { type: 'radio', inline: true }),
      labelled(t('hl.dec.decidedOn'), dateInput('decidedOn', today(), { max: today() })),
      labelled(t('hl.dec.legalBasis'), h('input', { type: 'text', name: 'legalBasis', maxlength: '200', value: t('hl.dec.legalBasisDefault') })),
      labelled(t('hl.detail.caseReference'), h('input', { type: 'text', name: 'caseReference', maxlength: '60', value: d.caseReference || '' })),
      grantPart, refusePart, general, submit);
    form.appealInformation.value = t('hl.dec.appealDefault');
    const outcome = () => checkedValues(form, 'outcome')[0];
    form.addEventListener('change', (e) => {
      if (e.target.name !== 'outcome') return;
      grantPart.hidden = outcome() !== 'GRANTED';
      refusePart.hidden = outcome() !== 'REFUSED';
    });
    grantPart.hidden = true;
    sendForm(form, general, submit, {
      check: () => {
        const o = outcome();
        const errs = [
          !o && ['outcome', 'hl.err.choose'],
          !form.decidedOn.value && ['decidedOn', 'hl.err.required'],
          form.decidedOn.value > today() && ['decidedOn', 'hl.err.future'],
          !form.legalBasis.value.trim() && ['legalBasis', 'hl.err.required'],
        ];
        if (o === 'GRANTED') {
          const hours = Number(form.hoursPerMonth.value);
          errs.push(
            !form.periodStart.value && ['periodStart', 'hl.err.required'],
            !form.periodEnd.value && ['periodEnd', 'hl.err.required'],
            form.periodStart.value && form.periodEnd.value && form.periodEnd.value <= form.periodStart.value && ['periodEnd', 'hl.err.afterStart'],
            !(Number.isInteger(hours) && hours >= 1 && hours <= 200) && ['hoursPerMonth', 'hl.err.hours'],
            !form.followUpOn.value && ['followUpOn', 'hl.err.required'],
            form.followUpOn.value && (form.followUpOn.value < form.periodStart.value || form.followUpOn.value > form.periodEnd.value) && ['followUpOn', 'hl.err.inPeriod'],
            !form.caseReference.value.trim() && ['caseReference', 'hl.err.required'],
            d.investigation?.outcome !== 'SUITABLE' && ['outcome', 'hl.err.investigateFirst']);
        }
        if (o === 'REFUSED') {
          errs.push(!form.refusalReason.value.trim() && ['refusalReason', 'hl.err.required'],
            !form.appealInformation.value.trim() && ['appealInformation', 'hl.err.required']);
        }
        return errs;
      },
      send: () => {
        const o = outcome();
        const body = { outcome: o, decidedOn: form.decidedOn.value, legalBasis: form.legalBasis.value.trim(),
          caseReference: form.caseReference.value.trim() || null };
        if (o === 'GRANTED') Object.assign(body, { periodStart: form.periodStart.value, periodEnd: form.periodEnd.value,
          hoursPerMonth: Number(form.hoursPerMonth.value), followUpOn: form.followUpOn.value });
        else Object.assign(body, { refusalReason: form.refusalReason.value.trim(), appealInformation: form.appealInformation.value.trim() });
        return api('POST', `/api/insatser/${id}/decision`, body);
      },
      done: (saved) => reloadAfter(t(saved.state === 'GRANTED' ? 'hl.dec.granted' : 'hl.dec.refused'), 'insats-facts-title'),
    });
    return section('insats-decision', t('hl.dec.title'), form);
  }

  function decisionsSection(d) {
    if (!d.decisions?.length) return null;
    return section('insats-decisions', t('hl.decs.title'), decisionList(d.decisions, 'decision-list'));
  }

  function uppdragSection(d, versions) {
    const latest = versions[0];
    const general = generalLine('uppdrag-error');
    const submit = h('button', { type: 'submit', class: 'btn btn-primary', id: 'uppdrag-submit', text: latest ? t('hl.upp.saveNew') : t('hl.upp.save') });
    const form = h('form', { id: 'uppdrag-form', novalidate: true },
      labelled(t('hl.upp.what'), textarea('what'), { hint: t('hl.upp.whatHint') }),
      labelled(t('hl.upp.why'), textarea('why'), { hint: t('hl.upp.whyHint') }),
      general, submit);
    if (latest) { form.what.value = latest.what; form.why.value = latest.why; }
    sendForm(form, general, submit, {
      check: () => [!form.what.value.trim() && ['what', 'hl.err.required'], !form.why.value.trim() && ['why', 'hl.err.required']],
      send: () => api('PUT', `/api/insatser/${id}/uppdrag`, { what: form.what.value.trim(), why: form.why.value.trim() }),
      done: () => reloadAfter(t('hl.upp.saved'), 'insats-uppdrag-title'),
    });
    return section('insats-uppdrag', t('hl.upp.title'),
      versions.length ? h('ol', { class: 'plain-list', id: 'uppdrag-versions' }, versions.map((u, i) => {
        const content = [h('p', {}, h('strong', { text: `${t('hl.upp.what')}: ` }), u.what), h('p', {}, h('strong', { text: `${t('hl.upp.why')}: ` }), u.why)];
        const meta = t('hl.upp.version', { version: u.version, who: u.writtenBy || t('hl.unknown'), when: dateTime(u.writtenAt) });
        return h('li', { 'data-version': u.version }, i === 0 ? [h('h3', { text: meta }), ...content]
          : h('details', {}, h('summary', { text: meta }), ...content));
      })) : h('p', { id: 'uppdrag-none', text: t('hl.upp.none') }),
      d.state === 'GRANTED' ? form : null);
  }

  /**
   * The PDF the municipality files in its own records before gallring: fetched with the session's token (it lives
   * in memory, so a plain link could not carry it), then handed to the browser as a download. Audited on the server.
   */
  function exportAction(d) {
    const status = h('p', { role: 'status', id: 'insats-export-status' });
    const link = h('a', { href: `/api/insatser/${id}/export.pdf`, id: 'insats-export', class: 'btn', download: 'insats.pdf',
      text: t('hl.export.pdf') });
    link.addEventListener('click', async (event) => {
      event.preventDefault();
      status.textContent = '';
      try {
        const response = await api('GET', `/api/insatser/${id}/export.pdf`, undefined, { raw: true, accept: 'application/pdf', signal: controller.signal });
        const url = URL.createObjectURL(await response.blob());
        const a = h('a', { href: url, download: 'insats.pdf', class: 'visually-hidden', text: t('hl.export.pdf') });
        document.body.append(a);
        a.click();
        a.remove();
        setTimeout(() => URL.revokeObjectURL(url), 10_000);
        status.textContent = t('hl.export.done');
        announce(t('hl.export.done'));
      } catch {
        if (!controller.signal.aborted) status.textContent = t('hl.export.failed');
      }
    });
    return h('div', { class: 'export' }, d.deletedAfter ? h('p', { class: 'hint', text: t('hl.export.hint') }) : null, link, status);
  }

  function planSection(d, plans, confirmed) {
    const ordered = [...plans].reverse();
    // In the MUNICIPALITY model the handläggare writes the plan with the kontaktperson; else the organisation does.
    const writes = d.model === 'MUNICIPALITY' && d.state === 'GRANTED';
    return section('insats-plan', t('hl.plan.title'),
      h('p', { class: 'hint', text: t(writes ? 'hl.plan.municipalityWrites' : 'hl.plan.readOnly') }),
      writes ? planForm(ordered[0]) : null,
      planVersions(plans, confirmed, { listId: 'plan-versions', noneId: 'plan-none' }));
  }

  /** The goals form the kontaktperson's phone uses: per goal the need, the goal, how and how often; made with the client on. */
  function planForm(latest) {
    const list = h('div', { id: 'plan-goals' });
    let goals = (latest?.goals || []).map((g) => ({ ...g }));
    if (!goals.length) goals = [{ need: 'BREAKING_ISOLATION', goal: '', how: '', howOften: '' }];
    const read = () => [...list.querySelectorAll('[data-goal]')].map((f) => ({
      need: f.querySelector('select').value, goal: f.querySelector('[data-part="goal"]').value,
      how: f.querySelector('[data-part="how"]').value, howOften: f.querySelector('[data-part="howOften"]').value }));
    const add = h('button', { type: 'button', class: 'btn', id: 'plan-goal-add', text: t('hl.plan.addGoal') });
    function draw(focusIndex) {
      replace(list, goals.map((g, i) => {
        const n = i + 1;
        const need = h('select', { name: `goals[${i}].need`, 'data-part': 'need' },
          Object.keys(NEEDS).map((k) => h('option', { value: k, text: label(NEEDS, k, t), selected: k === g.need })));
        const remove = goals.length > 1 ? h('button', { type: 'button', class: 'btn btn-small', 'data-action': 'remove-goal',
          text: t('hl.plan.removeGoal', { n }) }) : null;
        remove?.addEventListener('click', () => { goals = read(); goals.splice(i, 1); draw(Math.min(i, goals.length - 1)); });
        return h('fieldset', { class: 'goal-edit', 'data-goal': n },
          h('legend', { text: t('hl.plan.goalN', { n }) }),
          labelled(t('hl.plan.need'), need),
          labelled(t('hl.plan.goal'), h('textarea', { name: `goals[${i}].goal`, 'data-part': 'goal', rows: '2', maxlength: '1000' }, g.goal)),
          labelled(t('hl.plan.how'), h('textarea', { name: `goals[${i}].how`, 'data-part': 'how', rows: '2', maxlength: '1000' }, g.how)),
          labelled(t('hl.plan.howOften'), h('input', { type: 'text', name: `goals[${i}].howOften`, 'data-part': 'howOften', maxlength: '200', value: g.howOften })),
          remove);
      }));
      add.hidden = goals.length >= 20;
      if (focusIndex !== undefined) list.querySelectorAll('[data-goal] select')[focusIndex]?.focus();
    }
    add.addEventListener('click', () => { goals = [...read(), { need: 'BREAKING_ISOLATION', goal: '', how: '', howOften: '' }]; draw(goals.length - 1); });
    draw();
    const general = generalLine('plan-error');
    const submit = h('button', { type: 'submit', class: 'btn btn-primary', id: 'plan-submit', text: t('hl.plan.save') });
    const form = h('form', { id: 'plan-form', novalidate: true }, list, add,
      labelled(t('hl.plan.madeOn'), dateInput('madeWithClientOn', today(), { max: today() })), general, submit);
    sendForm(form, general, submit, {
      check: () => {
        const typed = read();
        const errors = [];
        typed.forEach((g, i) => {
          for (const part of ['goal', 'how', 'howOften']) if (!g[part].trim()) errors.push([`goals[${i}].${part}`, 'hl.err.required']);
        });
        if (!form.madeWithClientOn.value) errors.push(['madeWithClientOn', 'hl.err.required']);
        return errors;
      },
      send: () => api('PUT', `/api/insatser/${id}/plan`, {
        goals: read().map((g) => ({ need: g.need, goal: g.goal.trim(), how: g.how.trim(), howOften: g.howOften.trim() })),
        madeWithClientOn: form.madeWithClientOn.value }),
      done: () => reloadAfter(t('hl.plan.saved'), 'insats-plan-title'),
    });
    return form;
  }

  function followUpSection(d) {
    const now = today();
    const open = d.followUps.find((f) => !f.completedAt);
    const rows = d.followUps.map((f) => {
      const status = f.completedAt ? null : followUpStatus(f.plannedOn, now);
      const cv = f.clientView;
      return h('li', { class: `followup${status === 'overdue' ? ' item-overdue' : ''}`, 'data-followup': f.id, 'data-status': status || 'held' },
        h('h3', {}, t('hl.fu.planned', { date: date(f.plannedOn) }), ' ',
          status ? h('span', { class: `badge${status === 'overdue' ? ' badge-overdue' : status === 'due' ? ' badge-attention' : ''}`, text: t(FU_STATUS[status]) })
            : h('span', { class: 'badge badge-ok', text: t('hl.fu.held', { date: date(f.heldOn) }) })),
        h('dl', { class: 'facts' },
          fact(t('hl.fu.report'), f.providerReport ? h('span', { class: 'free-text provider-report', text: f.providerReport }) : t('hl.fu.noReport')),
          fact(t('hl.fu.client'), cv ? h('span', { class: 'client-view' }, t('hl.fu.clientView', {
            works: cv.contactWorks, support: word(SUPPORT, cv.getsSupport), cont: word(SUPPORT, cv.wantsToContinue) }),
          cv.wishes ? [h('br'), h('span', { class: 'free-text', text: cv.wishes })] : null) : t('hl.fu.noClientView')),
          f.heldHow ? fact(t('hl.fu.how'), `${word(HELD_HOW, f.heldHow)}, ${t(f.withClient ? 'hl.fu.withClient' : 'hl.fu.withoutClient')}`) : null,
          f.assessment ? fact(t('hl.fu.assessment'), h('span', { class: 'free-text', text: f.assessment })) : null,
          f.outcome ? fact(t('hl.fu.outcome'), word(FOLLOW_UP_OUTCOMES, f.outcome)) : null));
    });
    return section('insats-followups', t('hl.fu.title'),
      h('ol', { class: 'plain-list', id: 'followup-list' }, rows),
      open && d.state === 'GRANTED' ? assessmentForm(d, open) : null);
  }

  function assessmentForm(d, f) {
    const current = [...d.decisions].reverse().find((x) => x.outcome === 'GRANTED');
    const general = generalLine('assessment-error');
    const submit = h('button', { type: 'submit', class: 'btn btn-primary', id: 'assessment-submit', text: t('hl.fu.save') });
    const nextPart = h('div', { class: 'subform', id: 'assessment-next' },
      labelled(t('hl.fu.next'), dateInput('nextFollowUpOn', plusMonths(today(), 3) <= current.periodEnd ? plusMonths(today(), 3) : current.periodEnd)));
    const changePart = h('div', { class: 'subform', id: 'assessment-change', hidden: true },
      labelled(t('hl.dec.legalBasis'), h('input', { type: 'text', name: 'changeLegalBasis', maxlength: '200', value: current.legalBasis })),
      labelled(t('hl.dec.periodEnd'), dateInput('changePeriodEnd', current.periodEnd), { name: 'change' }),
      labelled(t('hl.dec.hours'), h('input', { type: 'number', name: 'changeHours', min: '1', max: '200', value: String(current.hoursPerMonth) })));
    const endPart = h('div', { class: 'subform', id: 'assessment-end', hidden: true },
      labelled(t('hl.end.reason'), h('select', { name: 'endReason' }, h('option', { value: '', text: t('client.choose') }),
        Object.keys(END_REASONS).map((r) => h('option', { value: r, text: word(END_REASONS, r) })))));
    const withClient = h('input', { type: 'checkbox', name: 'withClient', id: 'assessment-with-client' });
    const form = h('form', { id: 'assessment-form', novalidate: true },
      h('h3', { text: t('hl.fu.formTitle', { date: date(f.plannedOn) }) }),
      labelled(t('hl.fu.heldOn'), dateInput('heldOn', today(), { max: today() })),
      group(t('hl.fu.how'), 'heldHow', options(HELD_HOW), { type: 'radio', inline: true }),
      h('div', { class: 'choice', 'data-field': 'withClient' }, withClient, h('label', { for: withClient.id, text: t('hl.fu.withClientLabel') })),
      labelled(t('hl.fu.assessment'), textarea('assessment'), { hint: t('hl.fu.assessmentHint') }),
      group(t('hl.fu.outcome'), 'outcome', options(FOLLOW_UP_OUTCOMES), { type: 'radio', checked: 'CONTINUE', inline: true }),
      nextPart, changePart, endPart, general, submit);
    const outcome = () => checkedValues(form, 'outcome')[0];
    form.addEventListener('change', (e) => {
      if (e.target.name !== 'outcome') return;
      nextPart.hidden = outcome() === 'END';
      changePart.hidden = outcome() !== 'CHANGE';
      endPart.hidden = outcome() !== 'END';
    });
    sendForm(form, general, submit, {
      check: () => {
        const o = outcome();
        const held = form.heldOn.value;
        return [
          !held && ['heldOn', 'hl.err.required'],
          held > today() && ['heldOn', 'hl.err.future'],
          held && held < current.periodStart && ['heldOn', 'hl.err.inPeriod'],
          !checkedValues(form, 'heldHow')[0] && ['heldHow', 'hl.err.choose'],
          !form.assessment.value.trim() && ['assessment', 'hl.err.required'],
          o !== 'END' && !form.nextFollowUpOn.value && ['nextFollowUpOn', 'hl.err.required'],
          o !== 'END' && form.nextFollowUpOn.value && form.nextFollowUpOn.value <= held && ['nextFollowUpOn', 'hl.err.afterHeld'],
          o === 'CONTINUE' && form.nextFollowUpOn.value > current.periodEnd && ['nextFollowUpOn', 'hl.err.inPeriod'],
          o === 'CHANGE' && !form.changeLegalBasis.value.trim() && ['changeLegalBasis', 'hl.err.required'],
          o === 'CHANGE' && !(form.changePeriodEnd.value > held) && ['change', 'hl.err.afterHeld'],
          o === 'CHANGE' && form.nextFollowUpOn.value > form.changePeriodEnd.value && ['nextFollowUpOn', 'hl.err.inPeriod'],
          o === 'CHANGE' && !(Number(form.changeHours.value) >= 1 && Number(form.changeHours.value) <= 200) && ['changeHours', 'hl.err.hours'],
          o === 'END' && !form.endReason.value && ['endReason', 'hl.err.choose'],
        ];
      },
      send: () => {
        const o = outcome();
        const body = { heldOn: form.heldOn.value, assessment: form.assessment.value.trim(), outcome: o,
          heldHow: checkedValues(form, 'heldHow')[0], withClient: withClient.checked };
        if (o !== 'END') body.nextFollowUpOn = form.nextFollowUpOn.value;
        if (o === 'CHANGE') body.change = { decidedOn: form.heldOn.value, legalBasis: form.changeLegalBasis.value.trim(),
          periodEnd: form.changePeriodEnd.value, hoursPerMonth: Number(form.changeHours.value) };
        if (o === 'END') body.endReason = form.endReason.value;
        return api('POST', `/api/insatser/${id}/follow-ups/${f.id}/assessment`, body);
      },
      done: () => reloadAfter(t('hl.fu.saved'), 'insats-followups-title'),
    });
    return form;
  }

  function changeSection(d) {
    const current = [...d.decisions].reverse().find((x) => x.outcome === 'GRANTED');
    const open = d.followUps?.find((f) => !f.completedAt);
    const general = generalLine('change-error');
    const submit = h('button', { type: 'submit', class: 'btn', id: 'change-submit', text: t('hl.chg.save') });
    const form = h('form', { id: 'change-form', novalidate: true },
      h('p', { class: 'hint', text: t('hl.chg.lead') }),
      labelled(t('hl.dec.decidedOn'), dateInput('decidedOn', today(), { max: today() })),
      labelled(t('hl.dec.legalBasis'), h('input', { type: 'text', name: 'legalBasis', maxlength: '200', value: current.legalBasis })),
      h('div', { class: 'row' },
        labelled(t('hl.dec.periodEnd'), dateInput('periodEnd', current.periodEnd)),
        labelled(t('hl.dec.hours'), h('input', { type: 'number', name: 'hoursPerMonth', min: '1', max: '200', value: String(current.hoursPerMonth) }))),
      open ? labelled(t('hl.chg.followUpOn'), dateInput('followUpOn', open.plannedOn), { hint: t('hl.chg.followUpHint') }) : null,
      general, submit);
    sendForm(form, general, submit, {
      check: () => {
        const hoursN = Number(form.hoursPerMonth.value);
        return [
          !form.decidedOn.value && ['decidedOn', 'hl.err.required'],
          form.decidedOn.value > today() && ['decidedOn', 'hl.err.future'],
          !form.legalBasis.value.trim() && ['legalBasis', 'hl.err.required'],
          !form.periodEnd.value && ['periodEnd', 'hl.err.required'],
          form.periodEnd.value && form.periodEnd.value < today() && ['periodEnd', 'hl.err.past'],
          !(Number.isInteger(hoursN) && hoursN >= 1 && hoursN <= 200) && ['hoursPerMonth', 'hl.err.hours'],
          open && form.followUpOn.value && form.followUpOn.value > form.periodEnd.value && ['followUpOn', 'hl.err.inPeriod'],
        ];
      },
      send: () => api('POST', `/api/insatser/${id}/change`, {
        decidedOn: form.decidedOn.value, legalBasis: form.legalBasis.value.trim(), periodEnd: form.periodEnd.value,
        hoursPerMonth: Number(form.hoursPerMonth.value),
        followUpOn: open && form.followUpOn.value && form.followUpOn.value !== open.plannedOn ? form.followUpOn.value : null }),
      done: () => reloadAfter(t('hl.chg.saved'), 'insats-facts-title'),
    });
    return section('insats-change', t('hl.chg.title'), form);
  }

  function endSection() {
    const general = generalLine('end-error');
    const submit = h('button', { type: 'submit', class: 'btn btn-urgent', id: 'end-submit', text: t('hl.end.save') });
    const form = h('form', { id: 'end-form', novalidate: true },
      h('p', { class: 'hint', text: t('hl.end.lead') }),
      labelled(t('hl.end.endedOn'), dateInput('endedOn', today(), { max: today() })),
      labelled(t('hl.end.reason'), h('select', { name: 'reason' }, h('option', { value: '', text: t('client.choose') }),
        Object.keys(END_REASONS).map((r) => h('option', { value: r, text: word(END_REASONS, r) })))),
      general, submit);
    sendForm(form, general, submit, {
      check: () => [
        !form.endedOn.value && ['endedOn', 'hl.err.required'],
        form.endedOn.value > today() && ['endedOn', 'hl.err.future'],
        !form.reason.value && ['reason', 'hl.err.choose'],
      ],
      send: () => api('POST', `/api/insatser/${id}/end`, { endedOn: form.endedOn.value, reason: form.reason.value }),
      done: () => reloadAfter(t('hl.end.saved'), 'insats-facts-title'),
    });
    return section('insats-end', t('hl.end.title'), form);
  }

  load().catch((e) => {
    if (controller.signal.aborted) return;
    replace(body, h('p', { class: 'alert', role: 'alert', id: 'insats-load-error', text: e?.status === 404 ? t('hl.notFound') : t('hl.loadError') }));
  });
  return () => controller.abort();
}
