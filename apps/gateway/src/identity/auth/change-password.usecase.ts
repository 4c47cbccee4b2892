import { Injectable } from '@nestjs/common';
import type { ChangePasswordRequest, Principal } from '@galley/contracts';
import { DomainError } from '@galley/messaging';
import { nowIso, transactional } from '@galley/persistence';
import { DataSource } from 'typeorm';
import { hashPassword, verifyPassword } from '../users/passwords';
import { UsersRepository } from '../users/users.repository';
import { CredentialChanges } from './credential-changes';
import { SessionsRepository } from './sessions.repository';

@Injectable()
export class ChangePasswordUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly users: UsersRepository,
    private readonly sessions: SessionsRepository,
    private readonly credentialChanges: CredentialChanges,
  ) {}

  /** Changes the caller's own password and ends all of their sessions, this one included. */
  async execute(principal: Principal, request: ChangePasswordRequest): Promise<void> {
    if (principal.kind !== 'user') throw new DomainError('forbidden', 'API keys have no password');
    const user = await this.users.findById(principal.id);
    if (!user || !(await verifyPassword(user.passwordHash, request.currentPassword))) {
      throw new DomainError('identity.invalid_credentials', 'the current password is wrong');
    }
    const passwordHash = await hashPassword(request.newPassword);
    await transactional(this.dataSource, async (manager) => {
      await this.users.save({ ...user, passwordHash, updatedAt: nowIso() }, manager);
      await this.sessions.deleteAllForUser(user.id, manager);
    });
    this.credentialChanges.principalChanged(principal);
  }
}
