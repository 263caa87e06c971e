// updateMany.php: many records in one call, each naming itself with `wolkvox-id` inside `fields`.
// Everything the Postman collection leaves open is a switch (update-many-options.ts).
import { ANSWERS, SUCCESS_MESSAGE, namingId } from './answers.js';
import { PARAMETERS, checkRecord, checkTarget, isObject, nonEmpty, parseObject, type RecordChange, type Refusal } from './checks.js';
import { applyRecord, type Endpoint, type Outcome } from './endpoint.js';
import { drawFor } from './random.js';

// Salts of the silent-skip draws start here, one per position in the batch, clear of the fault (1) and
// jitter (2) draws of the same call number.
const SILENT_SKIP_SALT = 1000;

export const updateMany: Endpoint = (context, body) => {
  const { config, stats } = context;
  const options = config.updateMany;
  const batch = parseBatch(body);
  if ('refusal' in batch) return { kind: 'refused', ...batch };
  const target = checkTarget(config, batch.operation, batch.module);
  if (target) return { kind: 'refused', ...target };
  const { changes } = batch;
  if (changes.length > options.maxRecords) {
    return options.tooManyAnswer === '413'
      ? { kind: 'page', refusal: 'tooMany', status: 413, title: 'Request Entity Too Large' }
      : { kind: 'refused', refusal: 'tooMany', answer: ANSWERS.tooManyRecords };
  }
  if (changes.length > options.hangAbove) {
    stats.hungBatches += 1;
    return { kind: 'stall' };
  }
  // The call's own unit was spent on arrival, like every call's.
  if (options.quotaCost === 'record' && !context.spend(changes.length - 1)) return { kind: 'refused', refusal: 'quota', answer: ANSWERS.quota };

  const problems = changes.map((change) => checkRecord(config, context.storeOf(batch.module), change));
  const firstBad = problems.findIndex((problem) => problem !== undefined);
  const refusal = (): Outcome => {
    const { refusal: kind, answer } = problems[firstBad] as Refusal;
    const id = changes[firstBad]?.id ?? '';
    return { kind: 'refused', refusal: kind, answer: options.refusalNamesId ? namingId(answer, id) : answer };
  };
  if (firstBad >= 0 && options.badRecord === 'refuse') return refusal();

  let counted = 0;
  let applied = 0;
  changes.forEach((change, position) => {
    if (problems[position]) {
      stats.skippedRecords += 1;
      return;
    }
    counted += 1;
    if (drawFor(config.seed, context.call, SILENT_SKIP_SALT + position) < options.silentSkip) {
      stats.silentlySkipped += 1;
      return;
    }
    applyRecord(context, 'updateMany', change);
    applied += 1;
  });
  if (firstBad >= 0 && options.badRecord === 'refuse-after-applying') return refusal();
  const msg = options.countInMessage ? `${SUCCESS_MESSAGE} ${counted + options.overCount}` : SUCCESS_MESSAGE;
  return { kind: 'ok', answer: { status: 200, error: 'null', msg, data: [] }, applied };
};

interface Batch {
  readonly operation: string;
  readonly module: string;
  readonly changes: readonly RecordChange[];
}

// The body's shape: operation, module and a non-empty array of objects, each with its `wolkvox-id`.
// One malformed record fails the whole call, as a script reading the array would.
function parseBatch(body: string): Batch | Refusal {
  const parsed = parseObject(body);
  if (!parsed) return PARAMETERS;
  const { operation, module, fields } = parsed;
  if (!nonEmpty(operation) || !nonEmpty(module) || !Array.isArray(fields) || fields.length === 0) return PARAMETERS;
  const changes: RecordChange[] = [];
  for (const record of fields as unknown[]) {
    if (!isObject(record) || !nonEmpty(record['wolkvox-id'])) return PARAMETERS;
    const { 'wolkvox-id': id, ...values } = record;
    changes.push({ operation, module, id, fields: values, attachments: 0 });
  }
  return { operation, module, changes };
}
