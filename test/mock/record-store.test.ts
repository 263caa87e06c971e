import { describe, expect, it } from 'vitest';
import { RecordStore } from '../../src/mock/record-store.js';

// queryDates.php's pages: the records of a date range in date order, a page at a time. The store finds a
// range's ends by binary search; every page must be what filtering the whole module would give.
describe('RecordStore.createdBetween', () => {
  const dates = ['2024-05-23 10:00:00', '1970-01-01 00:00:00', '2024-05-23 10:00:00', '2030-01-01 00:00:00', '2024-05-24 00:00:00', '1899-07-01 08:00:00'];
  const store = new RecordStore(dates.map((date, index) => ({ wolkvox_id: `r${index}`, wolkvox_fecha_creacion: date })));
  const filtered = (from: string, to: string) =>
    dates
      .map((date, index) => ({ date, id: `r${index}` }))
      .filter(({ date }) => date >= from && date <= to)
      .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.id < b.id ? -1 : 1))
      .map(({ id }) => id);
  const ids = (records: readonly Record<string, unknown>[]) => records.map((record) => record.wolkvox_id);

  it.each([
    ['every date', '0001-01-01 00:00:00', '9999-12-31 23:59:00'],
    ['one day, both ends inclusive', '2024-05-23 10:00:00', '2024-05-24 00:00:00'],
    ['a range holding nothing', '2025-01-01 00:00:00', '2029-12-31 23:59:59'],
    ['a range that ends before it starts', '2030-01-01 00:00:00', '1970-01-01 00:00:00'],
  ])('%s: pages of 2 give the filtered records in date order, then nothing', (_, from, to) => {
    const expected = filtered(from, to);
    const pages = [0, 2, 4, 6, 8].map((offset) => ids(store.createdBetween(from, to, offset, 2)));
    expect(pages.flat()).toEqual(expected);
    expect(ids(store.createdBetween(from, to))).toEqual(expected);
    expect(pages.at(-1)).toEqual([]);
  });
});
