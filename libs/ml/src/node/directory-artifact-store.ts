import { lstat, mkdir, open, rename, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { MlError } from '../ml.errors';
import { isArtifactFileName } from '../model-artifact';
import type { ArtifactStore } from '../model-artifact';

/**
 * An artifact as files in one directory. Names are checked to be plain file names before they touch
 * the file system, symbolic links are refused, and a read returns exactly the bytes that were sized.
 */
export function directoryArtifactStore(directory: string): ArtifactStore {
  const root = resolve(directory);
  const pathOf = (name: string): string => {
    if (!isArtifactFileName(name)) throw new MlError('invalid_artifact', `Not an artifact file name: ${JSON.stringify(name).slice(0, 100)}`, { file: name });
    return join(root, name);
  };
  return {
    async size(name) {
      const path = pathOf(name);
      const info = await lstat(path).catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return null;
        throw error;
      });
      if (info === null) return null;
      if (!info.isFile()) throw new MlError('invalid_artifact', `${name} is not a regular file`, { file: name });
      return info.size;
    },
    async read(name, expectedBytes) {
      // O_NOFOLLOW would be tighter, but is not portable; lstat in size() refused links already.
      const handle = await open(pathOf(name), 'r');
      try {
        const info = await handle.stat();
        if (!info.isFile() || info.size !== expectedBytes) {
          throw new MlError('invalid_artifact', `${name} changed size: ${info.size} bytes, ${expectedBytes} expected`, { file: name });
        }
        const bytes = new Uint8Array(expectedBytes);
        let offset = 0;
        while (offset < expectedBytes) {
          const { bytesRead } = await handle.read(bytes, offset, expectedBytes - offset, offset);
          if (bytesRead === 0) break;
          offset += bytesRead;
        }
        if (offset !== expectedBytes) throw new MlError('invalid_artifact', `${name} ended after ${offset} of ${expectedBytes} bytes`, { file: name });
        return bytes;
      } finally {
        await handle.close();
      }
    },
    async write(name, bytes) {
      const path = pathOf(name);
      await mkdir(root, { recursive: true });
      // Write then rename, so a reader never sees half a file.
      const partial = `${path}.part`;
      await writeFile(partial, bytes, { mode: 0o644 });
      await rename(partial, path);
    },
  };
}
