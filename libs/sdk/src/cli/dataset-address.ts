import type { VersionRef } from '@galley/contracts';

/** A dataset and one of its versions, as written on the command line: `weather`, `weather@3`, `weather@latest`. */
export interface DatasetAddress {
  name: string;
  version: VersionRef;
}

export function parseDatasetAddress(text: string): DatasetAddress {
  const at = text.lastIndexOf('@');
  if (at === -1) return { name: text, version: 'latest' };
  const name = text.slice(0, at);
  const version = text.slice(at + 1);
  if (!name) throw new Error(`"${text}" names no dataset: write NAME or NAME@VERSION, e.g. weather@3`);
  if (version === 'latest') return { name, version };
  if (!/^[1-9][0-9]{0,9}$/.test(version)) {
    throw new Error(`"${version}" is not a version: write a number from 1 or latest, e.g. ${name}@3 or ${name}@latest`);
  }
  return { name, version: Number(version) };
}
