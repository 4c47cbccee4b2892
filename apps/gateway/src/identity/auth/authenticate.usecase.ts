import { Injectable, Logger } from '@nestjs/common';
import type { Principal } from '@galley/contracts';
import { nowIso } from '@galley/persistence';
import { isApiKeyShaped, parseApiKey } from '../api-keys/api-key-format';
import { ApiKeysRepository } from '../api-keys/api-keys.repository';
import { constantTimeEqualHex, sha256Hex } from '../tokens';
import { UsersRepository } from '../users/users.repository';
import { PrincipalCache } from './principal-cache';
import { SessionsRepository } from './sessions.repository';

/** How stale `lastUsedAt` may get before a request refreshes it (saves a write per request). */
const LAST_USED_RESOLUTION_MS = 60_000;

interface Verified {
  principal: Principal;
  /** The credential's own expiry, if any. */
  expiresAt: string | null;
}

/** Turns a bearer token or session cookie into the caller, or null when it is not valid now. */
@Injectable()
export class AuthenticateUseCase {
  private readonly logger = new Logger('Authenticate');

  constructor(
    private readonly sessions: SessionsRepository,
    private readonly users: UsersRepository,
    private readonly apiKeys: ApiKeysRepository,
    private readonly cache: PrincipalCache,
  ) {}

  async execute(token: string): Promise<Principal | null> {
    if (token.length > 512) return null;
    const tokenHash = sha256Hex(token);
    const remembered = this.cache.get(tokenHash);
    if (remembered) return remembered;
    const generation = this.cache.generation();
    const verified = isApiKeyShaped(token) ? await this.fromApiKey(token) : await this.fromSession(tokenHash);
    if (!verified) return null;
    this.cache.remember(tokenHash, verified.principal, verified.expiresAt, generation);
    return verified.principal;
  }

  private async fromSession(tokenHash: string): Promise<Verified | null> {
    const session = await this.sessions.findById(tokenHash);
    if (!session || session.expiresAt <= nowIso()) return null;
    const user = await this.users.findById(session.userId);
    if (!user || user.disabled) return null;
    return { principal: { kind: 'user', id: user.id, name: user.username, roles: user.roles }, expiresAt: session.expiresAt };
  }

  private async fromApiKey(token: string): Promise<Verified | null> {
    const parsed = parseApiKey(token);
    if (!parsed) return null;
    const key = await this.apiKeys.findByPublicId(parsed.publicId);
    if (!key || !constantTimeEqualHex(key.secretHash, sha256Hex(parsed.secret))) return null;
    const now = nowIso();
    if (key.revokedAt || (key.expiresAt && key.expiresAt <= now)) return null;
    if (!key.lastUsedAt || Date.parse(now) - Date.parse(key.lastUsedAt) > LAST_USED_RESOLUTION_MS) {
      this.apiKeys.update(key.id, { lastUsedAt: now }).catch((error: unknown) => this.logger.warn({ err: error }, 'could not record API key use'));
    }
    return { principal: { kind: 'api-key', id: key.id, name: key.name, roles: key.roles }, expiresAt: key.expiresAt };
  }
}
