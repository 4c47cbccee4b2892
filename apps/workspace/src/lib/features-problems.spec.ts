import { GalleyApiError } from '@galley/sdk';
import { messageFor, problemFields, unplacedMessages } from './features-problems';

function aProblem(code: GalleyApiError['code'], detail: string, errors: Array<{ field: string; message: string }> = []): GalleyApiError {
  return new GalleyApiError({ status: 422, code, title: 'Unprocessable Entity', detail, errors, url: '/api/v1/feature-views', method: 'POST' });
}

describe('problems by field', () => {
  it('keeps the full path of each issue, so a row’s column is told apart from its type', () => {
    const fields = problemFields(
      aProblem('features.column_not_found', 'observations@1 has no column "temp"', [
        { field: 'features.0.column', message: 'no column "temp" in observations@1' },
        { field: 'features.1.type', message: 'is VARCHAR' },
      ]),
    );

    expect(fields).toEqual({ 'features.0.column': 'no column "temp" in observations@1', 'features.1.type': 'is VARCHAR' });
  });

  it('puts a problem without issues on the field its code is about', () => {
    const fields = problemFields(aProblem('features.entity_not_found', 'no entity named "planet"'), { 'features.entity_not_found': 'entity' });

    expect(fields).toEqual({ entity: 'no entity named "planet"' });
  });

  it('finds nothing in an error that is not an API problem', () => {
    expect(problemFields(new Error('offline'))).toEqual({});
  });

  it('shows a deeper issue on its input unless told not to', () => {
    const fields = { 'tags.2': 'a tag is lower-case', 'features.0.name': 'bad name' };

    expect(messageFor(fields, 'tags')).toBe('a tag is lower-case');
    expect(messageFor(fields, 'features', false)).toBeUndefined();
  });

  it('lists the issues no input shows', () => {
    expect(unplacedMessages({ '(root)': 'give either features or featureService', name: 'taken', extra: 'unknown field "extra"' }, (path) => path === 'name')).toEqual([
      'give either features or featureService',
      'extra: unknown field "extra"',
    ]);
  });
});
