/**
 * iscsi-scstd's life cycle on any host. Started means the kernel reports the daemon connected
 * (not merely that a process exists); stopped means the kernel has seen it go, which is also
 * the moment every iSCSI target is deleted.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { UserError } from '../errors.js';
import type { DaemonProcess, Host } from './host.js';
import { readDaemonConnection, type DaemonConnection } from './iscsi-connection.js';
import { daemonMessages } from './messages.js';

export interface DaemonTiming {
  /** How long to wait for the kernel to see the daemon come or go (default 30 s). */
  timeoutMs?: number;
  /** How often to look (default 100 ms). */
  pollMs?: number;
  /** Told once the launcher has been run (a process may now exist, connected or not). */
  onLaunch?: () => void;
}

export interface DaemonStatus {
  /** What the kernel says (authoritative for "running"). */
  connection: DaemonConnection;
  /** Connected and answering: connected to the kernel, and its process is not stopped. */
  running: boolean;
  pid?: number;
  stalePidFile?: boolean;
  /** Connected, but its process is stopped (SIGSTOP): the kernel waits for it in vain. */
  stopped?: boolean;
}

export interface DaemonStartResult {
  action: 'started' | 'already-running';
  pid?: number;
  args: string[];
}

export interface DaemonStopResult {
  action: 'not-running' | 'terminated' | 'killed';
  pid?: number;
  stalePidFile?: boolean;
}

export async function daemonStatus(host: Host): Promise<DaemonStatus> {
  const connection = await host.kernel.inspect(readDaemonConnection);
  const proc: DaemonProcess = await host.daemon.process();
  const stopped = connection === 'connected' && proc.stopped === true;
  const status: DaemonStatus = { connection, running: connection === 'connected' && !stopped };
  if (stopped) status.stopped = true;
  if (proc.pid !== undefined && proc.running) status.pid = proc.pid;
  if (proc.stalePidFile) status.stalePidFile = true;
  return status;
}

export async function startDaemon(host: Host, args: string[], timing: DaemonTiming = {}): Promise<DaemonStartResult> {
  const connection = await host.kernel.inspect(readDaemonConnection);
  if (connection === 'no-driver') {
    throw new UserError(daemonMessages.moduleMissing, { object: 'iscsi-scstd', code: 'DAEMON_NO_MODULE', hint: daemonMessages.moduleMissingHint });
  }
  if (connection === 'connected') {
    const proc = await host.daemon.process();
    return { action: 'already-running', pid: proc.pid, args };
  }
  // A PID file left by a daemon that died would make the new one look stale; process() clears it.
  await host.daemon.process();
  await host.daemon.launch(args);
  timing.onLaunch?.();
  const timeoutMs = timing.timeoutMs ?? 30_000;
  if (!(await waitForConnection(host, 'connected', timeoutMs, timing.pollMs))) {
    throw new UserError(daemonMessages.notConnected(Math.round(timeoutMs / 1000)), {
      object: 'iscsi-scstd', code: 'DAEMON_NOT_CONNECTED', hint: daemonMessages.notConnectedHint,
    });
  }
  const proc = await host.daemon.process();
  return { action: 'started', pid: proc.pid, args };
}

export async function stopDaemon(host: Host, timing: DaemonTiming = {}): Promise<DaemonStopResult> {
  const before = await host.daemon.process();
  const timeoutMs = timing.timeoutMs ?? 30_000;
  const action = await host.daemon.terminate(timeoutMs);
  const gone = await waitForConnection(host, 'not-connected', action === 'not-running' ? 0 : timeoutMs, timing.pollMs);
  if (!gone) {
    throw new UserError(daemonMessages.stillConnected, { object: 'iscsi-scstd', code: 'DAEMON_STILL_CONNECTED', hint: daemonMessages.stillConnectedHint });
  }
  const result: DaemonStopResult = { action };
  if (before.pid !== undefined) result.pid = before.pid;
  if (before.stalePidFile) result.stalePidFile = true;
  return result;
}

async function waitForConnection(host: Host, want: 'connected' | 'not-connected', timeoutMs: number, pollMs = 100): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const connected = (await host.kernel.inspect(readDaemonConnection)) === 'connected';
    if (connected === (want === 'connected')) return true;
    if (Date.now() >= deadline) return false;
    await sleep(pollMs);
  }
}
