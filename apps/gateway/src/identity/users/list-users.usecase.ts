import { Injectable } from '@nestjs/common';
import type { UserList } from '@galley/contracts';
import { toUserContract } from './user.mapper';
import { UsersRepository } from './users.repository';

@Injectable()
export class ListUsersUseCase {
  constructor(private readonly users: UsersRepository) {}

  async execute(): Promise<UserList> {
    return { items: (await this.users.list()).map(toUserContract) };
  }
}
