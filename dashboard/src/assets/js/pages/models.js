/** Models: every model with its task, its volume over the last day, its open alerts and its headline metric. */
import { h, show, message, table } from '../dom.js';
import { getJson, path, segment } from '../api.js';
import { link, headline, iso } from '../context.js';
import { count, num } from '../format.js';
import { sparkline } from '../charts.js';

export async function render() {
  /** @type {{models: string[]}} */
  const { models } = await getJson('/v1/models');
  if (models.length === 0) {
    show(h('h1', {}, 'Models'), message('No model is registered yet: PUT /v1/models/{modelId} defines one (docs/api.md).'));
    return;
  }
  const rows = await Promise.all(models.map(row));
  show(h('h1', {}, 'Models'), h('p', { class: 'context' }, 'Volume is the last 24 hours by the server\'s clock; the line is the headline metric per month over the last year with records.'),
    table(['model', 'task', 'records', 'last 24 h', 'open alerts', 'headline metric', 'by month'], rows.map(r => r.element), ['records', 'last 24 h', 'open alerts']));
  rows.forEach(r => r.draw());
}

/** One model's row, its sparkline drawn once the row is in the page. */
async function row(/** @type {string} */ id) {
  const model = await getJson(path(`/v1/models/${segment(id)}`));
  const series = [...model.series].sort((/** @type {any} */ a, /** @type {any} */ b) => b.records - a.records)[0];
  const now = new Date();
  const query = { version: series?.version, environment: series?.environment };
  const [day, year, alerts] = await Promise.all([
    getJson(path(`/v1/models/${segment(id)}/performance`, { ...query, from: iso(new Date(now.getTime() - 86_400_000)), to: iso(now) })),
    series ? lastYear(id, query) : Promise.resolve(null),
    getJson(path('/v1/alerts', { model: id })),
  ]);
  const metric = headline(model.task);
  const values = (year?.series ?? []).filter((/** @type {any} */ s) => s.predictions > 0).map((/** @type {any} */ s) => s.realised?.[metric] ?? s.estimated?.[metric] ?? null);
  const spark = h('div', { class: 'spark' });
  const total = model.series.reduce((/** @type {number} */ sum, /** @type {any} */ s) => sum + s.records, 0);
  const element = h('tr', { 'data-model': id },
    h('td', {}, h('a', { href: link('overview', { model: id }) }, id)), h('td', {}, model.task),
    h('td', { class: 'num' }, count(total)), h('td', { class: 'num' }, count(day.predictions)),
    h('td', { class: 'num' }, String(openAlerts(alerts.alerts))), h('td', {}, `${metric} ${num(values.at(-1) ?? null)}`), h('td', {}, spark));
  return { element, draw: () => { if (values.length > 0) sparkline(spark, values); } };
}

/** The monthly series over the last twelve months that hold records (found by a ten-year monthly read). */
async function lastYear(/** @type {string} */ id, /** @type {Record<string, string>} */ query) {
  const now = new Date();
  const to = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1));
  const from = new Date(Date.UTC(to.getUTCFullYear() - 10, to.getUTCMonth(), 1));
  const answer = await getJson(path(`/v1/models/${segment(id)}/performance`, { ...query, from: iso(from), to: iso(to), granularity: 'month' }));
  const withRecords = answer.series.filter((/** @type {any} */ s) => s.predictions > 0);
  return { series: withRecords.slice(-12) };
}

/** Targets whose latest alert is firing. @param {{monitor: string, target: string, state: string}[]} alerts */
function openAlerts(alerts) {
  /** @type {Map<string, string>} */
  const state = new Map();
  for (const alert of alerts) state.set(`${alert.monitor}\u0000${alert.target}`, alert.state);
  return [...state.values()].filter(s => s === 'firing').length;
}
