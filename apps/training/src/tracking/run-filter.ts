/**
 * The run search language, as MLflow users know it:
 *   metrics.val_auc > 0.9 and params.lr = 0.01 and tags.team = 'vision' and attributes.status = 'completed'
 * Comparisons joined by `and` (case-insensitive); values are numbers or single/double-quoted strings
 * (a doubled quote escapes itself). Parsed into conditions that become bound SQL parameters; no text of
 * a filter ever reaches SQL.
 */

export type Comparator = '=' | '!=' | '<' | '<=' | '>' | '>=';
export type FilterScope = 'metrics' | 'params' | 'tags' | 'attributes';

export const RUN_ATTRIBUTES = ['status', 'name', 'source', 'created_at', 'started_at', 'finished_at', 'created_by'] as const;
export type RunAttribute = (typeof RUN_ATTRIBUTES)[number];

export interface FilterCondition {
  scope: FilterScope;
  key: string;
  comparator: Comparator;
  value: number | string;
}

export interface RunOrder {
  scope: 'metrics' | 'params' | 'attributes';
  key: string;
  direction: 'asc' | 'desc';
}

export class RunFilterError extends Error {}

const TOKEN = /\s*(?:(and)\b|(metrics|params|tags|attributes)\.([A-Za-z0-9_\-./]+)|(!=|<=|>=|=|<|>)|(-?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)|'((?:[^']|'')*)'|"((?:[^"]|"")*)")/iy;

type Token =
  | { kind: 'and' }
  | { kind: 'field'; scope: FilterScope; key: string }
  | { kind: 'comparator'; comparator: Comparator }
  | { kind: 'value'; value: number | string };

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  TOKEN.lastIndex = 0;
  let position = 0;
  while (position < text.length) {
    if (/^\s*$/.test(text.slice(position))) break;
    TOKEN.lastIndex = position;
    const match = TOKEN.exec(text);
    if (!match) throw new RunFilterError(`cannot read the filter at "${text.slice(position, position + 20).trim()}" (position ${position})`);
    position = TOKEN.lastIndex;
    if (match[1]) tokens.push({ kind: 'and' });
    else if (match[2]) tokens.push({ kind: 'field', scope: match[2].toLowerCase() as FilterScope, key: match[3] });
    else if (match[4]) tokens.push({ kind: 'comparator', comparator: match[4] as Comparator });
    else if (match[5] !== undefined) tokens.push({ kind: 'value', value: finite(match[5]) });
    else if (match[6] !== undefined) tokens.push({ kind: 'value', value: match[6].replaceAll("''", "'") });
    else tokens.push({ kind: 'value', value: (match[7]).replaceAll('""', '"') });
  }
  return tokens;
}

/** `1e999` reads as Infinity, which SQLite and PostgreSQL would each compare in their own way. */
function finite(text: string): number {
  const value = Number(text);
  if (!Number.isFinite(value)) throw new RunFilterError(`${text} is not a finite number`);
  return value;
}

export function parseRunFilter(text: string | undefined): FilterCondition[] {
  if (text === undefined || text.trim() === '') return [];
  const tokens = tokenize(text);
  const conditions: FilterCondition[] = [];
  for (let index = 0; index < tokens.length; index += 4) {
    const [field, comparator, value, joiner] = tokens.slice(index, index + 4);
    if (field?.kind !== 'field') throw new RunFilterError(`expected metrics.<key>, params.<key>, tags.<key> or attributes.<name> in condition ${conditions.length + 1}`);
    if (comparator?.kind !== 'comparator') throw new RunFilterError(`expected a comparison (= != < <= > >=) after ${field.scope}.${field.key}`);
    if (value?.kind !== 'value') throw new RunFilterError(`expected a number or a quoted string after ${field.scope}.${field.key} ${comparator.comparator}`);
    if (joiner !== undefined && joiner.kind !== 'and') throw new RunFilterError(`conditions are joined with "and" (after condition ${conditions.length + 1})`);
    if (joiner !== undefined && index + 4 >= tokens.length) throw new RunFilterError('the filter ends with "and"');
    conditions.push(checked({ scope: field.scope, key: field.key, comparator: comparator.comparator, value: value.value }));
  }
  return conditions;
}

function checked(condition: FilterCondition): FilterCondition {
  if (condition.scope === 'metrics' && typeof condition.value !== 'number') throw new RunFilterError(`metrics.${condition.key} compares with a number`);
  if (condition.scope === 'tags' && !['=', '!='].includes(condition.comparator)) throw new RunFilterError(`tags.${condition.key} compares with = or !=`);
  if (condition.scope === 'attributes' && !(RUN_ATTRIBUTES as readonly string[]).includes(condition.key)) {
    throw new RunFilterError(`unknown attribute "${condition.key}"; known: ${RUN_ATTRIBUTES.join(', ')}`);
  }
  return condition;
}

export function parseRunOrder(text: string | undefined): RunOrder {
  if (text === undefined || text.trim() === '') return { scope: 'attributes', key: 'created_at', direction: 'desc' };
  const match = /^\s*(metrics|params|attributes)\.([A-Za-z0-9_\-./]+)(?:\s+(asc|desc))?\s*$/i.exec(text);
  if (!match) throw new RunFilterError('orderBy is metrics.<key>, params.<key> or attributes.<name>, then asc or desc');
  const order: RunOrder = { scope: match[1].toLowerCase() as RunOrder['scope'], key: match[2], direction: (match[3]?.toLowerCase() ?? 'asc') as 'asc' | 'desc' };
  if (order.scope === 'attributes' && !(RUN_ATTRIBUTES as readonly string[]).includes(order.key)) throw new RunFilterError(`unknown attribute "${order.key}"`);
  return order;
}
