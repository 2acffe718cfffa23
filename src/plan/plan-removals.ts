/**
 * What the host has and the file does not (spec scst-conf §6.3, §6.9): kept and reported unless
 * --prune; removed in reverse dependency order — ALUA memberships, initiators, LUNs, groups,
 * targets, devices. Deleting a container takes its content along, so its content is not removed
 * one by one, and the container's undo re-creates all of it. Whatever a session uses needs
 * --force; copy_manager's automatic LUNs, hardware targets and the targets a module creates by
 * itself (scst_local's scst_local_tgt) are never removed for being absent from the file.
 */
import { isSelfCreatedTarget } from '../model/attributes.js';
import type { Target } from '../model/types.js';
import {
  addDeviceGroupDevice, addInitiator, addLun, addTargetGroupMember, closeSession, delDevice, delDeviceGroup,
  delDeviceGroupDevice, delGroup, delInitiator, delLun, delTarget, delTargetGroup, delTargetGroupMember, setEnabled,
  withInverse, type Op,
} from './ops.js';
import { byName, deviceCreation, groupCreation, initiatorAdds, liveLunParams, sortedLuns, targetRestoration } from './create.js';
import { PHASE, lunKey, membershipKey, type PlanContext } from './context.js';
import { describeSessions, sessionsMatchedBy, sessionsOfSet, sessionsSeeingLun } from './in-use.js';
import { COPY_MANAGER } from './live-index.js';
import { placeKey } from './plan-devices.js';
import { deviceGroupCreation, memberAttributes, targetGroupCreation } from './plan-alua.js';
import { planMessages as msg } from './messages.js';

export function planRemovals(ctx: PlanContext): void {
  planDeviceGroupRemovals(ctx);
  for (const driverName of Object.keys(ctx.live.drivers).sort()) {
    if (driverName === COPY_MANAGER) {
      noteCopyManagerLuns(ctx);
      continue;
    }
    const liveDriver = ctx.live.drivers[driverName]!;
    for (const live of Object.values(liveDriver.targets).sort(byName)) {
      const desired = ctx.desired.drivers[driverName]?.targets[live.name];
      if (desired) planTargetContentRemovals(ctx, driverName, desired, live);
      else planTargetRemoval(ctx, driverName, live, Boolean(liveDriver.virtual) && !live.hardware);
    }
  }
  planDeviceRemovals(ctx);
}

/**
 * The copy manager's LUNs are the kernel's (one per vdisk device, numbered by it, gone with the
 * device): never removed. With --prune (remove what the file does not list) the plan says so for
 * those the file does not list; without it, nothing unlisted is removed anyway.
 */
function noteCopyManagerLuns(ctx: PlanContext): void {
  if (!ctx.options.prune) return;
  for (const live of Object.values(ctx.live.drivers[COPY_MANAGER]!.targets).sort(byName)) {
    const listed = ctx.desired.drivers[COPY_MANAGER]?.targets[live.name]?.luns ?? {};
    const devices = new Set(Object.values(listed).map((l) => l.device));
    const unlisted = Object.values(live.luns).filter((l) => !devices.has(l.device)).length;
    if (unlisted > 0) ctx.kept(`target ${COPY_MANAGER}/${live.name}`, msg.copyManagerLunsKept(unlisted));
  }
}

function planTargetRemoval(ctx: PlanContext, driver: string, live: Target, virtual: boolean): void {
  const object = `target ${driver}/${live.name}`;
  if (isSelfCreatedTarget(driver, live.name)) {
    // The module made it and makes it again at its next load: a file without it is not asking
    // for its removal, so it is no drift either (status, doctor and diff plan as --prune does).
    ctx.kept(object, msg.selfCreatedKept(driver));
    return;
  }
  if (!virtual) {
    if (ctx.options.prune) ctx.kept(object, msg.hardwareKept);
    return;
  }
  if (!ctx.options.prune) {
    ctx.kept(object, msg.notInFile());
    return;
  }
  const sessions = live.sessions ?? [];
  const ops: Op[] = [];
  // An enabled target would let the closed initiators log in again before it is deleted.
  if (sessions.length > 0 && live.enabled) ops.push(setEnabled({ driver, target: live.name }, false, true));
  for (const s of sessions) ops.push(closeSession(driver, live.name, s.name));
  ops.push(withInverse(delTarget(driver, live.name), targetRestoration(driver, live, ctx.index.traits(driver))));
  const reason = sessions.length > 0 ? `${describeSessions(sessions)} logged in` : undefined;
  if (!ctx.forced(PHASE.removeTargets, reason, ...ops)) return;
  for (const lun of Object.values(live.luns)) ctx.goneLuns.add(lunKey(driver, live.name, undefined, lun.lun));
  for (const g of Object.values(live.groups)) for (const lun of Object.values(g.luns)) ctx.goneLuns.add(lunKey(driver, live.name, g.name, lun.lun));
}

