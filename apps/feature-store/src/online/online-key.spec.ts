import { DuckDBInstance } from '@duckdb/node-api';
import { entityKeyText, MAX_ENTITY_KEY_BYTES, onlineKey, onlineKeySql } from './online-key';

describe('entityKeyText', () => {
  it('writes integer keys in canonical decimal form, whether given as numbers or text', () => {
    expect(entityKeyText(17, 'integer')).toBe('17');
    expect(entityKeyText('17', 'integer')).toBe('17');
    expect(entityKeyText('017', 'integer')).toBe('17');
    expect(entityKeyText('+17', 'integer')).toBe('17');
    expect(entityKeyText(-5, 'integer')).toBe('-5');
    expect(entityKeyText('12345678901234567890', 'integer')).toBe('12345678901234567890');
  });

  it('names no entity for an integer key that is not a whole number', () => {
    expect(entityKeyText(17.5, 'integer')).toBeNull();
    expect(entityKeyText('s-17', 'integer')).toBeNull();
    expect(entityKeyText('', 'integer')).toBeNull();
  });

  it('keeps string keys as given, and numbers as their text', () => {
    expect(entityKeyText('s-17', 'string')).toBe('s-17');
    expect(entityKeyText(' padded ', 'string')).toBe(' padded ');
    expect(entityKeyText(42, 'string')).toBe('42');
  });

  it('names no entity for an empty key or one longer than the stored limit', () => {
    expect(entityKeyText('', 'string')).toBeNull();
    expect(entityKeyText('a'.repeat(MAX_ENTITY_KEY_BYTES), 'string')).toBe('a'.repeat(MAX_ENTITY_KEY_BYTES));
    expect(entityKeyText('é'.repeat(MAX_ENTITY_KEY_BYTES / 2 + 1), 'string')).toBeNull();
  });
});

describe('onlineKey', () => {
  const texts = ['s-17', '17', 'a', 'ab', 'abc', 'abcd', 'a/b+c=d', '../../etc/passwd', '*', '>', 'a.b', 'héllo wörld', '😀 emoji', 'x'.repeat(MAX_ENTITY_KEY_BYTES)];

  it('uses only characters a KV key allows, never an empty token or a wildcard', () => {
    for (const text of texts) expect(onlineKey(text)).toMatch(/^[-_a-zA-Z0-9]+$/);
  });

  it('is computed identically by DuckDB when materializing', async () => {
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    try {
      const values = texts.map((text) => `('${text.replaceAll("'", "''")}')`).join(', ');
      const reader = await connection.runAndReadAll(`SELECT ${onlineKeySql('v')} FROM (VALUES ${values}) AS t(v)`);
      expect(reader.getRowsJS().map((row) => row[0])).toEqual(texts.map(onlineKey));
    } finally {
      connection.closeSync();
      instance.closeSync();
    }
  });
});
