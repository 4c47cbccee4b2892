import type { OnlineFeaturesResponse, OnlineScalar } from '@galley/contracts';

/** The most keys one lookup sends (the API takes 1000 entities per request). */
export const MAX_LOOKUP_KEYS = 1000;

/**
 * Entity keys as typed in the "try it" box: one per line or comma-separated, trimmed, each once, in
 * the order given. Values stay text: the store reads an integer key from its decimal form.
 */
export function parseEntityKeys(text: string): string[] {
  const keys: string[] = [];
  for (const part of text.split(/[\n,]/)) {
    const key = part.trim();
    if (key && !keys.includes(key)) keys.push(key);
  }
  return keys;
}

/** The lookup body's entities: one object per key, under the view's join key. */
export function entitiesFor(joinKey: string, keys: readonly string[]): Array<Record<string, string>> {
  return keys.map((key) => ({ [joinKey]: key }));
}

/** `temp_c` out of `station-weather:temp_c`, for column headers under a view's own page. */
export function featureOfRef(ref: string): string {
  const colon = ref.indexOf(':');
  return colon < 0 ? ref : ref.slice(colon + 1);
}

/** A value as a cell: text as is, numbers as JSON writes them (no rounding: the store's exact value), null visible. */
export function formatOnlineValue(value: OnlineScalar): string {
  return value === null ? 'null' : String(value);
}

export interface LookupTally {
  present: number;
  missing: number;
  expired: number;
}

/** How many values of the answer are present, missing and expired. */
export function tallyStatuses(answer: OnlineFeaturesResponse): LookupTally {
  const tally: LookupTally = { present: 0, missing: 0, expired: 0 };
  for (const result of answer.results) for (const status of result.statuses) tally[status] += 1;
  return tally;
}
