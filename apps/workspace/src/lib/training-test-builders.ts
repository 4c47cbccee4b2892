// Builders of training contract values for the workspace's unit tests.
import type { ClassificationMetrics, Run } from '@galley/contracts';

let counter = 0;

/** A run with a fresh uuid-shaped id unless one is given. */
export function aRun(overrides: Partial<Run> = {}): Run {
  counter += 1;
  return {
    id: `00000000-0000-4000-8000-${String(counter).padStart(12, '0')}`,
    experiment: 'weather',
    name: 'mlp',
    status: 'completed',
    source: 'job',
    jobId: null,
    params: {},
    tags: {},
    environment: {},
    metrics: {},
    error: null,
    createdBy: 'ada',
    createdAt: '2025-03-04T05:06:00.000Z',
    startedAt: null,
    finishedAt: null,
    ...overrides,
  };
}

export function aClassification(overrides: Partial<ClassificationMetrics> = {}): ClassificationMetrics {
  return {
    task: 'classification',
    rows: 10,
    loss: 0.5,
    accuracy: 0.8,
    macroPrecision: 0.8,
    macroRecall: 0.8,
    macroF1: 0.8,
    rocAuc: 0.9,
    perClass: [
      { label: 'rain', precision: 0.8, recall: 1, f1: 0.889, support: 4, rocAuc: 0.95, rocCurve: { fpr: [0, 0, 1], tpr: [0, 1, 1] } },
      { label: 'sun', precision: 1, recall: 0.667, f1: 0.8, support: 6, rocAuc: 0.85, rocCurve: { fpr: [0, 0.5, 1], tpr: [0, 1, 1] } },
    ],
    confusionMatrix: [
      [4, 0],
      [2, 4],
    ],
    rocCurve: { fpr: [0, 0.5, 1], tpr: [0, 1, 1] },
    ...overrides,
  };
}
