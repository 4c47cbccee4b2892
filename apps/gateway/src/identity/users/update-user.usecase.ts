import { Injectable } from '@nestjs/common';
import type { Principal, UpdateUserRequest, User } from '@galley/contracts';
import { DomainError } from '@galley/messaging';
import { nowIso, transactional } from '@galley/persistence';
import { DataSource } from 'typeorm';
import { CredentialChanges } from '../auth/credential-changes';
import { SessionsRepository } from '../auth/sessions.repository';
import { hashPassword } from './passwords';
import { toUserContract } from './user.mapper';
import { UsersRepository } from './users.repository';

@Injectable()
export class UpdateUserUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly users: UsersRepository,
    private readonly sessions: SessionsRepository,
    private readonly credentialChanges: CredentialChanges,
  ) {}

  /**
   * An admin changes a user. Disabling or setting a password ends the user's sessions; role changes
   * apply at once, because every gateway forgets what it remembered of the user. The last enabled
   * admin cannot be disabled or demoted, so the platform never locks itself out.
   */
  async execute(actor: Principal, id: string, changes: UpdateUserRequest): Promise<User> {
    const changed = await transactional(this.dataSource, async (manager) => {
      const user = await this.users.findById(id, manager);
      if (!user) throw new DomainError('identity.user_not_found', `no user with id ${id}`, { id });

      const losesAdmin =
        user.roles.includes('admin') &&
        !user.disabled &&
        (changes.disabled === true || (changes.roles !== undefined && !changes.roles.includes('admin')));
      if (losesAdmin && (await this.users.countOtherActiveAdmins(user.id, manager)) === 0) {
        throw new DomainError('identity.cannot_demote_last_admin', 'this is the last enabled admin: make another admin first');
      }
      if (changes.disabled === true && actor.kind === 'user' && actor.id === user.id) {
        throw new DomainError('conflict', 'you cannot disable your own account');
      }

      const updated = {
        ...user,
        displayName: changes.displayName ?? user.displayName,
        roles: changes.roles ? [...new Set(changes.roles)] : user.roles,
        disabled: changes.disabled ?? user.disabled,
        passwordHash: changes.password ? await hashPassword(changes.password) : user.passwordHash,
        updatedAt: nowIso(),
      };
      await this.users.save(updated, manager);
      if (changes.password !== undefined || changes.disabled === true) {
        await this.sessions.deleteAllForUser(user.id, manager);
      }
      return toUserContract(updated);
    });
    // After the commit: a lookup that starts now reads the new state.
    this.credentialChanges.principalChanged({ kind: 'user', id });
    return changed;
  }
}
