/** Feature: its distribution in the window against the baseline, every drift measure, and its data quality over time. */
import { h, show, message, chartBox, table } from '../dom.js';
import { getJson, path, segment } from '../api.js';
import { resolve, link, shared } from '../context.js';
import { num, binLabel, stepLabel, percent } from '../format.js';
import { histogram, lineChart } from '../charts.js';

/** The measures of the drift answer, each with the catalogue's threshold and which side of it is drift. */
const measures = [
  ['psi', 0.2, 'above'], ['jsDistance', 0.1, 'above'], ['klDivergence', 0.1, 'above'], ['jsDivergence', null, 'above'],
  ['hellinger', 0.1, 'above'], ['lInfinity', null, 'above'], ['totalVariation', null, 'above'], ['chiSquare', 0.05, 'p below'],
  ['ks', 0.05, 'p below'], ['andersonDarling', 0.05, 'p below'], ['wasserstein', null, 'above'], ['wassersteinNormed', 0.1, 'above'],
];

const quality = ['missingRate', 'typeErrorRate', 'outOfRangeRate', 'unseenCategoryRate'];

export async function render() {
  const context = await resolve();
  const feature = context.query.get('feature');
  const { modelId, version, environment, baseline, from, to, granularity } = context;
  if (!feature) throw new Error('the address names no feature (add &feature=…)');
  if (!baseline) { show(h('h1', {}, feature), message('This model has no baseline to compare the feature with.')); return; }
  const base = `/v1/models/${segment(modelId)}/drift`;
  const [drift, series] = await Promise.all([
    getJson(path(base, { baseline, version, environment, from, to })),
    getJson(path(`${base}/windows`, { baseline, version, environment, from, to, granularity })),
  ]);
  /** @type {any[]} */
  const over = series.windows;
  const column = drift.features.find((/** @type {any} */ f) => f.name === feature);
  if (!column) { show(h('h1', {}, feature), message(`The model has no feature named "${feature}".`)); return; }
  const bars = chartBox('feature-histogram');
  const rates = chartBox('quality-chart');
  show(
    h('h1', {}, feature),
    h('p', { class: 'context' }, `${column.type} · ${modelId} ${version}/${environment} · baseline ${baseline} · ${from} to ${to} · `, h('a', { href: link('overview', shared(context)) }, 'overview')),
    column.count === 0 ? message('No value of this feature in the window.') : null,
    h('h2', {}, 'Distribution: baseline and window'), bars,
    h('h2', {}, 'Drift measures'), measureTable(column),
    h('h2', {}, 'Data quality over time'), rates);
  histogram(bars, { bins: column.bins.map(binLabel), baseline: column.bins.map((/** @type {any} */ b) => b.baseline), current: column.bins.map((/** @type {any} */ b) => b.current), xName: feature });
  const columns = over.map(d => d.features.find((/** @type {any} */ f) => f.name === feature));
  lineChart(rates, {
    x: over.map(d => stepLabel(d.window)), yName: 'share of records',
    lines: quality.filter(q => columns.some(c => c?.[q] !== undefined)).map(q => ({ name: q, data: columns.map(c => c?.[q] ?? null) })),
  });
}

/** Every measure of the answer with its threshold; the one that decides drift is marked. */
function measureTable(/** @type {any} */ column) {
  const rows = measures.filter(([name]) => column[name] !== undefined).map(([name, threshold, direction]) => {
    const value = column[name];
    const score = value !== null && typeof value === 'object' ? value.pValue : value;
    const deciding = name === column.measure;
    const limit = deciding ? column.threshold : threshold;
    return h('tr', { class: deciding ? 'selected' : undefined },
      h('td', {}, name + (deciding ? ' (decides)' : '')),
      h('td', { class: 'num' }, value !== null && typeof value === 'object' ? `${num(value.statistic)} (p ${num(value.pValue)})` : num(value)),
      h('td', { class: 'num' }, limit === null ? '–' : `${direction} ${num(/** @type {number} */ (limit))}`),
      h('td', {}, limit === null || score === null ? '–' : (direction === 'above' ? score >= limit : score < limit) ? 'drifted' : 'no'));
  });
  rows.push(...quality.filter(q => column[q] !== undefined).map(q => h('tr', {}, h('td', {}, q), h('td', { class: 'num' }, percent(column[q])), h('td', {}, '–'), h('td', {}, '–'))));
  return table(['measure', 'value', 'threshold', 'drift'], rows, ['value', 'threshold']);
}
