// The physical limit for scenario 3: a keep-alive node:http loop posting the same bodies as the tool,
// with nothing else (no checks, no retries, no journal, no reports). Usage: node bare-http.js <csv> <server> <concurrency>
// Prints {"sent":n,"ok":n}.
import fs from 'node:fs';
import http from 'node:http';

const [file, server, concurrencyText] = process.argv.slice(2);
const concurrency = Number(concurrencyText);
const lines = fs.readFileSync(file, 'utf8').split('\n').slice(1).filter((line) => line !== '');
const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
const url = new URL('/server/API/v2/custom/update.php', server);
let next = 0;
let ok = 0;

function post(body) {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method: 'POST', agent, headers: { 'Wolkvox-Token': process.env.WOLKVOX_TOKEN, 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) } }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode));
    });
    request.on('error', reject);
    request.end(body);
  });
}

async function worker() {
  while (next < lines.length) {
    const [id, Nombre, Ciudad] = lines[next++].split(',');
    const status = await post(JSON.stringify({ operation: 'op', module: 'contacts', 'wolkvox-id': id, fields: { Nombre, Ciudad } }));
    if (status === 200) ok += 1;
  }
}

await Promise.all(Array.from({ length: concurrency }, worker));
agent.destroy();
process.stdout.write(`${JSON.stringify({ sent: lines.length, ok })}\n`);
