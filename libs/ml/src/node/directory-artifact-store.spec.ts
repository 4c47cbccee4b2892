import { mkdtemp, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { directoryArtifactStore } from './directory-artifact-store';

describe('directoryArtifactStore', () => {
  let directory: string;

  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'galley-ml-'));
  });

  afterEach(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it('writes, sizes and reads back plain files', async () => {
    const store = directoryArtifactStore(join(directory, 'artifact'));
    await store.write('weights.bin', new Uint8Array([1, 2, 3]));
    expect(await store.size('weights.bin')).toBe(3);
    expect(await store.read('weights.bin', 3)).toEqual(new Uint8Array([1, 2, 3]));
    expect(await store.size('model.json')).toBeNull();
    expect(await readdir(join(directory, 'artifact'))).toEqual(['weights.bin']);
  });

  it.each(['../escape.bin', 'a/b.bin', '/etc/passwd', '..'])('refuses the name %j before touching the file system', async (name) => {
    const store = directoryArtifactStore(directory);
    await expect(store.size(name)).rejects.toMatchObject({ code: 'invalid_artifact' });
    await expect(store.write(name, new Uint8Array(1))).rejects.toMatchObject({ code: 'invalid_artifact' });
  });

  it('refuses a symbolic link in place of a file', async () => {
    await writeFile(join(directory, 'secret'), 'x');
    await symlink(join(directory, 'secret'), join(directory, 'weights.bin'));
    await expect(directoryArtifactStore(directory).size('weights.bin')).rejects.toMatchObject({ code: 'invalid_artifact' });
  });

  it('refuses to read a file whose size changed since it was checked', async () => {
    const store = directoryArtifactStore(directory);
    await store.write('weights.bin', new Uint8Array(8));
    await expect(store.read('weights.bin', 4)).rejects.toMatchObject({ code: 'invalid_artifact', message: 'weights.bin changed size: 8 bytes, 4 expected' });
  });
});
