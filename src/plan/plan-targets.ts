/**
 * Targets of each driver in the file (spec scst-conf §6.5–6.8): create missing targets with
 * everything they hold; on existing ones write differing attributes, diff dynamic attributes as
 * sets, create groups, map missing LUNs (0 first), swap a LUN's device with one `replace`, add or
 * move initiators; then driver attributes; enabling targets and drivers comes last.
 */
import type { IniGroup, Lun, Target, TargetDriver } from '../model/types.js';
import { addInitiator, addLun, delInitiator, delLun, moveInitiator, replaceLun, setEnabled, withInverse, type LunSetRef, type Op } from './ops.js';
import { byName, groupCreation, lunParams, liveLunParamsIn, sortedLuns, targetCreation, type DriverTraits } from './create.js';
import { attributeWrites, dynamicWrites } from './attribute-diff.js';
import { PHASE, lunKey, type PlanContext } from './context.js';
import { describeSessions, sessionsMatchedBy, sessionsSeeingLun } from './in-use.js';
import { COPY_MANAGER } from './live-index.js';
import { sameValue } from './values.js';
import { planMessages as msg } from './messages.js';
import { iscsiNameProblem } from '../model/validate.js';

const ISCSI = 'iscsi';

export function planTargets(ctx: PlanContext): void {
  for (const driverName of Object.keys(ctx.desired.drivers).sort()) {
    const driver = ctx.desired.drivers[driverName]!;
    const liveDriver = ctx.live.drivers[driverName];
    if (!liveDriver) {
      ctx.problem(`driver ${driverName}`, msg.notLoaded, msg.notLoadedHint);
      continue;
    }
    if (liveDriver.daemon === 'absent' && Object.keys(driver.targets).length > 0) {
      // Without iscsi-scstd every iSCSI write fails (EPERM) or its targets do not even exist.
      ctx.problem(`driver ${driverName}`, msg.daemonAbsent, msg.daemonAbsentHint);
      continue;
    }
    const traits = ctx.index.traits(driverName);
    for (const name of Object.keys(driver.targets).sort()) {
      const target = driver.targets[name]!;
      const live = liveDriver.targets[name];
      if (live) planExistingTarget(ctx, driverName, target, live, traits);
      else planNewTarget(ctx, driverName, target, liveDriver, traits);
    }
    planDriverAttributes(ctx, driverName, driver, liveDriver);
  }
}

function planNewTarget(ctx: PlanContext, driver: string, target: Target, liveDriver: TargetDriver, traits: DriverTraits): void {
  if (target.hardware || !liveDriver.virtual) {
    ctx.problem(`target ${driver}/${target.name}`, msg.noHardwareTarget, msg.noHardwareTargetHint);
    return;
  }
  // The kernel and iscsi-scstd take any word; initiators refuse to log in to a malformed name.
  const nameProblem = driver === ISCSI ? iscsiNameProblem(target.name) : undefined;
  if (nameProblem) ctx.warn(`target ${driver}/${target.name}`, msg.badIscsiName(nameProblem));
  const { ops, enable } = targetCreation(driver, target, traits, lunParams);
  ctx.add(PHASE.targets, ...ops);
  ctx.add(PHASE.enableTargets, ...enable);
}

