/** Slices: the ranked table (worst change first), the worst slices the search finds, and a slice's performance and examples. */
import { h, show, message, chartBox, table } from '../dom.js';
import { getJson, getLines, path, segment, ApiError } from '../api.js';
import { resolve, headline, iso } from '../context.js';
import { num, signed, count, stepLabel } from '../format.js';
import { lineChart } from '../charts.js';

export async function render() {
  const context = await resolve();
  const { modelId, version, environment, from, to, baseline, model } = context;
  const base = `/v1/models/${segment(modelId)}`;
  const [listing, worst] = await Promise.all([
    getJson(path(`${base}/slices`, { version, environment, from, to, sort: 'change' })),
    getJson(path(`${base}/worst-slices`, { version, environment, from: recent(from, to), to, baseline })).catch(error => error),
  ]);
  const metric = headline(model.task);
  const detail = h('section', { id: 'slice-detail' });
  const open = (/** @type {string} */ slice, /** @type {string[]} */ where, /** @type {HTMLElement} */ row) => {
    row.parentElement?.querySelectorAll('tr.selected').forEach(r => r.classList.remove('selected'));
    row.classList.add('selected');
    openSlice(detail, context, slice, where);
  };
  const rows = listing.slices.map((/** @type {any} */ s) => {
    const row = h('tr', { class: 'selectable', 'data-slice': s.slice, tabindex: 0 },
      h('td', {}, s.slice), h('td', { class: 'num' }, count(s.predictions)), h('td', { class: 'num' }, num(s.realised?.[metric] ?? s.estimated?.[metric] ?? null)),
      h('td', { class: `num ${s.degraded ? 'worse' : ''}` }, signed(s.change)), h('td', { class: 'num' }, num(s.predictionPsi ?? null)),
      h('td', {}, s.degraded ? 'degraded' : s.change === null ? (s.baselineMissing ?? s.changeMissing ?? '') : ''));
    row.addEventListener('click', () => open(s.slice, [], row));
    return row;
  });
  show(
    h('h1', {}, `Slices of ${modelId}`),
    h('p', { class: 'context' }, `${version}/${environment} · ${from} to ${to} · change of ${metric} against baseline ${baseline ?? 'none'}, worst first`),
    labelNote(listing.slices, metric),
    rows.length === 0 ? message('No slice has predictions in this window.') : table(['slice', 'predictions', metric, 'change', 'prediction PSI', 'note'], rows, ['predictions', metric, 'change', 'prediction PSI']),
    h('h2', {}, `Worst slices found (SliceLine search, with significance), ${recent(from, to)} to ${to}`), worstTable(worst, open),
    detail);
}

/** Says what the table cannot show when no slice has a label in the window; null when one has. */
function labelNote(/** @type {any[]} */ slices, /** @type {string} */ metric) {
  if (slices.length === 0 || slices.some(s => s.labelled > 0)) return null;
  return slices.some(s => typeof s.estimated?.[metric] === 'number')
    ? message(`No labels in this window: ${metric} is the label-free estimate, and its change against the baseline needs actuals (POST …/actuals).`)
    : message(`No labels in this window: each slice's ${metric} and its change against the baseline need actuals (POST …/actuals); the table shows each slice's size and the drift of its predictions.`);
}

/** The worst-slice search and the examples read at most 366 days: the start of the last 366 days of a longer window. */
export function recent(/** @type {string} */ from, /** @type {string} */ to) {
  const start = Date.parse(to) - 366 * 86_400_000;
  return Date.parse(from) < start ? iso(new Date(start)) : from;
}

