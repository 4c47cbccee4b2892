import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { CatalogRequests, type LineageGraph, type RecordedLineage } from '@galley/contracts';
import { parseOrThrow } from '@galley/messaging';
import { LineageGraphUseCase } from './lineage-graph.usecase';
import { LineageRepository } from './lineage.repository';

@Controller()
export class LineageHandler {
  constructor(
    private readonly lineage: LineageRepository,
    private readonly graph: LineageGraphUseCase,
  ) {}

  @MessagePattern(CatalogRequests.recordLineage.subject)
  async record(@Payload() payload: unknown): Promise<RecordedLineage> {
    const { actor, request } = parseOrThrow(CatalogRequests.recordLineage.request, payload, 'lineage.record request');
    return { recorded: await this.lineage.record(request.edges, actor.name) };
  }

  @MessagePattern(CatalogRequests.getLineage.subject)
  async get(@Payload() payload: unknown): Promise<LineageGraph> {
    const { urn, query } = parseOrThrow(CatalogRequests.getLineage.request, payload, 'lineage.get request');
    return this.graph.execute(urn, query);
  }
}