function planTargetContentRemovals(ctx: PlanContext, driver: string, desired: Target, live: Target): void {
  const prefix = `${driver}/${live.name}`;
  let wantedOnTarget: Set<string> | undefined;
  for (const group of Object.values(live.groups).sort(byName)) {
    const wanted = desired.groups[group.name];
    if (!wanted) {
      if (!ctx.options.prune) {
        ctx.kept(`group ${prefix}/${group.name}`, msg.notInFile());
        continue;
      }
      const sessions = sessionsOfSet(live, group.name);
      // SCST refuses to delete a group while sessions are attached (EBUSY). Closing them would
      // not do: an initiator logs in again at once, into the same group. Removing the group's
      // initiators first re-homes their sessions to the target's default LUN set, reversibly.
      const ops = sessions.length === 0
        ? [withInverse(delGroup(driver, live.name, group.name), [...groupCreation(driver, live.name, group, liveLunParams), ...initiatorAdds(driver, live.name, group)])]
        : [
            ...group.initiators.map((ini) => withInverse(delInitiator(driver, live.name, group.name, ini), [addInitiator(driver, live.name, group.name, ini)])),
            withInverse(delGroup(driver, live.name, group.name), groupCreation(driver, live.name, group, liveLunParams)),
          ];
      if (ctx.forced(PHASE.removeGroups, sessions.length > 0 ? `${describeSessions(sessions)} in this group` : undefined, ...ops)) {
        for (const lun of Object.values(group.luns)) ctx.goneLuns.add(lunKey(driver, live.name, group.name, lun.lun));
      }
      continue;
    }
    removeLuns(ctx, driver, live, group.name, group.luns, wanted.luns);
    // A set of every entry the file wants on this target: groups hold thousands of entries.
    wantedOnTarget ??= new Set(Object.values(desired.groups).flatMap((g) => g.initiators));
    for (const initiator of group.initiators) {
      if (wantedOnTarget.has(initiator)) continue; // kept, or moved here from another group later
      const object = `group ${prefix}/${group.name}`;
      if (!ctx.options.prune) {
        ctx.kept(object, msg.notInFile(`initiator ${initiator}`));
        continue;
      }
      const sessions = sessionsMatchedBy(live, group.name, initiator);
      const del = withInverse(delInitiator(driver, live.name, group.name, initiator), [addInitiator(driver, live.name, group.name, initiator)]);
      ctx.forced(PHASE.removeInitiators, sessions.length > 0 ? `${describeSessions(sessions)} would lose this group's LUNs` : undefined, del);
    }
  }
  removeLuns(ctx, driver, live, undefined, live.luns, desired.luns);
}

function removeLuns(ctx: PlanContext, driver: string, live: Target, group: string | undefined, liveLuns: Target['luns'], wanted: Target['luns']): void {
  const set = { driver, target: live.name, group };
  for (const lun of sortedLuns(liveLuns).reverse()) {
    if (wanted[String(lun.lun)]) continue;
    const object = `LUN ${lun.lun} of ${driver}/${live.name}${group === undefined ? '' : `/${group}`}`;
    if (!ctx.options.prune) {
      ctx.kept(object, msg.notInFile(`(device ${lun.device})`));
      continue;
    }
    const sessions = sessionsSeeingLun(live, group, lun.lun);
    // Deleting the device unmaps it everywhere: one write instead of one per LUN.
    if (sessions.length === 0 && !deviceWanted(ctx, lun.device)) continue;
    const del = withInverse(delLun(set, lun.lun, lun.device), [addLun(set, lun.lun, lun.device, liveLunParams(lun))]);
    if (ctx.forced(PHASE.removeLuns, sessions.length > 0 ? `${describeSessions(sessions)} seeing this LUN` : undefined, del)) {
      ctx.goneLuns.add(lunKey(driver, live.name, group, lun.lun));
    }
  }
}

