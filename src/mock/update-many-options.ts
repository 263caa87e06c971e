// What nobody has published about updateMany.php, as switches: each default is one plausible reading
// of the Postman collection, and tests of the tool run against every other one too.
import { WolkvoxBulkError } from '../core/errors.js';

/** A record that does not exist (`notFound`) or names a field the module does not have (`field`). */
export type BadRecordPolicy = 'skip' | 'refuse' | 'refuse-after-applying';

export interface UpdateManyOptions {
  /**
   * End the success `msg` with the number of records applied ("Succesfully edit record 37", as the
   * collection's "Succesfully edit record x" suggests), or not ("Succesfully edit record"). @default true
   */
  readonly countInMessage?: boolean;
  /**
   * What a bad record does to its call: `skip` (the others applied, a lower count), `refuse` (the whole
   * call refused with that record's error, nothing applied) or `refuse-after-applying` (the others
   * applied, then the whole call answers that record's error). @default 'skip'
   */
  readonly badRecord?: BadRecordPolicy;
  /**
   * Added to the count in the success `msg`, the records applied being the same: a CRM that counts
   * something else ("Succesfully edit record 57" for 50 records). @default 0
   */
  readonly overCount?: number;
  /** A refusal ends with the first bad record's id: "RECORD NOT FOUND (wolkvox-id 65d8…)". @default false */
  readonly refusalNamesId?: boolean;
  /** The most records a call may hold. @default Infinity */
  readonly maxRecords?: number;
  /**
   * How a call over `maxRecords` is refused: `413` (an HTML page, as a proxy's body-size limit answers)
   * or `400` (JSON, `TOO MANY RECORDS`). Nothing is applied either way. @default '413'
   */
  readonly tooManyAnswer?: '413' | '400';
  /**
   * A call with more records than this is never answered and nothing of it applied, as a server that
   * times out on big batches; the client has to give up. @default Infinity
   */
  readonly hangAbove?: number;
  /**
   * `call`: one quota unit a call, like any call. `record`: one unit per record sent (the call's own unit
   * included); a call the units left cannot pay for is refused (TOKEN LIMIT EXCEEDED, nothing applied,
   * only its first unit spent). @default 'call'
   */
  readonly quotaCost?: 'call' | 'record';
  /**
   * Probability per record (seeded by call number and position) that it is not applied although the
   * answer counts it: what only reading the records back can catch. @default 0
   */
  readonly silentSkip?: number;
}

export type ResolvedUpdateManyOptions = Required<UpdateManyOptions>;

export function resolveUpdateManyOptions(options: UpdateManyOptions = {}): ResolvedUpdateManyOptions {
  const resolved: ResolvedUpdateManyOptions = {
    countInMessage: options.countInMessage ?? true,
    badRecord: options.badRecord ?? 'skip',
    overCount: options.overCount ?? 0,
    refusalNamesId: options.refusalNamesId ?? false,
    maxRecords: options.maxRecords ?? Number.POSITIVE_INFINITY,
    tooManyAnswer: options.tooManyAnswer ?? '413',
    hangAbove: options.hangAbove ?? Number.POSITIVE_INFINITY,
    quotaCost: options.quotaCost ?? 'call',
    silentSkip: options.silentSkip ?? 0,
  };
  const wholeFrom = (value: number, least: number) => value === Number.POSITIVE_INFINITY || (Number.isSafeInteger(value) && value >= least);
  if (!wholeFrom(resolved.maxRecords, 1)) fail('maxRecords (--many-max)', 'a whole number from 1 up', resolved.maxRecords);
  if (!Number.isSafeInteger(resolved.overCount) || resolved.overCount < 0) fail('overCount', 'a whole number from 0 up', resolved.overCount);
  if (!wholeFrom(resolved.hangAbove, 0)) fail('hangAbove (--many-hang-above)', 'a whole number from 0 up', resolved.hangAbove);
  if (!(resolved.silentSkip >= 0 && resolved.silentSkip <= 1)) fail('silentSkip (--many-silent-skip)', 'a share from 0 to 1', resolved.silentSkip);
  return resolved;
}

function fail(option: string, expected: string, got: number): never {
  throw new WolkvoxBulkError('USAGE', `Simulated CRM: updateMany.${option} must be ${expected}, got ${got}.`);
}
