import { z } from 'zod';
import { CommonEnvSchema, loadConfig } from './config';

describe('loadConfig', () => {
  it('fills defaults and treats empty strings as unset', () => {
    const config = loadConfig(CommonEnvSchema, { NATS_URL: '', LOG_LEVEL: 'warn' });
    expect(config.NATS_URL).toBe('nats://127.0.0.1:4222');
    expect(config.LOG_LEVEL).toBe('warn');
    expect(config.DATABASE_URL).toBeUndefined();
  });

  it('names every malformed variable in one error', () => {
    const schema = CommonEnvSchema.extend({ PORT: z.coerce.number().int().max(65535) });
    expect(() => loadConfig(schema, { NATS_URL: 'http://x', DATABASE_URL: 'mysql://db', PORT: '99999' })).toThrow(
      /NATS_URL[\s\S]*DATABASE_URL[\s\S]*PORT|NATS_URL[\s\S]*PORT[\s\S]*DATABASE_URL/,
    );
  });
});
