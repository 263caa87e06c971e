import fs from 'node:fs';
import path from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import { WolkvoxBulkError } from '../errors.js';
import { openInput } from '../input/open.js';
import { draftMapping } from '../mapping/draft.js';
import { describeInput } from './describe-input.js';
import { readerOverrides, withReaderOptions, type ReaderArgs } from './reader-options.js';

interface Args extends ReaderArgs {
  file: string;
  out?: string;
  force: boolean;
}

export const initCommand: CommandModule<object, Args> = {
  command: 'init <file>',
  describe: 'Write a draft mapping from a file\'s column names, to edit before validate',
  builder: (yargs: Argv) =>
    withReaderOptions(
      yargs
        .positional('file', { type: 'string', demandOption: true, describe: 'CSV or XLSX file' })
        .option('out', { alias: 'o', type: 'string', describe: 'Where to write the mapping (default: <file name>.mapping.json here)' })
        .option('force', { type: 'boolean', default: false, describe: 'Overwrite the mapping file if it exists' }),
    )
      .example('$0 init clientes.csv', 'Writes clientes.mapping.json')
      .example('$0 init export.xlsx --sheet Clientes --header-row 3 --out m.json', 'A workbook whose column names are in row 3') as unknown as Argv<Args>,
  handler: async (args) => {
    const source = await openInput({ file: args.file, ...readerOverrides(args) });
    await source.rows.return?.(undefined);
    const out = args.out ?? `${path.basename(args.file, path.extname(args.file))}.mapping.json`;
    if (fs.existsSync(out) && !args.force) {
      throw new WolkvoxBulkError('USAGE', `Mapping exists: ${out} is already there. Choose another --out, or add --force to overwrite it.`, { file: out });
    }
    const { mapping, idGuessed } = draftMapping(source);
    fs.writeFileSync(out, `${JSON.stringify(mapping, null, 2)}\n`);
    const fields = Object.keys(mapping.fields).length;
    process.stdout.write(
      [
        `Wrote ${out} from ${describeInput(source.file, source.format, source.headerRow)}.`,
        idGuessed ? `  id: column '${String(mapping.id)}'` : `  id: column '${String(mapping.id)}' (a guess: no column is called id or wolkvox-id; set "id" to the column with the record ids)`,
        `  fields: ${fields} columns, each sent to the CRM field of the same name`,
        '',
        'Next: edit the field names to match your CRM, set "operation" and "module" (or pass --operation and --module),',
        `then check every row: wolkvox-bulk validate ${args.file} --mapping ${out}`,
        '',
      ].join('\n'),
    );
  },
};
