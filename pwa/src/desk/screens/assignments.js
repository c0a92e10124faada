// Uppdrag: the organisation's assignments (pairs) by state, and one assignment with the moves it may make —
// activate (a non-insats assignment; an insats one becomes active only by the municipality's decision), pause,
// resume, end with a reason — each refusal from the server shown beside the control that asked. For an insats
// assignment, where it stands with the municipality (GET /api/insatser).
import { h, replace } from '../../app/view.js';
import { dateTime, t } from '../i18n.js';
import { api } from '../session.js';
import { ASSIGNMENT_STATES, END_REASONS, KINDS, NEEDS, PROTECTION_LEVELS, label, protectionField } from '../clientcodes.js';
import { checkedValues, group, labelled, sendForm } from '../clientfields.js';
import { tl } from '../i18n.js';

const INSATS_STATES = {
  REQUESTED: tl('assignment.insats.REQUESTED'), AWAITING_CONSENT: tl('assignment.insats.AWAITING_CONSENT'),
  PROPOSED: tl('assignment.insats.PROPOSED'), GRANTED: tl('assignment.insats.GRANTED'), REFUSED: tl('assignment.insats.REFUSED'),
  WITHDRAWN: tl('assignment.insats.WITHDRAWN'), ENDED: tl('assignment.insats.ENDED'),
};
const remembered = { q: '', state: '', kind: '', page: 0 };

async function volunteerNames(signal) {
  try {
    return new Map((await api('GET', '/api/recruiting/volunteers', undefined, { signal })).map((v) => [v.id, v.name]));
  } catch {
    return new Map();
  }
}

