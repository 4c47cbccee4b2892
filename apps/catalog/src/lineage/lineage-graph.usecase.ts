import { Injectable } from '@nestjs/common';
import { parseUrn, type LineageEdge, type LineageGraph, type LineageNode, type LineageQuery, type Urn } from '@galley/contracts';
import type { LineageEdgeEntity } from './lineage-edge.entity';
import { LineageRepository } from './lineage.repository';

/** A walk stops growing here, whatever the depth: a graph this large is not read by a person. */
export const MAX_LINEAGE_NODES = 2_000;

/** The subgraph around one node, walked breadth-first level by level (one query per level and direction). */
@Injectable()
export class LineageGraphUseCase {
  constructor(private readonly lineage: LineageRepository) {}

  async execute(root: Urn, query: LineageQuery): Promise<LineageGraph> {
    const nodes = new Set<string>([root]);
    const edges = new Map<string, LineageEdgeEntity>();
    let truncated = false;
    for (const direction of query.direction === 'both' ? (['upstream', 'downstream'] as const) : [query.direction]) {
      let frontier = [root];
      for (let level = 0; level < query.depth && frontier.length > 0; level++) {
        const found = direction === 'upstream' ? await this.lineage.edgesTo(frontier) : await this.lineage.edgesFrom(frontier);
        const next: string[] = [];
        for (const edge of found) {
          edges.set(edge.id, edge);
          const neighbour = direction === 'upstream' ? edge.fromUrn : edge.toUrn;
          if (nodes.has(neighbour)) continue;
          if (nodes.size >= MAX_LINEAGE_NODES) {
            truncated = true;
            continue;
          }
          nodes.add(neighbour);
          next.push(neighbour);
        }
        frontier = next;
      }
      // Edges beyond the last level exist when the last frontier still has neighbours.
      if (frontier.length > 0 && !truncated) {
        const beyond = direction === 'upstream' ? await this.lineage.edgesTo(frontier) : await this.lineage.edgesFrom(frontier);
        truncated = beyond.length > 0;
      }
    }
    const keptEdges = [...edges.values()].filter((edge) => nodes.has(edge.fromUrn) && nodes.has(edge.toUrn));
    return { root, nodes: [...nodes].sort().map(toNode), edges: keptEdges.map(toEdge), truncated };
  }
}

function toNode(urn: string): LineageNode {
  const { kind, name, version } = parseUrn(urn);
  return { urn, kind, name, version };
}

function toEdge(entity: LineageEdgeEntity): LineageEdge {
  return { from: entity.fromUrn, to: entity.toUrn, relation: entity.relation, recordedBy: entity.recordedBy, recordedAt: entity.recordedAt };
}
