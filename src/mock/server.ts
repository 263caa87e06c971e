import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ANSWERS, answerText, sendHtml, sendJson, type JsonAnswer } from './answers.js';
import { createCallLog, type LoggedCall } from './call-log.js';
import { tokenInfoAnswer } from './checks.js';
import { updateOne, type Endpoint, type EndpointContext, type Outcome } from './endpoint.js';
import { brokenBody, pause, pickFault } from './faults.js';
import { Ledger, type LedgerEntry } from './ledger.js';
import { drip, echoInTitle, echoToken, withText } from './misbehaviour.js';
import { resolveMockOptions, type MockServerOptions } from './options.js';
import { query, queryDates } from './reads.js';
import { RecordStore, type MockRecord } from './record-store.js';
import { PATHS, routeOf, type DataRoute } from './routes.js';
import { newStats, type MockStats, type RefusalKind } from './stats.js';
import { admitRate, QuotaCount } from './token-limits.js';
import { updateMany } from './update-many.js';

export type { MockStats, RefusalKind } from './stats.js';
export type { LoggedCall } from './call-log.js';

export interface MockServer {
  readonly url: string;
  readonly port: number;
  readonly ledger: readonly LedgerEntry[];
  readonly stats: Readonly<MockStats>;
  /** Every request received, in arrival order, with its time and what it was refused as. */
  readonly callLog: readonly Readonly<LoggedCall>[];
  /** Quota units used today by a token. */
  usedToday(token?: string): number;
  /** Simulates the daily restart of the quota count. */
  resetQuota(): void;
  /**
   * Simulates another integration on the same token (a web form posting leads) spending `units` of its
   * quota: false, spending nothing, when fewer are left.
   */
  spendQuota(units: number, token?: string): boolean;
  /**
   * A copy of a module's stored records as they are now, in seeded order: `moduleRecords[module]`, or
   * `records` for a module without its own (and without `module`); empty when none are kept.
   */
  records(module?: string): MockRecord[];
  close(): Promise<void>;
}

type CallCounter = 'updateCalls' | 'updateManyCalls' | 'queryCalls' | 'queryDatesCalls';

const ENDPOINTS: Record<DataRoute, { readonly handle: Endpoint; readonly counter: CallCounter }> = {
  update: { handle: updateOne, counter: 'updateCalls' },
  updateMany: { handle: updateMany, counter: 'updateManyCalls' },
  query: { handle: query, counter: 'queryCalls' },
  queryDates: { handle: queryDates, counter: 'queryDatesCalls' },
};

