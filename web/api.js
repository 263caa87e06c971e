/** An error answer of the page server: the library's code, its English, its words in each language, its details. */
export class ApiError extends Error {
  constructor(status, error) {
    super(error.message ?? `HTTP ${status}`);
    this.status = status;
    this.code = error.code ?? 'HTTP';
    this.words = error.words;
    this.details = error.details;
  }
}

/** One call to the page server; the session cookie goes with it (same origin), nothing else is needed. */
export async function api(path, { method = 'GET', json, body, headers = {} } = {}) {
  const init = { method, headers: { ...headers }, credentials: 'same-origin' };
  if (json !== undefined) {
    init.body = JSON.stringify(json);
    init.headers['Content-Type'] = 'application/json';
  } else if (body !== undefined) init.body = body;
  const response = await fetch(path, init);
  const type = response.headers.get('content-type') ?? '';
  const value = type.includes('application/json') ? await response.json() : { error: { code: 'HTTP', message: await response.text() } };
  if (!response.ok) throw new ApiError(response.status, value.error ?? {});
  return value;
}

export const runPath = (run, rest = '') => `/api/runs/${encodeURIComponent(run)}${rest}`;
export const uploadPath = (upload, rest = '') => `/api/uploads/${encodeURIComponent(upload)}${rest}`;

/** Uploads a picked or dropped file as the raw body: the server streams it into a new upload folder. */
export const upload = (file) =>
  api(`/api/files?name=${encodeURIComponent(file.name)}`, { method: 'POST', body: file, headers: { 'Content-Type': 'application/octet-stream' } });
