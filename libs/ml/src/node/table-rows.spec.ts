import { SEATTLE_WEATHER_CSV } from '../training-spec.builder';
import { readTableRows } from './table-rows';

jest.setTimeout(30_000);

describe('readTableRows', () => {
  it('reads every row of a CSV with DuckDB, in file order, across pages', async () => {
    const rows = [];
    for await (const row of readTableRows(SEATTLE_WEATHER_CSV, 'csv')) rows.push(row);
    expect(rows).toHaveLength(1461);
    expect(rows[0]).toEqual({ date: '2012-01-01', precipitation: 0, temp_max: 12.8, temp_min: 5, wind: 4.7, weather: 'drizzle' });
    expect(rows[1460]['date']).toBe('2015-12-31');
  });
});

describe('training on rows read with DuckDB', () => {
  it('trains from the async stream of a dataset file', async () => {
    const { trainModel } = await import('../train-model');
    const { denseStackTopology, schemaOf, seattleWeatherRows } = await import('../training-spec.builder');
    const result = await trainModel({
      spec: {
        model: {
          topology: denseStackTopology({ inputWidth: 4, outputs: 5, outputActivation: 'softmax' }),
          compile: { optimizer: { name: 'adam', learningRate: 0.05 }, loss: 'sparseCategoricalCrossentropy', metrics: [] },
          fit: { epochs: 1, batchSize: 256 },
        },
        data: { task: 'classification', target: 'weather', features: ['precipitation', 'temp_max', 'temp_min', 'wind'].map((name) => ({ name })) },
        seed: 1,
      },
      dataSchema: schemaOf(seattleWeatherRows()),
      rows: readTableRows(SEATTLE_WEATHER_CSV, 'csv'),
    });
    result.trained.model.dispose();
    expect(result.rows).toEqual({ train: 1169, validation: 0, test: 292, dropped: 0 });
  });
});
