import { Inject, Injectable } from '@nestjs/common';
import { jobEventsSubject, type JobEvent } from '@galley/contracts';
import { NATS_CONNECTION } from '@galley/messaging';
import type { NatsConnection } from 'nats';

/**
 * Live job events for watchers (the gateway's server-sent events, the CLI's --watch). They are a view,
 * not a record: a watcher that connects late reads the job and its metric history first, so a missed
 * live event loses nothing.
 */
@Injectable()
export class JobEventsPublisher {
  constructor(@Inject(NATS_CONNECTION) private readonly connection: NatsConnection) {}

  publish(event: JobEvent): void {
    const jobId = 'job' in event ? event.job.id : event.jobId;
    this.connection.publish(jobEventsSubject(jobId), new TextEncoder().encode(JSON.stringify(event)));
  }
}
