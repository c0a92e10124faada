// Kontaktpersoner: the recruiting pipeline as a board by stage (applied → interview → training → approved,
// plus paused and ended), each column a page of the server's list (search, filters and order applied by the
// server, GET /api/recruiting/volunteers with q, state, region, language, hasCapacity, sort, page, size;
// the total in X-Total-Count), the transitions as buttons asking for the reason. #/volunteers/<id> opens
// one volunteer (screens/volunteer.js). The public application link and its QR code at the end.
import { h, replace } from '../../app/view.js';
import { t } from '../i18n.js';
import { api } from '../session.js';
import { qrSvg } from '../qr.js';
import {
  LANGUAGE_CODES, REGIONS, STAGES, date, languageName, regionName, stageLabel, stageOf, stateLabel, transitionControls,
} from '../board.js';

const PAGE_SIZE = 25;
// The filters survive a visit to a volunteer and a language change, for this page's life only.
const remembered = { q: '', stage: '', region: '', language: '', capacity: false, sort: 'applied' };

export function render(main, ctx) {
  const id = (location.hash.split('/')[2] || '').split('?')[0];
  if (id) {
    let cleanup = null;
    let closed = false;
    import('./volunteer.js').then((m) => {
      if (closed) return;
      cleanup = m.render(main, ctx, decodeURIComponent(id));
      main.querySelector('h1')?.focus();
    });
    return () => { closed = true; cleanup?.(); };
  }
  return board(main, ctx);
}

