import { formatTtl, revisionChanges } from './features-revisions';
import { aView } from './features-view.test-builders';

describe('revision history', () => {
  it('calls the first revision the first definition', () => {
    expect(revisionChanges(undefined, aView())).toEqual(['first definition']);
  });

  it('names added, removed and retyped features', () => {
    const before = aView();
    const after = aView({
      revision: 2,
      features: [
        { name: 'temp_c', column: 'temp_c', type: 'integer' },
        { name: 'sky', column: 'sky', type: 'string' },
      ],
    });

    expect(revisionChanges(before, after)).toEqual(['added sky', 'removed wind', 'temp_c float → integer']);
  });

  it('names a changed source, TTL and column', () => {
    const before = aView();
    const after = aView({
      source: { dataset: 'observations', version: 2 },
      ttlSeconds: 86_400,
      features: [
        { name: 'temp_c', column: 'temp_c', type: 'float' },
        { name: 'wind', column: 'gust_kmh', type: 'float' },
      ],
    });

    expect(revisionChanges(before, after)).toEqual(['source observations@latest → observations@2', 'wind reads gust_kmh (was wind_kmh)', 'TTL never expires → 1 d']);
  });

  it('notices a reordering when nothing else changed', () => {
    const before = aView();
    const after = aView({ features: [...before.features].reverse() });

    expect(revisionChanges(before, after)).toEqual(['feature order']);
  });
});

describe('TTL', () => {
  it('is shown in the largest units that keep it exact', () => {
    expect(formatTtl(0)).toBe('never expires');
    expect(formatTtl(3600)).toBe('1 h');
    expect(formatTtl(90_000)).toBe('1 d 1 h');
    expect(formatTtl(90_061)).toBe('90,061 s');
  });
});
