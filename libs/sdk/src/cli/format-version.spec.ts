import { aColumnProfile, aProfile, aVersion } from '../catalog.test-builders';
import { columnsTable, schemaChangeText, versionSummary, versionsTable } from './format-version';

describe('version formatting', () => {
  it('summarises a version in one line: number, rows, short hash, status', () => {
    expect(versionSummary(aVersion())).toBe(
      'weather v1: 1,461 rows × 3 columns, csv, 47.1 KiB, sha256 0f38b53bdc1c, accepted (validation passed)',
    );
  });

  it('shouts a rejection', () => {
    expect(versionSummary(aVersion({ status: 'rejected', validation: 'failed' }))).toMatch(/REJECTED \(validation failed\)$/);
  });

  it('describes the schema change against the previous version', () => {
    const change = {
      previousVersion: 2,
      added: [{ name: 'wind', type: 'DOUBLE', logicalType: 'float' as const, nullable: true }],
      removed: [{ name: 'fog', type: 'BOOLEAN', logicalType: 'boolean' as const, nullable: true }],
      retyped: [{ name: 'temp_max', from: 'BIGINT', to: 'DOUBLE' }],
    };
    expect(schemaChangeText(aVersion({ version: 3, schemaChange: change }))).toBe('vs v2: +wind DOUBLE, -fog BOOLEAN, temp_max BIGINT → DOUBLE');
  });

  it('says when a version is the first, or kept the columns of the one before', () => {
    expect(schemaChangeText(aVersion({ version: 1 }))).toBe('first version');
    expect(schemaChangeText(aVersion({ version: 4 }))).toBe('unchanged since v3');
  });

  it('puts each column type beside its nulls, distinct count, min, max and mean', () => {
    const profile = aProfile(
      [
        aColumnProfile({ name: 'date', type: 'DATE', logicalType: 'date', distinctCount: 1461, min: '2012-01-01', max: '2015-12-31', mean: null }),
        aColumnProfile({ name: 'temp_max', nullCount: 15, nullFraction: 15 / 1461 }),
      ],
      1461,
    );
    const lines = columnsTable(aVersion(), profile).split('\n');

    expect(lines[0]).toMatch(/^COLUMN\s+TYPE\s+NULLS\s+DISTINCT\s+MIN\s+MAX\s+MEAN$/);
    expect(lines[2]).toMatch(/^date\s+DATE\s+0\s+1,461\s+2012-01-01\s+2015-12-31$/);
    expect(lines[3]).toMatch(/^temp_max\s+DOUBLE\s+15 \(1%\)\s+67\s+-1\.6\s+35\.6\s+16\.4391$/);
    // A column the profile does not cover shows that it is unknown rather than zero.
    expect(lines[4]).toMatch(/^weather\s+VARCHAR\s+\?\s+\?\s+\?\s+\?\s+\?$/);
  });

  it('lists versions with status, validation and schema change counts', () => {
    const lines = versionsTable([aVersion(), aVersion({ version: 2, status: 'rejected', validation: 'failed' })]).split('\n');

    expect(lines[0]).toMatch(/^VERSION\s+STATUS\s+VALIDATION\s+ROWS\s+COLS\s+SCHEMA\s+SIZE\s+FORMAT\s+SHA256\s+UPLOADER\s+CREATED$/);
    expect(lines[2]).toMatch(/^1\s+accepted\s+passed\s+1,461\s+3\s+new\s+47\.1 KiB\s+csv\s+0f38b53bdc1c\s+ada\s+2025-03-04 05:06$/);
    expect(lines[3]).toMatch(/^2\s+rejected\s+failed\s+1,461\s+3\s+-\s/);
  });
});
