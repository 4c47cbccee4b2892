import type { CreateSweepRequestInput, ModelTask, ParamValue, SubmitJobRequestInput, Sweep, SweepParameter, SweepTrial, ValidationIssue } from '@galley/contracts';
import { MAX_COMPARED_RUNS } from './training-compare';
import { jobFormField, type JobFormErrors, type JobFormField } from './training-job-draft';

/**
 * A sweep as the form holds it: the base job comes from the job form; this is what varies (each
 * parameter a list of values, or a range for the random strategy), how many trials, how many at a
 * time, and the objective that picks the best.
 */

export const SWEEP_PATHS = ['learningRate', 'optimizer', 'batchSize', 'epochs', 'validationSplit', 'seed', 'layers.0.units'] as const;
export type SweepParameterKind = 'values' | 'uniform' | 'logUniform' | 'intRange';

export interface SweepParameterDraft {
  /** `learningRate`, `layers.0.units`… (the server's SweepParameterPath). */
  path: string;
  kind: SweepParameterKind;
  /** Comma-separated, for `values`. */
  values: string;
  min: string;
  max: string;
}

export interface SweepDraft {
  name: string;
  strategy: 'grid' | 'random';
  maxRuns: string;
  parallelism: string;
  metric: string;
  goal: 'maximize' | 'minimize';
  seed: string;
  parameters: SweepParameterDraft[];
}

export type SweepFormField = JobFormField | 'sweepName' | 'strategy' | 'maxRuns' | 'parallelism' | 'objective' | 'sweepSeed' | 'parameters';
export type SweepFormErrors = Partial<Record<SweepFormField, string>>;

export function defaultSweepDraft(task: ModelTask): SweepDraft {
  return {
    name: '',
    strategy: 'grid',
    maxRuns: '3',
    parallelism: '2',
    ...defaultObjective(task),
    seed: '0',
    parameters: [{ path: 'learningRate', kind: 'values', values: '0.001, 0.01, 0.1', min: '', max: '' }],
  };
}

/** What the sweep optimizes unless told otherwise: test accuracy up, or test RMSE down. */
export function defaultObjective(task: ModelTask): Pick<SweepDraft, 'metric' | 'goal'> {
  return task === 'regression' ? { metric: 'test_rmse', goal: 'minimize' } : { metric: 'test_accuracy', goal: 'maximize' };
}

/** Values of a comma-separated list: numbers for every setting but the optimizer's name. */
export function parseSweepValues(path: string, text: string): ParamValue[] | string {
  const parts = text
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
  if (parts.length === 0) return 'list at least one value';
  if (path === 'optimizer') return parts;
  const numbers = parts.map(Number);
  const bad = parts.filter((_, i) => !Number.isFinite(numbers[i]));
  return bad.length > 0 ? `not a number: ${bad.join(', ')}` : numbers;
}

/** Trials a grid has: the product of the list lengths (null when a parameter is not a valid list). */
export function gridSize(parameters: readonly SweepParameterDraft[]): number | null {
  let size = 1;
  for (const parameter of parameters) {
    const values = parameter.kind === 'values' ? parseSweepValues(parameter.path, parameter.values) : null;
    if (!Array.isArray(values)) return null;
    size *= values.length;
  }
  return size;
}

export type BuiltSweep = { ok: true; request: CreateSweepRequestInput } | { ok: false; errors: SweepFormErrors };

