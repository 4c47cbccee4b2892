import { displayName, notebookFileName, notebookHref, parentDir, pathFromSegments } from './notebook-paths';

describe('notebook paths', () => {
  it('links to a notebook with each segment encoded', () => {
    expect(notebookHref('team/my notebook#1.ipynb')).toBe('/notebooks/team/my%20notebook%231.ipynb');
  });

  it('reads the route segments back, refusing dot segments and smuggled slashes', () => {
    expect(pathFromSegments(['team', 'my%20notebook%231.ipynb'])).toBe('team/my notebook#1.ipynb');
    expect(pathFromSegments(['..', 'x.ipynb'])).toBeNull();
    expect(pathFromSegments(['a%2F..%2Fb.ipynb'])).toBeNull();
    expect(pathFromSegments(['%E0%A4%A'])).toBeNull();
    expect(pathFromSegments([])).toBeNull();
  });

  it('makes a typed name a file name, adding .ipynb once', () => {
    expect(notebookFileName('  Weather EDA ')).toBe('Weather EDA.ipynb');
    expect(notebookFileName('x.IPYNB')).toBe('x.IPYNB');
  });

  it('refuses names that cannot be a notebook file, saying why', () => {
    expect(() => notebookFileName('  ')).toThrow(/needs a name/);
    expect(() => notebookFileName('a/b')).toThrow(/cannot contain/);
    expect(() => notebookFileName('.hidden')).toThrow(/dot/);
    expect(() => notebookFileName('x'.repeat(300))).toThrow(/200/);
  });

  it('shows names without the extension and finds the folder', () => {
    expect(displayName('team/Weather.ipynb')).toBe('Weather');
    expect(parentDir('team/Weather.ipynb')).toBe('team');
    expect(parentDir('Weather.ipynb')).toBe('');
  });
});
