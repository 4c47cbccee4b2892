import type { ExpectationSuite } from '@galley/contracts';
import type { ExpectationSuiteEntity } from './expectation-suite.entity';

export function toSuiteContract(datasetName: string, entity: ExpectationSuiteEntity | null): ExpectationSuite {
  if (!entity) return { dataset: datasetName, revision: 0, expectations: [], updatedBy: null, updatedAt: null };
  return { dataset: datasetName, revision: entity.revision, expectations: entity.expectations, updatedBy: entity.updatedBy, updatedAt: entity.updatedAt };
}
