/**
 * Exit codes scripts can branch on: 3 means the upload worked but the data failed its checks; 4 and 5
 * mean a watched training job failed or was cancelled (the command itself worked).
 */
export const EXIT_CODES = {
  ok: 0,
  failed: 1,
  rejected: 3,
  jobFailed: 4,
  jobCancelled: 5,
} as const;

/** A failure the CLI reports in its own words, with the exit code it should end with. */
export class CliFailure extends Error {
  override readonly name = 'CliFailure';

  constructor(
    message: string,
    readonly exitCode: number = EXIT_CODES.failed,
  ) {
    super(message);
  }
}
