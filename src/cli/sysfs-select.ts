/**
 * Which tree a command works on: an emulated host (--simulate[=STATE.json]), a directory
 * (--sysfs-root or SCST_SYSFS_ROOT, e.g. a copied tree), or the real /sys/kernel/scst_tgt.
 * The emulator is imported only when asked for, so real runs do not load it.
 */
import { existsSync } from 'node:fs';
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
    const file = options.simulate;
    const { openSimulation } = await import('../emulator/simulation.js');
    const isNew = !existsSync(file);
    const simulation = await openSimulation(file);
    let written = false;
    const sysfs: Sysfs = {
      ...simulation.sysfs,
      write: (path, data) => {
        written = true; // a refused write leaves its trace in the host too (kernel log, result)
        return simulation.sysfs.write(path, data);
      },
    };
    // A command that only looked leaves the file alone: saving the state it loaded could undo
    // what another command saved meanwhile. A new host is saved so that it persists.
    return { sysfs, simulationFile: file, close: () => (written || isNew ? simulation.save() : Promise.resolve()) };
  }
  const sysfs = new NodeSysfs(options.sysfsRoot ?? DEFAULT_SYSFS_ROOT);
  return { sysfs, close: async () => {} };
}
