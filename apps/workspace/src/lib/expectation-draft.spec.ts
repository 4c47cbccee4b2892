import { GalleyApiError } from '@galley/sdk';
import { describeExpectation, emptyDraft, expectationFromDraft, issuesByExpectation, parseBound, parseSetValues } from './expectation-draft';
import type { ExpectationDraft } from './expectation-draft';

function aDraft(overrides: Partial<ExpectationDraft>): ExpectationDraft {
  return { ...emptyDraft(), ...overrides };
}

describe('expectation drafts', () => {
  it('makes a between expectation with numeric bounds on a numeric column', () => {
    const result = expectationFromDraft(aDraft({ kind: 'between', column: ' price ', min: '0', max: '100' }), 'float');

    expect(result).toEqual({ ok: true, expectation: { kind: 'between', column: 'price', min: 0, max: 100, severity: 'blocking' } });
  });

  it('keeps date bounds as text and leaves an empty bound out', () => {
    const result = expectationFromDraft(aDraft({ kind: 'between', column: 'day', min: '2024-01-01', max: '' }), 'date');

    expect(result).toEqual({ ok: true, expectation: { kind: 'between', column: 'day', min: '2024-01-01', severity: 'blocking' } });
  });

  it('refuses a bound that is not a number of the column', () => {
    expect(expectationFromDraft(aDraft({ kind: 'between', column: 'n', min: 'abc' }), 'integer')).toEqual({
      ok: false,
      errors: { min: 'a whole number' },
    });
  });

  it('asks for at least one bound, next to min, with the contract message', () => {
    const result = expectationFromDraft(aDraft({ kind: 'between', column: 'n' }), 'integer');

    expect(result).toEqual({ ok: false, errors: { min: 'give min, max or both' } });
  });

  it('asks for a column where the kind needs one', () => {
    const result = expectationFromDraft(aDraft({ kind: 'unique', column: '' }));

    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors.column).toBe('name a column');
  });

  it('builds every other kind with its own fields, severity and description', () => {
    const build = (draft: Partial<ExpectationDraft>) => {
      const result = expectationFromDraft(aDraft(draft), 'string');
      if (!result.ok) throw new Error(JSON.stringify(result.errors));
      return result.expectation;
    };

    expect(build({ kind: 'not_null', column: 'id', maxNullFraction: '0.05', severity: 'warning' })).toEqual({
      kind: 'not_null',
      column: 'id',
      maxNullFraction: 0.05,
      severity: 'warning',
    });
    expect(build({ kind: 'in_set', column: 'species', values: 'setosa, virginica,' })).toMatchObject({ values: ['setosa', 'virginica'] });
    expect(build({ kind: 'matches_regex', column: 'email', pattern: '^[^@]+@', description: 'emails' })).toMatchObject({ pattern: '^[^@]+@', description: 'emails' });
    expect(build({ kind: 'column_type', column: 'age', type: 'integer' })).toMatchObject({ type: 'integer' });
    expect(build({ kind: 'row_count_between', min: '10' })).toEqual({ kind: 'row_count_between', min: 10, severity: 'blocking' });
    expect(build({ kind: 'column_exists', column: 'id' })).toEqual({ kind: 'column_exists', column: 'id', severity: 'blocking' });
  });

  it('types bounds and set members by the column, guessing only when the column is unknown', () => {
    expect(parseBound('1.5', 'float')).toBe(1.5);
    expect(parseBound('1.5', 'integer')).toBeNull();
    expect(parseBound('42', 'string')).toBe('42');
    expect(parseBound('42', undefined)).toBe(42);
    expect(parseBound(' ', 'float')).toBeUndefined();
    expect(parseSetValues('1, 2', 'integer')).toEqual([1, 2]);
    expect(parseSetValues('true,false', 'boolean')).toEqual([true, false]);
    expect(parseSetValues('yes', 'boolean')).toBeNull();
    expect(parseSetValues('001, 002', 'string')).toEqual(['001', '002']);
  });

  it('describes expectations in one readable line', () => {
    expect(describeExpectation({ kind: 'between', column: 'x', min: 0, max: 1 })).toBe('x between 0 and 1');
    expect(describeExpectation({ kind: 'between', column: 'x', max: 1 })).toBe('x at most 1');
    expect(describeExpectation({ kind: 'not_null', column: 'x' })).toBe('x has no nulls');
    expect(describeExpectation({ kind: 'not_null', column: 'x', maxNullFraction: 0.1 })).toBe('x is null in at most 10% of rows');
    expect(describeExpectation({ kind: 'in_set', column: 's', values: ['a', 1] })).toBe('s in {"a", 1}');
    expect(describeExpectation({ kind: 'row_count_between', min: 5 })).toBe('row count at least 5');
  });

  it('files the API issues of a suite under the expectation they name', () => {
    const error = new GalleyApiError({
      status: 400,
      code: 'validation_failed',
      title: 'Bad Request',
      detail: 'invalid',
      url: '/api/v1/datasets/x/expectations',
      method: 'PUT',
      errors: [
        { field: 'expectations.2.max', message: 'expected number' },
        { field: 'expectations.2', message: 'give min, max or both' },
        { field: 'name', message: 'ignored' },
      ],
    });

    expect(issuesByExpectation(error)).toEqual(new Map([[2, ['max: expected number', 'give min, max or both']]]));
  });
});
