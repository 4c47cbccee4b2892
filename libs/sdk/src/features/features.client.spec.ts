import { isGalleyApiError } from '../galley-api.error';
import { GalleyClient } from '../galley-client';
import { aFeatureView, aMaterialization, anEntity, anOnlineResponse } from './features.test-builders';

interface Call {
  method: string;
  path: string;
  body: unknown;
}

/** A client whose fetch answers from a queue and records each call as method, path and parsed body. */
function clientAnswering(...answers: Array<{ status: number; body: unknown }>) {
  const calls: Call[] = [];
  const fetchFn: typeof fetch = async (input, init) => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    calls.push({ method: init?.method ?? 'GET', path: `${url.pathname}${url.search}`, body: typeof init?.body === 'string' ? JSON.parse(init.body) : undefined });
    const answer = answers.shift();
    if (!answer) throw new Error('no answer queued');
    const contentType = answer.status < 300 ? 'application/json' : 'application/problem+json';
    return new Response(JSON.stringify(answer.body), { status: answer.status, headers: { 'content-type': contentType } });
  };
  return { client: new GalleyClient({ baseUrl: 'http://api.test', token: 'tok', fetch: fetchFn }), calls };
}

describe('GalleyClient.features', () => {
  it('reports a new revision when the server answers 201, and an unchanged definition on 200', async () => {
    const { client, calls } = clientAnswering({ status: 201, body: aFeatureView({ revision: 2 }) }, { status: 200, body: aFeatureView({ revision: 2 }) });
    const definition = {
      name: 'station-weather',
      entity: 'station',
      source: { dataset: 'observations', version: 'latest' as const },
      timestampColumn: 'observed_at',
      features: [{ name: 'temp_c', type: 'float' as const }],
    };

    const first = await client.features.applyView(definition);
    const again = await client.features.applyView(definition);

    expect(first).toEqual({ view: expect.objectContaining({ revision: 2 }), created: true });
    expect(again.created).toBe(false);
    expect(calls[0]).toEqual({ method: 'POST', path: '/api/v1/feature-views', body: definition });
  });

  it('asks for one revision of a view by number, and for the current one without', async () => {
    const { client, calls } = clientAnswering({ status: 200, body: aFeatureView({ revision: 3 }) }, { status: 200, body: aFeatureView({ revision: 1 }) });

    await client.features.getView('station-weather');
    await client.features.getView('station-weather', 1);

    expect(calls.map((call) => call.path)).toEqual(['/api/v1/feature-views/station-weather', '/api/v1/feature-views/station-weather/revisions/1']);
  });

  it('unwraps listed items', async () => {
    const { client } = clientAnswering({ status: 200, body: { items: [anEntity(), anEntity({ name: 'city', joinKey: 'city' })] } });

    const entities = await client.features.listEntities();

    expect(entities.map((entity) => entity.name)).toEqual(['station', 'city']);
  });

  it('sends online lookups as the contract body and parses values with their status', async () => {
    const { client, calls } = clientAnswering({ status: 200, body: anOnlineResponse() });

    const answer = await client.features.getOnlineFeatures({ featureService: 'forecast', entities: [{ station_id: 's-1' }, { station_id: 's-404' }] });

    expect(calls[0]).toEqual({ method: 'POST', path: '/api/v1/features/online', body: { featureService: 'forecast', entities: [{ station_id: 's-1' }, { station_id: 's-404' }] } });
    expect(answer.results[1]?.statuses[0]).toBe('missing');
  });

  it('polls a materialization until it stops running, reporting each state', async () => {
    const id = aMaterialization().id;
    const { client, calls } = clientAnswering(
      { status: 200, body: aMaterialization({ entitiesTotal: 4, entitiesWritten: 1 }) },
      { status: 200, body: aMaterialization({ entitiesTotal: 4, entitiesWritten: 3 }) },
      { status: 200, body: aMaterialization({ status: 'succeeded', entitiesTotal: 4, entitiesWritten: 4, finishedAt: '2025-01-01T00:00:02.000Z' }) },
    );
    const seen: number[] = [];

    const done = await client.features.waitForMaterialization(id, { intervalMs: 1, onProgress: (run) => seen.push(run.entitiesWritten) });

    expect(done.status).toBe('succeeded');
    expect(seen).toEqual([1, 3, 4]);
    expect(calls.every((call) => call.path === `/api/v1/materializations/${id}`)).toBe(true);
  });

  it('stops polling when aborted', async () => {
    const { client } = clientAnswering({ status: 200, body: aMaterialization() }, { status: 200, body: aMaterialization() });
    const stop = new AbortController();

    const waiting = client.features.waitForMaterialization(aMaterialization().id, { intervalMs: 10_000, signal: stop.signal, onProgress: () => stop.abort(new Error('closed')) });

    await expect(waiting).rejects.toThrow('closed');
  });

  it('throws the problem of a refused definition with its field errors', async () => {
    const problem = {
      type: 'about:blank',
      title: 'Unprocessable Entity',
      status: 422,
      detail: 'observations@1 has no column "temp"',
      code: 'features.column_not_found',
      errors: [{ field: 'features.0.column', message: 'no column "temp" in observations@1' }],
    };
    const { client } = clientAnswering({ status: 422, body: problem });

    const failure: unknown = await client.features
      .applyView({ name: 'v', entity: 'station', source: { dataset: 'observations', version: 1 }, timestampColumn: 'observed_at', features: [{ name: 'temp', type: 'float' }] })
      .catch((error: unknown) => error);

    expect(isGalleyApiError(failure)).toBe(true);
    expect(isGalleyApiError(failure) && failure.fieldError('features.0.column')).toBe('no column "temp" in observations@1');
  });
});
