import { parseTestArgs, STEP_GROUPS } from './step-selection';

const groups = (argv: string[]) => [...parseTestArgs(argv).groups];

describe('parseTestArgs', () => {
  it('runs every step by default', () => {
    expect(groups([])).toEqual([...STEP_GROUPS]);
  });

  it('runs only the named steps, plus the system package check they need', () => {
    expect(groups(['--only=lint,unit'])).toEqual(['system', 'lint', 'unit']);
    expect(groups(['--only', 'e2e'])).toEqual(['system', 'e2e']);
  });

  it('skips the named steps', () => {
    expect(groups(['--skip=e2e,integration'])).toEqual(['system', 'lint', 'typecheck', 'unit']);
  });

  it('lets --skip remove a step that --only implies', () => {
    expect(groups(['--only=unit', '--skip=system'])).toEqual(['unit']);
  });

  it('accepts repeated flags and spaces around names', () => {
    expect(groups(['--only=lint', '--only', ' unit , e2e'])).toEqual(['system', 'lint', 'unit', 'e2e']);
  });

  it('rejects an unknown step, an empty list and an unknown flag', () => {
    expect(() => parseTestArgs(['--only=lint,units'])).toThrow(/unknown step "units"/);
    expect(() => parseTestArgs(['--skip='])).toThrow(/needs a list/);
    expect(() => parseTestArgs(['--only'])).toThrow(/needs a list/);
    expect(() => parseTestArgs(['--fast'])).toThrow(/Unknown argument/);
  });

  it('recognises --help', () => {
    expect(parseTestArgs(['--help']).help).toBe(true);
  });
});
