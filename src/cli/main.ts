/**
 * The scstadmin-ts process: what bin/run.js runs. It loads as little as it can before it knows
 * what to run: a command the words name is run from its own bundle (direct-run.ts); help,
 * --version and anything unknown go to oclif's `run` (oclif-run.ts); `compat` has a bundle of
 * its own. Each of them is a separate file of dist/app (scripts/build-bundle.ts), loaded by
 * path with its code cache (code-cache.ts), so that the bundler keeps them apart.
 */
import { join } from 'node:path';
import { bundleFile, loadAppBundle, NAMED_BUNDLES, readCommandIndex, runIndexedCommand } from './direct-run.js';

/** `root` is the package root, the folder above bin/. */
export async function main(argv: string[], root: string): Promise<void> {
  // `scstadmin-ts show | head`: a reader that goes away is not an error of ours.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
  const appDir = join(root, 'dist', 'app');
  try {
    const index = readCommandIndex(appDir);
    // `compat` takes Perl scstadmin's arguments untouched: oclif would answer --help and
    // --version itself before the command saw them, so that one command is run without it.
    if (argv[0] === 'compat') {
      const { compatMain } = loadAppBundle<typeof import('../compat/process-io.js')>(appDir, bundleFile(NAMED_BUNDLES.compat), index);
      await compatMain(argv.slice(1));
      return;
    }
    if (await runIndexedCommand(argv, root, appDir, index)) return;
    const { runOclif } = loadAppBundle<typeof import('./oclif-run.js')>(appDir, bundleFile(NAMED_BUNDLES.oclif), index);
    await runOclif(argv, root);
  } catch (error) {
    // Only a broken installation gets here: every bundle prints its own errors.
    process.stderr.write(`scstadmin-ts: cannot start: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
}
