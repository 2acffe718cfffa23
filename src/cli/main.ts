/**
 * The scstadmin-ts process: what bin/run.js runs. A command the words name is imported and run
 * directly (direct-run.ts); help, --version and anything unknown go to oclif's `run`, which
 * loads only the command asked for, using oclif.manifest.json.
 * `run` rather than `execute`: execute() prints oclif's own error format and exits before a
 * caller sees the error, and every error must leave in our one-line format with our exit code.
 */
import { flush } from '@oclif/core/flush';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runDirect } from './direct-run.js';
import { handleTopLevelError } from './top-level.js';

/** `entry` is bin/run.js's import.meta.url: the package root is the folder above bin/. */
export async function main(argv: string[], entry: string): Promise<void> {
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
  const root = dirname(dirname(fileURLToPath(entry)));
  try {
    if (!(await runDirect(argv, root, join(root, 'dist', 'app')))) {
      const { run } = await import('./oclif-run.js');
      await run(argv, entry);
    }
    // Not awaited (as oclif's execute does): when stdout is a closed pipe, 'drain' never comes.
    flush().catch(() => {});
  } catch (error) {
    handleTopLevelError(error);
  }
}
