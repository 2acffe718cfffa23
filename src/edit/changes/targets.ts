/**
 * Target and driver changes: add-target (NAME=VALUE parameters, a proposed IQN on request),
 * rm-target (disable, close sessions, delete: sessions need --force), enable-target,
 * disable-target, set-target, enable-driver, disable-driver, set-driver. Attributes are checked
 * against the driver's attribute table; CHAP users and portals have their own commands.
 */
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { badInput } from '../../errors.js';
import { attributeSpec, isKnownOwner, type ObjectKind } from '../../model/attributes.js';
import { dict, type AttrValues, type ScstConfig } from '../../model/types.js';
import { sameValue } from '../../plan/values.js';
import type { Change, Prepared } from '../change.js';
import { checkName, checkValue, requireTarget, targetWords } from '../checks.js';
import { ensureTarget, findTarget } from '../model.js';
import { targetMessages as msg } from './messages.js';

export interface TargetArgs {
  driver: string;
  target: string;
}

function checkTargetName(args: TargetArgs): string {
  const object = `target ${targetWords(args.driver, args.target)}`;
  checkName('driver', args.driver, `driver ${args.driver}`);
  checkName('target', args.target, object, { owner: args.driver });
  return object;
}

/**
 * NAME=VALUE of a target or driver: known to the driver's table, settable, and (when
 * `when` is live) not a creation parameter; the dynamic CHAP/portal attributes have commands.
 */
function checkAttributes(kind: Extract<ObjectKind, 'target' | 'driver'>, driver: string, attributes: Record<string, string>, object: string, when: 'create' | 'live'): void {
  for (const [name, value] of Object.entries(attributes)) {
    checkName('attribute', name, object);
    const spec = attributeSpec(kind, driver, name);
    if (spec?.dynamic) throw badInput(msg.dynamicElsewhere(name), { object, hint: msg.dynamicHint, code: 'DYNAMIC_ATTRIBUTE' });
    checkValue(kind, driver, name, value, object);
    if (!spec) {
      if (isKnownOwner(kind, driver)) throw badInput(msg.unknownAttribute(name, object), { object, hint: msg.unknownAttributeHint, code: 'UNKNOWN_ATTRIBUTE' });
      continue;
    }
    if (!spec.create && !spec.writable) throw badInput(msg.notSettable(name), { object, code: 'READ_ONLY_ATTRIBUTE' });
    if (when === 'live' && !spec.writable) throw badInput(msg.creationOnly(name), { object, code: 'CREATION_ONLY' });
  }
}

/** `enabled` lives in its own model field; everything else is an attribute value. */
function setValues(attributes: AttrValues, values: Record<string, string>, enabled: { value?: boolean }): boolean {
  let changed = false;
  for (const [name, value] of Object.entries(values)) {
    if (name === 'enabled') {
      const wanted = value !== '0';
      if (enabled.value !== wanted) changed = true;
      enabled.value = wanted;
      continue;
    }
    const current = attributes[name]?.at(-1);
    if (current !== undefined && sameValue(name, current, value)) continue;
    attributes[name] = [value];
    changed = true;
  }
  return changed;
}

/** A proposed iSCSI name: this year and month, the host's reversed domain, the host, a random tag. */
export function proposeIqn(now = new Date(), host = hostname()): string {
  const [short, ...domain] = host.toLowerCase().replace(/[^a-z0-9.-]/g, '-').split('.').filter((p) => p !== '');
  const authority = domain.length > 0 ? domain.reverse().join('.') : 'localdomain';
  const month = String(now.getUTCMonth() + 1).padStart(2, '0');
  return `iqn.${now.getUTCFullYear()}-${month}.${authority}:${short ?? 'scst'}.${randomBytes(3).toString('hex')}`;
}

