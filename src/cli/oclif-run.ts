/**
 * oclif's own `run`, for what the command index does not answer (help, --version, unknown words,
 * the colon form of an id), and the help class oclif loads for it (package.json oclif.helpClass
 * points at a file that re-exports it from here). A bundle of its own (scripts/build-bundle.ts),
 * loaded only then.
 * `run` rather than `execute`: execute() prints oclif's own error format and exits before a
 * caller sees the error, and every error must leave in our one-line format with our exit code.
 */
import { run } from '@oclif/core/run';
import { runTopLevel } from './top-level.js';

export { default as Help } from './help.js';

/** `root` is the package root: oclif, given bin/run.js, would take bin/package.json for it. */
export async function runOclif(argv: string[], root: string): Promise<void> {
  await runTopLevel(() => run(argv, root));
}
