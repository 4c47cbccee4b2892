import { isArtifactFileName } from '@galley/ml';

/**
 * A trained model's files (model.json, weights.bin, preprocessing, signature, metrics) as one blob, so
 * an artifact is one content-addressed key: `GALB` magic, a JSON index of names and sizes, then the
 * bytes in order. Names are checked on both sides; nothing in a bundle becomes a path.
 */
const MAGIC = Buffer.from('GALB1\n');

export function bundleArtifact(files: ReadonlyMap<string, Uint8Array>): Buffer {
  const entries = [...files].map(([name, bytes]) => {
    if (!isArtifactFileName(name)) throw new Error(`not an artifact file name: ${name}`);
    return { name, size: bytes.byteLength };
  });
  const index = Buffer.from(JSON.stringify(entries));
  const header = Buffer.alloc(4);
  header.writeUInt32BE(index.byteLength);
  return Buffer.concat([MAGIC, header, index, ...[...files.values()].map((bytes) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength))]);
}

export function unbundleArtifact(bundle: Buffer): Map<string, Uint8Array> {
  if (bundle.byteLength < MAGIC.byteLength + 4 || !bundle.subarray(0, MAGIC.byteLength).equals(MAGIC)) throw new Error('not a Galley artifact bundle');
  const indexLength = bundle.readUInt32BE(MAGIC.byteLength);
  let offset = MAGIC.byteLength + 4;
  if (indexLength > bundle.byteLength - offset) throw new Error('artifact bundle index is truncated');
  const entries = JSON.parse(bundle.subarray(offset, offset + indexLength).toString('utf8')) as Array<{ name: unknown; size: unknown }>;
  offset += indexLength;
  const files = new Map<string, Uint8Array>();
  for (const entry of entries) {
    if (typeof entry.name !== 'string' || !isArtifactFileName(entry.name) || typeof entry.size !== 'number' || !Number.isSafeInteger(entry.size) || entry.size < 0) {
      throw new Error('artifact bundle index is malformed');
    }
    if (offset + entry.size > bundle.byteLength) throw new Error(`artifact bundle is truncated at ${entry.name}`);
    files.set(entry.name, new Uint8Array(bundle.subarray(offset, offset + entry.size)));
    offset += entry.size;
  }
  if (offset !== bundle.byteLength) throw new Error('artifact bundle has trailing bytes');
  return files;
}
