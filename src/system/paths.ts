/**
 * Every host path the system commands touch, overridable by environment so tests (and
 * unusual installs) never touch the real host: a test points them all into a temporary
 * directory.
 */
import { release } from 'node:os';

export interface HostPaths {
  /** /proc/modules: loaded modules with their reference counts and holders. */
  procModules: string;
  /** /sys/module: one directory per module, `refcnt` only for loadable (not built-in) ones. */
  sysModule: string;
  /** The service settings sourced by the init script and the unit. */
  defaultsFile: string;
  /** Where iscsi-scstd writes its PID. */
  iscsidPidFile: string;
  /** Where the systemd unit goes (relative to --root when one is given). */
  unitDir: string;
  /** Exists only when systemd is the running init (sd_booted(3)). */
  systemdRuntimeDir: string;
  /** The running kernel, named in "module not installed" messages. */
  kernelRelease: string;
}

export function hostPaths(env: NodeJS.ProcessEnv = process.env): HostPaths {
  return {
    procModules: env.SCST_PROC_MODULES || '/proc/modules',
    sysModule: env.SCST_SYS_MODULE || '/sys/module',
    defaultsFile: env.SCST_DEFAULTS_FILE || '/etc/default/scst',
    iscsidPidFile: env.SCST_ISCSID_PIDFILE || '/run/iscsi-scstd.pid',
    unitDir: env.SCST_UNIT_DIR || '/etc/systemd/system',
    systemdRuntimeDir: env.SCST_SYSTEMD_RUNTIME_DIR || '/run/systemd/system',
    kernelRelease: env.SCST_KERNEL_RELEASE || release(),
  };
}
