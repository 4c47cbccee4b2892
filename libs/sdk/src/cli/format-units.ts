const BYTE_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB'] as const;

/** `512 B`, `47.1 KiB`, `1.5 GiB`: binary units, one decimal above bytes. */
export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < BYTE_UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${value} B` : `${value.toFixed(1)} ${BYTE_UNITS[unit]}`;
}

/** Bytes per second, from bytes moved over milliseconds; `-` before any time has passed. */
export function formatRate(bytes: number, elapsedMs: number): string {
  if (elapsedMs <= 0) return '-';
  return `${formatBytes(Math.round((bytes * 1000) / elapsedMs))}/s`;
}

/** `1,461`: counts people read, with thousands separators whatever the machine's locale. */
export function formatCount(count: number): string {
  return count.toLocaleString('en-US');
}

/** `0.4 s`, `12 s`, `3 min 5 s`. */
export function formatDuration(ms: number): string {
  if (ms < 10_000) return `${(ms / 1000).toFixed(1)} s`;
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds} s`;
  return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}

/** A profile statistic: integers as they are, other numbers to 6 significant digits, text as is. */
export function formatScalar(value: number | string | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (Number.isInteger(value)) return String(value);
  return String(Number(value.toPrecision(6)));
}

/** `2025-03-04 05:06` (UTC, to the minute) from an ISO timestamp: enough to tell uploads apart. */
export function formatTime(iso: string): string {
  return iso.slice(0, 16).replace('T', ' ');
}
