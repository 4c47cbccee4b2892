import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { BlobStore, BlobTooLargeError, EmptyBlobError, InvalidBlobKeyError } from './blob-store';

function storeInTemp(): { store: BlobStore; root: string } {
  const root = mkdtempSync(join(tmpdir(), 'galley-blobs-'));
  return { store: new BlobStore(root), root };
}

function chunks(...parts: string[]): Readable {
  return Readable.from(parts.map((part) => Buffer.from(part)));
}

describe('BlobStore', () => {
  it('stores bytes under their sha256 and reads them back', async () => {
    const { store } = storeInTemp();
    const blob = await store.put(chunks('a,b\n', '1,2\n'), { maxBytes: 1_000 });
    const expected = createHash('sha256').update('a,b\n1,2\n').digest('hex');
    expect(blob).toEqual({ key: `sha256/${expected}`, sha256: expected, size: 8, created: true });
    expect(readFileSync(store.pathOf(blob.key), 'utf8')).toBe('a,b\n1,2\n');
  });

  it('deduplicates identical bytes', async () => {
    const { store } = storeInTemp();
    await store.put(chunks('same'), { maxBytes: 100 });
    const again = await store.put(chunks('sa', 'me'), { maxBytes: 100 });
    expect(again.created).toBe(false);
  });

  it('refuses an upload over the limit and leaves no file behind', async () => {
    const { store, root } = storeInTemp();
    await expect(store.put(chunks('12345', '67890'), { maxBytes: 7 })).rejects.toBeInstanceOf(BlobTooLargeError);
    expect(readdirSync(join(root, 'tmp'))).toEqual([]);
  });

  it('refuses an empty upload and leaves no file behind', async () => {
    const { store, root } = storeInTemp();
    await expect(store.put(chunks(), { maxBytes: 7 })).rejects.toBeInstanceOf(EmptyBlobError);
    expect(readdirSync(join(root, 'tmp'))).toEqual([]);
  });

  it('cleans up after a source that fails half-way', async () => {
    const { store, root } = storeInTemp();
    const failing = new Readable({
      read() {
        this.push(Buffer.from('partial'));
        this.destroy(new Error('client went away'));
      },
    });
    await expect(store.put(failing, { maxBytes: 1_000 })).rejects.toThrow('client went away');
    expect(readdirSync(join(root, 'tmp'))).toEqual([]);
  });

  it.each(['../../etc/passwd', 'sha256/../../x', `sha256/${'g'.repeat(64)}`, `sha256/${'a'.repeat(63)}`, 'sha256/%2e%2e%2f', ''])(
    'refuses the key %j',
    (key) => {
      const { store } = storeInTemp();
      expect(() => store.pathOf(key)).toThrow(InvalidBlobKeyError);
    },
  );
});
