'use client';

import type { ColumnSchema, Expectation, ExpectationSuite, ValidationReport } from '@galley/contracts';
import { useEffect, useState } from 'react';
import { describeExpectation, issuesByExpectation } from '../../lib/expectation-draft';
import { formatDateTime } from '../../lib/format';
import { errorMessage, galleyApi } from '../../lib/galley-api';
import { ProblemAlert } from '../problem-alert';
import { useApiResource } from '../use-api-resource';
import { ExpectationForm } from './expectation-form';
import { ValidationBadge, VersionStatusBadge } from './version-badges';

/**
 * The dataset's expectation suite, edited as a list and saved whole (PUT): every new version is
 * checked against it. After a save, the selected version can be checked again against the new suite.
 * Like the dataset's details, the suite is changed only by the owner or an admin.
 */
export function ExpectationsEditor({
  dataset,
  owner,
  canEdit,
  columns,
  selectedVersion,
  onRevalidated,
}: {
  dataset: string;
  owner: string;
  canEdit: boolean;
  columns: readonly ColumnSchema[];
  selectedVersion: number | null;
  onRevalidated: (report: ValidationReport) => void;
}) {
  const suite = useApiResource(`${dataset}:expectations`, () => galleyApi.getExpectations(dataset));
  const [draft, setDraft] = useState<Expectation[]>([]);
  const [dirty, setDirty] = useState(false);
  const [adding, setAdding] = useState(false);
  const [saving, setSaving] = useState(false);
  const [saveProblem, setSaveProblem] = useState<{ message: string; byIndex: Map<number, string[]> } | null>(null);
  const [saved, setSaved] = useState<ExpectationSuite | null>(null);
  const [revalidating, setRevalidating] = useState(false);
  const [revalidation, setRevalidation] = useState<{ report?: ValidationReport; problem?: string } | null>(null);

  // The stored suite replaces the draft only while nothing is being edited.
  useEffect(() => {
    if (suite.data && !dirty) setDraft(suite.data.expectations);
  }, [suite.data, dirty]);

  const change = (next: Expectation[]) => {
    setDraft(next);
    setDirty(true);
    setSaved(null);
    setRevalidation(null);
  };

  const save = async () => {
    setSaving(true);
    setSaveProblem(null);
    try {
      const stored = await galleyApi.putExpectations(dataset, draft);
      setSaved(stored);
      setDraft(stored.expectations);
      setDirty(false);
      suite.reload();
    } catch (error) {
      setSaveProblem({ message: errorMessage(error), byIndex: issuesByExpectation(error) });
    } finally {
      setSaving(false);
    }
  };

  const revalidate = async (version: number) => {
    setRevalidating(true);
    setRevalidation(null);
    try {
      const report = await galleyApi.revalidate(dataset, version);
      setRevalidation({ report });
      onRevalidated(report);
    } catch (error) {
      setRevalidation({ problem: errorMessage(error) });
    } finally {
      setRevalidating(false);
    }
  };

  const stored = suite.data;
  return (
    <section className="card section-stack" aria-labelledby="expectations-title">
      <div className="row-between">
        <div>
          <h2 id="expectations-title">Expectations</h2>
          <p className="muted small">
            Checked against every new version. A failing <strong>blocking</strong> expectation rejects the version; a failing <strong>warning</strong> is
            only reported.
            {stored && stored.revision > 0 ? ` Revision ${stored.revision}, by ${stored.updatedBy ?? '—'} on ${formatDateTime(stored.updatedAt)}.` : ''}
          </p>
        </div>
        {canEdit ? (
          <div className="inline-actions">
            {adding ? null : (
              <button type="button" className="button button-small" onClick={() => setAdding(true)}>
                Add expectation
              </button>
            )}
            <button type="button" className="button button-primary button-small" disabled={!dirty || saving} onClick={() => void save()}>
              {saving ? 'Saving…' : 'Save expectations'}
            </button>
          </div>
        ) : (
          <span className="muted small">Only the owner ({owner}) or an admin can change the expectations.</span>
        )}
      </div>

      <ProblemAlert message={suite.error} />
      {adding ? <ExpectationForm columns={columns} onAdd={(expectation) => change([...draft, expectation])} onCancel={() => setAdding(false)} /> : null}

      {draft.length === 0 ? (
        <p className="muted">{suite.loading && !stored ? 'Loading the suite…' : 'No expectations: every version is accepted as it is.'}</p>
      ) : (
        <ul className="result-list" aria-label="Expectation suite">
          {draft.map((expectation, index) => {
            const description = describeExpectation(expectation);
            const issues = saveProblem?.byIndex.get(index) ?? [];
            return (
              <li key={`${index}:${description}`} className="expectation-row" aria-label={description}>
                <div>
                  <p>
                    <span className="mono strong">{description}</span>{' '}
                    <span className={expectation.severity === 'blocking' ? 'badge badge-neutral' : 'badge badge-warn'}>{expectation.severity}</span>
                  </p>
                  {expectation.description ? <p className="muted small">{expectation.description}</p> : null}
                  {issues.map((issue) => (
                    <p key={issue} className="field-error">
                      {issue}
                    </p>
                  ))}
                </div>
                {canEdit ? (
                  <button
                    type="button"
                    className="button button-small button-ghost"
                    aria-label={`Remove ${description}`}
                    onClick={() => change(draft.filter((_, other) => other !== index))}
                  >
                    Remove
                  </button>
                ) : null}
              </li>
            );
          })}
        </ul>
      )}

      {dirty ? <p className="muted small">Unsaved changes: new versions are checked against the saved suite until you save.</p> : null}
      <ProblemAlert message={saveProblem?.message} />
      {saved ? (
        <div role="status" className="alert alert-success inline-actions">
          <span>
            Expectations saved (revision {saved.revision}). New uploads are checked against them.
            {selectedVersion === null ? '' : ` Version ${selectedVersion} was checked against the previous suite.`}
          </span>
          {selectedVersion === null ? null : (
            <button type="button" className="button button-small" disabled={revalidating} onClick={() => void revalidate(selectedVersion)}>
              {revalidating ? 'Revalidating…' : `Revalidate version ${selectedVersion}`}
            </button>
          )}
        </div>
      ) : null}
      {revalidation?.report ? (
        <p role="status" className="inline-actions">
          Version {revalidation.report.version} revalidated: <VersionStatusBadge status={revalidation.report.status} />
          <ValidationBadge outcome={revalidation.report.outcome} />
        </p>
      ) : null}
      <ProblemAlert message={revalidation?.problem} />
    </section>
  );
}