function deviceWanted(ctx: PlanContext, device: string): boolean {
  return Object.values(ctx.desired.handlers).some((h) => h.devices[device] !== undefined);
}

function planDeviceRemovals(ctx: PlanContext): void {
  const wanted = new Set(Object.values(ctx.desired.handlers).flatMap((h) => Object.keys(h.devices)));
  for (const handlerName of Object.keys(ctx.live.handlers).sort()) {
    // scst_user devices belong to the user-space program that opened them (no mgmt file).
    if (handlerName === 'scst_user') continue;
    const handler = ctx.live.handlers[handlerName]!;
    for (const device of Object.values(handler.devices).sort(byName)) {
      if (wanted.has(device.name)) continue;
      if (!ctx.options.prune) {
        ctx.kept(`device ${device.name}`, msg.notInFile());
        continue;
      }
      const remaining = ctx.index.lunsOf(device.name).filter((p) => !ctx.goneLuns.has(placeKey(p)));
      const memberships = ctx.index.deviceGroupsOf(device.name).filter((dg) => !ctx.goneMemberships.has(membershipKey(dg, device.name)));
      const used = remaining.flatMap((p) => sessionsSeeingLun(ctx.live.drivers[p.driver]?.targets[p.target], p.group, p.lun.lun));
      const undo = [
        ...deviceCreation(handlerName, device, handler.createParams ?? [], true),
        ...remaining.map((p) => addLun({ driver: p.driver, target: p.target, group: p.group }, p.lun.lun, p.lun.device, liveLunParams(p.lun))),
        ...memberships.map((dg) => addDeviceGroupDevice(dg, device.name)),
      ];
      const unmapped = remaining.map((p) => `LUN ${p.lun.lun} of ${p.driver}/${p.target}${p.group === undefined ? '' : `/${p.group}`}`);
      const base = delDevice(handlerName, device.name);
      const summary = unmapped.length > 0 ? `delete device ${device.name} (${handlerName}), unmapping ${unmapped.join(', ')}` : base.summary;
      const del = withInverse({ ...base, summary }, undo);
      ctx.forced(PHASE.removeDevices, used.length > 0 ? `${describeSessions(used)} seeing its LUNs` : undefined, del);
    }
  }
}

function planDeviceGroupRemovals(ctx: PlanContext): void {
  for (const dg of Object.values(ctx.live.deviceGroups).sort(byName)) {
    const wanted = ctx.desired.deviceGroups[dg.name];
    const object = `device group ${dg.name}`;
    if (!wanted) {
      if (!ctx.options.prune) {
        ctx.kept(object, msg.notInFile());
        continue;
      }
      ctx.add(PHASE.removeAlua, withInverse(delDeviceGroup(dg.name), deviceGroupCreation(dg)));
      for (const device of dg.devices) ctx.goneMemberships.add(membershipKey(dg.name, device));
      continue;
    }
    for (const tg of Object.values(dg.targetGroups).sort(byName)) {
      const wantedTg = wanted.targetGroups[tg.name];
      if (!wantedTg) {
        if (ctx.options.prune) ctx.add(PHASE.removeAlua, withInverse(delTargetGroup(dg.name, tg.name), targetGroupCreation(dg.name, tg)));
        else ctx.kept(`target group ${dg.name}/${tg.name}`, msg.notInFile());
        continue;
      }
      for (const member of Object.values(tg.targets)) {
        if (wantedTg.targets[member.name]) continue;
        if (!ctx.options.prune) {
          ctx.kept(`target group ${dg.name}/${tg.name}`, msg.notInFile(`member ${member.name}`));
          continue;
        }
        const undo = [addTargetGroupMember(dg.name, tg.name, member.name), ...memberAttributes(dg.name, tg.name, member)];
        ctx.add(PHASE.removeAlua, withInverse(delTargetGroupMember(dg.name, tg.name, member.name), undo));
      }
    }
    for (const device of dg.devices) {
      if (wanted.devices.includes(device)) continue;
      if (!ctx.options.prune) {
        ctx.kept(object, msg.notInFile(`device ${device}`));
        continue;
      }
      ctx.add(PHASE.removeAlua, withInverse(delDeviceGroupDevice(dg.name, device), [addDeviceGroupDevice(dg.name, device)]));
      ctx.goneMemberships.add(membershipKey(dg.name, device));
    }
  }
}

