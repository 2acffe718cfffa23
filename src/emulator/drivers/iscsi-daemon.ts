/**
 * iscsi-scstd as the kernel sees it. Almost every iSCSI operation is an event the kernel sends
 * to the daemon and waits for: without a daemon it fails at once with EPERM, with a stopped
 * (SIGSTOP) daemon the kernel waits ~31 s and gives up with EBUSY. The emulator never sleeps
 * for that wait; it only produces its outcome and log line.
 */
import type { Kernel } from '../kernel.js';
import { kfail } from '../kernel-error.js';
import type { DaemonState } from '../state.js';

export function daemonState(k: Kernel): DaemonState {
  return k.state.host.iscsiDaemon;
}

/** The daemon is connected (running or stopped): its sysfs files exist. */
export function daemonConnected(k: Kernel): boolean {
  return daemonState(k) !== 'absent';
}

/** Forward an event to iscsi-scstd: fails like the kernel when the daemon cannot answer. */
export function requireDaemon(k: Kernel): void {
  const state = daemonState(k);
  if (state === 'absent') {
    k.log('iscsi-scst: ***ERROR***: User space process is not connected. Is iscsi-scstd running?');
    kfail('EPERM');
  }
  if (state === 'stopped') {
    k.log('scst: ***ERROR***: Timeout waiting for user space event 00000000c0ffee00');
    kfail('EBUSY');
  }
}
