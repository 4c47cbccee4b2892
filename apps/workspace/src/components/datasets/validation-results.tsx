import type { ExpectationResult, ValidationReport } from '@galley/contracts';
import { describeExpectation } from '../../lib/expectation-draft';
import { formatCell, formatCount, formatDateTime } from '../../lib/format';
import { ValidationBadge, VersionStatusBadge } from './version-badges';

/** The report of one version against the expectation suite: each expectation, and why it failed. */
export function ValidationResults({ report }: { report: ValidationReport }) {
  return (
    <div className="section-stack">
      <p className="inline-actions">
        <VersionStatusBadge status={report.status} />
        <ValidationBadge outcome={report.outcome} />
        <span className="muted small">
          checked against suite revision {report.suiteRevision} on {formatDateTime(report.validatedAt)}
        </span>
      </p>
      {report.results.length === 0 ? (
        <p className="muted">No expectations were checked: the suite was empty when this version was validated.</p>
      ) : (
        <ul className="result-list" aria-label="Expectation results">
          {report.results.map((result, index) => (
            <ExpectationResultItem key={index} result={result} />
          ))}
        </ul>
      )}
    </div>
  );
}

function ExpectationResultItem({ result }: { result: ExpectationResult }) {
  const { expectation } = result;
  const description = describeExpectation(expectation);
  return (
    <li className="result-item" data-success={result.success} data-severity={expectation.severity} aria-label={description}>
      <div className="row-between">
        <p>
          <span className={result.success ? 'badge badge-up' : expectation.severity === 'blocking' ? 'badge badge-down' : 'badge badge-warn'}>
            {result.success ? 'passed' : 'failed'}
          </span>{' '}
          <span className="mono strong">{description}</span>
        </p>
        <span className={expectation.severity === 'blocking' ? 'badge badge-neutral' : 'badge badge-warn'}>{expectation.severity}</span>
      </div>
      {expectation.description ? <p className="muted small">{expectation.description}</p> : null}
      <p className="small">
        Observed: <span className="mono">{formatObserved(result.observed)}</span>
        {result.unexpectedCount !== null ? <> · {formatCount(result.unexpectedCount)} unexpected rows</> : null}
      </p>
      {result.failingExamples.length > 0 ? (
        <table className="table examples-table" aria-label={`Failing examples of ${description}`}>
          <thead>
            <tr>
              <th scope="col" className="numeric" title="0-based position of the row in the file, as in the rows preview">
                Row
              </th>
              <th scope="col">Value</th>
            </tr>
          </thead>
          <tbody>
            {result.failingExamples.map((example) => (
              <tr key={example.row}>
                <td className="numeric">{example.row}</td>
                <td className="mono">{formatCell(example.value)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </li>
  );
}

/** `min 0.01, max 999.5` rather than JSON braces; anything else as a cell would show it. */
function formatObserved(observed: unknown): string {
  if (observed === undefined) return '—';
  if (observed !== null && typeof observed === 'object' && !Array.isArray(observed)) {
    return Object.entries(observed as Record<string, unknown>)
      .map(([key, value]) => `${key} ${formatCell(value)}`)
      .join(', ');
  }
  return formatCell(observed);
}
