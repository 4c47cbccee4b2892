import { statSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findFreePort, startServiceProcess, waitFor } from '@galley/testing';
import { ADMIN_PASSWORD, startGatewayFixture, type GatewayFixture } from './gateway-fixture';

/** Longer than any test here: a credential change shows only if it is announced, never by the cache running out. */
const LONG_AUTH_CACHE = { GALLEY_AUTH_CACHE_MS: '60000' };

describe(`gateway authentication and roles (${process.env['GALLEY_TEST_DATABASE'] ?? 'sqlite'})`, () => {
  let gateway: GatewayFixture;

  beforeAll(async () => {
    gateway = await startGatewayFixture({ env: LONG_AUTH_CACHE });
  });
  afterAll(async () => {
    await gateway?.stop();
  });

  it('answers 401 problem+json on every non-public route of the OpenAPI document when no credentials are sent', async () => {
    const document = await gateway.api<{ paths: Record<string, Record<string, { security: unknown[] }>> }>('GET', '/api/docs/openapi.json');
    const closed: string[] = [];
    for (const [path, operations] of Object.entries(document.body.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        if (operation.security.length === 0) continue;
        const concrete = path.replace('{id}', '00000000-0000-4000-8000-000000000000').replace('{name}', 'some-name');
        const verb = method.toUpperCase();
        const response = await gateway.api(verb, concrete, verb === 'GET' || verb === 'DELETE' ? {} : { body: {} });
        expect({ route: `${method} ${path}`, status: response.status }).toEqual({ route: `${method} ${path}`, status: 401 });
        expect(response.headers.get('content-type')).toContain('application/problem+json');
        closed.push(`${method} ${path}`);
      }
    }
    expect(closed).toEqual(expect.arrayContaining(['post /api/v1/datasets', 'get /api/v1/users', 'post /api/v1/api-keys', 'delete /api/v1/api-keys/{id}']));
  });

  it('keeps health, login and the API docs public', async () => {
    // Public means answered without credentials; the feature store is not started here, so health may be 503.
    const health = await gateway.api<{ services: unknown[] }>('GET', '/api/v1/health');
    expect([200, 503]).toContain(health.status);
    expect(health.body.services.length).toBeGreaterThan(0);
    expect((await gateway.api('GET', '/api/docs/openapi.json')).status).toBe(200);
    expect((await gateway.api('GET', '/api/docs')).status).toBe(200);
  });

  it('signs the admin in with an httpOnly SameSite cookie and a bearer token that both identify them', async () => {
    const response = await fetch(`${gateway.baseUrl}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }),
    });
    expect(response.status).toBe(200);
    const setCookie = response.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/^galley_session=[^;]+;/);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    const { token } = (await response.json()) as { token: string };
    const viaCookie = await gateway.api<{ principal: { name: string } }>('GET', '/api/v1/auth/me', { cookie: setCookie.split(';')[0] });
    const viaBearer = await gateway.api<{ principal: { name: string } }>('GET', '/api/v1/auth/me', { token });
    expect(viaCookie.body.principal.name).toBe('admin');
    expect(viaBearer.body.principal.name).toBe('admin');
  });

  it('gives a wrong password and an unknown user the same 401 answer', async () => {
    const wrong = await gateway.api<{ code: string; detail: string }>('POST', '/api/v1/auth/login', { body: { username: 'admin', password: 'not-the-password' } });
    const unknown = await gateway.api<{ code: string; detail: string }>('POST', '/api/v1/auth/login', { body: { username: 'nobody-here', password: 'whatever-pass' } });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body.code).toBe('identity.invalid_credentials');
    expect(unknown.body.detail).toBe(wrong.body.detail);
  });

  it('answers 403 naming the needed roles when a viewer writes or reaches admin routes, and lets them read', async () => {
    const viewer = await gateway.userWithRoles(['viewer']);
    const write = await gateway.api<{ code: string; detail: string }>('POST', '/api/v1/datasets', { token: viewer.token, body: { name: 'viewer-cannot' } });
    expect(write.status).toBe(403);
    expect(write.body.detail).toContain('data-scientist');
    expect((await gateway.api('GET', '/api/v1/users', { token: viewer.token })).status).toBe(403);
    expect((await gateway.api('GET', '/api/v1/api-keys', { token: viewer.token })).status).toBe(403);
    expect((await gateway.api('GET', '/api/v1/datasets', { token: viewer.token })).status).toBe(200);
  });

  it('accepts an API key for its roles only, never lists its secret, and refuses it once revoked', async () => {
    const admin = await gateway.adminToken();
    const created = await gateway.api<{ apiKey: { id: string; prefix: string }; secret: string }>('POST', '/api/v1/api-keys', {
      token: admin,
      body: { name: 'ci pipeline', roles: ['data-scientist'] },
    });
    expect(created.status).toBe(201);
    const key = created.body.secret;
    expect(key).toMatch(/^gk_/);

    expect((await gateway.api('POST', '/api/v1/datasets', { token: key, body: { name: `from-key-${Date.now()}` } })).status).toBe(201);
    expect((await gateway.api('GET', '/api/v1/users', { token: key })).status).toBe(403);
    const listed = await gateway.api('GET', '/api/v1/api-keys', { token: admin });
    // The secret is everything after `gk_<publicId>_` (it may itself contain `_`).
    const secret = key.slice('gk_'.length + 12 + 1);
    expect(secret).toHaveLength(43);
    expect(JSON.stringify(listed.body)).not.toContain(secret);

    expect((await gateway.api('DELETE', `/api/v1/api-keys/${created.body.apiKey.id}`, { token: admin })).status).toBe(204);
    expect((await gateway.api('GET', '/api/v1/datasets', { token: key })).status).toBe(401);
  });

  it('applies a role change to a signed-in user at once', async () => {
    const user = await gateway.userWithRoles(['viewer']);
    const create = () => gateway.api('POST', '/api/v1/datasets', { token: user.token, body: { name: `promoted-${Date.now()}` } });
    expect((await create()).status).toBe(403);
    const promoted = await gateway.api('PATCH', `/api/v1/users/${user.id}`, { token: await gateway.adminToken(), body: { roles: ['data-scientist'] } });
    expect(promoted.status).toBe(200);
    expect((await create()).status).toBe(201);
  });

  it('tells every gateway replica when an API key is revoked or a session ends', async () => {
    const port = await findFreePort();
    const replica = startServiceProcess('gateway', {
      ...gateway.database.env,
      ...LONG_AUTH_CACHE,
      NATS_URL: gateway.nats.url,
      GALLEY_API_HOST: '127.0.0.1',
      GALLEY_API_PORT: String(port),
    });
    try {
      await replica.waitForOutput('gateway listening', 60_000);
      const onReplica = async (token: string) => (await fetch(`http://127.0.0.1:${port}/api/v1/auth/me`, { headers: { authorization: `Bearer ${token}` } })).status;
      const admin = await gateway.adminToken();
      const created = await gateway.api<{ apiKey: { id: string }; secret: string }>('POST', '/api/v1/api-keys', { token: admin, body: { name: 'replicated', roles: ['viewer'] } });
      const user = await gateway.userWithRoles(['viewer']);
      // Both replicas now remember both credentials, for longer than this test runs.
      for (const token of [created.body.secret, user.token]) {
        expect(await onReplica(token)).toBe(200);
        expect((await gateway.api('GET', '/api/v1/auth/me', { token })).status).toBe(200);
      }

      expect((await gateway.api('DELETE', `/api/v1/api-keys/${created.body.apiKey.id}`, { token: admin })).status).toBe(204);
      expect((await gateway.api('POST', '/api/v1/auth/logout', { token: user.token })).status).toBe(204);
      expect((await gateway.api('GET', '/api/v1/auth/me', { token: created.body.secret })).status).toBe(401);
      await waitFor('the replica to refuse the revoked key', async () => ((await onReplica(created.body.secret)) === 401 ? true : undefined), 5_000);
      await waitFor('the replica to refuse the ended session', async () => ((await onReplica(user.token)) === 401 ? true : undefined), 5_000);
    } finally {
      await replica.kill();
    }
  });

  it('ends a user’s sessions when an admin disables them, and refuses their next sign-in', async () => {
    const user = await gateway.userWithRoles(['data-scientist']);
    expect((await gateway.api('GET', '/api/v1/auth/me', { token: user.token })).status).toBe(200);
    const disabled = await gateway.api('PATCH', `/api/v1/users/${user.id}`, { token: await gateway.adminToken(), body: { disabled: true } });
    expect(disabled.status).toBe(200);
    expect((await gateway.api('GET', '/api/v1/auth/me', { token: user.token })).status).toBe(401);
    expect((await gateway.api('POST', '/api/v1/auth/login', { body: { username: user.username, password: user.password } })).status).toBe(401);
  });

  it('ends a user’s sessions when their password changes, and accepts the new one', async () => {
    const user = await gateway.userWithRoles(['viewer']);
    const changed = await gateway.api('PATCH', `/api/v1/users/${user.id}`, { token: await gateway.adminToken(), body: { password: 'a-brand-new-password' } });
    expect(changed.status).toBe(200);
    expect((await gateway.api('GET', '/api/v1/auth/me', { token: user.token })).status).toBe(401);
    await expect(gateway.login(user.username, 'a-brand-new-password')).resolves.toEqual(expect.any(String));
  });

  it('lets a user change their own password, which signs them out everywhere', async () => {
    const user = await gateway.userWithRoles(['viewer']);
    const otherSession = await gateway.login(user.username, user.password);
    const wrongCurrent = await gateway.api('POST', '/api/v1/auth/password', { token: user.token, body: { currentPassword: 'nope', newPassword: 'another-good-pass' } });
    expect(wrongCurrent.status).toBe(401);
    const changed = await gateway.api('POST', '/api/v1/auth/password', { token: user.token, body: { currentPassword: user.password, newPassword: 'another-good-pass' } });
    expect(changed.status).toBe(204);
    expect((await gateway.api('GET', '/api/v1/auth/me', { token: otherSession })).status).toBe(401);
  });

  it('refuses to demote or disable the last enabled admin', async () => {
    const admin = await gateway.adminToken();
    const me = await gateway.api<{ user: { id: string } }>('GET', '/api/v1/auth/me', { token: admin });
    const demote = await gateway.api<{ code: string }>('PATCH', `/api/v1/users/${me.body.user.id}`, { token: admin, body: { roles: ['viewer'] } });
    expect(demote.status).toBe(409);
    expect(demote.body.code).toBe('identity.cannot_demote_last_admin');
    expect((await gateway.api('GET', '/api/v1/users', { token: admin })).status).toBe(200);
  });

  it('ends the session on logout', async () => {
    const user = await gateway.userWithRoles(['viewer']);
    expect((await gateway.api('POST', '/api/v1/auth/logout', { token: user.token })).status).toBe(204);
    expect((await gateway.api('GET', '/api/v1/auth/me', { token: user.token })).status).toBe(401);
  });

  it('refuses a cookie-authenticated write from a foreign origin but not a bearer-authenticated one', async () => {
    const user = await gateway.userWithRoles(['data-scientist']);
    const cookie = `galley_session=${user.token}`;
    const forged = await gateway.api('POST', '/api/v1/datasets', { cookie, headers: { origin: 'http://evil.example' }, body: { name: `csrf-${Date.now()}` } });
    expect(forged.status).toBe(403);
    const sameOrigin = await gateway.api('POST', '/api/v1/datasets', { cookie, headers: { origin: gateway.baseUrl }, body: { name: `same-${Date.now()}` } });
    expect(sameOrigin.status).toBe(201);
    const bearer = await gateway.api('POST', '/api/v1/datasets', { token: user.token, headers: { origin: 'http://evil.example' }, body: { name: `bearer-${Date.now()}` } });
    expect(bearer.status).toBe(201);
  });

  it('throttles password guessing for a username after ten failures', async () => {
    const user = await gateway.userWithRoles(['viewer']);
    for (let attempt = 0; attempt < 10; attempt++) {
      expect((await gateway.api('POST', '/api/v1/auth/login', { body: { username: user.username, password: `guess-${attempt}` } })).status).toBe(401);
    }
    const blocked = await gateway.api<{ code: string }>('POST', '/api/v1/auth/login', { body: { username: user.username, password: user.password } });
    expect(blocked.status).toBe(429);
    expect(blocked.body.code).toBe('too_many_requests');
  });
});

describe('first admin without GALLEY_ADMIN_PASSWORD', () => {
  let gateway: GatewayFixture;

  beforeAll(async () => {
    gateway = await startGatewayFixture({ withCatalog: false, env: { GALLEY_ADMIN_PASSWORD: '' } });
  });
  afterAll(async () => {
    await gateway?.stop();
  });

  it('writes a random password to GALLEY_HOME/admin-password with mode 0600, and it signs the admin in', async () => {
    const file = join(gateway.database.galleyHome, 'admin-password');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const password = readFileSync(file, 'utf8').trim();
    expect(password.length).toBeGreaterThanOrEqual(20);
    await expect(gateway.login('admin', password)).resolves.toEqual(expect.any(String));
  });
});
