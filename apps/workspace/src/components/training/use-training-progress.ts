'use client';

import type { EvaluationMetrics, Job, JobDetails } from '@galley/contracts';
import type { JobStreamEvent } from '@galley/sdk';
import { useEffect, useRef, useState } from 'react';
import { errorMessage, galleyApi } from '../../lib/galley-api';
import { isCurveKey, mergeEpoch, mergePoints } from '../../lib/training-curves';
import type { MetricSeries } from '../../lib/training-curves';

export interface TrainingProgress {
  /** The job as its stream last described it; null for a run without a job, or before the snapshot. */
  job: Job | JobDetails | null;
  /** The job's spec (data, model, fit) from the latest snapshot. */
  details: JobDetails | null;
  /** The run the curves belong to (known once a trainer claimed the job). */
  runId: string | null;
  series: MetricSeries;
  evaluation: EvaluationMetrics | null;
  /** The stream or the history could not be read; what is on screen may be stale. */
  problem: string | null;
  /** True while the job's event stream is open. */
  streaming: boolean;
}

/** How often a run logged from outside (no job, no event stream) is read again while it is running. */
const EXTERNAL_RUN_POLL_MS = 5_000;

/**
 * A run's metric curves, kept current: with a job, its event stream is opened first and the stored
 * history read at each snapshot (so nothing between the two is lost and overlapping epochs merge by
 * step), then every epoch is added as it arrives; without one, the history is read (again every few
 * seconds while the run is running). `onFinished` is called once when a watched job ends.
 */
export function useTrainingProgress({ runId, jobId, onFinished }: { runId: string | null; jobId: string | null; onFinished?: (job: Job) => void }): TrainingProgress {
  const [job, setJob] = useState<Job | JobDetails | null>(null);
  const [details, setDetails] = useState<JobDetails | null>(null);
  const [knownRunId, setKnownRunId] = useState<string | null>(runId);
  const [series, setSeries] = useState<MetricSeries>({});
  const [evaluation, setEvaluation] = useState<EvaluationMetrics | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [streaming, setStreaming] = useState(false);
  const finishedRef = useRef(onFinished);
  finishedRef.current = onFinished;

  useEffect(() => {
    const controller = new AbortController();
    const { signal } = controller;
    let loadedFor: string | null = null;
    setSeries({});
    setJob(null);
    setDetails(null);
    setEvaluation(null);
    setProblem(null);

    /** Reads every curve the run has stored so far and merges it in; returns the run's status. */
    const loadHistory = async (id: string) => {
      loadedFor = id;
      setKnownRunId(id);
      try {
        const run = await galleyApi.training.getRun(id);
        const histories = await Promise.all(Object.keys(run.metrics).filter(isCurveKey).map((key) => galleyApi.training.metricHistory(id, key)));
        if (signal.aborted) return null;
        setSeries((current) => histories.reduce((merged, history) => mergePoints(merged, history.key, history.points), current));
        return run.status;
      } catch (error) {
        if (!signal.aborted) setProblem(`The stored metrics could not be read: ${errorMessage(error)}`);
        return null;
      }
    };

    const onEvent = (event: JobStreamEvent) => {
      switch (event.type) {
        case 'epoch':
          setSeries((current) => mergeEpoch(current, event.log));
          setJob((current) => (current && event.log.epoch > current.epoch ? { ...current, epoch: event.log.epoch } : current));
          if (loadedFor === null) void loadHistory(event.runId);
          return;
        case 'snapshot':
          setJob(event.job);
          setDetails(event.job);
          if (event.job.evaluation) setEvaluation(event.job.evaluation);
          // Each (re)connection's snapshot: whatever was logged before it is in the history now.
          {
            const id = event.job.runId ?? runId;
            if (id) void loadHistory(id);
          }
          return;
        case 'completed':
          setJob(event.job);
          setEvaluation(event.evaluation);
          return;
        case 'queued':
        case 'started':
        case 'retrying':
        case 'failed':
        case 'cancelled':
          setJob(event.job);
          if (loadedFor === null && event.job.runId) void loadHistory(event.job.runId);
          return;
      }
    };

    if (jobId) {
      setStreaming(true);
      galleyApi.training
        .watchJob(jobId, { signal, onEvent })
        .then(
          (outcome) => {
            if (signal.aborted) return;
            setJob(outcome.job);
            if (outcome.evaluation) setEvaluation(outcome.evaluation);
            finishedRef.current?.(outcome.job);
          },
          (error: unknown) => {
            if (signal.aborted) return;
            setProblem(`Live progress stopped: ${errorMessage(error)}`);
            // Without the stream the curves can still be read as they were stored.
            const id = loadedFor ?? runId;
            if (id) void loadHistory(id);
          },
        )
        .finally(() => {
          if (!signal.aborted) setStreaming(false);
        });
    } else if (runId) {
      setStreaming(false);
      const poll = async () => {
        if (signal.aborted) return;
        const status = await loadHistory(runId);
        if (!signal.aborted && status === 'running') setTimeout(() => void poll(), EXTERNAL_RUN_POLL_MS);
      };
      void poll();
    }
    return () => controller.abort();
  }, [runId, jobId]);

  return { job, details, runId: knownRunId ?? job?.runId ?? null, series, evaluation, problem, streaming };
}
