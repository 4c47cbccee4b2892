/**
 * A small PRNG of our own, so the split, the initializer seeds and the batch order are the same on
 * every platform and tfjs version: mulberry32 for the stream, a splitmix-style mix to derive
 * independent seeds from (seed, purpose, index).
 */

export type Random = () => number;

/** Uniform in [0, 1) with 32 bits of state. */
export function mulberry32(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A 32-bit seed that depends on every part; parts are unsigned 32-bit integers. */
export function deriveSeed(...parts: number[]): number {
  let h = 0x9e3779b9;
  for (const part of parts) {
    h = (h ^ (part >>> 0)) >>> 0;
    h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
    h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
    h = (h ^ (h >>> 16)) >>> 0;
  }
  return h;
}

/** Purposes of derived seeds, so two uses of the job seed never share a stream. */
export const SEED_PURPOSE = { split: 1, initializer: 2, batchOrder: 3, dropout: 4 } as const;

/** 0 .. n-1 in an order drawn by Fisher–Yates from `random`. */
export function permutation(n: number, random: Random): Uint32Array {
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const swap = order[i];
    order[i] = order[j];
    order[j] = swap;
  }
  return order;
}
