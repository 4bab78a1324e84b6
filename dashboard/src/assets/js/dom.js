/**
 * Building the page from data without ever parsing it as HTML: every value, from the API or the address, becomes a
 * text node, so a category named `<img src=x onerror=…>` shows as those characters.
 */

/**
 * @typedef {string | number | Node | null | undefined | false} Child
 * @param {string} tag
 * @param {Record<string, string | number | boolean | ((event: Event) => void) | undefined>} [attributes]
 * @param {...(Child | Child[])} children
 * @returns {HTMLElement}
 */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === false) continue;
    if (typeof value === 'function') element.addEventListener(name.replace(/^on/, ''), value);
    else element.setAttribute(name, String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return element;
}

/** A message in the page instead of a chart or table: why there is nothing to show. */
export function message(/** @type {string} */ text) {
  return h('p', { class: 'message', role: 'status' }, text);
}

/** Replaces the page's content. */
export function show(/** @type {...(Node | null | false)} */ ...nodes) {
  const page = /** @type {HTMLElement} */ (document.getElementById('page'));
  page.replaceChildren(...nodes.filter(node => node instanceof Node));
  return page;
}

/** A table whose header is `columns` and whose rows are already built. */
export function table(/** @type {string[]} */ columns, /** @type {HTMLElement[]} */ rows, /** @type {string[]} */ numeric = []) {
  const head = h('tr', {}, columns.map(c => h('th', { class: numeric.includes(c) ? 'num' : undefined }, c)));
  return h('table', {}, h('thead', {}, head), h('tbody', {}, rows));
}

/** A chart container of the given class. */
export function chartBox(/** @type {string} */ id, className = 'chart') {
  return h('div', { id, class: className, role: 'img' });
}
