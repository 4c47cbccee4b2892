import { formatTable } from './format-table';

describe('formatTable', () => {
  const columns = [
    { header: 'NAME', cell: (row: { name: string; note: string }) => row.name },
    { header: 'NOTE', cell: (row: { name: string; note: string }) => row.note, maxWidth: 8 },
  ];

  it('aligns every column to its widest cell under a header rule', () => {
    const text = formatTable(
      [
        { name: 'a', note: 'x' },
        { name: 'longer-name', note: 'y' },
      ],
      columns,
    );

    expect(text.split('\n')).toEqual(['NAME         NOTE', '-----------  ----', 'a            x', 'longer-name  y']);
  });

  it('cuts cells past their maximum width and keeps them on one line', () => {
    const text = formatTable([{ name: 'a', note: 'line one\nline two' }], columns);

    expect(text.split('\n')[2]).toBe('a     line on…');
  });
});
