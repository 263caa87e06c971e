import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { mockServer, runCli, TOKEN } from '../helpers.js';
import { csvJob } from '../run/fixtures.js';
import { FRONT_CERT, lateTlsFront } from '../run/late-tls.js';

// A CRM reached through a corporate proxy (HTTPS_PROXY, as curl and axios read it): the calls go through a
// CONNECT tunnel, TLS end to end; NO_PROXY, or no proxy at all, goes straight to the server (Node's own http).

const closers: (() => void)[] = [];
afterEach(() => {
  for (const close of closers.splice(0)) close();
});

/** A forward proxy that only tunnels (CONNECT), as most corporate proxies do for https: what it was asked for. */
async function tunnelingProxy(): Promise<{ url: string; tunnels: string[] }> {
  const tunnels: string[] = [];
  const sockets = new Set<net.Socket>();
  const proxy = http.createServer((_request, response) => response.writeHead(405).end());
  proxy.on('connect', (request: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    tunnels.push(request.url ?? '');
    const [host, port] = (request.url ?? '').split(':');
    const server = net.connect(Number(port), host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length > 0) server.write(head);
      server.pipe(client).pipe(server);
    });
    for (const socket of [client, server]) {
      sockets.add(socket);
      socket.on('error', () => undefined);
      socket.once('close', () => sockets.delete(socket));
    }
    server.on('error', () => client.destroy());
    client.on('error', () => server.destroy());
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  closers.push(() => {
    for (const socket of sockets) socket.destroy();
    proxy.close();
  });
  return { url: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`, tunnels };
}

/** 30 rows sent in 3 calls to the simulated CRM's TLS front, HTTPS_PROXY naming a tunnelling proxy, with this NO_PROXY. */
async function sendBehindProxy(noProxy: string) {
  const crm = await mockServer();
  const front = await lateTlsFront(crm.port, { late: 0, holdMs: 0 });
  const proxy = await tunnelingProxy();
  const job = csvJob(30);
  const env = { WOLKVOX_TOKEN: TOKEN, WOLKVOX_SERVER: front.url, NODE_EXTRA_CA_CERTS: FRONT_CERT, HTTPS_PROXY: proxy.url, NO_PROXY: noProxy };
  const result = await runCli(['update', job.file, '-m', job.mapping, '--out', job.out, '--batch', '10', '--yes', '--json', '--quiet'], { env });
  return { crm, front, proxy, result };
}

describe('a CRM behind a proxy named in the environment', () => {
  it('HTTPS_PROXY: every call goes through its CONNECT tunnel to the server, and the job is done', async () => {
    const { crm, front, proxy, result } = await sendBehindProxy('');
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ counts: { updated: 30 }, calls: 3 });
    expect(crm.ledger).toHaveLength(30);
    // Tunnels to the server's host and port only (keep-alive: one or two, never one a call).
    expect(proxy.tunnels.length).toBeGreaterThan(0);
    expect(new Set(proxy.tunnels)).toEqual(new Set([new URL(front.url).host]));
  });

  it('NO_PROXY naming the server: straight to it, the proxy never asked', async () => {
    const { crm, proxy, result } = await sendBehindProxy('127.0.0.1');
    expect(result.code, result.stderr).toBe(0);
    expect(crm.ledger).toHaveLength(30);
    expect(proxy.tunnels).toEqual([]);
  });
});
