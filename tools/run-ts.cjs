#!/usr/bin/env node
// Runs a TypeScript entry point through SWC. SWC keeps decorator metadata, which NestJS needs for
// dependency injection (esbuild-based runners such as tsx drop it). Usage: run-ts.cjs FILE [ARGS...]
'use strict';
const path = require('node:path');

const entry = process.argv[2];
if (!entry) {
  console.error('usage: node tools/run-ts.cjs <file.ts> [args...]');
  process.exit(2);
}
process.env.SWC_NODE_PROJECT ??= path.join(__dirname, '..', 'tsconfig.base.json');
require('@swc-node/register');
process.argv.splice(1, 2, path.resolve(entry));
require(path.resolve(entry));
