/**
 * LUN changes: add-lun, rm-lun, replace-lun, clear-luns. `group` moves each into an initiator
 * group's LUN set. A LUN a logged-in initiator sees is removed or replaced only with --force
 * (the planner holds it back and the engine refuses, naming the session).
 */
import { badInput } from '../../errors.js';
import { dict, type Lun, type ScstConfig } from '../../model/types.js';
import { sysfsPath } from '../../sysfs/names.js';
import type { Change, Prepared, TargetScope } from '../change.js';
import { checkLunNumber, checkName, requireDevice, requireGroup, requireTarget, targetWords } from '../checks.js';
import { ensureGroup, ensureTarget, findTarget, lunSet } from '../model.js';
import { lunMessages as msg } from './messages.js';

export interface LunSetArgs {
  driver: string;
  target: string;
  group?: string;
}

/** The scope of one LUN set: the target, its group when named, and the named LUNs of that set. */
function setScope(set: LunSetArgs, luns: number[] | 'all', sessions = false): TargetScope {
  const scope: TargetScope = { driver: set.driver, target: set.target, sessions };
  if (set.group === undefined) return { ...scope, luns };
  return { ...scope, groups: [set.group], groupLuns: luns };
}

function checkSet(args: LunSetArgs): void {
  checkName('driver', args.driver, `driver ${args.driver}`);
  checkName('target', args.target, `target ${targetWords(args.driver, args.target)}`, { owner: args.driver });
  if (args.group !== undefined) checkName('group', args.group, `group ${targetWords(args.driver, args.target, args.group)}`);
}

const lunWords = (set: LunSetArgs, lun: number) => `LUN ${lun} of ${targetWords(set.driver, set.target, set.group)}`;

function lunAttributes(readOnly: boolean | undefined): Lun['attributes'] {
  const attributes = dict<string[]>();
  if (readOnly) attributes.read_only = ['1'];
  return attributes;
}

const isReadOnly = (lun: Lun) => (lun.attributes.read_only?.at(-1) ?? '0') !== '0';

/** The set a change edits in any model: created (with target and group) when the model lacks it. */
function ensureSet(model: ScstConfig, set: LunSetArgs): Record<string, Lun> {
  const target = ensureTarget(model, set.driver, set.target);
  return set.group === undefined ? target.luns : ensureGroup(target, set.group).luns;
}

/** Puts `device` at `lun` in a model; false when it already is there, alike. */
function putLun(model: ScstConfig, set: LunSetArgs, lun: number, device: string, readOnly: boolean): boolean {
  const luns = ensureSet(model, set);
  const current = luns[String(lun)];
  if (current && current.device === device && isReadOnly(current) === readOnly) return false;
  luns[String(lun)] = { lun, device, attributes: lunAttributes(readOnly) };
  return true;
}

function dropLun(model: ScstConfig, set: LunSetArgs, lun: number): boolean {
  const target = findTarget(model, set.driver, set.target);
  const luns = target && lunSet(target, set.group);
  if (!luns?.[String(lun)]) return false;
  delete luns[String(lun)];
  return true;
}

export interface AddLunArgs extends LunSetArgs {
  device: string;
  /** Default: the lowest free number, 0 first. */
  lun?: number;
  readOnly?: boolean;
}

export function addLun(args: AddLunArgs): Change {
  checkSet(args);
  checkName('device', args.device, `device ${args.device}`);
  if (args.lun !== undefined) checkLunNumber(args.lun, lunWords(args, args.lun));
  const readOnly = args.readOnly ?? false;
  return {
    command: `add-lun ${args.target} ${args.device}`,
    scope: { devices: [args.device], targets: [setScope(args, args.lun === undefined ? [] : [args.lun])] },
    async prepare(live, context): Promise<Prepared> {
      const target = requireTarget(live, args.driver, args.target);
      if (args.group !== undefined) requireGroup(target, args.driver, args.group);
      const device = requireDevice(live, args.device);
      let lun = args.lun;
      if (lun === undefined) {
        // Already exported in this set: that is the LUN this command means.
        lun = device.exports?.find((e) => e.driver === args.driver && e.target === args.target && e.group === args.group)?.lun;
        if (lun !== undefined) await context.read({ targets: [setScope(args, [lun])] });
        else lun = lowestFree(await context.sysfs.list(lunSetPath(args)).catch(() => []));
        checkLunNumber(lun, lunWords(args, lun));
      }
      const number = lun;
      const object = lunWords(args, number);
      const current = lunSet(requireTarget(live, args.driver, args.target), args.group)?.[String(number)];
      if (current && current.device !== args.device) throw badInput(msg.taken(current.device), { object, hint: msg.takenHint, code: 'LUN_TAKEN' });
      if (current && isReadOnly(current) !== readOnly) throw badInput(msg.otherMode(isReadOnly(current)), { object, hint: msg.otherModeHint, code: 'LUN_TAKEN' });
      return {
        kind: 'add',
        object,
        details: { ...setDetails(args), lun: number, device: args.device, readOnly },
        apply: (model) => putLun(model, args, number, args.device, readOnly),
      };
    },
  };
}

