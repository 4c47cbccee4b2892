import type { ColumnSchema } from '@galley/contracts';

/** The columns of a version as DuckDB read them. */
export function SchemaTable({ columns }: { columns: readonly ColumnSchema[] }) {
  return (
    <table className="table" aria-label="Schema">
      <thead>
        <tr>
          <th scope="col">#</th>
          <th scope="col">Column</th>
          <th scope="col">Type</th>
          <th scope="col">Kind</th>
          <th scope="col">Nullable</th>
        </tr>
      </thead>
      <tbody>
        {columns.map((column, index) => (
          <tr key={column.name}>
            <td className="muted">{index + 1}</td>
            <td className="mono strong">{column.name}</td>
            <td className="mono">{column.type}</td>
            <td>{column.logicalType}</td>
            <td>{column.nullable ? 'yes' : 'no'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