/** The sweep request for a base job the job form built, or the problems, each on its field. */
export function buildSweepRequest(job: SubmitJobRequestInput, draft: SweepDraft): BuiltSweep {
  const errors: SweepFormErrors = {};
  const wholeNumber = (field: SweepFormField, text: string, min: number, max: number): number => {
    const value = Number(text.trim());
    if (text.trim() === '' || !Number.isInteger(value) || value < min || value > max) errors[field] ??= `must be a whole number from ${min} to ${max}`;
    return value;
  };
  const maxRuns = wholeNumber('maxRuns', draft.maxRuns, 1, 500);
  const parallelism = wholeNumber('parallelism', draft.parallelism, 1, 32);
  const seed = wholeNumber('sweepSeed', draft.seed, 0, 0xffff_ffff);
  if (!draft.metric.trim()) errors.objective = 'name the metric that picks the best trial, e.g. test_accuracy';

  const parameters: Record<string, SweepParameter> = {};
  if (draft.parameters.length === 0) errors.parameters = 'vary at least one setting';
  for (const parameter of draft.parameters) {
    if (parameter.path in parameters) {
      errors.parameters ??= `${parameter.path} is varied twice`;
      continue;
    }
    if (parameter.kind === 'values') {
      const values = parseSweepValues(parameter.path, parameter.values);
      if (typeof values === 'string') errors.parameters ??= `${parameter.path}: ${values}`;
      else parameters[parameter.path] = { values };
      continue;
    }
    if (draft.strategy === 'grid') {
      errors.parameters ??= `${parameter.path}: a grid takes lists of values; use the random strategy for ranges`;
      continue;
    }
    const min = Number(parameter.min);
    const max = Number(parameter.max);
    if (parameter.min.trim() === '' || parameter.max.trim() === '' || !Number.isFinite(min) || !Number.isFinite(max) || min > max) {
      errors.parameters ??= `${parameter.path}: give a range with min at most max`;
      continue;
    }
    parameters[parameter.path] =
      parameter.kind === 'uniform' ? { uniform: { min, max } } : parameter.kind === 'logUniform' ? { logUniform: { min, max } } : { intRange: { min, max } };
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };

  const { experiment, name: _jobName, ...base } = job;
  return {
    ok: true,
    request: {
      ...(draft.name.trim() ? { name: draft.name.trim() } : {}),
      experiment,
      base,
      parameters,
      strategy: draft.strategy,
      maxRuns,
      parallelism,
      objective: { metric: draft.metric.trim(), goal: draft.goal },
      seed,
    },
  };
}

/**
 * The field of a server problem about a sweep: its own settings, or the base job's — `base.` + a job
 * path from request validation, or a bare job path (`data.target`) from the check of one trial.
 */
export function sweepFormField(path: string): SweepFormField {
  if (path.startsWith('base.')) return jobFormField(path.slice('base.'.length));
  const rules: Array<[RegExp, SweepFormField]> = [
    [/^name$/, 'sweepName'],
    [/^experiment\b/, 'experiment'],
    [/^parameters\b/, 'parameters'],
    [/^strategy\b/, 'strategy'],
    [/^maxRuns\b/, 'maxRuns'],
    [/^parallelism\b/, 'parallelism'],
    [/^objective\b/, 'objective'],
    [/^seed\b/, 'sweepSeed'],
  ];
  return rules.find(([pattern]) => pattern.test(path))?.[1] ?? jobFormField(path);
}

export function sweepFormErrors(issues: readonly ValidationIssue[]): SweepFormErrors & JobFormErrors {
  const errors: SweepFormErrors = {};
  for (const issue of issues) {
    const field = sweepFormField(issue.field);
    const message = field === 'form' ? `${issue.field}: ${issue.message}` : issue.message;
    errors[field] = errors[field] ? `${errors[field]}; ${message}` : message;
  }
  return errors;
}

/** `learningRate=0.01, layers.0.units=32`: a trial's settings in one line. */
export function trialParamsText(params: SweepTrial['params']): string {
  return Object.entries(params)
    .map(([key, value]) => `${key}=${String(value)}`)
    .join(', ');
}

export function isTrialFinished(status: SweepTrial['status']): boolean {
  return status === 'completed' || status === 'failed' || status === 'cancelled';
}

/** Trials finished of all, for the sweep's progress bar. */
export function sweepProgress(sweep: Pick<Sweep, 'trials'>): { finished: number; total: number; percent: number } {
  const total = sweep.trials.length;
  const finished = sweep.trials.filter((trial) => isTrialFinished(trial.status)).length;
  return { finished, total, percent: total === 0 ? 0 : (finished / total) * 100 };
}

/** One bar per trial (in trial order) with its objective; the best is marked so it can stand out. */
export function trialObjectiveRows(sweep: Pick<Sweep, 'trials' | 'best'>): Array<{ trial: string; index: number; objective: number | null; params: string; best: boolean }> {
  return sweep.trials.map((trial) => ({
    trial: `#${trial.index + 1}`,
    index: trial.index,
    objective: trial.objective,
    params: trialParamsText(trial.params),
    best: sweep.best?.index === trial.index,
  }));
}

/** The runs of the best finished trials by the objective, as many as a comparison takes. */
export function bestRunIds(sweep: Pick<Sweep, 'trials' | 'objective'>, count: number = MAX_COMPARED_RUNS): string[] {
  const sign = sweep.objective.goal === 'maximize' ? -1 : 1;
  return sweep.trials
    .filter((trial): trial is SweepTrial & { runId: string; objective: number } => trial.status === 'completed' && trial.runId !== null && trial.objective !== null)
    .sort((a, b) => sign * (a.objective - b.objective))
    .slice(0, count)
    .map((trial) => trial.runId);
}
