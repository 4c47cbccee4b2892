import { SlugSchema } from './names';

describe('resource names', () => {
  it.each(['a', 'weather', 'seattle-weather-2024', 'a'.repeat(63)])('accepts %s', (name) => {
    expect(SlugSchema.safeParse(name).success).toBe(true);
  });

  it.each(['', 'Weather', '../etc', '..', 'a/b', 'a\u0000b', '-lead', 'trail-', 'a'.repeat(64), '%2e%2e%2f', 'a b', 'é'])(
    'refuses %j',
    (name) => {
      expect(SlugSchema.safeParse(name).success).toBe(false);
    },
  );
});
