import { DatasetVersionSchema, ProblemDetailsSchema } from '@galley/contracts';
import type { DatasetVersion } from '@galley/contracts';
import { GalleyApiError } from '@galley/sdk';

/**
 * Uploading a version from the browser. This is the one call the workspace makes without the SDK:
 * fetch cannot report upload progress, XMLHttpRequest can, and a multi-megabyte file deserves a real
 * progress bar.
 */

/** The file goes up as-is; the gateway reads its format from the Content-Type. */
const MEDIA_TYPE_BY_EXTENSION: Record<string, string> = {
  csv: 'text/csv',
  parquet: 'application/vnd.apache.parquet',
  jsonl: 'application/x-ndjson',
  ndjson: 'application/x-ndjson',
};

export const ACCEPTED_EXTENSIONS = Object.keys(MEDIA_TYPE_BY_EXTENSION).map((extension) => `.${extension}`);

/**
 * The Content-Type for a file. The extension decides, because browsers guess badly (a .csv is often
 * `application/vnd.ms-excel`, a .parquet has no type at all). An unknown extension goes with whatever
 * the browser said, so the gateway's 415 names the problem rather than a rule duplicated here.
 */
export function uploadMediaType(fileName: string, browserType: string): string {
  const extension = /\.([^.]+)$/.exec(fileName)?.[1]?.toLowerCase();
  const known = extension ? MEDIA_TYPE_BY_EXTENSION[extension] : undefined;
  return known ?? (browserType || 'application/octet-stream');
}

export interface UploadProgress {
  loaded: number;
  total: number;
}

/** 201: a new version; 200: the same bytes already were `version`, nothing new was stored. */
export interface UploadOutcome {
  created: boolean;
  version: DatasetVersion;
}

/** The part of XMLHttpRequest an upload uses, so tests can stand in for the browser's. */
export interface UploadRequest {
  open(method: string, url: string): void;
  setRequestHeader(name: string, value: string): void;
  send(body: Blob): void;
  abort(): void;
  readonly status: number;
  readonly statusText: string;
  readonly responseText: string;
  readonly upload: { onprogress: ((event: ProgressEvent) => void) | null };
  onload: ((event: ProgressEvent) => void) | null;
  onerror: ((event: ProgressEvent) => void) | null;
  onabort: ((event: ProgressEvent) => void) | null;
}

export interface UploadVersionOptions {
  dataset: string;
  file: File;
  onProgress?: (progress: UploadProgress) => void;
  signal?: AbortSignal;
  createRequest?: () => UploadRequest;
}

export function versionsUrl(dataset: string): string {
  return `/api/v1/datasets/${encodeURIComponent(dataset)}/versions`;
}

/** PUTs the file as the body of `/datasets/{name}/versions`; failures are GalleyApiErrors. */
export function uploadVersion(options: UploadVersionOptions): Promise<UploadOutcome> {
  const { dataset, file, onProgress, signal } = options;
  const url = versionsUrl(dataset);
  const request = (options.createRequest ?? (() => new XMLHttpRequest()))();

  return new Promise<UploadOutcome>((resolve, reject) => {
    if (signal?.aborted) {
      reject(cancelled(url));
      return;
    }
    const onAbortSignal = () => request.abort();
    signal?.addEventListener('abort', onAbortSignal, { once: true });
    const settle = () => signal?.removeEventListener('abort', onAbortSignal);

    request.open('PUT', url);
    request.setRequestHeader('content-type', uploadMediaType(file.name, file.type));
    request.setRequestHeader('accept', 'application/json, application/problem+json');
    request.upload.onprogress = (event) => {
      onProgress?.({ loaded: event.loaded, total: event.lengthComputable ? event.total : file.size });
    };
    request.onload = () => {
      settle();
      try {
        resolve(outcomeOf(request.status, request.statusText, request.responseText, url));
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    };
    request.onerror = () => {
      settle();
      reject(
        new GalleyApiError({
          status: 0,
          code: 'network_error',
          title: 'Network error',
          detail: `the upload to ${url} failed before the server answered (connection lost or refused)`,
          url,
          method: 'PUT',
        }),
      );
    };
    request.onabort = () => {
      settle();
      reject(cancelled(url));
    };
    request.send(file);
  });
}

function outcomeOf(status: number, statusText: string, bodyText: string, url: string): UploadOutcome {
  if (status === 200 || status === 201) {
    const parsed = DatasetVersionSchema.safeParse(parseJson(bodyText));
    if (!parsed.success) {
      throw new GalleyApiError({
        status,
        code: 'invalid_response',
        title: 'Unexpected response',
        detail: `PUT ${url} answered ${status}, but the body does not match the contract`,
        url,
        method: 'PUT',
        cause: parsed.error,
      });
    }
    return { created: status === 201, version: parsed.data };
  }
  throw errorOfAnswer(status, statusText, bodyText, url);
}

/** A problem+json answer as sent; anything else (a proxy's HTML page) still names the status. */
function errorOfAnswer(status: number, statusText: string, bodyText: string, url: string): GalleyApiError {
  const problem = ProblemDetailsSchema.safeParse(parseJson(bodyText));
  if (problem.success) {
    return new GalleyApiError({
      status,
      code: problem.data.code,
      title: problem.data.title,
      detail: problem.data.detail,
      errors: problem.data.errors,
      requestId: problem.data.requestId,
      url,
      method: 'PUT',
    });
  }
  const title = statusText || `HTTP ${status}`;
  const snippet = bodyText.trim().slice(0, 200);
  return new GalleyApiError({
    status,
    code: status === 413 ? 'payload_too_large' : status === 415 ? 'unsupported_media_type' : 'internal',
    title,
    detail: `PUT ${url} answered ${status} ${title}${snippet ? `: ${snippet}` : ''}`,
    url,
    method: 'PUT',
  });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Cancelling is the user's choice, not a failure; callers tell it apart with instanceof. */
export class UploadCancelledError extends Error {
  override readonly name = 'UploadCancelledError';
}

function cancelled(url: string): UploadCancelledError {
  return new UploadCancelledError(`the upload to ${url} was cancelled`);
}
