/**
 * Device changes: add-device, rm-device, set-device, resync-device, insert-media, eject-media.
 * Attributes are checked against the model's attribute table for the device's handler: unknown
 * ones, ones SCST only shows, and creation-only ones on a live device are refused (exit 2).
 * Nothing here deletes or truncates a backing file: removing a device closes it in SCST only.
 */
import { badInput } from '../../errors.js';
import { attributeSpec, isKnownOwner, isPassthroughHandler } from '../../model/attributes.js';
import { dict, type Device, type ScstConfig } from '../../model/types.js';
import { setAttribute } from '../../plan/ops.js';
import { sameValue } from '../../plan/values.js';
import type { Change, PrepareContext, Prepared } from '../change.js';
import { checkName, checkValue, requireDevice } from '../checks.js';
import { findDevice } from '../model.js';
import { deviceMessages as msg } from './messages.js';
import { deviceGroupHolding } from './alua.js';

const BACKED = new Set(['vdisk_fileio', 'vdisk_blockio']);

/** Values SCST reports for an attribute it does not mark `[key]`: the table's default. */
function liveValue(device: Device, name: string): string | undefined {
  const value = device.attributes[name]?.at(-1);
  if (value !== undefined) return value;
  if (name === 'size' && device.size !== undefined) return String(device.size);
  if (name === 'size_mb' && device.size !== undefined) return String(Math.floor(device.size / 1048576));
  return attributeSpec('device', device.handler, name)?.default;
}

/** Each attribute: a word, a value SCST and scst.conf can carry, known to the handler's table. */
function checkAttributes(handler: string, device: string, attributes: Record<string, string>, when: 'create' | 'live'): void {
  const object = `device ${device}`;
  for (const [name, value] of Object.entries(attributes)) {
    checkName('attribute', name, object);
    checkValue('device', handler, name, value, object);
    const spec = attributeSpec('device', handler, name);
    if (!spec) {
      if (isKnownOwner('device', handler)) throw badInput(msg.unknownAttribute(name, handler), { object, hint: msg.unknownAttributeHint(handler), code: 'UNKNOWN_ATTRIBUTE' });
      continue;
    }
    if (!spec.create && !spec.writable) throw badInput(msg.notSettable(name), { object, code: 'READ_ONLY_ATTRIBUTE' });
    if (when === 'live' && !spec.writable) throw badInput(msg.fixedAtCreation(name), { object, hint: msg.fixedAtCreationHint(device), code: 'CREATION_ONLY' });
  }
}

/** The backing file must be there and be what the handler opens. */
function checkBackingFile(handler: string, device: string, path: string, context: PrepareContext): void {
  const object = `device ${device}`;
  const kind = context.statPath(path);
  if (kind === 'missing') throw badInput(msg.backingMissing(path), { object, code: 'BACKING_MISSING' });
  if (kind === 'other') throw badInput(msg.backingNotFile(path), { object, code: 'BACKING_NOT_FILE' });
  if (handler === 'vdisk_blockio' && kind !== 'block') throw badInput(msg.backingNotBlock(path), { object, code: 'BACKING_NOT_BLOCK' });
}

export interface AddDeviceArgs {
  name: string;
  handler: string;
  /** Creation parameters and attributes, by their SCST names. */
  attributes: Record<string, string>;
}

