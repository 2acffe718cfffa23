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
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return true;
  }
}
