import { Controller, Get, Post } from '@nestjs/common';
import {
  CatalogRequests,
  LineageGraphSchema,
  LineageParamsSchema,
  LineageQuerySchema,
  RecordedLineageSchema,
  RecordLineageRequestSchema,
  type Actor,
  type LineageGraph,
  type LineageQuery,
  type RecordedLineage,
  type RecordLineageRequest,
  type Urn,
} from '@galley/contracts';
import { BusClient } from '@galley/messaging';
import { Endpoint } from '../http/endpoint.decorator';
import { CurrentActor, ValidBody, ValidParams, ValidQuery } from '../http/validated-request';

/** The lineage graph is owned by the catalog; services also add edges by putting `lineage` in their events. */
@Controller('lineage')
export class LineageController {
  constructor(private readonly bus: BusClient) {}

  @Post('edges')
  @Endpoint({
    summary: 'Record lineage edges (input → output); known edges are not recorded twice',
    description: 'Nodes are URNs: dataset:{name}@{v}, featureview:{name}@{rev}, trainingset:…, run:{id}, model:{name}@{v}, deployment:{name}.',
    tags: ['lineage'],
    access: ['data-scientist'],
    body: RecordLineageRequestSchema,
    response: RecordedLineageSchema,
    status: 200,
    errors: [400, 503, 504],
  })
  async record(@CurrentActor() actor: Actor, @ValidBody() body: RecordLineageRequest): Promise<RecordedLineage> {
    return this.bus.request(CatalogRequests.recordLineage, { actor, request: body });
  }

  @Get(':urn')
  @Endpoint({
    summary: 'The lineage subgraph around a node, upstream (what it came from), downstream (what was made from it) or both',
    tags: ['lineage'],
    access: ['viewer'],
    params: LineageParamsSchema,
    query: LineageQuerySchema,
    response: LineageGraphSchema,
    errors: [400, 503, 504],
  })
  async get(@ValidParams() params: { urn: Urn }, @ValidQuery() query: LineageQuery): Promise<LineageGraph> {
    return this.bus.request(CatalogRequests.getLineage, { urn: params.urn, query });
  }
}
