// Matchning. For one client (#/clients/<id>/match): the engine's best suggestions side by side, each with its
// score and one plain sentence per criterion, and every volunteer the rules left out with the reason; a
// proposal creates the assignment (the server checks the rules again). For the waiting list (#/matching): a
// batch preview (POST /api/matching/batch stores nothing), the coordinator's choice of pairs, then
// POST /api/matching/batch/apply, all or nothing.
import { h, replace, uid } from '../../app/view.js';
import { t } from '../i18n.js';
import { api } from '../session.js';
import { CONFLICTS, KINDS, UNMATCHED, criterionSentence, label } from '../clientcodes.js';
import { minorRefusal } from '../minors.js';

const TOP = 3;
// The last batch preview survives a redraw (a language change) for this page's life; applying forgets it.
const lastPreview = { batch: null, names: null };

async function volunteerNames(signal) {
  try {
    return new Map((await api('GET', '/api/recruiting/volunteers', undefined, { signal })).map((v) => [v.id, v.name]));
  } catch {
    return new Map();
  }
}

function explanation(lines, id) {
  return h('ul', { class: 'criteria', id },
    (lines || []).map((line) => h('li', { class: `criterion outcome-${line.outcome.toLowerCase()}`, 'data-criterion': line.criterion },
      h('span', { class: 'criterion-text', text: criterionSentence(line, t) }), ' ',
      h('span', { class: 'criterion-points', text: t('matching.points', { points: line.points, max: line.maxPoints }) }))));
}

function kindChoice(name) {
  return h('fieldset', { class: 'choices choices-inline' },
    h('legend', { text: t('matching.kind') }),
    Object.keys(KINDS).map((k) => {
      const id = uid(name);
      return h('div', { class: 'choice' },
        h('input', { type: 'radio', name, id, value: k, checked: k === 'IDEELL' }),
        h('label', { for: id, text: label(KINDS, k, t, 'clients.status.other') }));
    }),
    h('p', { class: 'hint', text: t('matching.kindHint') }));
}

function conflictText(c) {
  return CONFLICTS[c.constraint] ? t(CONFLICTS[c.constraint]) : t('matching.conflict.other');
}

