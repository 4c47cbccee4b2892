import type { Dataset, PlatformHealth, ProblemDetails, User } from '@galley/contracts';
import { GalleyApiError, isGalleyApiError } from './galley-api.error';
import { GalleyClient } from './galley-client';

interface RecordedCall {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: string | undefined;
}

/** A fake fetch that answers from a queue and records what it was asked. */
function fakeFetch(...answers: Array<Response | Error>) {
  const calls: RecordedCall[] = [];
  const fetchFn: typeof fetch = async (input, init) => {
    calls.push({
      url: urlOf(input),
      method: init?.method ?? 'GET',
      headers: { ...(init?.headers as Record<string, string>) },
      body: typeof init?.body === 'string' ? init.body : undefined,
    });
    const answer = answers.shift();
    if (!answer) throw new Error('fake fetch: no answer queued');
    if (answer instanceof Error) throw answer;
    return answer;
  };
  return { fetchFn, calls };
}

function json(status: number, body: unknown, contentType = 'application/json'): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': contentType } });
}

function aUser(overrides: Partial<User> = {}): User {
  return {
    id: '7d7c9a52-3c55-4c7e-9d0e-0d7a1b3d3c11',
    username: 'ada',
    displayName: 'Ada',
    roles: ['data-scientist'],
    disabled: false,
    createdAt: '2025-01-01T00:00:00.000Z',
    lastLoginAt: null,
    ...overrides,
  };
}

function aDataset(overrides: Partial<Dataset> = {}): Dataset {
  return {
    id: 'ds-1',
    name: 'churn',
    description: '',
    tags: [],
    owner: 'ada',
    createdAt: '2025-01-01T00:00:00.000Z',
    updatedAt: '2025-01-01T00:00:00.000Z',
    ...overrides,
  };
}

function aProblem(overrides: Partial<ProblemDetails> = {}): ProblemDetails {
  return {
    type: 'about:blank',
    title: 'Conflict',
    status: 409,
    detail: 'a dataset named "churn" already exists',
    code: 'catalog.dataset_exists',
    requestId: 'req-1',
    ...overrides,
  };
}

function aHealth(overrides: Partial<PlatformHealth> = {}): PlatformHealth {
  return {
    status: 'up',
    checkedAt: '2025-01-01T00:00:00.000Z',
    services: [{ service: 'catalog', status: 'up', latencyMs: 1.5, detail: null }],
    down: [],
    ...overrides,
  };
}

async function caught(promise: Promise<unknown>): Promise<GalleyApiError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof GalleyApiError) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}

