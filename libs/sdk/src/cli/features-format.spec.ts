import { anOnlineResponse } from '../features/features.test-builders';
import { formatEventTime, onlineValuesSummary, parseEntityArg, splitFeatureRefs } from './features-format';

describe('features CLI formatting', () => {
  it('reads one entity key, or several keys of one entity row separated by commas', () => {
    expect(parseEntityArg('station_id=s-17')).toEqual({ station_id: 's-17' });
    expect(parseEntityArg('station_id=s-17,city=paris')).toEqual({ station_id: 's-17', city: 'paris' });
  });

  it('keeps an equals sign inside a value', () => {
    expect(parseEntityArg('token=a=b')).toEqual({ token: 'a=b' });
  });

  it('refuses a key given twice in one entity', () => {
    expect(() => parseEntityArg('station_id=1,station_id=2')).toThrow('names "station_id" twice');
  });

  it('splits comma-separated and repeated feature references', () => {
    expect(splitFeatureRefs(['a:x,a:y', ' b:z '])).toEqual(['a:x', 'a:y', 'b:z']);
  });

  it('shows event times to the second in UTC, with a fraction only when there is one', () => {
    expect(formatEventTime('2025-03-04T06:00:00.000Z')).toBe('2025-03-04 06:00:00Z');
    expect(formatEventTime('2025-03-04T06:00:00.250Z')).toBe('2025-03-04 06:00:00.250Z');
    expect(formatEventTime(null)).toBe('-');
  });

  it('sums the statuses of every value', () => {
    const oneExpired = { entity: { station_id: 's-1' }, values: [11.5, null], statuses: ['present' as const, 'expired' as const], eventTimestamps: ['2025-03-04T06:00:00.000Z'] };
    const answer = anOnlineResponse({ results: [oneExpired, ...anOnlineResponse().results.slice(1)] });

    expect(onlineValuesSummary(answer)).toBe('4 values: 1 present, 2 missing, 1 expired');
  });
});
