import { Injectable } from '@nestjs/common';
import type { ListDatasetsQuery } from '@galley/contracts';
import { Brackets, DataSource, type EntityManager } from 'typeorm';
import { DatasetColumnEntity } from './dataset-column.entity';
import { DatasetEntity } from './dataset.entity';

/** Escapes LIKE wildcards so a search for `50%` matches the text "50%", not everything. */
function likeContains(text: string): string {
  return `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}

@Injectable()
export class DatasetsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async findByName(name: string): Promise<DatasetEntity | null> {
    return this.dataSource.getRepository(DatasetEntity).findOneBy({ name });
  }

  async insert(manager: EntityManager, dataset: DatasetEntity): Promise<void> {
    await manager.insert(DatasetEntity, dataset);
  }

  /** Remembers the column names of a new version for search (names are stored lower-cased). */
  async rememberColumns(manager: EntityManager, datasetId: string, columnNames: readonly string[]): Promise<void> {
    const names = [...new Set(columnNames.map((name) => name.toLowerCase().slice(0, 255)))];
    if (names.length === 0) return;
    await manager
      .createQueryBuilder()
      .insert()
      .into(DatasetColumnEntity)
      .values(names.map((name) => ({ datasetId, name })))
      .orIgnore()
      .execute();
  }

  async search(query: ListDatasetsQuery): Promise<{ items: DatasetEntity[]; total: number }> {
    const builder = this.dataSource.getRepository(DatasetEntity).createQueryBuilder('d');
    if (query.q) {
      const pattern = likeContains(query.q.toLowerCase());
      builder.andWhere(
        new Brackets((where) => {
          where
            .where("LOWER(d.name) LIKE :pattern ESCAPE '\\'", { pattern })
            .orWhere("LOWER(d.description) LIKE :pattern ESCAPE '\\'", { pattern })
            .orWhere("LOWER(d.tags) LIKE :pattern ESCAPE '\\'", { pattern })
            .orWhere(`EXISTS (SELECT 1 FROM "dataset_column" c WHERE c."datasetId" = d.id AND c.name LIKE :pattern ESCAPE '\\')`, { pattern });
        }),
      );
    }
    // Tags are a JSON array of strings: matching the quoted tag finds whole tags only.
    if (query.tag) builder.andWhere("d.tags LIKE :tag ESCAPE '\\'", { tag: likeContains(JSON.stringify(query.tag)) });
    if (query.owner) builder.andWhere('d.owner = :owner', { owner: query.owner });
    const [items, total] = await builder.orderBy('d.name', 'ASC').skip(query.offset).take(query.limit).getManyAndCount();
    return { items, total };
  }
}
