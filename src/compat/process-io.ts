/**
 * The compatibility front end on a real process: stdout and stderr, lines read from stdin on
 * demand (the confirmation prompt), the effective uid and the environment. Shared by the
 * `scstadmin-compat` executable and `scstadmin-ts compat`.
 */
import { createInterface } from 'node:readline';
import type { CompatIo } from './output.js';
import { runCompat } from './run.js';

function processIo(): CompatIo {
  let lines: AsyncIterator<string> | undefined;
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    readLine: async () => {
      lines ??= createInterface({ input: process.stdin, terminal: false })[Symbol.asyncIterator]();
      const next = await lines.next();
      return next.done ? undefined : next.value;
    },
  };
}

/** Run with this process's argv tail, environment and uid; resolves to the exit code. */
export function runCompatProcess(argv: readonly string[]): Promise<number> {
  const euid = () => (typeof process.geteuid === 'function' ? process.geteuid() : 0);
  return runCompat({ argv, env: process.env, io: processIo(), euid });
}

/** The whole process: run, set the exit code; an unexpected failure is one line (a trace with -debug). */
export async function compatMain(argv: readonly string[]): Promise<void> {
  try {
    process.exitCode = await runCompatProcess(argv);
  } catch (error) {
    process.stderr.write(`scstadmin-compat: ${error instanceof Error ? error.message : String(error)}\n`);
    if (argv.includes('-debug') && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
    process.exitCode = 1;
  }
}