export function addDevice(args: AddDeviceArgs): Change {
  const object = `device ${args.name}`;
  checkName('handler', args.handler, `handler ${args.handler}`);
  checkName('device', args.name, object, { owner: args.handler });
  checkAttributes(args.handler, args.name, args.attributes, 'create');
  const file = args.attributes.filename;
  if (BACKED.has(args.handler) && file === undefined) throw badInput(msg.needsFile(args.handler), { object, code: 'BACKING_NEEDED' });
  if (file !== undefined && !BACKED.has(args.handler) && isKnownOwner('device', args.handler)) throw badInput(msg.noFileFor(args.handler), { object, code: 'UNKNOWN_ATTRIBUTE' });
  return {
    command: `add-device ${args.name}`,
    scope: { devices: [args.name], handlers: [args.handler] },
    prepare(live, context): Prepared {
      const existing = findDevice(live, args.name);
      if (existing) refuseOtherSettings(existing, args);
      else {
        if (isPassthroughHandler(args.handler) && !live.live?.unboundScsiDevices?.includes(args.name)) throw badInput(msg.noScsiDevice, { object, code: 'NO_SUCH_OBJECT' });
        if (file !== undefined) checkBackingFile(args.handler, args.name, file, context);
      }
      return {
        kind: 'add',
        object,
        details: { device: args.name, handler: args.handler, attributes: args.attributes },
        apply: (model) => putDevice(model, args),
      };
    },
  };
}

function refuseOtherSettings(existing: Device, args: AddDeviceArgs): void {
  const object = `device ${args.name}`;
  if (existing.handler !== args.handler) throw badInput(msg.otherHandler(existing.handler), { object, hint: msg.otherSettingsHint, code: 'DEVICE_EXISTS' });
  const differences = Object.entries(args.attributes)
    .filter(([name, value]) => {
      const current = liveValue(existing, name);
      return current === undefined || !sameValue(name, current, value);
    })
    .map(([name, value]) => `${name} ${liveValue(existing, name) ?? '(not shown)'}, not ${value}`);
  if (differences.length > 0) throw badInput(msg.otherSettings(differences.join('; ')), { object, hint: msg.otherSettingsHint, code: 'DEVICE_EXISTS' });
}

function putDevice(model: ScstConfig, args: AddDeviceArgs): boolean {
  if (findDevice(model, args.name)) return false;
  const handler = (model.handlers[args.handler] ??= { name: args.handler, attributes: dict(), devices: dict() });
  const attributes = dict<string[]>();
  for (const [name, value] of Object.entries(args.attributes)) attributes[name] = [value];
  handler.devices[args.name] = { name: args.name, handler: args.handler, attributes };
  return true;
}

export function rmDevice(args: { name: string }): Change {
  const object = `device ${args.name}`;
  checkName('device', args.name, object);
  return {
    command: `rm-device ${args.name}`,
    scope: { devices: [args.name] },
    async prepare(live, context): Promise<Prepared> {
      const device = findDevice(live, args.name);
      const exports = device?.exports ?? [];
      if (exports.length > 0) {
        const where = exports.map((e) => `LUN ${e.lun} of ${e.driver}/${e.target}${e.group === undefined ? '' : `/${e.group}`}`).join(', ');
        if (!context.force) throw badInput(msg.exported(where), { object, hint: msg.exportedHint, code: 'IN_USE' });
        // The LUNs go with the device; read them (and who sees them) so the undo maps them again.
        await context.read({ targets: exports.map((e) => (e.group === undefined ? { driver: e.driver, target: e.target, luns: [e.lun], sessions: true } : { driver: e.driver, target: e.target, groups: [e.group], groupLuns: [e.lun], sessions: true })) });
      }
      // Its device group too: the membership is given up first, and the undo gives it back.
      const group = device ? await deviceGroupHolding(context, args.name) : undefined;
      if (group !== undefined) await context.read({ deviceGroups: [group] });
      return {
        kind: 'remove',
        object,
        details: { device: args.name, ...(device ? { handler: device.handler } : {}), unmapped: exports },
        apply: (model) => dropDevice(model, args.name),
      };
    },
  };
}

/** The device, the LUNs that map it, and its device-group memberships leave the model together. */
function dropDevice(model: ScstConfig, name: string): boolean {
  const device = findDevice(model, name);
  if (!device) return false;
  delete model.handlers[device.handler]!.devices[name];
  for (const driver of Object.values(model.drivers)) {
    for (const target of Object.values(driver.targets)) {
      for (const set of [target.luns, ...Object.values(target.groups).map((g) => g.luns)]) {
        for (const [number, lun] of Object.entries(set)) if (lun.device === name) delete set[number];
      }
    }
  }
  for (const dg of Object.values(model.deviceGroups)) dg.devices = dg.devices.filter((d) => d !== name);
  return true;
}

