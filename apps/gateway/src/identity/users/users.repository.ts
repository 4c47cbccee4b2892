import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { UserEntity } from './user.entity';

@Injectable()
export class UsersRepository {
  constructor(private readonly dataSource: DataSource) {}

  private repo(manager?: EntityManager) {
    return (manager ?? this.dataSource.manager).getRepository(UserEntity);
  }

  async findById(id: string, manager?: EntityManager): Promise<UserEntity | null> {
    return this.repo(manager).findOneBy({ id });
  }

  async findByUsername(username: string): Promise<UserEntity | null> {
    return this.repo().findOneBy({ username });
  }

  async list(): Promise<UserEntity[]> {
    return this.repo().find({ order: { username: 'ASC' } });
  }

  async count(): Promise<number> {
    return this.repo().count();
  }

  async insert(user: UserEntity, manager?: EntityManager): Promise<void> {
    await this.repo(manager).insert(user);
  }

  async save(user: UserEntity, manager?: EntityManager): Promise<void> {
    await this.repo(manager).save(user);
  }

  /** Enabled users holding the admin role, other than `exceptId`. */
  async countOtherActiveAdmins(exceptId: string, manager?: EntityManager): Promise<number> {
    const users = await this.repo(manager).find({ where: { disabled: false } });
    return users.filter((user) => user.id !== exceptId && user.roles.includes('admin')).length;
  }

  async touchLastLogin(id: string, at: string): Promise<void> {
    await this.repo().update(id, { lastLoginAt: at });
  }
}
