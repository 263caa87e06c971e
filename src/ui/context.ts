import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FieldNames } from '../index.js';
import type { TokenStore } from './connection.js';
import type { JobRunner } from './jobs.js';
import type { RunFolders } from './run-folders.js';

/** What every request handler of the page server can reach. */
export interface UiContext {
  readonly folders: RunFolders;
  readonly tokens: TokenStore;
  readonly jobs: JobRunner;
  /** The field names last read from a record of each module (by module), for the check to flag a name the CRM does not have. */
  readonly fieldNames: Map<string, FieldNames>;
  /** The CRM host from WOLKVOX_SERVER, offered in the Connect step. */
  readonly server?: string;
}

export type Handler = (context: UiContext, request: IncomingMessage, response: ServerResponse, params: readonly string[], url: URL) => Promise<void> | void;

/** One API route: a method and a path pattern whose groups become `params`. */
export interface Route {
  readonly method: 'GET' | 'POST' | 'DELETE';
  readonly path: RegExp;
  readonly handler: Handler;
}

/** A string field of a JSON body, or undefined. */
export const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined);
