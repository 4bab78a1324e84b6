/**
 * The dashboard's router: the path names the page, the query string what it shows. Each page module exports
 * `render()`; whatever goes wrong is said in the page, never left as a blank screen.
 */
import { h, show, message } from './dom.js';
import { query, link } from './context.js';
import { ApiError } from './api.js';

/** @type {Record<string, {title: string, load: () => Promise<{render: () => Promise<void>}>}>} */
const pages = {
  '': { title: 'Models', load: () => import('./pages/models.js') },
  overview: { title: 'Overview', load: () => import('./pages/overview.js') },
  feature: { title: 'Feature', load: () => import('./pages/feature.js') },
  slices: { title: 'Slices', load: () => import('./pages/slices.js') },
  'root-cause': { title: 'Root cause', load: () => import('./pages/root-cause.js') },
  compare: { title: 'Compare', load: () => import('./pages/compare.js') },
  alerts: { title: 'Alerts', load: () => import('./pages/alerts.js') },
};

/** The navigation, carrying the model and window to every page. */
function navigation(/** @type {string} */ current) {
  const q = query();
  const keep = Object.fromEntries(['model', 'version', 'environment', 'baseline', 'from', 'to'].map(n => [n, q.get(n)]));
  const nav = /** @type {HTMLElement} */ (document.getElementById('nav'));
  nav.replaceChildren(...Object.entries(pages)
    .filter(([name]) => name === '' || name === 'alerts' || keep.model)
    .filter(([name]) => name !== 'feature')
    .map(([name, page]) => h('a', { href: name === '' ? '/' : link(name, name === 'alerts' ? { model: keep.model } : keep), 'aria-current': name === current ? 'page' : undefined }, page.title)));
}

/** Says in the page why it could not be shown. */
export function failed(/** @type {unknown} */ error) {
  if (error instanceof ApiError) {
    const text = error.status === 404 && error.field === 'modelId' ? `No model named "${query().get('model')}": ${error.message}`
      : error.status === 401 ? 'The server refused the API key (401): reload the page to enter another.'
        : error.status === 403 ? `The API key may not read this (403): ${error.message}`
          : `The server answered ${error.status}: ${error.message}`;
    return message(text);
  }
  return message(`Something went wrong in the page: ${error instanceof Error ? error.message : String(error)}`);
}

async function start() {
  const name = location.pathname.replace(/^\/+|\/+$/g, '');
  const page = pages[name];
  navigation(name);
  if (!page) {
    show(message(`There is no page "${name}".`));
    return;
  }
  document.title = `${page.title} · OrleansEval`;
  try {
    await (await page.load()).render();
  } catch (error) {
    show(h('h1', {}, page.title), failed(error));
  }
  document.body.dataset.ready = 'true';
}

start();
