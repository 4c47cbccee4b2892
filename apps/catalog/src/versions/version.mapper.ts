import type { DatasetVersion, ValidationReport } from '@galley/contracts';
import type { DatasetVersionEntity } from './dataset-version.entity';

export function toVersionContract(datasetName: string, entity: DatasetVersionEntity): DatasetVersion {
  return {
    dataset: datasetName,
    version: entity.number,
    sha256: entity.sha256,
    size: entity.size,
    format: entity.format,
    rowCount: entity.rowCount,
    columns: entity.columns,
    uploader: entity.uploader,
    createdAt: entity.createdAt,
    status: entity.status,
    validation: entity.validation,
    schemaChange: entity.schemaChange,
  };
}

export function toValidationReport(datasetName: string, entity: DatasetVersionEntity): ValidationReport {
  const stored = entity.validationReport;
  return {
    dataset: datasetName,
    version: entity.number,
    status: entity.status,
    outcome: entity.validation,
    suiteRevision: stored?.suiteRevision ?? 0,
    validatedAt: stored?.validatedAt ?? entity.createdAt,
    results: stored?.results ?? [],
  };
}
