import { checkJupyterPath, jupyterArea } from './jupyter-path';

describe('checkJupyterPath', () => {
  it.each([
    '/jupyter/api/kernelspecs',
    '/jupyter/api/contents/My%20Notebook.ipynb?content=1',
    '/jupyter/api/contents/dir/',
    '/jupyter/api/kernels/6f1c/channels?session_id=abc',
    '/jupyter/api/contents/report.v2.ipynb',
    '/jupyter/api/contents/100%25%20done.ipynb',
  ])('forwards %s unchanged', (target) => {
    expect(checkJupyterPath(target)).toEqual({ ok: true, path: target });
  });

  it.each([
    ['/jupyter/../api/v1/users', 'a `.` or `..` segment'],
    ['/jupyter/api/./kernels', 'a `.` or `..` segment'],
    ['/jupyter/%2e%2e/api/v1/users', 'a `.` or `..` segment'],
    ['/jupyter/%2E%2E/etc', 'a `.` or `..` segment'],
    ['/jupyter/%252e%252e/etc', 'a `.` or `..` segment'],
    ['/jupyter/api/contents/..%2f..%2fsecret', 'a `.` or `..` segment'],
    ['/jupyter/api/..;/x', 'a `.` or `..` segment'],
    ['/jupyter/api/%5c..%5cx', 'a backslash in the path'],
    ['/jupyter/api\\..\\x', 'a backslash in the path'],
    ['/jupyter/api/%00', 'a NUL in the path'],
    ['/jupyter//etc/passwd', 'an empty path segment'],
    ['/jupyter/%2f%2fevil', 'an empty path segment'],
    ['/jupyter/api/%E0%A4%A', 'malformed percent-encoding'],
    ['/jupyter/%25252525252e', 'encoded too many times'],
    ['/api/v1/users', 'not under /jupyter/'],
    ['/jupyterx/api', 'not under /jupyter/'],
  ])('refuses %s (%s)', (target, reason) => {
    expect(checkJupyterPath(target)).toEqual({ ok: false, reason });
  });

  it('judges the path, not the query string', () => {
    expect(checkJupyterPath('/jupyter/api/contents?path=../x')).toEqual({ ok: true, path: '/jupyter/api/contents?path=../x' });
  });
});

describe('jupyterArea', () => {
  it.each([
    ['/jupyter/api/kernels', 'api'],
    ['/jupyter/api?x=1', 'api'],
    ['/jupyter/files/data/report.html', 'files'],
    ['/jupyter/kernelspecs/python3/logo-64x64.png', 'kernelspecs'],
    ['/jupyter/', null],
    ['/jupyter/tree', null],
    ['/jupyter/login', null],
    ['/jupyter/apix/kernels', null],
  ])('places %s in %s', (path, area) => {
    expect(jupyterArea(path)).toBe(area);
  });
});
