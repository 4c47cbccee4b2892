import { Injectable } from '@nestjs/common';
import type { JobDetails, JobPage, ListJobsQuery } from '@galley/contracts';
import { DomainError } from '@galley/messaging';
import { TrackingRepository } from '../tracking/tracking.repository';
import { toJobContract, toJobDetails } from './job.mapper';
import { JobsRepository } from './jobs.repository';

@Injectable()
export class JobQueriesUseCase {
  constructor(
    private readonly jobs: JobsRepository,
    private readonly tracking: TrackingRepository,
  ) {}

  async get(id: string): Promise<JobDetails> {
    const job = await this.jobs.find(id);
    if (!job) throw jobNotFound(id);
    return toJobDetails(job, await this.jobs.experimentName(job.experimentId));
  }

  async list(query: ListJobsQuery): Promise<JobPage> {
    let experimentId: string | null = null;
    if (query.experiment) {
      const experiment = await this.tracking.findExperiment(query.experiment);
      if (!experiment) throw new DomainError('training.experiment_not_found', `no experiment named "${query.experiment}"`, { name: query.experiment });
      experimentId = experiment.id;
    }
    const { items, total } = await this.jobs.list(query, experimentId);
    const names = new Map<string, string>();
    for (const job of items) if (!names.has(job.experimentId)) names.set(job.experimentId, await this.jobs.experimentName(job.experimentId));
    return { items: items.map((job) => toJobContract(job, names.get(job.experimentId) ?? '')), total, limit: query.limit, offset: query.offset };
  }
}

export function jobNotFound(id: string): DomainError {
  return new DomainError('training.job_not_found', `no job ${id}`, { id });
}
