import type { ExpectationInput } from '@galley/contracts';

/** One public dataset `npm start` puts in the catalog, from the vega-datasets package. */
export interface DemoDataset {
  name: string;
  description: string;
  tags: string[];
  /** The file in vega-datasets' data/ folder. */
  sourceFile: string;
  /** A JSON array is converted to JSON Lines first; CSV is uploaded as it is. */
  conversion: 'none' | 'json-array-to-jsonl';
  /** Chosen to pass on the shipped file, so the demo shows a validated, accepted version. */
  expectations: ExpectationInput[];
}

/** The tag every demo dataset carries; a same-named dataset without it is someone's own and left alone. */
export const DEMO_TAG = 'demo';

export const DEMO_DATASETS: readonly DemoDataset[] = [
  {
    name: 'seattle-weather',
    description:
      'Daily weather in Seattle, 2012-2015: precipitation (mm), maximum and minimum temperature (°C), wind, and a weather category. ' +
      'Source: NOAA National Climatic Data Center via the vega-datasets package (U.S. Government work).',
    tags: [DEMO_TAG, 'weather', 'time-series', 'vega-datasets'],
    sourceFile: 'seattle-weather.csv',
    conversion: 'none',
    expectations: [
      { kind: 'not_null', column: 'date', description: 'every row is one day' },
      { kind: 'unique', column: 'date', description: 'one row per day' },
      { kind: 'between', column: 'temp_max', min: -30, max: 50, description: 'plausible for Seattle, in °C' },
      { kind: 'between', column: 'precipitation', min: 0, description: 'rain cannot be negative' },
      { kind: 'in_set', column: 'weather', values: ['drizzle', 'rain', 'snow', 'sun', 'fog'] },
    ],
  },
  {
    name: 'penguins',
    description:
      'Body measurements of 344 penguins of three species on three islands of the Palmer Archipelago, Antarctica. ' +
      'Source: Palmer Station LTER and Allison Horst (palmerpenguins, CC0) via the vega-datasets package.',
    tags: [DEMO_TAG, 'biology', 'classification', 'vega-datasets'],
    sourceFile: 'penguins.json',
    conversion: 'json-array-to-jsonl',
    expectations: [
      { kind: 'in_set', column: 'Species', values: ['Adelie', 'Chinstrap', 'Gentoo'] },
      { kind: 'in_set', column: 'Island', values: ['Biscoe', 'Dream', 'Torgersen'] },
      // Two birds were never measured: a warning, not a rejection.
      { kind: 'not_null', column: 'Body Mass (g)', maxNullFraction: 0.01, severity: 'warning' },
    ],
  },
];
