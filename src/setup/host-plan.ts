/**
 * The host steps of a setup: the SCST modules to load and iscsi-scstd to start. They are part
 * of the plan the admin confirms, never taken before it: until then the plan is previewed on a
 * projection of the kernel as it will be once they are loaded (an in-memory emulator), and an
 * answer of "no" or a Ctrl-C leaves the host exactly as it was.
 */
import { Emulator } from '../emulator/emulator.js';
import { readLive } from '../live/index.js';
import { planWithFacts, writeOp } from '../plan/index.js';
import type { Sysfs } from '../sysfs/types.js';
import { daemonArgs } from '../system/daemon-options.js';
import { readDefaults } from '../system/defaults-file.js';
import { SimulationKernel } from '../system/emulated-host.js';
import type { Host } from '../system/host.js';
import { loadOrder, modulesForConfig } from '../system/module-catalog.js';
import { bringUpThen } from '../system/service.js';
import { SETUP_MODULES, type HostSurvey } from './host-survey.js';
import { setupMessages as msg } from './messages.js';

export interface HostSteps {
  /** Modules to load, in load order (none: all loaded). */
  modules: string[];
  startDaemon: boolean;
}

export function hostSteps(survey: HostSurvey): HostSteps {
  return { modules: loadOrder(survey.missingModules).filter((m) => survey.missingModules.includes(m)), startDaemon: !survey.daemonRunning };
}

export const hasHostSteps = (steps: HostSteps): boolean => steps.modules.length > 0 || steps.startDaemon;

/** The host steps as lines of the plan, before the configuration changes. */
export function hostPlanLines(steps: HostSteps): string[] {
  return [...(steps.modules.length > 0 ? [msg.planLoadModules(steps.modules)] : []), ...(steps.startDaemon ? [msg.planStartDaemon] : [])];
}

/** Load the modules and start the daemon, then run `then`; a failure undoes what was brought up. */
export async function withHostUp<T>(host: Host, steps: HostSteps, then: () => Promise<T>): Promise<T> {
  if (!hasHostSteps(steps)) return then();
  const args = daemonArgs(await readDefaults(host.paths.defaultsFile), undefined);
  // Only the modules the plan names: iscsi_scst asks the kernel for crc32c itself when a digest needs it.
  return bringUpThen(host, { ...modulesForConfig(undefined, SETUP_MODULES), optional: [] }, { daemonArgs: args }, { modules: [] }, then);
}

/**
 * The kernel as it will be after the host steps, for previewing the plan. An emulated host is
 * copied and the modules loaded in the copy. On a real host SCST's tree as loaded is mirrored
 * into an emulator that has the modules as well: empty when SCST is not loaded at all (a fresh
 * load is empty), else seeded with what the host has configured (if that cannot be mirrored,
 * the preview starts from an empty SCST; the run itself plans again on the real tree).
 */
export async function projectedTree(host: Host, survey: HostSurvey, steps: HostSteps): Promise<Sysfs> {
  if (host.kernel instanceof SimulationKernel) {
    return host.kernel.inspectEmulator(async (emulator) => bringUpIn(Emulator.fromState(emulator.toState(), { description: 'the host once set up' }), steps));
  }
  const projection = new Emulator({ modules: SETUP_MODULES, useRealFileSystem: true, description: 'the host once set up' });
  if (!survey.scstLoaded) return projection;
  const fresh = Emulator.fromState(projection.toState(), { description: 'the host once set up' });
  try {
    const live = await host.kernel.inspect((sysfs) => readLive(sysfs));
    const plan = await planWithFacts(projection, live, await readLive(projection), { prune: false, force: false });
    for (const op of plan.ops) await writeOp(projection, op);
    return projection;
  } catch {
    return fresh;
  }
}

function bringUpIn(emulator: Emulator, steps: HostSteps): Emulator {
  for (const module of steps.modules) emulator.loadModule(module);
  if (steps.startDaemon) emulator.setIscsiDaemon('running');
  return emulator;
}
