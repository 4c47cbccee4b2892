import type { DatasetVersion } from '@galley/contracts';
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
  };
}
