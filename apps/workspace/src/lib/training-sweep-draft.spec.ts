import type { Sweep, SubmitJobRequestInput } from '@galley/contracts';
import { bestRunIds, buildSweepRequest, defaultSweepDraft, gridSize, parseSweepValues, sweepFormErrors, sweepProgress, trialObjectiveRows, type SweepDraft } from './training-sweep-draft';

const baseJob: SubmitJobRequestInput = {
  name: 'ignored',
  experiment: 'weather',
  source: { dataset: 'seattle-weather', version: 'latest' },
  data: { task: 'classification', target: 'weather', features: [{ name: 'wind' }] },
  model: { topology: '{}', compile: { optimizer: { name: 'adam', learningRate: 0.01 }, loss: 'categoricalCrossentropy', metrics: ['accuracy'] }, fit: { epochs: 3, batchSize: 32 } },
  seed: 7,
};

function draft(overrides: Partial<SweepDraft> = {}): SweepDraft {
  return { ...defaultSweepDraft('classification'), ...overrides };
}

describe('buildSweepRequest', () => {
  it('varies the base job by a grid, judged by test accuracy', () => {
    const built = buildSweepRequest(baseJob, draft({ name: 'lr', parameters: [{ path: 'learningRate', kind: 'values', values: '0.001, 0.01', min: '', max: '' }, { path: 'optimizer', kind: 'values', values: 'adam, sgd', min: '', max: '' }], maxRuns: '4' }));

    expect(built).toEqual({
      ok: true,
      request: {
        name: 'lr',
        experiment: 'weather',
        base: { source: baseJob.source, data: baseJob.data, model: baseJob.model, seed: 7 },
        parameters: { learningRate: { values: [0.001, 0.01] }, optimizer: { values: ['adam', 'sgd'] } },
        strategy: 'grid',
        maxRuns: 4,
        parallelism: 2,
        objective: { metric: 'test_accuracy', goal: 'maximize' },
        seed: 0,
      },
    });
  });

  it('takes ranges for a random sweep', () => {
    const built = buildSweepRequest(baseJob, draft({ strategy: 'random', parameters: [{ path: 'learningRate', kind: 'logUniform', values: '', min: '0.0001', max: '0.1' }, { path: 'layers.0.units', kind: 'intRange', values: '', min: '8', max: '64' }] }));

    expect(built.ok && built.request.parameters).toEqual({ learningRate: { logUniform: { min: 0.0001, max: 0.1 } }, 'layers.0.units': { intRange: { min: 8, max: 64 } } });
  });

  it('refuses a range in a grid, a bad value and a setting varied twice, on the parameters field', () => {
    expect(buildSweepRequest(baseJob, draft({ parameters: [{ path: 'epochs', kind: 'intRange', values: '', min: '1', max: '5' }] }))).toEqual({
      ok: false,
      errors: { parameters: 'epochs: a grid takes lists of values; use the random strategy for ranges' },
    });
    expect(buildSweepRequest(baseJob, draft({ parameters: [{ path: 'batchSize', kind: 'values', values: '16, big', min: '', max: '' }] }))).toMatchObject({ errors: { parameters: 'batchSize: not a number: big' } });
    const twice = { path: 'seed', kind: 'values' as const, values: '1', min: '', max: '' };
    expect(buildSweepRequest(baseJob, draft({ parameters: [twice, twice] }))).toMatchObject({ errors: { parameters: 'seed is varied twice' } });
  });

  it('checks the counts and the objective', () => {
    expect(buildSweepRequest(baseJob, draft({ maxRuns: '0', parallelism: '64', metric: ' ' }))).toEqual({
      ok: false,
      errors: { maxRuns: 'must be a whole number from 1 to 500', parallelism: 'must be a whole number from 1 to 32', objective: 'name the metric that picks the best trial, e.g. test_accuracy' },
    });
  });
});

describe('sweep form helpers', () => {
  it('sizes a grid as the product of its lists', () => {
    expect(gridSize([{ path: 'learningRate', kind: 'values', values: '1, 2, 3', min: '', max: '' }, { path: 'optimizer', kind: 'values', values: 'adam, sgd', min: '', max: '' }])).toBe(6);
    expect(gridSize([{ path: 'learningRate', kind: 'uniform', values: '', min: '0', max: '1' }])).toBeNull();
    expect(parseSweepValues('optimizer', 'adam,  rmsprop ')).toEqual(['adam', 'rmsprop']);
  });

  it('puts server problems on the sweep fields, and the base job problems on the job fields', () => {
    expect(sweepFormErrors([
      { field: 'base.data.target', message: 'not in the data' },
      { field: 'parameters', message: 'a grid sweep takes lists of values' },
      { field: 'objective.metric', message: 'required' },
      { field: 'model.topology', message: 'trial 2: the input shape does not fit' },
    ])).toEqual({ target: 'not in the data', parameters: 'a grid sweep takes lists of values', objective: 'required', topology: 'trial 2: the input shape does not fit' });
  });
});

describe('a sweep on the page', () => {
  const trial = (index: number, objective: number | null, status: Sweep['trials'][number]['status'] = 'completed') => ({ index, params: { learningRate: index / 10 }, status, jobId: null, runId: `run-${index}`, objective });
  const sweep = { trials: [trial(0, 0.7), trial(1, 0.9), trial(2, null, 'failed'), trial(3, 0.8), trial(4, null, 'running')], best: trial(1, 0.9), objective: { metric: 'test_accuracy', goal: 'maximize' as const } };

  it('counts finished trials for the progress bar', () => {
    expect(sweepProgress(sweep)).toEqual({ finished: 4, total: 5, percent: 80 });
  });

  it('gives a bar per trial and marks the best', () => {
    expect(trialObjectiveRows(sweep).map((row) => [row.trial, row.objective, row.best])).toEqual([
      ['#1', 0.7, false],
      ['#2', 0.9, true],
      ['#3', null, false],
      ['#4', 0.8, false],
      ['#5', null, false],
    ]);
  });

  it('picks the runs of the best finished trials to compare, best first', () => {
    expect(bestRunIds(sweep, 2)).toEqual(['run-1', 'run-3']);
    expect(bestRunIds({ ...sweep, objective: { metric: 'test_loss', goal: 'minimize' } }, 2)).toEqual(['run-0', 'run-3']);
  });
});