export function renderSuggestions(main, { announce }, clientId) {
  const controller = new AbortController();
  const heading = h('h1', { tabindex: '-1', text: t('matching.title') });
  const body = h('div', { id: 'matching-body' }, h('p', { role: 'status', text: t('matching.loading') }));
  replace(main, h('section', { class: 'screen matching', id: 'matching' },
    h('p', { class: 'crumbs' }, h('a', { href: `#/clients/${clientId}`, text: t('matching.backToClient') })),
    heading, body));

  (async () => {
    const [detail, suggestions, names] = await Promise.all([
      api('GET', `/api/clients/${clientId}`, undefined, { signal: controller.signal }),
      api('GET', `/api/clients/${clientId}/suggestions?k=${TOP}`, undefined, { signal: controller.signal }),
      volunteerNames(controller.signal)]);
    if (controller.signal.aborted) return;
    const pseudonym = detail.client.pseudonym;
    heading.replaceChildren(t('matching.titleFor'), ' ', h('bdi', { class: 'pseudonym', text: pseudonym }));
    const candidates = suggestions.candidates || [];
    const excluded = suggestions.excluded || [];
    const name = (id) => names.get(id) || t('matching.unknownVolunteer');
    const notWaiting = detail.client.status !== 'WAITING';

    const cards = candidates.map((c, i) => {
      const titleId = `suggestion-${i}-name`;
      const kindName = `kind-${i}`;
      const error = h('p', { class: 'alert', role: 'alert', id: `suggestion-${i}-error`, tabindex: '-1' });
      const propose = h('button', { type: 'button', class: 'btn btn-primary', 'data-action': 'propose', 'data-volunteer': c.volunteerId,
        'aria-describedby': titleId, text: t('matching.propose'), disabled: notWaiting });
      const card = h('li', { class: 'card suggestion', 'data-volunteer': c.volunteerId },
        h('h2', { id: titleId }, h('span', { class: 'rank', text: t('matching.rank', { n: i + 1 }) }), ' ', h('bdi', { text: name(c.volunteerId) })),
        h('p', { class: 'score' },
          h('meter', { min: '0', max: String(c.maxScore), value: String(c.score), 'aria-label': t('matching.scoreLabel') }), ' ',
          h('span', { class: 'score-text', text: t('matching.score', { score: c.score, max: c.maxScore }) })),
        h('h3', { text: t('matching.why') }),
        explanation(c.explanation, `suggestion-${i}-why`),
        kindChoice(kindName), error, propose);
      propose.addEventListener('click', async () => {
        error.textContent = '';
        propose.disabled = true;
        const kind = card.querySelector(`input[name="${kindName}"]:checked`)?.value || 'IDEELL';
        try {
          const a = await api('POST', '/api/assignments', { clientId, volunteerId: c.volunteerId, kind });
          announce(t('matching.proposed', { pseudonym, name: name(c.volunteerId) }));
          location.hash = `#/assignments/${a.id}`;
        } catch (e) {
          const conflicts = e?.problem?.violations?.map((v) => conflictText({ constraint: v.field })) || [];
          error.textContent = minorRefusal(e) || (e?.status === 409 && conflicts.length
            ? t('matching.refusedBecause', { reasons: conflicts.join(' ') })
            : e?.status === 409 ? t('matching.refused', { detail: e.problem?.detail || '' }) : t('matching.proposeError'));
          error.focus();
          propose.disabled = false;
        }
      });
      return card;
    });

    replace(body,
      h('p', { class: 'lead', id: 'matching-considered', text: t('matching.considered', {
        count: suggestions.volunteersConsidered, without: suggestions.volunteersWithoutMatchingProfile }) }),
      notWaiting ? h('p', { class: 'notice', id: 'matching-not-waiting', text: t('matching.notWaiting') }) : null,
      h('section', { 'aria-labelledby': 'matching-top' },
        h('h2', { id: 'matching-top', class: 'visually-hidden', text: t('matching.topTitle') }),
        cards.length ? h('ol', { class: 'suggestions', id: 'suggestions' }, cards)
          : h('p', { class: 'empty', id: 'suggestions-empty', text: t('matching.none') })),
      h('section', { class: 'card card-exclusions', 'aria-labelledby': 'matching-excluded' },
        h('h2', { id: 'matching-excluded', text: t('matching.excludedTitle', { count: excluded.length }) }),
        h('p', { class: 'hint', text: t('matching.excludedLead') }),
        excluded.length === 0 ? h('p', { class: 'empty', text: t('matching.excludedNone') })
          : h('ul', { class: 'excluded', id: 'excluded-list' }, excluded.map((x) => h('li', { 'data-volunteer': x.volunteerId },
            h('bdi', { class: 'excluded-name', text: name(x.volunteerId) }),
            h('ul', { class: 'reasons' }, (x.conflicts || []).map((c) => h('li', { 'data-constraint': c.constraint, text: conflictText(c) }))))))));
    announce(t('matching.loaded', { count: cards.length }));
  })().catch((e) => {
    if (controller.signal.aborted) return;
    replace(body, h('p', { class: 'alert', role: 'alert', id: 'matching-load-error',
      text: e?.status === 404 ? t('client.notFound') : t('matching.loadError') }));
  });
  if (lastPreview.batch) {
    preview(lastPreview.batch, lastPreview.names);
    status.textContent = t('matching.batchPreviewReady', { count: (lastPreview.batch.proposals || []).length });
  }
  return () => controller.abort();
}

