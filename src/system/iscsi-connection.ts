/**
 * Whether iscsi-scstd is connected, as the kernel sees it: a PID says a process exists, but
 * only the kernel knows it holds the control device. The module provides `open_state`; the
 * driver files such as `enabled` exist only while the daemon is registered (spec §6.1, §8).
 */
import type { Sysfs } from '../sysfs/types.js';

/**
 * `closing`: the kernel's open_state while it tears down after the daemon closed the control
 * device (its targets are being deleted). A stopped daemon still reads `open`: the kernel cannot
 * tell; the process state can (DaemonProcess.stopped).
 */
export type DaemonConnection = 'connected' | 'closing' | 'closed' | 'no-driver';

export async function readDaemonConnection(sysfs: Sysfs): Promise<DaemonConnection> {
  if (!(await sysfs.exists('targets/iscsi'))) return 'no-driver';
  let openState = '';
  try {
    openState = (await sysfs.read('targets/iscsi/open_state')).trim();
  } catch {
    return 'closed';
  }
  if (openState === 'closing') return 'closing';
  if (openState !== 'open') return 'closed';
  return (await sysfs.exists('targets/iscsi/enabled')) ? 'connected' : 'closed';
}
