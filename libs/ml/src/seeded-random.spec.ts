import { deriveSeed, mulberry32, permutation } from './seeded-random';

describe('seeded random', () => {
  it('draws the same stream from the same seed', () => {
    const a = mulberry32(7);
    const b = mulberry32(7);
    const first = Array.from({ length: 5 }, () => a());
    expect(Array.from({ length: 5 }, () => b())).toEqual(first);
    expect(first.every((value) => value >= 0 && value < 1)).toBe(true);
  });

  it('draws a different stream from another seed', () => {
    expect(mulberry32(7)()).not.toBe(mulberry32(8)());
  });

  it('derives different seeds for different purposes and indices', () => {
    const seeds = new Set([deriveSeed(1, 1), deriveSeed(1, 2), deriveSeed(2, 1), deriveSeed(1, 1, 0), deriveSeed(1, 1, 1)]);
    expect(seeds.size).toBe(5);
    expect(deriveSeed(1, 2, 3)).toBe(deriveSeed(1, 2, 3));
  });

  it('shuffles 0..n-1 into a permutation that depends only on the seed', () => {
    const order = permutation(100, mulberry32(3));
    expect([...order].sort((a, b) => a - b)).toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect(permutation(100, mulberry32(3))).toEqual(order);
    expect(permutation(100, mulberry32(4))).not.toEqual(order);
  });
});
