// Charts drawn locally as SVG through DOM calls (no library, no markup strings: nothing for CSP to refuse).
// Every chart is an image with a name for screen readers and is always shown beside a table of the same
// figures, which is the accessible form (the chart adds nothing the table lacks).
import { h } from '../app/view.js';

const SVG = 'http://www.w3.org/2000/svg';

function s(tag, attrs = {}, ...children) {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined && v !== null) el.setAttribute(k, String(v));
  for (const c of children) if (c) el.append(c);
  return el;
}

function text(x, y, value, attrs = {}) {
  const el = s('text', { x, y, ...attrs });
  el.textContent = value;
  return el;
}

/**
 * Horizontal bars, one per row: rows [{label, value}], `format(value)` the number as written beside its bar.
 * `label` names the chart for assistive technology.
 */
export function barChart(rows, { label, format = String, max } = {}) {
  const rowHeight = 28;
  const labelWidth = 190;
  const width = 560;
  const barSpace = width - labelWidth - 70;
  const top = Math.max(1, max ?? Math.max(0, ...rows.map((r) => r.value || 0)));
  const height = rows.length * rowHeight + 10;
  const svg = s('svg', { viewBox: `0 0 ${width} ${height}`, class: 'chart', role: 'img', 'aria-label': label, focusable: 'false' });
  rows.forEach((r, i) => {
    const y = 5 + i * rowHeight;
    const w = r.value ? Math.max(2, (r.value / top) * barSpace) : 0;
    svg.append(
      text(labelWidth - 8, y + 18, r.label, { 'text-anchor': 'end' }),
      s('rect', { x: labelWidth, y: y + 4, width: w.toFixed(1), height: rowHeight - 10, rx: 2, class: r.alt ? 'bar bar-alt' : 'bar' }),
      text(labelWidth + w + 6, y + 18, r.value == null ? '–' : format(r.value)));
  });
  svg.append(s('line', { x1: labelWidth, y1: 2, x2: labelWidth, y2: height - 2, class: 'axis' }));
  return svg;
}

/** A line over time: points [{label, value}], left to right; every point labelled below, its value above. */
export function lineChart(points, { label, format = String } = {}) {
  const width = 560;
  const height = 220;
  const left = 36;
  const bottom = 40;
  const top = Math.max(1, ...points.map((p) => p.value || 0));
  const step = points.length > 1 ? (width - left - 20) / (points.length - 1) : 0;
  const y = (v) => 16 + (height - bottom - 16) * (1 - v / top);
  const svg = s('svg', { viewBox: `0 0 ${width} ${height}`, class: 'chart', role: 'img', 'aria-label': label, focusable: 'false' });
  svg.append(
    s('line', { x1: left, y1: height - bottom, x2: width - 10, y2: height - bottom, class: 'axis' }),
    s('line', { x1: left, y1: 10, x2: left, y2: height - bottom, class: 'axis' }),
    text(left - 6, y(top) + 4, format(top), { 'text-anchor': 'end' }),
    text(left - 6, y(0) + 4, format(0), { 'text-anchor': 'end' }));
  const d = points.map((p, i) => `${i ? 'L' : 'M'}${(left + i * step).toFixed(1)} ${y(p.value || 0).toFixed(1)}`).join(' ');
  svg.append(s('path', { d, class: 'line' }));
  points.forEach((p, i) => {
    const x = left + i * step;
    svg.append(
      s('circle', { cx: x.toFixed(1), cy: y(p.value || 0).toFixed(1), r: 3, class: 'bar' }),
      text(x, height - bottom + 16, p.label, { 'text-anchor': 'middle' }),
      text(x, y(p.value || 0) - 8, format(p.value || 0), { 'text-anchor': 'middle' }));
  });
  return svg;
}

/**
 * A chart and its table side by side under one heading: columns [{label, value(row)}], the first column
 * the row's header.
 */
export function chartWithTable({ id, title, note, chart, columns, rows }) {
  return h('section', { class: 'chart-block', id, 'aria-labelledby': `${id}-title` },
    h('h2', { id: `${id}-title`, text: title }),
    note ? h('p', { class: 'hint', text: note }) : null,
    h('div', { class: 'chart-pair' },
      h('div', { class: 'chart-box' }, chart),
      h('table', { class: 'table table-compact', id: `${id}-table` },
        h('caption', { class: 'visually-hidden', text: title }),
        h('thead', {}, h('tr', {}, columns.map((c) => h('th', { scope: 'col', text: c.label })))),
        h('tbody', {}, rows.map((r) => h('tr', {}, columns.map((c, i) => (i === 0
          ? h('th', { scope: 'row', text: String(c.value(r)) })
          : h('td', { text: String(c.value(r)) })))))))));
}
