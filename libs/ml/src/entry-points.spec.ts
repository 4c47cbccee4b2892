import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Every module the browser entry reaches, by following its relative imports. */
function reachableImports(entry: string): { files: string[]; packages: Set<string> } {
  const files: string[] = [];
  const packages = new Set<string>();
  const pending = [entry];
  while (pending.length > 0) {
    const file = pending.pop() as string;
    if (files.includes(file)) continue;
    files.push(file);
    const source = readFileSync(file, 'utf8');
    for (const [, specifier] of source.matchAll(/(?:import|export)[^'"]*from\s+'([^']+)'|import\s+'([^']+)'/g)) {
      if (specifier === undefined) continue;
      if (specifier.startsWith('.')) pending.push(join(dirname(file), `${specifier}.ts`));
      else packages.add(specifier);
    }
    for (const [, sideEffect] of source.matchAll(/^import\s+'([^']+)';/gm)) packages.add(sideEffect);
  }
  return { files, packages };
}

describe('entry points', () => {
  it('keeps Node-only modules out of the browser entry', () => {
    const { files, packages } = reachableImports(join(__dirname, 'index.ts'));
    expect(files.some((file) => file.includes(`${join('src', 'node')}`))).toBe(false);
    expect([...packages].sort()).toEqual(['@galley/contracts', '@tensorflow/tfjs', 'zod']);
  });

  it('puts the wasm backend, the file system and DuckDB in @galley/ml/node', () => {
    const { packages } = reachableImports(join(__dirname, 'node', 'index.ts'));
    expect([...packages]).toEqual(expect.arrayContaining(['@tensorflow/tfjs-backend-wasm', '@galley/tabular', 'node:fs/promises']));
  });
});
