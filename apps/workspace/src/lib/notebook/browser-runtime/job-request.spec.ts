import { SubmitJobRequestSchema } from '@galley/contracts';
import type { EvaluationMetrics } from '@galley/contracts';
import type { ExportedModel } from '@galley/ml';
import { buildJobRequest, compareEvaluations, comparisonTable, refusalMessage } from './job-request';
import type { SubmitDefaults } from './job-request';

const exported: ExportedModel = {
  topology: '{"class_name":"Sequential","config":{"layers":[]}}',
  compile: { optimizer: { name: 'adam', learningRate: 0.01 }, loss: 'categoricalCrossentropy', metrics: ['accuracy'] },
};

const lastSplit: SubmitDefaults = {
  data: {
    dataset: 'penguins',
    version: 3,
    data: { task: 'classification', target: 'Species', features: [{ name: 'Island' }], testFraction: 0.2, standardizeTarget: true },
    seed: 7,
    validationSplit: 0.1,
  },
  fit: { epochs: 12, batchSize: 16 },
};

describe('buildJobRequest', () => {
  it('takes the dataset, columns, seed and fit settings of what the cell last did', () => {
    const body = buildJobRequest(exported, {}, lastSplit);
    expect(body).toEqual({
      experiment: 'notebooks',
      source: { dataset: 'penguins', version: 3 },
      data: { task: 'classification', target: 'Species', features: [{ name: 'Island' }], testFraction: 0.2, standardizeTarget: true },
      model: { topology: exported.topology, compile: exported.compile, fit: { epochs: 12, batchSize: 16, validationSplit: 0.1 } },
      seed: 7,
    });
    expect(SubmitJobRequestSchema.safeParse(body).success).toBe(true);
  });

  it('lets the options override each default, and sends the weights when exported', () => {
    const withWeights = { ...exported, initialWeights: { specs: [{ name: 'w', shape: [1], dtype: 'float32' as const }], data: 'AAAAAA==' } };
    const body = buildJobRequest(
      withWeights,
      { data: { dataset: 'weather', version: 1, target: 'weather', features: ['temp_max', { name: 'wind' }] }, fit: { epochs: 3, batchSize: 8 }, experiment: 'exp', name: 'mlp', seed: 1 },
      lastSplit,
    );
    expect(body).toMatchObject({
      name: 'mlp',
      experiment: 'exp',
      source: { dataset: 'weather', version: 1 },
      data: { task: 'classification', target: 'weather', features: [{ name: 'temp_max' }, { name: 'wind' }] },
      model: { fit: { epochs: 3, batchSize: 8, validationSplit: 0 }, initialWeights: withWeights.initialWeights },
      seed: 1,
    });
  });

  it('says what is missing when nothing was loaded and the options do not say', () => {
    expect(() => buildJobRequest(exported, {})).toThrow(/needs data: \{ dataset, target \}/);
    expect(() => buildJobRequest(exported, { data: { dataset: 'd' } })).toThrow(/data.target/);
    expect(() => buildJobRequest(exported, { data: { dataset: 'd', target: 't', features: ['a'] } })).toThrow(/fit: \{ epochs, batchSize \}/);
  });
});

describe('refusalMessage', () => {
  it('lists each field the server refused', () => {
    expect(refusalMessage(422, 'The job is invalid', [{ field: 'model.topology', message: 'Lambda is not allowed' }])).toBe(
      'The server refused the job (422): The job is invalid\n  model.topology: Lambda is not allowed',
    );
  });
});

describe('compareEvaluations', () => {
  const metrics = (accuracy: number): EvaluationMetrics => ({
    task: 'classification',
    rows: 10,
    loss: 0.3,
    accuracy,
    macroPrecision: 0.9,
    macroRecall: 0.9,
    macroF1: 0.88,
    rocAuc: null,
    perClass: [],
    confusionMatrix: [],
  });

  it('puts the prototype and the server run side by side, leaving out metrics neither has', () => {
    const rows = compareEvaluations(metrics(0.9), metrics(0.95));
    expect(rows).toEqual([
      { metric: 'loss', prototype: 0.3, server: 0.3 },
      { metric: 'accuracy', prototype: 0.9, server: 0.95 },
      { metric: 'macroF1', prototype: 0.88, server: 0.88 },
    ]);
    expect(comparisonTable(rows).split('\n')[2]).toBe('accuracy      0.9000      0.9500');
  });

  it('shows the server alone when the prototype could not be scored', () => {
    expect(compareEvaluations(null, metrics(0.5))[1]).toEqual({ metric: 'accuracy', prototype: null, server: 0.5 });
  });
});