/** #/matching: the waiting list matched as a whole, previewed, then applied as the coordinator chose. */
export function render(main, { announce }) {
  const controller = new AbortController();
  const run = h('button', { type: 'button', class: 'btn btn-primary', id: 'batch-run', text: t('matching.batchRun') });
  const status = h('p', { role: 'status', id: 'batch-status' });
  const result = h('div', { id: 'batch-result' });
  replace(main, h('section', { class: 'screen batch', id: 'batch' },
    h('h1', { tabindex: '-1', text: t('matching.batchTitle') }),
    h('p', { class: 'lead', text: t('matching.batchLead') }),
    run, status, result));

  run.addEventListener('click', async () => {
    run.disabled = true;
    status.textContent = t('matching.batchRunning');
    replace(result);
    try {
      const [batch, names] = await Promise.all([
        api('POST', '/api/matching/batch', undefined, { signal: controller.signal }), volunteerNames(controller.signal)]);
      if (controller.signal.aborted) return;
      lastPreview.batch = batch;
      lastPreview.names = names;
      preview(batch, names);
      status.textContent = t('matching.batchPreviewReady', { count: (batch.proposals || []).length });
      announce(status.textContent);
    } catch {
      if (!controller.signal.aborted) status.textContent = t('matching.batchError');
    } finally {
      run.disabled = false;
    }
  });

  function preview(batch, names) {
    const proposals = batch.proposals || [];
    const unmatched = batch.unmatched || [];
    const name = (id) => names.get(id) || t('matching.unknownVolunteer');
    const error = h('p', { class: 'alert', role: 'alert', id: 'batch-apply-error', tabindex: '-1' });
    const apply = h('button', { type: 'submit', class: 'btn btn-primary', id: 'batch-apply', text: t('matching.batchApply') });
    const rows = proposals.map((p, i) => {
      const box = h('input', { type: 'checkbox', name: 'pair', id: `batch-pair-${i}`, value: String(i), checked: true });
      return h('tr', { 'data-client': p.clientId, 'data-volunteer': p.volunteerId, 'data-index': i },
        h('td', {}, box, h('label', { for: box.id, class: 'visually-hidden', text: t('matching.batchAccept', { pseudonym: p.pseudonym }) })),
        h('th', { scope: 'row' }, h('bdi', { class: 'pseudonym', text: p.pseudonym })),
        h('td', {}, h('bdi', { text: name(p.volunteerId) })),
        h('td', { text: t('matching.score', { score: p.score, max: (p.explanation || []).reduce((s, l) => s + l.maxPoints, 0) }) }),
        h('td', {}, h('details', {}, h('summary', { text: t('matching.why') }), explanation(p.explanation, `batch-why-${i}`))));
    });
    const form = h('form', { id: 'batch-form', novalidate: true },
      h('table', { class: 'table', id: 'batch-table' },
        h('caption', { text: t('matching.batchCaption', { count: proposals.length }) }),
        h('thead', {}, h('tr', {}, [t('matching.batchColAccept'), t('matching.batchColClient'), t('matching.batchColVolunteer'),
          t('matching.batchColScore'), t('matching.batchColWhy')].map((c) => h('th', { scope: 'col', text: c })))),
        h('tbody', {}, rows)),
      kindChoice('batch-kind'), error, apply);
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      error.textContent = '';
      const chosen = [...form.querySelectorAll('input[name="pair"]:checked')].map((b) => proposals[Number(b.value)]);
      if (chosen.length === 0) {
        error.textContent = t('matching.batchNoneChosen');
        error.focus();
        return;
      }
      const kind = form.querySelector('input[name="batch-kind"]:checked')?.value || 'IDEELL';
      apply.disabled = true;
      try {
        const created = await api('POST', '/api/matching/batch/apply',
          { kind, pairs: chosen.map((p) => ({ clientId: p.clientId, volunteerId: p.volunteerId })) });
        lastPreview.batch = null;
        replace(result, h('p', { class: 'notice', id: 'batch-applied', tabindex: '-1', text: t('matching.batchApplied', { count: created.length }) }),
          h('p', {}, h('a', { href: '#/assignments', text: t('matching.toAssignments') })));
        status.textContent = '';
        announce(t('matching.batchApplied', { count: created.length }));
        document.getElementById('batch-applied')?.focus();
      } catch (err) {
        const v = err?.problem?.violations?.[0];
        const index = v ? Number(/\[(\d+)\]/.exec(v.field)?.[1]) : NaN;
        const pair = Number.isInteger(index) ? chosen[index] : null;
        const minor = minorRefusal(err);
        error.textContent = pair && minor ? `${t('matching.batchPairRefused', { pseudonym: pair.pseudonym })} ${minor}`
          : pair ? t('matching.batchPairRefused', { pseudonym: pair.pseudonym })
          : err?.status === 400 ? t('matching.batchBad') : t('matching.batchApplyError');
        if (pair) form.querySelector(`tr[data-client="${pair.clientId}"]`)?.classList.add('row-refused');
        error.focus();
        apply.disabled = false;
      }
    });
    replace(result,
      proposals.length ? form : h('p', { class: 'empty', id: 'batch-empty', text: t('matching.batchNone') }),
      h('section', { 'aria-labelledby': 'batch-unmatched' },
        h('h2', { id: 'batch-unmatched', text: t('matching.unmatchedTitle', { count: unmatched.length }) }),
        unmatched.length === 0 ? h('p', { class: 'empty', text: t('matching.unmatchedNone') })
          : h('ul', { class: 'items', id: 'batch-unmatched-list' }, unmatched.map((u) => h('li', { class: 'item', 'data-client': u.clientId },
            h('span', {}, h('a', { href: `#/clients/${u.clientId}/match` }, h('bdi', { class: 'pseudonym', text: u.pseudonym })), ' – ',
              label(UNMATCHED, u.reason, t, 'matching.unmatched.other')))))));
  }
  if (lastPreview.batch) {
    preview(lastPreview.batch, lastPreview.names);
    status.textContent = t('matching.batchPreviewReady', { count: (lastPreview.batch.proposals || []).length });
  }
  return () => controller.abort();
}
