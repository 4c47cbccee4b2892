import { applyOutput, displayOutput, errorOutput, persistableOutputs, resultOutput, streamOutput, updateDisplayOutput } from './outputs';

describe('applyOutput', () => {
  it('joins consecutive text of the same stream, as Jupyter shows it', () => {
    const outputs = [streamOutput('stdout', 'a\n'), streamOutput('stdout', 'b\n'), streamOutput('stderr', 'c\n')].reduce(applyOutput, []);
    expect(outputs).toEqual([streamOutput('stdout', 'a\nb\n'), streamOutput('stderr', 'c\n')]);
  });

  it('replaces the data of the display an update names, in place', () => {
    const start = [displayOutput({ 'text/plain': 'epoch 1' }, 'fit-1'), resultOutput('42')];
    const outputs = applyOutput(start, updateDisplayOutput({ 'text/plain': 'epoch 2' }, 'fit-1'));
    expect(outputs).toEqual([displayOutput({ 'text/plain': 'epoch 2' }, 'fit-1'), resultOutput('42')]);
  });

  it('ignores an update whose display is not there', () => {
    const start = [resultOutput('1')];
    expect(applyOutput(start, updateDisplayOutput({ 'text/plain': 'x' }, 'gone'))).toEqual(start);
  });
});

describe('persistableOutputs', () => {
  it('drops transient display ids, which nbformat does not store', () => {
    expect(persistableOutputs([displayOutput({ 'text/plain': 'p' }, 'fit-1')])).toEqual([{ output_type: 'display_data', data: { 'text/plain': 'p' }, metadata: {} }]);
  });
});

describe('errorOutput', () => {
  it('keeps the frames of the cell, numbered by cell line', () => {
    const error = new TypeError('x is not a function');
    error.stack = 'TypeError: x is not a function\n    at eval (galley-cell-3.js:5:9)\n    at async execute (worker.js:10:2)';
    expect(errorOutput(error, 2)).toEqual({
      output_type: 'error',
      ename: 'TypeError',
      evalue: 'x is not a function',
      traceback: ['TypeError: x is not a function', '    at eval (cell 3, line 3:9)'],
    });
  });

  it('lists a spec error issue by path', () => {
    const error = Object.assign(new Error('bad spec'), { name: 'MlError', details: { issues: [{ path: 'model.compile.loss', message: 'no' }] } });
    expect(errorOutput(error).traceback).toEqual(['MlError: bad spec', '  model.compile.loss: no']);
  });

  it('describes a thrown value that is not an Error', () => {
    expect(errorOutput({ code: 7 })).toMatchObject({ ename: 'Error', evalue: 'Uncaught {"code":7}' });
  });
});
