import { generateApiKey, isApiKeyShaped, parseApiKey } from './api-key-format';

describe('API key format', () => {
  it('generates keys that parse back to their public id and secret', () => {
    const { key, publicId, secret } = generateApiKey();
    expect(isApiKeyShaped(key)).toBe(true);
    expect(parseApiKey(key)).toEqual({ publicId, secret });
  });

  it('generates distinct keys', () => {
    const keys = new Set(Array.from({ length: 50 }, () => generateApiKey().key));
    expect(keys.size).toBe(50);
  });

  it.each(['gk_', 'gk_short_secret', `gk_${'A'.repeat(12)}_${'b'.repeat(42)}`, `gk_${'A'.repeat(12)}_${'b'.repeat(43)}x`, 'not-a-key'])(
    'refuses the malformed key %s',
    (key) => {
      expect(parseApiKey(key)).toBeNull();
    },
  );
});
