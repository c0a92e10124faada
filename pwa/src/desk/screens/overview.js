// Översikt: the recruiting funnel, drop-out and median time per stage, capacity by county and language
// (GET /api/recruiting/overview), active assignments over the last twelve months and the waiting times
// (GET /api/matching/overview) — each a chart drawn here in SVG with the same figures in a table beside it —
// and the roster as CSV (GET /api/recruiting/roster.csv, fetched with the token and saved by the browser).
import { h, replace } from '../../app/view.js';
import { dateTime, language, t, tl } from '../i18n.js';
import { api } from '../session.js';
import { barChart, chartWithTable, lineChart } from '../charts.js';
import { languageName } from '../clientfields.js';

const STAGES = {
  APPLIED: tl('overview.stage.APPLIED'), INTERVIEW_BOOKED: tl('overview.stage.INTERVIEW_BOOKED'),
  INTERVIEWED: tl('overview.stage.INTERVIEWED'), IN_TRAINING: tl('overview.stage.IN_TRAINING'),
  TRAINED: tl('overview.stage.TRAINED'), APPROVED: tl('overview.stage.APPROVED'), ACTIVE: tl('overview.stage.ACTIVE'),
  PAUSED: tl('overview.stage.PAUSED'),
};

function stageName(code) {
  return STAGES[code] ? t(STAGES[code]) : t('overview.stage.other');
}

function monthName(yyyyMm, { short = false } = {}) {
  const [y, m] = yyyyMm.split('-').map(Number);
  const options = short ? { month: 'short', timeZone: 'UTC' } : { month: 'long', year: 'numeric', timeZone: 'UTC' };
  return new Intl.DateTimeFormat(language() === 'sv' ? 'sv-SE' : 'en-GB', options).format(new Date(Date.UTC(y, m - 1, 15)));
}

function percent(v) {
  return v == null ? '–' : `${Math.round(v * 1000) / 10} %`;
}

function band(b) {
  return b.toDays == null ? t('overview.band.over', { from: b.fromDays }) : t('overview.band.range', { from: b.fromDays, to: b.toDays });
}

