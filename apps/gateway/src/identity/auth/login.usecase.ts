import { Inject, Injectable } from '@nestjs/common';
import type { LoginRequest, LoginResponse } from '@galley/contracts';
import { DomainError } from '@galley/messaging';
import { nowIso } from '@galley/persistence';
import { GATEWAY_CONFIG, type GatewayConfig } from '../../config';
import { randomToken, sha256Hex } from '../tokens';
import { burnVerificationTime, verifyPassword } from '../users/passwords';
import { toUserContract } from '../users/user.mapper';
import { UsersRepository } from '../users/users.repository';
import { LoginThrottle } from './login-throttle';
import { SessionsRepository } from './sessions.repository';

@Injectable()
export class LoginUseCase {
  constructor(
    private readonly users: UsersRepository,
    private readonly sessions: SessionsRepository,
    private readonly throttle: LoginThrottle,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  async execute(request: LoginRequest): Promise<LoginResponse> {
    const username = request.username.toLowerCase();
    if (this.throttle.isBlocked(username)) {
      throw new DomainError('too_many_requests', 'too many failed sign-ins for this user; wait 15 minutes or ask an admin');
    }
    const user = await this.users.findByUsername(username);
    const valid = user ? await verifyPassword(user.passwordHash, request.password) : (await burnVerificationTime(request.password), false);
    // One message for every failure, so it does not reveal which usernames exist or are disabled.
    if (!user || !valid || user.disabled) {
      this.throttle.recordFailure(username);
      throw new DomainError('identity.invalid_credentials', 'wrong username or password');
    }
    this.throttle.reset(username);

    const token = randomToken();
    const now = nowIso();
    const expiresAt = new Date(Date.now() + this.config.GALLEY_SESSION_TTL_HOURS * 3_600_000).toISOString();
    await this.sessions.insert({ id: sha256Hex(token), userId: user.id, createdAt: now, expiresAt, parentId: null });
    await this.users.touchLastLogin(user.id, now);
    await this.sessions.deleteExpired(now);
    return { token, expiresAt, user: toUserContract({ ...user, lastLoginAt: now }) };
  }
}
