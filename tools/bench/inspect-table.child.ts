// Child process of the profile bench: libs/tabular's inspectTable alone, as the catalog calls it.
// Usage: run-ts.cjs tools/bench/inspect-table.child.ts FILE.csv
import { inspectTable } from '@galley/tabular';
import { reportFromChild } from './measured-child';

const path = process.argv[2];
if (!path) throw new Error('usage: inspect-table.child.ts FILE.csv');
reportFromChild(async () => ({ rowCount: (await inspectTable(path, 'csv')).rowCount })).catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : String(error));
  process.exit(1);
});
