import { TrainingSpecSchema } from '@galley/contracts';
import { meanAndStd } from './preprocessing';
import { prepareData, splitSizes } from './prepare-data';
import { penguinRows, penguinSpec, schemaOf } from './training-spec.builder';
import { assertValidModelSpec } from './validate-model-spec';

const rows = penguinRows();
const schema = schemaOf(rows);
const prepare = (seed: number) => prepareData(rows, assertValidModelSpec(penguinSpec({ seed }), schema));

describe('prepareData', () => {
  it('splits test first, then validation from the rest, by the fractions asked', () => {
    expect(splitSizes(344, 0.2, 0.2)).toEqual({ test: 69, validation: 55, train: 220 });
    expect(splitSizes(3, 0.2, 0)).toEqual({ test: 1, validation: 0, train: 2 });
  });

  it('gives the same split and encoding for the same seed', async () => {
    const [a, b] = await Promise.all([prepare(7), prepare(7)]);
    expect(b.train.x).toEqual(a.train.x);
    expect(b.test.actual).toEqual(a.test.actual);
    expect(b.preprocessing).toEqual(a.preprocessing);
  });

  it('draws another split from another seed', async () => {
    const [a, b] = await Promise.all([prepare(7), prepare(8)]);
    expect(b.test.actual).not.toEqual(a.test.actual);
  });

  it('fits standardization on the training split only', async () => {
    const data = await prepare(7);
    const bill = data.preprocessing.features[0];
    expect(bill.kind).toBe('numeric');
    // Recover the training rows' raw bills from the standardized column; their mean is the fitted mean.
    const width = data.preprocessing.inputWidth;
    const all = meanAndStd(rows.map((row) => row['Beak Length (mm)']).filter((v): v is number => typeof v === 'number'));
    if (bill.kind !== 'numeric') return;
    const standardized = Array.from({ length: data.train.rows }, (_, r) => data.train.x[r * width]);
    const meanOfStandardized = standardized.reduce((sum, v) => sum + v, 0) / standardized.length;
    expect(Math.abs(meanOfStandardized)).toBeLessThan(0.01); // missing bills are imputed at 0 too
    expect(bill.mean).not.toBeCloseTo(all.mean, 6);
  });

  it('label-encodes the target with the sorted class list and one-hot rows for categoricalCrossentropy', async () => {
    const data = await prepare(7);
    expect(data.preprocessing.target).toEqual({ name: 'Species', task: 'classification', classes: ['Adelie', 'Chinstrap', 'Gentoo'] });
    expect(data.targetWidth).toBe(3);
    const first = data.train.actual[0];
    expect(Array.from(data.train.y.subarray(0, 3))).toEqual([0, 1, 2].map((c) => (c === first ? 1 : 0)));
  });

  it('drops rows without a target', async () => {
    const spec = TrainingSpecSchema.parse(penguinSpec());
    const unlabelled = [...rows, { ...rows[0], Species: null }];
    const data = await prepareData(unlabelled, assertValidModelSpec(spec, schema));
    expect(data.droppedRows).toBe(1);
    expect(data.train.rows + (data.validation?.rows ?? 0) + data.test.rows).toBe(rows.length);
  });

  it('reads rows from an async stream as from an array', async () => {
    async function* stream() {
      yield* rows;
    }
    const validated = assertValidModelSpec(penguinSpec({ seed: 7 }), schema);
    const [fromArray, fromStream] = await Promise.all([prepareData(rows, validated), prepareData(stream(), validated)]);
    expect(fromStream.test.x).toEqual(fromArray.test.x);
  });
});