export function render(main, ctx) {
  const [, id] = location.hash.replace(/^#\/?/, '').split(/[/?]/);
  return id ? detail(main, ctx, id) : list(main, ctx);
}

const PAGE_SIZE = 25;

function list(main, { announce }) {
  const controller = new AbortController();
  const q = h('input', { type: 'search', name: 'q', value: remembered.q, maxlength: '60', autocomplete: 'off' });
  const state = h('select', { name: 'state', id: 'assignments-state' },
    h('option', { value: '', text: t('assignments.allStates') }),
    Object.keys(ASSIGNMENT_STATES).map((s) => h('option', { value: s, text: label(ASSIGNMENT_STATES, s, t), selected: s === remembered.state })));
  const kind = h('select', { name: 'kind', id: 'assignments-kind' },
    h('option', { value: '', text: t('assignments.allKinds') }),
    Object.keys(KINDS).map((k) => h('option', { value: k, text: label(KINDS, k, t), selected: k === remembered.kind })));
  const filter = h('form', { class: 'filters', id: 'assignments-filter', role: 'search', 'aria-label': t('assignments.filterLabel') },
    labelled(t('assignments.q'), q),
    labelled(t('assignments.state'), state),
    labelled(t('assignments.kindFilter'), kind),
    h('div', { class: 'filter-actions' }, h('button', { type: 'submit', class: 'btn btn-primary', id: 'assignments-search', text: t('assignments.filterApply') })));
  const summary = h('p', { class: 'lead', id: 'assignments-summary', role: 'status' });
  const results = h('div', { id: 'assignments-results' });
  const error = h('p', { class: 'alert', role: 'alert', id: 'assignments-error' });
  replace(main, h('section', { class: 'screen assignments', id: 'assignments' },
    h('h1', { tabindex: '-1', text: t('assignments.title') }),
    h('p', { class: 'lead', text: t('assignments.lead') }),
    filter, error, summary, results));

  async function load({ focusResults = false } = {}) {
    error.textContent = '';
    const params = new URLSearchParams({ sort: '-createdAt', page: String(remembered.page), size: String(PAGE_SIZE) });
    for (const key of ['q', 'state', 'kind']) if (remembered[key]) params.set(key, remembered[key]);
    try {
      const [response, names, support] = await Promise.all([
        api('GET', `/api/assignments?${params}`, undefined, { raw: true, signal: controller.signal }), volunteerNames(controller.signal),
        api('GET', '/api/assignments/support', undefined, { signal: controller.signal }).catch(() => null)]);
      const rows = await response.json();
      const total = Number(response.headers.get('x-total-count')) || 0;
      if (controller.signal.aborted) return;
      const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
      const bySupport = new Map((support?.pairs || []).map((p) => [p.assignmentId, p]));
      summary.textContent = t('assignments.found', { count: total });
      announce(summary.textContent);
      const prev = h('button', { type: 'button', class: 'btn', id: 'assignments-prev', text: t('assignments.prev'), disabled: remembered.page === 0 });
      const next = h('button', { type: 'button', class: 'btn', id: 'assignments-next', text: t('assignments.next'), disabled: remembered.page >= pages - 1 });
      prev.addEventListener('click', () => { remembered.page -= 1; load({ focusResults: true }); });
      next.addEventListener('click', () => { remembered.page += 1; load({ focusResults: true }); });
      replace(results, rows.length === 0 ? h('p', { class: 'empty', id: 'assignments-empty', text: t('assignments.empty') })
        : [h('table', { class: 'table', id: 'assignments-table', tabindex: '-1' },
          h('caption', { class: 'visually-hidden', text: t('assignments.caption') }),
          h('thead', {}, h('tr', {}, [t('assignments.col.client'), t('assignments.col.volunteer'), t('assignments.col.kind'),
            t('assignments.col.state'), t('assignments.col.since'), t('assignments.col.support')].map((c) => h('th', { scope: 'col', text: c })))),
          h('tbody', {}, rows.map((a) => {
            const s = bySupport.get(a.id);
            return h('tr', { 'data-assignment': a.id, 'data-state': a.state },
              h('th', { scope: 'row' }, h('a', { href: `#/assignments/${a.id}` }, h('bdi', { class: 'pseudonym', text: a.clientPseudonym }))),
              h('td', {}, h('bdi', { text: names.get(a.volunteerId) || t('assignment.unknownVolunteer') })),
              h('td', { text: label(KINDS, a.kind, t, 'clients.status.other') }),
              h('td', { text: label(ASSIGNMENT_STATES, a.state, t, 'clients.status.other') }),
              h('td', { text: dateTime(a.activatedAt || a.createdAt) }),
              h('td', {}, s ? supportSummary(s) : '–'));
          }))),
        h('nav', { class: 'pager', 'aria-label': t('assignments.pager') }, prev,
          h('p', { class: 'pager-where', text: t('assignments.page', { page: remembered.page + 1, pages }) }), next)]);
      if (focusResults) document.getElementById('assignments-table')?.focus();
    } catch {
      if (!controller.signal.aborted) error.textContent = t('assignments.loadError');
    }
  }
  filter.addEventListener('submit', (e) => {
    e.preventDefault();
    remembered.q = q.value.trim();
    remembered.state = state.value;
    remembered.kind = kind.value;
    remembered.page = 0;
    load();
  });
  load();
  return () => controller.abort();
}

/** Days since the pair last wrote and the client last checked in; never what was written. */
function supportSummary(s) {
  const days = (n) => (n == null ? t('assignment.support.never') : t('assignment.support.days', { count: n }));
  return h('span', { class: s.quiet ? 'support support-quiet' : 'support' },
    s.quiet ? h('span', { class: 'badge badge-overdue', text: t('assignment.support.quiet') }) : null, s.quiet ? ' ' : null,
    t('assignment.support.short', { message: days(s.daysSinceLastMessage), checkin: days(s.daysSinceLastCheckin), missed: s.missedCheckins ?? 0 }));
}

function detail(main, { announce }, id) {
  const controller = new AbortController();
  const heading = h('h1', { tabindex: '-1', text: t('assignment.title') });
  const body = h('div', { id: 'assignment-body' }, h('p', { role: 'status', text: t('assignment.loading') }));
  replace(main, h('section', { class: 'screen assignment', id: 'assignment' },
    h('p', { class: 'crumbs' }, h('a', { href: '#/assignments', text: t('assignment.backToList') })), heading, body));

  async function load() {
    const [a, names, support] = await Promise.all([
      api('GET', `/api/assignments/${id}`, undefined, { signal: controller.signal }), volunteerNames(controller.signal),
      api('GET', '/api/assignments/support', undefined, { signal: controller.signal }).catch(() => null)]);
    const insats = a.kind === 'INSATS' ? await insatsOf(a, controller.signal) : null;
    const proposing = a.kind === 'INSATS' && !insats && a.state === 'PROPOSED' ? await proposalContext(a, controller.signal) : null;
    if (controller.signal.aborted) return;
    draw(a, names, support?.pairs?.find((p) => p.assignmentId === id), insats, proposing);
  }

  function draw(a, names, support, insats, proposing) {
    heading.replaceChildren(t('assignment.titleFor'), ' ', h('bdi', { class: 'pseudonym', text: a.clientPseudonym }));
    const fact = (term, value) => [h('dt', { text: term }), h('dd', {}, value)];
    const volunteer = names.get(a.volunteerId) || t('assignment.unknownVolunteer');
    replace(body,
      h('p', { class: 'lead', id: 'assignment-state', 'data-state': a.state },
        t('assignment.stateNow', { state: label(ASSIGNMENT_STATES, a.state, t, 'clients.status.other') })),
      h('div', { class: 'columns' },
        h('section', { class: 'card', 'aria-labelledby': 'assignment-facts' },
          h('h2', { id: 'assignment-facts', text: t('assignment.facts') }),
          h('dl', { class: 'facts' },
            fact(t('assignment.client'), h('a', { href: `#/clients/${a.clientId}` }, h('bdi', { text: a.clientPseudonym }))),
            fact(t('assignment.volunteer'), h('bdi', { text: volunteer })),
            fact(t('assignment.kind'), label(KINDS, a.kind, t, 'clients.status.other')),
            fact(t('assignment.created'), dateTime(a.createdAt)),
            a.activatedAt ? fact(t('assignment.activated'), dateTime(a.activatedAt)) : null,
            a.endedAt ? fact(t('assignment.ended'), dateTime(a.endedAt)) : null,
            a.endReason ? fact(t('assignment.endReason'), label(END_REASONS, a.endReason, t, 'clients.status.other')) : null)),
        h('section', { class: 'card', 'aria-labelledby': 'assignment-moves' },
          h('h2', { id: 'assignment-moves', text: t('assignment.moves') }),
          moves(a))),
      a.kind === 'INSATS' ? insatsSection(insats, proposing ? proposeForm(a, proposing, announce) : null) : null,
      supportSection(support));
  }

  function moveButton(a, to, text, extra) {
    const error = h('p', { class: 'alert', role: 'alert', 'data-error-for': to, tabindex: '-1' });
    const button = h('button', { type: 'button', class: 'btn', 'data-to': to, text });
    button.addEventListener('click', async () => {
      error.textContent = '';
      button.disabled = true;
      try {
        await api('POST', `/api/assignments/${a.id}/transitions`, { to, ...(extra ? extra() : {}) });
        await load();
        announce(t('assignment.moved', { state: label(ASSIGNMENT_STATES, to, t, 'clients.status.other') }));
        document.getElementById('assignment-state')?.focus?.();
      } catch (e) {
        error.textContent = refusal(e);
        button.disabled = false;
        error.focus();
      }
    });
    return h('div', { class: 'move', 'data-move': to }, button, error);
  }

  function moves(a) {
    if (a.state === 'ENDED') return h('p', { text: t('assignment.noMoves') });
    const parts = [];
    // Shown when the lifecycle allows it for this kind; the server decides anyway and its refusal is shown here.
    if (a.state === 'PROPOSED' && a.kind === 'IDEELL') parts.push(moveButton(a, 'ACTIVE', t('assignment.activate')));
    if (a.state === 'PROPOSED' && a.kind === 'INSATS') {
      parts.push(moveButton(a, 'AWAITING_DECISION', t('assignment.awaitDecision')));
      parts.push(h('p', { class: 'hint', text: t('assignment.insatsActivates') }));
    }
    if (a.state === 'AWAITING_DECISION') parts.push(h('p', { class: 'hint', text: t('assignment.insatsActivates') }));
    if (a.state === 'ACTIVE') parts.push(moveButton(a, 'PAUSED', t('assignment.pause')));
    if (a.state === 'PAUSED') parts.push(moveButton(a, 'ACTIVE', t('assignment.resume')));
    parts.push(endForm(a));
    return parts;
  }

  function endForm(a) {
    const reason = h('select', { name: 'endReason', id: 'assignment-end-reason' },
      h('option', { value: '', text: t('assignment.chooseReason') }),
      Object.keys(END_REASONS).map((r) => h('option', { value: r, text: label(END_REASONS, r, t) })));
    const note = h('textarea', { name: 'note', id: 'assignment-end-note', maxlength: '500', rows: '2' });
    const error = h('p', { class: 'alert', role: 'alert', id: 'assignment-end-error', tabindex: '-1' });
    const reasonField = labelled(t('assignment.endReason'), reason, { name: 'endReason' });
    const form = h('form', { id: 'assignment-end', class: 'end-form', novalidate: true },
      h('h3', { text: t('assignment.endTitle') }),
      reasonField,
      labelled(t('assignment.endNote'), note, { hint: t('assignment.endNoteHint'), name: 'note' }),
      error,
      h('button', { type: 'submit', class: 'btn btn-danger', id: 'assignment-end-submit', text: t('assignment.end') }));
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      error.textContent = '';
      const reasonError = reasonField.querySelector('[data-error-for]');
      reasonError.textContent = '';
      reason.removeAttribute('aria-invalid');
      if (!reason.value) {
        reasonError.textContent = t('assignment.reasonRequired');
        reason.setAttribute('aria-invalid', 'true');
        reason.focus();
        return;
      }
      if (note.value.length > 500) {
        error.textContent = t('assignment.noteTooLong');
        note.focus();
        return;
      }
      try {
        await api('POST', `/api/assignments/${a.id}/transitions`, { to: 'ENDED', endReason: reason.value, note: note.value.trim() || null });
        await load();
        announce(t('assignment.moved', { state: label(ASSIGNMENT_STATES, 'ENDED', t) }));
        document.getElementById('assignment-state')?.focus?.();
      } catch (err) {
        const v = err?.problem?.violations?.find((x) => x.field === 'endReason');
        if (v) { reasonError.textContent = t('client.field.serverSays', { message: v.message }); reason.focus(); } else { error.textContent = refusal(err); error.focus(); }
      }
    });
    return form;
  }

  load().catch((e) => {
    if (controller.signal.aborted) return;
    replace(body, h('p', { class: 'alert', role: 'alert', id: 'assignment-load-error',
      text: e?.status === 404 ? t('assignment.notFound') : t('assignment.loadError') }));
  });
  return () => controller.abort();
}

