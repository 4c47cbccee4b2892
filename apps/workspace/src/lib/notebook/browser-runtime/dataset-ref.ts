import { DatasetNameSchema } from '@galley/contracts';
import type { FeatureSpec, LogicalType } from '@galley/contracts';

/** `penguins@2` → version 2; `penguins` or `penguins@latest` → the newest accepted version. */
export function parseDatasetRef(ref: string): { name: string; version: number | 'latest' } {
  const at = ref.lastIndexOf('@');
  const name = at === -1 ? ref : ref.slice(0, at);
  const versionText = at === -1 ? 'latest' : ref.slice(at + 1);
  if (!DatasetNameSchema.safeParse(name).success) throw new Error(`galley.dataset: ${JSON.stringify(name)} is not a dataset name`);
  if (versionText === 'latest') return { name, version: 'latest' };
  const version = Number(versionText);
  if (!/^\d+$/.test(versionText) || !Number.isSafeInteger(version) || version < 1) {
    throw new Error(`galley.dataset: the version in ${JSON.stringify(ref)} must be a whole number from 1, or latest`);
  }
  return { name, version };
}

export interface ColumnInfo {
  name: string;
  logicalType: LogicalType;
}

/**
 * The task a target implies when the cell does not say: text and booleans are classes, floats are
 * a regression, integers are classes when there are few distinct values (≤ 20), otherwise a regression.
 */
export function inferTask(column: ColumnInfo, distinctValues: number): 'classification' | 'regression' {
  if (column.logicalType === 'float') return 'regression';
  if (column.logicalType === 'integer') return distinctValues <= 20 ? 'classification' : 'regression';
  return 'classification';
}

/** Every column but the target that can be a feature (numbers, text, booleans), in the dataset's order. */
export function defaultFeatures(columns: readonly ColumnInfo[], target: string): FeatureSpec[] {
  return columns.filter((column) => column.name !== target && ['integer', 'float', 'string', 'boolean'].includes(column.logicalType)).map((column) => ({ name: column.name }));
}
