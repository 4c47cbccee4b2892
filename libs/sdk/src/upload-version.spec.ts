import { createHash } from 'node:crypto';
import { aVersion } from './catalog.test-builders';
import { GalleyApiError } from './galley-api.error';
import { GalleyClient } from './galley-client';
import { startRecordingServer, type Answer, type RecordingServer } from './recording-server.test-helper';

describe('GalleyClient.uploadVersion', () => {
  let server: RecordingServer;
  let answer: Answer;

  beforeAll(async () => {
    server = await startRecordingServer(() => answer);
  });
  afterAll(async () => {
    await server.close();
  });
  beforeEach(() => {
    answer = { status: 201, body: aVersion() };
    server.received.length = 0;
  });

  const client = () => new GalleyClient({ baseUrl: server.baseUrl, token: 'tok' });

  it('streams an async iterable of chunks and returns the version with created = true on 201', async () => {
    const chunks = ['date,temp\n', '2012-01-01,12.8\n', '2012-01-02,10.6\n'].map((text) => new TextEncoder().encode(text));
    async function* rows() {
      yield* chunks;
    }

    const result = await client().uploadVersion('weather', rows(), { format: 'csv' });

    expect(result).toEqual({ version: aVersion(), created: true });
    const expected = Buffer.concat(chunks);
    expect(server.received[0]).toMatchObject({ bytes: expected.length, sha256: createHash('sha256').update(expected).digest('hex') });
    // Without a size the length is unknown up front: the body goes chunked.
    expect(server.received[0]?.headers['transfer-encoding']).toBe('chunked');
  });

  it('sends a File whole, with the format taken from its name', async () => {
    const file = new File(['{"a":1}\n'], 'rows.jsonl');
    const progress: Array<[number, number | undefined]> = [];

    await client().uploadVersion('weather', file, { onProgress: (sent, total) => progress.push([sent, total]) });

    expect(server.received[0]?.headers).toMatchObject({ 'content-type': 'application/x-ndjson', 'content-length': '8' });
    expect(progress).toEqual([
      [0, 8],
      [8, 8],
    ]);
  });

  it('asks for the format when the source cannot name it', async () => {
    async function* nothing() {}
    await expect(client().uploadVersion('weather', nothing())).rejects.toThrow('name the format (csv, parquet or jsonl)');
  });

  it('stops reading the source when the server answers before taking the body', async () => {
    answer = {
      status: 404,
      beforeReadingBody: true,
      body: { type: 'about:blank', title: 'Not Found', status: 404, detail: 'no dataset "weather"', code: 'catalog.dataset_not_found' },
    };
    let produced = 0;
    let closed = false;
    async function* endless() {
      try {
        for (;;) {
          produced++;
          yield new Uint8Array(64 * 1024);
          await new Promise((resolve) => setTimeout(resolve, 5));
        }
      } finally {
        closed = true;
      }
    }

    const error = await client().uploadVersion('weather', endless(), { format: 'csv' }).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(GalleyApiError);
    expect((error as GalleyApiError).code).toBe('catalog.dataset_not_found');
    await waitUntil(() => closed);
    expect(produced).toBeLessThan(100);
  });

  it('reports a source that fails to read as that failure, not as a network error', async () => {
    async function* broken() {
      yield new TextEncoder().encode('a\n');
      throw new Error('EIO: the disk went away');
    }

    await expect(client().uploadVersion('weather', broken(), { format: 'csv' })).rejects.toThrow('EIO: the disk went away');
  });
});

async function waitUntil(condition: () => boolean, timeoutMs = 2_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
