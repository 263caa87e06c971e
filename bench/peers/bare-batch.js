// The physical limit for scenario 10's pace: a keep-alive node:http loop posting the same updateMany.php
// bodies as `update --batch N` (the rows in file order, N to a call, each record naming itself with
// `wolkvox-id` first), with nothing else: no checks, no retries, no journal, no reports.
// Usage: node bare-batch.js <csv> <mapping.json> <server> <batch> <concurrency>
// Prints {"calls":n,"ok":n,"records":n,"ms":n}: ok = calls answered 200, records = the rows the answers
// counted, ms = from this script's first line to the last answer (as summary.json's durationMs, Node's
// start-up left out).
import fs from 'node:fs';
import http from 'node:http';

const started = performance.now();
const [file, mappingFile, server, batchText, concurrencyText] = process.argv.slice(2);
const batch = Number(batchText);
const concurrency = Number(concurrencyText);
const mapping = JSON.parse(fs.readFileSync(mappingFile, 'utf8'));
// The bench's inputs hold no quotes: a line is its values split on commas.
const [header, ...lines] = fs.readFileSync(file, 'utf8').split('\n').filter((line) => line !== '');
const columns = header.split(',');
const idAt = columns.indexOf(mapping.id);
const fieldsAt = Object.entries(mapping.fields).map(([field, column]) => [field, columns.indexOf(column)]);
const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
const url = new URL('/server/API/v2/custom/updateMany.php', server);
let next = 0;
let calls = 0;
let ok = 0;
let records = 0;

function bodyOf(from) {
  const fields = lines.slice(from, from + batch).map((line) => {
    const values = line.split(',');
    return Object.fromEntries([['wolkvox-id', values[idAt]], ...fieldsAt.map(([field, at]) => [field, values[at]])]);
  });
  return JSON.stringify({ operation: mapping.operation, module: mapping.module, fields });
}

function post(body) {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method: 'POST', agent, headers: { 'Wolkvox-Token': process.env.WOLKVOX_TOKEN, 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) } }, (response) => {
      const chunks = [];
      response.on('data', (chunk) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode, text: Buffer.concat(chunks).toString('utf8') }));
    });
    request.on('error', reject);
    request.end(body);
  });
}

async function worker() {
  while (next < lines.length) {
    const from = next;
    next += batch;
    calls += 1;
    const { status, text } = await post(bodyOf(from));
    if (status !== 200) continue;
    ok += 1;
    // "Succesfully edit record 100": the count ends the message.
    records += Number(/(\d+)\s*$/.exec(JSON.parse(text).msg ?? '')?.[1] ?? 0);
  }
}

await Promise.all(Array.from({ length: concurrency }, worker));
const ms = performance.now() - started;
agent.destroy();
process.stdout.write(`${JSON.stringify({ calls, ok, records, ms })}\n`);
