import { resolve } from 'node:path';
import { packageBin } from './steps';

const repoRoot = resolve(__dirname, '../..');

describe('packageBin', () => {
  it('finds a command through the package manifest, whatever its path inside the package', () => {
    expect(packageBin(repoRoot, 'jest')).toBe(resolve(repoRoot, 'node_modules/jest/bin/jest.js'));
    expect(packageBin(repoRoot, 'typescript', 'tsc')).toBe(resolve(repoRoot, 'node_modules/typescript/bin/tsc'));
  });

  it('names the package when it has no such command', () => {
    expect(() => packageBin(repoRoot, '@playwright/test', 'nope')).toThrow(/@playwright\/test has no `nope` command/);
  });
});