function refusal(e) {
  if (e?.status === 409) return t('assignment.refused', { detail: e.problem?.detail || '' });
  if (e?.status === 400) return t('client.field.serverSays', { message: e.problem?.violations?.[0]?.message || e.problem?.detail || '' });
  return t('assignment.moveError');
}

/** The insats of an INSATS assignment, found among the organisation's insatser by its assignment. */
async function insatsOf(a, signal) {
  try {
    const all = await api('GET', '/api/insatser', undefined, { signal });
    for (const s of all.filter((x) => x.clientPseudonym === a.clientPseudonym)) {
      const d = await api('GET', `/api/insatser/${s.id}`, undefined, { signal });
      if (d.assignmentId === a.id) return d;
    }
  } catch { /* shown as unknown */ }
  return null;
}

/** What proposing this assignment to a municipality needs: the linked municipalities, the client's needs, and
 * whether a municipality already asked for a kontaktperson for this client (then the answer goes there). */
async function proposalContext(a, signal) {
  const [parties, client, insatser] = await Promise.all([
    api('GET', '/api/insats-parties', undefined, { signal }).catch(() => []),
    api('GET', `/api/clients/${a.clientId}`, undefined, { signal }).catch(() => null),
    api('GET', '/api/insatser?state=REQUESTED', undefined, { signal }).catch(() => [])]);
  let request = null;
  for (const s of insatser.filter((x) => x.clientPseudonym === a.clientPseudonym)) {
    const d = await api('GET', `/api/insatser/${s.id}`, undefined, { signal }).catch(() => null);
    if (d?.clientId === a.clientId) { request = d; break; }
  }
  const level = client?.client?.protectionLevel || client?.intake?.protectionLevel || (client?.client?.protectedIdentity ? 'SKYDDAD_FOLKBOKFORING' : 'NONE');
  return { parties, needs: client?.intake?.needs || [], protectionLevel: level, request };
}