function board(main, { me, announce }) {
  const controller = new AbortController();
  let generation = 0;

  const q = h('input', { type: 'search', id: 'vol-q', name: 'q', value: remembered.q, maxlength: '100', autocomplete: 'off' });
  const stage = h('select', { id: 'vol-stage', name: 'stage' },
    h('option', { value: '', text: t('volunteers.filter.allStages') }),
    STAGES.map((s) => h('option', { value: s.id, selected: s.id === remembered.stage, text: stageLabel(s.id) })));
  const region = h('select', { id: 'vol-region', name: 'region' },
    h('option', { value: '', text: t('volunteers.filter.allRegions') }),
    REGIONS.map(([code, name]) => h('option', { value: code, selected: code === remembered.region, text: name })));
  const languageSelect = h('select', { id: 'vol-language', name: 'language' },
    h('option', { value: '', text: t('volunteers.filter.allLanguages') }),
    LANGUAGE_CODES.map((c) => ({ c, name: languageName(c) })).sort((a, b) => a.name.localeCompare(b.name))
      .map(({ c, name }) => h('option', { value: c, selected: c === remembered.language, text: name })));
  const capacity = h('input', { type: 'checkbox', id: 'vol-capacity', name: 'hasCapacity', checked: remembered.capacity });
  const sort = h('select', { id: 'vol-sort', name: 'sort' },
    [['applied', t('volunteers.sort.applied')], ['-applied', t('volunteers.sort.appliedDesc')], ['name', t('volunteers.sort.name')],
      ['stateSince', t('volunteers.sort.stateSince')]]
      .map(([v, label]) => h('option', { value: v, selected: v === remembered.sort, text: label })));
  const summary = h('p', { id: 'vol-summary', class: 'hint' }); // said aloud through announce() after a search
  const error = h('p', { class: 'alert', role: 'alert', id: 'vol-error' });
  const boardEl = h('div', { class: 'vboard', id: 'vol-board' });

  const filters = h('form', { id: 'vol-filters', class: 'filters', role: 'search', 'aria-label': t('volunteers.filter.label'), novalidate: true },
    h('div', { class: 'field field-grow' }, h('label', { for: 'vol-q', text: t('volunteers.filter.q') }), q),
    h('div', { class: 'field' }, h('label', { for: 'vol-stage', text: t('volunteers.filter.stage') }), stage),
    h('div', { class: 'field' }, h('label', { for: 'vol-region', text: t('volunteers.filter.region') }), region),
    h('div', { class: 'field' }, h('label', { for: 'vol-language', text: t('volunteers.filter.language') }), languageSelect),
    h('div', { class: 'field' }, h('label', { for: 'vol-sort', text: t('volunteers.filter.sort') }), sort),
    h('div', { class: 'choice filter-check' }, capacity, h('label', { for: 'vol-capacity', text: t('volunteers.filter.capacity') })),
    h('div', { class: 'filter-actions' },
      h('button', { type: 'submit', class: 'btn', id: 'vol-search', text: t('volunteers.filter.apply') }),
      h('button', { type: 'button', class: 'btn', id: 'vol-reset', text: t('volunteers.filter.reset'), onclick: resetFilters })));

  replace(main, h('section', { class: 'screen volunteers', id: 'volunteers' },
    h('div', { class: 'screen-head' }, h('h1', { tabindex: '-1', text: t('volunteers.title') })),
    h('p', { class: 'lead', text: t('volunteers.lead') }),
    filters, summary, error, boardEl, applyLink(me)));

  function params(states, page) {
    const p = new URLSearchParams();
    if (q.value.trim()) p.set('q', q.value.trim());
    p.set('state', states.join(','));
    if (region.value) p.set('region', region.value);
    if (languageSelect.value) p.set('language', languageSelect.value);
    if (capacity.checked) p.set('hasCapacity', 'true');
    p.set('sort', sort.value);
    p.set('page', String(page));
    p.set('size', String(PAGE_SIZE));
    return p;
  }

  async function fetchPage(states, page) {
    const res = await api('GET', `/api/recruiting/volunteers?${params(states, page)}`, undefined, { raw: true, signal: controller.signal });
    return { items: await res.json(), total: Number(res.headers.get('x-total-count')) || 0 };
  }

  function remember() {
    Object.assign(remembered, { q: q.value, stage: stage.value, region: region.value, language: languageSelect.value,
      capacity: capacity.checked, sort: sort.value });
  }

  async function load({ focus = null, say = false } = {}) {
    remember();
    const mine = ++generation;
    error.textContent = '';
    boardEl.setAttribute('aria-busy', 'true');
    const stages = stage.value ? STAGES.filter((s) => s.id === stage.value) : STAGES;
    try {
      const pages = await Promise.all(stages.map((s) => fetchPage(s.states, 0)));
      if (mine !== generation) return;
      replace(boardEl, stages.map((s, i) => column(s, pages[i])));
      boardEl.dataset.columns = String(stages.length);
      const total = pages.reduce((n, p) => n + p.total, 0);
      summary.textContent = t('volunteers.summary', { count: total });
      if (say) announce(t('volunteers.summary', { count: total }));
      if (focus) (boardEl.querySelector(`[data-card="${focus}"] .card-name`) || boardEl.querySelector('h2'))?.focus();
    } catch (e) {
      if (!controller.signal.aborted) error.textContent = t('volunteers.error.load');
    } finally {
      boardEl.removeAttribute('aria-busy');
    }
  }

  function column(s, first) {
    const list = h('ul', { class: 'vcol-list' });
    const headingId = `vcol-${s.id}`;
    const count = h('span', { class: 'vcol-count', text: String(first.total) });
    const more = h('div', { class: 'vcol-more' });
    let page = 0;
    let shown = 0;
    const add = (items, total) => {
      for (const v of items) list.append(card(v));
      shown += items.length;
      replace(more, shown < total
        ? h('button', {
          type: 'button', class: 'btn btn-small', 'data-more': s.id, text: t('volunteers.more', { shown, total }),
          onclick: async (e) => {
            e.target.disabled = true;
            try {
              page += 1;
              const next = await fetchPage(s.states, page);
              const before = list.children.length;
              add(next.items, next.total);
              list.children[before]?.querySelector('.card-name')?.focus();
            } catch {
              e.target.disabled = false;
              error.textContent = t('volunteers.error.load');
            }
          },
        })
        : null);
    };
    add(first.items, first.total);
    return h('section', { class: 'vcol', 'data-stage': s.id, 'aria-labelledby': headingId },
      h('h2', { id: headingId, tabindex: '-1' }, stageLabel(s.id), ' ', count),
      first.total === 0 ? h('p', { class: 'empty', text: t('volunteers.emptyStage') }) : list, more);
  }

  function card(v) {
    const multi = stageOf(v.state)?.states.length > 1;
    const showLoad = v.state === 'APPROVED' || v.state === 'ACTIVE';
    return h('li', { class: 'vcard', 'data-card': v.id, 'data-state': v.state },
      h('a', { class: 'card-name', href: `#/volunteers/${v.id}` }, h('bdi', { text: v.name })),
      multi ? h('p', { class: 'vcard-state', text: stateLabel(v.state) }) : null,
      h('p', { class: 'vcard-meta' },
        [regionName(v.region), v.municipality].filter(Boolean).join(' · ')),
      h('p', { class: 'vcard-meta', text: (v.languages || []).map(languageName).join(', ') }),
      showLoad ? h('p', { class: 'vcard-meta', 'data-load': `${v.activeClients}/${v.maxClients}`,
        text: t('volunteers.load', { active: v.activeClients, max: v.maxClients }) }) : null,
      h('p', { class: 'vcard-meta', text: t('volunteers.since', { when: date(v.stateSince) }) }),
      transitionControls(v, { compact: true, announce, onMoved: () => load({ focus: v.id }) }));
  }

  function resetFilters() {
    q.value = ''; stage.value = ''; region.value = ''; languageSelect.value = ''; capacity.checked = false; sort.value = 'applied';
    load({ say: true });
    q.focus();
  }

  filters.addEventListener('submit', (e) => { e.preventDefault(); load({ say: true }); });
  filters.addEventListener('change', (e) => { if (e.target !== q) load({ say: true }); });
  let typing = null;
  q.addEventListener('input', () => {
    clearTimeout(typing);
    typing = setTimeout(() => load({ say: true }), 300);
  });

  load();
  return () => { controller.abort(); clearTimeout(typing); };
}

/** The organisation's public application page: a link the jour shares, and its QR code. */
function applyLink(me) {
  const url = `${location.origin}/desk/apply.html?org=${encodeURIComponent(me.organisationId)}`;
  const qrArea = h('div', { id: 'apply-qr' });
  const toggle = h('button', { type: 'button', class: 'btn', id: 'apply-qr-toggle', 'aria-expanded': 'false',
    'aria-controls': 'apply-qr', text: t('volunteers.applyQrShow') });
  toggle.addEventListener('click', () => {
    const open = toggle.getAttribute('aria-expanded') !== 'true';
    toggle.setAttribute('aria-expanded', String(open));
    toggle.textContent = open ? t('volunteers.applyQrHide') : t('volunteers.applyQrShow');
    replace(qrArea, open ? h('div', { class: 'qr-box' }, qrSvg(url, t('volunteers.applyQrLabel'))) : null);
  });
  return h('section', { class: 'card apply-link', 'aria-labelledby': 'apply-link-title' },
    h('h2', { id: 'apply-link-title', text: t('volunteers.applyTitle') }),
    h('p', { class: 'hint', text: t('volunteers.applyLead') }),
    h('p', {}, h('a', { href: url, id: 'apply-link', target: '_blank', rel: 'noopener', dir: 'ltr', text: url })),
    toggle, qrArea);
}
