import type { TableFormat } from '@galley/contracts';
import { MAX_PREVIEW_ROWS, previewRows } from '@galley/tabular';
import type { Row } from '../preprocessing';

/**
 * The rows of a dataset version's file, read with DuckDB page by page (through @galley/tabular, in
 * file order, so the seeded split sees the same order every time). Each page reopens the file: fine
 * for the demo and small tables; a streaming reader in @galley/tabular should replace it for large ones.
 */
export async function* readTableRows(filePath: string, format: TableFormat): AsyncGenerator<Row> {
  for (let offset = 0; ; offset += MAX_PREVIEW_ROWS) {
    const page = await previewRows(filePath, format, offset, MAX_PREVIEW_ROWS);
    yield* page;
    if (page.length < MAX_PREVIEW_ROWS) return;
  }
}
