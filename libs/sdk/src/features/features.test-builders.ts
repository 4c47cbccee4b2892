// Small builders of feature-store answers for the SDK's and the CLI's tests.
import type { FeatureEntity, FeatureView, Materialization, OnlineFeaturesResponse } from '@galley/contracts';

export function anEntity(overrides: Partial<FeatureEntity> = {}): FeatureEntity {
  return {
    name: 'station',
    joinKey: 'station_id',
    valueType: 'string',
    description: '',
    owner: 'ada',
    createdAt: '2025-01-01T00:00:00.000Z',
    ...overrides,
  };
}

export function aFeatureView(overrides: Partial<FeatureView> = {}): FeatureView {
  return {
    name: 'station-weather',
    revision: 1,
    entity: 'station',
    joinKey: 'station_id',
    source: { dataset: 'observations', version: 'latest' },
    timestampColumn: 'observed_at',
    features: [
      { name: 'temp_c', column: 'temp_c', type: 'float' },
      { name: 'wind_kmh', column: 'wind_kmh', type: 'float' },
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

export function aMaterialization(overrides: Partial<Materialization> = {}): Materialization {
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

/** Two stations and two features: s-1 has both values, s-404 was never materialized. */
export function anOnlineResponse(overrides: Partial<OnlineFeaturesResponse> = {}): OnlineFeaturesResponse {
  return {
    features: ['station-weather:temp_c', 'station-weather:wind_kmh'],
    views: ['station-weather'],
    results: [
      { entity: { station_id: 's-1' }, values: [11.5, 20], statuses: ['present', 'present'], eventTimestamps: ['2025-03-04T06:00:00.000Z'] },
      { entity: { station_id: 's-404' }, values: [null, null], statuses: ['missing', 'missing'], eventTimestamps: [null] },
    ],
    ...overrides,
  };
}
