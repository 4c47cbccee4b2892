#!/usr/bin/env node
import { CommanderError } from 'commander';
import { buildProgram } from './galley.program';
import { formatError } from './format-error';
import { promptLine, promptSecret } from './prompt';

async function main(argv: string[]): Promise<number> {
  const program = buildProgram({
    env: process.env,
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
    promptLine: (question) => promptLine(question),
    promptSecret: (question) => promptSecret(question),
  });
  try {
    await program.parseAsync(argv);
    return 0;
  } catch (error) {
    // Commander has already printed its own usage errors (and help, which exits 0).
    if (error instanceof CommanderError) return error.exitCode;
    process.stderr.write(`${formatError(error)}\n`);
    return 1;
  }
}

main(process.argv).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`${formatError(error)}\n`);
    process.exitCode = 1;
  },
);
