import type { TableFormat } from '@galley/contracts';

const FORMAT_BY_MEDIA_TYPE: Record<string, TableFormat> = {
  'text/csv': 'csv',
  'application/csv': 'csv',
  'application/vnd.apache.parquet': 'parquet',
  'application/x-parquet': 'parquet',
  'application/x-ndjson': 'jsonl',
  'application/jsonl': 'jsonl',
  'application/jsonlines': 'jsonl',
};

/** The format of an upload: `?format=` wins, then the Content-Type; null when neither says. */
export function uploadFormat(explicit: TableFormat | undefined, contentType: string | undefined): TableFormat | null {
  if (explicit) return explicit;
  const mediaType = contentType?.split(';')[0]?.trim().toLowerCase();
  return mediaType ? (FORMAT_BY_MEDIA_TYPE[mediaType] ?? null) : null;
}

export const MEDIA_TYPE_OF: Record<TableFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  parquet: 'application/vnd.apache.parquet',
  jsonl: 'application/x-ndjson; charset=utf-8',
};
