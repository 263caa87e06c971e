import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir, until } from '../helpers.js';
import { startUi } from './browser.js';
import { raw, sessionCookie } from './raw-http.js';

// Issue 17, item 3: the page's check went on reading a file long after the browser had left. The check now
// stops at the next chunk once its request closes. What the server process reads is seen from outside,
// in /proc: how far into the uploaded file its descriptor has read, and when it is closed.
function readPosition(pid: number, file: string): number | undefined {
  for (const fd of fs.readdirSync(`/proc/${pid}/fd`)) {
    try {
      if (fs.readlinkSync(`/proc/${pid}/fd/${fd}`) !== file) continue;
      return Number(/^pos:\s*(\d+)/m.exec(fs.readFileSync(`/proc/${pid}/fdinfo/${fd}`, 'utf8'))?.[1] ?? 0);
    } catch {
      // closed since the listing
    }
  }
  return undefined;
}

describe('the page stops a check whose request closed (issue 17, item 3)', () => {
  it('stops reading the upload soon after the browser leaves, far before its end', async () => {
    const ui = await startUi();
    const pid = ui.child.pid ?? 0;
    const { cookie } = await sessionCookie(ui.url);
    const csv = path.join(tempDir(), 'grande.csv');
    const lines = Array.from({ length: 1_000_000 }, (_, n) => `id${n},Cliente número ${n},Bogotá`);
    fs.writeFileSync(csv, `id,Nombre,Ciudad\n${lines.join('\n')}\n`);
    const size = fs.statSync(csv).size;
    const upload = await raw(ui.port, { method: 'POST', path: '/api/files?name=grande.csv', headers: { Cookie: cookie }, body: fs.readFileSync(csv, 'utf8') });
    expect(upload.status).toBe(201);
    const { upload: id } = JSON.parse(upload.body) as { upload: string };
    const stored = path.join(ui.runs, '.uploads', id, 'grande.csv');

    const body = JSON.stringify({ mapping: { id: 'id', fields: { Nombre: 'Nombre', Ciudad: 'Ciudad' } } });
    const request = http.request({
      host: '127.0.0.1',
      port: ui.port,
      method: 'POST',
      path: `/api/uploads/${id}/check`,
      headers: { Host: `127.0.0.1:${ui.port}`, Cookie: cookie, 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) },
    });
    request.on('error', () => undefined);
    request.end(body);
    // The check has begun reading: then the browser leaves.
    await until(() => (readPosition(pid, stored) ?? 0) > 0);
    const left = readPosition(pid, stored) ?? 0;
    request.destroy();
    let last = left;
    await until(() => {
      const position = readPosition(pid, stored);
      if (position !== undefined) last = Math.max(last, position);
      return position === undefined;
    });
    expect(size).toBeGreaterThan(30 * 1024 * 1024);
    expect(last - left).toBeLessThan(2 * 1024 * 1024);
    // The server goes on answering.
    expect((await raw(ui.port, { path: '/api/state', headers: { Cookie: cookie } })).status).toBe(200);
  });
});
