/**
 * Model plumbing of the edit engine: a deep copy that keeps the model's prototype-free records,
 * merging scoped reads into one model, adopting into the file's model the objects the change
 * touches but the file lacks, and finding or creating the containers a change edits.
 */
import { dict, type Device, type IniGroup, type Lun, type ScstConfig, type Target, type TargetDriver } from '../model/types.js';

/** A deep copy; records stay prototype-free so any SCST name is an ordinary key. */
export function cloneModel<T>(value: T): T {
  if (Array.isArray(value)) return value.map((v) => cloneModel(v)) as T;
  if (value === null || typeof value !== 'object') return value;
  const copy = dict<unknown>();
  for (const [key, v] of Object.entries(value)) copy[key] = cloneModel(v);
  return copy as T;
}

/** Merges a scoped read into `into`: objects read twice (a target read for two parts) are joined. */
export function mergeConfig(into: ScstConfig, part: ScstConfig): void {
  for (const [name, handler] of Object.entries(part.handlers)) {
    const have = into.handlers[name];
    if (!have) into.handlers[name] = handler;
    else Object.assign(have.devices, handler.devices);
  }
  for (const [name, driver] of Object.entries(part.drivers)) {
    const have = into.drivers[name];
    if (!have) {
      into.drivers[name] = driver;
      continue;
    }
    if (Object.keys(have.attributes).length === 0) have.attributes = driver.attributes;
    for (const [t, target] of Object.entries(driver.targets)) {
      const known = have.targets[t];
      if (!known) have.targets[t] = target;
      else mergeTarget(known, target);
    }
  }
  Object.assign(into.deviceGroups, part.deviceGroups);
  const unbound = part.live?.unboundScsiDevices;
  if (unbound) {
    into.live ??= {};
    into.live.unboundScsiDevices = [...(into.live.unboundScsiDevices ?? []), ...unbound];
  }
}

function mergeTarget(into: Target, part: Target): void {
  Object.assign(into.luns, part.luns);
  for (const [g, group] of Object.entries(part.groups)) {
    const known = into.groups[g];
    if (!known) into.groups[g] = group;
    else Object.assign(known.luns, group.luns);
  }
  if (part.sessions && part.sessions.length > 0) into.sessions = part.sessions;
}

/**
 * Objects the change read from the host that the file does not have yet are copied into the
 * file's model (without what only the live reader knows), so that the saved file names every
 * object its new lines refer to. What the file already has is left as the admin wrote it.
 */
export function adoptMissing(file: ScstConfig, live: ScstConfig): void {
  for (const [name, handler] of Object.entries(live.handlers)) {
    const have = (file.handlers[name] ??= { name, attributes: cloneModel(handler.attributes), devices: dict() });
    for (const [d, device] of Object.entries(handler.devices)) have.devices[d] ??= fileDevice(device);
  }
  for (const [name, driver] of Object.entries(live.drivers)) {
    const have = (file.drivers[name] ??= fileDriver(driver));
    for (const [t, target] of Object.entries(driver.targets)) {
      const known = have.targets[t];
      if (!known) {
        have.targets[t] = fileTarget(target);
        continue;
      }
      for (const [l, lun] of Object.entries(target.luns)) known.luns[l] ??= cloneModel(lun);
      for (const [g, group] of Object.entries(target.groups)) {
        const knownGroup = (known.groups[g] ??= cloneModel(group));
        for (const [l, lun] of Object.entries(group.luns)) knownGroup.luns[l] ??= cloneModel(lun);
      }
    }
  }
  for (const [name, dg] of Object.entries(live.deviceGroups)) file.deviceGroups[name] ??= cloneModel(dg);
}

function fileDevice(device: Device): Device {
  return { name: device.name, handler: device.handler, attributes: cloneModel(device.attributes) };
}

function fileDriver(driver: TargetDriver): TargetDriver {
  const copy: TargetDriver = { name: driver.name, attributes: cloneModel(driver.attributes), targets: dict() };
  if (driver.enabled !== undefined) copy.enabled = driver.enabled;
  return copy;
}

function fileTarget(target: Target): Target {
  const copy: Target = { name: target.name, attributes: cloneModel(target.attributes), luns: cloneModel(target.luns), groups: cloneModel(target.groups) };
  if (target.enabled !== undefined) copy.enabled = target.enabled;
  if (target.hardware) copy.hardware = true;
  return copy;
}

// --- finding what a change edits ----------------------------------------------------------

export function findDevice(model: ScstConfig, name: string): Device | undefined {
  for (const handler of Object.values(model.handlers)) {
    const device = handler.devices[name];
    if (device) return device;
  }
  return undefined;
}

export function findTarget(model: ScstConfig, driver: string, target: string): Target | undefined {
  return model.drivers[driver]?.targets[target];
}

/** The target in a model, created empty (with its driver) when the model lacks it. */
export function ensureTarget(model: ScstConfig, driver: string, target: string): Target {
  const d = (model.drivers[driver] ??= { name: driver, attributes: dict(), targets: dict() });
  return (d.targets[target] ??= { name: target, attributes: dict(), luns: dict(), groups: dict() });
}

/** The LUN set of a target or of one of its groups; undefined when the group is missing. */
export function lunSet(target: Target, group: string | undefined): Record<string, Lun> | undefined {
  return group === undefined ? target.luns : target.groups[group]?.luns;
}

export function ensureGroup(target: Target, group: string): IniGroup {
  return (target.groups[group] ??= { name: group, attributes: dict(), luns: dict(), initiators: [] });
}
