import { ExpectationSchema, LogicalTypeSchema } from '@galley/contracts';
import type { Expectation, ExpectationInput, ExpectationKind, ExpectationSeverity, LogicalType } from '@galley/contracts';
import { isGalleyApiError } from '@galley/sdk';

/**
 * The expectations editor's form state and how it becomes a contract Expectation. Every field is the
 * text the user typed; turning text into numbers, dates or sets depends on the column's type, which
 * only the selected version knows.
 */

export const EXPECTATION_KINDS: ReadonlyArray<{ kind: ExpectationKind; label: string }> = [
  { kind: 'between', label: 'Values between min and max' },
  { kind: 'not_null', label: 'Not null (at most a fraction of nulls)' },
  { kind: 'in_set', label: 'Values in a set' },
  { kind: 'unique', label: 'Values unique' },
  { kind: 'matches_regex', label: 'Values match a pattern' },
  { kind: 'column_exists', label: 'Column exists' },
  { kind: 'column_type', label: 'Column has a type' },
  { kind: 'row_count_between', label: 'Row count between min and max' },
];

export const LOGICAL_TYPES: readonly LogicalType[] = LogicalTypeSchema.options;

export interface ExpectationDraft {
  kind: ExpectationKind;
  severity: ExpectationSeverity;
  column: string;
  description: string;
  type: LogicalType;
  maxNullFraction: string;
  min: string;
  max: string;
  values: string;
  pattern: string;
}

export function emptyDraft(): ExpectationDraft {
  return {
    kind: 'between',
    severity: 'blocking',
    column: '',
    description: '',
    type: 'integer',
    maxNullFraction: '0',
    min: '',
    max: '',
    values: '',
    pattern: '',
  };
}

/** Which inputs a kind needs, so the form shows only those. */
export function fieldsOf(kind: ExpectationKind): ReadonlyArray<'column' | 'type' | 'maxNullFraction' | 'min' | 'max' | 'values' | 'pattern'> {
  switch (kind) {
    case 'column_exists':
    case 'unique':
      return ['column'];
    case 'column_type':
      return ['column', 'type'];
    case 'not_null':
      return ['column', 'maxNullFraction'];
    case 'between':
      return ['column', 'min', 'max'];
    case 'in_set':
      return ['column', 'values'];
    case 'matches_regex':
      return ['column', 'pattern'];
    case 'row_count_between':
      return ['min', 'max'];
  }
}

export type DraftResult = { ok: true; expectation: Expectation } | { ok: false; errors: Partial<Record<keyof ExpectationDraft, string>> };

/**
 * The expectation a draft describes, checked with the contract's own schema so the form refuses what
 * the API would. `columnType` (from the selected version's schema) decides whether `5` is a number.
 */
export function expectationFromDraft(draft: ExpectationDraft, columnType?: LogicalType): DraftResult {
  const errors: Partial<Record<keyof ExpectationDraft, string>> = {};
  const common = {
    severity: draft.severity,
    ...(draft.description.trim() ? { description: draft.description.trim() } : {}),
  };
  const column = draft.column.trim();
  let candidate: Record<string, unknown>;
  switch (draft.kind) {
    case 'column_exists':
    case 'unique':
      candidate = { kind: draft.kind, column, ...common };
      break;
    case 'column_type':
      candidate = { kind: draft.kind, column, type: draft.type, ...common };
      break;
    case 'not_null': {
      const text = draft.maxNullFraction.trim();
      const fraction = text === '' ? 0 : Number(text);
      if (Number.isNaN(fraction)) errors.maxNullFraction = 'a number from 0 to 1';
      candidate = { kind: draft.kind, column, maxNullFraction: fraction, ...common };
      break;
    }
    case 'between': {
      const min = parseBound(draft.min, columnType);
      const max = parseBound(draft.max, columnType);
      const expected = columnType === 'integer' ? 'a whole number' : 'a number';
      if (min === null) errors.min = expected;
      if (max === null) errors.max = expected;
      candidate = { kind: draft.kind, column, ...optional('min', min), ...optional('max', max), ...common };
      break;
    }
    case 'in_set': {
      const values = parseSetValues(draft.values, columnType);
      if (values === null) errors.values = columnType === 'boolean' ? 'true or false, comma-separated' : 'numbers, comma-separated';
      candidate = { kind: draft.kind, column, values: values ?? [], ...common };
      break;
    }
    case 'matches_regex':
      candidate = { kind: draft.kind, column, pattern: draft.pattern, ...common };
      break;
    case 'row_count_between': {
      const min = parseBound(draft.min, 'integer');
      const max = parseBound(draft.max, 'integer');
      if (min === null) errors.min = 'a whole number';
      if (max === null) errors.max = 'a whole number';
      candidate = { kind: draft.kind, ...optional('min', min), ...optional('max', max), ...common };
      break;
    }
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };

  const parsed = ExpectationSchema.safeParse(candidate);
  if (parsed.success) return { ok: true, expectation: parsed.data };
  for (const issue of parsed.error.issues) {
    const field = String(issue.path[0] ?? '');
    // The "give min, max or both" refinement has no path of its own; it belongs next to min.
    const key = (field in draft ? field : 'min') as keyof ExpectationDraft;
    errors[key] ??= issue.message;
  }
  return { ok: false, errors };
}

