// The Node-only part of the SDK (it reads local files), kept apart from `@galley/sdk` so that the
// browser bundle of the client never pulls in node:fs. Import it as `@galley/sdk/node`.
export { inspectUploadFile, uploadFile, uploadInspectedFile, UploadFileError } from './upload-file';
export type { UploadableFile, UploadFileOptions } from './upload-file';
