import { galleyConnectCode, iopubToOutput, kernelStatusWord, readableTraceback, stripAnsi, TimeoutError, withTimeout } from './kernel-messages';

describe('kernel messages', () => {
  it('takes ANSI colours out of an IPython traceback', () => {
    expect(stripAnsi('\u001b[0;31mZeroDivisionError\u001b[0m: division by zero')).toBe('ZeroDivisionError: division by zero');
    expect(stripAnsi('\u001b[1;32m---> 1\u001b[39m 1/0')).toBe('---> 1 1/0');
  });

  it('joins traceback lines into readable text, falling back to name: value', () => {
    expect(readableTraceback({ ename: 'E', evalue: 'v', traceback: ['\u001b[31mline 1\u001b[0m', 'line 2'] })).toBe('line 1\nline 2');
    expect(readableTraceback({ ename: 'KeyError', evalue: "'x'", traceback: [] })).toBe("KeyError: 'x'");
  });

  it('turns stream, result, display and error messages into nbformat outputs', () => {
    expect(iopubToOutput('stream', { name: 'stderr', text: 'warn' })).toEqual({ kind: 'output', output: { output_type: 'stream', name: 'stderr', text: 'warn' } });
    expect(iopubToOutput('execute_result', { execution_count: 4, data: { 'text/plain': '2' }, metadata: {} })).toEqual({
      kind: 'output',
      output: { output_type: 'execute_result', execution_count: 4, data: { 'text/plain': '2' }, metadata: {} },
    });
    expect(iopubToOutput('display_data', { data: { 'image/png': 'iVBOR' }, metadata: {}, transient: { display_id: 'd' } })).toEqual({
      kind: 'output',
      output: { output_type: 'display_data', data: { 'image/png': 'iVBOR' }, metadata: {}, transient: { display_id: 'd' } },
    });
    expect(iopubToOutput('error', { ename: 'ValueError', evalue: 'bad', traceback: ['t'] })).toEqual({
      kind: 'output',
      output: { output_type: 'error', ename: 'ValueError', evalue: 'bad', traceback: ['t'] },
    });
  });

  it('passes clear_output on and ignores status and execute_input messages', () => {
    expect(iopubToOutput('clear_output', { wait: true })).toEqual({ kind: 'clear', wait: true });
    expect(iopubToOutput('status', { execution_state: 'busy' })).toEqual({ kind: 'ignore' });
    expect(iopubToOutput('update_display_data', { data: {}, metadata: {} })).toEqual({ kind: 'ignore' });
  });

  it('words the kernel status for the indicator: a dead kernel is dead, a lost socket is not idle', () => {
    expect(kernelStatusWord('idle', 'connected')).toBe('idle');
    expect(kernelStatusWord('busy', 'connected')).toBe('busy');
    expect(kernelStatusWord('starting', 'connected')).toBe('starting');
    expect(kernelStatusWord('dead', 'connected')).toBe('dead');
    expect(kernelStatusWord('dead', 'disconnected')).toBe('dead');
    expect(kernelStatusWord('idle', 'disconnected')).toBe('disconnected');
    expect(kernelStatusWord('idle', 'connecting')).toBe('connecting');
    expect(kernelStatusWord('autorestarting', 'connected')).toBe('restarting');
    expect(kernelStatusWord(null, null)).toBe('no kernel');
  });

  it('bounds a wait with a clear message', async () => {
    await expect(withTimeout(new Promise(() => undefined), 10, 'kernel did not answer')).rejects.toThrow(new TimeoutError('kernel did not answer'));
    await expect(withTimeout(Promise.resolve(7), 1_000, 'never')).resolves.toBe(7);
  });

  it('puts the credential into the sign-in code as a string literal it cannot leave', () => {
    const code = galleyConnectCode(`a"b\\c'\n)`);
    expect(code).toBe('import galley\ngalley.connect(token="a\\"b\\\\c\'\\n)")\n');
  });
});