function optional(key: 'min' | 'max', value: number | string | undefined | null) {
  return value === undefined || value === null ? {} : { [key]: value };
}

/**
 * A bound as the column compares it: a number for numeric columns (null when the text is not one),
 * text for dates, timestamps and strings, and for an unknown column whichever the text looks like.
 * Empty text is no bound (undefined).
 */
export function parseBound(text: string, columnType: LogicalType | undefined): number | string | undefined | null {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  const asNumber = Number(trimmed);
  if (columnType === 'integer' || columnType === 'float') {
    if (!Number.isFinite(asNumber)) return null;
    return columnType === 'integer' && !Number.isInteger(asNumber) ? null : asNumber;
  }
  if (columnType === undefined || columnType === 'other') return Number.isFinite(asNumber) ? asNumber : trimmed;
  return trimmed;
}

/** Comma-separated members typed as the column's values; null when one cannot be. */
export function parseSetValues(text: string, columnType: LogicalType | undefined): Array<string | number | boolean> | null {
  const parts = text
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '');
  if (columnType === 'integer' || columnType === 'float') {
    const numbers = parts.map(Number);
    return numbers.every(Number.isFinite) ? numbers : null;
  }
  if (columnType === 'boolean') {
    if (!parts.every((part) => part === 'true' || part === 'false')) return null;
    return parts.map((part) => part === 'true');
  }
  return parts;
}

/** One line a person reads: `price between 0 and 100`, `row count at least 10`. */
export function describeExpectation(expectation: ExpectationInput | Expectation): string {
  switch (expectation.kind) {
    case 'column_exists':
      return `column ${expectation.column} exists`;
    case 'column_type':
      return `${expectation.column} is of type ${expectation.type}`;
    case 'not_null': {
      const fraction = expectation.maxNullFraction ?? 0;
      return fraction === 0 ? `${expectation.column} has no nulls` : `${expectation.column} is null in at most ${fraction * 100}% of rows`;
    }
    case 'between':
      return `${expectation.column} ${rangeText(expectation.min, expectation.max)}`;
    case 'in_set': {
      const shown = expectation.values.slice(0, 8).map((value) => (typeof value === 'string' ? JSON.stringify(value) : String(value)));
      const more = expectation.values.length > 8 ? `, … (${expectation.values.length} values)` : '';
      return `${expectation.column} in {${shown.join(', ')}${more}}`;
    }
    case 'unique':
      return `${expectation.column} is unique`;
    case 'matches_regex':
      return `${expectation.column} matches /${expectation.pattern}/`;
    case 'row_count_between':
      return `row count ${rangeText(expectation.min, expectation.max)}`;
  }
}

function rangeText(min: number | string | undefined, max: number | string | undefined): string {
  if (min !== undefined && max !== undefined) return `between ${min} and ${max}`;
  if (min !== undefined) return `at least ${min}`;
  return `at most ${max}`;
}

/**
 * The API's field issues for a PUT of the suite (`expectations.2.max`), by expectation index, so each
 * message can be shown beside the expectation it is about.
 */
export function issuesByExpectation(error: unknown): Map<number, string[]> {
  const byIndex = new Map<number, string[]>();
  if (!isGalleyApiError(error)) return byIndex;
  for (const issue of error.errors) {
    const match = /^expectations\.(\d+)(?:\.(.+))?$/.exec(issue.field);
    if (!match) continue;
    const index = Number(match[1]);
    const message = match[2] ? `${match[2]}: ${issue.message}` : issue.message;
    byIndex.set(index, [...(byIndex.get(index) ?? []), message]);
  }
  return byIndex;
}
