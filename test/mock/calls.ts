// Calls to the simulated CRM over real HTTP, as a client would make them.
import { PATHS, type Route } from '../../src/mock/routes.js';
import { TOKEN } from '../helpers.js';

export interface Answer {
  readonly status: number;
  readonly type: string;
  readonly text: string;
  /** The body parsed, or undefined when it is not JSON. */
  readonly json: any;
}

/** POSTs a JSON body to one of the simulated CRM's endpoints and reads the whole answer. */
export async function call(url: string, route: Route, body: unknown, options: { token?: string; signal?: AbortSignal } = {}): Promise<Answer> {
  const response = await fetch(`${url}${PATHS[route]}`, {
    method: 'POST',
    headers: { 'Wolkvox-Token': options.token ?? TOKEN, 'Content-Type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, type: response.headers.get('content-type') ?? '', text, json };
}

/** An updateMany.php body for these records. */
export const many = (records: readonly Record<string, unknown>[], module = 'contacts') => ({ operation: 'op', module, fields: records });

/** Records `{ 'wolkvox-id': id, Nombre: 'n-id' }` for each id. */
export const named = (...ids: string[]) => ids.map((id) => ({ 'wolkvox-id': id, Nombre: `n-${id}` }));

