/**
 * Whether a process still runs, for everything that trusts a PID it read from a file: the run
 * lock's holder and the daemon's PID file.
 */
import { readFileSync } from 'node:fs';

/**
 * Whether a process exists (EPERM: it does, but is not ours to signal). A zombie has exited:
 * it only waits for a parent that may never reap it (PID 1 in some containers).
 */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  return processState(pid) !== 'Z';
}

/**
 * The scheduler state letter of /proc/PID/stat (R running, S sleeping, D disk wait, T stopped
 * by a signal, t stopped by a debugger, Z zombie, …); undefined where /proc cannot tell.
 * The field follows the command name in parentheses, which may itself hold ')' or blanks.
 */
export function processState(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const end = stat.lastIndexOf(')');
    return end < 0 ? undefined : stat.slice(end + 2, end + 3) || undefined;
  } catch {
    return undefined;
  }
}

/** Stopped (SIGSTOP, SIGTSTP, or a debugger): the process exists but runs nothing until continued. */
export function isStopped(pid: number): boolean {
  const state = processState(pid);
  return state === 'T' || state === 't';
}
