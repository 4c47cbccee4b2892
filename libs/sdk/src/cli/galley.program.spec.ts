import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Dataset } from '@galley/contracts';
import { CommanderError } from 'commander';
import { credentialsPath, readCredentials, writeCredentials } from './credentials.store';
import { formatError } from './format-error';
import { buildProgram } from './galley.program';

interface Harness {
  run: (...args: string[]) => Promise<void>;
  stdout: () => string;
  requests: Array<{ url: string; auth: string | undefined; body: unknown }>;
  configHome: string;
}

function aDataset(overrides: Partial<Dataset> = {}): Dataset {
  return {
    id: 'ds-1',
    name: 'churn',
    description: 'customer churn labels',
    tags: ['pii', 'gold'],
    owner: 'ada',
    createdAt: '2025-03-04T05:06:07.000Z',
    updatedAt: '2025-03-04T05:06:07.000Z',
    ...overrides,
  };
}

function harness(env: Record<string, string> = {}, answer: (url: string) => Response = () => new Response(null, { status: 204 })): Harness {
  const configHome = mkdtempSync(join(tmpdir(), 'galley-cli-'));
  let out = '';
  const requests: Harness['requests'] = [];
  const fetchFn: typeof fetch = async (input, init) => {
    const headers = (init?.headers ?? {}) as Record<string, string>;
    requests.push({
      url: urlOf(input),
      auth: headers['authorization'],
      body: typeof init?.body === 'string' ? JSON.parse(init.body) : undefined,
    });
    return answer(urlOf(input));
  };
  return {
    configHome,
    requests,
    stdout: () => out,
    run: async (...args) => {
      const program = buildProgram({
        env: { XDG_CONFIG_HOME: configHome, ...env },
        out: (text) => {
          out += text;
        },
        err: () => undefined,
        promptLine: async () => 'ada',
        promptSecret: async () => 'prompted-password',
        fetch: fetchFn,
      });
      await program.parseAsync(['node', 'galley', ...args]);
    },
  };
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

const loginAnswer = () =>
  json({
    token: 'tok-123',
    expiresAt: '2025-03-05T00:00:00.000Z',
    user: {
      id: 'u1',
      username: 'ada',
      displayName: 'Ada',
      roles: ['data-scientist'],
      disabled: false,
      createdAt: '2025-01-01T00:00:00.000Z',
      lastLoginAt: null,
    },
  });

describe('galley CLI', () => {
  const made: string[] = [];
  afterEach(() => {
    for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('login stores the URL and token in an owner-only credentials file', async () => {
    const cli = harness({ GALLEY_PASSWORD: 'from-env-password' }, loginAnswer);
    made.push(cli.configHome);

    await cli.run('login', '--url', 'http://api.test:9000', '--username', 'ada');

    const path = credentialsPath({ XDG_CONFIG_HOME: cli.configHome });
    expect(path).toBe(join(cli.configHome, 'galley', 'credentials.json'));
    expect(readCredentials(path)).toMatchObject({ url: 'http://api.test:9000', token: 'tok-123', username: 'ada' });
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(cli.requests[0]).toMatchObject({
      url: 'http://api.test:9000/api/v1/auth/login',
      body: { username: 'ada', password: 'from-env-password' },
    });
  });

  it('login prompts for the user name and password when they are not given', async () => {
    const cli = harness({}, loginAnswer);
    made.push(cli.configHome);

    await cli.run('login');

    expect(cli.requests[0]?.body).toEqual({ username: 'ada', password: 'prompted-password' });
    expect(cli.requests[0]?.url).toBe('http://127.0.0.1:8080/api/v1/auth/login');
  });

  it('GALLEY_URL and GALLEY_TOKEN override the stored credentials', async () => {
    const cli = harness({ GALLEY_URL: 'http://other.test', GALLEY_TOKEN: 'env-token' }, () =>
      json({ items: [], total: 0, limit: 50, offset: 0 }),
    );
    made.push(cli.configHome);
    writeCredentials(credentialsPath({ XDG_CONFIG_HOME: cli.configHome }), { url: 'http://stored.test', token: 'stored' });

    await cli.run('datasets', 'list');

    expect(cli.requests[0]).toMatchObject({ url: 'http://other.test/api/v1/datasets', auth: 'Bearer env-token' });
    expect(cli.stdout()).toBe('No datasets.\n');
  });

  it('datasets list prints a table with the filters sent as a query', async () => {
    const cli = harness({ GALLEY_TOKEN: 't' }, () => json({ items: [aDataset()], total: 1, limit: 50, offset: 0 }));
    made.push(cli.configHome);

    await cli.run('datasets', 'list', '--q', 'churn', '--tag', 'pii');

    expect(cli.requests[0]?.url).toBe('http://127.0.0.1:8080/api/v1/datasets?q=churn&tag=pii');
    const lines = cli.stdout().trimEnd().split('\n');
    expect(lines[0]).toMatch(/^NAME\s+OWNER\s+TAGS\s+CREATED\s+DESCRIPTION$/);
    expect(lines[2]).toMatch(/^churn\s+ada\s+pii,gold\s+2025-03-04 05:06\s+customer churn labels$/);
  });

  it('datasets create sends repeated and comma-separated tags', async () => {
    const cli = harness({ GALLEY_TOKEN: 't' }, () => json(aDataset({ name: 'sales' }), 201));
    made.push(cli.configHome);

    await cli.run('datasets', 'create', 'sales', '--description', 'daily sales', '--tag', 'a,b', '--tag', 'c');

    expect(cli.requests[0]?.body).toEqual({ name: 'sales', description: 'daily sales', tags: ['a', 'b', 'c'] });
    expect(cli.stdout()).toBe('Created dataset sales (owner ada).\n');
  });

  it('a rejected create surfaces the problem detail and each field error', async () => {
    const problem = {
      type: 'about:blank',
      title: 'Bad Request',
      status: 400,
      detail: 'the request is invalid',
      code: 'validation_failed',
      requestId: 'r-9',
      errors: [{ field: 'name', message: 'must be a lower-case slug' }],
    };
    const cli = harness({ GALLEY_TOKEN: 't' }, () => json(problem, 400));
    made.push(cli.configHome);

    const failure = await cli.run('datasets', 'create', 'Bad').then(
      () => undefined,
      (error: unknown) => error,
    );

    expect(formatError(failure)).toBe(
      'error: the request is invalid\n  - name: must be a lower-case slug\n(request id r-9)',
    );
  });

  it('logout forgets the token even when the server cannot be reached', async () => {
    const cli = harness({}, () => {
      throw new TypeError('fetch failed');
    });
    made.push(cli.configHome);
    const path = credentialsPath({ XDG_CONFIG_HOME: cli.configHome });
    writeCredentials(path, { url: 'http://stored.test', token: 'stored' });

    await cli.run('logout');

    expect(readCredentials(path)).toBeUndefined();
    expect(cli.stdout()).toBe('Signed out.\n');
  });

  it('a command that needs a caller says so when nobody is signed in', async () => {
    const cli = harness();
    made.push(cli.configHome);

    await expect(cli.run('whoami')).rejects.toThrow('not signed in: run "galley login" (or set GALLEY_TOKEN)');
    expect(cli.requests).toHaveLength(0);
  });

  it('a usage error is a CommanderError, not a crash', async () => {
    const cli = harness();
    made.push(cli.configHome);

    await expect(cli.run('datasets', 'create')).rejects.toBeInstanceOf(CommanderError);
  });
});

function urlOf(input: RequestInfo | URL): string {
  if (typeof input === 'string') return input;
  return input instanceof URL ? input.href : input.url;
}
