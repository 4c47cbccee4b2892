#!/usr/bin/env node
// Runs the TypeScript CLI through SWC, the same way tools/run-ts.cjs runs every entry point.
'use strict';
const path = require('node:path');

const repoRoot = path.join(__dirname, '..', '..', '..');
process.env.SWC_NODE_PROJECT ??= path.join(repoRoot, 'tsconfig.base.json');
require('@swc-node/register');
require(path.join(__dirname, '..', 'src', 'cli', 'main.ts'));
