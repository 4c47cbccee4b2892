import { isFinished, materializationProgress, relativeAge } from './features-materialization';
import { aRun } from './features-view.test-builders';

describe('materialization progress', () => {
  it('is indeterminate until the run has counted the entities to write', () => {
    expect(materializationProgress(aRun({ entitiesTotal: null }))).toEqual({ percent: null, text: 'Reading the source…' });
  });

  it('is the share of entities written', () => {
    expect(materializationProgress(aRun({ entitiesTotal: 2000, entitiesWritten: 500 }))).toEqual({ percent: 25, text: '500 of 2,000 entities written' });
  });

  it('is complete when the run succeeded, even with nothing new to write', () => {
    const progress = materializationProgress(aRun({ status: 'succeeded', entitiesTotal: 0, entitiesWritten: 0, rowsScanned: 0 }));

    expect(progress.percent).toBe(100);
    expect(progress.text).toBe('Nothing new to write: the online store already held the latest values');
  });

  it('counts what a successful run wrote and read', () => {
    expect(materializationProgress(aRun({ status: 'succeeded', entitiesTotal: 3, entitiesWritten: 3, rowsScanned: 12 })).text).toBe('3 of 3 entities written (12 new rows read)');
  });

  it('stays where a failed run stopped', () => {
    expect(materializationProgress(aRun({ status: 'failed', entitiesTotal: 10, entitiesWritten: 4 })).percent).toBe(40);
  });

  it('is finished once the run is not running', () => {
    expect(isFinished(aRun())).toBe(false);
    expect(isFinished(aRun({ status: 'interrupted' }))).toBe(true);
  });
});

describe('the age of the newest value online', () => {
  const now = Date.parse('2025-03-10T12:00:00Z');

  it('says how long ago in the largest whole unit', () => {
    expect(relativeAge('2025-03-10T11:59:30Z', now)).toBe('30 s ago');
    expect(relativeAge('2025-03-10T09:00:00Z', now)).toBe('3 h ago');
    expect(relativeAge('2025-03-04T12:00:00Z', now)).toBe('6 d ago');
  });

  it('says so when the event time is ahead of this clock', () => {
    expect(relativeAge('2025-03-10T12:05:00Z', now)).toBe('in 5 min');
  });

  it('says nothing without a time', () => {
    expect(relativeAge(null, now)).toBe('');
  });
});
