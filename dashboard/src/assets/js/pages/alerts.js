/** Alerts: the history newest first, and every new alert from the live stream on top without a reload. */
import { h, show, message } from '../dom.js';
import { getJson, path, streamEvents } from '../api.js';
import { query, link } from '../context.js';
import { num } from '../format.js';

export async function render() {
  const model = query().get('model') ?? undefined;
  const history = await getJson(path('/v1/alerts', { model }));
  const list = h('div', { id: 'alert-list' });
  const status = h('p', { class: 'note', id: 'alert-status' }, 'Listening for new alerts…');
  const empty = message('No alert yet. New ones appear here as they fire.');
  show(h('h1', {}, model ? `Alerts of ${model}` : 'Alerts'), status, history.alerts.length === 0 ? empty : null, list);
  /** @type {Set<number>} */
  const seen = new Set();
  const add = (/** @type {any} */ alert) => {
    if (seen.has(alert.sequence)) return;
    seen.add(alert.sequence);
    empty.remove();
    list.prepend(card(alert));
  };
  history.alerts.forEach(add);
  const after = history.alerts.at(-1)?.sequence;
  const controller = new AbortController();
  window.addEventListener('pagehide', () => controller.abort());
  streamEvents(path('/v1/alerts/stream', { model, after }), event => {
    if (event.event === 'alert') add(JSON.parse(event.data));
  }, controller.signal, error => { status.textContent = `The live stream stopped: ${error instanceof Error ? error.message : String(error)}; retrying.`; });
}

/** One alert, linked to the page that explains it. */
function card(/** @type {any} */ alert) {
  const window = alert.window ?? {};
  const common = { model: alert.modelId, baseline: alert.baseline ?? undefined, from: window.from, to: window.to };
  const explain = alert.kind === 'drift' || alert.kind === 'dataQuality'
    ? (alert.target === 'prediction' ? link('overview', common) : link('feature', { ...common, feature: alert.target }))
    : alert.kind === 'worstSlices' ? link('slices', common) : link('root-cause', common);
  const causes = (alert.causes ?? []).map((/** @type {any} */ c) => c.feature).join(', ');
  return h('article', { class: `alert ${alert.state}`, 'data-sequence': alert.sequence },
    h('strong', {}, `${alert.state} · ${alert.modelId} · ${alert.monitor}`), ' ',
    h('span', {}, `${alert.target}: ${alert.measure} ${num(alert.value)} ${alert.direction === 'below' ? 'below' : 'above'} ${num(alert.threshold)} over ${window.from ?? '?'} to ${window.to ?? '?'} (${alert.count} values) at ${alert.at}`),
    causes ? h('div', { class: 'note' }, `leading causes: ${causes}`) : null,
    h('div', {}, h('a', { href: explain }, 'explain')));
}
