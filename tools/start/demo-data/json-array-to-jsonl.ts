import { readFileSync, writeFileSync } from 'node:fs';

/**
 * Writes a file holding a JSON array of objects as JSON Lines (one object per line), which is what
 * the catalog reads. The output depends only on the input, so the same source gives the same bytes
 * and a second upload of it is recognised as the version it already is.
 */
export function jsonArrayToJsonLines(sourcePath: string, targetPath: string): number {
  const parsed: unknown = JSON.parse(readFileSync(sourcePath, 'utf8'));
  if (!Array.isArray(parsed)) throw new Error(`${sourcePath} is not a JSON array`);
  const lines = parsed.map((record, index) => {
    if (typeof record !== 'object' || record === null || Array.isArray(record)) {
      throw new Error(`${sourcePath}: item ${index} is not an object`);
    }
    return JSON.stringify(record);
  });
  writeFileSync(targetPath, lines.length > 0 ? `${lines.join('\n')}\n` : '');
  return lines.length;
}
