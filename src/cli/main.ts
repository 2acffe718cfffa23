/**
 * The scstadmin-ts process: what bin/run.js runs. oclif loads only the command that is asked for,
 * using oclif.manifest.json, so start-up does not import every command.
 * `run` rather than `execute`: execute() prints oclif's own error format and exits before a
 * caller sees the error, and every error must leave in our one-line format with our exit code.
 */
import { flush } from '@oclif/core/flush';
import { run } from '@oclif/core/run';
import { handleTopLevelError } from './top-level.js';

export async function main(argv: string[], root: string): Promise<void> {
  // `scstadmin-ts show | head`: a reader that goes away is not an error of ours.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
  // `compat` takes Perl scstadmin's arguments untouched: oclif would answer --help and --version
  // itself before the command saw them, so that one command is run without it.
  if (argv[0] === 'compat') {
    const { compatMain } = await import('../compat/process-io.js');
    await compatMain(argv.slice(1));
    return;
  }
  try {
    await run(argv, root);
    // Not awaited (as oclif's execute does): when stdout is a closed pipe, 'drain' never comes.
    flush().catch(() => {});
  } catch (error) {
    handleTopLevelError(error);
  }
}
