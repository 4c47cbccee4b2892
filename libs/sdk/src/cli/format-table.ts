/** One column of a plain-text table: its header and how to read a cell from a row. */
export interface Column<Row> {
  header: string;
  cell: (row: Row) => string;
  /** Cells longer than this are cut with an ellipsis, so one long description does not wrap the table. */
  maxWidth?: number;
}

/** Renders rows as an aligned text table with a header and a rule, for terminals. */
export function formatTable<Row>(rows: readonly Row[], columns: readonly Column<Row>[]): string {
  const cells = rows.map((row) => columns.map((column) => clip(oneLine(column.cell(row)), column.maxWidth)));
  const widths = columns.map((column, index) =>
    Math.max(column.header.length, ...cells.map((rowCells) => rowCells[index]?.length ?? 0)),
  );
  const render = (values: readonly string[]) =>
    values
      .map((value, index) => value.padEnd(widths[index] ?? 0))
      .join('  ')
      .trimEnd();
  const lines = [
    render(columns.map((column) => column.header)),
    render(widths.map((width) => '-'.repeat(width))),
    ...cells.map(render),
  ];
  return lines.join('\n');
}

function oneLine(value: string): string {
  return value.replace(/\s+/g, ' ').trim();
}

function clip(value: string, maxWidth: number | undefined): string {
  if (maxWidth === undefined || value.length <= maxWidth) return value;
  return `${value.slice(0, Math.max(0, maxWidth - 1))}…`;
}
