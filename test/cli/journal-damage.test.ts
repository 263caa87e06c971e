import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { mockServer, runCli, TOKEN } from '../helpers.js';
import { csvJob } from '../run/fixtures.js';

const env = (server: string) => ({ WOLKVOX_TOKEN: TOKEN, WOLKVOX_SERVER: server });

describe('resume refuses a journal that was deleted, emptied or damaged (issue 10, item 4)', () => {
  it.each([
    ['deleted', (file: string) => fs.rmSync(file), 'is missing'],
    ['emptied', (file: string) => fs.writeFileSync(file, ''), 'is shorter than the run left it'],
    ['damaged in a middle line', (file: string) => {
      const lines = fs.readFileSync(file, 'utf8').split('\n');
      lines[3] = '{"t":"row","row":{garbage';
      fs.writeFileSync(file, lines.join('\n'));
    }, 'has a damaged line (line 4)'],
    ['edited (a row\'s outcome changed, still valid JSON)', (file: string) => {
      fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('"status":"updated"', '"status":"invalid"'));
    }, 'was changed'],
  ])('journal %s: exit 2, no call, and what to do', async (_name, tamper, says) => {
    const server = await mockServer();
    const job = csvJob(30);
    const first = await runCli(['update', job.file, '-m', job.mapping, '--out', job.out, '--limit', '20', '--yes'], { env: env(server.url) });
    expect(first.code, first.stderr).toBe(3);
    expect(server.stats.calls).toBe(20);
    tamper(path.join(job.out, 'journal.ndjson'));
    const resumed = await runCli(['resume', job.out, '--yes'], { env: env(server.url) });
    expect(resumed.code, resumed.stderr).toBe(2);
    expect(resumed.stderr).toContain(`Damaged run: ${path.join(job.out, 'journal.ndjson')} ${says}`);
    expect(resumed.stderr).toContain('results.csv');
    expect(server.stats.calls).toBe(20);
  });

  it('a journal left with a cut last line (a power cut) still resumes, and the cut line goes', async () => {
    const server = await mockServer();
    const job = csvJob(30);
    const first = await runCli(['update', job.file, '-m', job.mapping, '--out', job.out, '--limit', '20', '--yes'], { env: env(server.url) });
    expect(first.code).toBe(3);
    const journal = path.join(job.out, 'journal.ndjson');
    fs.appendFileSync(journal, '{"t":"row","row":{"ordi');
    const resumed = await runCli(['resume', job.out, '--yes', '--json'], { env: env(server.url) });
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(JSON.parse(resumed.stdout).counts.updated).toBe(30);
    expect(server.stats.calls).toBe(30);
    for (const line of fs.readFileSync(journal, 'utf8').trimEnd().split('\n')) expect(() => JSON.parse(line)).not.toThrow();
  });
});
