import { Injectable } from '@nestjs/common';
import { CatalogRequests, type DatasetVersion, type SubmitJobRequest } from '@galley/contracts';
import { validateModelSpec, type ValidatedSpec } from '@galley/ml';
import { BusClient, DomainError } from '@galley/messaging';

/**
 * Everything a job needs is checked before it is queued: the data version exists and was not rejected
 * by verification, the target and features are columns of it, and the model builds and fits the data
 * (layer classes, input width, loss vs target, size limits). A job that would fail on a trainer for a
 * reason visible now is refused now, with every problem named.
 */
@Injectable()
export class JobValidator {
  constructor(private readonly bus: BusClient) {}

  async validate(request: SubmitJobRequest): Promise<{ version: DatasetVersion; validated: ValidatedSpec }> {
    const version = await this.bus.request(CatalogRequests.getVersion, { name: request.source.dataset, version: request.source.version });
    if (version.status === 'rejected') {
      throw new DomainError('training.invalid_job', `${version.dataset}@${version.version} was rejected by data verification and cannot be trained on`, {
        errors: [{ field: 'source', message: 'rejected dataset version' }],
      });
    }
    const profile = await this.bus.request(CatalogRequests.getProfile, { name: version.dataset, version: version.version });
    const columns = profile.columns.map((column) => ({ name: column.name, logicalType: column.logicalType, distinctCount: column.distinctCount }));
    const result = validateModelSpec({ model: request.model, data: request.data, seed: request.seed }, { columns });
    if (!result.ok) {
      const errors = result.issues.map((issue) => ({ field: issue.path, message: issue.message }));
      throw new DomainError('training.invalid_job', `the job cannot run: ${errors.map((error) => `${error.field}: ${error.message}`).join('; ')}`, { errors });
    }
    return { version, validated: result.value };
  }
}
