#!/usr/bin/env node
// A drop-in for Perl scstadmin's command line (docs/compat.md). It imports only the
// compatibility front end, not oclif, so that scripts calling it many times start fast.
import { runCompatProcess } from '../dist/src/compat/process-io.js';

process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

try {
  process.exitCode = await runCompatProcess(process.argv.slice(2));
} catch (error) {
  process.stderr.write(`scstadmin-compat: ${error instanceof Error ? error.message : String(error)}\n`);
  if (process.argv.includes('-debug') && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
  process.exitCode = 1;
}
