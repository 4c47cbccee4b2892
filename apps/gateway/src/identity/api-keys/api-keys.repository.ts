import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ApiKeyEntity } from './api-key.entity';

@Injectable()
export class ApiKeysRepository {
  constructor(private readonly dataSource: DataSource) {}

  private get repo() {
    return this.dataSource.getRepository(ApiKeyEntity);
  }

  async insert(key: ApiKeyEntity): Promise<void> {
    await this.repo.insert(key);
  }

  async findById(id: string): Promise<ApiKeyEntity | null> {
    return this.repo.findOneBy({ id });
  }

  async findByPublicId(publicId: string): Promise<ApiKeyEntity | null> {
    return this.repo.findOneBy({ publicId });
  }

  async list(): Promise<ApiKeyEntity[]> {
    return this.repo.find({ order: { createdAt: 'DESC' } });
  }

  async update(id: string, changes: Partial<Pick<ApiKeyEntity, 'revokedAt' | 'lastUsedAt'>>): Promise<void> {
    await this.repo.update(id, changes);
  }
}
