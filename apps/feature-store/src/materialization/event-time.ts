const ISO_DATE_TIME = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(?::(\d{2})(?:\.(\d+))?)?(Z|[+-]\d{2}(?::?\d{2})?)$/i;

/**
 * Microseconds since the epoch of an ISO 8601 date-time with an offset (the contract's window bounds),
 * keeping the microseconds that `Date.parse` would drop: event times are compared at DuckDB's precision.
 */
export function isoToMicros(iso: string): number {
  const parts = ISO_DATE_TIME.exec(iso);
  if (!parts) throw new RangeError(`not an ISO 8601 date-time with an offset: ${iso}`);
  const [, date, hoursMinutes, seconds = '00', fraction = '', offset] = parts;
  const millis = Date.parse(`${date}T${hoursMinutes}:${seconds}${normalizeOffset(offset)}`);
  if (Number.isNaN(millis)) throw new RangeError(`not a valid date-time: ${iso}`);
  return millis * 1000 + Number(fraction.padEnd(6, '0').slice(0, 6));
}

/** ISO 8601 in UTC: milliseconds, or microseconds when there are any (at most 27 characters). */
export function microsToPreciseIso(micros: number): string {
  const millis = Math.floor(micros / 1000);
  const rest = micros - millis * 1000;
  const iso = new Date(millis).toISOString();
  return rest === 0 ? iso : `${iso.slice(0, -1)}${String(rest).padStart(3, '0')}Z`;
}

function normalizeOffset(offset: string): string {
  if (offset.toUpperCase() === 'Z') return 'Z';
  const digits = offset.slice(1).replace(':', '');
  return `${offset[0]}${digits.slice(0, 2)}:${digits.slice(2, 4) || '00'}`;
}
