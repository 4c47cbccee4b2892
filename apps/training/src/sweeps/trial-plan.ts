import type { ParamValue, SubmitJobRequest, SweepParameter } from '@galley/contracts';
import { deriveSeed, mulberry32 } from '@galley/ml';

export type TrialParams = Record<string, ParamValue>;

/**
 * The trials of a sweep, decided when it is created so the plan is visible and reproducible: a grid
 * is the cartesian product of the value lists in a fixed order (cut at maxRuns); random draws maxRuns
 * points from a PRNG seeded by the sweep's seed.
 */
export function planTrials(parameters: Record<string, SweepParameter>, strategy: 'grid' | 'random', maxRuns: number, seed: number): TrialParams[] {
  const paths = Object.keys(parameters).sort();
  if (strategy === 'grid') {
    let trials: TrialParams[] = [{}];
    for (const path of paths) {
      const parameter = parameters[path];
      if (!('values' in parameter)) throw new Error(`a grid sweep needs a list of values for ${path}`);
      trials = trials.flatMap((trial) => parameter.values.map((value) => ({ ...trial, [path]: value })));
      if (trials.length > maxRuns * 1000) break;
    }
    return trials.slice(0, maxRuns);
  }
  // 0x5eed5: a fixed stream id, so sweep draws never coincide with a job's own seeded streams.
  const random = mulberry32(deriveSeed(seed, 0x5eed5));
  return Array.from({ length: maxRuns }, () => Object.fromEntries(paths.map((path) => [path, draw(parameters[path], random)])));
}

function draw(parameter: SweepParameter, random: () => number): ParamValue {
  if ('values' in parameter) return parameter.values[Math.floor(random() * parameter.values.length)];
  if ('uniform' in parameter) return parameter.uniform.min + random() * (parameter.uniform.max - parameter.uniform.min);
  if ('logUniform' in parameter) {
    const [low, high] = [Math.log(parameter.logUniform.min), Math.log(parameter.logUniform.max)];
    return Math.exp(low + random() * (high - low));
  }
  return parameter.intRange.min + Math.floor(random() * (parameter.intRange.max - parameter.intRange.min + 1));
}

/** The base job with one trial's settings applied; the topology is edited as JSON, never evaluated. */
export function applyTrial(base: Omit<SubmitJobRequest, 'experiment'>, experiment: string, params: TrialParams, name: string): SubmitJobRequest {
  const job: SubmitJobRequest = structuredClone({ ...base, experiment, name });
  for (const [path, value] of Object.entries(params)) {
    switch (path) {
      case 'learningRate':
        job.model.compile.optimizer.learningRate = Number(value);
        break;
      case 'optimizer':
        job.model.compile.optimizer.name = String(value) as typeof job.model.compile.optimizer.name;
        break;
      case 'batchSize':
        job.model.fit.batchSize = Math.round(Number(value));
        break;
      case 'epochs':
        job.model.fit.epochs = Math.round(Number(value));
        break;
      case 'validationSplit':
        job.model.fit.validationSplit = Number(value);
        break;
      case 'seed':
        job.seed = Math.round(Number(value));
        break;
      default: {
        const layer = /^layers\.(\d+)\.units$/.exec(path);
        if (!layer) throw new Error(`cannot vary ${path}`);
        job.model.topology = withLayerUnits(job.model.topology, Number(layer[1]), Math.round(Number(value)));
      }
    }
  }
  return job;
}

function withLayerUnits(topology: SubmitJobRequest['model']['topology'], index: number, units: number): SubmitJobRequest['model']['topology'] {
  const parsed = (typeof topology === 'string' ? JSON.parse(topology) : structuredClone(topology)) as { config?: { layers?: Array<{ config?: Record<string, unknown> }> } };
  const layer = parsed.config?.layers?.[index];
  if (!layer?.config || !('units' in layer.config)) throw new Error(`layer ${index} of the topology has no units to vary`);
  layer.config['units'] = units;
  return typeof topology === 'string' ? JSON.stringify(parsed) : (parsed as Record<string, unknown>);
}