export interface LunArgs extends LunSetArgs {
  lun: number;
}

export function rmLun(args: LunArgs): Change {
  checkSet(args);
  checkLunNumber(args.lun, lunWords(args, args.lun));
  return {
    command: `rm-lun ${args.target} ${args.lun}`,
    scope: { targets: [setScope(args, [args.lun], true)] },
    async prepare(live, context): Promise<Prepared> {
      const target = requireTarget(live, args.driver, args.target);
      if (args.group !== undefined) requireGroup(target, args.driver, args.group);
      const current = lunSet(target, args.group)?.[String(args.lun)];
      // The planner leaves a LUN to its device's deletion when the device goes too: it must see the device stay.
      if (current) await context.read({ devices: [current.device] });
      return {
        kind: 'remove',
        object: lunWords(args, args.lun),
        details: { ...setDetails(args), lun: args.lun, ...(current ? { device: current.device } : {}) },
        apply: (model) => dropLun(model, args, args.lun),
      };
    },
  };
}

export function replaceLun(args: AddLunArgs & { lun: number }): Change {
  checkSet(args);
  checkName('device', args.device, `device ${args.device}`);
  checkLunNumber(args.lun, lunWords(args, args.lun));
  const readOnly = args.readOnly ?? false;
  return {
    command: `replace-lun ${args.target} ${args.lun} ${args.device}`,
    scope: { devices: [args.device], targets: [setScope(args, [args.lun], true)] },
    prepare(live): Prepared {
      const target = requireTarget(live, args.driver, args.target);
      if (args.group !== undefined) requireGroup(target, args.driver, args.group);
      requireDevice(live, args.device);
      const object = lunWords(args, args.lun);
      const current = lunSet(target, args.group)?.[String(args.lun)];
      if (!current) throw badInput(msg.noLun, { object, hint: msg.noLunHint, code: 'NO_SUCH_OBJECT' });
      return {
        kind: 'set',
        object,
        details: { ...setDetails(args), lun: args.lun, device: args.device, previous: current.device, readOnly },
        apply: (model) => putLun(model, args, args.lun, args.device, readOnly),
      };
    },
  };
}

export function clearLuns(args: LunSetArgs): Change {
  checkSet(args);
  return {
    command: `clear-luns ${args.target}`,
    scope: { targets: [setScope(args, 'all', true)] },
    async prepare(live, context): Promise<Prepared> {
      const target = requireTarget(live, args.driver, args.target);
      if (args.group !== undefined) requireGroup(target, args.driver, args.group);
      const luns = Object.values(lunSet(target, args.group) ?? {});
      // As for rm-lun: the planner must see that the devices stay.
      if (luns.length > 0) await context.read({ devices: luns.map((l) => l.device) });
      const numbers = luns.map((l) => l.lun);
      return {
        kind: 'remove',
        object: `LUNs of ${targetWords(args.driver, args.target, args.group)}`,
        details: { ...setDetails(args), luns: numbers },
        apply: (model) => numbers.map((n) => dropLun(model, args, n)).some(Boolean),
      };
    },
  };
}

function setDetails(set: LunSetArgs): Record<string, unknown> {
  return { driver: set.driver, target: set.target, ...(set.group === undefined ? {} : { group: set.group }) };
}

function lunSetPath(set: LunSetArgs): string {
  return set.group === undefined ? sysfsPath('targets', set.driver, set.target, 'luns') : sysfsPath('targets', set.driver, set.target, 'ini_groups', set.group, 'luns');
}

/** The lowest LUN number a listing of a LUN set leaves free, 0 first. */
export function lowestFree(entries: ReadonlyArray<{ name: string; type: string }>): number {
  const used = new Set(entries.filter((e) => e.type === 'dir' && /^\d+$/.test(e.name)).map((e) => Number(e.name)));
  let n = 0;
  while (used.has(n)) n++;
  return n;
}
