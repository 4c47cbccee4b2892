import type { Materialization } from '@galley/contracts';

/** How often the page asks how a running materialization is doing. */
export const MATERIALIZATION_POLL_MS = 500;

export interface MaterializationProgress {
  /** 0–100, or null while nobody can say (the source is still being read). */
  percent: number | null;
  /** What the bar's aria-valuetext and the caption say. */
  text: string;
}

/**
 * The progress bar of a run: entities written of entities to write. Until the run has counted what to
 * write, the bar is indeterminate; a finished run with nothing to write is complete, not at 0 %.
 */
export function materializationProgress(run: Materialization): MaterializationProgress {
  const total = run.entitiesTotal;
  const written = `${run.entitiesWritten.toLocaleString('en-US')}`;
  if (run.status === 'succeeded') {
    if ((total ?? 0) === 0 && run.entitiesWritten === 0) return { percent: 100, text: 'Nothing new to write: the online store already held the latest values' };
    const entities = total ?? run.entitiesWritten;
    return {
      percent: 100,
      text: `${written} of ${entities.toLocaleString('en-US')} entities written (${run.rowsScanned.toLocaleString('en-US')} new rows read)`,
    };
  }
  if (total === null) return { percent: run.status === 'running' ? null : 0, text: run.status === 'running' ? 'Reading the source…' : `${written} entities written` };
  const percent = total === 0 ? (run.status === 'running' ? 0 : 100) : Math.min(100, (run.entitiesWritten / total) * 100);
  return { percent, text: `${written} of ${total.toLocaleString('en-US')} entities written` };
}

/** A run that will not change any more. */
export function isFinished(run: Materialization): boolean {
  return run.status !== 'running';
}

/** `3 h ago`, `2 d ago`, `in 5 min` (a clock ahead of the server's): how old the newest value online is. */
export function relativeAge(iso: string | null, nowMs: number): string {
  if (!iso) return '';
  const then = Date.parse(iso);
  if (Number.isNaN(then)) return '';
  const seconds = Math.round((nowMs - then) / 1000);
  const ahead = seconds < 0;
  const abs = Math.abs(seconds);
  const [amount, unit] =
    abs < 60 ? [abs, 's'] : abs < 3600 ? [Math.floor(abs / 60), 'min'] : abs < 86_400 ? [Math.floor(abs / 3600), 'h'] : [Math.floor(abs / 86_400), 'd'];
  return ahead ? `in ${amount} ${unit}` : `${amount} ${unit} ago`;
}
