import { GalleyApiError } from '@galley/sdk';
import { errorMessage, fieldErrors, safeNextPath } from './galley-api';

function aProblemError(errors: Array<{ field: string; message: string }> = []) {
  return new GalleyApiError({
    status: 400,
    code: 'validation_failed',
    title: 'Bad Request',
    detail: 'the request is invalid',
    url: '/api/v1/datasets',
    method: 'POST',
    errors,
  });
}

describe('workspace API helpers', () => {
  it('follows only same-site paths after login', () => {
    expect(safeNextPath('/admin/users?x=1')).toBe('/admin/users?x=1');
    expect(safeNextPath('//evil.example/')).toBe('/data');
    expect(safeNextPath('/\\evil.example')).toBe('/data');
    expect(safeNextPath('https://evil.example/')).toBe('/data');
    expect(safeNextPath('/login?next=/x')).toBe('/data');
    expect(safeNextPath(null)).toBe('/data');
  });

  it('groups field errors by their top-level field, keeping the first message', () => {
    const error = aProblemError([
      { field: 'tags.1', message: 'a tag is at most 40 characters' },
      { field: 'tags.3', message: 'another' },
      { field: 'name', message: 'must be a lower-case slug' },
    ]);

    expect(fieldErrors(error)).toEqual({ tags: 'a tag is at most 40 characters', name: 'must be a lower-case slug' });
    expect(fieldErrors(new Error('x'))).toEqual({});
  });

  it('prefers the problem detail as the message', () => {
    expect(errorMessage(aProblemError())).toBe('the request is invalid');
    expect(errorMessage(new Error('boom'))).toBe('boom');
  });
});
