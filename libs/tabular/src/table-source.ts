import { open, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { TableFormat } from '@galley/contracts';
import { TabularError } from './tabular.errors';
import { sqlString } from './sql';

/**
 * CSV is read strictly with a fixed RFC 4180 dialect. Letting the sniffer pick the delimiter or quote
 * would "repair" a broken file (an unbalanced quote sniffed as a one-column file with no quoting).
 */
const CSV_DIALECT = `delim = ',', quote = '"', escape = '"', header = true`;
const CSV_STRICT = `strict_mode = true, null_padding = false, ignore_errors = false`;
/**
 * DuckDB reads a CSV in buffers of 16 × max_line_size (32 MiB) per thread by default. 4 MiB buffers
 * read as fast and keep a service's memory ~100 MiB lower while it loads a large file; a line may
 * still be up to max_line_size (2 MiB) long, which is what the buffer size must exceed.
 */
const CSV_BUFFER = `buffer_size = ${4 * 2 ** 20}`;

const BINARY_PROBE_BYTES = 8192;

/** A checked file and the SQL table expression that streams it (DuckDB reads the file itself). */
export interface TableSource {
  path: string;
  format: TableFormat;
  sql: string;
}

export async function tableSource(filePath: string, format: TableFormat): Promise<TableSource> {
  const path = await checkedPath(filePath);
  switch (format) {
    case 'csv':
      await rejectBinary(path, 'CSV');
      return { path, format, sql: `read_csv(${sqlString(path)}, ${CSV_DIALECT}, ${CSV_STRICT}, ${CSV_BUFFER})` };
    case 'jsonl':
      await rejectBinary(path, 'JSON Lines');
      return { path, format, sql: `read_json(${sqlString(path)}, format = 'newline_delimited', ignore_errors = false)` };
    case 'parquet':
      return { path, format, sql: `read_parquet(${sqlString(path)})` };
  }
}

async function checkedPath(filePath: string): Promise<string> {
  const path = resolve(filePath);
  // DuckDB expands these as a glob even in a quoted literal; a stored version never needs them.
  if (/[*?[\]{}\0]/.test(path)) {
    throw new TabularError('unreadable_file', `File path contains glob characters: ${filePath}`);
  }
  const info = await stat(path).catch((cause: unknown) => {
    throw new TabularError('unreadable_file', `Cannot read file ${filePath}`, {}, { cause });
  });
  if (!info.isFile()) throw new TabularError('unreadable_file', `Not a regular file: ${filePath}`);
  if (info.size === 0) throw new TabularError('empty_file', 'The file is empty (0 bytes): there is no header and no rows');
  return path;
}

/** Text formats never contain NUL; finding one in the first 8 KiB means a binary file was sent as text. */
async function rejectBinary(path: string, formatName: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(BINARY_PROBE_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, BINARY_PROBE_BYTES, 0);
    const nul = buffer.subarray(0, bytesRead).indexOf(0);
    if (nul >= 0) {
      throw new TabularError('malformed_file', `The file is binary (NUL byte at offset ${nul}), not ${formatName}`);
    }
  } finally {
    await handle.close();
  }
}

/** Runs `work`, turning DuckDB's read errors into TabularErrors that name the line where it can. */
export async function readingTable<T>(connection: DuckDBConnection, source: TableSource, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof TabularError) throw error;
    throw await describeReadError(connection, source, error);
  }
}

async function describeReadError(connection: DuckDBConnection, source: TableSource, error: unknown): Promise<TabularError> {
  const raw = messageOf(error);
  switch (source.format) {
    case 'csv': {
      const located = (await locateCsvError(connection, source.path)) ?? csvLineError(raw);
      if (located) return new TabularError('malformed_file', located.message, { line: located.line }, { cause: error });
      return new TabularError('malformed_file', `The file is not valid CSV: ${firstLine(raw)}`, {}, { cause: error });
    }
    case 'jsonl': {
      const line = /in line (\d+)/.exec(raw);
      const details = line ? { line: Number(line[1]) } : {};
      return new TabularError('malformed_file', `The file is not valid JSON Lines: ${firstLine(raw)}`, details, { cause: error });
    }
    case 'parquet':
      return new TabularError('malformed_file', `The file is not a readable Parquet file: ${firstLine(raw)}`, {}, { cause: error });
  }
}

interface LocatedError {
  line: number;
  message: string;
}

const CSV_REASONS = [
  /Value with unterminated quote found\./,
  /Expected Number of Columns: \d+ Found: \d+/,
  /Invalid unicode[^\n]*/,
  /Could not convert[^\n]*/,
];

function csvLineError(raw: string): LocatedError | undefined {
  const line = /CSV Error on Line: (\d+)/.exec(raw);
  if (!line) return undefined;
  const reason = CSV_REASONS.map((pattern) => pattern.exec(raw)?.[0]).find((found) => found !== undefined);
  return {
    line: Number(line[1]),
    message: `Malformed CSV at line ${line[1]}: ${reason ?? 'the row does not follow the CSV format'}`,
  };
}

/**
 * DuckDB detects column types from a sample of rows; when the broken row is in that sample it only
 * says the dialect could not be detected (or, for a ragged row, may take the wider row as the
 * shape). Reading again with the header's width fixed and no detection makes it name the true line.
 */
async function locateCsvError(connection: DuckDBConnection, path: string): Promise<LocatedError | undefined> {
  try {
    const first = await connection.runAndReadAll(
      `SELECT line FROM read_csv(${sqlString(path)}, auto_detect = false, header = false, delim = '\u0001', quote = '', escape = '', columns = {'line': 'VARCHAR'}, strict_mode = false) LIMIT 1`,
    );
    const header = first.getRowObjectsJS()[0]?.line;
    if (typeof header !== 'string') return undefined;
    const columns = Array.from({ length: csvFieldCount(header) }, (_, k) => `'c${k}': 'VARCHAR'`);
    await connection.runAndReadAll(
      `SELECT count(*) FROM read_csv(${sqlString(path)}, ${CSV_DIALECT}, ${CSV_STRICT}, auto_detect = false, columns = {${columns.join(', ')}})`,
    );
    return undefined;
  } catch (error) {
    return csvLineError(messageOf(error));
  }
}

/** Fields in the header line: commas outside double quotes, plus one. */
function csvFieldCount(header: string): number {
  let fields = 1;
  let quoted = false;
  for (const char of header) {
    if (char === '"') quoted = !quoted;
    else if (char === ',' && !quoted) fields++;
  }
  return fields;
}

function firstLine(raw: string): string {
  return raw.split('\n')[0].replace(/^[^:]*Error: /, '').trim();
}

/** DuckDB's native errors are not always `instanceof Error` (Jest runs tests in another realm). */
function messageOf(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'message' in error && typeof error.message === 'string') return error.message;
  return String(error);
}
