#!/usr/bin/env node
// Entry point of the scstadmin-ts CLI: oclif loads only the command that is asked for,
// using oclif.manifest.json, so start-up does not import every command.
// `run` rather than `execute`: execute() prints oclif's own error format and exits before a
// caller sees the error, and every error must leave in our one-line format with our exit code.
import { flush } from '@oclif/core/flush';
import { run } from '@oclif/core/run';
import { handleTopLevelError } from '../dist/src/cli/top-level.js';

// `scstadmin-ts show | head`: a reader that goes away is not an error of ours.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

// `compat` takes Perl scstadmin's arguments untouched: oclif would answer --help and --version
// itself before the command saw them, so that one command is run without it.
if (process.argv[2] === 'compat') {
  const { compatMain } = await import('../dist/src/compat/process-io.js');
  await compatMain(process.argv.slice(3));
} else {
  try {
    await run(process.argv.slice(2), import.meta.url);
    // Not awaited (as oclif's execute does): when stdout is a closed pipe, 'drain' never comes.
    flush().catch(() => {});
  } catch (error) {
    handleTopLevelError(error);
  }
}
