export { GalleyClient } from './galley-client';
export type { CreateDatasetInput, GalleyClientOptions, ListDatasetsInput } from './galley-client';
export { GalleyApiError, isGalleyApiError } from './galley-api.error';
export type { GalleyApiErrorInit, GalleyErrorCode } from './galley-api.error';
