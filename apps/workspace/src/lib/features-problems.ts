import { isGalleyApiError } from '@galley/sdk';
import type { GalleyErrorCode } from '@galley/sdk';

/** Field path (`name`, `source.version`, `features.2.column`) → the first message the server gave for it. */
export type ProblemFields = Record<string, string>;

/**
 * The problems of a refused form, by field. Validation issues keep their full path (a feature row's
 * column is told apart from its type); a problem without issues lands on the field its code is about
 * (`features.entity_not_found` on the entity), so the user sees it next to what to change.
 */
export function problemFields(error: unknown, fieldOfCode: Partial<Record<GalleyErrorCode, string>> = {}): ProblemFields {
  if (!isGalleyApiError(error)) return {};
  const fields: ProblemFields = {};
  for (const issue of error.errors) fields[issue.field] ??= issue.message;
  const field = fieldOfCode[error.code];
  if (field && error.errors.length === 0) fields[field] ??= error.detail || error.title;
  return fields;
}

/**
 * The message for one input: its own path, or with `deeper` a path under it (`tags.2` shows on
 * `tags`). The features list leaves `deeper` off: its rows show their own problems.
 */
export function messageFor(fields: ProblemFields, field: string, deeper = true): string | undefined {
  if (fields[field]) return fields[field];
  if (!deeper) return undefined;
  const path = Object.keys(fields).find((candidate) => candidate.startsWith(`${field}.`));
  return path === undefined ? undefined : fields[path];
}

/** Issues no input shows (`(root)`, an unknown field), so they are not lost under the form. */
export function unplacedMessages(fields: ProblemFields, placed: (path: string) => boolean): string[] {
  return Object.entries(fields)
    .filter(([path]) => !placed(path))
    .map(([path, message]) => (path === '(root)' ? message : `${path}: ${message}`));
}
