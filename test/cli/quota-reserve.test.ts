import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderPlan } from '../../src/cli/render-plan.js';
import type { Plan } from '../../src/core/events.js';
import type { RunRecord } from '../../src/run/runs.js';
import { mockServer, runCli, TOKEN, until } from '../helpers.js';
import { csvJob } from '../run/fixtures.js';

// Issue 21, share the quota: --reserve keeps units of the day for the token's other integrations, against
// the simulated CRM's own quota count; the plan's forecast of a job longer than a day's quota.

const env = (server: string) => ({ WOLKVOX_TOKEN: TOKEN, WOLKVOX_SERVER: server });

describe('--reserve N (issue 21)', () => {
  it('stops (exit 3, resumable) once only the reserve is left of the day\'s quota, and the plan says so', async () => {
    const server = await mockServer({ quota: 10 });
    const job = csvJob(8);
    const result = await runCli(['update', job.file, '-m', job.mapping, '--out', job.out, '--yes', '--reserve', '4'], { env: env(server.url) });
    expect(result.code, result.stderr).toBe(3);
    // The quota read (1 unit) and 5 updates: 6 of the 10 used, the 4 kept.
    expect(server.usedToday()).toBe(6);
    expect(server.ledger).toHaveLength(5);
    expect(server.stats.refused.quota ?? 0).toBe(0);
    expect(result.stderr).toContain("--reserve 4: 4 quota units of the day's 10 kept for the other integrations on this token; this job may use 5 today and stops (resumable, exit 3) once 6 are used");
    const summary = JSON.parse(fs.readFileSync(path.join(job.out, 'summary.json'), 'utf8'));
    expect(summary).toMatchObject({ stopReason: 'quota', resumable: true, exitCode: 3, counts: { updated: 5, not_sent: 3 } });
    expect(summary.stopMessage).toBe('Daily quota reached, but for the 4 units kept for other integrations (--reserve 4). Resume after the reset (or use --wait-for-quota).');
    const runs = JSON.parse((await runCli(['runs', path.dirname(job.out), '--json'])).stdout).runs as RunRecord[];
    expect(runs[0]).toMatchObject({ state: 'stopped', resumable: true, exitCode: 3, stopReason: 'quota' });

    // The next day: resume keeps the run's reserve (run.json), and sends the rest.
    server.resetQuota();
    const resumed = await runCli(['resume', job.out, '--yes', '--json'], { env: env(server.url) });
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(JSON.parse(resumed.stdout)).toMatchObject({ counts: { updated: 8 } });
    expect(server.usedToday()).toBe(4);
  });

  it('sends nothing when the reserve is all that is left, and says so before asking', async () => {
    const server = await mockServer({ quota: 10, usedToday: 6 });
    const job = csvJob(3);
    const result = await runCli(['update', job.file, '-m', job.mapping, '--out', job.out, '--yes', '--reserve', '4', '--lang', 'es'], { env: env(server.url) });
    expect(result.code).toBe(3);
    expect(server.ledger).toHaveLength(0);
    expect(result.stderr).toContain('ya se usaron 7, así que este trabajo no envía nada hoy y se detiene (reanudable, salida 3)');
  });

  it('--wait-for-quota honours the reserve: it waits for the reset instead of spending the reserved units', async () => {
    const server = await mockServer({ quota: 6, quotaResetMs: 1500 });
    const job = csvJob(7);
    const result = await runCli(['update', job.file, '-m', job.mapping, '--out', job.out, '--yes', '--quiet', '--reserve', '2', '--wait-for-quota'], { env: env(server.url) });
    expect(result.code, result.stderr).toBe(0);
    expect(server.ledger).toHaveLength(7);
    // Never ran into the limit: it stopped sending with 2 units left each day, then read the quota again.
    expect(server.stats.refused.quota ?? 0).toBe(0);
    expect(server.stats.tokenInfoCalls).toBeGreaterThanOrEqual(2);
  });

  it('sees what another integration spends during the run: the quota is read again every 100 calls, and the job stops at the reserve', async () => {
    const server = await mockServer({ quota: 400 });
    const job = csvJob(300);
    const running = runCli(['update', job.file, '-m', job.mapping, '--out', job.out, '--yes', '--reserve', '50', '--concurrency', '1'], { env: env(server.url) });
    // A web form on the same token posts 120 leads once the job has sent 30 rows.
    await until(() => server.ledger.length >= 30);
    expect(server.spendQuota(120)).toBe(true);
    const result = await running;
    expect(result.code, result.stderr).toBe(3);
    expect(result.stderr).toContain('the quota is read again every 100 requests (1 request each time)');
    // Read at the start, then before the 101st and the 201st call: 3 reads (a unit each), 227 updates, the 50 kept.
    expect(server.stats.tokenInfoCalls).toBe(3);
    expect(server.ledger).toHaveLength(227);
    expect(server.usedToday()).toBe(350);
    expect(server.stats.refused.quota ?? 0).toBe(0);
    const summary = JSON.parse(fs.readFileSync(path.join(job.out, 'summary.json'), 'utf8'));
    expect(summary).toMatchObject({ stopReason: 'quota', resumable: true, counts: { updated: 227, not_sent: 73 } });
  });

  it('says the quota is read again in Spanish too, as solicitudes a la API', async () => {
    const server = await mockServer({ quota: 10 });
    const job = csvJob(2);
    const result = await runCli(['update', job.file, '-m', job.mapping, '--out', job.out, '--yes', '--reserve', '4', '--lang', 'es'], { env: env(server.url) });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain('la cuota se vuelve a consultar cada 100 solicitudes a la API (1 solicitud cada vez)');
    // Two calls: no read again before the 101st.
    expect(server.stats.tokenInfoCalls).toBe(1);
  });

  it('refuses a reserve that is not a whole number from 0 up, naming the flag', async () => {
    const job = csvJob(1);
    const result = await runCli(['update', job.file, '-m', job.mapping, '--out', job.out, '--yes', '--reserve', '-1'], { env: env('http://127.0.0.1:9') });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--reserve');
  });
});

