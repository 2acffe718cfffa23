/**
 * The writes that bring an object into existence with all it holds. Used twice: for objects of
 * the file that the host lacks, and — from the live model — as the undo of a delete (the undo
 * of `del_target` is creating that target again with its attributes, groups, LUNs, initiators
 * and enabled state).
 */
import { attributeSpec, isSecretAttribute } from '../model/attributes.js';
import type { AttrValues, Device, IniGroup, Lun, Target } from '../model/types.js';
import {
  addDevice, addDynamic, addInitiator, addLun, addTarget, createGroup, delDevice, delGroup, delTarget, setAttribute, setEnabled,
  lunSetPath, withInverse, type LunSetRef, type Op,
} from './ops.js';
import type { PlanContext } from './context.js';

/** What the planner knows about a driver's mgmt interface (from the live model). */
export interface DriverTraits {
  createParams: string[];
  dynamicTargetAttributes: string[];
}

/** Attributes that are never written: SCST shows them but nobody sets them through their file. */
const NOT_WRITTEN = new Set(['enabled', 'hw_target', 'trace_level', 'type', 'type_string', 'handler', 'tid']);


/** The size of a file- or block-backed device follows its backing store. */
const SIZE_FACTS = new Set(['size', 'size_mb']);

export function lastValue(values: string[] | undefined): string | undefined {
  return values && values.length > 0 ? values[values.length - 1] : undefined;
}

/** Split an object's attributes into creation parameters and the rest. */
export function splitAttributes(attributes: AttrValues, createParams: string[]): { params: Record<string, string>; rest: Array<[string, string[]]> } {
  const params: Record<string, string> = {};
  const rest: Array<[string, string[]]> = [];
  for (const name of Object.keys(attributes).sort()) {
    const values = attributes[name] ?? [];
    const value = lastValue(values);
    if (createParams.includes(name)) {
      if (value !== undefined) params[name] = value;
    } else if (!NOT_WRITTEN.has(name)) {
      rest.push([name, values]);
    }
  }
  return { params, rest };
}

/** add_device with its creation parameters, then its other attributes. */
export function deviceCreation(handler: string, device: Device, createParams: string[], restoring = false): Op[] {
  const { params, rest } = splitAttributes(device.attributes, createParams);
  const ops = [withInverse(addDevice(handler, device.name, params), [delDevice(handler, device.name)])];
  for (const [name, values] of rest) {
    // A live device shows read-only key attributes that only creation sets, and a size that
    // comes from its backing store: neither is written back when it is re-created.
    if (restoring && (SIZE_FACTS.has(name) || attributeSpec('device', handler, name)?.writable === false)) continue;
    const value = lastValue(values);
    if (value !== undefined) ops.push(setAttribute({ kind: 'device', device: device.name }, name, value, undefined));
  }
  return ops;
}

/** LUN creation parameters: the LUN body (in practice `read_only`); a live `read_only 0` is the default. */
export function lunParams(lun: Lun): Record<string, string> {
  const params: Record<string, string> = {};
  for (const [name, values] of Object.entries(lun.attributes)) {
    const value = lastValue(values);
    if (value !== undefined) params[name] = value;
  }
  return params;
}

/** A live LUN re-added as it was: only a non-default `read_only` matters. */
export function liveLunParams(lun: Lun): Record<string, string> {
  const readOnly = lastValue(lun.attributes.read_only);
  return readOnly !== undefined && readOnly !== '0' ? { read_only: readOnly } : {};
}

/**
 * The same, where the live model may have been read only where the file names attributes
 * (apply without --prune): the LUN's `read_only` is then asked for, so an undo maps it as it was.
 */
export function liveLunParamsIn(ctx: PlanContext, set: LunSetRef, lun: Lun): Record<string, string> {
  if (!ctx.live.live?.partial) return liveLunParams(lun);
  const value = ctx.liveValue(`${lunSetPath(set)}/${lun.lun}/read_only`, `LUN ${lun.lun}`, lun.attributes, 'read_only');
  return value !== undefined && value !== '0' ? { read_only: value } : {};
}

/** Objects in the byte order of their names, as SCST lists them. */
export function byName(a: { name: string }, b: { name: string }): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

export function sortedLuns(luns: Record<string, Lun>): Lun[] {
  return Object.values(luns).sort((a, b) => a.lun - b.lun);
}

/** Group creation: create, its LUNs (0 first), its attributes; initiators come separately. */
export function groupCreation(driver: string, target: string, group: IniGroup, params: (lun: Lun) => Record<string, string>): Op[] {
  const set: LunSetRef = { driver, target, group: group.name };
  const ops = [withInverse(createGroup(driver, target, group.name), [delGroup(driver, target, group.name)])];
  for (const lun of sortedLuns(group.luns)) ops.push(addLun(set, lun.lun, lun.device, params(lun)));
  for (const name of Object.keys(group.attributes).sort()) {
    const value = lastValue(group.attributes[name]);
    if (value !== undefined && !NOT_WRITTEN.has(name)) ops.push(setAttribute({ kind: 'group', driver, target, group: group.name }, name, value, undefined));
  }
  return ops;
}

export function initiatorAdds(driver: string, target: string, group: IniGroup): Op[] {
  return group.initiators.map((initiator) => addInitiator(driver, target, group.name, initiator));
}

/** The attribute writes of a target: plain ones, then each value of the dynamic ones. */
function targetAttributeWrites(driver: string, target: Target, traits: DriverTraits, skip: (name: string) => boolean): Op[] {
  const ops: Op[] = [];
  for (const name of Object.keys(target.attributes).sort()) {
    if (skip(name) || NOT_WRITTEN.has(name)) continue;
    const values = target.attributes[name] ?? [];
    if (traits.dynamicTargetAttributes.includes(name)) {
      for (const value of values) ops.push(addDynamic(driver, target.name, name, value, isSecretAttribute(name)));
    } else {
      const value = lastValue(values);
      if (value !== undefined) ops.push(setAttribute({ kind: 'target', driver, target: target.name }, name, value, undefined));
    }
  }
  return ops;
}

/**
 * A whole target: add_target with its creation parameters, attributes, groups with their LUNs
 * and initiators, then the default LUNs (0 first); enabling is returned apart because it comes
 * last in a plan (after ALUA), while an undo runs it right away.
 */
export function targetCreation(driver: string, target: Target, traits: DriverTraits, params: (lun: Lun) => Record<string, string>): { ops: Op[]; enable: Op[] } {
  const createParams: Record<string, string> = {};
  for (const name of traits.createParams) {
    const value = lastValue(target.attributes[name]);
    if (value !== undefined) createParams[name] = value;
  }
  const ops = [withInverse(addTarget(driver, target.name, createParams), [delTarget(driver, target.name)])];
  ops.push(...targetAttributeWrites(driver, target, traits, (name) => traits.createParams.includes(name)));
  const groups = Object.values(target.groups).sort(byName);
  for (const group of groups) ops.push(...groupCreation(driver, target.name, group, params));
  for (const group of groups) ops.push(...initiatorAdds(driver, target.name, group));
  for (const lun of sortedLuns(target.luns)) ops.push(addLun({ driver, target: target.name }, lun.lun, lun.device, params(lun)));
  const enable = target.enabled ? [setEnabled({ driver, target: target.name }, true, false)] : [];
  return { ops, enable };
}

/** The undo of deleting a target: the target again, as the live model shows it. */
export function targetRestoration(driver: string, target: Target, traits: DriverTraits): Op[] {
  const { ops, enable } = targetCreation(driver, target, traits, liveLunParams);
  return [...ops, ...enable];
}
