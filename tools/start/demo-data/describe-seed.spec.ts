import type { DatasetVersion } from '@galley/contracts';
import { describeSeed } from './describe-seed';

function aVersion(overrides: Partial<DatasetVersion> = {}): DatasetVersion {
  return {
    dataset: 'seattle-weather',
    version: 1,
    sha256: 'a'.repeat(64),
    size: 48_219,
    format: 'csv',
    rowCount: 1461,
    columns: [],
    uploader: 'admin',
    createdAt: '2025-01-01T00:00:00.000Z',
    status: 'accepted',
    validation: 'passed',
    schemaChange: null,
    ...overrides,
  };
}

const penguins = aVersion({ dataset: 'penguins', rowCount: 344, format: 'jsonl' });

describe('describeSeed', () => {
  it('lists what a first start added, with row counts', () => {
    expect(
      describeSeed([
        { kind: 'seeded', dataset: 'seattle-weather', version: aVersion(), created: true },
        { kind: 'seeded', dataset: 'penguins', version: penguins, created: true },
      ]),
    ).toBe('Demo data: added seattle-weather v1 (1,461 rows), penguins v1 (344 rows)');
  });

  it('says nothing changed when every dataset was already there', () => {
    expect(
      describeSeed([
        { kind: 'seeded', dataset: 'seattle-weather', version: aVersion(), created: false },
        { kind: 'seeded', dataset: 'penguins', version: penguins, created: false },
      ]),
    ).toBe('Demo data: seattle-weather v1, penguins v1 already there, nothing changed');
  });

  it('names a rejected version and a dataset it left alone', () => {
    expect(
      describeSeed([
        { kind: 'seeded', dataset: 'seattle-weather', version: aVersion({ status: 'rejected', validation: 'failed' }), created: true },
        { kind: 'skipped', dataset: 'penguins', reason: 'a dataset of that name exists without the "demo" tag' },
      ]),
    ).toBe('Demo data: added seattle-weather v1 (1,461 rows, REJECTED by its expectations); left alone: penguins (a dataset of that name exists without the "demo" tag)');
  });
});
