import fs from 'node:fs';
import net, { type AddressInfo } from 'node:net';
import tls from 'node:tls';
import { afterEach } from 'vitest';
import { fixture } from '../helpers.js';

/** The certificate the front serves (self-signed for 127.0.0.1 and localhost): a child trusts it by NODE_EXTRA_CA_CERTS. */
export const FRONT_CERT = fixture('tls/localhost.crt');

const closers: (() => void)[] = [];
afterEach(() => {
  for (const close of closers.splice(0)) close();
});

/**
 * An https front for the simulated CRM, as the real one is reached: TLS ended here, each connection piped
 * to `port` on loopback. The first `late` connections' handshakes are held `holdMs` (their first bytes
 * left unread): the calls on them are written to the socket, and reach the CRM, that much after they
 * started, as the cold first calls of a loaded machine do.
 */
export async function lateTlsFront(port: number, { late, holdMs }: { late: number; holdMs: number }): Promise<{ url: string }> {
  const secureContext = tls.createSecureContext({ key: fs.readFileSync(fixture('tls/localhost.key')), cert: fs.readFileSync(FRONT_CERT) });
  const sockets = new Set<net.Socket>();
  const track = <T extends net.Socket>(socket: T): T => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    return socket;
  };
  let accepted = 0;
  // Paused on connection: nothing of the handshake is read until the TLS socket takes it over. The CRM's side
  // is connected at once, so a held call is late only by its hold, not by a connection opened after it.
  const door = net.createServer({ pauseOnConnect: true }, (socket) => {
    track(socket);
    const crm = track(net.connect(port, '127.0.0.1'));
    accepted += 1;
    const handOver = () => {
      const secure = track(new tls.TLSSocket(socket, { isServer: true, secureContext }));
      secure.pipe(crm).pipe(secure);
      secure.on('error', () => crm.destroy());
      crm.on('error', () => secure.destroy());
    };
    if (accepted <= late) setTimeout(handOver, holdMs);
    else handOver();
  });
  await new Promise<void>((resolve) => door.listen(0, '127.0.0.1', resolve));
  closers.push(() => {
    door.close();
    for (const socket of sockets) socket.destroy();
  });
  return { url: `https://127.0.0.1:${(door.address() as AddressInfo).port}` };
}
