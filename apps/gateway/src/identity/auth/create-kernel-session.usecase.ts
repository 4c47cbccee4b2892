import { Injectable } from '@nestjs/common';
import type { KernelCredentials, Principal } from '@galley/contracts';
import { DomainError } from '@galley/messaging';
import { nowIso } from '@galley/persistence';
import { randomToken, sha256Hex } from '../tokens';
import { SessionsRepository } from './sessions.repository';

/** Long enough for a working session in a notebook, short enough that a leaked kernel token soon dies. */
export const KERNEL_SESSION_HOURS = 4;

/**
 * A session of the caller's own for their notebook kernel: the kernel holds a token of its own, not
 * the browser's cookie, so it can be shorter-lived and the browser's session stays httpOnly. It is an
 * ordinary session (the user's current roles apply on every request, and it ends with their other
 * sessions), capped at the caller's own session so it never extends their access, and ended when
 * the caller signs out of that session.
 */
@Injectable()
export class CreateKernelSessionUseCase {
  constructor(private readonly sessions: SessionsRepository) {}

  async execute(principal: Principal, presentedToken: string, now = Date.now()): Promise<KernelCredentials> {
    if (principal.kind !== 'user') {
      throw new DomainError('forbidden', 'kernel credentials are for signed-in users; a service account can pass its own API key to galley.connect');
    }
    const callerSession = await this.sessions.findById(sha256Hex(presentedToken));
    if (!callerSession) throw new DomainError('unauthenticated', 'the session is invalid, expired or revoked');
    const cap = new Date(now + KERNEL_SESSION_HOURS * 3_600_000).toISOString();
    const expiresAt = callerSession.expiresAt < cap ? callerSession.expiresAt : cap;
    const token = randomToken();
    await this.sessions.insert({ id: sha256Hex(token), userId: principal.id, createdAt: nowIso(), expiresAt, parentId: callerSession.id });
    return { token, expiresAt };
  }
}
