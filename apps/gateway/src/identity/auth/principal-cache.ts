import type { Principal } from '@galley/contracts';

interface Remembered {
  principal: Principal;
  /** Epoch ms after which the entry is not used: the cache lifetime or the credential's own expiry. */
  notAfterMs: number;
}

/**
 * Who a credential belongs to, remembered for a few seconds so that a hot route (an online feature
 * lookup) does not query the identity database on every call. Keyed by the token's SHA-256, never
 * the token. Only valid credentials are remembered, so unknown tokens cannot fill it. Revocation,
 * logout and user changes forget the affected entries at once (see CredentialChanges); the lifetime
 * bounds how long a replica that missed the news may still accept a revoked credential.
 */
export class PrincipalCache {
  private readonly entries = new Map<string, Remembered>();
  /** Bumped by every forget, so a lookup that raced a revocation is not remembered after it. */
  private forgets = 0;

  constructor(
    private readonly lifetimeMs: number,
    private readonly maxEntries = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  get(tokenHash: string): Principal | undefined {
    const entry = this.entries.get(tokenHash);
    if (!entry) return undefined;
    if (entry.notAfterMs <= this.now()) {
      this.entries.delete(tokenHash);
      return undefined;
    }
    return entry.principal;
  }

  /** Take this before reading the database; hand it to `remember` with what was read. */
  generation(): number {
    return this.forgets;
  }

  /**
   * `expiresAt`: the credential's own expiry (ISO 8601), if it has one. `generation`: taken before
   * the lookup; if anything was forgotten since, what was read may predate it and is not kept.
   */
  remember(tokenHash: string, principal: Principal, expiresAt: string | null, generation: number): void {
    if (this.lifetimeMs <= 0 || generation !== this.forgets) return;
    const notAfterMs = Math.min(this.now() + this.lifetimeMs, expiresAt ? Date.parse(expiresAt) : Infinity);
    this.entries.delete(tokenHash);
    // Oldest first out: a Map iterates in insertion order.
    while (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(tokenHash, { principal, notAfterMs });
  }

  forgetToken(tokenHash: string): void {
    this.forgets++;
    this.entries.delete(tokenHash);
  }

  /** Every credential of this user or API key (a user may hold many sessions). */
  forgetPrincipal(kind: Principal['kind'], id: string): void {
    this.forgets++;
    for (const [tokenHash, entry] of this.entries) {
      if (entry.principal.kind === kind && entry.principal.id === id) this.entries.delete(tokenHash);
    }
  }

  get size(): number {
    return this.entries.size;
  }
}
