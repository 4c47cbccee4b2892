import { GalleyClient, isGalleyApiError } from '@galley/sdk';

/**
 * One client for the browser: same origin (the workspace proxies /api/*), authenticated by the
 * httpOnly session cookie, so no token is ever held in page memory.
 */
export const galleyApi = new GalleyClient({ baseUrl: '', credentials: 'same-origin' });

/** A short sentence for any failure, preferring the server's own problem detail. */
export function errorMessage(error: unknown): string {
  if (isGalleyApiError(error)) return error.detail || error.title;
  return error instanceof Error ? error.message : String(error);
}

/** Field name → message, from a problem's validation issues (`tags.2` is reported on `tags`). */
export function fieldErrors(error: unknown): Record<string, string> {
  if (!isGalleyApiError(error)) return {};
  const byField: Record<string, string> = {};
  for (const issue of error.errors) {
    const field = issue.field.split('.')[0] ?? issue.field;
    byField[field] ??= issue.message;
  }
  return byField;
}

/** Only same-site paths are followed after login, so a crafted ?next= cannot send users elsewhere. */
export function safeNextPath(next: string | null | undefined): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/data';
  if (next.startsWith('/login')) return '/data';
  return next;
}
