// Stand-in for sequential.py where Python's requests is missing: the same loop, one call at a time, a
// new connection per call (requests.request keeps none), each answer printed and nothing else kept.
// Usage: node sequential.js <file.csv> <server> (token in WOLKVOX_TOKEN)
import fs from 'node:fs';
import http from 'node:http';

const [file, server] = process.argv.slice(2);
const url = new URL('/server/API/v2/custom/update.php', server);
const lines = fs.readFileSync(file, 'utf8').split('\n').slice(1).filter((line) => line !== '');

const post = (body) =>
  new Promise((resolve, reject) => {
    const request = http.request(url, { method: 'POST', agent: false, headers: { 'Wolkvox-Token': process.env.WOLKVOX_TOKEN, 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) } }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk) => (text += chunk));
      response.on('end', () => resolve(text));
    });
    request.on('error', reject);
    request.end(body);
  });

for (const line of lines) {
  const [id, Nombre, Ciudad] = line.split(',');
  process.stdout.write(`${await post(JSON.stringify({ operation: 'op', module: 'contacts', 'wolkvox-id': id, fields: { Nombre, Ciudad } }))}\n`);
}
