/**
 * Dataset files for the browser tests, generated rather than checked in: a few megabytes of CSV make
 * the upload progress visible, and a known bad value at a known row makes a failing expectation
 * point at that row.
 */

const SPECIES = ['setosa', 'versicolor', 'virginica'] as const;

export interface MeasurementsCsvOptions {
  rows: number;
  /** Same seed, same bytes: uploading the same file twice is a no-op for the catalog. */
  seed?: number;
  /** Prices forced at 0-based data rows, e.g. `{ 3: 250 }` to break a 0–100 range at row 3. */
  priceAt?: Record<number, number>;
  /** A column whose name no other test uses, to find the dataset by searching for it. */
  extraColumn?: string;
}

/** `id,price,species` with prices in [0, 100) and three species, as CSV bytes. */
export function measurementsCsv(options: MeasurementsCsvOptions): Buffer {
  const random = seededRandom(options.seed ?? 1);
  const header = ['id', 'price', 'species', ...(options.extraColumn ? [options.extraColumn] : [])].join(',');
  const lines = [header];
  for (let row = 0; row < options.rows; row += 1) {
    const price = options.priceAt?.[row] ?? Math.floor(random() * 10_000) / 100;
    const species = SPECIES[Math.floor(random() * SPECIES.length)];
    const cells = [String(row), price.toFixed(2), species, ...(options.extraColumn ? [String(row % 7)] : [])];
    lines.push(cells.join(','));
  }
  return Buffer.from(`${lines.join('\n')}\n`, 'utf8');
}

/** mulberry32: tiny, deterministic, good enough for test data. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
