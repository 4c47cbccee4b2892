import { PassThrough } from 'node:stream';
import { aJob, aJobDetails, anEpochLog, JOB_ID, RUN_ID } from '../training/training.test-builders';
import type { JobStreamEvent } from '../training/training.client';
import { createJobProgress, epochMetricsText, formatMetric } from './job-progress';

const epoch = (n: number): JobStreamEvent => ({ type: 'epoch', jobId: JOB_ID, runId: RUN_ID, log: anEpochLog(n, 1 / n, { val_loss: 1.5 / n }) });

describe('job progress off a terminal', () => {
  it('prints at most one epoch line per interval, but always the first and the last epoch', () => {
    let text = '';
    let clock = 0;
    const progress = createJobProgress({ write: (line) => (text += line), intervalMs: 1000, now: () => clock });

    progress.event({ type: 'snapshot', job: aJobDetails({ epochs: 5 }) });
    for (const n of [1, 2, 3, 4, 5]) {
      clock += 400;
      progress.event(epoch(n));
    }

    expect(text.split('\n').filter((line) => line.includes('epoch')).map((line) => line.trim().split(' ')[1])).toEqual(['1/5', '4/5', '5/5']);
  });

  it('says each change of state once, however many snapshots repeat it', () => {
    let text = '';
    const progress = createJobProgress({ write: (line) => (text += line) });
    const running = aJob({ status: 'running', attempts: 1, trainerId: 'trainer-2', runId: RUN_ID });

    progress.event({ type: 'snapshot', job: aJobDetails() });
    progress.event({ type: 'snapshot', job: aJobDetails() });
    progress.event({ type: 'started', job: running });
    progress.event({ type: 'retrying', job: aJob({ status: 'queued', attempts: 1, error: 'trainer-2 went away' }) });

    expect(text.split('\n').filter(Boolean)).toEqual([
      '  queued: waiting for a trainer …',
      `  training on trainer-2 (attempt 1 of 3), run ${RUN_ID}`,
      '  attempt 1 of 3 failed (trainer-2 went away); queued again',
    ]);
  });

  it('skips an epoch it has already shown (a reconnection replays nothing twice)', () => {
    let text = '';
    const progress = createJobProgress({ write: (line) => (text += line), intervalMs: 0 });
    progress.event(epoch(1));
    progress.event(epoch(1));

    expect(text.match(/epoch 1\//g)).toHaveLength(1);
  });
});

describe('job progress on a terminal', () => {
  it('draws a bar over the epochs with the latest metrics', () => {
    const terminal = Object.assign(new PassThrough(), { isTTY: true });
    let drawn = '';
    terminal.on('data', (chunk: Buffer) => (drawn += chunk.toString()));
    const progress = createJobProgress({ terminal, write: () => undefined });

    progress.event({ type: 'snapshot', job: aJobDetails({ epochs: 4 }) });
    progress.event(epoch(2));
    progress.finish();

    expect(drawn).toContain('epoch 2/4 | loss 0.5  val_loss 0.75');
  });
});

describe('metric text', () => {
  it('names the loss first, then the other values in name order, to four significant digits', () => {
    expect(epochMetricsText(anEpochLog(3, 0.123456, { val_loss: 0.2, accuracy: 0.912345 }))).toBe('loss 0.1235  accuracy 0.9123  val_loss 0.2');
    expect(formatMetric(0.00001234)).toBe('1.23e-5');
  });
});
