/**
 * Errors that happen before a command runs (an unknown command, a broken install) get the same
 * one-line treatment and exit codes as errors inside commands.
 */
import { flush } from '@oclif/core/flush';
import { EXIT } from '../errors.js';
import { debugTrace, formatErrorLines, toErrorReport } from '../ui/error-output.js';

export function handleTopLevelError(error: unknown): never {
  const exitCode = (error as { oclif?: { exit?: number } })?.oclif?.exit;
  if (exitCode === 0) process.exit(0);
  // Errors already printed by a command's catch() arrive as an oclif ExitError.
  if ((error as { code?: string })?.code === 'EEXIT' && typeof exitCode === 'number') process.exit(exitCode);
  const report = toErrorReport(error);
  const json = process.argv.includes('--json');
  if (json) process.stdout.write(`${JSON.stringify({ error: report }, null, 2)}\n`);
  else for (const line of formatErrorLines(report)) process.stderr.write(`${line}\n`);
  if (process.argv.includes('--debug')) for (const line of debugTrace(error)) process.stderr.write(`${line}\n`);
  process.exit(report.exitCode === EXIT.OK ? EXIT.FAILED : report.exitCode);
}

/** Runs `work` as the whole of the process: its output flushed after it, any error it lets out handled above. */
export async function runTopLevel(work: () => Promise<unknown>): Promise<void> {
  try {
    await work();
    // Not awaited (as oclif's execute does): when stdout is a closed pipe, 'drain' never comes.
    flush().catch(() => {});
  } catch (error) {
    handleTopLevelError(error);
  }
}
