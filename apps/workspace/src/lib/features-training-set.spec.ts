import { emptyTrainingSetDraft, trainingSetLinks, trainingSetRequest } from './features-training-set';

describe('the training set form', () => {
  const draft = { ...emptyTrainingSetDraft(), entityDataset: 'labels', output: 'station-training', features: ['station-weather:temp_c'] };

  it('asks for the features picked, with entity rows from a dataset version', () => {
    const result = trainingSetRequest({ ...draft, entityVersion: '2' });

    expect(result).toEqual({
      ok: true,
      request: { entities: { dataset: 'labels', version: 2 }, features: ['station-weather:temp_c'], timestampColumn: 'event_timestamp', output: 'station-training' },
    });
  });

  it('asks for a service instead of features when one is chosen', () => {
    const result = trainingSetRequest({ ...draft, selection: 'service', service: 'forecast' });

    expect(result.ok && result.request).toMatchObject({ featureService: 'forecast', entities: { version: 'latest' } });
    expect(result.ok && 'features' in result.request).toBe(false);
  });

  it('refuses to send without features or a service', () => {
    expect(trainingSetRequest({ ...draft, features: [] })).toEqual({ ok: false, errors: { features: 'pick at least one feature' } });
    expect(trainingSetRequest({ ...draft, selection: 'service' })).toEqual({ ok: false, errors: { featureService: 'pick a feature service' } });
  });

  it('links to the version in the catalog and to its lineage', () => {
    expect(trainingSetLinks({ dataset: 'station-training', version: 3 })).toEqual({
      page: '/data/station-training?version=3',
      lineage: '/data/station-training?version=3&tab=lineage',
      urn: 'dataset:station-training@3',
    });
  });
});
