import type { Materialization } from '@galley/contracts';
import type { MaterializationEntity } from './materialization.entity';

export function toMaterializationContract(run: MaterializationEntity): Materialization {
  return {
    id: run.id,
    view: run.view,
    viewRevision: run.viewRevision,
    source: { dataset: run.sourceDataset, version: run.sourceVersion },
    status: run.status,
    start: run.windowStart,
    end: run.windowEnd,
    rowsScanned: run.rowsScanned,
    entitiesWritten: run.entitiesWritten,
    entitiesTotal: run.entitiesTotal,
    error: run.error,
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
  };
}
