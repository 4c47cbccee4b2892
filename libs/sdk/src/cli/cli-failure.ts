/** Exit codes scripts can branch on: 3 means the upload worked but the data failed its checks. */
export const EXIT_CODES = {
  ok: 0,
  failed: 1,
  rejected: 3,
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
