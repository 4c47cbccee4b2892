import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream, type ReadStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { Transform, type Readable, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';

export interface StoredBlob {
  /** `sha256/<64 hex>`: derived from the content, never from anything a user typed. */
  key: string;
  sha256: string;
  size: number;
  /** False when identical bytes were already stored (the upload deduplicated to the existing blob). */
  created: boolean;
}

export class BlobTooLargeError extends Error {
  constructor(readonly limitBytes: number) {
    super(`the upload is larger than the limit of ${limitBytes} bytes`);
    this.name = 'BlobTooLargeError';
  }
}

export class InvalidBlobKeyError extends Error {
  constructor(key: string) {
    super(`not a blob key: ${JSON.stringify(key.slice(0, 80))}`);
    this.name = 'InvalidBlobKeyError';
  }
}

export class EmptyBlobError extends Error {
  constructor() {
    super('the upload is empty');
    this.name = 'EmptyBlobError';
  }
}

const KEY_PATTERN = /^sha256\/([0-9a-f]{64})$/;

/**
 * Dataset files and model artifacts on the filesystem, keyed by content hash. Writes stream to a temp
 * file while hashing and are renamed into place only when complete, so a reader never sees half a
 * blob and an interrupted upload leaves nothing behind. Keys are validated and every path is checked
 * to resolve under the root before it is touched.
 */
export class BlobStore {
  private readonly root: string;

  constructor(root: string) {
    this.root = resolve(root);
  }

  async put(source: Readable, options: { maxBytes: number }): Promise<StoredBlob> {
    const tempDir = this.confined(join(this.root, 'tmp'));
    await mkdir(tempDir, { recursive: true });
    const tempFile = this.confined(join(tempDir, `${randomUUID()}.part`));
    const hash = createHash('sha256');
    let size = 0;
    const meter = new Transform({
      transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback) {
        size += chunk.length;
        if (size > options.maxBytes) {
          callback(new BlobTooLargeError(options.maxBytes));
          return;
        }
        hash.update(chunk);
        callback(null, chunk);
      },
    });
    try {
      await pipeline(source, meter, createWriteStream(tempFile, { flags: 'wx', mode: 0o640 }));
      if (size === 0) throw new EmptyBlobError();
      const sha256 = hash.digest('hex');
      const key = `sha256/${sha256}`;
      const finalPath = this.pathOf(key);
      if (await exists(finalPath)) {
        await rm(tempFile, { force: true });
        return { key, sha256, size, created: false };
      }
      await mkdir(dirname(finalPath), { recursive: true });
      // rename is atomic within one filesystem: the blob appears whole or not at all.
      await rename(tempFile, finalPath);
      return { key, sha256, size, created: true };
    } catch (error) {
      await rm(tempFile, { force: true });
      throw error;
    }
  }

  /** The file of a blob, two directory levels deep so no directory grows to millions of entries. */
  pathOf(key: string): string {
    const match = KEY_PATTERN.exec(key);
    if (!match) throw new InvalidBlobKeyError(key);
    const hex = match[1];
    return this.confined(join(this.root, 'sha256', hex.slice(0, 2), hex.slice(2, 4), hex));
  }

  async exists(key: string): Promise<boolean> {
    return exists(this.pathOf(key));
  }

  async sizeOf(key: string): Promise<number> {
    return (await stat(this.pathOf(key))).size;
  }

  openRead(key: string): ReadStream {
    return createReadStream(this.pathOf(key));
  }

  async delete(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }

  /** Refuses any path that does not resolve under the root (defence in depth behind key validation). */
  private confined(path: string): string {
    const resolved = resolve(path);
    if (resolved !== this.root && !resolved.startsWith(this.root + sep)) {
      throw new InvalidBlobKeyError(path);
    }
    return resolved;
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}
