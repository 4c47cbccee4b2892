import { ConfigError, parseStartArgs, parseStartEnv } from './config';

describe('parseStartEnv', () => {
  it('defaults GALLEY_HOME to .galley in the repository and the ports to 8080 and 3000', () => {
    expect(parseStartEnv({}, '/repo')).toEqual({
      galleyHome: '/repo/.galley',
      apiPort: 8080,
      webPort: 3000,
      natsUrl: undefined,
      databaseUrl: undefined,
      adminPassword: undefined,
      trainers: 1,
      logLevel: 'info',
    });
  });

  it('starts the number of trainers asked for, within bounds', () => {
    expect(parseStartEnv({ GALLEY_TRAINERS: '3' }, '/repo').trainers).toBe(3);
    expect(parseStartEnv({ GALLEY_TRAINERS: '0' }, '/repo').trainers).toBe(0);
    expect(() => parseStartEnv({ GALLEY_TRAINERS: '40' }, '/repo')).toThrow(/GALLEY_TRAINERS/);
  });

  it('treats blank variables as unset', () => {
    const config = parseStartEnv({ GALLEY_API_PORT: '', NATS_URL: '', GALLEY_ADMIN_PASSWORD: '' }, '/repo');
    expect(config.apiPort).toBe(8080);
    expect(config.natsUrl).toBeUndefined();
    expect(config.adminPassword).toBeUndefined();
  });

  it('resolves a relative GALLEY_HOME against the repository', () => {
    expect(parseStartEnv({ GALLEY_HOME: 'data' }, '/repo').galleyHome).toBe('/repo/data');
    expect(parseStartEnv({ GALLEY_HOME: '/tmp/g' }, '/repo').galleyHome).toBe('/tmp/g');
  });

  it('names the variable when a port is not a port', () => {
    expect(() => parseStartEnv({ GALLEY_WEB_PORT: '70000' }, '/repo')).toThrow(/GALLEY_WEB_PORT: must be 1-65535/);
    expect(() => parseStartEnv({ GALLEY_API_PORT: 'http' }, '/repo')).toThrow(/GALLEY_API_PORT/);
  });

  it('rejects the same port for API and web', () => {
    expect(() => parseStartEnv({ GALLEY_API_PORT: '9000', GALLEY_WEB_PORT: '9000' }, '/repo')).toThrow(/must differ/);
  });

  it('accepts only postgres URLs as DATABASE_URL and nats URLs as NATS_URL', () => {
    expect(parseStartEnv({ DATABASE_URL: 'postgres://u@db:5432/galley' }, '/repo').databaseUrl).toBe('postgres://u@db:5432/galley');
    expect(() => parseStartEnv({ DATABASE_URL: 'mysql://db' }, '/repo')).toThrow(/DATABASE_URL/);
    expect(parseStartEnv({ NATS_URL: 'nats://127.0.0.1:4222' }, '/repo').natsUrl).toBe('nats://127.0.0.1:4222');
    expect(() => parseStartEnv({ NATS_URL: 'http://x' }, '/repo')).toThrow(/NATS_URL/);
  });

  it('rejects an unknown LOG_LEVEL', () => {
    expect(() => parseStartEnv({ LOG_LEVEL: 'loud' }, '/repo')).toThrow(ConfigError);
  });
});

describe('parseStartArgs', () => {
  it('defaults to the dev web server', () => {
    expect(parseStartArgs([])).toEqual({ web: 'dev', help: false });
  });

  it('accepts --web=production and --web production', () => {
    expect(parseStartArgs(['--web=production']).web).toBe('production');
    expect(parseStartArgs(['--web', 'production']).web).toBe('production');
  });

  it('rejects an unknown web mode and unknown arguments', () => {
    expect(() => parseStartArgs(['--web=prod'])).toThrow(/dev or production/);
    expect(() => parseStartArgs(['--verbose'])).toThrow(/Unknown argument/);
  });
});
