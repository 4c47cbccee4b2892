import { createHash } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { request as httpRequest } from 'node:http';
import { parquetOf } from '@galley/testing';
import { startGatewayFixture, waitFor, type GatewayFixture } from './gateway-fixture';

const MAX_UPLOAD_BYTES = 64 * 1024;

interface Version {
  version: number;
  sha256: string;
  size: number;
  rowCount: number;
  format: string;
  columns: Array<{ name: string }>;
}

function csv(rows: Array<Array<string | number>>): string {
  return rows.map((row) => row.join(',')).join('\n') + '\n';
}

const weather = csv([
  ['date', 'temp_max', 'weather'],
  ['2012-01-01', 12.8, 'drizzle'],
  ['2012-01-02', 10.6, 'rain'],
  ['2012-01-03', 11.7, 'rain'],
]);

describe(`dataset versions through the gateway (${process.env['GALLEY_TEST_DATABASE'] ?? 'sqlite'})`, () => {
  let gateway: GatewayFixture;
  let token: string;

  beforeAll(async () => {
    gateway = await startGatewayFixture({ env: { GALLEY_MAX_UPLOAD_BYTES: String(MAX_UPLOAD_BYTES) } });
    token = (await gateway.userWithRoles(['data-scientist'])).token;
  });
  afterAll(async () => {
    await gateway?.stop();
  });

  async function newDataset(): Promise<string> {
    const name = `v-${Math.random().toString(36).slice(2, 10)}`;
    expect((await gateway.api('POST', '/api/v1/datasets', { token, body: { name } })).status).toBe(201);
    return name;
  }

  function upload(name: string, body: string | Buffer, contentType = 'text/csv', query = '') {
    return gateway.api<Version & { code?: string; detail?: string }>('PUT', `/api/v1/datasets/${name}/versions${query}`, {
      token,
      rawBody: body as string,
      headers: { 'content-type': contentType },
    });
  }

  function blobFiles(): string[] {
    const root = join(gateway.database.galleyHome, 'blobs');
    const walk = (dir: string): string[] =>
      existsSync(dir) ? readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? walk(join(dir, entry.name)) : [join(dir, entry.name)])) : [];
    return walk(root);
  }

  it('records an upload as version 1 with its hash, size, row count and columns, and streams the bytes back', async () => {
    const name = await newDataset();
    const created = await upload(name, weather);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      version: 1,
      sha256: createHash('sha256').update(weather).digest('hex'),
      size: Buffer.byteLength(weather),
      rowCount: 3,
      format: 'csv',
    });
    expect(created.body.columns.map((column) => column.name)).toEqual(['date', 'temp_max', 'weather']);
    const content = await fetch(`${gateway.baseUrl}/api/v1/datasets/${name}/versions/1/content`, { headers: { authorization: `Bearer ${token}` } });
    expect(content.headers.get('content-type')).toContain('text/csv');
    expect(await content.text()).toBe(weather);
  });

  it('answers 200 with the same version when the same bytes are uploaded again', async () => {
    const name = await newDataset();
    const first = await upload(name, weather);
    const again = await upload(name, weather);
    expect(again.status).toBe(200);
    expect(again.body.version).toBe(first.body.version);
    expect((await gateway.api<{ items: unknown[] }>('GET', `/api/v1/datasets/${name}/versions`, { token })).body.items).toHaveLength(1);
  });

  it('makes concurrent uploads of the same bytes one version', async () => {
    const name = await newDataset();
    const results = await Promise.all(Array.from({ length: 4 }, () => upload(name, weather)));
    expect(new Set(results.map((result) => result.body.version))).toEqual(new Set([1]));
    expect(results.filter((result) => result.status === 201)).toHaveLength(1);
  });

  it('numbers new content 2, 3… and resolves latest', async () => {
    const name = await newDataset();
    await upload(name, weather);
    const second = await upload(name, weather + '2012-01-04,8.9,sun\n');
    expect(second.body.version).toBe(2);
    const latest = await gateway.api<Version>('GET', `/api/v1/datasets/${name}/versions/latest`, { token });
    expect(latest.body.version).toBe(2);
    expect(latest.body.rowCount).toBe(4);
  });

  it('serves the profile and a page of rows', async () => {
    const name = await newDataset();
    await upload(name, weather);
    const profile = await gateway.api<{ rowCount: number; columns: Array<{ name: string; max: unknown }> }>('GET', `/api/v1/datasets/${name}/versions/1/profile`, { token });
    expect(profile.body.rowCount).toBe(3);
    expect(profile.body.columns.find((column) => column.name === 'temp_max')?.max).toBe(12.8);
    const rows = await gateway.api<{ rows: Array<Record<string, unknown>>; total: number }>('GET', `/api/v1/datasets/${name}/versions/1/rows?offset=1&limit=1`, { token });
    expect(rows.body.total).toBe(3);
    expect(rows.body.rows).toEqual([expect.objectContaining({ weather: 'rain', temp_max: 10.6 })]);
  });

  it('reads JSON Lines and takes the format from ?format=', async () => {
    const name = await newDataset();
    const lines = '{"a":1,"b":"x"}\n{"a":2,"b":"y"}\n';
    const created = await upload(name, lines, 'application/octet-stream', '?format=jsonl');
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ format: 'jsonl', rowCount: 2 });
  });

  it('refuses a malformed CSV with 422, keeping no version and no blob', async () => {
    const name = await newDataset();
    const before = blobFiles().length;
    const response = await upload(name, 'a,b\n1,"unclosed\n2,3\n');
    expect(response.status).toBe(422);
    expect(response.body.code).toBe('catalog.malformed_file');
    expect((await gateway.api<{ items: unknown[] }>('GET', `/api/v1/datasets/${name}/versions`, { token })).body.items).toEqual([]);
    expect(blobFiles()).toHaveLength(before);
  });

  it('refuses an upload over GALLEY_MAX_UPLOAD_BYTES with 413 and keeps nothing', async () => {
    const name = await newDataset();
    const before = blobFiles().length;
    const big = 'x\n' + '1\n'.repeat(MAX_UPLOAD_BYTES);
    const response = await upload(name, big);
    expect(response.status).toBe(413);
    expect(blobFiles()).toHaveLength(before);
  });

  it.each([
    ['an unknown Content-Type', 'image/png', ''],
    ['JSON that is not JSON Lines', 'application/json', ''],
  ])('refuses %s with 415', async (_case, contentType, query) => {
    const name = await newDataset();
    const response = await upload(name, contentType === 'application/json' ? '{"a":1}' : 'PNG', contentType, query);
    expect(response.status).toBe(415);
  });

  it('refuses an empty file and an unknown ?format=', async () => {
    const name = await newDataset();
    expect((await upload(name, '')).status).toBe(400);
    expect((await upload(name, weather, 'text/csv', '?format=xlsx')).status).toBe(400);
  });

  it('answers 404 for an unknown dataset or version', async () => {
    expect((await upload('no-such-dataset', weather)).status).toBe(404);
    const name = await newDataset();
    expect((await gateway.api('GET', `/api/v1/datasets/${name}/versions/latest`, { token })).status).toBe(404);
    expect((await gateway.api('GET', `/api/v1/datasets/${name}/versions/7`, { token })).status).toBe(404);
    expect((await gateway.api('GET', `/api/v1/datasets/${name}/versions/zero`, { token })).status).toBe(400);
  });

  it('keeps no version and no blob, not even a temp file, when the client dies half-way through an upload', async () => {
    const name = await newDataset();
    const before = blobFiles();
    const half = 'x\n' + '1\n'.repeat(8_000);
    await new Promise<void>((resolve) => {
      const request = httpRequest(`${gateway.baseUrl}/api/v1/datasets/${name}/versions`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv', 'content-length': String(half.length * 2) },
      });
      request.on('error', () => resolve());
      request.write(half, () => setTimeout(() => request.destroy(), 200));
    });
    await waitFor('the aborted upload to be cleaned up', async () => (blobFiles().length === before.length ? true : undefined), 5_000);
    expect(blobFiles()).toEqual(before);
    expect((await gateway.api<{ items: unknown[] }>('GET', `/api/v1/datasets/${name}/versions`, { token })).body.items).toEqual([]);
  });

  it('refuses a binary file sent as CSV and a ragged row, naming the line', async () => {
    const name = await newDataset();
    const binary = await upload(name, Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0xff, 0x10]));
    expect(binary.status).toBe(422);
    expect(binary.body.detail).toMatch(/binary/);
    const ragged = await upload(name, 'a,b\n1,2\n3,4,5\n6,7\n');
    expect(ragged.status).toBe(422);
    expect(ragged.body.detail).toMatch(/line 3/);
  });

  it('stores formula-like cells as data and flags them in the profile', async () => {
    const name = await newDataset();
    const payload = "name,score\n\"=cmd|' /C calc'!A0\",1\n@SUM(A1),2\n-3,3\nplain,4\n";
    expect((await upload(name, payload)).status).toBe(201);
    const profile = await gateway.api<{ columns: Array<{ name: string; formulaLikeCount: number }> }>('GET', `/api/v1/datasets/${name}/versions/1/profile`, { token });
    expect(profile.body.columns.find((column) => column.name === 'name')?.formulaLikeCount).toBe(2);
    const rows = await gateway.api<{ rows: Array<{ name: string }> }>('GET', `/api/v1/datasets/${name}/versions/1/rows?limit=2`, { token });
    expect(rows.body.rows.map((row) => row.name)).toEqual(["=cmd|' /C calc'!A0", '@SUM(A1)']);
  });

  it('reads Parquet by its media type', async () => {
    const name = await newDataset();
    const parquet = await parquetOf("SELECT * FROM (VALUES (1, 'a'), (2, 'b'), (3, NULL)) AS t(id, label)");
    const created = await upload(name, parquet, 'application/vnd.apache.parquet');
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ format: 'parquet', rowCount: 3, columns: [{ name: 'id' }, { name: 'label' }] });
  });

  it('does not let a viewer upload', async () => {
    const viewer = await gateway.userWithRoles(['viewer']);
    const name = await newDataset();
    const response = await gateway.api('PUT', `/api/v1/datasets/${name}/versions`, { token: viewer.token, rawBody: weather, headers: { 'content-type': 'text/csv' } });
    expect(response.status).toBe(403);
  });
});
