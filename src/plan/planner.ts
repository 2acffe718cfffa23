/**
 * diff(desired, live) → the plan: the fewest sysfs writes, in the order the kernel needs them
 * (spec scst-conf §6), each with its undo. Pure: it reads nothing. Values the live model does not
 * carry are asked for in `requests`; `planWithFacts` (probe.ts) reads them and plans again.
 */
import { UserErrors } from '../errors.js';
import type { ScstConfig } from '../model/types.js';
import { attributeWrites } from './attribute-diff.js';
import {
  DEFAULT_SUSPEND_SECONDS, DEFAULT_SUSPEND_THRESHOLD, PHASE, PlanContext,
  type Facts, type FactRequest, type PlanNote, type PlanOptions, type PlanWarning,
} from './context.js';
import { resume, suspend, type Op, type OpKind } from './ops.js';
import { planAlua } from './plan-alua.js';
import { planDevices } from './plan-devices.js';
import { planRemovals } from './plan-removals.js';
import { planTargets } from './plan-targets.js';
import { planMessages as msg } from './messages.js';

export interface Plan {
  ops: Op[];
  /** What the plan leaves alone, and why (not in the file without --prune; needs --force). */
  notes: PlanNote[];
  /** Attribute files whose live value the plan needed but the live model lacked. */
  requests: FactRequest[];
  /** Legal but probably not what the admin wants (an iSCSI target name initiators will refuse). */
  warnings?: PlanWarning[];
}

/** Ops that change who sees which LUN: the kernel quiesces I/O for each of them. */
const ACCESS_KINDS = new Set<OpKind>(['add_lun', 'del_lun', 'replace_lun', 'create_group', 'del_group', 'add_initiator', 'del_initiator', 'move_initiator']);

export function planChanges(desired: ScstConfig, live: ScstConfig, options: PlanOptions = {}, facts: Facts = new Map()): Plan {
  const ctx = new PlanContext(desired, live, options, facts);
  checkDeviceReferences(ctx);
  planRemovals(ctx);
  planDevices(ctx);
  planTargets(ctx);
  planAlua(ctx);
  ctx.add(PHASE.core, ...attributeWrites(ctx, { kind: 'core' }, desired.attributes, live.attributes));
  if (ctx.problems.length > 0) {
    throw new UserErrors(ctx.problems, ctx.problems.length > 1 ? `the file cannot be applied to this host (${ctx.problems.length} problems)` : undefined);
  }
  bracketWithSuspend(ctx);
  const plan: Plan = { ops: ctx.ops(), notes: ctx.notes, requests: [...ctx.requests.values()] };
  if (ctx.warnings.length > 0) plan.warnings = ctx.warnings;
  return plan;
}

/**
 * A LUN or device-group member naming a device that neither the file nor the host has would
 * fail half-way through the apply; it is bad input, found before anything is written. A
 * membership the host already has proves its device exists (a scoped read of a device group
 * does not read its devices).
 */
function checkDeviceReferences(ctx: PlanContext): void {
  const known = new Set([
    ...Object.values(ctx.desired.handlers).flatMap((h) => Object.keys(h.devices)),
    ...Object.values(ctx.live.handlers).flatMap((h) => Object.keys(h.devices)),
  ]);
  const check = (object: string, device: string) => {
    if (!known.has(device)) ctx.problem(object, msg.undefinedDevice(device), msg.undefinedDeviceHint);
  };
  for (const [driver, d] of Object.entries(ctx.desired.drivers)) {
    for (const target of Object.values(d.targets)) {
      for (const lun of Object.values(target.luns)) check(`LUN ${lun.lun} of ${driver}/${target.name}`, lun.device);
      for (const group of Object.values(target.groups)) {
        for (const lun of Object.values(group.luns)) check(`LUN ${lun.lun} of ${driver}/${target.name}/${group.name}`, lun.device);
      }
    }
  }
  for (const dg of Object.values(ctx.desired.deviceGroups)) {
    const members = new Set(ctx.live.deviceGroups[dg.name]?.devices ?? []);
    for (const device of dg.devices) if (!members.has(device)) check(`device group ${dg.name}`, device);
  }
}

/**
 * Each LUN, group or initiator change makes SCST suspend and drain I/O; many of them in a row
 * are cheaper inside one suspend of our own (spec scst-sysfs §4.1).
 */
function bracketWithSuspend(ctx: PlanContext): void {
  const choice = ctx.options.suspend;
  if (choice === false) return;
  const ops = ctx.ops();
  const access = ops.filter((o) => ACCESS_KINDS.has(o.kind)).length;
  const threshold = ctx.options.suspendThreshold ?? DEFAULT_SUSPEND_THRESHOLD;
  if (choice === undefined ? access < threshold : ops.length === 0) return;
  ctx.add(PHASE.suspend, suspend(choice ?? DEFAULT_SUSPEND_SECONDS));
  ctx.add(PHASE.resume, resume());
}
