import type { ColumnSchema, FeatureValueType, FeatureView, LogicalType } from '@galley/contracts';
import type { FeatureViewInput } from '@galley/sdk';

/** One feature row of the view form, as typed. */
export interface FeatureDraft {
  name: string;
  /** Empty means "the column named like the feature". */
  column: string;
  type: FeatureValueType;
}

/** The view form as typed: text everywhere, parsed only when sent. */
export interface ViewDraft {
  name: string;
  entity: string;
  dataset: string;
  /** `latest` or a version number. */
  version: string;
  timestampColumn: string;
  /** Seconds; empty or 0 means values never expire. */
  ttlSeconds: string;
  description: string;
  /** Comma-separated. */
  tags: string;
  features: FeatureDraft[];
}

export const FEATURE_VALUE_TYPES: readonly FeatureValueType[] = ['float', 'integer', 'string', 'boolean', 'timestamp'];

export function emptyViewDraft(): ViewDraft {
  return { name: '', entity: '', dataset: '', version: 'latest', timestampColumn: '', ttlSeconds: '', description: '', tags: '', features: [emptyFeature()] };
}

export function emptyFeature(): FeatureDraft {
  return { name: '', column: '', type: 'float' };
}

/** The current definition of a view as a draft: editing it and saving makes the next revision. */
export function draftFromView(view: FeatureView): ViewDraft {
  return {
    name: view.name,
    entity: view.entity,
    dataset: view.source.dataset,
    version: String(view.source.version),
    timestampColumn: view.timestampColumn,
    ttlSeconds: view.ttlSeconds === 0 ? '' : String(view.ttlSeconds),
    description: view.description,
    tags: view.tags.join(', '),
    features: view.features.map((feature) => ({ name: feature.name, column: feature.column === feature.name ? '' : feature.column, type: feature.type })),
  };
}

export type DraftResult = { ok: true; definition: FeatureViewInput } | { ok: false; errors: Record<string, string> };

/**
 * The definition to send, or the fields that cannot be read as numbers. Everything else (names,
 * columns, types) is for the server to judge: it knows the source's schema and says what is wrong.
 */
export function definitionFromDraft(draft: ViewDraft): DraftResult {
  const errors: Record<string, string> = {};
  const versionText = draft.version.trim().toLowerCase();
  const version = versionText === '' || versionText === 'latest' ? 'latest' : Number(versionText);
  if (version !== 'latest' && (!Number.isInteger(version) || version < 1)) errors['source.version'] = 'a version number (1, 2, …) or latest';
  const ttlText = draft.ttlSeconds.trim();
  const ttlSeconds = ttlText === '' ? 0 : Number(ttlText);
  if (!Number.isInteger(ttlSeconds) || ttlSeconds < 0) errors['ttlSeconds'] = 'whole seconds, 0 or more (empty: never expires)';
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    definition: {
      name: draft.name.trim(),
      entity: draft.entity.trim(),
      source: { dataset: draft.dataset.trim(), version },
      timestampColumn: draft.timestampColumn.trim(),
      features: draft.features.map((feature) => {
        const name = feature.name.trim();
        const column = feature.column.trim();
        return column && column !== name ? { name, column, type: feature.type } : { name, type: feature.type };
      }),
      ttlSeconds,
      description: draft.description.trim(),
      tags: splitList(draft.tags),
    },
  };
}

/** `a, b,,c` → ['a', 'b', 'c']. */
export function splitList(text: string): string[] {
  return text
    .split(/[,\n]/)
    .map((part) => part.trim())
    .filter(Boolean);
}

/** The feature type a column can be read as without losing meaning, or null for types features cannot hold. */
export function featureTypeFor(logicalType: LogicalType): FeatureValueType | null {
  switch (logicalType) {
    case 'float':
      return 'float';
    case 'integer':
      return 'integer';
    case 'string':
      return 'string';
    case 'boolean':
      return 'boolean';
    case 'date':
    case 'timestamp':
      return 'timestamp';
    case 'other':
      return null;
  }
}

/** A valid feature name for a column: lower-case, `_` for anything else, never starting with a digit. */
export function featureNameFor(column: string): string {
  const base = column
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, '_')
    .replace(/^_+|_+$/g, '');
  const name = /^[a-z_]/.test(base) ? base : `f_${base}`;
  return name.slice(0, 63) || 'feature';
}

/** Columns that can be a view's event time. */
export function timestampColumns(columns: readonly ColumnSchema[]): ColumnSchema[] {
  return columns.filter((column) => column.logicalType === 'timestamp' || column.logicalType === 'date');
}

/**
 * One feature per column of the source, except the join key and the event time: the starting point of
 * a view over a table whose columns are all features.
 */
export function featuresFromColumns(columns: readonly ColumnSchema[], exclude: readonly string[]): FeatureDraft[] {
  const drafts: FeatureDraft[] = [];
  const used = new Set<string>();
  for (const column of columns) {
    if (exclude.includes(column.name)) continue;
    const type = featureTypeFor(column.logicalType);
    if (!type) continue;
    let name = featureNameFor(column.name);
    for (let n = 2; used.has(name); n += 1) name = `${featureNameFor(column.name).slice(0, 60)}_${n}`;
    used.add(name);
    drafts.push({ name, column: name === column.name ? '' : column.name, type });
  }
  return drafts;
}

/** Codes of a refused view whose problem belongs to one input. */
export const VIEW_FIELD_OF_CODE = {
  'features.entity_not_found': 'entity',
  'catalog.dataset_not_found': 'source.dataset',
  'catalog.version_not_found': 'source.version',
  'features.rejected_source': 'source.version',
  'features.not_a_timestamp': 'timestampColumn',
} as const;

/** Every path an input of the view form shows; the rest is listed above the form. */
export function isViewFormField(path: string, featureCount: number): boolean {
  if (['name', 'entity', 'source', 'source.dataset', 'source.version', 'timestampColumn', 'ttlSeconds', 'description', 'features'].includes(path)) return true;
  if (path.startsWith('tags')) return true;
  const row = /^features\.(\d+)(?:\.(?:name|column|type))?$/.exec(path);
  return row !== null && Number(row[1]) < featureCount;
}
