import { DuckDBTypeId } from '@duckdb/node-api';
import type { TableFormat } from '@galley/contracts';
import { withDuckDB } from './duckdb-session';
import { toJsonSafe } from './json-safe';
import type { JsonSafe } from './json-safe';
import { sqlIdentifier } from './sql';
import { readingTable, tableSource } from './table-source';
import { TabularError } from './tabular.errors';

export const MAX_PREVIEW_ROWS = 1000;

/**
 * Rows `offset` .. `offset + limit - 1` in file order, as JSON-safe objects (see toJsonSafe; DATE is
 * `YYYY-MM-DD`). DuckDB stops reading once it has the rows, so a preview of a large file is cheap;
 * it also means a malformed line after the previewed rows is not reported here.
 */
export async function previewRows(
  filePath: string,
  format: TableFormat,
  offset: number,
  limit: number,
): Promise<Record<string, JsonSafe>[]> {
  if (!Number.isSafeInteger(offset) || offset < 0) {
    throw new TabularError('invalid_argument', `offset must be a non-negative integer, got ${offset}`);
  }
  if (!Number.isSafeInteger(limit) || limit < 0 || limit > MAX_PREVIEW_ROWS) {
    throw new TabularError('invalid_argument', `limit must be an integer from 0 to ${MAX_PREVIEW_ROWS}, got ${limit}`);
  }
  const source = await tableSource(filePath, format);
  return withDuckDB((connection) =>
    readingTable(connection, source, async () => {
      const shape = await connection.runAndReadAll(`SELECT * FROM ${source.sql} LIMIT 0`);
      const types = shape.columnTypes();
      const select = shape.columnNames().map((name, i) => {
        const c = sqlIdentifier(name);
        return types[i].typeId === DuckDBTypeId.DATE ? `CAST(${c} AS VARCHAR) AS ${c}` : c;
      });
      const reader = await connection.runAndReadAll(
        `SELECT ${select.join(', ')} FROM ${source.sql} LIMIT ${limit} OFFSET ${offset}`,
      );
      return reader.getRowObjectsJS().map((row) => {
        const out: Record<string, JsonSafe> = {};
        for (const [key, value] of Object.entries(row)) out[key] = toJsonSafe(value);
        return out;
      });
    }),
  );
}
