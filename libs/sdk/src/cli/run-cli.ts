import { CommanderError } from 'commander';
import type { CliDeps } from './cli-context';
import { CliFailure, EXIT_CODES } from './cli-failure';
import { formatError } from './format-error';
import { buildProgram } from './galley.program';

/** Runs one command line and returns its exit status; failures are printed on `err`, never thrown. */
export async function runCli(argv: readonly string[], deps: CliDeps): Promise<number> {
  const program = buildProgram(deps);
  try {
    await program.parseAsync([...argv]);
    return EXIT_CODES.ok;
  } catch (error) {
    // Commander has already printed its own usage errors (and help, which exits 0).
    if (error instanceof CommanderError) return error.exitCode;
    deps.err(`${formatError(error)}\n`);
    return error instanceof CliFailure ? error.exitCode : EXIT_CODES.failed;
  }
}
