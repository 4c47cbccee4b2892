import { Injectable } from '@nestjs/common';

const WINDOW_MS = 15 * 60_000;
const MAX_FAILURES = 10;

/**
 * Slows password guessing: after 10 failures for one username within 15 minutes, further attempts
 * are refused until the window passes. Per process; replicas each keep their own count, which still
 * bounds guessing to replicas × 10 per window.
 */
@Injectable()
export class LoginThrottle {
  private readonly failures = new Map<string, number[]>();

  isBlocked(username: string, now = Date.now()): boolean {
    return this.recent(username, now).length >= MAX_FAILURES;
  }

  recordFailure(username: string, now = Date.now()): void {
    this.failures.set(username, [...this.recent(username, now), now]);
    if (this.failures.size > 10_000) this.failures.delete(this.failures.keys().next().value as string);
  }

  reset(username: string): void {
    this.failures.delete(username);
  }

  private recent(username: string, now: number): number[] {
    return (this.failures.get(username) ?? []).filter((at) => now - at < WINDOW_MS);
  }
}
