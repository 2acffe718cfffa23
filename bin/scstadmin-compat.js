#!/usr/bin/env node
// A drop-in for Perl scstadmin's command line (docs/compat.md). It imports only the
// compatibility front end (bundled into dist/app by the build), not oclif, so that scripts
// calling it many times start fast.
import { compatMain } from '../dist/app/bundles/scstadmin-compat.js';

process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

await compatMain(process.argv.slice(2));
