// Calls to the hub's HTTP API, with the key of this browser tab. The key lives in sessionStorage only: never in
// localStorage, a cookie or the URL.

const KEY = 'refundhub.console.key';
// The console is served at /console/: the API is the hub's root, one level up (so a proxy prefix still works).
const HUB = new URL('../', document.baseURI);

export const session = {
  key: () => sessionStorage.getItem(KEY),
  keep: (key) => sessionStorage.setItem(KEY, key),
  forget: () => sessionStorage.removeItem(KEY),
};

/** An answer other than 2xx, or no answer (status 0). */
export class HubError extends Error {
  constructor(status, problem, message) {
    super(message);
    this.status = status;
    this.problem = problem;
  }
}

let refused = () => {};

/** What to do when the hub refuses the key (401): the console logs out. */
export function onRefusedKey(handler) {
  refused = handler;
}

/** Calls the hub; resolves with the JSON answer, rejects with a HubError. */
export async function call(method, path, body) {
  const headers = { Accept: 'application/json' };
  const key = session.key();
  if (key) {
    headers.Authorization = 'Bearer ' + key;
  }
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  let response;
  try {
    response = await fetch(new URL(path, HUB), {
      method, headers, body: body === undefined ? undefined : JSON.stringify(body),
      cache: 'no-store', credentials: 'omit', redirect: 'error',
    });
  } catch (e) {
    throw new HubError(0, null, 'The hub did not answer (' + e.message + ').');
  }
  const text = await response.text();
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch (e) {
    json = null;
  }
  if (!response.ok) {
    const error = new HubError(response.status, json, (json && json.detail) || response.statusText || 'failed');
    if (response.status === 401) {
      refused(error);
    }
    throw error;
  }
  return json;
}

export const get = (path, params) => call('GET', params ? path + '?' + new URLSearchParams(params) : path);
export const post = (path, body) => call('POST', path, body);
/** A path segment from data (a refund id), encoded. */
export const segment = (value) => encodeURIComponent(value);
