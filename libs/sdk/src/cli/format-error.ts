import { isGalleyApiError } from '../galley-api.error';

/** The lines a CLI user sees for a failure: the problem's detail, each field error, and a hint. */
export function formatError(error: unknown): string {
  if (!isGalleyApiError(error)) {
    return `error: ${error instanceof Error ? error.message : String(error)}`;
  }
  const lines = [`error: ${error.detail || error.title}`];
  for (const issue of error.errors) lines.push(`  - ${issue.field}: ${issue.message}`);
  if (error.code === 'unauthenticated') lines.push('hint: run "galley login" (or set GALLEY_TOKEN)');
  if (error.code === 'forbidden') lines.push('hint: your roles do not allow this; ask an admin');
  if (error.requestId) lines.push(`(request id ${error.requestId})`);
  return lines.join('\n');
}