/** Starts a `node:http` server that behaves like the wolkvox CRM API, limits and faults included. */
export async function startMockServer(options: MockServerOptions = {}): Promise<MockServer> {
  const config = resolveMockOptions(options);
  const shared = config.records ? new RecordStore(config.records) : undefined;
  const ownStores = new Map(Object.entries(config.moduleRecords ?? {}).map(([module, records]) => [module, new RecordStore(records, `moduleRecords.${module}`)]));
  // A module with records of its own reads and changes those; every other module the shared ones.
  const storeOf = (module: string | undefined) => (module !== undefined && ownStores.get(module)) || shared;
  const ledger = new Ledger(config.ledgerFile);
  const stats = newStats();
  const log = createCallLog();
  // A refusal counted in the stats and marked on the call's line of the log.
  const refuse = (response: ServerResponse, kind: RefusalKind) => {
    stats.refused[kind] += 1;
    log.refused(response, kind);
  };
  const quota = new QuotaCount(config);
  const inFlight = new Map<string, number>();
  const recent = new Map<string, number[]>();
  // Answers that never come or come slowly: closing the server must not wait for them.
  const hung = new Set<ServerResponse>();
  let callIndex = 0;

  // The caller's token, for a server set to echo it in its errors.
  const sent = (request: IncomingMessage) => {
    const token = request.headers['wolkvox-token'];
    return typeof token === 'string' ? token : '';
  };
  const reply = (response: ServerResponse, kind: RefusalKind | undefined, answer: JsonAnswer) => {
    if (kind) refuse(response, kind);
    sendJson(response, withText(config.echoToken ? echoToken(answer, sent(response.req), stats.calls) : answer, config.errorText), config);
  };
  const page = (response: ServerResponse, status: number, title: string) =>
    sendHtml(response, status, `${config.echoToken ? echoInTitle(title, sent(response.req)) : title}${config.errorText}`);

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    stats.calls += 1;
    const url = new URL(request.url ?? '/', 'http://mock');
    log.arrived(response, url.pathname);
    const route = routeOf(request.method, url.pathname, config);
    if (!route) return reply(response, 'route', ANSWERS.noRoute);

    const token = sent(request);
    if (token === '') return reply(response, 'noToken', ANSWERS.noToken);
    if (!quota.knows(token)) return reply(response, 'badToken', ANSWERS.badToken);
    // Every call with a valid token spends a unit, even one refused below: the real CRM may count them.
    // By default the information call still answers when the quota is spent (that is when it is needed;
    // the real CRM's behaviour here is not published), without counting past the limit.
    const spent = !quota.spend(token, 1);
    if (spent && (route !== 'tokenInfo' || config.tokenInfoWhenSpent === 'refuse')) return reply(response, 'quota', ANSWERS.quota);

    const now = inFlight.get(token) ?? 0;
    inFlight.set(token, now + 1);
    stats.inFlight += 1;
    stats.maxInFlight = Math.max(stats.maxInFlight, stats.inFlight);
    response.once('close', () => {
      inFlight.set(token, (inFlight.get(token) ?? 1) - 1);
      stats.inFlight -= 1;
      hung.delete(response);
    });
    if (now + 1 > config.concurrencyLimit) return reply(response, 'concurrency', ANSWERS.concurrency(config.concurrencyLimit));
    if (config.rateLimit !== undefined && !admitRate(recent, token, config.rateLimit)) return reply(response, 'rate', ANSWERS.rate);

    if (route === 'tokenInfo') {
      stats.tokenInfoCalls += 1;
      await pause(config, stats.calls);
      if (!url.searchParams.get('operation')) return reply(response, 'parameters', ANSWERS.missingParameters);
      return sendJson(response, tokenInfoAnswer(config, quota.used(token), quota.hoursToReset()), config);
    }
    const endpoint = ENDPOINTS[route];
    stats[endpoint.counter] += 1;
    // This call's number, taken before any await: calls in flight together must not share a draw.
    callIndex += 1;
    const call = callIndex;
    const body = await readBody(request);
    const window = config.faults.maintenance;
    if (window && call > window.after && call <= window.after + window.calls) {
      refuse(response, 'maintenance');
      return page(response, 403, 'Forbidden');
    }
    await pause(config, call);
    if (response.destroyed) return;
    const context: EndpointContext = { config, storeOf, ledger, stats, call, spend: (units) => quota.spend(token, units) };
    return answerCall(request, response, route, () => endpoint.handle(context, body), call);
  };

  // Faults that strike before the endpoint runs apply nothing; the others strike after it applied.
  const answerCall = (request: IncomingMessage, response: ServerResponse, route: DataRoute, run: () => Outcome, call: number) => {
    const fault = pickFault(config, call);
    if (fault === 'serverError') {
      refuse(response, 'serverError');
      const status = [502, 503, 504][call % 3] as number;
      return page(response, status, status === 502 ? 'Bad Gateway' : status === 503 ? 'Service Unavailable' : 'Gateway Time-out');
    }
    if (fault === 'requestTimeout') {
      refuse(response, 'requestTimeout');
      return page(response, 408, 'Request Timeout');
    }
    if (fault === 'reset') {
      refuse(response, 'reset');
      request.socket.destroy();
      return;
    }
    if (fault === 'bodyError') return reply(response, 'bodyError', ANSWERS.bodyError);

    const outcome = run();
    if (outcome.kind === 'refused') return reply(response, outcome.refusal, outcome.answer);
    if (outcome.kind === 'page') {
      refuse(response, outcome.refusal);
      return page(response, outcome.status, outcome.title);
    }
    if (outcome.kind === 'stall' || fault === 'hang') {
      // Never answered (for a hang, after applying): the client has to time out and decide.
      if (outcome.kind === 'ok') stats.appliedUnanswered += outcome.applied;
      hung.add(response);
      return;
    }
    if (fault === 'badJson') {
      stats.appliedUnanswered += outcome.applied;
      response.writeHead(200, { 'Content-Type': 'application/json' });
      response.end(brokenBody(PATHS[route].split('/').at(-1) ?? ''));
      return;
    }
    if (fault === 'drip') {
      stats.dripped += 1;
      hung.add(response);
      return drip(response, answerText(outcome.answer, config), config.dripMs, config.dripEveryMs);
    }
    sendJson(response, outcome.answer, config);
  };

  const server = http.createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) sendHtml(response, 500, `Internal Server Error: ${String(error)}`);
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, resolve);
  });
  const { port } = server.address() as AddressInfo;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;

  return {
    url: `http://${host}:${port}`,
    port,
    ledger: ledger.entries,
    stats,
    callLog: log.calls,
    usedToday: (token = config.tokens[0] ?? '') => quota.used(token),
    resetQuota: () => quota.restart(),
    spendQuota: (units, token = config.tokens[0] ?? '') => quota.spend(token, units),
    records: (module) => storeOf(module)?.snapshot() ?? [],
    close: async () => {
      for (const response of hung) response.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      ledger.close();
    },
  };
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
