/**
 * How far the kernel is from a configuration file, as status and doctor both report it: the
 * writes `apply` would make, or why no plan can be made at all (the planner refuses with a
 * UserError, e.g. a handler of the file is not loaded). Any other failure is not an answer
 * about the file and is thrown on.
 */
import type { ScstConfig } from '../model/types.js';
import { UserError } from '../errors.js';
import { changeLines, driftPlan } from '../plan/index.js';
import type { Host } from './host.js';

export interface HostDrift {
  /** Writes the executor would make to turn the kernel into the file, one line each. */
  pending: string[];
  /** Why no plan could be made, as `object: message`. */
  unplannable?: string;
}

/** `live`: the tree as read already, so it is not read twice. */
export async function hostDrift(host: Host, desired: ScstConfig, live?: ScstConfig): Promise<HostDrift> {
  try {
    return { pending: changeLines(await host.kernel.inspect((sysfs) => driftPlan(sysfs, desired, live))) };
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    return { pending: [], unplannable: error.object ? `${error.object}: ${error.message}` : error.message };
  }
}