/** @param {any} worst @param {(slice: string, where: string[], row: HTMLElement) => void} open */
function worstTable(worst, open) {
  if (worst instanceof ApiError) return message(worst.status === 404 ? 'This server has no worst-slice search.' : `The worst-slice search answered ${worst.status}: ${worst.message}`);
  if (worst.slices.length === 0) return message(`No slice stands out${worst.reason ? `: ${worst.reason}` : '.'}`);
  return table(['conditions', 'size', worst.metric, 'vs rest', 'p', 'q'], worst.slices.map((/** @type {any} */ s) => {
    const name = s.conditions.join(' & ');
    const row = h('tr', { class: 'selectable', 'data-worst': name },
      h('td', {}, name), h('td', { class: 'num' }, count(s.size)), h('td', { class: 'num' }, num(s[worst.metric] ?? s.error)),
      h('td', { class: 'num worse' }, signed(s.errorVsRest)), h('td', { class: 'num' }, num(s.pValue)), h('td', { class: 'num' }, num(s.qValue)));
    row.addEventListener('click', () => open(name, s.conditions, row));
    return row;
  }), ['size', worst.metric, 'vs rest', 'p', 'q']);
}

/** A slice's performance over time and its examples (the newest 20 kept rows). */
async function openSlice(/** @type {HTMLElement} */ detail, /** @type {import('../context.js').Context} */ context, /** @type {string} */ slice, /** @type {string[]} */ where) {
  const { modelId, version, environment, from, to, granularity, model } = context;
  const base = `/v1/models/${segment(modelId)}`;
  const metric = headline(model.task);
  const box = chartBox('slice-chart');
  const examples = h('div', { id: 'slice-examples' }, h('p', { class: 'note' }, 'Loading examples…'));
  const download = path(`${base}/examples`, { version, environment, from: recent(from, to), to, format: 'csv', ...(where.length > 0 ? {} : { slice }) }) + where.map(w => `&where=${encodeURIComponent(w)}`).join('');
  detail.replaceChildren(h('h2', {}, `Slice ${slice}`), box, h('h2', {}, 'Examples'), h('p', {}, h('a', { href: download, download: 'examples.csv' }, 'download every example of the slice (CSV)')), examples);
  try {
    if (where.length === 0) {
      const answer = await getJson(path(`${base}/slices/${segment(slice)}`, { version, environment, from, to, granularity }));
      const series = answer.series.filter((/** @type {any} */ s) => s.predictions > 0);
      const points = series.some((/** @type {any} */ s) => typeof s.realised?.[metric] === 'number' || typeof s.estimated?.[metric] === 'number');
      if (!points) box.replaceWith(message(`No labels for this slice in the window, and no label-free estimate: its ${metric} over time needs actuals (POST …/actuals).`));
      else lineChart(box, { x: series.map((/** @type {any} */ s) => stepLabel(s.window)), yName: metric, lines: [{ name: `realised ${metric}`, data: series.map((/** @type {any} */ s) => s.realised?.[metric] ?? null) }, { name: `estimated ${metric}`, data: series.map((/** @type {any} */ s) => s.estimated?.[metric] ?? null), dashed: true }] });
    } else {
      box.replaceWith(h('p', { class: 'note' }, 'A searched slice is a conjunction: its examples are below; define it as a named slice to follow it over time.'));
    }
    const query = path(`${base}/examples`, { version, environment, from: recent(from, to), to, limit: 20, ...(where.length > 0 ? {} : { slice }) }) + where.map(w => `&where=${encodeURIComponent(w)}`).join('');
    const lines = await getLines(query);
    examples.replaceChildren(exampleTable(lines.filter(l => l.predictionId !== undefined)));
  } catch (error) {
    examples.replaceChildren(message(error instanceof Error ? error.message : String(error)));
  }
}

function exampleTable(/** @type {any[]} */ rows) {
  if (rows.length === 0) return message('No kept row of this slice in the window.');
  const features = Object.keys(rows[0].features ?? {});
  return table(['time', 'version', ...features, 'prediction', 'actual'], rows.map(r => h('tr', { 'data-example': r.predictionId },
    h('td', {}, r.timestamp), h('td', {}, r.version), features.map(f => h('td', {}, String(r.features[f] ?? ''))),
    h('td', {}, JSON.stringify(r.prediction)), h('td', {}, r.actual === undefined ? '–' : JSON.stringify(r.actual)))));
}
