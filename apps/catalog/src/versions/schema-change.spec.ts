import type { ColumnSchema } from '@galley/contracts';
import { diffSchemas } from './schema-change';

const column = (name: string, type: string, logicalType: ColumnSchema['logicalType']): ColumnSchema => ({ name, type, logicalType, nullable: true });

describe('diffSchemas', () => {
  const v1 = [column('id', 'BIGINT', 'integer'), column('city', 'VARCHAR', 'string'), column('temp', 'BIGINT', 'integer')];

  it('is null when names and types are the same, whatever the order', () => {
    expect(diffSchemas(1, v1, [...v1].reverse())).toBeNull();
  });

  it('lists added, removed and retyped columns', () => {
    const v2 = [column('id', 'BIGINT', 'integer'), column('temp', 'DOUBLE', 'float'), column('wind', 'DOUBLE', 'float')];
    expect(diffSchemas(1, v1, v2)).toEqual({
      previousVersion: 1,
      added: [column('wind', 'DOUBLE', 'float')],
      removed: [column('city', 'VARCHAR', 'string')],
      retyped: [{ name: 'temp', from: 'BIGINT', to: 'DOUBLE' }],
    });
  });

  it('treats a renamed column as one removed and one added (names are case-sensitive)', () => {
    const change = diffSchemas(3, [column('City', 'VARCHAR', 'string')], [column('city', 'VARCHAR', 'string')]);
    expect(change?.added.map((c) => c.name)).toEqual(['city']);
    expect(change?.removed.map((c) => c.name)).toEqual(['City']);
  });
});
