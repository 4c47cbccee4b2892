/** A SQL string literal. DuckDB string literals have no backslash escapes: doubling `'` is complete. */
export function sqlString(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/** A quoted identifier, so any column name (spaces, quotes, keywords) is referenced safely. */
export function sqlIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** A DOUBLE literal that parses back to exactly `value` (JS prints the shortest round-tripping form). */
export function sqlDouble(value: number): string {
  return `CAST(${sqlString(String(value))} AS DOUBLE)`;
}
