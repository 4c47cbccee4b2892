import { formatCount, formatPercent, shortenText } from '../../lib/format';
import { confusionCells, heatColor } from '../../lib/training-evaluation';

const CELL = 56;
const LABEL_WIDTH = 110;
const HEADER_HEIGHT = 64;

/**
 * The confusion matrix as a heatmap grid: a row per actual class, a column per predicted class, each
 * cell shaded by its share of the row (so the diagonal reads as each class's recall) and labelled
 * with its count. Drawn as SVG; every cell's title says it in words.
 */
export function ConfusionMatrix({ labels, matrix }: { labels: readonly string[]; matrix: readonly (readonly number[])[] }) {
  const cells = confusionCells(matrix);
  const width = LABEL_WIDTH + labels.length * CELL + 8;
  const height = HEADER_HEIGHT + labels.length * CELL + 8;
  const correct = matrix.reduce((sum, row, i) => sum + (row[i] ?? 0), 0);
  const total = matrix.reduce((sum, row) => sum + row.reduce((a, b) => a + b, 0), 0);
  return (
    <figure className="chart-figure" data-chart="confusion-matrix">
      <figcaption>
        Confusion matrix <span className="muted small">rows: actual · columns: predicted · {formatCount(correct)} of {formatCount(total)} on the diagonal</span>
      </figcaption>
      <div className="lineage-scroll">
        <svg width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={`Confusion matrix of ${labels.length} classes`} className="heatmap">
          {labels.map((label, i) => (
            <text key={`col-${label}`} x={LABEL_WIDTH + i * CELL + CELL / 2} y={HEADER_HEIGHT - 8} fontSize={11} textAnchor="start" transform={`rotate(-35 ${LABEL_WIDTH + i * CELL + CELL / 2} ${HEADER_HEIGHT - 8})`}>
              {shortenText(label, 12)}
            </text>
          ))}
          {labels.map((label, i) => (
            <text key={`row-${label}`} x={LABEL_WIDTH - 8} y={HEADER_HEIGHT + i * CELL + CELL / 2 + 4} fontSize={11} textAnchor="end">
              {shortenText(label, 16)}
            </text>
          ))}
          {cells.map((cell) => {
            const color = heatColor(cell.share);
            const x = LABEL_WIDTH + cell.predicted * CELL;
            const y = HEADER_HEIGHT + cell.actual * CELL;
            return (
              <g key={`${cell.actual}-${cell.predicted}`} data-cell={`${cell.actual},${cell.predicted}`} data-diagonal={cell.actual === cell.predicted}>
                <rect x={x} y={y} width={CELL - 2} height={CELL - 2} rx={4} fill={color.fill} stroke={cell.actual === cell.predicted ? '#312e81' : '#e4e7ee'} />
                <text x={x + (CELL - 2) / 2} y={y + (CELL - 2) / 2 + 4} fontSize={12} fontWeight={600} textAnchor="middle" fill={color.text}>
                  {formatCount(cell.count)}
                </text>
                <title>{`actual ${labels[cell.actual] ?? cell.actual}, predicted ${labels[cell.predicted] ?? cell.predicted}: ${formatCount(cell.count)} (${formatPercent(cell.share)} of the actual class)`}</title>
              </g>
            );
          })}
        </svg>
      </div>
    </figure>
  );
}
