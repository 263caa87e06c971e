/** How rows sharing an id are treated: refuse the file, send the first, the last, or all of them in order. */
export type DuplicatePolicy = 'error' | 'first' | 'last' | 'all';