const plan = (changes: Partial<Plan>): Plan => ({
  file: 'datos.csv', runDir: 'run', server: 'https://crm0001.wolkvox.com', operation: 'op', module: 'contacts', concurrency: 2, toSend: 10_000, rows: 10_000,
  invalid: 0, skipped: 0, unchanged: 0, alreadyDone: 0, dryRun: false, waitForQuota: false, warnings: [],
  quota: { limit: 5000, usedToday: 4800, available: 200, hoursToReset: 10 },
  ...changes,
});

describe('the forecast of a job longer than today\'s quota (issue 21)', () => {
  // Monday 7 December 2026, 08:00 UTC; the clock and the zone fixed.
  const now = new Date('2026-12-07T08:00:00Z');
  const zone = process.env.TZ;

  it('says how many days at how many requests a day, and about when it ends, in the person\'s language', () => {
    process.env.TZ = 'UTC';
    try {
      // 200 kept: none left today; 4,800 a day after the reset at 18:00: 4,800, 4,800 and 400 (100 s at 4 a second).
      const text = renderPlan(plan({ reserve: 200 }), 'en', now);
      expect(text).toContain("  more than today's quota: about 3 days at 4,800 requests a day (200 kept aside): ends Wednesday around 18:01, resumed after each reset (or with --wait-for-quota)\n");
      const spanish = renderPlan(plan({ reserve: 200, waitForQuota: true }), 'es', now);
      expect(spanish).toContain('  más que la cuota de hoy: unos 3 días a 4.800 solicitudes por día (200 reservadas): termina el miércoles hacia las 18:01 (--wait-for-quota sigue tras cada renovación)\n');
      // No reserve: today's 200 first, then 5,000 a day: 200 + 5,000 + 4,800 (at --rate 2: 40 min on the last day, after Tuesday's reset).
      expect(renderPlan(plan({ rate: 2 }), 'en', now)).toContain('about 3 days at 5,000 requests a day: ends Tuesday around 18:40');
      // Beyond a week, the date too.
      expect(renderPlan(plan({ toSend: 60_000, rows: 60_000 }), 'en', now)).toContain('about 13 days at 5,000 requests a day: ends Friday, December 18 around 18:20');
      // Fits today: no forecast.
      expect(renderPlan(plan({ toSend: 100, rows: 100 }), 'en', now)).not.toContain("more than today's quota");
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
  });

  it('says the job stops at the reserve when the quota is short, and warns when the quota could not be read', () => {
    const text = renderPlan(plan({ toSend: 3000, rows: 3000, quota: { limit: 5000, usedToday: 1000, available: 4000, hoursToReset: 5 }, reserve: 1500 }), 'en', now);
    expect(text).toContain('  needs 3,000 calls, 4,000 available today, resets in 5 h — the job stops cleanly when they are used up');
    expect(text).toContain('this job may use 2,500 today and stops (resumable, exit 3) once 3,500 are used');
    const { quota: _quota, ...unread } = plan({ reserve: 10 });
    expect(renderPlan(unread, 'en', now)).toContain('warning: --reserve 10: the CRM did not give the token\'s quota');
  });
});
