/**
 * ALUA (spec scst-conf §6.9): the `device_groups` attributes, then each device group of the
 * file — created when missing, missing member devices added (also those a device re-create
 * dropped), target groups and their members, then the attributes of members, target groups and
 * the device group.
 */
import type { DeviceGroup, TargetGroup, TargetGroupMember } from '../model/types.js';
import {
  addDeviceGroupDevice, addTargetGroupMember, createDeviceGroup, createTargetGroup, delDeviceGroup, delDeviceGroupDevice,
  delTargetGroup, delTargetGroupMember, withInverse, type Op,
} from './ops.js';
import { attributeWrites, initialAttributeWrites } from './attribute-diff.js';
import { byName } from './create.js';
import { PHASE, membershipKey, type PlanContext } from './context.js';

export function planAlua(ctx: PlanContext): void {
  ctx.add(PHASE.alua, ...attributeWrites(ctx, { kind: 'alua' }, ctx.desired.alua, ctx.live.alua));
  for (const dg of Object.values(ctx.desired.deviceGroups).sort(byName)) {
    const live = ctx.live.deviceGroups[dg.name];
    if (!live) {
      ctx.add(PHASE.deviceGroups, ...deviceGroupCreation(dg));
      continue;
    }
    for (const device of dg.devices) {
      if (live.devices.includes(device) && !ctx.cascadedMemberships.has(membershipKey(dg.name, device))) continue;
      ctx.add(PHASE.deviceGroups, withInverse(addDeviceGroupDevice(dg.name, device), [delDeviceGroupDevice(dg.name, device)]));
    }
    for (const tg of Object.values(dg.targetGroups).sort(byName)) {
      const liveTg = live.targetGroups[tg.name];
      if (!liveTg) {
        ctx.add(PHASE.deviceGroups, ...targetGroupCreation(dg.name, tg));
        continue;
      }
      for (const member of Object.values(tg.targets).sort(byName)) {
        const liveMember = liveTg.targets[member.name];
        if (!liveMember) {
          ctx.add(PHASE.deviceGroups, withInverse(addTargetGroupMember(dg.name, tg.name, member.name), [delTargetGroupMember(dg.name, tg.name, member.name)]));
          ctx.add(PHASE.deviceGroups, ...memberAttributes(dg.name, tg.name, member));
        } else if (liveMember.remote) {
          ctx.add(PHASE.deviceGroups, ...attributeWrites(ctx, { kind: 'tgroup_member', dgroup: dg.name, tgroup: tg.name, member: member.name }, member.attributes, liveMember.attributes));
        }
      }
      ctx.add(PHASE.deviceGroups, ...attributeWrites(ctx, { kind: 'tgroup', dgroup: dg.name, tgroup: tg.name }, tg.attributes, liveTg.attributes));
    }
    ctx.add(PHASE.deviceGroups, ...attributeWrites(ctx, { kind: 'dgroup', dgroup: dg.name }, dg.attributes, live.attributes));
  }
}

/** A member naming no local target is a remote port: SCST keeps only its rel_tgt_id. */
export function memberAttributes(dgroup: string, tgroup: string, member: TargetGroupMember): Op[] {
  // A local member is a link to the target: its attributes belong to the target, not to ALUA.
  return member.remote === false ? [] : initialAttributeWrites({ kind: 'tgroup_member', dgroup, tgroup, member: member.name }, member.attributes);
}

export function targetGroupCreation(dgroup: string, tg: TargetGroup): Op[] {
  const ops = [withInverse(createTargetGroup(dgroup, tg.name), [delTargetGroup(dgroup, tg.name)])];
  for (const member of Object.values(tg.targets).sort(byName)) ops.push(addTargetGroupMember(dgroup, tg.name, member.name), ...memberAttributes(dgroup, tg.name, member));
  ops.push(...initialAttributeWrites({ kind: 'tgroup', dgroup, tgroup: tg.name }, tg.attributes));
  return ops;
}

export function deviceGroupCreation(dg: DeviceGroup): Op[] {
  const ops = [withInverse(createDeviceGroup(dg.name), [delDeviceGroup(dg.name)])];
  for (const device of dg.devices) ops.push(addDeviceGroupDevice(dg.name, device));
  for (const tg of Object.values(dg.targetGroups).sort(byName)) ops.push(...targetGroupCreation(dg.name, tg));
  ops.push(...initialAttributeWrites({ kind: 'dgroup', dgroup: dg.name }, dg.attributes));
  return ops;
}
