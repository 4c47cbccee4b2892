import { aClassificationEvaluation, aRegressionEvaluation } from '../training/training.test-builders';
import { formatEvaluation } from './format-evaluation';

describe('formatEvaluation', () => {
  it('shows a classification: summary metrics, a per-class table and the confusion matrix by label', () => {
    const lines = formatEvaluation(aClassificationEvaluation()).split('\n');

    expect(lines[0]).toBe('Evaluation on the test split (10 rows, classification)');
    expect(lines).toContain('  ROC AUC          0.9');
    expect(lines.find((line) => line.startsWith('rain '))).toMatch(/^rain\s+0\.8\s+1\s+0\.889\s+0\.95\s+4$/);
    const matrix = lines.slice(lines.indexOf('Confusion matrix (rows: actual, columns: predicted)') + 1);
    expect(matrix[0]).toMatch(/^ACTUAL \\ PREDICTED\s+rain\s+sun$/);
    expect(matrix[2]).toMatch(/^rain\s+4\s+0$/);
    expect(matrix[3]).toMatch(/^sun\s+1\s+5$/);
  });

  it('shows a regression: errors, R² and the residual quantiles', () => {
    const text = formatEvaluation(aRegressionEvaluation({ r2: null }));

    expect(text).toContain('  RMSE  2.03');
    expect(text).toContain('  R²    —');
    expect(text).toMatch(/P01\s+P05\s+P25\s+P50\s+P75\s+P95\s+P99\n[-\s]+\n-5\.2\s+-3\.4\s+-1\.1\s+0\.05\s+1\.2\s+3\.3\s+5\.6/);
  });
});
