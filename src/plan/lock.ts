/**
 * One exclusive lock for every run that writes to SCST, so two applies never interleave their
 * writes. The lock is a kernel lock, flock(2), on the lock file: the kernel grants it to one
 * open file at a time and drops it when its holder exits however it exits (kill -9 included),
 * so there is no stale lock to take over and no race in taking one over. Node has no flock
 * call; util-linux's `flock` takes it on our open descriptor, which it inherits — the lock
 * belongs to the open file, so it stays ours after that helper exits.
 *
 * The file also names its holder (PID, command, start) for whoever finds it held. Waiting
 * (`--wait SECONDS`) blocks in the kernel; not getting it is exit 4. A release removes the file
 * while still holding the lock, so a run that opened it before then sees that the name now
 * points elsewhere (or nowhere) and opens it again. Callers never hold it while a prompt waits.
 */
import { spawn } from 'node:child_process';
import { constants } from 'node:fs';
import { open, readFile, stat, unlink, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { EXIT, UserError } from '../errors.js';
import { isAlive } from '../system/liveness.js';
import { ensureDir } from './ensure-dir.js';
import { lockMessages as msg } from './messages.js';

export const DEFAULT_LOCK_FILE = '/run/lock/scstadmin-ts.lock';
/** How long a loser retries reading a holder that is still writing its name. */
const HOLDER_READ_MS = 500;
/** `flock`'s exit status when the lock is held, or still held when --wait ran out (ours, so it is no error's). */
const HELD_STATUS = 75;

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
  const text = `${process.pid}\n${options.command}\n${new Date().toISOString()}\n`;
  await ensureDir(dirname(path)).catch(() => {}); // open() below reports the reason
  for (;;) {
    const handle = await openLockFile(path);
    let locked = false;
    try {
      locked = await flock(handle, path, Math.max(0, deadline - Date.now()) / 1000);
      if (locked && (await isStillNamed(handle, path))) {
        await writeHolder(handle, path, text);
        return { path, release: () => releaseLock(handle, path) };
      }
    } catch (error) {
      await handle.close();
      throw error;
    }
    await handle.close();
    // Locked, but the file was released and removed meanwhile: take the one now at `path`.
    if (locked) continue;
    if (Date.now() >= deadline) throw heldError(path, await readHolder(path));
  }
}

async function openLockFile(path: string): Promise<FileHandle> {
  try {
    // Never truncated: the holder's name stays readable until the holder replaces it.
    return await open(path, constants.O_RDWR | constants.O_CREAT | constants.O_NOFOLLOW, 0o644);
  } catch (error) {
    throw lockFailed(path, (error as Error).message);
  }
}

/** flock(2) on `handle`, waiting up to `seconds` (0: not at all); false when another holds it. */
function flock(handle: FileHandle, path: string, seconds: number): Promise<boolean> {
  const wait = seconds > 0 ? ['--wait', seconds.toFixed(3)] : ['--nonblock'];
  return new Promise((resolve, reject) => {
    const child = spawn('flock', ['--exclusive', ...wait, '--conflict-exit-code', String(HELD_STATUS), '3'], { stdio: ['ignore', 'ignore', 'pipe', handle.fd] });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', (error) => reject(lockFailed(path, msg.noFlock(error.message))));
    child.on('close', (status) => {
      if (status === 0) resolve(true);
      // Held by another run (with --wait: still held when the time ran out).
      else if (status === HELD_STATUS) resolve(false);
      else reject(lockFailed(path, stderr.trim() || `flock exited with status ${status}`));
    });
  });
}

/** The file we locked is still the one the path names (a release removes it before unlocking). */
async function isStillNamed(handle: FileHandle, path: string): Promise<boolean> {
  const [mine, named] = await Promise.all([handle.stat(), stat(path).catch(() => undefined)]);
  return named !== undefined && named.ino === mine.ino && named.dev === mine.dev;
}

/**
 * Our name over the previous holder's in one write, then the rest cut off: a reader sees the
 * old name or the new one, never an empty file (except a new one for the instant before).
 * A lock that cannot say who holds it is not taken: the file is removed and the lock let go.
 */
async function writeHolder(handle: FileHandle, path: string, text: string): Promise<void> {
  try {
    const bytes = Buffer.from(text);
    await handle.write(bytes, 0, bytes.length, 0);
    await handle.truncate(bytes.length);
  } catch (error) {
    await unlink(path).catch(() => {});
    throw lockFailed(path, (error as Error).message);
  }
}

/** The live holder named in the file; undefined when no live process is named there. */
async function readHolder(path: string): Promise<Holder | undefined> {
  // The winner writes its name right after it got the lock: until then the file is empty or
  // still names a run that died. Give it that instant.
  const until = Date.now() + HOLDER_READ_MS;
  for (;;) {
    const holder = await readHolderOnce(path);
    if (holder && isAlive(holder.pid)) return holder;
    if (Date.now() >= until) return undefined;
    await sleep(20);
  }
}

async function readHolderOnce(path: string): Promise<Holder | undefined> {
  try {
    const [pid, command, since] = (await readFile(path, 'utf8')).split('\n');
    const number = Number(pid);
    if (!Number.isInteger(number) || number <= 0) return undefined;
    return { pid: number, command: command ?? '', since: since ?? '' };
  } catch {
    return undefined;
  }
}

/** Remove the file while still holding the lock, then let the lock go with the descriptor. */
async function releaseLock(handle: FileHandle, path: string): Promise<void> {
  try {
    if (await isStillNamed(handle, path)) await unlink(path);
  } catch {
    // Already gone: nothing to remove.
  } finally {
    await handle.close().catch(() => {});
  }
}

function lockFailed(path: string, reason: string): UserError {
  return new UserError(msg.cannotCreate(path, reason), { object: path, hint: msg.pathHint, code: 'LOCK_FAILED', exitCode: EXIT.FAILED });
}

function heldError(path: string, holder: Holder | undefined): UserError {
  return new UserError(holder ? msg.held(holder.pid, holder.command, holder.since) : msg.heldUnknown(path), {
    object: path,
    hint: msg.heldHint,
    code: 'LOCK_HELD',
    exitCode: EXIT.LOCKED,
    details: holder ? { pid: holder.pid, command: holder.command, since: holder.since } : undefined,
  });
}
