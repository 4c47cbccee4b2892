import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import type { LogicalType, TrainingSpecInput } from '@galley/contracts';
import type { Row } from './preprocessing';
import type { DataColumn, DataSchema } from './validate-model-spec';

/** Test data for libs/ml specs: the demo datasets, their schemas, and training specs built by tfjs. */

// tfjs's cpu backend greets Node users with a banner on first use (PROD silences tfjs's warnings only).
tf.env().set('PROD', true);

const VEGA = join(__dirname, '..', '..', '..', 'node_modules', 'vega-datasets', 'data');

export const PENGUIN_NUMERIC = ['Beak Length (mm)', 'Beak Depth (mm)', 'Flipper Length (mm)', 'Body Mass (g)'];

/** 344 penguins; a few have no measurements and some have no sex (null or "."). */
export function penguinRows(): Row[] {
  return JSON.parse(readFileSync(join(VEGA, 'penguins.json'), 'utf8')) as Row[];
}

export const SEATTLE_WEATHER_CSV = join(VEGA, 'seattle-weather.csv');

/** 1461 days: precipitation, temperatures and wind, and the weather of the day (5 classes). */
export function seattleWeatherRows(): Row[] {
  const [header, ...lines] = readFileSync(SEATTLE_WEATHER_CSV, 'utf8').trim().split('\n');
  const names = header.split(',');
  return lines.map((line) => {
    const cells = line.split(',');
    return Object.fromEntries(names.map((name, i) => [name, name === 'date' || name === 'weather' ? cells[i] : Number(cells[i])]));
  });
}

/** A schema as the catalog would profile it: logical type and distinct non-null count per column. */
export function schemaOf(rows: readonly Row[]): DataSchema {
  const names = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  const columns = names.map((name): DataColumn => {
    const values = rows.map((row) => row[name]).filter((value) => value !== null && value !== undefined);
    const logicalType: LogicalType = values.every((value) => typeof value === 'number')
      ? values.every((value) => Number.isInteger(value))
        ? 'integer'
        : 'float'
      : values.every((value) => typeof value === 'boolean')
        ? 'boolean'
        : 'string';
    return { name, logicalType, distinctCount: new Set(values).size };
  });
  return { columns };
}

export interface DenseStackOptions {
  inputWidth: number;
  hidden?: number[];
  outputs: number;
  outputActivation: 'softmax' | 'sigmoid' | 'linear';
  dropout?: number;
}

/** The Keras JSON string tfjs gives for a stack of Dense layers (what a browser prototype submits). */
export function denseStackTopology({ inputWidth, hidden = [], outputs, outputActivation, dropout }: DenseStackOptions): string {
  const model = tf.sequential();
  hidden.forEach((units, i) => {
    model.add(tf.layers.dense({ units, activation: 'relu', ...(i === 0 ? { inputShape: [inputWidth] } : {}) }));
    if (dropout) model.add(tf.layers.dropout({ rate: dropout }));
  });
  model.add(tf.layers.dense({ units: outputs, activation: outputActivation, ...(hidden.length === 0 ? { inputShape: [inputWidth] } : {}) }));
  const json = model.toJSON() as string;
  model.dispose();
  return json;
}

/**
 * Penguin species from measurements, island and sex: 4 numeric + (3 islands + null) + (2 sexes + null).
 * Sex is pinned to FEMALE and MALE: one row says "." and the training split may or may not hold it.
 */
export function penguinSpec(overrides: {
  topology?: string;
  hidden?: number[];
  epochs?: number;
  batchSize?: number;
  learningRate?: number;
  seed?: number;
  validationSplit?: number;
  dropout?: number;
} = {}): TrainingSpecInput {
  const inputWidth = PENGUIN_NUMERIC.length + 4 + 3;
  return {
    model: {
      topology:
        overrides.topology ??
        denseStackTopology({ inputWidth, hidden: overrides.hidden ?? [], outputs: 3, outputActivation: 'softmax', dropout: overrides.dropout }),
      compile: { optimizer: { name: 'adam', learningRate: overrides.learningRate ?? 0.05 }, loss: 'categoricalCrossentropy', metrics: ['accuracy'] },
      fit: { epochs: overrides.epochs ?? 30, batchSize: overrides.batchSize ?? 32, validationSplit: overrides.validationSplit ?? 0.2 },
    },
    data: {
      task: 'classification',
      target: 'Species',
      features: [...PENGUIN_NUMERIC.map((name) => ({ name })), { name: 'Island' }, { name: 'Sex', categories: ['FEMALE', 'MALE'] }],
      testFraction: 0.2,
    },
    seed: overrides.seed ?? 42,
  };
}
