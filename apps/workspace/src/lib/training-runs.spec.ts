import { formatMetricValue, jobProgress, orderedMetric, orderOptions, runColumns, statusBadge } from './training-runs';
import { aRun } from './training-test-builders';

describe('orderOptions', () => {
  it('offers newest and oldest first, then every metric both ways, test metrics first', () => {
    expect(orderOptions(['loss', 'test_accuracy', 'val_loss']).map((option) => option.value)).toEqual([
      '',
      'attributes.created_at asc',
      'metrics.test_accuracy desc',
      'metrics.test_accuracy asc',
      'metrics.val_loss desc',
      'metrics.val_loss asc',
      'metrics.loss desc',
      'metrics.loss asc',
    ]);
    expect(orderedMetric('metrics.val_loss asc')).toBe('val_loss');
    expect(orderedMetric('attributes.created_at asc')).toBeNull();
  });
});

describe('runColumns', () => {
  const a = aRun({ params: { learning_rate: 0.1, epochs: 10 }, metrics: { loss: 0.5, test_accuracy: 0.8, val_accuracy: 0.7 } });
  const b = aRun({ params: { learning_rate: 0.01, epochs: 10 }, metrics: { loss: 0.6, test_accuracy: 0.7 } });

  it('shows the ordered metric first, then test and validation metrics', () => {
    expect(runColumns([a, b], 'metrics.loss asc').metrics).toEqual(['loss', 'test_accuracy', 'val_accuracy']);
  });

  it('shows the params that tell the runs apart, or the first ones when all agree', () => {
    expect(runColumns([a, b], '').params).toEqual(['learning_rate']);
    expect(runColumns([a], '').params).toEqual(['epochs', 'learning_rate']);
  });
});

describe('job progress', () => {
  it('is indeterminate while queued, epochs done of all while running, full when completed', () => {
    expect(jobProgress({ status: 'queued', epoch: 0, epochs: 10 })).toEqual({ percent: null, text: 'waiting for a trainer' });
    expect(jobProgress({ status: 'running', epoch: 3, epochs: 10 })).toEqual({ percent: 30, text: 'epoch 3 of 10' });
    expect(jobProgress({ status: 'completed', epoch: 7, epochs: 10 }).percent).toBe(100);
  });

  it('says cancelling while a running job winds down', () => {
    expect(statusBadge('running', true).label).toBe('cancelling');
    expect(statusBadge('failed').className).toBe('badge badge-down');
  });

  it('shows metrics with four significant digits', () => {
    expect(formatMetricValue(0.812345)).toBe('0.8123');
    expect(formatMetricValue(undefined)).toBe('—');
  });
});
