export { BlobStore, BlobTooLargeError, EmptyBlobError, InvalidBlobKeyError } from './blob-store';
export type { StoredBlob } from './blob-store';