describe('GalleyClient', () => {
  it('sends the bearer token and parses the answer with the contract schema', async () => {
    const { fetchFn, calls } = fakeFetch(json(200, { principal: { kind: 'user', id: 'u1', name: 'ada', roles: ['viewer'] }, user: aUser() }));
    const client = new GalleyClient({ baseUrl: 'http://api.test/', token: 'tok', fetch: fetchFn });

    const me = await client.me();

    expect(me.user?.username).toBe('ada');
    expect(calls[0]?.url).toBe('http://api.test/api/v1/auth/me');
    expect(calls[0]?.headers['authorization']).toBe('Bearer tok');
  });

  it('uses relative URLs when the base URL is empty (same-origin browser use)', async () => {
    const { fetchFn, calls } = fakeFetch(json(200, { items: [] }));
    const client = new GalleyClient({ baseUrl: '', fetch: fetchFn });

    await client.listUsers();

    expect(calls[0]?.url).toBe('/api/v1/users');
    expect(calls[0]?.headers['authorization']).toBeUndefined();
  });

  it('keeps the token from login for later calls and forgets it on logout', async () => {
    const { fetchFn, calls } = fakeFetch(
      json(200, { token: 'session-token', expiresAt: '2025-01-02T00:00:00.000Z', user: aUser() }),
      new Response(null, { status: 204 }),
    );
    const client = new GalleyClient({ baseUrl: 'http://api.test', fetch: fetchFn });

    await client.login({ username: 'ada', password: 'pw' });
    expect(client.currentToken).toBe('session-token');
    expect(JSON.parse(calls[0]?.body ?? '')).toEqual({ username: 'ada', password: 'pw' });
    expect(calls[0]?.headers['content-type']).toBe('application/json');

    await client.logout();
    expect(calls[1]?.headers['authorization']).toBe('Bearer session-token');
    expect(client.currentToken).toBeUndefined();
  });

  it('encodes path segments so a name cannot change the route', async () => {
    const { fetchFn, calls } = fakeFetch(json(200, aDataset()), new Response(null, { status: 204 }));
    const client = new GalleyClient({ baseUrl: 'http://api.test', fetch: fetchFn });

    await client.getDataset('../users?x=1');
    await client.revokeApiKey('a/b');

    expect(calls[0]?.url).toBe('http://api.test/api/v1/datasets/..%2Fusers%3Fx%3D1');
    expect(calls[1]?.url).toBe('http://api.test/api/v1/api-keys/a%2Fb');
    expect(calls[1]?.method).toBe('DELETE');
  });

  it('puts only the given dataset filters in the query string', async () => {
    const { fetchFn, calls } = fakeFetch(json(200, { items: [aDataset()], total: 1, limit: 10, offset: 0 }));
    const client = new GalleyClient({ baseUrl: 'http://api.test', fetch: fetchFn });

    const page = await client.listDatasets({ q: 'churn risk', tag: 'pii', owner: undefined, limit: 10 });

    expect(page.items).toHaveLength(1);
    const url = new URL(calls[0]?.url ?? '');
    expect(url.pathname).toBe('/api/v1/datasets');
    expect(Object.fromEntries(url.searchParams)).toEqual({ q: 'churn risk', tag: 'pii', limit: '10' });
  });

  it('leaves out empty search strings', async () => {
    const { fetchFn, calls } = fakeFetch(json(200, { items: [], total: 0, limit: 50, offset: 0 }));
    const client = new GalleyClient({ baseUrl: 'http://api.test', fetch: fetchFn });

    await client.listDatasets({ q: '', tag: '' });

    expect(calls[0]?.url).toBe('http://api.test/api/v1/datasets');
  });

  it('returns the health report for a 503 because a degraded platform is an answer', async () => {
    const degraded = aHealth({
      status: 'degraded',
      services: [{ service: 'catalog', status: 'down', latencyMs: null, detail: null, error: 'no responders' }],
      down: ['catalog'],
    });
    const { fetchFn } = fakeFetch(json(503, degraded));
    const client = new GalleyClient({ baseUrl: 'http://api.test', fetch: fetchFn });

    await expect(client.health()).resolves.toEqual(degraded);
  });

  it('throws a GalleyApiError carrying the problem details of a non-2xx answer', async () => {
    const { fetchFn } = fakeFetch(json(409, aProblem(), 'application/problem+json'));
    const client = new GalleyClient({ baseUrl: 'http://api.test', fetch: fetchFn });

    const error = await caught(client.createDataset({ name: 'churn' }));

    expect(error.status).toBe(409);
    expect(error.code).toBe('catalog.dataset_exists');
    expect(error.detail).toBe('a dataset named "churn" already exists');
    expect(error.message).toBe('a dataset named "churn" already exists');
    expect(error.requestId).toBe('req-1');
    expect(isGalleyApiError(error)).toBe(true);
  });

  it('exposes field errors of a validation problem', async () => {
    const problem = aProblem({
      status: 400,
      title: 'Bad Request',
      code: 'validation_failed',
      detail: 'the request is invalid',
      errors: [
        { field: 'name', message: 'must be a lower-case slug' },
        { field: 'tags.1', message: 'a tag is at most 40 characters' },
      ],
    });
    const { fetchFn } = fakeFetch(json(400, problem, 'application/problem+json'));
    const client = new GalleyClient({ baseUrl: 'http://api.test', fetch: fetchFn });

    const error = await caught(client.createDataset({ name: 'Bad Name' }));

    expect(error.errors).toHaveLength(2);
    expect(error.fieldError('name')).toBe('must be a lower-case slug');
    expect(error.fieldError('tags')).toBe('a tag is at most 40 characters');
    expect(error.fieldError('description')).toBeUndefined();
  });

  it('still throws a readable error when the failing body is not JSON', async () => {
    const { fetchFn } = fakeFetch(
      new Response('<html>Bad Gateway</html>', { status: 502, statusText: 'Bad Gateway', headers: { 'content-type': 'text/html' } }),
    );
    const client = new GalleyClient({ baseUrl: 'http://api.test', fetch: fetchFn });

    const error = await caught(client.listUsers());

    expect(error.status).toBe(502);
    expect(error.code).toBe('service_unavailable');
    expect(error.detail).toContain('GET http://api.test/api/v1/users answered 502 Bad Gateway');
    expect(error.errors).toEqual([]);
  });

  it('names the URL when the API cannot be reached', async () => {
    const { fetchFn } = fakeFetch(new TypeError('fetch failed'));
    const client = new GalleyClient({ baseUrl: 'http://127.0.0.1:1', fetch: fetchFn });

    const error = await caught(client.health());

    expect(error.status).toBe(0);
    expect(error.code).toBe('network_error');
    expect(error.message).toBe('could not reach the Galley API at http://127.0.0.1:1/api/v1/health: fetch failed');
    expect(error.cause).toBeInstanceOf(TypeError);
  });

  it('rejects a 2xx answer that does not match the contract', async () => {
    const { fetchFn } = fakeFetch(json(200, { items: [{ id: 1 }] }));
    const client = new GalleyClient({ baseUrl: 'http://api.test', fetch: fetchFn });

    const error = await caught(client.listApiKeys());

    expect(error.code).toBe('invalid_response');
    expect(error.status).toBe(200);
  });

  it('sends the PATCH body for a user update', async () => {
    const { fetchFn, calls } = fakeFetch(json(200, aUser({ disabled: true })));
    const client = new GalleyClient({ baseUrl: 'http://api.test', fetch: fetchFn });

    const user = await client.updateUser('u-1', { disabled: true });

    expect(user.disabled).toBe(true);
    expect(calls[0]?.method).toBe('PATCH');
    expect(calls[0]?.url).toBe('http://api.test/api/v1/users/u-1');
    expect(JSON.parse(calls[0]?.body ?? '')).toEqual({ disabled: true });
  });

  it('passes the credentials mode through to fetch', async () => {
    let seen: RequestCredentials | undefined;
    const fetchFn: typeof fetch = async (_input, init) => {
      seen = init?.credentials;
      return json(200, aHealth());
    };
    const client = new GalleyClient({ baseUrl: '', fetch: fetchFn, credentials: 'include' });

    await client.health();

    expect(seen).toBe('include');
  });
});

function urlOf(input: RequestInfo | URL): string {
  if (typeof input === 'string') return input;
  return input instanceof URL ? input.href : input.url;
}
