import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { expectExit, runCli, runProcess, TOKEN } from '../lib/child.js';
import { figure, idSequence, unmeasured } from '../lib/figures.js';
import { csvJob, readResults } from '../lib/inputs.js';
import { NEWMAN, PEERS } from '../lib/paths.js';
import { appliedById, withServer } from '../lib/server.js';
import { updateArgs } from '../lib/update-args.js';

// A CRM 50 ms away that allows 2 calls at once (the documented limit).
const SERVER = { latencyMs: 50, concurrencyLimit: 2, seed: 4 };

const hasPythonRequests = () => {
  try {
    execFileSync('python3', ['-c', 'import requests'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};

/** Runs one peer against a fresh server; returns its wall time and how many rows the CRM applied. */
async function measure(rows, start) {
  return withServer(SERVER, async (server) => {
    const run = await start(server);
    const applied = appliedById(server.ledger);
    return { ...run, appliedRows: applied.size, calls: server.stats.updateCalls };
  });
}

/** 4. Peers: the same rows through the tool, the API documentation's sequential loop, and Newman. */
export default {
  id: 4,
  title: 'Peers',
  async run({ quick, tmp, log, newman }) {
    const rows = quick ? 30 : 1000;
    const job = await csvJob(tmp, 'peers', rows);
    const env = { ...process.env, WOLKVOX_TOKEN: TOKEN };

    log(`${rows} rows at 50 ms: the tool (default --concurrency 2)`);
    const tool = await measure(rows, async (server) => expectExit(await runCli(updateArgs(job, server)), [0], 'update'));
    const results = readResults(job.out);
    const tokenInRunFolder = fs.readdirSync(job.out).some((name) => fs.readFileSync(path.join(job.out, name), 'utf8').includes(TOKEN));
    const toolRows = results.filter((row) => row._wvx_status === 'updated' && row._wvx_id !== '').length;

    const python = hasPythonRequests();
    const loopName = python ? 'Python requests loop (the API doc\'s example)' : 'sequential Node loop (Python requests not available)';
    const loopDir = fs.mkdtempSync(path.join(tmp, 'loop-'));
    log(`${rows} rows at 50 ms: ${loopName}`);
    const loop = await measure(rows, async (server) => {
      const [command, script] = python ? ['python3', 'sequential.py'] : [process.execPath, 'sequential.js'];
      return expectExit(await runProcess(command, [path.join(PEERS, script), job.file, server.url], { cwd: loopDir, env }), [0], loopName);
    });
    const printed = loop.stdout.split('\n').filter((line) => line.trim() !== '');
    const loopAnswers = printed.length;
    const loopWithId = printed.filter((line) => line.includes('"wolkvox_id"')).length;
    const loopFiles = fs.readdirSync(loopDir).length;

    let newmanRun;
    if (newman.installed) {
      const exportFile = path.join(tmp, 'newman-report.json');
      log(`${rows} rows at 50 ms: Newman with a collection and the CSV as data file`);
      newmanRun = await measure(rows, async (server) =>
        expectExit(
          await runProcess(process.execPath, [NEWMAN, 'run', path.join(PEERS, 'update.postman_collection.json'), '-d', job.file, '--env-var', `server=${server.url}`, '--env-var', `token=${TOKEN}`, '-r', 'json', '--reporter-json-export', exportFile], { env }),
          [0, 1],
          'newman',
        ),
      );
      const text = fs.readFileSync(exportFile, 'utf8');
      const report = JSON.parse(text);
      const answered = report.run.executions.filter((execution) => execution.response?.code !== undefined);
      newmanRun.executions = answered.length;
      newmanRun.withBody = answered.filter((execution) => String(execution.request?.body?.raw ?? '').includes('"wolkvox-id"')).length;
      newmanRun.failedTests = report.run.stats.assertions.failed;
      newmanRun.tokenInReport = text.includes(TOKEN);
    }

    const seconds = (run) => `${(run.wallMs / 1000).toFixed(1)} s`;
    const nextId = idSequence(4);
    const newmanWhy = newman.why ?? 'not installed';
    const figures = [
      figure({ id: nextId(), label: `${loopName}: wall time ÷ the tool's`, value: loop.wallMs / tool.wallMs, detail: `${seconds(loop)} ÷ tool ${seconds(tool)}; ${loop.appliedRows}/${rows} rows applied, ${loop.calls} calls` }),
      newmanRun
        ? figure({ id: nextId(), label: 'Newman (collection + CSV data file): wall time ÷ the tool\'s', value: newmanRun.wallMs / tool.wallMs, detail: `${seconds(newmanRun)} ÷ tool ${seconds(tool)}; ${newmanRun.appliedRows}/${rows} rows applied, ${newmanRun.calls} calls, exit ${newmanRun.code}` })
        : unmeasured({ id: nextId(), label: 'Newman (collection + CSV data file): wall time ÷ the tool\'s', why: newmanWhy }),
      figure({ id: nextId(), label: 'The tool: rows with a per-row result ÷ rows', value: toolRows / rows, detail: `results.csv: one line per input row with _wvx_status and the CRM's answer (${toolRows} updated); the token is ${tokenInRunFolder ? '' : 'not '}in the run folder; ${tool.appliedRows}/${rows} rows applied, ${tool.calls} calls, tool wall ${seconds(tool)}` }),
      figure({ id: nextId(), label: `${loopName}: rows with a per-row result ÷ rows`, value: 0, detail: `no result file (${loopFiles} files written); it printed ${loopAnswers} answers to stdout, ${loopWithId} carrying the record id in data.wolkvox_id (the CRM's success body has it; its error bodies do not), none the row` }),
      newmanRun
        ? figure({ id: nextId(), label: 'Newman: rows with a per-row result ÷ rows', value: newmanRun.executions / rows, detail: `only with --reporter-json-export: ${newmanRun.executions} executions with an HTTP status and test results, ${newmanRun.withBody} with the sent body (the row's id and values inside a JSON string), not the input's columns; ${newmanRun.failedTests} failed tests; the token ${newmanRun.tokenInReport ? 'is written into that file (request headers)' : 'is not in that file'}` })
        : unmeasured({ id: nextId(), label: 'Newman: rows with a per-row result ÷ rows', why: newmanWhy }),
    ];
    return {
      figures,
      notes: [
        'Each peer gets a fresh simulated CRM with 50 ms latency and the documented limit of 2 simultaneous calls. The tool runs with its default --concurrency 2; the loop and Newman send one call at a time, as they are written.',
        'The per-row result is a file a user can open afterwards to see which row got which answer; answers printed to a terminal do not count.',
        `Newman ${newmanRun ? 'was run from bench/node_modules (bench/package.json), reporter json only' : `was not run: ${newmanWhy}`}.`,
      ],
    };
  },
};
