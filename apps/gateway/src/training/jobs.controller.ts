import { Controller, Get, Inject, Post, Req, Res } from '@nestjs/common';
import {
  jobEventsSubject,
  JobDetailsSchema,
  JobEventSchema,
  JobPageSchema,
  JobSchema,
  ListJobsQuerySchema,
  SubmitJobRequestSchema,
  TrainerSchema,
  TrainingRequests,
  type Actor,
  type Job,
  type JobDetails,
  type JobPage,
  type ListJobsQuery,
  type SubmitJobRequest,
  type Trainer,
} from '@galley/contracts';
import { BusClient } from '@galley/messaging';
import type { Request, Response } from 'express';
import type { NatsConnection } from 'nats';
import { z } from 'zod';
import { GATEWAY_NATS } from '../bus/bus.module';
import { Endpoint } from '../http/endpoint.decorator';
import { CurrentActor, ValidBody, ValidParams, ValidQuery } from '../http/validated-request';

const JobParams = z.strictObject({ id: z.uuid() });
const FINISHED = new Set(['completed', 'failed', 'cancelled']);
/** Comments keep proxies from closing an idle event stream. */
const KEEPALIVE_MS = 15_000;

/** Training jobs and trainers, forwarded to the training service; job progress as server-sent events. */
@Controller()
export class JobsController {
  constructor(
    private readonly bus: BusClient,
    @Inject(GATEWAY_NATS) private readonly connection: NatsConnection,
  ) {}

  @Post('jobs')
  @Endpoint({
    summary: 'Submit a training job: validated completely, recorded, then queued for any trainer',
    description:
      'The model is Keras JSON exactly as tfjs model.toJSON() gives it, with compile and fit settings; the data is a catalog dataset version with a target and features. ' +
      'A rejected dataset, an unknown layer, a shape that does not fit the data or a loss that does not fit the target answer 422 before anything is queued.',
    tags: ['training'],
    access: ['data-scientist'],
    body: SubmitJobRequestSchema,
    response: JobSchema,
    status: 201,
    errors: [400, 404, 422, 503, 504],
  })
  async submit(@CurrentActor() actor: Actor, @ValidBody() body: SubmitJobRequest): Promise<Job> {
    return this.bus.request(TrainingRequests.submitJob, { actor, job: body }, { timeoutMs: 30_000 });
  }

  @Get('jobs')
  @Endpoint({ summary: 'List jobs, newest first', tags: ['training'], access: ['viewer'], query: ListJobsQuerySchema, response: JobPageSchema, errors: [400, 404, 503, 504] })
  async list(@ValidQuery() query: ListJobsQuery): Promise<JobPage> {
    return this.bus.request(TrainingRequests.listJobs, { query });
  }

  @Get('jobs/:id')
  @Endpoint({ summary: 'A job with its spec, status and progress', tags: ['training'], access: ['viewer'], params: JobParams, response: JobDetailsSchema, errors: [400, 404, 503, 504] })
  async get(@ValidParams() params: { id: string }): Promise<JobDetails> {
    return this.bus.request(TrainingRequests.getJob, params);
  }

  @Post('jobs/:id/cancel')
  @Endpoint({
    summary: 'Cancel a job: a queued one at once, a running one within an epoch',
    tags: ['training'],
    access: ['data-scientist'],
    params: JobParams,
    response: JobSchema,
    status: 200,
    errors: [400, 404, 409, 503, 504],
  })
  async cancel(@CurrentActor() actor: Actor, @ValidParams() params: { id: string }): Promise<Job> {
    return this.bus.request(TrainingRequests.cancelJob, { actor, id: params.id });
  }

  @Get('jobs/:id/events')
  @Endpoint({
    summary: "A job's progress as server-sent events: a snapshot, then started, epoch metrics, completed / failed / cancelled",
    description: 'Each event is one JSON JobEvent in a `data:` line; the stream ends after the job finishes.',
    tags: ['training'],
    access: ['viewer'],
    params: JobParams,
    status: 200,
    errors: [400, 404, 503, 504],
  })
  async events(@ValidParams() params: { id: string }, @Req() request: Request, @Res() response: Response): Promise<void> {
    // Subscribe before reading the snapshot, so nothing that happens in between is missed.
    const subscription = this.connection.subscribe(jobEventsSubject(params.id));
    let job: JobDetails;
    try {
      job = await this.bus.request(TrainingRequests.getJob, params);
    } catch (error) {
      subscription.unsubscribe();
      throw error;
    }
    response.status(200).set({ 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache, no-transform', connection: 'keep-alive', 'x-accel-buffering': 'no' });
    response.flushHeaders();
    const send = (event: string, data: unknown) => response.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    send('snapshot', { type: 'snapshot', job });
    const keepalive = setInterval(() => response.write(': keepalive\n\n'), KEEPALIVE_MS);
    const close = () => {
      clearInterval(keepalive);
      subscription.unsubscribe();
      response.end();
    };
    request.on('close', close);
    if (FINISHED.has(job.status)) return close();
    for await (const message of subscription) {
      // Live events come from the training service; parse them anyway before passing them on.
      const parsed = parseJobEvent(message.data);
      if (!parsed.success) continue;
      send(parsed.data.type, parsed.data);
      if ('job' in parsed.data && FINISHED.has(parsed.data.job.status)) break;
    }
    close();
  }

  @Get('trainers')
  @Endpoint({ summary: 'Trainers alive now (a heartbeat within 30 s) and what each is doing', tags: ['training'], access: ['viewer'], response: z.object({ items: z.array(TrainerSchema) }), errors: [503, 504] })
  async trainers(): Promise<{ items: Trainer[] }> {
    return this.bus.request(TrainingRequests.listTrainers, {});
  }
}

function parseJobEvent(data: Uint8Array) {
  try {
    return JobEventSchema.safeParse(JSON.parse(new TextDecoder().decode(data)));
  } catch {
    return { success: false as const };
  }
}
