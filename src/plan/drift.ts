/**
 * Drift both ways: what the file has that the host lacks or has otherwise, and what the host
 * has that the file does not mention. It is the plan with --prune and --force seen as a
 * difference instead of as work: creations and changes are the file's side, removals the host's.
 */
import type { ScstConfig } from '../model/types.js';
import type { Sysfs } from '../sysfs/types.js';
import { count } from '../ui/units.js';
import { planAgainstHost, planWithFacts } from './probe.js';
import type { Plan } from './planner.js';
import { shownData } from './render.js';

export interface DriftItem {
  object: string;
  summary: string;
  /** The write that would remove the difference. */
  path: string;
  data: string;
}

export interface Drift {
  inSync: boolean;
  /** In the file but missing or different on the host. */
  fileSide: DriftItem[];
  /** On the host but not in the file. */
  hostSide: DriftItem[];
}

const EXACT = { prune: true, force: true, suspend: false } as const;

/**
 * The writes that would make the host equal the file, removals included. `live`: the host as
 * the caller has read it already (whole), so it is not read twice.
 */
export function driftPlan(sysfs: Sysfs, desired: ScstConfig, live?: ScstConfig): Promise<Plan> {
  return live ? planWithFacts(sysfs, desired, live, EXACT) : planAgainstHost(sysfs, desired, EXACT);
}

export async function driftOf(sysfs: Sysfs, desired: ScstConfig, showSecrets = false): Promise<{ drift: Drift; plan: Plan }> {
  const plan = await driftPlan(sysfs, desired);
  const item = (op: Plan['ops'][number]): DriftItem => ({ object: op.object, summary: op.summary, path: op.path, data: shownData(op, showSecrets) });
  const fileSide = plan.ops.filter((op) => op.change !== 'remove').map(item);
  const hostSide = plan.ops.filter((op) => op.change === 'remove').map(item);
  return { drift: { inSync: plan.ops.length === 0, fileSide, hostSide }, plan };
}

export function renderDrift(drift: Drift): string[] {
  if (drift.inSync) return ['No drift: the host matches the file.'];
  const lines: string[] = [];
  if (drift.fileSide.length > 0) {
    lines.push('In the file, missing or different on the host:');
    for (const i of drift.fileSide) lines.push(`  > ${i.object}: ${i.summary}`);
  }
  if (drift.hostSide.length > 0) {
    lines.push('On the host, not in the file:');
    for (const i of drift.hostSide) lines.push(`  < ${i.object}: ${i.summary}`);
  }
  lines.push(`${count(drift.fileSide.length, 'difference')} from the file, ${drift.hostSide.length} on the host only.`);
  return lines;
}
