// How many scenarios bench/run.js has (its SCENARIOS list).
export const SCENARIO_COUNT = 12;

const USAGE = `Usage: node bench/run.js [--quick] [--only 1,3] [--out FILE] [--keep]

  --quick      a small version of every scenario (under a minute); the report goes to stdout
               unless --out is given, and never to BENCHMARKS.md
  --only LIST  run only these scenarios (numbers 1-${SCENARIO_COUNT}, comma-separated)
  --out FILE   where to write the report (full runs: BENCHMARKS.md)
  --keep       keep the temporary folder with the generated inputs and run folders
`;

/** The bench's flags; unknown ones stop it with the usage text. */
export function parseArgs(argv) {
  const options = { quick: false, only: undefined, out: undefined, keep: false, help: false };
  for (let index = 0; index < argv.length; index += 1) {
    const flag = argv[index];
    const value = () => {
      const next = argv[index + 1];
      if (next === undefined || next.startsWith('--')) throw new Error(`Missing value: ${flag} needs a value.\n\n${USAGE}`);
      index += 1;
      return next;
    };
    if (flag === '--quick') options.quick = true;
    else if (flag === '--keep') options.keep = true;
    else if (flag === '--help' || flag === '-h') options.help = true;
    else if (flag === '--out') options.out = value();
    else if (flag === '--only') {
      const list = value().split(',').map((item) => Number(item.trim()));
      if (list.some((n) => !Number.isInteger(n) || n < 1 || n > SCENARIO_COUNT)) throw new Error(`Expected \`--only\` to list scenario numbers from 1 to ${SCENARIO_COUNT}, got \`${argv[index]}\`.`);
      options.only = new Set(list);
    } else throw new Error(`Unknown flag: ${flag}.\n\n${USAGE}`);
  }
  return options;
}

export { USAGE };
