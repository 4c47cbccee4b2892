'use client';

import type { FeatureViewFreshness, Materialization } from '@galley/contracts';
import { useEffect, useState } from 'react';
import { formatCount, formatDateTime } from '../../lib/format';
import { MATERIALIZATION_POLL_MS, isFinished, materializationProgress, relativeAge } from '../../lib/features-materialization';
import { errorMessage, galleyApi } from '../../lib/galley-api';
import { ProblemAlert } from '../problem-alert';
import { ProgressBar } from '../progress-bar';

const STATUS_CLASS: Record<Materialization['status'], string> = {
  running: 'badge badge-accent',
  succeeded: 'badge badge-up',
  failed: 'badge badge-down',
  interrupted: 'badge badge-warn',
};

/** A failed poll is retried less eagerly, so a restarting service is not hammered. */
const RETRY_POLL_MS = 2_000;

/**
 * How fresh the online values are (last materialization, newest event time, entities online), and
 * the action that refreshes them: a materialization runs in the background and is followed here by
 * polling, its bar filling as entities are written. A run already going when the page opens is
 * followed too.
 */
export function FreshnessPanel({
  view,
  freshness,
  canMaterialize,
  onMaterialized,
}: {
  view: string;
  freshness: FeatureViewFreshness | null;
  canMaterialize: boolean;
  /** A run finished: freshness, and anything read from the online store, are stale. */
  onMaterialized: () => void;
}) {
  const [run, setRun] = useState<Materialization | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);
  const last = freshness?.lastMaterialization ?? null;

  // Follow a run someone else started, as if it had been started here.
  useEffect(() => {
    if (last?.status === 'running') setRun((current) => current ?? last);
  }, [last]);

  const runId = run?.id ?? null;
  const running = run !== null && !isFinished(run);
  useEffect(() => {
    if (!runId || !running) return;
    let current = true;
    let timer: ReturnType<typeof setTimeout>;
    const poll = (delay: number) => {
      timer = setTimeout(() => {
        galleyApi.features.getMaterialization(runId).then(
          (next) => {
            if (!current) return;
            setProblem(null);
            setRun(next);
            if (isFinished(next)) onMaterialized();
            else poll(MATERIALIZATION_POLL_MS);
          },
          (error: unknown) => {
            if (!current) return;
            setProblem(`Could not read the progress: ${errorMessage(error)}. Trying again…`);
            poll(RETRY_POLL_MS);
          },
        );
      }, delay);
    };
    poll(MATERIALIZATION_POLL_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [runId, running, onMaterialized]);

  const materialize = async () => {
    setStarting(true);
    setProblem(null);
    try {
      const started = await galleyApi.features.materialize(view);
      setRun(started);
      if (isFinished(started)) onMaterialized();
    } catch (error) {
      setProblem(errorMessage(error));
    } finally {
      setStarting(false);
    }
  };

  const progress = run ? materializationProgress(run) : null;

  return (
    <div className="section-stack">
      {freshness ? (
        <dl className="facts">
          <div>
            <dt>Last materialized</dt>
            <dd>
              {last ? (
                <>
                  {formatDateTime(last.finishedAt ?? last.startedAt)} <span className={STATUS_CLASS[last.status]}>{last.status}</span>
                  <span className="small muted feature-subline">
                    from {last.source.dataset}@{last.source.version}, revision {last.viewRevision}
                  </span>
                </>
              ) : (
                'never'
              )}
            </dd>
          </div>
          <div>
            <dt>Newest event time</dt>
            <dd>
              {formatDateTime(freshness.newestEventTimestamp)}
              {freshness.newestEventTimestamp ? <span className="small muted feature-subline">{relativeAge(freshness.newestEventTimestamp, Date.now())}</span> : null}
            </dd>
          </div>
          <div>
            <dt>Entities online</dt>
            <dd>{formatCount(freshness.onlineEntities)}</dd>
          </div>
        </dl>
      ) : null}

      {canMaterialize ? (
        <div className="inline-actions">
          <button type="button" className="button button-primary" disabled={starting || running} onClick={() => void materialize()}>
            {running ? 'Materializing…' : starting ? 'Starting…' : 'Materialize'}
          </button>
          <span className="muted small">Writes the latest value of every entity to the online store; only what changed since the last run is written.</span>
        </div>
      ) : (
        <p className="muted small">Materializing needs the data-scientist role.</p>
      )}

      {run && progress ? (
        <div className="section-stack materialization" data-status={run.status}>
          <ProgressBar label="Materialization progress" percent={progress.percent} valueText={progress.text} />
          <p role="status" className="small">
            <span className={STATUS_CLASS[run.status]}>{run.status}</span> {progress.text}
            {run.status === 'running' ? null : run.finishedAt ? ` · finished ${formatDateTime(run.finishedAt)}` : null}
          </p>
          {run.error ? <ProblemAlert message={`The materialization ${run.status}: ${run.error}`} /> : null}
        </div>
      ) : null}
      <ProblemAlert message={problem} />
    </div>
  );
}
