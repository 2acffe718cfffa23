/**
 * Devices: open the missing ones with their creation parameters on the add_device line, write
 * only the attributes that differ, and re-create (destructive, --force) a device whose creation
 * parameters or handler changed. Closing a device also drops its LUNs and its device-group
 * membership in the kernel, so the undo of a delete maps it again where it still was, and the
 * LUNs the file keeps are mapped again after a re-create.
 */
import { attributeSpec } from '../model/attributes.js';
import { dict, type Device } from '../model/types.js';
import { addDeviceGroupDevice, addLun, delDevice, withInverse } from './ops.js';
import { deviceCreation, liveLunParamsIn, splitAttributes } from './create.js';
import { attributeWrites } from './attribute-diff.js';
import { PHASE, lunKey, membershipKey, type PlanContext } from './context.js';
import { describeSessions, sessionsSeeingLun } from './in-use.js';
import type { LunPlace } from './live-index.js';
import { sameValue } from './values.js';
import { planMessages as msg } from './messages.js';

/** Size given either way is one fact: `size` and `size_mb` stand for each other. */
const SAME_FACT: Record<string, string> = { size: 'size_mb', size_mb: 'size' };

export function planDevices(ctx: PlanContext): void {
  for (const handlerName of Object.keys(ctx.desired.handlers).sort()) {
    const handler = ctx.desired.handlers[handlerName]!;
    const liveHandler = ctx.live.handlers[handlerName];
    if (!liveHandler) {
      ctx.problem(`handler ${handlerName}`, msg.notLoaded, msg.notLoadedHint);
      continue;
    }
    const createParams = liveHandler.createParams ?? [];
    for (const name of Object.keys(handler.devices).sort()) {
      const device = handler.devices[name]!;
      const live = ctx.index.device(name);
      if (!live) {
        ctx.createdDevices.add(name);
        ctx.add(PHASE.devices, ...deviceCreation(handlerName, device, createParams));
        continue;
      }
      const differences = live.handler === handlerName ? creationDifferences(ctx, device, live.device, createParams) : [`handler ${live.handler} → ${handlerName}`];
      if (differences.length > 0 && recreate(ctx, handlerName, device, live.handler, live.device, createParams, differences)) continue;
      // Creation parameters that are also writable attributes are corrected by a write.
      const fixedAtCreation = (attr: string) => createParams.includes(attr) && !isWritable(handlerName, attr);
      const writes = attributeWrites(ctx, { kind: 'device', device: name }, device.attributes, withDerivedSize(live.device), fixedAtCreation);
      ctx.add(PHASE.devices, ...writes);
    }
  }
  planHandlerAttributes(ctx);
}

function planHandlerAttributes(ctx: PlanContext): void {
  for (const handlerName of Object.keys(ctx.desired.handlers).sort()) {
    const live = ctx.live.handlers[handlerName];
    if (!live) continue;
    ctx.add(PHASE.handlers, ...attributeWrites(ctx, { kind: 'handler', handler: handlerName }, ctx.desired.handlers[handlerName]!.attributes, live.attributes));
  }
}

/**
 * Creation parameters that differ (spec scst-conf §6.6): a file value not equal to the live one,
 * or, with --prune, a live parameter marked `[key]` that the file does not give (without --prune
 * it is left alone and reported, like any value the file does not mention).
 */
function creationDifferences(ctx: PlanContext, desired: Device, live: Device, createParams: string[]): string[] {
  const { params } = splitAttributes(desired.attributes, createParams);
  const differences: string[] = [];
  for (const [name, value] of Object.entries(params)) {
    if (isWritable(desired.handler ?? '', name)) continue;
    const current = ctx.liveValue(`devices/${desired.name}/${name}`, `device ${desired.name}`, live.attributes, name);
    // An unreadable live value counts as equal to a zero (as scstadmin does).
    if (current === undefined ? Number(value) === 0 : sameValue(name, current, value)) continue;
    differences.push(`${name} ${current ?? '(unset)'} → ${value}`);
  }
  for (const name of Object.keys(live.attributes).sort()) {
    if (!createParams.includes(name) || name in params || isWritable(desired.handler ?? '', name)) continue;
    const alias = SAME_FACT[name];
    if (alias !== undefined && alias in params) continue;
    if (!ctx.liveIsKey(`devices/${desired.name}/${name}`, `device ${desired.name}`, name)) continue;
    const value = live.attributes[name]?.[0] ?? '';
    if (ctx.options.prune) differences.push(`${name} ${value} → (default)`);
    else ctx.kept(`device ${desired.name}`, msg.createParamNotInFile(name, value));
  }
  return differences;
}

/** Close and re-open a device. Returns false when held back for want of --force. */
function recreate(ctx: PlanContext, handler: string, desired: Device, liveHandler: string, live: Device, createParams: string[], differences: string[]): boolean {
  const remaining = ctx.index.lunsOf(live.name).filter((p) => !ctx.goneLuns.has(placeKey(p)));
  const memberships = ctx.index.deviceGroupsOf(live.name).filter((dg) => !ctx.goneMemberships.has(membershipKey(dg, live.name)));
  const used = remaining.flatMap((p) => sessionsSeeingLun(ctx.live.drivers[p.driver]?.targets[p.target], p.group, p.lun.lun));
  const reason = `creation parameters differ (${differences.join(', ')}); re-creating the device drops its LUNs for a moment${used.length > 0 ? `, and ${describeSessions(used)} use it` : ''}`;
  const liveCreateParams = ctx.live.handlers[liveHandler]?.createParams ?? [];
  const undo = [
    ...deviceCreation(liveHandler, live, liveCreateParams, true),
    ...remaining.map((p) => addLun({ driver: p.driver, target: p.target, group: p.group }, p.lun.lun, p.lun.device, liveLunParamsIn(ctx, { driver: p.driver, target: p.target, group: p.group }, p.lun))),
    ...memberships.map((dg) => addDeviceGroupDevice(dg, live.name)),
  ];
  const closing = delDevice(liveHandler, live.name);
  const close = withInverse({ ...closing, summary: `re-create device ${live.name}: close it (its LUNs go with it) and open it again` }, undo, { destructive: true });
  const open = deviceCreation(handler, desired, createParams);
  if (!ctx.forced(PHASE.devices, reason, close, ...open)) return false;
  ctx.createdDevices.add(desired.name);
  for (const p of remaining) ctx.cascadedLuns.add(placeKey(p));
  for (const dg of memberships) ctx.cascadedMemberships.add(membershipKey(dg, live.name));
  return true;
}

/** `size_mb` is never `[key]`, so the live reader leaves it out; it follows from the size. */
function withDerivedSize(device: Device): Device['attributes'] {
  const bytes = device.size ?? Number(device.attributes.size?.[0]);
  if (device.attributes.size_mb || !Number.isFinite(bytes)) return device.attributes;
  return Object.assign(dict<string[]>(), device.attributes, { size_mb: [String(Math.floor(bytes / 2 ** 20))] });
}

/**
 * A creation parameter the kernel also lets one write afterwards (t10_dev_id): changing it needs
 * no re-create. `filename` is writable only while the device is inactive, so it is not one.
 */
function isWritable(handler: string, name: string): boolean {
  return name !== 'filename' && attributeSpec('device', handler, name)?.writable === true;
}

export function placeKey(p: LunPlace): string {
  return lunKey(p.driver, p.target, p.group, p.lun.lun);
}
