import { formatTarget, formatValue, verdict } from './figures.js';

const cell = (text) => String(text).replaceAll('|', '\\|').replaceAll('\n', ' ');

/** BENCHMARKS.md: the machine, the command, one table of every figure against its target, then notes. */
export function renderReport({ machine, build, command, quick, results, elapsedMs }) {
  const figures = results.flatMap((result) => result.figures ?? []);
  const misses = figures.filter((item) => item.pass === false);
  const lines = [
    '# Benchmarks',
    '',
    quick
      ? '> **Quick run** (small inputs, to check that the scripts work): its figures are noisy and are not the project\'s numbers.'
      : '> Written by the bench itself (`bench/run.js`); edit the scripts, not this file. Every figure is a ratio or a count measured in this one run, so the machine\'s absolute speed cancels out.',
    '',
    '## Machine',
    '',
    '| CPU | cores | RAM | Node | OS | date |',
    '|---|---|---|---|---|---|',
    `| ${cell(machine.cpu)} | ${machine.cores} | ${machine.ramGb} GB | ${machine.node} | ${cell(machine.os)} | ${machine.date} |`,
    '',
    '## Command',
    '',
    '```sh',
    command,
    '```',
    '',
    `Measured build: dist/ built ${build.builtAt}, copied at the start so every scenario ran the same build; the checkout was at commit ${build.commit}${build.srcChanged ? ', with uncommitted changes in src/ when the run started' : build.srcChanged === false ? ', src/ as committed' : ''}. The whole run took ${(elapsedMs / 60_000).toFixed(1)} min. The simulated CRM (\`startMockServer\` from that build) runs in the bench's process; every measured tool runs as its own child process.`,
    '',
    '## Results',
    '',
    `${figures.length} figures, ${figures.filter((item) => item.pass === true).length} PASS, ${misses.length} MISS, ${figures.filter((item) => item.pass === undefined && !item.missing).length} for information (no target in the issues)${figures.some((item) => item.missing) ? `, ${figures.filter((item) => item.missing).length} not measured` : ''}.`,
    '',
    '| # | Figure | Measured | Target | Result | How it was measured |',
    '|---|---|---|---|---|---|',
    ...figures.map((item) => `| ${item.id} | ${cell(item.label)} | ${item.missing ?? formatValue(item.value, item.digits, item.unit)} | ${formatTarget(item.target, item.digits, item.unit)} | ${verdict(item)} | ${cell(item.detail)} |`),
    '',
  ];
  const failed = results.filter((result) => result.error);
  if (failed.length > 0) {
    lines.push('## Scenarios that did not finish', '');
    for (const result of failed) lines.push(`- ${result.id}. ${result.title}: ${cell(result.error)}`);
    lines.push('');
  }
  lines.push('## Notes', '');
  for (const result of results) {
    if (result.error) continue;
    lines.push(`### ${result.id}. ${result.title} (${(result.elapsedMs / 1000).toFixed(0)} s)`, '');
    for (const note of result.notes ?? []) lines.push(`- ${note}`);
    if ((result.investigation ?? []).length > 0) lines.push('', ...result.investigation);
    lines.push('');
  }
  return `${lines.join('\n').trimEnd()}\n`;
}
