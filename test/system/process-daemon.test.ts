/**
 * The real daemon control against real processes: the fake iscsi-scstd (a detached node
 * process) and a PID file in a temporary directory.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile, access } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isAlive } from '../../src/system/liveness.js';
import { ProcessDaemon } from '../../src/system/process-host.js';
import { hostPaths, type HostPaths } from '../../src/system/paths.js';

const FAKE = join(import.meta.dirname, '..', 'fixtures', 'bin', 'iscsi-scstd.mjs');

let dir: string;
let paths: HostPaths;
let pids: number[] = [];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'scst-daemon-'));
  paths = { ...hostPaths({}), iscsidPidFile: join(dir, 'iscsid.pid') };
});

afterEach(async () => {
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // gone
    }
  }
  pids = [];
  await rm(dir, { recursive: true, force: true });
});

/** A running "daemon" (the fake's daemon half) with its PID file written. */
async function runningDaemon(env: Record<string, string> = {}): Promise<number> {
  const child = spawn(process.execPath, [FAKE, '--fake-daemon-child'], {
    detached: true, stdio: 'ignore', env: { ...process.env, FAKE_ISCSID_NO_REGISTER: '1', SCST_ISCSID_PIDFILE: paths.iscsidPidFile, ...env },
  });
  child.unref();
  pids.push(child.pid!);
  // The child writes its PID file once its signal handler is in place; a fixed pause raced
  // with that on a loaded machine (SIGTERM arrived first and ended the "ignoring" daemon).
  const deadline = Date.now() + 15_000;
  for (;;) {
    const written = await readFile(paths.iscsidPidFile, 'utf8').catch(() => '');
    if (written.trim() === String(child.pid)) return child.pid!;
    if (Date.now() > deadline) throw new Error('the fake daemon did not write its PID file');
    await new Promise((r) => setTimeout(r, 20));
  }
}


describe('ProcessDaemon', () => {
  it('kills a daemon that ignores SIGTERM once the timeout passes, and removes its PID file', async () => {
    const pid = await runningDaemon({ FAKE_ISCSID_IGNORE_TERM: '1' });
    const daemon = new ProcessDaemon(paths);
    expect(await daemon.process()).toEqual({ running: true, pid });
    expect(await daemon.terminate(200)).toBe('killed');
    expect(isAlive(pid)).toBe(false);
    await expect(access(paths.iscsidPidFile)).rejects.toThrow();
  });

  it('reports a stopped (SIGSTOP) daemon as stopped, and still ends it with SIGTERM', async () => {
    const pid = await runningDaemon();
    const daemon = new ProcessDaemon(paths);
    process.kill(pid, 'SIGSTOP');
    await new Promise((r) => setTimeout(r, 100));
    expect(await daemon.process()).toEqual({ running: true, pid, stopped: true });
    // SIGTERM waits in a stopped process; the SIGCONT after it lets it act on it.
    expect(await daemon.terminate(5_000)).toBe('terminated');
    expect(isAlive(pid)).toBe(false);
  });

  it('reports no daemon without a PID file, and a stale one when its process is gone', async () => {
    const daemon = new ProcessDaemon(paths);
    expect(await daemon.process()).toEqual({ running: false });
    expect(await daemon.terminate(100)).toBe('not-running');
    const pid = await runningDaemon({ FAKE_ISCSID_IGNORE_TERM: '1' });
    process.kill(pid, 'SIGKILL');
    await new Promise((r) => setTimeout(r, 100));
    expect(await daemon.process()).toEqual({ running: false, pid, stalePidFile: true });
    await expect(readFile(paths.iscsidPidFile)).rejects.toThrow();
  });

  it('does not take a recycled PID for the daemon', async () => {
    // Our own test process is alive but is not iscsi-scstd.
    await writeFile(paths.iscsidPidFile, `${process.pid}\n`);
    expect(await new ProcessDaemon(paths).process()).toMatchObject({ running: false, stalePidFile: true });
  });

  it('refuses to launch in the foreground', async () => {
    await expect(new ProcessDaemon(paths).launch(['-f'])).rejects.toMatchObject({ exitCode: 2, object: 'ISCSID_OPTIONS' });
  });
});
