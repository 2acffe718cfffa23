/**
 * The plain attribute setter: for each attribute the file gives, write it when the live value
 * differs. The write's undo is the live value. A live value the file does not mention that
 * differs from its default (the kernel marks it `[key]`) is drift: reset to the default with
 * --prune, else left alone and reported (scstadmin's -config never resets). Dynamic (add/del)
 * attributes of drivers and targets are diffed as sets.
 */
import type { AttrValues } from '../model/types.js';
import type { ObjectKind } from '../model/attributes.js';
import { addDynamic, delDynamic, ownerName, ownerPath, setAttribute, type AttributeOwner, type Op } from './ops.js';
import { lastValue } from './create.js';
import type { PlanContext } from './context.js';
import { attributeSpec, isSecretAttribute } from '../model/attributes.js';
import { dynamicKey, normalizeDynamic, sameValue } from './values.js';
import { planMessages as msg } from './messages.js';

/** Values the kernel gives an object by itself (a target's relative port id): never reset. */
const KERNEL_ASSIGNED = new Set(['rel_tgt_id']);

/** Attributes never compared or written by a plan. */
const IGNORED = new Set(['trace_level', 'enabled', 'hw_target', 'type', 'type_string', 'handler', 'tid', 'version']);

/**
 * Writes for the attributes of an existing object. `skip` excludes names handled elsewhere
 * (creation parameters, dynamic attributes). Returns the ops in name order.
 */
export function attributeWrites(ctx: PlanContext, owner: AttributeOwner, desired: AttrValues, live: AttrValues | undefined, skip: (name: string) => boolean = () => false): Op[] {
  const ops: Op[] = [];
  const base = ownerPath(owner);
  const object = ownerName(owner);
  for (const name of Object.keys(desired).sort()) {
    if (IGNORED.has(name) || skip(name)) continue;
    const value = lastValue(desired[name]);
    if (value === undefined) continue;
    const path = base === '' ? name : `${base}/${name}`;
    if (ctx.missingFile(path)) {
      ctx.problem(object, msg.noSuchAttribute(name), msg.noSuchAttributeHint);
      continue;
    }
    const current = ctx.liveValue(path, object, live, name);
    if (current !== undefined && sameValue(name, current, value)) continue;
    ops.push(setAttribute(owner, name, value, current));
  }
  return [...ops, ...unnamedResets(ctx, owner, desired, live, skip)];
}

/**
 * Live values the file does not mention that differ from the kernel's default. Only attributes
 * whose default the attribute table knows, and that can be written, can be reset; a model read
 * only where the file names attributes (apply without --prune) has none to offer.
 */
function unnamedResets(ctx: PlanContext, owner: AttributeOwner, desired: AttrValues, live: AttrValues | undefined, skip: (name: string) => boolean): Op[] {
  if (!live || ctx.live.live?.partial) return [];
  const [kind, table] = specOwner(ctx, owner);
  const ops: Op[] = [];
  for (const name of Object.keys(live).sort()) {
    if (name in desired || IGNORED.has(name) || KERNEL_ASSIGNED.has(name) || skip(name)) continue;
    const spec = attributeSpec(kind, table, name);
    const current = lastValue(live[name]);
    if (!spec?.writable || spec.dynamic || spec.default === undefined || current === undefined || sameValue(name, current, spec.default)) continue;
    if (!ctx.options.prune) {
      ctx.kept(ownerName(owner), msg.valueNotInFile(name, current));
      continue;
    }
    const reset = setAttribute(owner, name, spec.default, current);
    ops.push({ ...reset, change: 'remove', summary: msg.resetToDefault(name, current, spec.default) });
  }
  return ops;
}

/** The attribute table that describes an owner's attributes: its kind, and handler or driver. */
function specOwner(ctx: PlanContext, owner: AttributeOwner): [ObjectKind, string | undefined] {
  switch (owner.kind) {
    case 'core': return ['root', undefined];
    case 'handler': return ['handler', owner.handler];
    case 'device': return ['device', ctx.index.device(owner.device)?.handler];
    case 'driver': return ['driver', owner.driver];
    case 'target': return ['target', owner.driver];
    case 'group': return ['group', owner.driver];
    case 'alua': return ['alua', undefined];
    case 'dgroup': return ['deviceGroup', undefined];
    case 'tgroup': return ['targetGroup', undefined];
    case 'tgroup_member': return ['tgMember', undefined];
  }
}

/** Writes for an object the plan creates: every attribute the file gives. */
export function initialAttributeWrites(owner: AttributeOwner, desired: AttrValues, skip: (name: string) => boolean = () => false): Op[] {
  const ops: Op[] = [];
  for (const name of Object.keys(desired).sort()) {
    if (IGNORED.has(name) || skip(name)) continue;
    const value = lastValue(desired[name]);
    if (value !== undefined) ops.push(setAttribute(owner, name, value, undefined));
  }
  return ops;
}

/**
 * A dynamic attribute (IncomingUser, OutgoingUser, allowed_portal) as a set of values. Values
 * the host has and the file lacks are removed with --prune, except that a CHAP user whose
 * secret changed is replaced, and an OutgoingUser is deleted before a new one is added (the
 * daemon keeps at most one and refuses the add otherwise). Removals come first.
 */
export function dynamicWrites(ctx: PlanContext, driver: string, target: string | undefined, name: string, desired: string[], live: string[]): Op[] {
  const object = target === undefined ? `driver ${driver}` : `target ${driver}/${target}`;
  const secret = isSecretAttribute(name);
  const wanted = new Map(desired.map((v) => [normalizeDynamic(v), v]));
  const have = new Map(live.map((v) => [normalizeDynamic(v), v]));
  const adds = [...wanted.keys()].filter((v) => !have.has(v)).sort();
  const addedKeys = new Set(adds.map((v) => dynamicKey(name, v)));
  const removals: Op[] = [];
  for (const value of [...have.keys()].sort()) {
    if (wanted.has(value)) continue;
    const replaced = addedKeys.has(dynamicKey(name, value)) || (name === 'OutgoingUser' && adds.length > 0);
    if (!replaced && !ctx.options.prune) {
      ctx.kept(object, msg.notInFile(`${name} ${secret ? dynamicKey(name, value) : value}`));
      continue;
    }
    const del = delDynamic(driver, target, name, value, secret);
    removals.push({ ...del, inverse: [addDynamic(driver, target, name, value, secret)] });
  }
  const additions = adds.map((value) => {
    const add = addDynamic(driver, target, name, value, secret);
    return { ...add, inverse: [delDynamic(driver, target, name, value, secret)] };
  });
  return [...removals, ...additions];
}
