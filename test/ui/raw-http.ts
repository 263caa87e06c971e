import http from 'node:http';

export interface RawAnswer {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: string;
}

/**
 * One request with every header under the test's control (fetch would set Host and Origin itself), as
 * a rebound DNS name, another web page or another local program would send it.
 */
export function raw(port: number, options: { method?: string; path?: string; headers?: Record<string, string>; body?: string; address?: string }): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      { host: options.address ?? '127.0.0.1', port, method: options.method ?? 'GET', path: options.path ?? '/', headers: { Host: `127.0.0.1:${port}`, ...options.headers } },
      (response) => {
        let body = '';
        response.on('data', (chunk: Buffer) => (body += chunk.toString()));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }));
      },
    );
    request.on('error', reject);
    request.end(options.body);
  });
}

/** The session cookie, as a browser gets it by opening the printed address. */
export async function sessionCookie(url: string): Promise<{ cookie: string; setCookie: string }> {
  const { port, pathname, search } = new URL(url);
  const answer = await raw(Number(port), { path: `${pathname}${search}` });
  const setCookie = answer.headers['set-cookie']?.[0] ?? '';
  return { cookie: setCookie.split(';')[0] ?? '', setCookie };
}

/** Everything an SSE stream sends until `stop()`. */
export function listen(port: number, path: string, cookie: string): { text(): string; stop(): void } {
  let text = '';
  const request = http.get({ host: '127.0.0.1', port, path, headers: { Host: `127.0.0.1:${port}`, Cookie: cookie } }, (response) => {
    response.on('data', (chunk: Buffer) => (text += chunk.toString()));
  });
  request.on('error', () => undefined);
  return { text: () => text, stop: () => request.destroy() };
}
