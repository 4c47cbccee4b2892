#!/usr/bin/env node
import { formatError } from './format-error';
import { promptLine, promptSecret } from './prompt';
import { runCli } from './run-cli';

runCli(process.argv, {
  env: process.env,
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  promptLine: (question) => promptLine(question),
  promptSecret: (question) => promptSecret(question),
  stderr: process.stderr,
}).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`${formatError(error)}\n`);
    process.exitCode = 1;
  },
);