export function setDevice(args: { name: string; attributes: Record<string, string> }): Change {
  const object = `device ${args.name}`;
  checkName('device', args.name, object);
  return {
    command: `set-device ${args.name}`,
    scope: { devices: [args.name] },
    prepare(live): Prepared {
      const device = requireDevice(live, args.name);
      checkAttributes(device.handler, args.name, args.attributes, 'live');
      return {
        kind: 'set',
        object,
        details: { device: args.name, handler: device.handler, attributes: args.attributes },
        apply: (model) => setAttributes(findDevice(model, args.name), args.attributes),
      };
    },
  };
}

function setAttributes(device: Device | undefined, attributes: Record<string, string>): boolean {
  if (!device) return false;
  let changed = false;
  for (const [name, value] of Object.entries(attributes)) {
    if (device.attributes[name]?.at(-1) === value) continue;
    device.attributes[name] = [value];
    changed = true;
  }
  return changed;
}

/** After the backing file or LV grew: SCST re-reads its size (one write to `resync_size`). */
export function resyncDevice(args: { name: string }): Change {
  const object = `device ${args.name}`;
  checkName('device', args.name, object);
  return {
    command: `resync-device ${args.name}`,
    scope: { devices: [args.name] },
    prepare(live): Prepared {
      const device = requireDevice(live, args.name);
      if (!BACKED.has(device.handler)) throw badInput(msg.noResync(device.handler), { object, code: 'NO_RESYNC' });
      const op = { ...setAttribute({ kind: 'device', device: args.name }, 'resync_size', '1', undefined), summary: 're-read the size of the backing file', irreversible: true };
      return { kind: 'set', object, details: { device: args.name, size: device.size }, apply: () => false, triggers: [op] };
    },
  };
}

/** vcdrom: writing a path to `filename` inserts the media. */
export function insertMedia(args: { name: string; file: string }): Change {
  const object = `device ${args.name}`;
  checkName('device', args.name, object);
  checkValue('device', 'vcdrom', 'filename', args.file, object);
  return {
    command: `insert-media ${args.name} ${args.file}`,
    scope: { devices: [args.name] },
    prepare(live, context): Prepared {
      const device = requireDevice(live, args.name);
      if (device.handler !== 'vcdrom') throw badInput(msg.notVcdrom(device.handler), { object, code: 'NOT_VCDROM' });
      const kind = context.statPath(args.file);
      if (kind === 'missing') throw badInput(msg.backingMissing(args.file), { object, code: 'BACKING_MISSING' });
      if (kind === 'other') throw badInput(msg.backingNotFile(args.file), { object, code: 'BACKING_NOT_FILE' });
      return {
        kind: 'set',
        object,
        details: { device: args.name, file: args.file },
        apply: (model) => setAttributes(findDevice(model, args.name), { filename: args.file }),
      };
    },
  };
}

/** vcdrom: an empty line written to `filename` ejects the media; the file forgets it. */
export function ejectMedia(args: { name: string }): Change {
  const object = `device ${args.name}`;
  checkName('device', args.name, object);
  return {
    command: `eject-media ${args.name}`,
    scope: { devices: [args.name] },
    prepare(live): Prepared {
      const device = requireDevice(live, args.name);
      if (device.handler !== 'vcdrom') throw badInput(msg.notVcdrom(device.handler), { object, code: 'NOT_VCDROM' });
      const current = device.attributes.filename?.at(-1);
      const eject = { ...setAttribute({ kind: 'device', device: args.name }, 'filename', '', current), summary: `eject the media (${current})` };
      return {
        kind: 'remove',
        object: `media of ${object}`,
        details: { device: args.name, ...(current ? { file: current } : {}) },
        apply: (model) => {
          const d = findDevice(model, args.name);
          if (!d?.attributes.filename) return false;
          delete d.attributes.filename;
          return true;
        },
        triggers: current ? [eject] : [],
      };
    },
  };
}
