import type { SubmitJobRequest } from '@galley/contracts';
import { applyTrial, planTrials } from './trial-plan';

const base = {
  source: { dataset: 'weather', version: 1 },
  data: { task: 'classification', target: 'weather', features: [{ name: 'wind' }], testFraction: 0.2, standardizeTarget: true },
  model: {
    topology: JSON.stringify({ class_name: 'Sequential', config: { layers: [{ class_name: 'Dense', config: { units: 16 } }, { class_name: 'Dense', config: { units: 5 } }] } }),
    compile: { optimizer: { name: 'adam', learningRate: 0.01 }, loss: 'categoricalCrossentropy', metrics: [] },
    fit: { epochs: 5, batchSize: 32, validationSplit: 0 },
  },
  seed: 1,
  resources: { timeoutSeconds: 60, maxAttempts: 1 },
} as unknown as Omit<SubmitJobRequest, 'experiment'>;

describe('planTrials', () => {
  it('takes the cartesian product of a grid in a fixed order, cut at maxRuns', () => {
    const grid = planTrials({ learningRate: { values: [0.1, 0.01] }, batchSize: { values: [16, 32, 64] } }, 'grid', 5, 0);
    expect(grid).toEqual([
      { batchSize: 16, learningRate: 0.1 },
      { batchSize: 16, learningRate: 0.01 },
      { batchSize: 32, learningRate: 0.1 },
      { batchSize: 32, learningRate: 0.01 },
      { batchSize: 64, learningRate: 0.1 },
    ]);
  });

  it('draws random trials inside their ranges, the same for the same seed', () => {
    const parameters = { learningRate: { logUniform: { min: 1e-4, max: 1e-1 } }, 'layers.0.units': { intRange: { min: 4, max: 8 } }, optimizer: { values: ['adam', 'sgd'] } };
    const trials = planTrials(parameters, 'random', 50, 7);
    expect(trials).toHaveLength(50);
    for (const trial of trials) {
      expect(trial['learningRate']).toBeGreaterThanOrEqual(1e-4);
      expect(trial['learningRate']).toBeLessThanOrEqual(1e-1);
      expect([4, 5, 6, 7, 8]).toContain(trial['layers.0.units']);
      expect(['adam', 'sgd']).toContain(trial['optimizer']);
    }
    expect(planTrials(parameters, 'random', 50, 7)).toEqual(trials);
    expect(planTrials(parameters, 'random', 50, 8)).not.toEqual(trials);
    expect(new Set(trials.map((trial) => trial['layers.0.units'])).size).toBe(5);
  });
});

describe('applyTrial', () => {
  it('sets the named settings and layer units without touching the base', () => {
    const job = applyTrial(base, 'sweeps', { learningRate: 0.5, batchSize: 8, epochs: 3, seed: 9, optimizer: 'sgd', 'layers.0.units': 32 }, 'trial-1');
    expect(job).toMatchObject({ experiment: 'sweeps', name: 'trial-1', seed: 9, model: { compile: { optimizer: { name: 'sgd', learningRate: 0.5 } }, fit: { batchSize: 8, epochs: 3 } } });
    expect(JSON.parse(job.model.topology as string).config.layers[0].config.units).toBe(32);
    expect(JSON.parse(base.model.topology as string).config.layers[0].config.units).toBe(16);
    expect(base.model.compile.optimizer.learningRate).toBe(0.01);
  });

  it('refuses a layer that has no units', () => {
    expect(() => applyTrial(base, 'sweeps', { 'layers.7.units': 3 }, 't')).toThrow(/no units/);
  });
});