/** Proposes the assignment's volunteer to a municipality (POST /api/insatser); nothing reaches the municipality
 * before the client's consent is recorded. For a municipality's own request, a link to answer it instead. */
function proposeForm(a, ctx, announce) {
  if (ctx.request) {
    return h('p', { class: 'notice', id: 'assignment-insats-request' }, t('assignment.propose.requested'), ' ',
      h('a', { href: `#/org-insatser/${ctx.request.id}`, text: t('assignment.propose.toRequest') }));
  }
  if (!ctx.parties.length) return h('p', { class: 'notice', id: 'assignment-propose-none', text: t('assignment.propose.noMunicipality') });
  const general = h('p', { class: 'alert', role: 'alert', id: 'assignment-propose-error', tabindex: '-1' });
  const submit = h('button', { type: 'submit', class: 'btn btn-primary', id: 'assignment-propose-submit', text: t('assignment.propose.save') });
  const municipality = h('select', { name: 'municipalityId' }, h('option', { value: '', text: t('client.choose') }),
    ctx.parties.map((m) => h('option', { value: m.id, text: m.name })));
  const form = h('form', { id: 'assignment-propose', novalidate: true },
    h('h3', { text: t('assignment.propose.title') }),
    h('p', { class: 'hint', text: t('assignment.propose.lead') }),
    labelled(t('assignment.propose.municipality'), municipality),
    group(t('client.needs'), 'needs', Object.keys(NEEDS).map((n) => ({ value: n, label: label(NEEDS, n, t) })), { checked: ctx.needs }),
    labelled(t('assignment.propose.summary'), h('textarea', { name: 'summary', rows: '4', maxlength: '2000' }), { hint: t('assignment.propose.summaryHint') }),
    group(t('assignment.propose.protection'), 'protectionLevel', Object.keys(PROTECTION_LEVELS).map((p) => ({ value: p, label: label(PROTECTION_LEVELS, p, t) })),
      { type: 'radio', checked: ctx.protectionLevel }),
    h('fieldset', { class: 'subform' }, h('legend', { text: t('assignment.propose.contact') }),
      labelled(t('assignment.propose.contactName'), h('input', { type: 'text', name: 'contactName', maxlength: '120', autocomplete: 'off' })),
      labelled(t('assignment.propose.contactPhone'), h('input', { type: 'tel', name: 'contactPhone', maxlength: '40', autocomplete: 'off' })),
      labelled(t('assignment.propose.contactEmail'), h('input', { type: 'email', name: 'contactEmail', maxlength: '200', autocomplete: 'off' }))),
    general, submit);
  sendForm(form, general, submit, {
    check: () => {
      const anyContact = form.contactPhone.value.trim() || form.contactEmail.value.trim();
      return [
        !municipality.value && ['municipalityId', 'hl.err.choose'],
        !checkedValues(form, 'needs').length && ['needs', 'hl.err.choose'],
        anyContact && !form.contactName.value.trim() && ['contactName', 'hl.err.required'],
      ];
    },
    send: () => {
      const name = form.contactName.value.trim();
      return api('POST', '/api/insatser', {
        assignmentId: a.id, municipalityId: municipality.value, needs: checkedValues(form, 'needs'),
        summary: form.summary.value.trim() || null, ...protectionField(checkedValues(form, 'protectionLevel')[0] || 'NONE'),
        municipalityContact: name ? { name, phone: form.contactPhone.value.trim() || null, email: form.contactEmail.value.trim() || null } : null });
    },
    done: (created) => { announce(t('assignment.propose.saved')); location.hash = `#/org-insatser/${created.id}`; },
  });
  return form;
}

