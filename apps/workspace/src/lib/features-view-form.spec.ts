import { aColumn, aView } from './features-view.test-builders';
import { definitionFromDraft, draftFromView, emptyViewDraft, featureNameFor, featuresFromColumns, featureTypeFor, isViewFormField, timestampColumns } from './features-view-form';

describe('the feature view form', () => {
  it('sends `latest` for an empty or `latest` version, a number otherwise', () => {
    const draft = { ...emptyViewDraft(), name: 'v', entity: 'station', dataset: 'observations', timestampColumn: 'observed_at', features: [{ name: 'temp_c', column: '', type: 'float' as const }] };

    const latest = definitionFromDraft({ ...draft, version: '' });
    const three = definitionFromDraft({ ...draft, version: ' 3 ' });

    expect(latest.ok && latest.definition.source).toEqual({ dataset: 'observations', version: 'latest' });
    expect(three.ok && three.definition.source).toEqual({ dataset: 'observations', version: 3 });
  });

  it('leaves out a column that only repeats the feature name', () => {
    const result = definitionFromDraft({
      ...emptyViewDraft(),
      features: [
        { name: 'temp_c', column: 'temp_c', type: 'float' },
        { name: 'wind', column: 'wind_kmh', type: 'float' },
      ],
    });

    expect(result.ok && result.definition.features).toEqual([
      { name: 'temp_c', type: 'float' },
      { name: 'wind', column: 'wind_kmh', type: 'float' },
    ]);
  });

  it('reads TTL and tags, an empty TTL meaning never', () => {
    const result = definitionFromDraft({ ...emptyViewDraft(), ttlSeconds: '', tags: 'weather, gold,,' });
    const withTtl = definitionFromDraft({ ...emptyViewDraft(), ttlSeconds: '86400' });

    expect(result.ok && [result.definition.ttlSeconds, result.definition.tags]).toEqual([0, ['weather', 'gold']]);
    expect(withTtl.ok && withTtl.definition.ttlSeconds).toBe(86_400);
  });

  it('names the fields that are not numbers instead of sending them', () => {
    const result = definitionFromDraft({ ...emptyViewDraft(), version: 'two', ttlSeconds: '-5' });

    expect(result).toEqual({ ok: false, errors: { 'source.version': expect.any(String), ttlSeconds: expect.any(String) } });
  });

  it('turns a view back into the draft it came from, so saving it unchanged is the same definition', () => {
    const view = aView({ ttlSeconds: 3600, tags: ['a', 'b'] });

    const draft = draftFromView(view);
    const again = definitionFromDraft(draft);

    expect(draft.features).toEqual([
      { name: 'temp_c', column: '', type: 'float' },
      { name: 'wind', column: 'wind_kmh', type: 'float' },
    ]);
    expect(again.ok && again.definition).toMatchObject({ name: view.name, ttlSeconds: 3600, tags: ['a', 'b'], source: view.source });
  });
});

describe('features suggested from a source schema', () => {
  it('maps column types to the feature type that reads them, dates as timestamps', () => {
    expect(featureTypeFor('float')).toBe('float');
    expect(featureTypeFor('date')).toBe('timestamp');
    expect(featureTypeFor('other')).toBeNull();
  });

  it('makes valid feature names of any column name', () => {
    expect(featureNameFor('Temp (°C)')).toBe('temp_c');
    expect(featureNameFor('2nd_reading')).toBe('f_2nd_reading');
  });

  it('offers every column but the join key and the event time, with a name and type each', () => {
    const columns = [aColumn('station_id', 'string'), aColumn('observed_at', 'timestamp'), aColumn('temp_c', 'float'), aColumn('Wind Speed', 'integer'), aColumn('blob', 'other')];

    expect(featuresFromColumns(columns, ['station_id', 'observed_at'])).toEqual([
      { name: 'temp_c', column: '', type: 'float' },
      { name: 'wind_speed', column: 'Wind Speed', type: 'integer' },
    ]);
  });

  it('keeps two columns that clean up to the same name apart', () => {
    const drafts = featuresFromColumns([aColumn('Wind', 'float'), aColumn('wind', 'float')], []);

    expect(drafts.map((draft) => draft.name)).toEqual(['wind', 'wind_2']);
  });

  it('offers date and timestamp columns as event times', () => {
    expect(timestampColumns([aColumn('d', 'date'), aColumn('t', 'timestamp'), aColumn('s', 'string')]).map((column) => column.name)).toEqual(['d', 't']);
  });

  it('knows which problem paths the form shows next to an input', () => {
    expect(isViewFormField('features.1.column', 2)).toBe(true);
    expect(isViewFormField('features.4.column', 2)).toBe(false);
    expect(isViewFormField('tags.3', 2)).toBe(true);
    expect(isViewFormField('(root)', 2)).toBe(false);
  });
});
