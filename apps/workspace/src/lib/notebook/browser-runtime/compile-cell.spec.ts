import { CellSyntaxError, compileCell } from './compile-cell';

const AsyncFunction = (async () => undefined).constructor as new (body: string) => () => Promise<unknown>;

async function run(code: string): Promise<unknown> {
  return new AsyncFunction(compileCell(code, 1).body)();
}

describe('compileCell', () => {
  afterEach(() => {
    for (const name of ['alpha', 'beta', 'gamma', 'shape', 'square', 'Point']) delete (globalThis as Record<string, unknown>)[name];
  });

  it('returns the value of the final expression', async () => {
    await expect(run('const a = 2;\na * 21')).resolves.toBe(42);
  });

  it('returns nothing when the cell ends with a declaration', async () => {
    await expect(run('const alpha = 1;')).resolves.toBeUndefined();
  });

  it('keeps top-level declarations for the next cell', async () => {
    await run('const alpha = 1; let beta; var gamma = 3;\nfunction square(x) { return x * x; }\nclass Point { constructor(x) { this.x = x; } }');
    await expect(run('[alpha, beta, gamma, square(4), new Point(5).x]')).resolves.toEqual([1, undefined, 3, 16, 5]);
  });

  it('keeps destructured declarations', async () => {
    await run('const { alpha, shape: [beta] } = { alpha: 1, shape: [7] };');
    await expect(run('alpha + beta')).resolves.toBe(8);
  });

  it('lets a cell use a function before its declaration, as in a script', async () => {
    await expect(run('const alpha = square(3);\nfunction square(x) { return x * x; }\nalpha')).resolves.toBe(9);
  });

  it('allows top-level await and return', async () => {
    await expect(run('const alpha = await Promise.resolve(5);\nreturn alpha + 1;')).resolves.toBe(6);
  });

  it('leaves declarations inside blocks and functions local', async () => {
    await run('{ const alpha = 1; }\nfor (let beta = 0; beta < 1; beta++) {}');
    expect('alpha' in globalThis).toBe(false);
    expect('beta' in globalThis).toBe(false);
  });

  it('keeps each statement on its own line, so stack traces point at the cell line', () => {
    const code = 'const alpha = 1;\n\nclass Point {}\nthrow new Error("x")';
    const { body } = compileCell(code, 3);
    expect(body.split('\n').slice(0, 4)).toHaveLength(4);
    expect(body.split('\n')[3]).toBe('throw new Error("x")');
    expect(body).toContain('//# sourceURL=galley-cell-3.js');
  });

  it('reports a syntax error with its line and column', () => {
    expect(() => compileCell('const a = 1;\nconst = 2', 1)).toThrow(CellSyntaxError);
    expect(() => compileCell('const a = 1;\nconst = 2', 1)).toThrow(/line 2, column 7/);
  });

  it('explains that import statements are not available', () => {
    expect(() => compileCell("import x from 'y'", 1)).toThrow(/import is not available in a browser cell/);
  });
});
