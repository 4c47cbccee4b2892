import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { aVersion } from '../catalog.test-builders';
import { GalleyClient } from '../galley-client';
import { startRecordingServer, type RecordingServer } from '../recording-server.test-helper';
import { inspectUploadFile, uploadFile, UploadFileError } from './upload-file';

describe('uploadFile', () => {
  let dir: string;
  let server: RecordingServer;
  let status = 201;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'galley-upload-'));
    server = await startRecordingServer(() => ({ status, body: aVersion() }));
  });
  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(() => {
    status = 201;
    server.received.length = 0;
    server.onHeaders = undefined;
  });

  function aFile(name: string, content: string | Buffer): string {
    const path = join(dir, name);
    writeFileSync(path, content);
    return path;
  }

  const client = () => new GalleyClient({ baseUrl: server.baseUrl, token: 'tok' });

  it('streams the file: the server sees the request before the client has read the whole file', async () => {
    const content = randomBytes(16 * 1024 * 1024);
    const path = aFile('big.csv', content);
    const progress: number[] = [];
    let sentWhenServerSawHeaders = -1;
    server.onHeaders = () => (sentWhenServerSawHeaders = progress.at(-1) ?? 0);

    await uploadFile(client(), 'weather', path, { onProgress: (sent) => progress.push(sent) });

    expect(sentWhenServerSawHeaders).toBeGreaterThanOrEqual(0);
    expect(sentWhenServerSawHeaders).toBeLessThan(content.length);
    expect(server.received[0]).toMatchObject({ bytes: content.length, sha256: createHash('sha256').update(content).digest('hex') });
  });

  it('holds only a little of the file in memory while sending it (fetch must not tee the body)', async () => {
    const size = 128 * 1024 * 1024;
    const path = aFile('large.csv', Buffer.alloc(size, 'a'));
    const baseline = process.memoryUsage().arrayBuffers;
    let peak = 0;

    await uploadFile(client(), 'weather', path, {
      onProgress: () => (peak = Math.max(peak, process.memoryUsage().arrayBuffers - baseline)),
    });

    expect(server.received[0]?.bytes).toBe(size);
    expect(peak).toBeLessThan(size / 2);
  });

  it('reports progress from 0 up to the size, in more than one step', async () => {
    const path = aFile('medium.csv', randomBytes(2 * 1024 * 1024));
    const calls: Array<[number, number | undefined]> = [];

    await uploadFile(client(), 'weather', path, { onProgress: (sent, total) => calls.push([sent, total]) });

    expect(calls[0]).toEqual([0, 2 * 1024 * 1024]);
    expect(calls.at(-1)).toEqual([2 * 1024 * 1024, 2 * 1024 * 1024]);
    expect(calls.length).toBeGreaterThan(2);
    const sent = calls.map(([bytes]) => bytes);
    expect(sent).toEqual([...sent].sort((a, b) => a - b));
  });

  it('PUTs to the versions of the dataset with the Content-Type of the format and the Content-Length of the file', async () => {
    const path = aFile('rows.jsonl', '{"a":1}\n{"a":2}\n');

    await uploadFile(client(), 'weather', path);

    expect(server.received[0]).toMatchObject({ method: 'PUT', url: '/api/v1/datasets/weather/versions', bytes: 16 });
    expect(server.received[0]?.headers).toMatchObject({
      'content-type': 'application/x-ndjson',
      'content-length': '16',
      authorization: 'Bearer tok',
    });
  });

  it('tells a new version (201) from the same bytes uploaded again (200)', async () => {
    const path = aFile('small.csv', 'a\n1\n');

    const first = await uploadFile(client(), 'weather', path);
    status = 200;
    const again = await uploadFile(client(), 'weather', path);

    expect(first.created).toBe(true);
    expect(again.created).toBe(false);
    expect(again.version).toEqual(aVersion());
  });

  it('lets an explicit format win over the extension', async () => {
    const path = aFile('export.txt', 'a\n1\n');

    await uploadFile(client(), 'weather', path, { format: 'csv' });

    expect(server.received[0]?.headers['content-type']).toBe('text/csv');
  });

  describe('refuses, before sending anything,', () => {
    it('a path with no file, naming it', async () => {
      const missing = join(dir, 'nope.csv');
      await expect(inspectUploadFile(missing)).rejects.toThrow(`no file at ${missing}: check the path`);
    });

    it('a directory', async () => {
      const folder = join(dir, 'folder.csv');
      mkdirSync(folder, { recursive: true });
      await expect(inspectUploadFile(folder)).rejects.toThrow(`${folder} is a directory: give one CSV, Parquet or JSON Lines file`);
    });

    it('an empty file', async () => {
      const path = aFile('empty.csv', '');
      await expect(inspectUploadFile(path)).rejects.toThrow('is empty: there is nothing to upload');
    });

    it('an extension that names no format, listing the ones that do', async () => {
      const path = aFile('notes.txt', 'hello');
      await expect(inspectUploadFile(path)).rejects.toThrow(/\.txt is not one of \.csv, \.parquet, \.pq, \.jsonl, \.ndjson; rename it or name the format/);
    });

    it('a .json file, explaining that JSON Lines is one object per line', async () => {
      const path = aFile('rows.json', '[{"a":1}]');
      const error = await inspectUploadFile(path).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(UploadFileError);
      expect((error as Error).message).toMatch(/a \.json file is not JSON Lines/);
    });

    it('and sends nothing when the file is refused', async () => {
      await expect(uploadFile(client(), 'weather', join(dir, 'absent.csv'))).rejects.toBeInstanceOf(UploadFileError);
      expect(server.received).toHaveLength(0);
    });
  });
});
