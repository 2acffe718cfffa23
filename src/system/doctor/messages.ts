/** What doctor says: each problem with the command or edit that fixes it. */
import { count } from '../../ui/units.js';

export const doctorText = {
  scstNotLoaded: {
    title: 'SCST is loaded',
    message: 'the scst module is not loaded (no SCST sysfs tree)',
    fix: 'scstadmin-ts start (or: scstadmin-ts modules load)',
  },
  daemon: {
    title: 'iSCSI daemon connected',
    message: 'iscsi_scst is loaded but iscsi-scstd is not connected: no iSCSI target can exist or accept logins',
    fix: 'scstadmin-ts daemon start',
    stopped: 'iscsi-scstd is connected but its process is stopped (SIGSTOP): it answers nothing, logins hang and every iSCSI change fails with EBUSY after ~30 s',
    stoppedFix: 'kill -CONT the daemon, or restart it: scstadmin-ts daemon stop && scstadmin-ts daemon start',
  },
  modules: {
    title: 'modules the configuration needs',
    message: (module: string, file: string) => `needed by ${file} but not loaded`,
    fix: 'scstadmin-ts modules load',
  },
  drift: {
    title: 'kernel matches the configuration',
    message: (changes: number, sample: string[]) =>
      `${count(changes, 'change')} pending between the file and the kernel: ${sample.join('; ')}${changes > sample.length ? '; …' : ''}`,
    unplannable: (why: string) => `cannot be applied to this host as it is: ${why}`,
    unplannableFix: 'fix the cause above (often a module to load), then compare again',
    fix: (file: string) => `review with \`scstadmin-ts plan ${file}\`, then \`scstadmin-ts reload\` (or \`scstadmin-ts write-config\` to keep the kernel's state)`,
  },
  config: {
    title: 'configuration file usable',
    unreadable: (error: string) => `cannot be used: ${error}`,
    fix: 'fix the file (scstadmin-ts check-config shows every problem)',
  },
  secrets: {
    title: 'CHAP secrets not readable by others',
    message: (mode: number) => `holds CHAP secrets but its mode is ${mode.toString(8).padStart(4, '0')} (readable by group or others)`,
    fix: (file: string) => `chmod 600 ${file}`,
  },
  backing: {
    title: 'backing storage present and large enough',
    missing: (path: string) => `backing ${path} does not exist`,
    smaller: (path: string, have: number, need: number) => `backing ${path} has ${have} bytes, less than the device's ${need}`,
    fixMissing: 'restore the file or block device, or change the device\'s filename',
    fixSmaller: 'grow the backing store back, then `resync_size` the device; never shrink storage under an exported device',
  },
  lun0: {
    title: 'enabled targets have LUN 0',
    noLuns: 'is enabled but exports no LUN at all',
    noLun0: (set: string) => `is enabled and ${set} has LUNs but no LUN 0: many initiators then see none of them`,
    fix: 'give the target (or group) a LUN 0 in the configuration and apply it, or renumber its LUNs',
  },
  initiators: {
    title: 'each initiator in one group per target',
    message: (initiator: string, groups: string[]) => `initiator ${initiator} is in groups ${groups.join(' and ')}: which LUNs it sees depends on order`,
    fix: 'keep the initiator in one group of the target in the configuration, then apply it',
  },
};
