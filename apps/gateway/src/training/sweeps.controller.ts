import { Controller, Get, Post } from '@nestjs/common';
import { CreateSweepRequestSchema, SweepSchema, TrainingRequests, type Actor, type CreateSweepRequest, type Sweep } from '@galley/contracts';
import { BusClient } from '@galley/messaging';
import { z } from 'zod';
import { Endpoint } from '../http/endpoint.decorator';
import { CurrentActor, ValidBody, ValidParams } from '../http/validated-request';

const SweepParams = z.strictObject({ id: z.uuid() });

/** Sweeps: a base job with varied settings, fanned out as jobs; the best trial so far by the objective. */
@Controller('sweeps')
export class SweepsController {
  constructor(private readonly bus: BusClient) {}

  @Post()
  @Endpoint({
    summary: 'Start a sweep: grid or random trials of a base job, run `parallelism` at a time across the trainers',
    description: 'Varies learningRate, optimizer, batchSize, epochs, validationSplit, seed or layers.<i>.units. Every trial is validated before anything is queued.',
    tags: ['training'],
    access: ['data-scientist'],
    body: CreateSweepRequestSchema,
    response: SweepSchema,
    status: 201,
    errors: [400, 404, 422, 503, 504],
  })
  async create(@CurrentActor() actor: Actor, @ValidBody() body: CreateSweepRequest): Promise<Sweep> {
    return this.bus.request(TrainingRequests.createSweep, { actor, sweep: body }, { timeoutMs: 60_000 });
  }

  @Get()
  @Endpoint({ summary: 'Recent sweeps', tags: ['training'], access: ['viewer'], response: z.object({ items: z.array(SweepSchema) }), errors: [503, 504] })
  async list(): Promise<{ items: Sweep[] }> {
    return this.bus.request(TrainingRequests.listSweeps, {});
  }

  @Get(':id')
  @Endpoint({ summary: 'A sweep with its trials and the best so far', tags: ['training'], access: ['viewer'], params: SweepParams, response: SweepSchema, errors: [400, 404, 503, 504] })
  async get(@ValidParams() params: { id: string }): Promise<Sweep> {
    return this.bus.request(TrainingRequests.getSweep, params);
  }

  @Post(':id/stop')
  @Endpoint({ summary: 'Stop a sweep early: pending trials dropped, running ones cancelled', tags: ['training'], access: ['data-scientist'], params: SweepParams, response: SweepSchema, status: 200, errors: [400, 404, 503, 504] })
  async stop(@CurrentActor() actor: Actor, @ValidParams() params: { id: string }): Promise<Sweep> {
    return this.bus.request(TrainingRequests.stopSweep, { actor, id: params.id });
  }
}
