/**
 * One entity's value in a view's KV bucket, as compact JSON with a fixed field order:
 *
 *   {"t":<event time, µs since the epoch>,"r":<view revision>,"s":<source version>,"v":[<features>]}
 *
 * `v` holds the feature values in the order of that view revision's features. `s` (the dataset
 * version read) goes beside the revision because incremental materialization compares only against
 * values of the same revision and source version. The fixed order lets the replica read the header
 * with one regular expression and keep `v` unparsed until a lookup needs it.
 */
export interface OnlineValue {
  /** Event time in microseconds since the epoch (DuckDB's precision; safe as a double until 2255). */
  t: number;
  r: number;
  s: number;
  /** The whole stored text: compared byte for byte to decide whether a write would change anything. */
  text: string;
  /** Where the JSON array of feature values starts in `text`. */
  valuesAt: number;
}

const HEADER = /^\{"t":(-?\d{1,17}),"r":(\d{1,9}),"s":(\d{1,9}),"v":\[/;

/** Reads a stored value; null when it is not in the format above (such an entry is served as missing). */
export function decodeOnlineValue(text: string): OnlineValue | null {
  const header = HEADER.exec(text);
  if (!header || !text.endsWith(']}')) return null;
  return { t: Number(header[1]), r: Number(header[2]), s: Number(header[3]), text, valuesAt: header[0].length - 1 };
}

/** The feature values of a stored value, in its revision's feature order. */
export function onlineFeatureValues(value: OnlineValue): unknown[] {
  const parsed: unknown = JSON.parse(value.text.slice(value.valuesAt, -1));
  return Array.isArray(parsed) ? parsed : [];
}

/** The stored text for the given parts (DuckDB builds the same text when materializing; see latest-rows.sql.ts). */
export function encodeOnlineValue(t: number, revision: number, sourceVersion: number, valuesJson: string): string {
  return `{"t":${t},"r":${revision},"s":${sourceVersion},"v":${valuesJson}}`;
}

/**
 * Whether writing `candidate` over `stored` changes the online state. Within one view revision and
 * source version a value is replaced only by a newer event time, or by the same event time with other
 * values; a value of another revision or source version is always replaced, because the view's
 * current definition over its current data is what the online store serves.
 */
export function shouldReplace(stored: OnlineValue | undefined, candidate: OnlineValue): boolean {
  if (!stored) return true;
  if (stored.r !== candidate.r || stored.s !== candidate.s) return true;
  if (stored.t > candidate.t) return false;
  return !(stored.t === candidate.t && stored.text === candidate.text);
}

/** ISO 8601 (millisecond precision, UTC) of a microsecond event time. */
export function microsToIso(micros: number): string {
  return new Date(Math.floor(micros / 1000)).toISOString();
}
