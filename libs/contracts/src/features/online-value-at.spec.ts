import { onlineValueAt, type OnlineFeaturesResponse } from './features.schemas';

describe('onlineValueAt', () => {
  // Two views: weather has a row for s1 (one feature predates it), shopping's row has expired.
  const answer: OnlineFeaturesResponse = {
    features: ['weather:temp_c', 'shopping:vip', 'weather:sky'],
    views: ['weather', 'shopping'],
    results: [
      {
        entity: { station_id: 's1', customer_id: 7 },
        values: [3.5, null, null],
        statuses: ['present', 'expired', 'missing'],
        eventTimestamps: ['2024-01-01T00:00:00.000Z', '2023-01-01T00:00:00.000Z'],
      },
    ],
  };

  it("gives a feature its own value and status and its view's event time", () => {
    expect(onlineValueAt(answer, 0, 'weather:temp_c')).toEqual({ value: 3.5, status: 'present', eventTimestamp: '2024-01-01T00:00:00.000Z' });
    expect(onlineValueAt(answer, 0, 'shopping:vip')).toEqual({ value: null, status: 'expired', eventTimestamp: '2023-01-01T00:00:00.000Z' });
    expect(onlineValueAt(answer, 0, 'weather:sky')).toEqual({ value: null, status: 'missing', eventTimestamp: '2024-01-01T00:00:00.000Z' });
  });

  it('is undefined for a feature that was not asked for, or a result that is not there', () => {
    expect(onlineValueAt(answer, 0, 'weather:wind')).toBeUndefined();
    expect(onlineValueAt(answer, 1, 'weather:temp_c')).toBeUndefined();
  });
});
