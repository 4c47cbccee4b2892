import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { LineageEdgeInput } from '@galley/contracts';
import { nowIso, transactional } from '@galley/persistence';
import { DataSource, In } from 'typeorm';
import { LineageEdgeEntity } from './lineage-edge.entity';

const edgeKey = (from: string, to: string, relation: string): string => `${from}\u0000${to}\u0000${relation}`;

@Injectable()
export class LineageRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Inserts the edges not yet known (idempotent, so an event delivered twice records nothing twice); returns how many were new. */
  async record(edges: readonly LineageEdgeInput[], recordedBy: string): Promise<number> {
    return transactional(this.dataSource, async (manager) => {
      const repository = manager.getRepository(LineageEdgeEntity);
      const known = await repository.findBy({ fromUrn: In([...new Set(edges.map((edge) => edge.from))]) });
      const seen = new Set(known.map((edge) => edgeKey(edge.fromUrn, edge.toUrn, edge.relation)));
      const fresh: LineageEdgeEntity[] = [];
      for (const edge of edges) {
        const key = edgeKey(edge.from, edge.to, edge.relation);
        if (seen.has(key)) continue;
        seen.add(key);
        fresh.push({ id: randomUUID(), fromUrn: edge.from, toUrn: edge.to, relation: edge.relation, recordedBy, recordedAt: nowIso() });
      }
      // orIgnore: a concurrent writer may have added the same edge since the read above.
      if (fresh.length > 0) await manager.createQueryBuilder().insert().into(LineageEdgeEntity).values(fresh).orIgnore().execute();
      return fresh.length;
    });
  }

  async edgesFrom(urns: readonly string[]): Promise<LineageEdgeEntity[]> {
    return urns.length === 0 ? [] : this.dataSource.getRepository(LineageEdgeEntity).findBy({ fromUrn: In([...urns]) });
  }

  async edgesTo(urns: readonly string[]): Promise<LineageEdgeEntity[]> {
    return urns.length === 0 ? [] : this.dataSource.getRepository(LineageEdgeEntity).findBy({ toUrn: In([...urns]) });
  }
}
