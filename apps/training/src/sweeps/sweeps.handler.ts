import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { TrainingRequests, type Sweep } from '@galley/contracts';
import { parseOrThrow } from '@galley/messaging';
import { SweepsUseCase } from './sweeps.usecase';

@Controller()
export class SweepsHandler {
  constructor(private readonly sweeps: SweepsUseCase) {}

  @MessagePattern(TrainingRequests.createSweep.subject)
  async create(@Payload() payload: unknown): Promise<Sweep> {
    const { actor, sweep } = parseOrThrow(TrainingRequests.createSweep.request, payload, 'sweep.create request');
    return this.sweeps.create(actor, sweep);
  }

  @MessagePattern(TrainingRequests.getSweep.subject)
  async get(@Payload() payload: unknown): Promise<Sweep> {
    return this.sweeps.get(parseOrThrow(TrainingRequests.getSweep.request, payload, 'sweep.get request').id);
  }

  @MessagePattern(TrainingRequests.listSweeps.subject)
  async list(): Promise<{ items: Sweep[] }> {
    return this.sweeps.list();
  }

  @MessagePattern(TrainingRequests.stopSweep.subject)
  async stop(@Payload() payload: unknown): Promise<Sweep> {
    return this.sweeps.stop(parseOrThrow(TrainingRequests.stopSweep.request, payload, 'sweep.stop request').id);
  }
}
