/**
 * Which tree a command works on: an emulated host (--simulate[=STATE.json]), a directory
 * (--sysfs-root or SCST_SYSFS_ROOT, e.g. a copied tree), or the real /sys/kernel/scst_tgt.
 * The emulator is imported only when asked for, so real runs do not load it.
 */
import type { Sysfs } from '../sysfs/types.js';
import { DEFAULT_SYSFS_ROOT, NodeSysfs } from '../sysfs/node-sysfs.js';

export interface OpenedSysfs {
  sysfs: Sysfs;
  /** Set when the tree is an emulated host. */
  simulationFile?: string;
  /** Persist what the command changed (emulated host only). */
  close(): Promise<void>;
}

export async function openSysfs(options: { simulate?: string; sysfsRoot?: string }): Promise<OpenedSysfs> {
  if (options.simulate !== undefined) {
    const { openSimulation } = await import('../emulator/simulation.js');
    const simulation = await openSimulation(options.simulate);
    return { sysfs: simulation.sysfs, simulationFile: options.simulate, close: () => simulation.save() };
  }
  const sysfs = new NodeSysfs(options.sysfsRoot ?? DEFAULT_SYSFS_ROOT);
  return { sysfs, close: async () => {} };
}
