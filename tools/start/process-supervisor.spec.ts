import { restartDelayMs } from './process-supervisor';

describe('restartDelayMs', () => {
  it('doubles from one second and stops growing at fifteen', () => {
    expect([1, 2, 3, 4, 5, 6].map(restartDelayMs)).toEqual([1_000, 2_000, 4_000, 8_000, 15_000, 15_000]);
  });
});
