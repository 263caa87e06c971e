import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { TOKEN_INFO_PATH, UPDATE_PATH } from '../api/client.js';
import { ANSWERS, SUCCESS_MESSAGE, sendHtml, sendJson, type JsonAnswer } from './answers.js';
import { checkUpdate, tokenInfoAnswer } from './checks.js';
import { Ledger, type LedgerEntry } from './ledger.js';
import { drip, echoInTitle, echoToken } from './misbehaviour.js';
import { resolveMockOptions, type MockServerOptions, type ResolvedMockOptions } from './options.js';
import { drawFor } from './random.js';
import { newStats, type MockStats, type RefusalKind } from './stats.js';

export type { MockStats, RefusalKind } from './stats.js';

export interface MockServer {
  readonly url: string;
  readonly port: number;
  readonly ledger: readonly LedgerEntry[];
  readonly stats: Readonly<MockStats>;
  /** Quota units used today by a token. */
  usedToday(token?: string): number;
  /** Simulates the daily restart of the quota count. */
  resetQuota(): void;
  close(): Promise<void>;
}

/** Starts a `node:http` server that behaves like the wolkvox CRM API, limits and faults included. */
export async function startMockServer(options: MockServerOptions = {}): Promise<MockServer> {
  const config = resolveMockOptions(options);
  const ledger = new Ledger(config.ledgerFile);
  const stats = newStats();
  const used = new Map<string, number>(config.tokens.map((token) => [token, config.usedToday]));
  const inFlight = new Map<string, number>();
  const recent = new Map<string, number[]>();
  // Answers that never come or come slowly: closing the server must not wait for them.
  const hung = new Set<ServerResponse>();
  let updateIndex = 0;
  let countStarted = Date.now();
  const restartCountIfDue = () => {
    if (config.quotaResetMs === undefined || Date.now() - countStarted < config.quotaResetMs) return;
    countStarted = Date.now();
    for (const key of used.keys()) used.set(key, 0);
  };
  const hoursToReset = () =>
    config.quotaResetMs === undefined ? config.hoursToReset : Math.max(0, config.quotaResetMs - (Date.now() - countStarted)) / 3_600_000;

  // The caller's token, for a server set to echo it in its errors.
  const sent = (request: IncomingMessage) => {
    const token = request.headers['wolkvox-token'];
    return typeof token === 'string' ? token : '';
  };
  const reply = (response: ServerResponse, kind: RefusalKind | undefined, answer: JsonAnswer) => {
    if (kind) stats.refused[kind] += 1;
    sendJson(response, config.echoToken ? echoToken(answer, sent(response.req), stats.calls) : answer, config);
  };
  const page = (response: ServerResponse, status: number, title: string) =>
    sendHtml(response, status, config.echoToken ? echoInTitle(title, sent(response.req)) : title);

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    stats.calls += 1;
    const url = new URL(request.url ?? '/', 'http://mock');
    const isUpdate = request.method === 'POST' && url.pathname === UPDATE_PATH;
    const isTokenInfo = url.pathname === TOKEN_INFO_PATH && (config.tokenInfoMethod === 'any' || request.method === config.tokenInfoMethod);
    if (!isUpdate && !isTokenInfo) return reply(response, 'route', ANSWERS.noRoute);

    const token = sent(request);
    if (token === '') return reply(response, 'noToken', ANSWERS.noToken);
    if (!used.has(token)) return reply(response, 'badToken', ANSWERS.badToken);
    restartCountIfDue();
    // Every call with a valid token spends a unit, even one refused below: the real CRM may count them.
    // By default the information call still answers when the quota is spent (that is when it is needed;
    // the real CRM's behaviour here is not published), without counting past the limit.
    const spent = (used.get(token) ?? 0) >= config.quota;
    if (spent && (!isTokenInfo || config.tokenInfoWhenSpent === 'refuse')) return reply(response, 'quota', ANSWERS.quota);
    if (!spent) used.set(token, (used.get(token) ?? 0) + 1);

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

    if (isTokenInfo) {
      stats.tokenInfoCalls += 1;
      await pause(config, stats.calls);
      if (!url.searchParams.get('operation')) return reply(response, 'parameters', ANSWERS.missingParameters);
      return sendJson(response, tokenInfoAnswer(config, used.get(token) ?? 0, hoursToReset()), config);
    }
    stats.updateCalls += 1;
    // This call's number, taken before any await: calls in flight together must not share a draw.
    updateIndex += 1;
    const index = updateIndex;
    const body = await readBody(request);
    const window = config.faults.maintenance;
    if (window && index > window.after && index <= window.after + window.calls) {
      stats.refused.maintenance += 1;
      return page(response, 403, 'Forbidden');
    }
    await pause(config, index);
    if (response.destroyed) return;
    return applyUpdate(request, response, body, index);
  };

  const applyUpdate = (request: IncomingMessage, response: ServerResponse, body: string, index: number) => {
    const fault = pickFault(config, index);
    if (fault === 'serverError') {
      stats.refused.serverError += 1;
      const status = [502, 503, 504][index % 3] as number;
      return page(response, status, status === 502 ? 'Bad Gateway' : status === 503 ? 'Service Unavailable' : 'Gateway Time-out');
    }
    if (fault === 'reset') {
      stats.refused.reset += 1;
      request.socket.destroy();
      return;
    }
    if (fault === 'bodyError') return reply(response, 'bodyError', ANSWERS.bodyError);

    const checked = checkUpdate(config, body);
    if ('refusal' in checked) return reply(response, checked.refusal, checked.answer);
    ledger.record(checked.entry);
    stats.applied += 1;
    if (fault === 'hang') {
      // Applied, but the answer never comes: the client has to time out and decide.
      stats.appliedUnanswered += 1;
      hung.add(response);
      return;
    }
    if (fault === 'badJson') {
      stats.appliedUnanswered += 1;
      response.writeHead(200, { 'Content-Type': 'application/json' });
      response.end('<br />\n<b>Warning</b>:  Undefined index: fields in <b>/var/www/update.php</b><br />\n{"code":200,');
      return;
    }
    const success: JsonAnswer = { status: 200, error: 'null', msg: SUCCESS_MESSAGE, data: { wolkvox_id: checked.entry.id } };
    if (fault === 'drip') {
      stats.dripped += 1;
      hung.add(response);
      return drip(response, JSON.stringify({ code: 200, error: 'null', msg: success.msg, data: success.data }), config.dripMs, config.dripEveryMs);
    }
    sendJson(response, success, config);
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
    usedToday: (token = config.tokens[0] ?? '') => used.get(token) ?? 0,
    resetQuota: () => {
      countStarted = Date.now();
      for (const token of used.keys()) used.set(token, 0);
    },
    close: async () => {
      for (const response of hung) response.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      ledger.close();
    },
  };
}

function pickFault(config: ResolvedMockOptions, index: number) {
  const draw = drawFor(config.seed, index, 1);
  let edge = 0;
  for (const kind of ['serverError', 'reset', 'bodyError', 'badJson', 'hang', 'drip'] as const) {
    edge += config.faults[kind];
    if (draw < edge) return kind;
  }
  return undefined;
}

function pause(config: ResolvedMockOptions, index: number): Promise<void> | undefined {
  const jitter = config.jitterMs === 0 ? 0 : (drawFor(config.seed, index, 2) * 2 - 1) * config.jitterMs;
  const ms = Math.max(0, config.latencyMs + jitter);
  return ms > 0 ? sleep(ms) : undefined;
}

// Sliding one-second window per token.
function admitRate(recent: Map<string, number[]>, token: string, limit: number): boolean {
  const now = performance.now();
  const times = (recent.get(token) ?? []).filter((time) => now - time < 1000);
  recent.set(token, times);
  if (times.length >= limit) return false;
  times.push(now);
  return true;
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
