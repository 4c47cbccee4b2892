'use client';

import type { ColumnSchema } from '@galley/contracts';
import { useState } from 'react';
import { formatCell, formatCount } from '../../lib/format';
import { galleyApi } from '../../lib/galley-api';
import { ProblemAlert } from '../problem-alert';
import { useApiResource } from '../use-api-resource';

const PAGE_SIZE = 50;

/** The rows of a version, a page at a time, in file order (row 0 is the first data row). */
export function RowsPreview({ dataset, version, columns }: { dataset: string; version: number; columns: readonly ColumnSchema[] }) {
  const [offset, setOffset] = useState(0);
  const rows = useApiResource(`${dataset}@${version}:rows:${offset}`, () => galleyApi.previewRows(dataset, version, { offset, limit: PAGE_SIZE }));
  const page = rows.data;
  const names = columns.length > 0 ? columns.map((column) => column.name) : Object.keys(page?.rows[0] ?? {});
  const total = page?.total ?? 0;
  const last = Math.min(offset + PAGE_SIZE, total);

  return (
    <div className="section-stack">
      <ProblemAlert message={rows.error} />
      <div className="row-between">
        <p className="muted small" aria-live="polite">
          {page ? (total === 0 ? 'No rows.' : `Rows ${formatCount(offset)}–${formatCount(last - 1)} of ${formatCount(total)} (0-based)`) : 'Loading rows…'}
        </p>
        <div className="inline-actions">
          <button type="button" className="button button-small" disabled={offset === 0 || rows.loading} onClick={() => setOffset(Math.max(0, offset - PAGE_SIZE))}>
            Previous rows
          </button>
          <button type="button" className="button button-small" disabled={last >= total || rows.loading} onClick={() => setOffset(offset + PAGE_SIZE)}>
            Next rows
          </button>
        </div>
      </div>
      {page && page.rows.length > 0 ? (
        <div className="table-card" style={{ maxHeight: 520, overflow: 'auto' }}>
          <table className="table" aria-label="Rows" aria-busy={rows.loading}>
            <thead>
              <tr>
                <th scope="col" className="numeric">
                  Row
                </th>
                {names.map((name) => (
                  <th key={name} scope="col" className="mono">
                    {name}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {page.rows.map((row, index) => (
                <tr key={page.offset + index}>
                  <td className="numeric muted">{page.offset + index}</td>
                  {names.map((name) => {
                    const value = row[name];
                    return (
                      <td key={name} className={value === null || value === undefined ? 'mono muted' : 'mono'}>
                        {formatCell(value)}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </div>
  );
}
