import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { CreateUserRequest, User } from '@galley/contracts';
import { DomainError } from '@galley/messaging';
import { nowIso } from '@galley/persistence';
import { QueryFailedError } from 'typeorm';
import { hashPassword } from './passwords';
import type { UserEntity } from './user.entity';
import { toUserContract } from './user.mapper';
import { UsersRepository } from './users.repository';

@Injectable()
export class CreateUserUseCase {
  constructor(private readonly users: UsersRepository) {}

  async execute(request: CreateUserRequest): Promise<User> {
    if (await this.users.findByUsername(request.username)) throw usernameTaken(request.username);
    const now = nowIso();
    const user: UserEntity = {
      id: randomUUID(),
      username: request.username,
      displayName: request.displayName ?? request.username,
      passwordHash: await hashPassword(request.password),
      roles: [...new Set(request.roles)],
      disabled: false,
      createdAt: now,
      updatedAt: now,
      lastLoginAt: null,
    };
    try {
      await this.users.insert(user);
    } catch (error) {
      if (error instanceof QueryFailedError && /unique|duplicate/i.test(error.message)) throw usernameTaken(request.username);
      throw error;
    }
    return toUserContract(user);
  }
}

function usernameTaken(username: string): DomainError {
  return new DomainError('identity.username_taken', `the username "${username}" is taken`, { username });
}
