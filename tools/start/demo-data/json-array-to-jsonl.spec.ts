import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jsonArrayToJsonLines } from './json-array-to-jsonl';

describe('jsonArrayToJsonLines', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'galley-jsonl-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function source(content: string): string {
    const path = join(dir, 'source.json');
    writeFileSync(path, content);
    return path;
  }

  it('writes one object per line, keeping keys, nulls and numbers as they were', () => {
    const target = join(dir, 'out.jsonl');
    const count = jsonArrayToJsonLines(source('[\n  {"Species": "Adelie", "Body Mass (g)": 3750},\n  {"Species": "Gentoo", "Body Mass (g)": null}\n]'), target);

    expect(count).toBe(2);
    expect(readFileSync(target, 'utf8')).toBe('{"Species":"Adelie","Body Mass (g)":3750}\n{"Species":"Gentoo","Body Mass (g)":null}\n');
  });

  it('gives the same bytes every time, so a second upload is recognised as the same version', () => {
    const input = source('[{"a":1},{"a":2}]');
    jsonArrayToJsonLines(input, join(dir, 'first.jsonl'));
    jsonArrayToJsonLines(input, join(dir, 'second.jsonl'));

    expect(readFileSync(join(dir, 'second.jsonl'))).toEqual(readFileSync(join(dir, 'first.jsonl')));
  });

  it('refuses a file that is not an array of objects', () => {
    expect(() => jsonArrayToJsonLines(source('{"a":1}'), join(dir, 'x.jsonl'))).toThrow('is not a JSON array');
    expect(() => jsonArrayToJsonLines(source('[{"a":1}, 2]'), join(dir, 'x.jsonl'))).toThrow('item 1 is not an object');
  });
});
