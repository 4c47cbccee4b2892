import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { anOnlineResponse } from '../features/features.test-builders';
import { cliHarness, type CliHarness } from './cli.test-harness';

interface Received {
  method: string;
  url: string;
  authorization: string | undefined;
  body: unknown;
}

/** A real HTTP server in place of the gateway: the CLI goes through its own fetch, headers and parsing. */
async function startApi(answer: (request: Received) => { status: number; body: unknown }) {
  const received: Received[] = [];
  const server: Server = createServer((request, response) => {
    let text = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (text += chunk));
    request.on('end', () => {
      const seen = { method: request.method ?? '', url: request.url ?? '', authorization: request.headers.authorization, body: text ? (JSON.parse(text) as unknown) : undefined };
      received.push(seen);
      const reply = answer(seen);
      response.writeHead(reply.status, { 'content-type': reply.status < 300 ? 'application/json' : 'application/problem+json' });
      response.end(JSON.stringify(reply.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return { url, received, close };
}

describe('galley features get', () => {
  let api: Awaited<ReturnType<typeof startApi>>;
  let cli: CliHarness;
  let reply: { status: number; body: unknown };

  beforeEach(async () => {
    reply = { status: 200, body: anOnlineResponse() };
    api = await startApi(() => reply);
    cli = cliHarness({ env: { GALLEY_URL: api.url, GALLEY_TOKEN: 'tok-features' } });
  });
  afterEach(async () => {
    cli.cleanup();
    await api.close();
  });

  it('asks the online store for a service and the entities given, as the signed-in caller', async () => {
    await cli.run('features', 'get', '--service', 'forecast', '--entity', 'station_id=s-1', '--entity', 'station_id=s-404');

    expect(api.received).toEqual([
      {
        method: 'POST',
        url: '/api/v1/features/online',
        authorization: 'Bearer tok-features',
        body: { featureService: 'forecast', entities: [{ station_id: 's-1' }, { station_id: 's-404' }] },
      },
    ]);
  });

  it('prints one row per entity and feature with its value, status and event time', async () => {
    const result = await cli.run('features', 'get', '--service', 'forecast', '--entity', 'station_id=s-1', '--entity', 'station_id=s-404');

    expect(result.code).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toMatch(/^ENTITY\s+FEATURE\s+VALUE\s+STATUS\s+EVENT TIME$/);
    expect(lines[2]).toMatch(/^station_id=s-1\s+station-weather:temp_c\s+11\.5\s+present\s+2025-03-04 06:00:00Z$/);
    expect(lines[3]).toMatch(/^station_id=s-1\s+station-weather:wind_kmh\s+20\s+present\s+2025-03-04 06:00:00Z$/);
    expect(lines[4]).toMatch(/^station_id=s-404\s+station-weather:temp_c\s+null\s+missing\s+-$/);
    expect(result.stdout).toContain('\n4 values: 2 present, 2 missing\n');
  });

  it('reads a list of features instead of a service', async () => {
    await cli.run('features', 'get', '--features', 'station-weather:temp_c,station-weather:wind_kmh', '--entity', 'station_id=s-1');

    expect(api.received[0]?.body).toEqual({ features: ['station-weather:temp_c', 'station-weather:wind_kmh'], entities: [{ station_id: 's-1' }] });
  });

  it('prints the answer as JSON with --json', async () => {
    const result = await cli.run('features', 'get', '--service', 'forecast', '--entity', 'station_id=s-1', '--json');

    expect(JSON.parse(result.stdout)).toEqual(anOnlineResponse());
  });

  it('refuses an entity that is not KEY=VALUE before calling the API', async () => {
    const result = await cli.run('features', 'get', '--service', 'forecast', '--entity', 's-1');

    expect(result.code).toBe(1);
    expect(result.stderr).toContain('--entity "s-1": expected KEY=VALUE');
    expect(api.received).toEqual([]);
  });

  it('needs a service or features, and an entity', async () => {
    const noSelection = await cli.run('features', 'get', '--entity', 'station_id=s-1');
    const noEntity = await cli.run('features', 'get', '--service', 'forecast');

    expect(noSelection.stderr).toContain('--service NAME or --features');
    expect(noEntity.stderr).toContain('name at least one entity');
    expect(api.received).toEqual([]);
  });

  it('does not take a service and features together', async () => {
    const result = await cli.run('features', 'get', '--service', 'forecast', '--features', 'station-weather:temp_c', '--entity', 'station_id=s-1');

    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/cannot be used with/);
  });

  it("shows the server's problem when the service does not exist", async () => {
    reply = { status: 404, body: { type: 'about:blank', title: 'Not Found', status: 404, detail: 'no feature service named "nope"', code: 'features.service_not_found' } };

    const result = await cli.run('features', 'get', '--service', 'nope', '--entity', 'station_id=s-1');

    expect(result.code).toBe(1);
    expect(result.stderr).toContain('error: no feature service named "nope"');
  });
});
