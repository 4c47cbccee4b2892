import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { RegisteredVersion, TableFormat } from '@galley/contracts';
import type { GalleyClient, UploadVersionOptions } from '../galley-client';
import { formatFromFileName, unknownFormatMessage } from '../table-format';

/** A local file that can be uploaded: it exists, is a regular non-empty file, and has a format. */
export interface UploadableFile {
  path: string;
  fileName: string;
  format: TableFormat;
  size: number;
}

/** A local file that cannot be uploaded as it is; the message says what to do about it. */
export class UploadFileError extends Error {
  override readonly name = 'UploadFileError';
}

/**
 * Checks `path` before anything is sent or created: the format comes from `format`, else from the
 * extension. Throws UploadFileError for a missing file, a directory, an empty file or an unknown format.
 */
export async function inspectUploadFile(path: string, format?: TableFormat): Promise<UploadableFile> {
  let stats;
  try {
    stats = await stat(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new UploadFileError(`no file at ${path}: check the path`, { cause: error });
    if (code === 'EACCES') throw new UploadFileError(`cannot read ${path}: permission denied`, { cause: error });
    throw error;
  }
  if (stats.isDirectory()) throw new UploadFileError(`${path} is a directory: give one CSV, Parquet or JSON Lines file`);
  if (!stats.isFile()) throw new UploadFileError(`${path} is not a regular file: give one CSV, Parquet or JSON Lines file`);
  if (stats.size === 0) throw new UploadFileError(`${path} is empty: there is nothing to upload`);
  const resolved = format ?? formatFromFileName(path);
  if (!resolved) throw new UploadFileError(unknownFormatMessage(path));
  return { path, fileName: basename(path), format: resolved, size: stats.size };
}

export type UploadFileOptions = Omit<UploadVersionOptions, 'size'>;

/** Uploads a local file as a new version of `dataset`, streamed from disk a chunk at a time. */
export async function uploadFile(
  client: GalleyClient,
  dataset: string,
  path: string,
  options: UploadFileOptions = {},
): Promise<RegisteredVersion> {
  const file = await inspectUploadFile(path, options.format);
  return uploadInspectedFile(client, dataset, file, options.onProgress);
}

/** The upload half of `uploadFile`, for callers that inspected the file first (to report on it). */
export function uploadInspectedFile(
  client: GalleyClient,
  dataset: string,
  file: UploadableFile,
  onProgress?: UploadVersionOptions['onProgress'],
): Promise<RegisteredVersion> {
  // Exactly the bytes that were measured: a file still growing would otherwise overrun Content-Length.
  const content = createReadStream(file.path, { start: 0, end: file.size - 1, highWaterMark: 256 * 1024 });
  return client.uploadVersion(dataset, content, { format: file.format, size: file.size, onProgress });
}
