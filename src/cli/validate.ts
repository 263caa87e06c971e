import fs from 'node:fs';
import path from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import { WolkvoxBulkError } from '../core/errors.js';
import type { DuplicatePolicy } from '../plan/options.js';
import type { PreflightReport } from '../plan/preflight.js';
import { EXIT } from '../core/exit-codes.js';
import { duplicateLines, duplicatesCut, duplicatesFileName } from '../plan/check-messages.js';
import { JOB_DEFAULTS } from '../plan/job-settings.js';
import { describeInput, rowLabel } from './describe-input.js';
import { count, counted, firstBodies } from './format.js';
import { readerOverrides, withReaderOptions, type ReaderArgs } from './reader-options.js';
import { checkFlags } from './usage-error.js';

interface Args extends ReaderArgs {
  file: string;
  mapping: string;
  preview: number;
  duplicates: DuplicatePolicy;
  json: boolean;
  'duplicates-file'?: string;
  force: boolean;
}

export const validateCommand: CommandModule<object, Args> = {
  command: 'validate <file>',
  describe: 'Check a whole file against its mapping without sending anything',
  builder: (yargs: Argv) =>
    withReaderOptions(
      yargs
        .positional('file', { type: 'string', demandOption: true, describe: 'CSV or XLSX file' })
        .option('mapping', { alias: 'm', type: 'string', demandOption: true, describe: 'Mapping file (JSON)' })
        .option('preview', { type: 'number', requiresArg: true, default: JOB_DEFAULTS.preview, describe: 'Show the bodies of this many rows as they would be sent' })
        .option('duplicates', { choices: ['error', 'first', 'last', 'all'] as const, default: 'error' as const, describe: 'How an id on several rows will be treated; error makes it a failure here' })
        .option('duplicates-file', { type: 'string', describe: 'Write every id found on several rows, with all its rows, to this new CSV file' })
        .option('force', { type: 'boolean', default: false, describe: 'Overwrite the --duplicates-file if it exists (never the input or the mapping)' })
        .option('json', { type: 'boolean', default: false, describe: 'Print the report as JSON' }),
    )
      .example('$0 validate clientes.csv --mapping clientes.mapping.json', 'Check every row; exit 0 when all can be sent')
      .example('$0 validate clientes.xlsx -m m.json --sheet Clientes --header-row 3 --preview 5', 'A workbook with title rows; show 5 bodies')
      .example('$0 validate clientes.csv -m m.json --duplicates-file duplicados.csv', 'List every repeated id with all its lines in a file') as unknown as Argv<Args>,
  handler: async (args) => {
    checkFlags({ preview: args.preview });
    const duplicatesFile = args['duplicates-file'];
    if (duplicatesFile !== undefined) refuseToOverwrite(duplicatesFile, args);
    const { validateFile } = await import('../run/validate.js');
    const report = await validateFile({
      file: args.file,
      mapping: args.mapping,
      preview: args.preview,
      ...readerOverrides(args),
      ...(duplicatesFile === undefined ? {} : { duplicatesFile }),
    });
    const duplicatesBlock = args.duplicates === 'error' && report.duplicates.length > 0;
    const ok = report.invalid === 0 && !duplicatesBlock && report.rows > 0;
    process.stdout.write(args.json ? `${JSON.stringify({ ok, ...report }, null, 2)}\n` : renderReport(report, args.duplicates, duplicatesFile));
    process.exitCode = ok ? EXIT.ok : EXIT.invalid;
  },
};

/**
 * The duplicates file is new, as `init`'s mapping is: a path typed by mistake (the input, the mapping,
 * any file of the user's) is refused before the file is read. --force overwrites a file of the user's,
 * never the input or the mapping of this same command.
 */
function refuseToOverwrite(file: string, args: Pick<Args, 'file' | 'mapping' | 'force'>): void {
  if (fs.lstatSync(file, { throwIfNoEntry: false }) === undefined) return;
  const real = (name: string) => {
    try {
      return fs.realpathSync(name);
    } catch {
      return path.resolve(name);
    }
  };
  const same = [['input', args.file], ['mapping', args.mapping]].find(([, other]) => real(other ?? '') === real(file));
  if (same) {
    throw new WolkvoxBulkError('USAGE', `Duplicates file exists: ${file} is the ${same[0]} of this command. Give --duplicates-file a new file, such as ${duplicatesFileName(args.file)}. Nothing was written.`, { file });
  }
  if (!args.force) {
    throw new WolkvoxBulkError('USAGE', `Duplicates file exists: ${file} is already there. Choose another --duplicates-file, or add --force to overwrite it.`, { file });
  }
}

