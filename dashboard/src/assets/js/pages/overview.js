/**
 * Model overview: records and labelled share over time; realised and estimated headline metric over time with the
 * baseline's value as a reference line; the drift heat map (features × windows, read in one request), whose cells open
 * that feature's baseline-vs-current histogram for that window.
 */
import { h, show, message, chartBox } from '../dom.js';
import { getJson, path, segment } from '../api.js';
import { resolve, shared, link, headline, steps, iso } from '../context.js';
import { num, stepLabel, binLabel, count } from '../format.js';
import { lineChart, volumeChart, heatMap, histogram, driftClass, driftClasses } from '../charts.js';

export async function render() {
  const context = await resolve();
  const { modelId, version, environment, baseline, from, to, granularity, model } = context;
  const metric = headline(model.task);
  const base = `/v1/models/${segment(modelId)}`;
  const [answer, reference, drifts] = await Promise.all([
    getJson(path(`${base}/performance`, { version, environment, from, to, granularity })),
    baseline ? baselineValue(base, baseline, metric) : Promise.resolve(null),
    baseline ? getJson(path(`${base}/drift/windows`, { baseline, version, environment, from, to, granularity })).then(a => /** @type {any[]} */ (a.windows)) : Promise.resolve([]),
  ]);
  /** @type {{from: string, to: string}[]} */
  const windows = drifts.length > 0 ? drifts.map(d => d.window) : steps(from, to, granularity);

  const volume = chartBox('volume-chart');
  const performanceBox = chartBox('performance-chart');
  const heat = chartBox('drift-heatmap', 'chart tall');
  const detail = h('section', { id: 'drift-detail' }, h('p', { class: 'note' }, 'Click a cell of the heat map to see that feature\'s distribution in that window against the baseline.'));
  const series = answer.series.filter((/** @type {any} */ s) => s.predictions > 0);
  const estimated = series.some((/** @type {any} */ s) => typeof s.estimated?.[metric] === 'number');
  const drawable = answer.labelled > 0 || estimated;
  show(
    h('h1', {}, modelId),
    h('p', { class: 'context' }, `${model.task} · series ${version}/${environment} · baseline ${baseline ?? 'none'} · ${from} to ${to} · ${count(answer.predictions)} predictions, ${count(answer.labelled)} labelled`),
    answer.predictions === 0 ? message('No records in this window: choose another window (from, to in the address).') : null,
    h('h2', {}, 'Records and labelled share'), volume,
    h('h2', {}, `Performance: ${metric}`),
    answer.predictions > 0 ? labelNote(answer.labelled, estimated, metric) : null,
    drawable ? performanceBox : null,
    h('h2', {}, 'Drift by feature and window'),
    baseline ? heat : message('This model has no baseline, so there is no drift to show: PUT …/baselines/{name} freezes one.'),
    detail, driftTable(model.features.map(f => f.name), windows, drifts));

  const x = series.map((/** @type {any} */ s) => stepLabel(s.window));
  volumeChart(volume, { x, records: series.map((/** @type {any} */ s) => s.predictions), labelledShare: series.map((/** @type {any} */ s) => s.labelledShare) });
  if (drawable) lineChart(performanceBox, {
    x, yName: metric,
    lines: [
      { name: `realised ${metric}`, data: series.map((/** @type {any} */ s) => s.realised?.[metric] ?? null) },
      { name: `estimated ${metric}`, data: series.map((/** @type {any} */ s) => s.estimated?.[metric] ?? null), dashed: true },
    ],
    reference: reference === null ? undefined : { name: `baseline ${baseline}`, value: reference },
  });
  if (baseline) drawHeatMap(heat, detail, model.features.map(f => f.name), windows, drifts, context);
  // Milliseconds from the navigation's start to every chart drawn, which the browser test reads and records.
  document.body.dataset.renderMs = String(Math.round(performance.now()));
}

