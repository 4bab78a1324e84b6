/**
 * Root cause for a window: the metric's change split into each feature's mix and within contributions (a waterfall),
 * the failure mode and its explanation, and the recommendation with a link to download its examples.
 */
import { h, show, message, chartBox, table } from '../dom.js';
import { getJson, path, segment, ApiError } from '../api.js';
import { resolve, headline } from '../context.js';
import { num, signed, binLabel } from '../format.js';
import { waterfall } from '../charts.js';
import { recent } from './slices.js';

export async function render() {
  const context = await resolve();
  const { modelId, version, environment, baseline, to, model } = context;
  const from = recent(context.from, to);
  const metric = context.query.get('metric') ?? headline(model.task);
  const base = `/v1/models/${segment(modelId)}`;
  const [cause, advice] = await Promise.all([
    getJson(path(`${base}/root-cause`, { baseline, version, environment, from, to, metric })).catch(error => error),
    getJson(path(`${base}/recommendations`, { baseline, version, environment, from, to })).catch(error => error),
  ]);
  const chart = h('section', { id: 'root-cause-chart' });
  show(
    h('h1', {}, `Root cause of ${metric} for ${modelId}`),
    h('p', { class: 'context' }, `${version}/${environment} · ${from} to ${to} against baseline ${baseline ?? 'none'}`),
    ...explanation(cause, chart), h('h2', {}, 'Recommendation'), recommendation(advice));
  const features = cause instanceof Error || cause.change === null ? [] : cause.features.filter((/** @type {any} */ f) => f.mix !== null);
  if (features.length > 0) drawFeature(chart, cause, features, features[0].name);
}

/**
 * The waterfall of one feature: each feature's bins split the whole change (Σ mix + within = change), so the chart
 * walks from the baseline's value through that feature's bins to the window's; buttons pick the feature.
 * @param {HTMLElement} section @param {any} cause @param {any[]} features @param {string} name
 */
function drawFeature(section, cause, features, name) {
  const feature = features.find(f => f.name === name);
  const box = chartBox('root-cause-waterfall', 'chart tall');
  section.replaceChildren(
    h('p', {}, 'Split the change by the bins of ', ...features.map(f => h('button', { type: 'button', 'aria-pressed': f.name === name, onclick: () => drawFeature(section, cause, features, f.name) }, f.name)),
      ` · ${feature.name}: mix ${signed(feature.mix)} (its distribution moved), within ${signed(feature.within)} (performance inside its bins)`),
    box);
  const steps = feature.bins.filter((/** @type {any} */ b) => b.mix !== null && b.within !== null)
    .map((/** @type {any} */ b) => ({ name: binLabel(b), value: b.mix + b.within }));
  // The largest bins first (the answer's order), the rest as one step, so the walk always ends at the window's value.
  const shown = steps.slice(0, 12);
  const rest = cause.change - shown.reduce((/** @type {number} */ sum, /** @type {{value: number}} */ s) => sum + s.value, 0);
  if (steps.length > shown.length) shown.push({ name: `${steps.length - shown.length} other bins`, value: rest });
  waterfall(box, {
    yName: cause.metric, start: { name: `baseline ${num(cause.baseline.value)}`, value: cause.baseline.value },
    steps: shown,
    end: { name: `window ${num(cause.current.value)}`, value: cause.current.value },
  });
}

/** @param {any} cause @param {HTMLElement} chart @returns {(HTMLElement | null)[]} */
function explanation(cause, chart) {
  if (cause instanceof ApiError && cause.status === 404 && cause.field !== 'modelId') return [message('This server has no root-cause endpoint yet.')];
  if (cause instanceof Error) return [message(`The root cause could not be computed: ${cause.message}`)];
  const mode = cause.failureMode;
  return [
    cause.change === null && cause.current?.labelled === 0 ? message(`No labels in this window: splitting the change of ${cause.metric} into each feature's mix and within needs actuals (POST …/actuals). What the drift of each feature predicts (drift impact) needs none: it is below.`) : null,
    cause.change === null && cause.current?.labelled !== 0 ? message(`No change to split: ${(cause.gaps ?? []).map((/** @type {any} */ g) => g.reason ?? JSON.stringify(g)).join('; ') || 'a side has no labelled rows'}.`) : null,
    h('p', {}, `${cause.metric}: baseline ${num(cause.baseline?.value)} → window ${num(cause.current?.value)} (change ${signed(cause.change)}).`),
    cause.change === null ? null : chart,
    mode ? h('section', { id: 'failure-mode' }, h('h2', {}, `Failure mode: ${mode.kind}`), h('p', {}, mode.explanation), h('p', { class: 'note' }, `confidence ${num(mode.confidence)}`)) : null,
    h('h2', {}, 'Contributions by feature'),
    table(['feature', 'drift', 'mix', 'within', 'drift impact'], cause.features.map((/** @type {any} */ f) => h('tr', {},
      h('td', {}, f.name), h('td', {}, f.drift ? `${f.drift.measure} ${num(f.drift.value)}${f.drift.drifted ? ' (drifted)' : ''}` : '–'),
      h('td', { class: 'num' }, signed(f.mix)), h('td', { class: 'num' }, signed(f.within)), h('td', { class: 'num' }, signed(f.driftImpact)))), ['mix', 'within', 'drift impact']),
  ];
}

/** @param {any} advice */
function recommendation(advice) {
  if (advice instanceof ApiError && advice.status === 404 && advice.field !== 'modelId') return message('This server has no recommendations endpoint yet.');
  if (advice instanceof Error) return message(`No recommendation: ${advice.message}`);
  /** @type {any[]} */
  const additions = advice.add ?? [];
  return h('section', { id: 'recommendation' },
    h('p', {}, h('strong', {}, advice.retrain ? 'Retrain. ' : 'No retraining needed. '), String(advice.reason ?? '')),
    additions.length === 0 ? h('p', { class: 'note' }, 'Nothing to add to the training set.') : table(['add rows of', 'window share', 'baseline share', 'metric there', 'labelled', 'examples'],
      additions.map(a => h('tr', {}, h('td', {}, a.condition), h('td', { class: 'num' }, num(a.currentShare)), h('td', { class: 'num' }, num(a.baselineShare)),
        h('td', { class: 'num' }, num(a.metric)), h('td', { class: 'num' }, String(a.labelled)),
        h('td', {}, h('a', { href: `${a.examples}&format=csv`, download: 'examples.csv' }, 'download (CSV)'))))),
    (advice.notComputed ?? []).length > 0 ? h('p', { class: 'note' }, `Not computed: ${JSON.stringify(advice.notComputed)}`) : null);
}
