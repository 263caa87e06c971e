import fs from 'node:fs';
import net, { type AddressInfo } from 'node:net';
import tls from 'node:tls';
import { afterEach } from 'vitest';
import { fixture } from '../helpers.js';

/** The certificate the front serves (self-signed for 127.0.0.1 and localhost): a child trusts it by NODE_EXTRA_CA_CERTS. */
export const FRONT_CERT = fixture('tls/localhost.crt');

const open: (() => void)[] = [];
afterEach(() => {
  for (const close of open.splice(0)) close();
});

/**
 * An https front for the simulated CRM, as the real one is reached: TLS ended here, each connection piped
 * to `port` on loopback. The first `late` connections' handshakes are held `holdMs` (their first bytes
 * left unread): the calls on them are written to the socket, and reach the CRM, that much after they
 * started, as the cold first calls of a loaded machine do.
 */
export async function lateTlsFront(port: number, { late, holdMs }: { late: number; holdMs: number }): Promise<{ url: string }> {
  const sockets = new Set<net.Socket>();
  const track = (socket: net.Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  };
  const front = tls.createServer({ key: fs.readFileSync(fixture('tls/localhost.key')), cert: fs.readFileSync(FRONT_CERT) }, (secure) => {
    const crm = net.connect(port, '127.0.0.1');
    track(crm);
    secure.pipe(crm).pipe(secure);
    secure.on('error', () => crm.destroy());
    crm.on('error', () => secure.destroy());
  });
  let accepted = 0;
  // Paused on connection: nothing of the handshake is read until the front takes the socket.
  const door = net.createServer({ pauseOnConnect: true }, (socket) => {
    track(socket);
    accepted += 1;
    const hand = () => front.emit('connection', socket);
    if (accepted <= late) setTimeout(hand, holdMs);
    else hand();
  });
  await new Promise<void>((resolve) => door.listen(0, '127.0.0.1', resolve));
  open.push(() => {
    door.close();
    for (const socket of sockets) socket.destroy();
  });
  return { url: `https://127.0.0.1:${(door.address() as AddressInfo).port}` };
}
