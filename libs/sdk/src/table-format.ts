import type { TableFormat } from '@galley/contracts';

/** The Content-Type the gateway reads an upload's format from. */
export const MEDIA_TYPE_OF_FORMAT: Record<TableFormat, string> = {
  csv: 'text/csv',
  parquet: 'application/vnd.apache.parquet',
  jsonl: 'application/x-ndjson',
};

const FORMAT_OF_EXTENSION: Record<string, TableFormat> = {
  csv: 'csv',
  parquet: 'parquet',
  pq: 'parquet',
  jsonl: 'jsonl',
  ndjson: 'jsonl',
};

/** The extensions `formatFromFileName` knows, for error messages. */
export const KNOWN_TABLE_EXTENSIONS: readonly string[] = Object.keys(FORMAT_OF_EXTENSION).map((extension) => `.${extension}`);

/** The table format a file name's extension names (case-insensitive), or undefined when it names none. */
export function formatFromFileName(fileName: string): TableFormat | undefined {
  const base = fileName.split(/[\\/]/).pop() ?? '';
  const dot = base.lastIndexOf('.');
  if (dot <= 0) return undefined;
  return FORMAT_OF_EXTENSION[base.slice(dot + 1).toLowerCase()];
}

/**
 * Why a file name gives no format, in words a user can act on. A `.json` file is usually a JSON
 * array, which is not JSON Lines: saying so beats a generic "unknown extension".
 */
export function unknownFormatMessage(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  const dot = base.lastIndexOf('.');
  const extension = dot > 0 ? base.slice(dot).toLowerCase() : '';
  const known = KNOWN_TABLE_EXTENSIONS.join(', ');
  if (extension === '.json') {
    return `${fileName}: a .json file is not JSON Lines; write one JSON object per line to a .jsonl file, or name the format (csv, parquet, jsonl) if it already is JSON Lines`;
  }
  const reason = extension ? `${extension} is not one of ${known}` : `it has no extension (${known})`;
  return `cannot tell the format of ${fileName}: ${reason}; rename it or name the format (csv, parquet, jsonl)`;
}
