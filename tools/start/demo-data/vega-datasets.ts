import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The folder of the installed `vega-datasets` package. Its `exports` map publishes neither
 * package.json nor data/, so `require.resolve('vega-datasets/package.json')` throws
 * ERR_PACKAGE_PATH_NOT_EXPORTED: resolve the entry point instead and walk up to the package root.
 */
export function vegaDatasetsRoot(resolve: (id: string) => string = require.resolve): string {
  let dir = dirname(resolve('vega-datasets'));
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: unknown }).name === 'vega-datasets') return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error('vega-datasets is installed but its package.json was not found; run npm ci');
    dir = parent;
  }
}

/** A file of the package's data/ folder, e.g. `seattle-weather.csv`. */
export function vegaDataFile(fileName: string, root: string = vegaDatasetsRoot()): string {
  const path = join(root, 'data', fileName);
  if (!existsSync(path)) throw new Error(`${path} is missing: the installed vega-datasets does not ship ${fileName} (package.json pins 3.2.1; run npm ci)`);
  return path;
}
