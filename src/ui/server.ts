import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readQuota, TokenStore } from './connection.js';
import type { Route, UiContext } from './context.js';
import { HttpError, sendError, sendText } from './http.js';
import { createJobRunner } from './jobs.js';
import { createRunFolders } from './run-folders.js';
import { fieldRoutes } from './routes-fields.js';
import { inputRoutes } from './routes-input.js';
import { jobRoutes } from './routes-job.js';
import { runRoutes } from './routes-runs.js';
import { createGate, type Gate } from './security.js';
import { loadAssets, sendAsset } from './static.js';

export interface UiServerOptions {
  /** @default 0 (a free port) */
  readonly port?: number;
  /** Where run folders go, the CLI's default included. @default 'wolkvox-runs' */
  readonly runsRoot?: string;
  /** A token known at start (WOLKVOX_TOKEN or --token-file); the page can enter another one. */
  readonly token?: { readonly token: string; readonly source: 'environment' | 'file' };
  /** A CRM host known at start (WOLKVOX_SERVER), offered in the page. */
  readonly server?: string;
  /** Level of each run's log.ndjson. @default 'info' */
  readonly logLevel?: string;
}

export interface UiServer {
  /** The address to open: it holds this session's key. */
  readonly url: string;
  /** `http://127.0.0.1:PORT`, the only Host it answers to. */
  readonly origin: string;
  readonly port: number;
  /** Whether a job is running (the CLI says so when asked to quit). */
  readonly busy: boolean;
  /** Stops a running job cleanly (its reports are written), then closes the server. */
  close(): Promise<void>;
}

const ROUTES: readonly Route[] = [...inputRoutes, ...fieldRoutes, ...jobRoutes, ...runRoutes];

function decodeParam(param: string): string {
  try {
    return decodeURIComponent(param);
  } catch {
    throw new HttpError(400, 'Malformed address.');
  }
}

/** Starts the local page: a `node:http` server on 127.0.0.1 that is the skin of the library, like the CLI. */
export async function startUiServer(options: UiServerOptions = {}): Promise<UiServer> {
  const assets = loadAssets();
  const tokens = new TokenStore(options.token);
  const jobs = createJobRunner(options.logLevel, (plan) => readQuota(plan.server ?? '', tokens.require(), plan.operation));
  const context: UiContext = {
    folders: createRunFolders(options.runsRoot ?? 'wolkvox-runs'),
    tokens,
    jobs,
    fieldNames: new Map(),
    ...(options.server === undefined ? {} : { server: options.server }),
  };
  let gate: Gate | undefined;

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    if (!gate) return sendText(response, 503, 'Starting: try again in a moment.');
    if (!gate.admit(request, response)) return;
    const url = new URL(request.url ?? '/', gate.origin);
    const asset = request.method === 'GET' ? assets.find(url.pathname) : undefined;
    if (asset) {
      // The key opens a session: the page comes with the cookie, and drops the key from its address.
      return sendAsset(response, asset, assets.csp, url.pathname === '/' && gate.hasKey(request) ? { 'Set-Cookie': gate.sessionCookie } : {});
    }
    for (const route of ROUTES) {
      const match = route.method === request.method ? route.path.exec(url.pathname) : null;
      if (match) return await route.handler(context, request, response, match.slice(1).map(decodeParam), url);
    }
    sendText(response, 404, 'Not found.');
  };

  const server = http.createServer((request, response) => {
    handle(request, response).catch((error: unknown) => sendError(response, error));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    // Loopback only: the page holds a CRM token and customer data.
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  gate = createGate(port);
  const opened = gate;

  return {
    url: opened.url,
    origin: opened.origin,
    port,
    get busy() {
      return jobs.isRunning();
    },
    async close() {
      await jobs.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
