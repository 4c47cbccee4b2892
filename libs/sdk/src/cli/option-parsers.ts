/** For a repeatable option: `--tag a,b --tag c` gives ['a', 'b', 'c']. */
export function collect(value: string, previous: string[]): string[] {
  const parts = value
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
  return [...previous, ...parts];
}

export function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--limit must be a positive integer, got "${value}"`);
  return n;
}