function planExistingTarget(ctx: PlanContext, driver: string, target: Target, live: Target, traits: DriverTraits): void {
  const dynamic = new Set(traits.dynamicTargetAttributes);
  // Creation parameters of an existing target are never compared (they cannot be changed).
  const skip = (name: string) => dynamic.has(name) || traits.createParams.includes(name);
  const writes = attributeWrites(ctx, { kind: 'target', driver, target: target.name }, target.attributes, live.attributes, skip);
  const bracketed = live.enabled === true && writes.some((op) => needsDisabling(ctx, driver, target.name, op));
  // The kernel takes such a rel_tgt_id only while the target is disabled; it is enabled again last.
  if (bracketed) ctx.add(PHASE.targets, setEnabled({ driver, target: target.name }, false, true));
  ctx.add(PHASE.targets, ...writes);
  const dynamicNames = new Set([...Object.keys(target.attributes), ...Object.keys(live.attributes)].filter((n) => dynamic.has(n)));
  for (const name of [...dynamicNames].sort()) {
    ctx.add(PHASE.targets, ...dynamicWrites(ctx, driver, target.name, name, target.attributes[name] ?? [], live.attributes[name] ?? []));
  }
  const groups = Object.values(target.groups).sort(byName);
  for (const group of groups) {
    const liveGroup = live.groups[group.name];
    if (!liveGroup) {
      ctx.add(PHASE.targets, ...groupCreation(driver, target.name, group, lunParams));
      continue;
    }
    planLunSet(ctx, { driver, target: target.name, group: group.name }, group.luns, liveGroup.luns, live);
    ctx.add(PHASE.targets, ...attributeWrites(ctx, { kind: 'group', driver, target: target.name, group: group.name }, group.attributes, liveGroup.attributes));
  }
  planInitiators(ctx, driver, target, live, groups);
  planLunSet(ctx, { driver, target: target.name }, target.luns, live.luns, live);
  const liveEnabled = bracketed ? false : live.enabled;
  const wanted = bracketed ? (target.enabled ?? true) : target.enabled;
  if (wanted !== undefined && liveEnabled !== undefined && wanted !== liveEnabled) {
    ctx.add(PHASE.enableTargets, setEnabled({ driver, target: target.name }, wanted, liveEnabled));
  }
}

/**
 * A rel_tgt_id of 0, or one another enabled target holds, is refused while the target is
 * enabled (EBADSLT; spec scst-sysfs §2.5) — e.g. when two targets swap their ids.
 */
function needsDisabling(ctx: PlanContext, driver: string, target: string, op: Op): boolean {
  if (!op.path.endsWith('/rel_tgt_id')) return false;
  const value = Number(op.data);
  if (value === 0) return true;
  return Object.entries(ctx.live.drivers).some(([d, drv]) =>
    Object.values(drv.targets).some((t) => (d !== driver || t.name !== target) && t.enabled === true && Number(t.attributes.rel_tgt_id?.[0]) === value),
  );
}

/** Map missing LUNs; swap the device (or its parameters) of a LUN that differs. */
function planLunSet(ctx: PlanContext, set: LunSetRef, desired: Record<string, Lun>, live: Record<string, Lun>, liveTarget: Target): void {
  const copyManager = set.driver === COPY_MANAGER;
  const mappedByCm = copyManager ? new Set(Object.values(live).map((l) => l.device)) : undefined;
  for (const lun of sortedLuns(desired)) {
    const current = live[String(lun.lun)];
    const key = lunKey(set.driver, set.target, set.group, lun.lun);
    const params = lunParams(lun);
    if (!current || ctx.cascadedLuns.has(key)) {
      // copy_manager maps every new vdisk by itself, under a number of its own choosing.
      if (mappedByCm && (mappedByCm.has(lun.device) || ctx.createdDevices.has(lun.device) || current)) continue;
      // A copy-manager LUN takes no read_only (SCST refuses it): it follows its device's.
      const added = copyManager ? {} : params;
      ctx.add(PHASE.targets, withInverse(addLun(set, lun.lun, lun.device, added), [delLun(set, lun.lun, lun.device)]));
      continue;
    }
    const paramsDiffer = Object.entries(params).some(([name, value]) => !sameValue(name, current.attributes[name]?.[0] ?? '0', value));
    if (copyManager) continue;
    const unnamed = current.device === lun.device && !paramsDiffer ? unnamedLunParams(ctx, lun, current) : [];
    if (current.device === lun.device && !paramsDiffer && unnamed.length === 0) continue;
    const object = `LUN ${lun.lun} of ${set.driver}/${set.target}${set.group === undefined ? '' : `/${set.group}`}`;
    if (unnamed.length > 0 && !ctx.options.prune) {
      for (const [name, value] of unnamed) ctx.kept(object, msg.lunParamNotInFile(name, value));
      continue;
    }
    const used = sessionsSeeingLun(liveTarget, set.group, lun.lun);
    const undo = replaceLun(set, lun.lun, current.device, liveLunParamsIn(ctx, set, current), lun.device);
    const replace = replaceLun(set, lun.lun, lun.device, params, current.device);
    // Dropping a value only the host has is a removal, as diff shows it.
    const swap = withInverse(unnamed.length > 0 ? { ...replace, change: 'remove', summary: msg.lunParamsDropped(lun.device, unnamed.map(([n, v]) => `${n} ${v}`).join(', ')) } : replace, [undo]);
    // A LUN parameter is fixed at mapping, like a device's creation parameters: changing one
    // the file does not mention re-maps the LUN, only with --force.
    const reasons = [...(unnamed.length > 0 ? [msg.lunParamsDiffer(unnamed.map(([n, v]) => `${n} ${v}`).join(', '))] : []), ...(used.length > 0 ? [`${describeSessions(used)} seeing this LUN`] : [])];
    ctx.forced(PHASE.targets, reasons.length > 0 ? reasons.join('; ') : undefined, swap);
  }
}

