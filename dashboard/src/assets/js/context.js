/**
 * What a page is about, read from its address so every page is a shareable URL: the model, its series (version and
 * environment), the baseline and the window. What the address leaves out is chosen from the model and written back
 * into it, so a copied address shows the same page.
 */
import { getJson, path, segment, ApiError } from './api.js';

/**
 * @typedef {{ modelId: string, task: string, features: {name: string, type: string}[], baselines: string[],
 *   versions: string[], series: {version: string, environment: string, records: number}[] }} Model
 * @typedef {{ model: Model, modelId: string, version: string, environment: string, baseline: string | undefined,
 *   from: string, to: string, granularity: string, query: URLSearchParams }} Context
 */

/** The address's query string. */
export const query = () => new URLSearchParams(location.search);

/** A page's address with the given values (empty ones left out). */
export function link(/** @type {string} */ page, /** @type {Record<string, string | undefined | null>} */ values) {
  return path(`/${page}`, values);
}

/** The values every page of a model shares, for links between pages. */
export function shared(/** @type {Context} */ context) {
  const { modelId: model, version, environment, baseline, from, to } = context;
  return { model, version, environment, baseline, from, to };
}

/** The headline metric of a task: accuracy for classifiers, mae for regressors. */
export const headline = (/** @type {string} */ task) => (task === 'regression' ? 'mae' : 'accuracy');

/**
 * Resolves the page's model, series, baseline and window; the window, when not given, is the span of months with
 * records in the last ten years.
 * @returns {Promise<Context>}
 */
export async function resolve() {
  const q = query();
  const modelId = q.get('model');
  if (!modelId) throw new ApiError(400, 'model: the address names no model (add ?model=…)', 'model');
  /** @type {Model} */
  const model = await getJson(path(`/v1/models/${segment(modelId)}`));
  const series = [...model.series].sort((a, b) => Number(b.environment === 'production') - Number(a.environment === 'production') || b.records - a.records)[0];
  const version = q.get('version') ?? series?.version ?? 'default';
  const environment = q.get('environment') ?? series?.environment ?? 'production';
  const baseline = q.get('baseline') ?? (model.baselines.includes('training') ? 'training' : model.baselines[0]);
  let from = q.get('from');
  let to = q.get('to');
  if (!from || !to) ({ from, to } = await dataWindow(modelId, version, environment));
  const context = { model, modelId, version, environment, baseline, from, to, granularity: q.get('granularity') ?? granularityOf(from, to), query: q };
  history.replaceState(null, '', link(location.pathname.slice(1), { ...Object.fromEntries(q), ...shared(context) }));
  return context;
}

/** Steps that keep a chart readable: days up to two months, weeks up to half a year, else months. */
export function granularityOf(/** @type {string} */ from, /** @type {string} */ to) {
  const days = (Date.parse(to) - Date.parse(from)) / 86_400_000;
  return days <= 62 ? '1d' : days <= 190 ? '7d' : 'month';
}

/** @returns {Promise<{from: string, to: string}>} */
async function dataWindow(/** @type {string} */ modelId, /** @type {string} */ version, /** @type {string} */ environment) {
  const now = new Date();
  const to = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1));
  const from = new Date(Date.UTC(to.getUTCFullYear() - 10, to.getUTCMonth(), 1));
  const answer = await getJson(path(`/v1/models/${segment(modelId)}/performance`, {
    version, environment, from: iso(from), to: iso(to), granularity: 'month',
  }));
  /** @type {{window: {from: string, to: string}, predictions: number}[]} */
  const steps = answer.series.filter((/** @type {{predictions: number}} */ s) => s.predictions > 0);
  if (steps.length === 0) return { from: iso(new Date(to.getTime() - 30 * 86_400_000)), to: iso(to) };
  return { from: steps[0].window.from, to: steps[steps.length - 1].window.to };
}

/** RFC 3339 in UTC without fractions, as the API reads it. */
export const iso = (/** @type {Date} */ date) => date.toISOString().replace(/\.\d{3}Z$/, 'Z');

/** The window split into the steps a granularity makes ("month", or a number of days such as "7d"). */
export function steps(/** @type {string} */ from, /** @type {string} */ to, /** @type {string} */ granularity) {
  /** @type {{from: string, to: string}[]} */
  const windows = [];
  let start = new Date(from);
  const end = new Date(to);
  while (start < end) {
    const next = granularity === 'month'
      ? new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1))
      : new Date(start.getTime() + days(granularity) * 86_400_000);
    windows.push({ from: iso(start), to: iso(next < end ? next : end) });
    start = next;
  }
  return windows;
}

const days = (/** @type {string} */ granularity) => Number(/^(\d+)d$/.exec(granularity)?.[1] ?? 1);
