// Builders of feature-store values for the workspace's unit tests.
import type { ColumnSchema, FeatureView, Materialization } from '@galley/contracts';

export function aView(overrides: Partial<FeatureView> = {}): FeatureView {
  return {
    name: 'station-weather',
    revision: 1,
    entity: 'station',
    joinKey: 'station_id',
    source: { dataset: 'observations', version: 'latest' },
    timestampColumn: 'observed_at',
    features: [
      { name: 'temp_c', column: 'temp_c', type: 'float' },
      { name: 'wind', column: 'wind_kmh', type: 'float' },
    ],
    ttlSeconds: 0,
    description: '',
    tags: [],
    owner: 'ada',
    createdAt: '2025-01-01T00:00:00.000Z',
    updatedAt: '2025-01-01T00:00:00.000Z',
    ...overrides,
  };
}

export function aRun(overrides: Partial<Materialization> = {}): Materialization {
  return {
    id: '0f6b8f8e-4a4f-4d7e-9a43-1c2d3e4f5a6b',
    view: 'station-weather',
    viewRevision: 1,
    source: { dataset: 'observations', version: 1 },
    status: 'running',
    start: null,
    end: null,
    rowsScanned: 0,
    entitiesWritten: 0,
    entitiesTotal: null,
    error: null,
    startedAt: '2025-01-01T00:00:00.000Z',
    finishedAt: null,
    ...overrides,
  };
}

export function aColumn(name: string, logicalType: ColumnSchema['logicalType'], type = 'VARCHAR'): ColumnSchema {
  return { name, type, logicalType, nullable: true };
}
