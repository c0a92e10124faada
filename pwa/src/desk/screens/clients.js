// Klienter: the organisation's clients by pseudonym only, filtered, ordered and paged by the server
// (GET /api/clients?q&status&region&language&sort&page&size, total in X-Total-Count), waiting time in days and
// the waiting list's median. #/clients/new, #/clients/<id>, #/clients/<id>/edit and #/clients/<id>/match are
// drawn by client.js and matching.js.
import { h, replace } from '../../app/view.js';
import { t } from '../i18n.js';
import { api } from '../session.js';
import { AGE_BANDS, CLIENT_STATUS, label } from '../clientcodes.js';
import { COMMON_LANGUAGES, REGIONS, labelled, languageName, regionName } from '../clientfields.js';
import { renderClient, renderEdit, renderNew } from './client.js';
import { renderSuggestions } from './matching.js';
import { policyCard } from '../minors.js';

const PAGE_SIZE = 25;
// The filter survives a visit to a client and back, for this page's life only.
const remembered = { q: '', status: 'WAITING', region: '', language: '', sort: 'waitingSince', page: 0 };

export function render(main, ctx) {
  const [, id, sub] = location.hash.replace(/^#\/?/, '').split(/[/?]/);
  if (id === 'new') return renderNew(main, ctx);
  if (id && sub === 'match') return renderSuggestions(main, ctx, id);
  if (id && sub === 'edit') return renderEdit(main, ctx, id);
  if (id) return renderClient(main, ctx, id);
  return list(main, ctx);
}

function list(main, { announce }) {
  const controller = new AbortController();
  const q = h('input', { type: 'search', name: 'q', value: remembered.q, maxlength: '60', autocomplete: 'off' });
  const status = h('select', { name: 'status' },
    h('option', { value: '', text: t('clients.filter.allStatuses') }),
    Object.keys(CLIENT_STATUS).map((s) => h('option', { value: s, text: label(CLIENT_STATUS, s, t), selected: s === remembered.status })));
  const region = h('select', { name: 'region' },
    h('option', { value: '', text: t('clients.filter.allRegions') }),
    REGIONS.map(([code, name]) => h('option', { value: code, text: name, selected: code === remembered.region })));
  const language = h('select', { name: 'language' },
    h('option', { value: '', text: t('clients.filter.allLanguages') }),
    COMMON_LANGUAGES.map((code) => h('option', { value: code, text: languageName(code), selected: code === remembered.language })));
  const sort = h('select', { name: 'sort' },
    [['waitingSince', t('clients.sort.longestWaiting')], ['-waitingSince', t('clients.sort.shortestWaiting')],
      ['pseudonym', t('clients.sort.pseudonym')], ['-createdAt', t('clients.sort.newest')], ['createdAt', t('clients.sort.oldest')]]
      .map(([v, l]) => h('option', { value: v, text: l, selected: v === remembered.sort })));
  const filter = h('form', { class: 'filters', id: 'clients-filter', role: 'search', 'aria-label': t('clients.filter.label') },
    labelled(t('clients.filter.q'), q, { hint: t('clients.filter.qHint') }),
    labelled(t('clients.filter.status'), status),
    labelled(t('clients.filter.region'), region),
    labelled(t('clients.filter.language'), language),
    labelled(t('clients.filter.sort'), sort),
    h('div', { class: 'filter-actions' }, h('button', { type: 'submit', class: 'btn btn-primary', id: 'clients-search', text: t('clients.filter.apply') })));
  const summary = h('p', { id: 'clients-summary', class: 'lead', role: 'status' });
  const waiting = h('p', { id: 'clients-waiting' });
  const error = h('p', { class: 'alert', role: 'alert', id: 'clients-error' });
  const results = h('div', { id: 'clients-results' });

  replace(main, h('section', { class: 'screen clients', id: 'clients' },
    h('div', { class: 'screen-head' },
      h('h1', { tabindex: '-1', text: t('clients.title') }),
      h('a', { class: 'btn btn-primary', href: '#/clients/new', id: 'clients-new', text: t('clients.new') })),
    h('p', { class: 'lead', text: t('clients.lead') }),
    filter, error, waiting, summary, results, policyCard(controller.signal, announce)));

  async function load({ focusResults = false } = {}) {
    error.textContent = '';
    const params = new URLSearchParams();
    for (const key of ['q', 'status', 'region', 'language', 'sort']) if (remembered[key]) params.set(key, remembered[key]);
    params.set('page', String(remembered.page));
    params.set('size', String(PAGE_SIZE));
    try {
      const response = await api('GET', `/api/clients?${params}`, undefined, { raw: true, signal: controller.signal });
      const rows = await response.json();
      const total = Number(response.headers.get('x-total-count')) || 0;
      if (controller.signal.aborted) return;
      draw(rows, total);
      announce(t('clients.found', { count: total }));
      if (focusResults) document.getElementById('clients-table-caption')?.closest('table')?.focus();
      const w = await api('GET', '/api/waiting-list?size=1&page=0', undefined, { signal: controller.signal });
      waiting.textContent = t('clients.waitingSummary', { count: w.total ?? 0, median: Math.round(w.medianWaitingDays ?? 0), over: w.overThreshold ?? 0, days: w.thresholdDays });
    } catch (e) {
      if (!controller.signal.aborted) error.textContent = e?.status === 400 ? t('clients.badFilter') : t('clients.loadError');
    }
  }

  function draw(rows, total) {
    const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
    summary.textContent = t('clients.found', { count: total });
    if (rows.length === 0) {
      replace(results, h('p', { class: 'empty', id: 'clients-empty', text: t('clients.empty') }));
      return;
    }
    const prev = h('button', { type: 'button', class: 'btn', id: 'clients-prev', text: t('clients.prev'), disabled: remembered.page === 0 });
    const next = h('button', { type: 'button', class: 'btn', id: 'clients-next', text: t('clients.next'), disabled: remembered.page >= pages - 1 });
    prev.addEventListener('click', () => { remembered.page -= 1; load({ focusResults: true }); });
    next.addEventListener('click', () => { remembered.page += 1; load({ focusResults: true }); });
    replace(results,
      h('table', { class: 'table', id: 'clients-table', tabindex: '-1' },
        h('caption', { id: 'clients-table-caption', class: 'visually-hidden', text: t('clients.caption') }),
        h('thead', {}, h('tr', {}, [t('clients.col.pseudonym'), t('clients.col.status'), t('clients.col.waiting'),
          t('clients.col.region'), t('clients.col.languages'), t('clients.col.age')].map((c) => h('th', { scope: 'col', text: c })))),
        h('tbody', {}, rows.map((c) => h('tr', { 'data-client': c.id },
          h('th', { scope: 'row' }, h('a', { href: `#/clients/${c.id}`, class: 'pseudonym' }, h('bdi', { text: c.pseudonym }))),
          h('td', { text: label(CLIENT_STATUS, c.status, t, 'clients.status.other') }),
          h('td', { 'data-days': c.waitingDays ?? '', text: c.waitingDays == null ? '–' : t('clients.days', { count: c.waitingDays }) }),
          h('td', { text: c.region ? regionName(c.region) : '–' }),
          h('td', { text: (c.languages || []).map(languageName).join(', ') || '–' }),
          h('td', { text: c.ageBand ? label(AGE_BANDS, c.ageBand, t, 'clients.status.other') : '–' }))))),
      h('nav', { class: 'pager', 'aria-label': t('clients.pager') }, prev,
        h('p', { class: 'pager-where', text: t('clients.page', { page: remembered.page + 1, pages }) }), next));
  }

  filter.addEventListener('submit', (e) => {
    e.preventDefault();
    remembered.q = q.value.trim();
    remembered.status = status.value;
    remembered.region = region.value;
    remembered.language = language.value;
    remembered.sort = sort.value;
    remembered.page = 0;
    load();
  });

  load();
  return () => controller.abort();
}