function insatsSection(insats, propose) {
  const latest = insats?.decisions?.length ? insats.decisions[insats.decisions.length - 1] : null;
  return h('section', { class: 'card', 'aria-labelledby': 'assignment-insats', id: 'assignment-insats-card' },
    h('h2', { id: 'assignment-insats', text: t('assignment.insatsTitle') }),
    !insats ? [h('p', { id: 'assignment-insats-state', text: t('assignment.insatsNone') }), propose]
      : h('dl', { class: 'facts' },
        h('dt', { text: t('assignment.insatsState') }),
        h('dd', { id: 'assignment-insats-state', text: label(INSATS_STATES, insats.state, t, 'clients.status.other') }),
        h('dt', { text: t('assignment.insatsConsent') }),
        h('dd', { text: insats.consent?.recordedAt && !insats.consent?.revokedAt ? t('assignment.insatsConsentGiven', { when: dateTime(insats.consent.recordedAt) }) : t('assignment.insatsConsentMissing') }),
        latest ? [h('dt', { text: t('assignment.insatsDecision') }), h('dd', { text: `${latest.decidedOn || ''} ${latest.outcome || ''}`.trim() })] : null,
        insats.nextFollowUpOn ? [h('dt', { text: t('assignment.insatsFollowUp') }), h('dd', { text: insats.nextFollowUpOn })] : null),
    insats ? h('p', { class: 'hint', text: t('assignment.insatsHint') }) : null,
    insats ? h('p', {}, h('a', { class: 'btn', href: `#/org-insatser/${insats.id}`, id: 'assignment-open-insats', text: t('assignment.openInsats') })) : null);
}

function supportSection(s) {
  const days = (n) => (n == null ? t('assignment.support.never') : t('assignment.support.days', { count: n }));
  return h('section', { class: 'card', 'aria-labelledby': 'assignment-support', id: 'assignment-support-card' },
    h('h2', { id: 'assignment-support', text: t('assignment.support.title') }),
    h('p', { class: 'hint', text: t('assignment.support.lead') }),
    !s ? h('p', { text: t('assignment.support.none') })
      : h('dl', { class: 'facts', id: 'assignment-support-facts' },
        h('dt', { text: t('assignment.support.lastMessage') }), h('dd', { 'data-days': s.daysSinceLastMessage ?? '', text: days(s.daysSinceLastMessage) }),
        h('dt', { text: t('assignment.support.lastCheckin') }), h('dd', { 'data-days': s.daysSinceLastCheckin ?? '', text: days(s.daysSinceLastCheckin) }),
        h('dt', { text: t('assignment.support.missed') }), h('dd', { text: String(s.missedCheckins ?? 0) }),
        h('dt', { text: t('assignment.support.status') }),
        h('dd', { id: 'assignment-quiet', text: s.quiet ? t('assignment.support.quietFor', { days: s.quietAfterDays }) : t('assignment.support.fine') })));
}
