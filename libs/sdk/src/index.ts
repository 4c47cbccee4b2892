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
export { TrainingApi, JobStreamEventSchema } from './training/training.client';
export type { CreateExperimentInput, CreateRunInput, JobOutcome, JobStreamEvent, ListJobsInput, SearchRunsInput, WatchJobOptions } from './training/training.client';
export { readServerSentEvents } from './server-sent-events';
export type { ServerSentEvent } from './server-sent-events';
export { formatFromFileName, KNOWN_TABLE_EXTENSIONS, MEDIA_TYPE_OF_FORMAT, unknownFormatMessage } from './table-format';
export type { UploadSource } from './upload-body';
