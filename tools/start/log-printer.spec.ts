import { formatLogLine, LineSplitter, parseLogLine } from './log-printer';

const at = new Date(2025, 0, 2, 9, 5, 7);

describe('parseLogLine', () => {
  it('reads level, time and message from a pino JSON line', () => {
    const line = JSON.stringify({ level: 40, time: at.getTime(), pid: 1, msg: 'slow query' });
    expect(parseLogLine('catalog', line, 'stdout')).toEqual({ time: at, app: 'catalog', level: 'warn', message: 'slow query' });
  });

  it('prefixes the Nest context and appends the error message', () => {
    const line = JSON.stringify({ level: 50, time: at.getTime(), context: 'Datasets', msg: 'register failed', err: { message: 'disk full', stack: '…' } });
    expect(parseLogLine('catalog', line, 'stdout').message).toBe('[Datasets] register failed — disk full');
    expect(parseLogLine('catalog', line, 'stdout').level).toBe('error');
  });

  it('shows a non-JSON stdout line as info and a stderr line as a warning, without colour codes', () => {
    expect(parseLogLine('workspace', '\u001b[32m✓\u001b[39m Ready in 2.1s', 'stdout', at)).toEqual({
      time: at,
      app: 'workspace',
      level: 'info',
      message: '✓ Ready in 2.1s',
    });
    expect(parseLogLine('gateway', 'TypeError: x is undefined', 'stderr', at).level).toBe('warn');
  });

  it('keeps a line that only looks like JSON as it came', () => {
    expect(parseLogLine('gateway', '{ not json', 'stdout', at).message).toBe('{ not json');
  });
});

describe('formatLogLine', () => {
  it('prints clock, padded app name, level and message', () => {
    expect(formatLogLine({ time: at, app: 'catalog', level: 'info', message: 'listening' })).toBe('09:05:07 catalog   info  listening');
  });

  it('colours warnings and errors only when asked', () => {
    expect(formatLogLine({ time: at, app: 'gateway', level: 'error', message: 'boom' }, 9, true)).toBe(
      '\u001b[31m09:05:07 gateway   error boom\u001b[0m',
    );
  });
});

describe('LineSplitter', () => {
  it('holds a partial line until its end arrives and drops blank lines', () => {
    const splitter = new LineSplitter();
    expect(splitter.push('one\ntw')).toEqual(['one']);
    expect(splitter.push('o\r\n\nthree')).toEqual(['two']);
    expect(splitter.flush()).toEqual(['three']);
  });
});
