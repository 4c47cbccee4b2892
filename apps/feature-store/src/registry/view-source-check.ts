import type { ColumnSchema, FeatureValueType, FeatureViewDefinition, LogicalType } from '@galley/contracts';
import { DomainError } from '@galley/messaging';

/** Which column types each feature type can be read from without losing meaning. */
const COMPATIBLE: Record<FeatureValueType, readonly LogicalType[]> = {
  float: ['float', 'integer'],
  integer: ['integer'],
  string: ['string', 'integer', 'boolean', 'date'],
  boolean: ['boolean'],
  timestamp: ['timestamp', 'date'],
};

/**
 * Checks a view's definition against the schema of its source version: the join key, the event-time
 * column and every feature column exist, the event time is a date or timestamp, and each feature's
 * type fits its column. Each problem is named, so the whole definition can be fixed in one go.
 */
export function checkViewAgainstSource(definition: FeatureViewDefinition, joinKey: string, columns: readonly ColumnSchema[], source: string): void {
  const byName = new Map(columns.map((column) => [column.name, column]));
  const missing: Array<{ field: string; column: string }> = [];
  if (!byName.has(joinKey)) missing.push({ field: 'entity', column: joinKey });
  const timestamp = byName.get(definition.timestampColumn);
  if (!timestamp) missing.push({ field: 'timestampColumn', column: definition.timestampColumn });
  definition.features.forEach((feature, index) => {
    const column = feature.column ?? feature.name;
    if (!byName.has(column)) missing.push({ field: `features.${index}.column`, column });
  });
  if (missing.length > 0) {
    throw new DomainError('features.column_not_found', `${source} has no column ${missing.map((entry) => `"${entry.column}"`).join(', ')}`, {
      errors: missing.map((entry) => ({ field: entry.field, message: `no column "${entry.column}" in ${source}` })),
    });
  }
  if (timestamp && timestamp.logicalType !== 'timestamp' && timestamp.logicalType !== 'date') {
    throw new DomainError('features.not_a_timestamp', `"${definition.timestampColumn}" in ${source} is ${timestamp.type}, not a date or timestamp`, {
      errors: [{ field: 'timestampColumn', message: `is ${timestamp.type}` }],
    });
  }
  const mismatched = definition.features.flatMap((feature, index) => {
    const column = byName.get(feature.column ?? feature.name) as ColumnSchema;
    return COMPATIBLE[feature.type].includes(column.logicalType) ? [] : [{ field: `features.${index}.type`, message: `"${column.name}" is ${column.type}, which is not a ${feature.type}` }];
  });
  if (mismatched.length > 0) {
    throw new DomainError('validation_failed', `feature types do not fit their columns: ${mismatched.map((entry) => entry.message).join('; ')}`, { errors: mismatched });
  }
}