export function render(main, { announce }) {
  const controller = new AbortController();
  const body = h('div', { id: 'overview-body' }, h('p', { role: 'status', text: t('overview.loading') }));
  const download = h('button', { type: 'button', class: 'btn', id: 'overview-roster', text: t('overview.roster') });
  const downloadStatus = h('p', { role: 'status', id: 'overview-roster-status' });
  replace(main, h('section', { class: 'screen overview', id: 'overview' },
    h('div', { class: 'screen-head' }, h('h1', { tabindex: '-1', text: t('overview.title') }), download),
    downloadStatus, body));

  download.addEventListener('click', async () => {
    download.disabled = true;
    downloadStatus.textContent = '';
    try {
      const response = await api('GET', '/api/recruiting/roster.csv', undefined, { raw: true, accept: 'text/csv', signal: controller.signal });
      const url = URL.createObjectURL(await response.blob());
      const a = h('a', { href: url, download: 'kontaktpersoner.csv', class: 'visually-hidden', text: t('overview.roster') });
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      downloadStatus.textContent = t('overview.rosterDone');
      announce(t('overview.rosterDone'));
    } catch {
      if (!controller.signal.aborted) downloadStatus.textContent = t('overview.rosterError');
    } finally {
      download.disabled = false;
    }
  });

  (async () => {
    const [recruiting, matching] = await Promise.all([
      api('GET', '/api/recruiting/overview', undefined, { signal: controller.signal }),
      api('GET', '/api/matching/overview', undefined, { signal: controller.signal })]);
    if (controller.signal.aborted) return;
    const funnel = recruiting.funnel || [];
    const regions = recruiting.capacityByRegion || [];
    const languages = recruiting.capacityByLanguage || [];
    const months = matching.activeByMonth || [];
    const bands = matching.waitingTimes || [];
    const n = (v) => String(v ?? 0);
    const days = (v) => (v == null ? '–' : t('overview.days', { count: v }));
    replace(body,
      h('p', { class: 'lead', id: 'overview-asof', text: t('overview.asOf', { when: dateTime(recruiting.asOf),
        available: recruiting.availableVolunteers ?? 0, free: recruiting.freeSlots ?? 0, waiting: matching.waiting ?? 0 }) }),
      chartWithTable({ id: 'chart-funnel', title: t('overview.funnel'), note: t('overview.funnelNote'),
        chart: barChart(funnel.map((s) => ({ label: stageName(s.stage), value: s.reached })), { label: t('overview.funnel') }),
        columns: [{ label: t('overview.col.stage'), value: (s) => stageName(s.stage) }, { label: t('overview.col.reached'), value: (s) => n(s.reached) },
          { label: t('overview.col.current'), value: (s) => n(s.current) }],
        rows: funnel }),
      chartWithTable({ id: 'chart-dropout', title: t('overview.dropout'), note: t('overview.dropoutNote'),
        chart: barChart(funnel.map((s) => ({ label: stageName(s.stage), value: s.dropOutRate == null ? null : s.dropOutRate * 100, alt: true })),
          { label: t('overview.dropout'), format: (v) => `${Math.round(v * 10) / 10} %`, max: 100 }),
        columns: [{ label: t('overview.col.stage'), value: (s) => stageName(s.stage) }, { label: t('overview.col.droppedOut'), value: (s) => n(s.droppedOut) },
          { label: t('overview.col.rate'), value: (s) => percent(s.dropOutRate) }],
        rows: funnel }),
      chartWithTable({ id: 'chart-time', title: t('overview.timeInStage'), note: t('overview.timeInStageNote'),
        chart: barChart(funnel.map((s) => ({ label: stageName(s.stage), value: s.medianDaysInStage })), { label: t('overview.timeInStage'), format: (v) => days(v) }),
        columns: [{ label: t('overview.col.stage'), value: (s) => stageName(s.stage) }, { label: t('overview.col.median'), value: (s) => days(s.medianDaysInStage) },
          { label: t('overview.col.stays'), value: (s) => n(s.completedStays) }],
        rows: funnel }),
      chartWithTable({ id: 'chart-active', title: t('overview.active'), note: t('overview.activeNote'),
        chart: lineChart(months.map((m) => ({ label: monthName(m.month, { short: true }), value: m.active })), { label: t('overview.active') }),
        columns: [{ label: t('overview.col.month'), value: (m) => monthName(m.month) }, { label: t('overview.col.active'), value: (m) => n(m.active) }],
        rows: months }),
      chartWithTable({ id: 'chart-waiting', title: t('overview.waiting'),
        note: t('overview.waitingNote', { count: matching.waiting ?? 0, median: matching.medianWaitingDays == null ? '–' : Math.round(matching.medianWaitingDays), longest: matching.longestWaitingDays ?? '–' }),
        chart: barChart(bands.map((b) => ({ label: band(b), value: b.clients })), { label: t('overview.waiting') }),
        columns: [{ label: t('overview.col.waited'), value: band }, { label: t('overview.col.clients'), value: (b) => n(b.clients) }],
        rows: bands }),
      chartWithTable({ id: 'chart-regions', title: t('overview.capacityRegion'), note: t('overview.capacityNote'),
        chart: barChart(regions.map((c) => ({ label: c.label || c.key, value: c.freeSlots })), { label: t('overview.capacityRegion') }),
        columns: [{ label: t('overview.col.region'), value: (c) => c.label || c.key }, { label: t('overview.col.volunteers'), value: (c) => n(c.volunteers) },
          { label: t('overview.col.withFree'), value: (c) => n(c.volunteersWithFreeSlots) }, { label: t('overview.col.free'), value: (c) => n(c.freeSlots) }],
        rows: regions }),
      chartWithTable({ id: 'chart-languages', title: t('overview.capacityLanguage'), note: t('overview.capacityNote'),
        chart: barChart(languages.map((c) => ({ label: languageName(c.key), value: c.freeSlots })), { label: t('overview.capacityLanguage') }),
        columns: [{ label: t('overview.col.language'), value: (c) => languageName(c.key) }, { label: t('overview.col.volunteers'), value: (c) => n(c.volunteers) },
          { label: t('overview.col.withFree'), value: (c) => n(c.volunteersWithFreeSlots) }, { label: t('overview.col.free'), value: (c) => n(c.freeSlots) }],
        rows: languages }));
    announce(t('overview.loaded'));
  })().catch(() => {
    if (!controller.signal.aborted) replace(body, h('p', { class: 'alert', role: 'alert', id: 'overview-error', text: t('overview.loadError') }));
  });
  return () => controller.abort();
}
