/**
 * The v1 API as the pages call it. Open servers need nothing; when one answers 401 the page asks for a key once,
 * keeps it in sessionStorage and sends it as `Authorization: Bearer` on every call, the alert stream included
 * (read with fetch and a stream reader, since EventSource cannot send headers).
 */

const keyName = 'orleanseval.apiKey';
/** @type {Promise<boolean> | null} */
let asking = null;

/** An answer other than 2xx, with the problem's detail when the API sent one. */
export class ApiError extends Error {
  /** @param {number} status @param {string} detail @param {string | undefined} field */
  constructor(status, detail, field) {
    super(detail);
    this.status = status;
    this.field = field;
  }
}

/** @returns {Record<string, string>} */
function authorization() {
  const key = sessionStorage.getItem(keyName);
  return key ? { Authorization: `Bearer ${key}` } : {};
}

/** Asks for a key at most once per page, however many calls were refused together. */
function askForKey() {
  asking ??= Promise.resolve().then(() => {
    const key = window.prompt('This server wants an API key (read scope). Key:');
    if (!key) return false;
    sessionStorage.setItem(keyName, key.trim());
    return true;
  });
  return asking;
}

/**
 * A request with the key, asking for one after the first 401.
 * @param {string} path @param {RequestInit} [init] @returns {Promise<Response>}
 */
async function send(path, init = {}) {
  const request = () => fetch(path, { ...init, headers: { ...authorization(), ...(init.headers ?? {}) } });
  let response = await request();
  if (response.status === 401 && await askForKey()) response = await request();
  if (!response.ok) throw await failure(response);
  return response;
}

/** @param {Response} response @returns {Promise<ApiError>} */
async function failure(response) {
  const text = await response.text();
  try {
    const problem = JSON.parse(text);
    return new ApiError(response.status, problem.detail ?? problem.title ?? `${response.status}`, problem.field);
  } catch {
    return new ApiError(response.status, `${response.status} ${response.statusText}`.trim(), undefined);
  }
}

/** GET a JSON answer. @param {string} path @param {AbortSignal} [signal] @returns {Promise<any>} */
export async function getJson(path, signal) {
  return (await send(path, { signal, headers: { Accept: 'application/json' } })).json();
}

/** GET an NDJSON answer as its lines' objects. @param {string} path @returns {Promise<any[]>} */
export async function getLines(path) {
  const text = await (await send(path)).text();
  return text.split('\n').filter(line => line.trim() !== '').map(line => JSON.parse(line));
}

/** A v1 path with its query string; undefined or empty values are left out. */
export function path(/** @type {string} */ route, /** @type {Record<string, string | number | undefined | null>} */ query = {}) {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') search.append(name, String(value));
  }
  const text = search.toString();
  return text ? `${route}?${text}` : route;
}

/** A path segment: a model, slice or feature name. */
export const segment = (/** @type {string} */ name) => encodeURIComponent(name);

/**
 * Reads a Server-Sent Events stream until `signal` aborts, reconnecting after the last id it saw (a lagged or closed
 * stream loses nothing: the server resumes from its log).
 * @param {string} route @param {(event: {id: string, event: string, data: string}) => void} onEvent
 * @param {AbortSignal} signal @param {(error: unknown) => void} onError
 */
export async function streamEvents(route, onEvent, signal, onError) {
  let lastId = '';
  while (!signal.aborted) {
    try {
      const headers = /** @type {Record<string, string>} */ ({ Accept: 'text/event-stream' });
      if (lastId) headers['Last-Event-ID'] = lastId;
      const response = await send(route, { signal, headers });
      lastId = await readEvents(/** @type {ReadableStream<Uint8Array>} */ (response.body), onEvent, lastId);
    } catch (error) {
      if (signal.aborted) return;
      onError(error);
      if (error instanceof ApiError && error.status < 500) return;
    }
    await new Promise(resolve => setTimeout(resolve, 1000));
  }
}

/** @param {ReadableStream<Uint8Array>} body @param {(event: {id: string, event: string, data: string}) => void} onEvent @param {string} lastId */
async function readEvents(body, onEvent, lastId) {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  let event = { id: lastId, event: 'message', data: '' };
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return event.id;
    buffer += value;
    let end;
    while ((end = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, end).replace(/\r$/, '');
      buffer = buffer.slice(end + 1);
      if (line === '') {
        if (event.data !== '') onEvent(event);
        event = { id: event.id, event: 'message', data: '' };
      } else if (line.startsWith('id:')) event.id = line.slice(3).trim();
      else if (line.startsWith('event:')) event.event = line.slice(6).trim();
      else if (line.startsWith('data:')) event.data += (event.data ? '\n' : '') + line.slice(5).trimStart();
    }
  }
}
