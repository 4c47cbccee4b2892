import { Module } from '@nestjs/common';
import { LineageEventsConsumer } from './lineage-events.consumer';
import { LineageGraphUseCase } from './lineage-graph.usecase';
import { LineageHandler } from './lineage.handler';
import { LineageRepository } from './lineage.repository';

@Module({
  controllers: [LineageHandler],
  providers: [LineageRepository, LineageGraphUseCase, LineageEventsConsumer],
})
export class LineageModule {}
