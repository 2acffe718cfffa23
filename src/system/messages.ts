/** The admin-facing text of the host commands, kept apart from the logic that picks it. */
import { count } from '../ui/units.js';

export const moduleMessages = {
  toolMissing: (tool: string) => `${tool} was not found on PATH`,
  toolMissingHint: (tool: string) =>
    tool === 'modprobe' ? 'install kmod (it provides modprobe)' : tool === 'iscsi-scstd' ? 'install iSCSI-SCST (it provides iscsi-scstd)' : `install ${tool}`,
  notInstalled: (release: string) => `not installed for the running kernel ${release}`,
  notInstalledHint: (release: string) => `build and install SCST for ${release} (e.g. make install, or its DKMS package), then run depmod`,
  loadFailed: (detail: string) => `modprobe failed: ${detail}`,
  loadFailedHint: 'the kernel log (dmesg) says why',
  unloadFailed: (detail: string) => `modprobe -r failed: ${detail}`,
  stillInUse: (holders: string[], attempts: number) =>
    `still in use after ${count(attempts, 'attempt')}${holders.length > 0 ? ` (used by ${holders.join(', ')})` : ''}`,
  heldByModules: (holders: string[]) => `used by ${holders.join(', ')}`,
  heldByModulesHint: (holders: string[]) => `unload ${holders.join(' ')} first, or name them too (scstadmin-ts modules unload … orders them)`,
  stillInUseHint: 'stop what uses it first: `scstadmin-ts stop` closes sessions and removes the configuration',
  unknownModule: (known: string[]) => `not an SCST module (known: ${known.join(', ')})`,
  unknownModuleHint: 'add other modules through SCST_TARGET_MODULES in /etc/default/scst',
  notScstModuleName: 'a module name is letters, digits, `_` and `-` only',
};

export const daemonMessages = {
  stopped: 'connected to the kernel but not answering (its process is stopped, e.g. by SIGSTOP); every iSCSI change will fail with EBUSY after the kernel waits ~30 s',
  stoppedHint: (pid?: number) => `let it run again (kill -CONT ${pid ?? 'PID'}), or restart it: scstadmin-ts daemon stop && scstadmin-ts daemon start`,
  closing: 'the kernel is tearing down after the daemon closed its control device (open_state closing)',
  foregroundRefused: '-f/--foreground would keep iscsi-scstd attached to this command; leave it out',
  launchFailed: (status: number | undefined, detail: string) => `iscsi-scstd exited with status ${status ?? '?'}: ${detail}`,
  launchFailedHint: 'iscsi-scstd logs to syslog (journalctl -t iscsi-scstd)',
  wontDie: (pid: number) => `process ${pid} survived SIGKILL`,
  moduleMissing: 'iscsi_scst is not loaded, so iscsi-scstd has no kernel to talk to',
  moduleMissingHint: 'scstadmin-ts modules load iscsi_scst',
  notConnected: (seconds: number) => `started, but the kernel did not report it connected within ${seconds} s`,
  notConnectedHint: 'check that no other iscsi-scstd holds /dev/iscsi-scst-ctl, and the daemon log',
  stillConnected: 'the kernel still reports a connected daemon that this host does not know as a process',
  stillConnectedHint: 'another iscsi-scstd (without a PID file) may be running: find it with `pgrep -a iscsi-scstd`',
};
