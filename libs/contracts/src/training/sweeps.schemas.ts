import { z } from 'zod';
import { SubmitJobRequestSchema } from './jobs.schemas';
import { ExperimentNameSchema, ParamValueSchema } from './tracking.schemas';

/**
 * Sweeps: one base job, some of its settings varied (grid or random), fanned out as jobs across the
 * trainers with bounded parallelism, judged by one objective metric of the finished runs.
 */

/** The settings a sweep may vary; `layers.<i>.units` changes the units of the i-th layer of the topology. */
export const SweepParameterPathSchema = z
  .string()
  .regex(
    /^(learningRate|optimizer|batchSize|epochs|validationSplit|seed|layers\.\d{1,3}\.units)$/,
    'a sweep varies learningRate, optimizer, batchSize, epochs, validationSplit, seed or layers.<i>.units',
  );

export const SweepParameterSchema = z.union([
  z.strictObject({ values: z.array(ParamValueSchema).min(1).max(100) }),
  z.strictObject({ uniform: z.strictObject({ min: z.number(), max: z.number() }) }),
  z.strictObject({ logUniform: z.strictObject({ min: z.number().positive(), max: z.number().positive() }) }),
  z.strictObject({ intRange: z.strictObject({ min: z.number().int(), max: z.number().int() }) }),
]);
export type SweepParameter = z.infer<typeof SweepParameterSchema>;

export const SweepObjectiveSchema = z.strictObject({
  /** A metric of the finished runs, e.g. `test_accuracy`, `test_rmse`, `val_loss`. */
  metric: z.string().min(1).max(250),
  goal: z.enum(['maximize', 'minimize']),
});

export const CreateSweepRequestSchema = z
  .strictObject({
    name: z.string().min(1).max(120).optional(),
    experiment: ExperimentNameSchema,
    base: SubmitJobRequestSchema.omit({ experiment: true }),
    parameters: z.record(SweepParameterPathSchema, SweepParameterSchema).refine((parameters) => Object.keys(parameters).length > 0, 'vary at least one parameter'),
    strategy: z.enum(['grid', 'random']),
    maxRuns: z.number().int().min(1).max(500),
    parallelism: z.number().int().min(1).max(32).default(2),
    objective: SweepObjectiveSchema,
    /** Seeds the random strategy's draws. */
    seed: z.number().int().min(0).max(0xffff_ffff).default(0),
  })
  .refine((sweep) => sweep.strategy === 'random' || Object.values(sweep.parameters).every((parameter) => 'values' in parameter), {
    message: 'a grid sweep takes lists of values; use the random strategy for ranges',
    path: ['parameters'],
  });
export type CreateSweepRequest = z.infer<typeof CreateSweepRequestSchema>;
export type CreateSweepRequestInput = z.input<typeof CreateSweepRequestSchema>;

export const SweepTrialSchema = z.object({
  index: z.number().int().min(0),
  params: z.record(z.string(), ParamValueSchema),
  status: z.enum(['pending', 'queued', 'running', 'completed', 'failed', 'cancelled']),
  jobId: z.string().nullable(),
  runId: z.string().nullable(),
  /** The objective metric of the finished run, when it has one. */
  objective: z.number().nullable(),
});
export type SweepTrial = z.infer<typeof SweepTrialSchema>;

export const SweepSchema = z.object({
  id: z.string(),
  name: z.string(),
  experiment: z.string(),
  status: z.enum(['running', 'completed', 'stopped']),
  strategy: z.enum(['grid', 'random']),
  parallelism: z.number().int(),
  objective: SweepObjectiveSchema,
  trials: z.array(SweepTrialSchema),
  /** The best finished trial so far by the objective. */
  best: SweepTrialSchema.nullable(),
  createdBy: z.string(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type Sweep = z.infer<typeof SweepSchema>;
