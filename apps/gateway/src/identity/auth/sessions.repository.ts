import { Injectable } from '@nestjs/common';
import { DataSource, In, LessThan, type EntityManager } from 'typeorm';
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

  /** Ends a session and every session minted from it (kernel sessions); returns the ids ended. */
  async deleteWithDescendants(id: string): Promise<string[]> {
    return this.dataSource.transaction(async (manager) => {
      const ended = [id];
      for (let generation = [id]; generation.length > 0; ) {
        const children = await this.repo(manager).find({ select: { id: true }, where: { parentId: In(generation) } });
        generation = children.map((child) => child.id).filter((child) => !ended.includes(child));
        ended.push(...generation);
      }
      await this.repo(manager).delete({ id: In(ended) });
      return ended;
    });
  }

  /** Ends every session of a user: on password change, disabling, or demotion by an admin. */
  async deleteAllForUser(userId: string, manager?: EntityManager): Promise<void> {
    await this.repo(manager).delete({ userId });
  }

  async deleteExpired(now: string): Promise<void> {
    await this.repo().delete({ expiresAt: LessThan(now) });
  }
}
