// Builders of catalog answers for the SDK's tests: each gives a valid contract object, and a test
// overrides only the fields it is about.
import type { ColumnProfile, Dataset, DatasetVersion, ExpectationResult, TableProfile, ValidationReport } from '@galley/contracts';

export function aDataset(overrides: Partial<Dataset> = {}): Dataset {
  return {
    id: 'ds-1',
    name: 'weather',
    description: 'daily weather',
    tags: ['demo'],
    owner: 'ada',
    createdAt: '2025-03-04T05:06:07.000Z',
    updatedAt: '2025-03-04T05:06:07.000Z',
    ...overrides,
  };
}

export function aVersion(overrides: Partial<DatasetVersion> = {}): DatasetVersion {
  return {
    dataset: 'weather',
    version: 1,
    sha256: '0f38b53bdc1c42c5e5d484f33b9d4d7b229e0e590f38b53bdc1c42c5e5d484f3',
    size: 48_219,
    format: 'csv',
    rowCount: 1461,
    columns: [
      { name: 'date', type: 'DATE', logicalType: 'date', nullable: false },
      { name: 'temp_max', type: 'DOUBLE', logicalType: 'float', nullable: true },
      { name: 'weather', type: 'VARCHAR', logicalType: 'string', nullable: false },
    ],
    uploader: 'ada',
    createdAt: '2025-03-04T05:06:07.000Z',
    status: 'accepted',
    validation: 'passed',
    schemaChange: null,
    ...overrides,
  };
}

export function aColumnProfile(overrides: Partial<ColumnProfile> = {}): ColumnProfile {
  return {
    name: 'temp_max',
    type: 'DOUBLE',
    logicalType: 'float',
    count: 1461,
    nullCount: 0,
    nullFraction: 0,
    distinctCount: 67,
    min: -1.6,
    max: 35.6,
    mean: 16.439083,
    std: 7.3,
    quantiles: null,
    histogram: null,
    topValues: null,
    formulaLikeCount: 0,
    ...overrides,
  };
}

export function aProfile(columns: ColumnProfile[] = [aColumnProfile()], rowCount = 1461): TableProfile {
  return { rowCount, columns };
}

export function aResult(overrides: Partial<ExpectationResult> = {}): ExpectationResult {
  return {
    expectation: { kind: 'between', column: 'temp_max', min: -30, max: 50, severity: 'blocking' },
    success: true,
    observed: { min: -1.6, max: 35.6 },
    unexpectedCount: 0,
    failingExamples: [],
    ...overrides,
  };
}

export function aReport(overrides: Partial<ValidationReport> = {}): ValidationReport {
  return {
    dataset: 'weather',
    version: 1,
    status: 'accepted',
    outcome: 'passed',
    suiteRevision: 1,
    validatedAt: '2025-03-04T05:06:08.000Z',
    results: [aResult()],
    ...overrides,
  };
}
