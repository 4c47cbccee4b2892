import { formatBytes, formatCell, formatCount, formatPercent, formatStat, shortenText } from './format';

describe('number formatting', () => {
  it('shows sizes in binary units with fewer decimals as they grow', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(3.4 * 1024)).toBe('3.40 KB');
    expect(formatBytes(12.5 * 1024 * 1024)).toBe('12.5 MB');
    expect(formatBytes(200 * 1024 * 1024 * 1024)).toBe('200 GB');
    expect(formatBytes(null)).toBe('—');
  });

  it('separates thousands in counts', () => {
    expect(formatCount(1234567)).toBe('1,234,567');
    expect(formatCount(0)).toBe('0');
  });

  it('keeps four significant digits of a statistic, and strings as they are', () => {
    expect(formatStat(3.14159265)).toBe('3.142');
    expect(formatStat(12345.678)).toBe('12,350');
    expect(formatStat(150)).toBe('150');
    expect(formatStat(0.00001234)).toBe('1.234e-5');
    expect(formatStat('2024-01-31')).toBe('2024-01-31');
    expect(formatStat(null)).toBe('—');
  });

  it('never rounds a non-zero fraction down to 0%', () => {
    expect(formatPercent(0.25)).toBe('25.0%');
    expect(formatPercent(0.0001)).toBe('<0.1%');
    expect(formatPercent(0)).toBe('0.0%');
  });

  it('shows null cells as null and nested values as JSON', () => {
    expect(formatCell(null)).toBe('null');
    expect(formatCell(false)).toBe('false');
    expect(formatCell({ a: [1] })).toBe('{"a":[1]}');
  });

  it('cuts long labels with an ellipsis', () => {
    expect(shortenText('abcdef', 4)).toBe('abc…');
    expect(shortenText('abc', 4)).toBe('abc');
  });
});
