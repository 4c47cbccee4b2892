import { Injectable } from '@nestjs/common';
import { DataSource, LessThan, type EntityManager } from 'typeorm';
import { SessionEntity } from './session.entity';

@Injectable()
export class SessionsRepository {
  constructor(private readonly dataSource: DataSource) {}

  private repo(manager?: EntityManager) {
    return (manager ?? this.dataSource.manager).getRepository(SessionEntity);
  }

  async insert(session: SessionEntity): Promise<void> {
    await this.repo().insert(session);
  }

  async findById(id: string): Promise<SessionEntity | null> {
    return this.repo().findOneBy({ id });
  }

  async delete(id: string): Promise<void> {
    await this.repo().delete({ id });
  }

  /** Ends every session of a user: on password change, disabling, or demotion by an admin. */
  async deleteAllForUser(userId: string, manager?: EntityManager): Promise<void> {
    await this.repo(manager).delete({ userId });
  }

  async deleteExpired(now: string): Promise<void> {
    await this.repo().delete({ expiresAt: LessThan(now) });
  }
}
