// The page's only way to the server: JSON over fetch with the pasted key as a bearer token.

const keyStorageName = 'matscout.apiKey';

export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

/** The key lives only in this tab's session storage, so closing the tab forgets it. */
export function storedKey() {
  return sessionStorage.getItem(keyStorageName) ?? '';
}

export function storeKey(key) {
  sessionStorage.setItem(keyStorageName, key);
}

export function forgetKey() {
  sessionStorage.removeItem(keyStorageName);
}

// Set by the page's wiring: this module must not import the session, which imports it.
let unauthorizedHandler = () => {};

/** Runs the handler whenever the server rejects the key (401), before the call's promise rejects. */
export function onUnauthorized(handler) {
  unauthorizedHandler = handler;
}

export async function api(path, options = {}) {
  const headers = { Accept: 'application/json', Authorization: `Bearer ${storedKey()}` };
  let body;
  if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  let response;
  try {
    response = await fetch(path, { method: options.method ?? 'GET', headers, body, cache: 'no-store' });
  } catch {
    throw new ApiError(0, 'NETWORK', 'The server cannot be reached. Check that matscout serve is running.');
  }
  const payload = await response.json().catch(() => undefined);
  if (!response.ok) {
    const error = payload?.error ?? {};
    const failure = new ApiError(
      response.status,
      error.code ?? 'HTTP',
      error.message ?? `HTTP ${response.status}`,
    );
    if (response.status === 401) unauthorizedHandler();
    throw failure;
  }
  return payload;
}

export function hasStatus(error, status) {
  return error instanceof ApiError && error.status === status;
}

/** The reason to show for a failed call; 401 is handled by signing out. */
export function describe(error) {
  if (error instanceof ApiError) {
    if (error.status === 401) return 'Please sign in again.';
    if (error.status === 429) return `Too many requests: ${error.message}`;
    return error.message;
  }
  return String(error?.message ?? error);
}
