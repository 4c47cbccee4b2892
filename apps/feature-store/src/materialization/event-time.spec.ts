import { isoToMicros, microsToPreciseIso } from './event-time';

describe('isoToMicros', () => {
  it('keeps microseconds that Date.parse drops', () => {
    expect(isoToMicros('2024-01-01T00:00:00.123456Z')).toBe(1_704_067_200_123_456);
    expect(isoToMicros('2024-01-01T00:00:00.1234567Z')).toBe(1_704_067_200_123_456);
    expect(isoToMicros('2024-01-01T00:00:00Z')).toBe(1_704_067_200_000_000);
  });

  it('applies the offset', () => {
    expect(isoToMicros('2024-01-01T02:00:00+02:00')).toBe(1_704_067_200_000_000);
    expect(isoToMicros('2024-01-01T02:00:00.5+0200')).toBe(1_704_067_200_500_000);
    expect(isoToMicros('2023-12-31T19:00-05')).toBe(1_704_067_200_000_000);
  });

  it('refuses text that is not a date-time with an offset', () => {
    expect(() => isoToMicros('2024-01-01')).toThrow(RangeError);
    expect(() => isoToMicros('2024-01-01T00:00:00')).toThrow(RangeError);
  });
});

describe('microsToPreciseIso', () => {
  it('writes milliseconds, or microseconds when there are any', () => {
    expect(microsToPreciseIso(1_704_067_200_000_000)).toBe('2024-01-01T00:00:00.000Z');
    expect(microsToPreciseIso(1_704_067_200_123_456)).toBe('2024-01-01T00:00:00.123456Z');
    expect(microsToPreciseIso(-1)).toBe('1969-12-31T23:59:59.999999Z');
  });

  it('round-trips through isoToMicros', () => {
    for (const micros of [0, 1, -1, 1_704_067_200_123_456, 1_704_067_200_123_000]) expect(isoToMicros(microsToPreciseIso(micros))).toBe(micros);
  });
});
