import type { OnlineFeaturesResponse } from '@galley/contracts';
import { entitiesFor, featureOfRef, formatOnlineValue, parseEntityKeys, tallyStatuses } from './features-online';

describe('the online lookup', () => {
  it('reads keys one per line or comma-separated, each once, in order', () => {
    expect(parseEntityKeys(' s-1\ns-2, s-3\n\ns-1 ,')).toEqual(['s-1', 's-2', 's-3']);
  });

  it('puts each key under the join key', () => {
    expect(entitiesFor('station_id', ['s-1', '17'])).toEqual([{ station_id: 's-1' }, { station_id: '17' }]);
  });

  it('names a feature without its view', () => {
    expect(featureOfRef('station-weather:temp_c')).toBe('temp_c');
  });

  it('shows values exactly, and null as null', () => {
    expect(formatOnlineValue(0.1 + 0.2)).toBe('0.30000000000000004');
    expect(formatOnlineValue(false)).toBe('false');
    expect(formatOnlineValue(null)).toBe('null');
  });

  it('counts the statuses of an answer', () => {
    const answer: OnlineFeaturesResponse = {
      features: ['v:a', 'w:b'],
      views: ['v', 'w'],
      results: [
        { entity: { k: '1' }, values: [1, null], statuses: ['present', 'expired'], eventTimestamps: ['t', 't'] },
        { entity: { k: '2' }, values: [null, null], statuses: ['missing', 'missing'], eventTimestamps: [null, null] },
      ],
    };

    expect(tallyStatuses(answer)).toEqual({ present: 1, missing: 2, expired: 1 });
  });
});
