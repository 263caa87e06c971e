import fs from 'node:fs';
import path from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import { WolkvoxBulkError } from '../core/errors.js';
import type { DuplicatePolicy } from '../plan/options.js';
import type { PreflightReport } from '../plan/preflight.js';
import { EXIT } from '../core/exit-codes.js';
import type { CountLabel } from '../core/catalog/en-check.js';
import { countIn, message, say, type Lang, type Message } from '../core/say.js';
import { duplicatesCut, duplicatesFileName, listedProblem, repeatedIds } from '../plan/check-messages.js';
import { JOB_DEFAULTS } from '../plan/job-settings.js';
import { describeInput, rowLabel } from './describe-input.js';
import { readerOverrides, withReaderOptions, type ReaderArgs } from './reader-options.js';
import { checkFlags } from './usage-error.js';
import { helpIn } from './help.js';

interface Args extends ReaderArgs {
  file: string;
  mapping: string;
  preview: number;
  duplicates: DuplicatePolicy;
  json: boolean;
  'duplicates-file'?: string;
  force: boolean;
  lang?: Lang;
}

export function validateCommand(lang: Lang): CommandModule<object, Args> {
  const h = helpIn(lang);
  return {
    command: 'validate <file>',
    describe: h('help.validate'),
    builder: (yargs: Argv) =>
      withReaderOptions(lang,
        yargs
          .positional('file', { type: 'string', demandOption: true, describe: h('help.validate.file') })
          .option('mapping', { alias: 'm', type: 'string', demandOption: true, describe: h('help.validate.mapping') })
          .option('preview', { type: 'number', requiresArg: true, default: JOB_DEFAULTS.preview, describe: h('help.validate.preview') })
          .option('duplicates', { choices: ['error', 'first', 'last', 'all'] as const, default: 'error' as const, describe: h('help.validate.duplicates') })
          .option('duplicates-file', { type: 'string', describe: h('help.validate.duplicates-file') })
          .option('force', { type: 'boolean', default: false, describe: h('help.validate.force') })
          .option('json', { type: 'boolean', default: false, describe: h('help.validate.json') }),
      )
        .example('$0 validate clientes.csv --mapping clientes.mapping.json', h('help.validate.example-1'))
        .example('$0 validate clientes.xlsx -m m.json --sheet Clientes --header-row 3 --preview 5', h('help.validate.example-2'))
        .example('$0 validate clientes.csv -m m.json --duplicates-file duplicados.csv', h('help.validate.example-3')) as unknown as Argv<Args>,
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
      process.stdout.write(args.json ? `${JSON.stringify({ ok, ...report }, null, 2)}\n` : renderReport(report, args.duplicates, duplicatesFile, args.lang));
      process.exitCode = ok ? EXIT.ok : EXIT.invalid;
    },
  };
}

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
  const same = (['input', 'mapping'] as const).find((which) => real(which === 'input' ? args.file : args.mapping) === real(file));
  if (same) throw new WolkvoxBulkError('USAGE', message('validate.duplicates-is-own', { file, which: same, suggested: duplicatesFileName(args.file) }), { file });
  if (!args.force) throw new WolkvoxBulkError('USAGE', message('validate.duplicates-exists', { file }), { file });
}

/** validate's report for a person, in their language: what was read, the counts, what is wrong, what would be sent, the verdict. */
export function renderReport(report: PreflightReport, duplicates: DuplicatePolicy, duplicatesFile?: string, lang: Lang = 'en'): string {
  const said = (text: Message) => say(text, lang);
  const figure = (value: number) => countIn(lang, value);
  const csv = report.format.kind === 'csv';
  // With "match", a row's id is its key: the same rows and rules, named for what they are.
  const keys = report.match !== undefined;
  const warnings = report.warningsSaid?.map(said) ?? report.warnings;
  const lines: string[] = [describeInput(report.file, report.format, report.headerRow, lang), ...warnings.map((text) => said(message('validate.warning', { text }))), ''];
  const duplicateRows = report.duplicates.reduce((sum, entry) => sum + entry.rows.length, 0);
  const table: [CountLabel, string][] = [
    ['rows', figure(report.rows)],
    ['valid', figure(report.valid)],
    ['invalid', figure(report.invalid)],
    ['empty', figure(report.empty)],
    [keys ? 'duplicate-keys' : 'duplicate-ids', report.duplicates.length === 0 ? '0' : said(message('validate.duplicate-count', { ids: report.duplicates.length, rows: duplicateRows }))],
  ];
  for (const [what, value] of table) lines.push(`  ${said(message('validate.count', { what })).padEnd(16)}${value.padStart(12)}`);
  if (report.ifEmpty) lines.push('', said(message('validate.if-empty', { fields: report.ifEmpty })));
  if (report.problems.length > 0) {
    lines.push('', said(message('validate.invalid-heading', { shown: report.problems.length, total: report.problemCount })));
    for (const problem of report.problems) lines.push(`  ${said(message('check.problem', listedProblem(problem, csv)))}`);
  }
  if (report.duplicates.length > 0) {
    const { entries, moreIds, moreRows } = repeatedIds(report.duplicates);
    lines.push('', said(message('validate.duplicates-heading', { keys, policy: duplicates })));
    lines.push(...entries.map((entry) => said(message('check.repeated', { entry, csv }))));
    if (moreIds > 0) lines.push(said(message('check.repeated-more', { ids: moreIds, rows: moreRows })));
    if (duplicatesFile !== undefined) lines.push(said(message('validate.duplicates-written', { ids: report.duplicates.length, keys, csv, file: duplicatesFile })));
    else if (duplicatesCut(report.duplicates)) lines.push(said(message('validate.duplicates-file-hint', { csv, file: duplicatesFileName(report.file) })));
  }
  if (report.lookups && report.lookups.length > 0) {
    lines.push('', said(message('validate.lookups-heading')));
    for (const { labels, names, module, field, compare } of report.lookups) lines.push(said(message('validate.lookup', { labels, names, module, field, compare })));
  }
  if (report.preview.length > 0) {
    lines.push('', said(message('summary.bodies', { bodies: report.preview.length, exactly: false })));
    for (const row of report.preview) {
      const body = { ...(keys ? { match: { [report.match?.field ?? '']: row.id } } : { 'wolkvox-id': row.id }), fields: row.fields, ...(row.attachments.length > 0 ? { attachments: row.attachments.map((file) => `<${file.path}, ${figure(file.bytes)} bytes>`) } : {}) };
      lines.push(`  ${rowLabel(report.format, row.rowNumber, lang)}: ${JSON.stringify(body)}`);
    }
  }
  lines.push('', said(verdict(report, duplicates)));
  return `${lines.join('\n')}\n`;
}

function verdict(report: PreflightReport, duplicates: DuplicatePolicy): Message {
  if (report.rows === 0) return message('validate.no-rows');
  if (report.invalid > 0) return message('validate.invalid', { rows: report.invalid });
  if (report.duplicates.length > 0 && duplicates === 'error') return message('validate.repeated', { keys: report.match !== undefined });
  return message('validate.ready', { rows: report.valid - report.empty });
}
