/**
 * The service's binding to the declarative engine (src/plan): every write of start, reload and
 * stop goes through applyConfig / clearConfig, so they take the lock, keep a journal and roll
 * back on failure like `apply` does.
 */
import { applyConfig, changeLines, clearConfig, runPaths, type ApplyResult } from '../plan/index.js';
import type { ApplyOutcome, ConfigEngine } from './service.js';

export interface EngineOptions {
  /** Allow removing or re-creating what an initiator uses (start/reload --force). */
  force: boolean;
  /** reload: also remove what the file no longer has. */
  prune: boolean;
  /** Seconds to wait for another run's lock. */
  waitSeconds?: number;
  onNotice?: (message: string) => void;
  /** An emulated host keeps its lock and journal next to its state file. */
  simulationFile?: string;
}

export function productEngine(options: EngineOptions): ConfigEngine {
  const run = { ...runPaths({ simulationFile: options.simulationFile }), waitSeconds: options.waitSeconds, onNotice: options.onNotice };
  return {
    // start: the kernel ends exactly as the file says, like clear_config + -config, but only
    // the differences are written, and nothing in use is removed without --force.
    apply: async (sysfs, desired) => outcome(await applyConfig(sysfs, desired, { ...run, command: 'start', prune: true, force: options.force })),
    reload: async (sysfs, desired) => outcome(await applyConfig(sysfs, desired, { ...run, command: 'reload', prune: options.prune, force: options.force })),
    // stop: sessions are closed and everything removed, whoever uses it: that is what stop means.
    clear: async (sysfs) => outcome(await clearConfig(sysfs, { ...run, command: 'stop' })),
  };
}

function outcome(result: ApplyResult): ApplyOutcome {
  return {
    writes: result.applied,
    changes: changeLines(result.plan),
    notes: result.plan.notes.map((n) => ({ kind: n.kind, text: `${n.object}: ${n.message}` })),
  };
}
