import { decodeOnlineValue, encodeOnlineValue, microsToIso, onlineFeatureValues, shouldReplace, type OnlineValue } from './online-value';

const value = (t: number, values: unknown[], revision = 1, sourceVersion = 1): OnlineValue =>
  decodeOnlineValue(encodeOnlineValue(t, revision, sourceVersion, JSON.stringify(values))) as OnlineValue;

describe('the stored online value', () => {
  it('reads back its event time, revision, source version and feature values', () => {
    const decoded = value(1_704_067_200_123_456, [1.5, 'a', null, true, [1]], 3, 7);
    expect(decoded).toMatchObject({ t: 1_704_067_200_123_456, r: 3, s: 7 });
    expect(onlineFeatureValues(decoded)).toEqual([1.5, 'a', null, true, [1]]);
  });

  it('reads event times before 1970', () => {
    expect(value(-500_000, [1]).t).toBe(-500_000);
  });

  it('refuses text in another format', () => {
    expect(decodeOnlineValue('{"r":1,"t":5,"s":1,"v":[]}')).toBeNull();
    expect(decodeOnlineValue('not json')).toBeNull();
    expect(decodeOnlineValue('{"t":5,"r":1,"s":1,"v":[1]')).toBeNull();
  });

  it('gives event times as ISO 8601 with milliseconds', () => {
    expect(microsToIso(1_704_067_200_123_456)).toBe('2024-01-01T00:00:00.123Z');
    expect(microsToIso(-500_000)).toBe('1969-12-31T23:59:59.500Z');
  });
});

describe('shouldReplace', () => {
  it('writes an entity the store does not hold', () => {
    expect(shouldReplace(undefined, value(10, [1]))).toBe(true);
  });

  it('keeps a newer stored value of the same revision and source version', () => {
    expect(shouldReplace(value(11, [1]), value(10, [2]))).toBe(false);
  });

  it('skips a write of the same event time and the same values (a rerun changes nothing)', () => {
    expect(shouldReplace(value(10, [1]), value(10, [1]))).toBe(false);
  });

  it('writes the same event time with other values, and a newer event time', () => {
    expect(shouldReplace(value(10, [1]), value(10, [2]))).toBe(true);
    expect(shouldReplace(value(10, [1]), value(11, [1]))).toBe(true);
  });

  it('replaces a value of another view revision or source version, even a newer one', () => {
    expect(shouldReplace(value(11, [1], 1, 1), value(10, [1], 2, 1))).toBe(true);
    expect(shouldReplace(value(11, [1], 1, 1), value(10, [1], 1, 2))).toBe(true);
  });
});
