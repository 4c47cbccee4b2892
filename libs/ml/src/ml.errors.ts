/**
 * Why training, loading or predicting failed. The trainer and serving map these codes to their own
 * error codes; a bare tfjs error never leaves this library where it can be named.
 */
export type MlErrorCode =
  /** The training spec does not fit the data or breaks a rule (see `details.issues`). */
  | 'invalid_spec'
  /** The rows do not fit the spec (a text cell in a numeric feature, too few rows, one class only). */
  | 'invalid_data'
  /** The loss became NaN or ±Infinity. */
  | 'training_diverged'
  /** The caller's AbortSignal fired; training stopped between two batches. */
  | 'cancelled'
  /** A stored artifact is missing a file, names a path it may not, or has the wrong sizes. */
  | 'invalid_artifact';

export interface SpecIssue {
  /** Where the problem is, as a dotted path into the training spec (`model.topology.layers[2]`). */
  path: string;
  message: string;
}

export interface MlErrorDetails {
  issues?: SpecIssue[];
  epoch?: number;
  batch?: number;
  /** Artifact file the problem is in. */
  file?: string;
}

export class MlError extends Error {
  override readonly name = 'MlError';

  constructor(
    readonly code: MlErrorCode,
    message: string,
    readonly details: MlErrorDetails = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
