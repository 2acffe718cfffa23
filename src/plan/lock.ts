/**
 * One exclusive lock for every run that writes to SCST, so two applies never interleave their
 * writes. The lock is a file created with O_EXCL holding the holder's PID and command; a file
 * whose PID no longer runs is stale and taken over. Waiting polls (`--wait SECONDS`); not getting
 * it is exit 4. Callers never hold it while a prompt waits for the admin.
 */
import { open, readFile, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { EXIT, UserError } from '../errors.js';
import { isAlive } from '../system/liveness.js';
import { ensureDir } from './ensure-dir.js';
import { lockMessages as msg } from './messages.js';

export const DEFAULT_LOCK_FILE = '/run/lock/scstadmin-ts.lock';
const POLL_MS = 100;

export interface LockOptions {
  /** Seconds to wait for a holder to finish (default 0: fail at once). */
  waitSeconds?: number;
  /** What this run is, shown to whoever finds the lock held (e.g. `apply /etc/scst.conf`). */
  command: string;
}

export interface Lock {
  readonly path: string;
  release(): Promise<void>;
}

interface Holder {
  pid: number;
  command: string;
  since: string;
}

export async function acquireLock(path: string, options: LockOptions): Promise<Lock> {
  const deadline = Date.now() + (options.waitSeconds ?? 0) * 1000;
  const mine: Holder = { pid: process.pid, command: options.command, since: new Date().toISOString() };
  const text = `${mine.pid}\n${mine.command}\n${mine.since}\n`;
  await ensureDir(dirname(path)).catch(() => {}); // open() below reports the reason
  for (;;) {
    try {
      const handle = await open(path, 'wx', 0o644);
      await handle.writeFile(text);
      await handle.close();
      return { path, release: () => releaseLock(path, text) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw new UserError(msg.cannotCreate(path, (error as Error).message), { object: path, hint: msg.pathHint, code: 'LOCK_FAILED', exitCode: EXIT.FAILED });
      }
    }
    const holder = await readHolder(path);
    if (holder && !isAlive(holder.pid)) {
      // The holder died without releasing: the lock is stale (its journal, if any, is recovered later).
      await unlink(path).catch(() => {});
      continue;
    }
    if (Date.now() >= deadline) {
      throw new UserError(holder ? msg.held(holder.pid, holder.command, holder.since) : msg.heldUnknown(path), {
        object: path,
        hint: msg.heldHint,
        code: 'LOCK_HELD',
        exitCode: EXIT.LOCKED,
        details: holder ? { pid: holder.pid, command: holder.command, since: holder.since } : undefined,
      });
    }
    await sleep(POLL_MS);
  }
}

async function readHolder(path: string): Promise<Holder | undefined> {
  try {
    const [pid, command, since] = (await readFile(path, 'utf8')).split('\n');
    const number = Number(pid);
    if (!Number.isInteger(number) || number <= 0) return undefined;
    return { pid: number, command: command ?? '', since: since ?? '' };
  } catch {
    return undefined;
  }
}

/** Remove the lock only while it is still ours (a stale take-over must not be undone). */
async function releaseLock(path: string, text: string): Promise<void> {
  try {
    if ((await readFile(path, 'utf8')) === text) await unlink(path);
  } catch {
    // Already gone: nothing to release.
  }
}