/** What the performance chart can show without labels, said in the page; null when the window has labels. */
export function labelNote(/** @type {number} */ labelled, /** @type {boolean} */ estimated, /** @type {string} */ metric) {
  if (labelled > 0) return null;
  return estimated
    ? message(`No labels in this window: the line is the label-free estimate of ${metric} only (from the baseline's calibrated scores).`)
    : message(`No labels in this window, so no realised ${metric}: it needs actuals (POST …/actuals). A label-free estimate needs a binary classifier whose baseline was frozen from labelled scores; this one has none. Drift needs no labels: see below.`);
}

/** The baseline's headline metric: its series' performance over the window it was frozen from (all of it when it names none). */
async function baselineValue(/** @type {string} */ base, /** @type {string} */ name, /** @type {string} */ metric) {
  const frozen = await getJson(`${base}/baselines/${segment(name)}`);
  const answer = await getJson(path(`${base}/performance`, {
    version: frozen.version, environment: frozen.environment,
    from: frozen.from ?? '2000-01-01T00:00:00Z', to: frozen.to ?? iso(new Date()),
  }));
  return answer.realised?.[metric] ?? answer.estimated?.[metric] ?? null;
}

/** @param {string[]} features @param {{from: string, to: string}[]} windows @param {any[]} drifts */
function cells(features, windows, drifts) {
  return windows.flatMap((_, x) => features.map((name, y) => {
    const column = drifts[x]?.features.find((/** @type {any} */ f) => f.name === name);
    return { x, y, value: column && column.count > 0 ? column[column.measure] ?? null : null, threshold: column?.threshold ?? 1, measure: column?.measure ?? '' };
  }));
}

/** @param {HTMLElement} element @param {HTMLElement} detail @param {string[]} features @param {{from: string, to: string}[]} windows @param {any[]} drifts @param {import('../context.js').Context} context */
function drawHeatMap(element, detail, features, windows, drifts, context) {
  heatMap(element, { features, windows: windows.map(stepLabel), cells: cells(features, windows, drifts) },
    (y, x) => openHistogram(detail, features[y], windows[x], drifts[x], context));
}

/** The feature's bins in one window against the baseline. */
function openHistogram(/** @type {HTMLElement} */ detail, /** @type {string} */ feature, /** @type {{from: string, to: string}} */ window, /** @type {any} */ drift, /** @type {import('../context.js').Context} */ context) {
  const column = drift.features.find((/** @type {any} */ f) => f.name === feature);
  const box = chartBox('drift-histogram');
  detail.replaceChildren(
    h('h2', {}, `${feature} in ${stepLabel(window)} against ${context.baseline}`),
    h('p', { class: 'context' }, `${column.measure} ${num(column[column.measure])} (threshold ${num(column.threshold)}) · ${column.drifted ? 'drifted' : 'not drifted'} · `,
      h('a', { href: link('feature', { ...shared(context), feature, from: window.from, to: window.to }) }, 'every measure of this feature')),
    box);
  histogram(box, { bins: column.bins.map(binLabel), baseline: column.bins.map((/** @type {any} */ b) => b.baseline), current: column.bins.map((/** @type {any} */ b) => b.current), xName: feature });
}

/** The heat map as a table, for screen readers and for reading exact values. */
function driftTable(/** @type {string[]} */ features, /** @type {{from: string, to: string}[]} */ windows, /** @type {any[]} */ drifts) {
  const all = cells(features, windows, drifts);
  const rows = features.map((name, y) => h('tr', {}, h('th', {}, name), windows.map((w, x) => {
    const cell = all[x * features.length + y];
    const kind = driftClass(cell.value, cell.threshold);
    return h('td', { class: 'num', 'data-feature': name, 'data-window': w.from, 'data-class': kind?.name ?? 'empty', 'data-colour': kind?.colour ?? '', title: `${cell.measure} ${num(cell.value)}` },
      h('span', { class: 'drift-cell', style: `background:${kind?.colour ?? 'transparent'}` }), ` ${num(cell.value)}`);
  })));
  return h('details', { id: 'drift-table' }, h('summary', {}, `The heat map as a table (${driftClasses.map(c => `${c.name}: ${c.label}`).join('; ')})`),
    h('table', {}, h('thead', {}, h('tr', {}, h('th', {}, 'feature'), windows.map(w => h('th', {}, stepLabel(w))))), h('tbody', {}, rows)));
}
