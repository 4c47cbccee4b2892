// Safe for browsers: nothing here imports a Node module. Reading local files is in `@galley/sdk/node`.
export { GalleyClient } from './galley-client';
export type { CreateDatasetInput, GalleyClientOptions, ListDatasetsInput, UploadVersionOptions } from './galley-client';
export { GalleyApiError, isGalleyApiError } from './galley-api.error';
export { FeaturesApi } from './features/features.client';
export type {
  AppliedView,
  CreateEntityInput,
  CreateFeatureServiceInput,
  FeatureViewInput,
  TrainingSetInput,
  WaitForMaterializationOptions,
} from './features/features.client';
export type { GalleyApiErrorInit, GalleyErrorCode } from './galley-api.error';
export { formatFromFileName, KNOWN_TABLE_EXTENSIONS, MEDIA_TYPE_OF_FORMAT, unknownFormatMessage } from './table-format';
export type { UploadSource } from './upload-body';