export function addTarget(args: TargetArgs & { attributes: Record<string, string> }): Change {
  const object = checkTargetName(args);
  checkAttributes('target', args.driver, args.attributes, object, 'create');
  return {
    command: `add-target ${args.target}`,
    scope: { targets: [{ driver: args.driver, target: args.target }] },
    prepare(live): Prepared {
      const driver = live.drivers[args.driver];
      if (driver && driver.virtual === false) throw badInput(msg.hardwareDriver(args.driver), { object, code: 'HARDWARE_TARGET' });
      const existing = findTarget(live, args.driver, args.target);
      if (existing) {
        const differences = Object.entries(args.attributes)
          .filter(([name, value]) => (name === 'enabled' ? (existing.enabled ?? false) !== (value !== '0') : !sameValue(name, existing.attributes[name]?.at(-1) ?? attributeSpec('target', args.driver, name)?.default ?? '', value)))
          .map(([name, value]) => `${name} ${name === 'enabled' ? Number(existing.enabled ?? 0) : (existing.attributes[name]?.at(-1) ?? '(default)')}, not ${value}`);
        if (differences.length > 0) throw badInput(msg.otherSettings(differences.join('; ')), { object, hint: msg.otherSettingsHint, code: 'TARGET_EXISTS' });
      }
      return {
        kind: 'add',
        object,
        details: { driver: args.driver, target: args.target, attributes: args.attributes },
        apply: (model) => {
          if (findTarget(model, args.driver, args.target)) return false;
          const target = ensureTarget(model, args.driver, args.target);
          const enabled: { value?: boolean } = {};
          setValues(target.attributes, args.attributes, enabled);
          if (enabled.value !== undefined) target.enabled = enabled.value;
          return true;
        },
      };
    },
  };
}

export function rmTarget(args: TargetArgs): Change {
  const object = checkTargetName(args);
  return {
    command: `rm-target ${args.target}`,
    // Everything in it: the delete's undo re-creates the target as it was.
    scope: { targets: [{ driver: args.driver, target: args.target, luns: 'all', groups: 'all', groupLuns: 'all', sessions: true }] },
    async prepare(live, context): Promise<Prepared> {
      const target = findTarget(live, args.driver, args.target);
      const devices = new Set([...Object.values(target?.luns ?? {}), ...Object.values(target?.groups ?? {}).flatMap((g) => Object.values(g.luns))].map((l) => l.device));
      // The planner must see the devices stay (and the undo maps them again).
      if (devices.size > 0) await context.read({ devices: [...devices] });
      return {
        kind: 'remove',
        object,
        details: { driver: args.driver, target: args.target, sessions: (target?.sessions ?? []).map((s) => s.initiator) },
        apply: (model) => {
          if (!findTarget(model, args.driver, args.target)) return false;
          delete model.drivers[args.driver]!.targets[args.target];
          return true;
        },
      };
    },
  };
}

export function setTarget(args: TargetArgs & { attributes: Record<string, string> }): Change {
  const object = checkTargetName(args);
  checkAttributes('target', args.driver, args.attributes, object, 'live');
  return {
    command: `set-target ${args.target}`,
    scope: { targets: [{ driver: args.driver, target: args.target }] },
    prepare(live): Prepared {
      requireTarget(live, args.driver, args.target);
      return {
        kind: 'set',
        object,
        details: { driver: args.driver, target: args.target, attributes: args.attributes },
        apply: (model) => {
          const target = findTarget(model, args.driver, args.target);
          if (!target) return false;
          const enabled = { value: target.enabled };
          const changed = setValues(target.attributes, args.attributes, enabled);
          if (enabled.value !== undefined) target.enabled = enabled.value;
          return changed;
        },
      };
    },
  };
}

export function enableTarget(args: TargetArgs & { enabled: boolean }): Change {
  return { ...setTarget({ ...args, attributes: { enabled: args.enabled ? '1' : '0' } }), command: `${args.enabled ? 'enable' : 'disable'}-target ${args.target}` };
}

function driverObject(driver: string): string {
  checkName('driver', driver, `driver ${driver}`);
  return `driver ${driver}`;
}

export function setDriver(args: { driver: string; attributes: Record<string, string> }): Change {
  const object = driverObject(args.driver);
  checkAttributes('driver', args.driver, args.attributes, object, 'live');
  return {
    command: `set-driver ${args.driver}`,
    scope: { drivers: [args.driver] },
    prepare(): Prepared {
      return {
        kind: 'set',
        object,
        details: { driver: args.driver, attributes: args.attributes },
        apply: (model) => setDriverValues(model, args.driver, args.attributes),
      };
    },
  };
}

function setDriverValues(model: ScstConfig, name: string, values: Record<string, string>): boolean {
  const driver = (model.drivers[name] ??= { name, attributes: dict(), targets: dict() });
  const enabled = { value: driver.enabled };
  const changed = setValues(driver.attributes, values, enabled);
  if (enabled.value !== undefined) driver.enabled = enabled.value;
  return changed;
}

export function enableDriver(args: { driver: string; enabled: boolean }): Change {
  return { ...setDriver({ driver: args.driver, attributes: { enabled: args.enabled ? '1' : '0' } }), command: `${args.enabled ? 'enable' : 'disable'}-driver ${args.driver}` };
}