/**
 * LUN parameters the host has (`[key]`) and the file's LUN does not give. A read-only device
 * makes each of its LUNs read `read_only 1 [key]` by itself: that is not the LUN's own setting.
 */
function unnamedLunParams(ctx: PlanContext, lun: Lun, current: Lun): Array<[string, string]> {
  if (ctx.live.live?.partial) return [];
  const deviceReadOnly = ctx.index.device(current.device)?.device.attributes.read_only?.[0];
  const unnamed: Array<[string, string]> = [];
  for (const [name, values] of Object.entries(current.attributes)) {
    const value = values[0];
    if (name in lun.attributes || value === undefined) continue;
    if (name === 'read_only' && (value === '0' || deviceReadOnly === value)) continue;
    unnamed.push([name, value]);
  }
  return unnamed;
}

/**
 * Initiators per target (spec scst-conf §6.7): one named in the file but in another live group
 * is moved (one write; --force when a session of it gets re-homed), else added. Entries the file
 * lacks are removed by the removal pass (--prune).
 */
function planInitiators(ctx: PlanContext, driver: string, target: Target, live: Target, groups: IniGroup[]): void {
  for (const group of groups) {
    // Sets: a group may hold thousands of entries, and each one is looked up.
    const present = new Set(live.groups[group.name]?.initiators ?? []);
    for (const initiator of group.initiators) {
      if (present.has(initiator)) continue;
      const source = Object.values(live.groups).find(
        (g) => g.name !== group.name && g.initiators.includes(initiator) && !target.groups[g.name]?.initiators.includes(initiator),
      );
      if (!source) {
        ctx.add(PHASE.targets, withInverse(addInitiator(driver, target.name, group.name, initiator), [delInitiator(driver, target.name, group.name, initiator)]));
        continue;
      }
      const moved = sessionsMatchedBy(live, source.name, initiator);
      const move = withInverse(moveInitiator(driver, target.name, source.name, group.name, initiator), [moveInitiator(driver, target.name, group.name, source.name, initiator)]);
      ctx.forced(PHASE.targets, moved.length > 0 ? `${describeSessions(moved)} would move to another LUN set` : undefined, move);
    }
  }
}

function planDriverAttributes(ctx: PlanContext, driverName: string, driver: TargetDriver, live: TargetDriver): void {
  const dynamic = new Set(live.dynamicDriverAttributes ?? []);
  ctx.add(PHASE.drivers, ...attributeWrites(ctx, { kind: 'driver', driver: driverName }, driver.attributes, live.attributes, (n) => dynamic.has(n)));
  const names = new Set([...Object.keys(driver.attributes), ...Object.keys(live.attributes)].filter((n) => dynamic.has(n)));
  for (const name of [...names].sort()) {
    ctx.add(PHASE.drivers, ...dynamicWrites(ctx, driverName, undefined, name, driver.attributes[name] ?? [], live.attributes[name] ?? []));
  }
  if (driver.enabled !== undefined && live.enabled !== undefined && driver.enabled !== live.enabled) {
    ctx.add(PHASE.enableDrivers, setEnabled({ driver: driverName }, driver.enabled, live.enabled));
  }
}
