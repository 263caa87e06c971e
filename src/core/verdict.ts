import type { CallKind, RowStatus } from './types.js';

/**
 * Whether an answer of this kind is the CRM's verdict on the records it was sent: applied (`ok`), or
 * refused for what was sent (`row`). Every other kind is about the call, not the records (a retry, a
 * pause, the quota, a fatal answer): it says nothing of whether they would be applied.
 */
export const isVerdict = (kind: CallKind | undefined): boolean => kind === 'ok' || kind === 'row';

/**
 * Whether a row's recorded result is the CRM's verdict on it: updated, or failed on a refusal of what it
 * sent. Not a row that gave up after its retries, was stopped, or whose outcome is unknown.
 */
export const hasVerdict = (result: { readonly status: RowStatus; readonly kind?: CallKind | undefined }): boolean =>
  result.status === 'updated' || (result.status === 'failed' && isVerdict(result.kind));
