import type { Principal } from '@galley/contracts';
import { PrincipalCache } from './principal-cache';

const alice: Principal = { kind: 'user', id: 'u-1', name: 'alice', roles: ['viewer'] };
const key: Principal = { kind: 'api-key', id: 'k-1', name: 'ci', roles: ['data-scientist'] };

function cacheAt(start: number, lifetimeMs = 5_000, maxEntries = 100) {
  const clock = { now: start };
  return { clock, cache: new PrincipalCache(lifetimeMs, maxEntries, () => clock.now) };
}

describe('PrincipalCache', () => {
  it('remembers a principal for its lifetime, then forgets it', () => {
    const { clock, cache } = cacheAt(1_000);
    cache.remember('h1', alice, null, cache.generation());
    clock.now += 4_999;
    expect(cache.get('h1')).toEqual(alice);
    clock.now += 1;
    expect(cache.get('h1')).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it("never outlives the credential's own expiry", () => {
    const { clock, cache } = cacheAt(Date.parse('2025-01-01T00:00:00.000Z'));
    cache.remember('h1', key, '2025-01-01T00:00:01.000Z', cache.generation());
    clock.now += 999;
    expect(cache.get('h1')).toEqual(key);
    clock.now += 1;
    expect(cache.get('h1')).toBeUndefined();
  });

  it('forgets every token of a principal, and only those', () => {
    const { cache } = cacheAt(0);
    cache.remember('session-a', alice, null, cache.generation());
    cache.remember('session-b', alice, null, cache.generation());
    cache.remember('key', key, null, cache.generation());
    cache.forgetPrincipal('user', 'u-1');
    expect([cache.get('session-a'), cache.get('session-b'), cache.get('key')]).toEqual([undefined, undefined, key]);
    cache.forgetToken('key');
    expect(cache.get('key')).toBeUndefined();
  });

  it('does not keep what a lookup read before a revocation that happened during it', () => {
    const { cache } = cacheAt(0);
    const generation = cache.generation();
    cache.forgetPrincipal('api-key', 'k-1'); // revoked while the lookup was reading the database
    cache.remember('key', key, null, generation);
    expect(cache.get('key')).toBeUndefined();
    cache.remember('key', key, null, cache.generation());
    expect(cache.get('key')).toEqual(key);
  });

  it('drops the oldest entries beyond its size, and keeps nothing with a lifetime of 0', () => {
    const { cache } = cacheAt(0, 5_000, 2);
    for (const hash of ['a', 'b', 'c']) cache.remember(hash, alice, null, cache.generation());
    expect([cache.get('a'), cache.get('b'), cache.get('c')]).toEqual([undefined, alice, alice]);
    const off = cacheAt(0, 0).cache;
    off.remember('a', alice, null, off.generation());
    expect(off.get('a')).toBeUndefined();
  });
});
