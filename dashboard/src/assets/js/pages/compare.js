/** Compare: versions of a model on the same predictions, slice by slice, with the test of each and the advice. */
import { h, show, message, table } from '../dom.js';
import { getJson, path, segment, ApiError } from '../api.js';
import { resolve } from '../context.js';
import { num, signed, count } from '../format.js';
import { recent } from './slices.js';

export async function render() {
  const context = await resolve();
  const { modelId, model, baseline, to } = context;
  const from = recent(context.from, to);
  const pairs = [...new Set(model.series.map(s => `${s.version}@${s.environment}`))];
  const versions = context.query.get('versions') ?? (model.versions.length > 1 ? pairs.filter(p => !p.endsWith('@training')).join(',') : '');
  const title = h('h1', {}, `Compare versions of ${modelId}`);
  if (!versions || versions.split(',').length < 2) {
    show(title, message(`This model has ${model.versions.length} version${model.versions.length === 1 ? '' : 's'} (${model.versions.join(', ')}): a comparison needs two, named in the address as &versions=v1,v2@shadow.`));
    return;
  }
  const answer = await getJson(path(`/v1/models/${segment(modelId)}/compare`, { versions, from, to, baseline })).catch(error => error);
  if (answer instanceof ApiError) {
    show(title, message(answer.status === 404 && answer.field !== 'modelId' ? 'This server has no comparison endpoint yet.' : `The comparison answered ${answer.status}: ${answer.message}`));
    return;
  }
  const names = /** @type {string[]} */ (answer.versions);
  if (answer.paired === 0) {
    show(title, message(`No paired labelled predictions in ${from} to ${to}: the comparison needs predictions that every version scored and that have an actual (POST …/actuals). ${answer.reason ?? ''}`.trim()));
    return;
  }
  show(title,
    h('p', { class: 'context' }, `${answer.metric} on ${count(answer.paired)} paired predictions · ${from} to ${to}`),
    answer.recommendation ? h('p', { id: 'compare-advice' }, h('strong', {}, `Promote ${answer.recommendation.promote}. `), answer.recommendation.because) : message(answer.reason ?? 'No recommendation.'),
    table(['slice', 'kind', 'rows', ...names, 'best change', 'q', 'winner'], answer.slices.map((/** @type {any} */ s) => {
      const best = [...s.tests].sort((a, b) => a.qValue - b.qValue)[0];
      return h('tr', {}, h('td', {}, s.slice), h('td', {}, s.kind), h('td', { class: 'num' }, count(s.n)), names.map(n => h('td', { class: 'num' }, num(s.values[n]))),
        h('td', { class: 'num' }, signed(best?.delta ?? null)), h('td', { class: 'num' }, num(best?.qValue ?? null)), h('td', {}, s.winner ?? '–'));
    }), ['rows', ...names, 'best change', 'q']));
}
