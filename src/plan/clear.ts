/**
 * clear-config as a plan: the desired state is "nothing" — no devices, no virtual targets, no
 * device groups — while what cannot be deleted stays in an emptied, disabled form: hardware
 * targets (their LUNs, groups and dynamic values go) and the drivers themselves (disabled).
 * Planned with prune and force, so the removal order, the session handling (disable, close,
 * delete) and the undo of every step are the planner's. Backing files are never touched: SCST
 * only closes them.
 */
import { readLive } from '../live/index.js';
import type { Sysfs } from '../sysfs/types.js';
import { runPlanned, type ApplyOptions, type ApplyResult } from './apply.js';
import { dict, emptyConfig, type ScstConfig, type Target, type TargetDriver } from '../model/types.js';
import type { PlanOptions } from './context.js';
import { COPY_MANAGER } from './live-index.js';
import { planChanges, type Plan } from './planner.js';

export function clearedConfig(live: ScstConfig): ScstConfig {
  const desired = emptyConfig();
  for (const [name, driver] of Object.entries(live.drivers)) {
    if (name === COPY_MANAGER) continue;
    const kept: TargetDriver = { name, attributes: dict(), targets: dict() };
    if (driver.enabled !== undefined) kept.enabled = false;
    for (const target of Object.values(driver.targets)) {
      if (driver.virtual && !target.hardware) continue;
      const emptied: Target = { name: target.name, hardware: true, attributes: dict(), luns: dict(), groups: dict() };
      if (target.enabled !== undefined) emptied.enabled = false;
      kept.targets[target.name] = emptied;
    }
    desired.drivers[name] = kept;
  }
  return desired;
}

export function clearConfigPlan(live: ScstConfig, options: Pick<PlanOptions, 'suspend' | 'suspendThreshold'> = {}): Plan {
  return planChanges(clearedConfig(live), live, { ...options, prune: true, force: true, removeSelfCreated: true });
}

/** clear-config as a run: plan from the live tree, confirm, lock, journal, execute. */
export function clearConfig(sysfs: Sysfs, options: ApplyOptions = {}): Promise<ApplyResult> {
  return runPlanned(sysfs, async (s) => clearConfigPlan(await readLive(s), options), options);
}
