'use client';

import type { EvaluationMetrics } from '@galley/contracts';
import { formatCount } from '../../lib/format';
import { formatMetricValue } from '../../lib/training-runs';
import { ConfusionMatrix } from './confusion-matrix';
import { PerClassChart, ResidualsChart, RocChart } from './evaluation-charts';

/** A completed job's evaluation on its held-out test split: the numbers, then the plots. */
export function EvaluationView({ evaluation }: { evaluation: EvaluationMetrics }) {
  switch (evaluation.task) {
    case 'classification': {
      const labels = evaluation.perClass.map((row) => String(row.label));
      return (
        <div className="section-stack">
          <dl className="facts facts-compact evaluation-facts">
            <Fact label="test rows" value={formatCount(evaluation.rows)} />
            <Fact label="accuracy" value={formatMetricValue(evaluation.accuracy)} />
            <Fact label="macro F1" value={formatMetricValue(evaluation.macroF1)} />
            <Fact label="macro precision" value={formatMetricValue(evaluation.macroPrecision)} />
            <Fact label="macro recall" value={formatMetricValue(evaluation.macroRecall)} />
            <Fact label="ROC AUC" value={formatMetricValue(evaluation.rocAuc)} />
            <Fact label="loss" value={formatMetricValue(evaluation.loss)} />
          </dl>
          <div className="evaluation-grid">
            <ConfusionMatrix labels={labels} matrix={evaluation.confusionMatrix} />
            <RocChart metrics={evaluation} />
          </div>
          <PerClassChart metrics={evaluation} />
        </div>
      );
    }
    case 'regression':
      return (
        <div className="section-stack">
          <dl className="facts facts-compact evaluation-facts">
            <Fact label="test rows" value={formatCount(evaluation.rows)} />
            <Fact label="RMSE" value={formatMetricValue(evaluation.rmse)} />
            <Fact label="MAE" value={formatMetricValue(evaluation.mae)} />
            <Fact label="R²" value={formatMetricValue(evaluation.r2)} />
            <Fact label="loss" value={formatMetricValue(evaluation.loss)} />
          </dl>
          <ResidualsChart metrics={evaluation} />
        </div>
      );
  }
}

function Fact({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}
