// Numbers in sentences a person reads: grouped digits and the right form of the noun ("1 row", "2,400 rows").

/** 2400 → "2,400" (messages are in English, so are their numbers). */
export const count = (value: number) => value.toLocaleString('en-US');

/** "1 row", "0 rows", "1,500 rows"; an irregular plural is given ("1 retry", "2 retries"). */
export const counted = (value: number, singular: string, plural = `${singular}s`) => `${count(value)} ${value === 1 ? singular : plural}`;
