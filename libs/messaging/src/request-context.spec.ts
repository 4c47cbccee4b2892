import { acceptRequestId, currentRequestId, runWithRequestId } from './request-context';

describe('request ids', () => {
  it('keeps a well-formed caller id', () => {
    expect(acceptRequestId('req-123.abc:1')).toBe('req-123.abc:1');
  });

  it.each([undefined, '', 'has space', 'line\nbreak', 'x'.repeat(65), ['array']])('replaces %j with a fresh uuid', (candidate) => {
    expect(acceptRequestId(candidate)).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('is visible inside the async work it wraps and nowhere else', async () => {
    expect(currentRequestId()).toBeUndefined();
    await runWithRequestId('outer', async () => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      expect(currentRequestId()).toBe('outer');
    });
    expect(currentRequestId()).toBeUndefined();
  });
});
