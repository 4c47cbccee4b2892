import { compareHref, comparedCurveKeys, environmentDiff, paramDiff, parseCompareIds, runLabels, testMetricRows, toggleSelection } from './training-compare';
import { aRun } from './training-test-builders';

const first = aRun({ name: 'lr-0.1', params: { learning_rate: 0.1, epochs: 10, optimizer: 'adam' }, environment: { dataVersion: 'dataset:w@1', backend: 'wasm' }, metrics: { loss: 0.4, val_loss: 0.5, test_accuracy: 0.8, test_rows: 292 } });
const second = aRun({ name: 'lr-0.01', params: { learning_rate: 0.01, epochs: 10 }, environment: { dataVersion: 'dataset:w@1', backend: 'wasm' }, metrics: { loss: 0.6, accuracy: 0.7, test_accuracy: 0.74, test_rows: 292 } });

describe('paramDiff', () => {
  it('lists every param of any run and marks the rows where the runs differ', () => {
    expect(paramDiff([first, second])).toEqual([
      { key: 'epochs', values: ['10', '10'], differs: false },
      { key: 'learning_rate', values: ['0.1', '0.01'], differs: true },
      { key: 'optimizer', values: ['adam', '—'], differs: true },
    ]);
  });

  it('compares the environments the same way', () => {
    expect(environmentDiff([first, second]).every((row) => !row.differs)).toBe(true);
  });
});

describe('what is plotted when comparing', () => {
  it('overlays every curve any run logged, loss first', () => {
    expect(comparedCurveKeys([first, second])).toEqual(['loss', 'accuracy', 'val_loss']);
  });

  it('groups test metrics by metric with one bar per run, leaving out the row count', () => {
    expect(testMetricRows([first, second])).toEqual([{ metric: 'accuracy', [first.id]: 0.8, [second.id]: 0.74 }]);
  });

  it('labels runs by name, adding a short id where names repeat', () => {
    const twin = aRun({ name: 'lr-0.1' });
    expect(runLabels([first, twin, second])).toEqual({ [first.id]: `lr-0.1 (${first.id.slice(0, 8)})`, [twin.id]: `lr-0.1 (${twin.id.slice(0, 8)})`, [second.id]: 'lr-0.01' });
  });
});

describe('choosing runs to compare', () => {
  const ids = Array.from({ length: 6 }, () => aRun().id);

  it('toggles a run and refuses a sixth', () => {
    const five = ids.slice(0, 5).reduce<string[]>((selected, id) => toggleSelection(selected, id), []);
    expect(toggleSelection(five, ids[5])).toEqual(five);
    expect(toggleSelection(five, ids[0])).toEqual(ids.slice(1, 5));
  });

  it('reads 2 to 5 run ids from the link and explains any other', () => {
    expect(parseCompareIds(compareHref(ids.slice(0, 2)).split('ids=')[1])).toEqual({ ids: ids.slice(0, 2), problem: null });
    expect(parseCompareIds(`${ids[0]},${ids[0]}`).problem).toBe('compare 2 to 5 runs (this link names 1)');
    expect(parseCompareIds(ids.join(',')).problem).toBe('compare 2 to 5 runs (this link names 6)');
    expect(parseCompareIds(`${ids[0]},../etc`).problem).toBe('not a run id: ../etc');
    expect(parseCompareIds(null).problem).toBe('compare 2 to 5 runs (this link names 0)');
  });
});
