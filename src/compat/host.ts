/**
 * Which SCST the compatibility front end works on. Perl scstadmin's grammar has no flag for it,
 * so the environment says: SCST_SIMULATE_STATE (an emulated host, as --simulate uses it),
 * SCST_SYSFS_ROOT (another sysfs root), else the real /sys/kernel/scst_tgt. The emulator is
 * imported only for an emulated host.
 */
import { badInput } from '../errors.js';
import { openSysfs, type OpenedSysfs } from '../cli/sysfs-select.js';
import { runPaths, type RunPaths } from '../plan/run-paths.js';
import { DEFAULT_SYSFS_ROOT } from '../sysfs/node-sysfs.js';

export interface CompatHost {
  opened: OpenedSysfs;
  /** The root scstadmin names in its messages. */
  root: string;
  paths: RunPaths;
  /** An emulated host: no root privileges needed. */
  emulated: boolean;
}

export interface CompatEnv {
  SCST_SIMULATE_STATE?: string;
  SCST_SYSFS_ROOT?: string;
  SCSTADMIN_TS_LOCK?: string;
  SCSTADMIN_TS_STATE_DIR?: string;
}

export function hostChoice(env: CompatEnv): { simulate?: string; sysfsRoot?: string } {
  const simulate = env.SCST_SIMULATE_STATE || undefined;
  const sysfsRoot = env.SCST_SYSFS_ROOT || undefined;
  if (simulate && sysfsRoot) {
    throw badInput('SCST_SIMULATE_STATE and SCST_SYSFS_ROOT name two different SCST trees; unset one', { code: 'COMPAT_TWO_TREES' });
  }
  return { ...(simulate ? { simulate } : {}), ...(sysfsRoot ? { sysfsRoot } : {}) };
}

export async function openCompatHost(env: CompatEnv): Promise<CompatHost> {
  const choice = hostChoice(env);
  const opened = await openSysfs(choice);
  return {
    opened,
    root: choice.sysfsRoot ?? DEFAULT_SYSFS_ROOT,
    paths: runPaths({ ...(opened.simulationFile ? { simulationFile: opened.simulationFile } : {}) }, env as NodeJS.ProcessEnv),
    emulated: opened.simulationFile !== undefined,
  };
}
