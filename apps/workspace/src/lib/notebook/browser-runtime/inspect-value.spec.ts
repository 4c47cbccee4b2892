import { formatLogArguments, inspectValue } from './inspect-value';

describe('inspectValue', () => {
  it('quotes strings and shows numbers, booleans, null and undefined as they are', () => {
    expect(inspectValue(['a', 1, true, null, undefined, -0, 2n])).toBe("[ 'a', 1, true, null, undefined, -0, 2n ]");
  });

  it('shows objects, maps and sets with their contents', () => {
    expect(inspectValue({ a: 1, 'b c': [2] })).toBe("{ a: 1, 'b c': [ 2 ] }");
    expect(inspectValue(new Map([['k', 1]]))).toBe("Map(1) { 'k' => 1 }");
    expect(inspectValue(new Set([1, 2]))).toBe('Set(2) { 1, 2 }');
  });

  it('cuts long arrays and deep nesting short, and marks cycles', () => {
    expect(inspectValue([1, 2, 3, 4], { maxItems: 2 })).toBe('[ 1, 2, … 2 more ]');
    expect(inspectValue({ a: { b: { c: { d: 1 } } } }, { depth: 2 })).toBe('{ a: { b: [Object] } }');
    const cycle: Record<string, unknown> = {};
    cycle['self'] = cycle;
    expect(inspectValue(cycle)).toBe('{ self: [Circular] }');
  });

  it('names functions, classes and typed arrays', () => {
    expect(inspectValue(function train() {})).toBe('[Function: train]');
    expect(inspectValue(class Model {})).toBe('[class Model]');
    expect(inspectValue(new Float32Array([1, 2]))).toBe('Float32Array(2) [ 1, 2 ]');
  });
});

describe('formatLogArguments', () => {
  it('prints strings bare and inspects the rest, like console.log', () => {
    expect(formatLogArguments(['loss', 0.5, { epoch: 1 }])).toBe('loss 0.5 { epoch: 1 }');
  });
});