export function renderReport(report: PreflightReport, duplicates: DuplicatePolicy, duplicatesFile?: string): string {
  const lines: string[] = [describeInput(report.file, report.format, report.headerRow), ...report.warnings.map((warning) => `Warning: ${warning}`), ''];
  const duplicateRows = report.duplicates.reduce((sum, entry) => sum + entry.rows.length, 0);
  // With "match", a row's id is its key: the same rows and rules, named for what they are.
  const repeated = report.match === undefined ? 'Duplicate ids' : 'Duplicate keys';
  const table: [string, string][] = [
    ['Rows read', count(report.rows)],
    ['Valid', count(report.valid)],
    ['Invalid', count(report.invalid)],
    ['Nothing to send', count(report.empty)],
    [repeated, report.duplicates.length === 0 ? '0' : `${count(report.duplicates.length)} (on ${counted(duplicateRows, 'row')})`],
  ];
  for (const [label, value] of table) lines.push(`  ${label.padEnd(16)}${value.padStart(12)}`);
  if (report.ifEmpty) lines.push('', `Written only where the CRM's field is empty (if-empty): ${report.ifEmpty.join(', ')}. update reads the records first (a snapshot) and keeps every value the CRM has; the bodies below show them all.`);
  const at = (rowNumber: number) => rowLabel(report.format, rowNumber);
  if (report.problems.length > 0) {
    lines.push('', `Invalid rows (${report.problems.length < report.problemCount ? `first ${report.problems.length} of ${counted(report.problemCount, 'problem')}` : counted(report.problemCount, 'problem')}):`);
    for (const problem of report.problems) {
      lines.push(`  ${at(problem.rowNumber)}${problem.column ? `, column ${problem.column}` : ''}: ${problem.message}`);
    }
  }
  if (report.duplicates.length > 0) {
    lines.push('', `${repeated} (${duplicates === 'error' ? 'not allowed: choose --duplicates first, last or all' : `--duplicates ${duplicates}`}):`);
    lines.push(...duplicateLines(report.duplicates, report.format.kind === 'csv' ? 'line' : 'row'));
    if (duplicatesFile !== undefined) lines.push(`  All ${count(report.duplicates.length)} ${report.match === undefined ? 'ids' : 'keys'} with every ${report.format.kind === 'csv' ? 'line' : 'row'}: written to ${duplicatesFile}`);
    else if (duplicatesCut(report.duplicates)) lines.push(`  All of them with every ${report.format.kind === 'csv' ? 'line' : 'row'}: add --duplicates-file ${duplicatesFileName(report.file)}`);
  }
  if (report.lookups && report.lookups.length > 0) {
    lines.push('', 'Lookups (read by update once you confirm its plan, before the first update; validate reads nothing):');
    for (const lookup of report.lookups) {
      lines.push(`  ${lookup.labels.join(', ')}: ${counted(lookup.names, 'name')} to find in ${lookup.module} by ${lookup.field} (compared ${lookup.compare}): query.php ${counted(lookup.names, 'call')}, or ${lookup.module} read 1 call per 250 records, the cheaper; a name on no record or on several fails its row`);
    }
  }
  if (report.preview.length > 0) {
    lines.push('', `${firstBodies(report.preview.length)}:`);
    for (const row of report.preview) {
      const body = { ...(report.match === undefined ? { 'wolkvox-id': row.id } : { match: { [report.match.field]: row.id } }), fields: row.fields, ...(row.attachments.length > 0 ? { attachments: row.attachments.map((file) => `<${file.path}, ${count(file.bytes)} bytes>`) } : {}) };
      lines.push(`  ${at(row.rowNumber)}: ${JSON.stringify(body)}`);
    }
  }
  lines.push('');
  if (report.rows === 0) lines.push('Not ready: the file has a header but no data rows, so there is nothing to send. Check that this is the file (and the sheet) you meant.');
  else if (report.invalid > 0) lines.push(`Not ready: ${counted(report.invalid, 'row')} ${report.invalid === 1 ? 'is invalid. Fix it' : 'are invalid. Fix them'} in the file or the mapping and validate again (or send the rest with update --skip-invalid).`);
  else if (report.duplicates.length > 0 && duplicates === 'error') lines.push(`Not ready: some ${report.match === undefined ? 'ids' : 'keys'} are on several rows. Remove the extra rows, or say which to send with --duplicates first|last|all.`);
  else lines.push(`Ready: ${counted(report.valid - report.empty, 'row')} can be sent.`);
  return `${lines.join('\n')}\n`;
}
