/**
 * ALUA: device groups (the devices that fail over together), their target groups (the ports
 * with one access state and a group id), the members of both, and the state of a target group —
 * `setAluaState` is what a cluster manager calls on failover. A device group is read whole (its
 * target groups are few); the devices it names are not read: the planner takes an unchanged
 * membership as proof that the device exists.
 */
import { badInput } from '../../errors.js';
import { dict, type DeviceGroup, type ScstConfig, type TargetGroup } from '../../model/types.js';
import { attributeSpec, type AttributeSpec } from '../../model/attributes.js';
import { validateValue } from '../../model/validate.js';
import type { Change, Prepared, PrepareContext } from '../change.js';
import { checkName, requireDevice } from '../checks.js';
import { aluaMessages as msg } from '../access-messages.js';

/** The access states SCST takes in a target group's `state` (case matters), from the attribute table. */
export const ALUA_STATES: readonly string[] = enumValues(attributeSpec('targetGroup', undefined, 'state'));

function enumValues(spec: AttributeSpec | undefined): readonly string[] {
  return spec?.type.kind === 'enum' ? spec.type.values : [];
}

export interface DeviceGroupArgs {
  deviceGroup: string;
}

export interface TargetGroupArgs extends DeviceGroupArgs {
  targetGroup: string;
}

const dgWords = (args: DeviceGroupArgs) => `device group ${args.deviceGroup}`;
const tgWords = (args: TargetGroupArgs) => `target group ${args.deviceGroup}/${args.targetGroup}`;

function checkDg(args: DeviceGroupArgs): void {
  checkName('deviceGroup', args.deviceGroup, dgWords(args));
}

function checkTg(args: TargetGroupArgs): void {
  checkDg(args);
  checkName('targetGroup', args.targetGroup, tgWords(args));
}

function requireDg(live: ScstConfig, args: DeviceGroupArgs): DeviceGroup {
  const found = live.deviceGroups[args.deviceGroup];
  if (!found) throw badInput(msg.noDeviceGroup, { object: dgWords(args), hint: msg.noDeviceGroupHint, code: 'NO_SUCH_OBJECT' });
  return found;
}

function requireTg(live: ScstConfig, args: TargetGroupArgs): TargetGroup {
  const found = requireDg(live, args).targetGroups[args.targetGroup];
  if (!found) throw badInput(msg.noTargetGroup, { object: tgWords(args), hint: msg.noTargetGroupHint, code: 'NO_SUCH_OBJECT' });
  return found;
}

function ensureDg(model: ScstConfig, name: string): DeviceGroup {
  return (model.deviceGroups[name] ??= { name, attributes: dict(), devices: [], targetGroups: dict() });
}

function ensureTg(model: ScstConfig, args: TargetGroupArgs): TargetGroup {
  return (ensureDg(model, args.deviceGroup).targetGroups[args.targetGroup] ??= { name: args.targetGroup, attributes: dict(), targets: dict() });
}

const findTg = (model: ScstConfig, args: TargetGroupArgs) => model.deviceGroups[args.deviceGroup]?.targetGroups[args.targetGroup];

/** "2 devices and 1 target group", for a removal that would take them along. */
function contents(dg: { devices?: string[]; targetGroups?: Record<string, unknown>; targets?: Record<string, unknown> }): string | undefined {
  const parts: string[] = [];
  const n = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;
  if (dg.devices?.length) parts.push(n(dg.devices.length, 'device'));
  const tgs = Object.keys(dg.targetGroups ?? {}).length;
  if (tgs > 0) parts.push(n(tgs, 'target group'));
  const members = Object.keys(dg.targets ?? {}).length;
  if (members > 0) parts.push(n(members, 'target'));
  return parts.length === 0 ? undefined : parts.join(' and ');
}

// --- device groups -------------------------------------------------------------------------------

export function addDeviceGroup(args: DeviceGroupArgs): Change {
  checkDg(args);
  return {
    command: `add-device-group ${args.deviceGroup}`,
    scope: { deviceGroups: [args.deviceGroup] },
    prepare: (): Prepared => ({
      kind: 'add',
      object: dgWords(args),
      details: { deviceGroup: args.deviceGroup },
      apply: (model) => {
        if (model.deviceGroups[args.deviceGroup]) return false;
        ensureDg(model, args.deviceGroup);
        return true;
      },
    }),
  };
}

/** Removing a device group that still has devices or target groups takes them along: --force. */
export function rmDeviceGroup(args: DeviceGroupArgs): Change {
  checkDg(args);
  return {
    command: `rm-device-group ${args.deviceGroup}`,
    scope: { deviceGroups: [args.deviceGroup] },
    prepare(live, context): Prepared {
      const held = live.deviceGroups[args.deviceGroup] && contents(live.deviceGroups[args.deviceGroup]!);
      if (held && !context.force) throw badInput(msg.notEmpty(held), { object: dgWords(args), hint: msg.notEmptyHint, code: 'IN_USE' });
      return {
        kind: 'remove',
        object: dgWords(args),
        details: { deviceGroup: args.deviceGroup },
        apply: (model) => {
          if (!model.deviceGroups[args.deviceGroup]) return false;
          delete model.deviceGroups[args.deviceGroup];
          return true;
        },
      };
    },
  };
}

// --- target groups -------------------------------------------------------------------------------

/** A target group with its ALUA group id (1..65535); an existing one with another id gets the new id. */
export function addTargetGroup(args: TargetGroupArgs & { groupId: number }): Change {
  checkTg(args);
  const id = String(args.groupId);
  const problem = validateValue('targetGroup', undefined, 'group_id', id).find((p) => p.severity === 'error');
  if (problem) throw badInput(problem.message, { object: tgWords(args), code: 'BAD_VALUE' });
  return {
    command: `add-target-group ${args.deviceGroup} ${args.targetGroup}`,
    scope: { deviceGroups: [args.deviceGroup] },
    prepare(live): Prepared {
      requireDg(live, args);
      return {
        kind: 'add',
        object: tgWords(args),
        details: { deviceGroup: args.deviceGroup, targetGroup: args.targetGroup, groupId: args.groupId },
        apply: (model) => {
          const existed = findTg(model, args) !== undefined;
          const tg = ensureTg(model, args);
          if (existed && tg.attributes.group_id?.at(-1) === id) return false;
          tg.attributes.group_id = [id];
          return true;
        },
      };
    },
  };
}

export function rmTargetGroup(args: TargetGroupArgs): Change {
  checkTg(args);
  return {
    command: `rm-target-group ${args.deviceGroup} ${args.targetGroup}`,
    scope: { deviceGroups: [args.deviceGroup] },
    prepare(live, context): Prepared {
      const tg = live.deviceGroups[args.deviceGroup]?.targetGroups[args.targetGroup];
      const held = tg && contents(tg);
      if (held && !context.force) throw badInput(msg.notEmpty(held), { object: tgWords(args), hint: msg.notEmptyHint, code: 'IN_USE' });
      return {
        kind: 'remove',
        object: tgWords(args),
        details: { deviceGroup: args.deviceGroup, targetGroup: args.targetGroup },
        apply: (model) => {
          const dg = model.deviceGroups[args.deviceGroup];
          if (!dg?.targetGroups[args.targetGroup]) return false;
          delete dg.targetGroups[args.targetGroup];
          return true;
        },
      };
    },
  };
}

// --- members ---------------------------------------------------------------------------------------

export interface MemberArgs extends DeviceGroupArgs {
  /** A device of the device group, or — with `targetGroup` — a target of that target group. */
  member: string;
  targetGroup?: string;
  /** A target on another node (a remote port): its relative target id there. */
  relTgtId?: number;
}

const memberWords = (args: MemberArgs) =>
  args.targetGroup === undefined ? `device ${args.member} of ${dgWords(args)}` : `target ${args.member} of ${tgWords({ ...args, targetGroup: args.targetGroup })}`;

function checkMember(args: MemberArgs): void {
  if (args.targetGroup === undefined) {
    checkDg(args);
    checkName('device', args.member, memberWords(args));
  } else {
    checkTg({ ...args, targetGroup: args.targetGroup });
    checkName('tgMember', args.member, memberWords(args));
  }
  if (args.relTgtId !== undefined) {
    const problem = validateValue('tgMember', undefined, 'rel_tgt_id', String(args.relTgtId)).find((p) => p.severity === 'error');
    if (problem) throw badInput(problem.message, { object: memberWords(args), code: 'BAD_VALUE' });
  }
}

/** Adds a device to a device group, or a target (local, or remote with its rel_tgt_id) to a target group. */
export function addGroupMember(args: MemberArgs): Change {
  checkMember(args);
  const tgArgs = args.targetGroup === undefined ? undefined : { ...args, targetGroup: args.targetGroup };
  return {
    command: `add-group-member ${args.deviceGroup} ${args.member}`,
    scope: tgArgs ? { deviceGroups: [args.deviceGroup] } : { deviceGroups: [args.deviceGroup], devices: [args.member] },
    async prepare(live, context): Promise<Prepared> {
      const dg = requireDg(live, args);
      const object = memberWords(args);
      if (!tgArgs) {
        requireDevice(live, args.member);
        if (!dg.devices.includes(args.member)) {
          const other = await deviceGroupHolding(context, args.member);
          if (other !== undefined) throw badInput(msg.inOtherDeviceGroup(other), { object, hint: msg.inOtherDeviceGroupHint(other, args.member), code: 'IN_USE' });
        }
        return {
          kind: 'add',
          object,
          details: { deviceGroup: args.deviceGroup, device: args.member },
          apply: (model) => {
            const group = ensureDg(model, args.deviceGroup);
            if (group.devices.includes(args.member)) return false;
            group.devices.push(args.member);
            return true;
          },
        };
      }
      requireTg(live, tgArgs);
      const sibling = Object.values(dg.targetGroups).find((tg) => tg.name !== tgArgs.targetGroup && tg.targets[args.member]);
      if (sibling) throw badInput(msg.inSiblingTargetGroup(sibling.name), { object, code: 'IN_USE' });
      const local = await isLocalTarget(context, args.member);
      if (!local && args.relTgtId === undefined) throw badInput(msg.remoteNeedsId, { object, hint: msg.remoteNeedsIdHint, code: 'BAD_INPUT' });
      if (local && args.relTgtId !== undefined) throw badInput(msg.localHasNoId, { object, code: 'BAD_INPUT' });
      const attributes = dict<string[]>();
      if (!local) attributes.rel_tgt_id = [String(args.relTgtId)];
      return {
        kind: 'add',
        object,
        details: { deviceGroup: args.deviceGroup, targetGroup: tgArgs.targetGroup, target: args.member, remote: !local, ...(local ? {} : { relTgtId: args.relTgtId }) },
        apply: (model) => {
          const tg = ensureTg(model, tgArgs);
          const current = tg.targets[args.member];
          if (current && (local || current.attributes.rel_tgt_id?.at(-1) === String(args.relTgtId))) return false;
          tg.targets[args.member] = { name: args.member, remote: !local, attributes: { ...attributes } };
          return true;
        },
      };
    },
  };
}

export function rmGroupMember(args: MemberArgs): Change {
  checkMember(args);
  const tgArgs = args.targetGroup === undefined ? undefined : { ...args, targetGroup: args.targetGroup };
  return {
    command: `rm-group-member ${args.deviceGroup} ${args.member}`,
    scope: { deviceGroups: [args.deviceGroup] },
    prepare(live): Prepared {
      requireDg(live, args);
      if (tgArgs) requireTg(live, tgArgs);
      return {
        kind: 'remove',
        object: memberWords(args),
        details: { deviceGroup: args.deviceGroup, ...(tgArgs ? { targetGroup: tgArgs.targetGroup, target: args.member } : { device: args.member }) },
        apply: (model) => {
          if (tgArgs) {
            const tg = findTg(model, tgArgs);
            if (!tg?.targets[args.member]) return false;
            delete tg.targets[args.member];
            return true;
          }
          const dg = model.deviceGroups[args.deviceGroup];
          const index = dg?.devices.indexOf(args.member) ?? -1;
          if (index < 0) return false;
          dg!.devices.splice(index, 1);
          return true;
        },
      };
    },
  };
}

/** The device group a device is in (SCST allows one), looked up member link by member link. */
export async function deviceGroupHolding(context: Pick<PrepareContext, 'sysfs'>, device: string): Promise<string | undefined> {
  const groups = (await context.sysfs.list('device_groups')).filter((e) => e.type === 'dir').map((e) => e.name);
  const held = await Promise.all(groups.map((dg) => context.sysfs.exists(`device_groups/${dg}/devices/${device}`)));
  return groups.find((_, i) => held[i]);
}

/** Whether a target of that name exists on this node, under any driver. */
async function isLocalTarget(context: PrepareContext, target: string): Promise<boolean> {
  const drivers = (await context.sysfs.list('targets')).filter((e) => e.type === 'dir').map((e) => e.name);
  const found = await Promise.all(drivers.map((driver) => context.sysfs.exists(`targets/${driver}/${target.replaceAll('/', '!')}`)));
  return found.some(Boolean);
}

// --- state -----------------------------------------------------------------------------------------

export interface AluaStateArgs extends TargetGroupArgs {
  /** One of ALUA_STATES. */
  state: string;
  /** Set or clear the target group's preferred bit; left as it is when undefined. */
  preferred?: boolean;
}


/**
 * The ALUA access state (and optionally the preferred bit) of one target group: the failover
 * switch of a cluster manager. Already so: nothing to do. Run it with `runEdit`:
 *
 *   await runEdit(sysfs, setAluaState({ deviceGroup, targetGroup, state: 'active' }), { saveTo, lockFile, stateDir });
 */
export function setAluaState(args: AluaStateArgs): Change {
  checkTg(args);
  if (!ALUA_STATES.includes(args.state)) throw badInput(msg.badState(ALUA_STATES), { object: `state '${args.state}' of ${tgWords(args)}`, code: 'BAD_VALUE' });
  const preferred = args.preferred === undefined ? undefined : args.preferred ? '1' : '0';
  return {
    command: `set-alua-state ${args.deviceGroup} ${args.targetGroup} ${args.state}`,
    scope: { deviceGroups: [args.deviceGroup] },
    prepare(live): Prepared {
      requireTg(live, args);
      return {
        kind: 'set',
        object: tgWords(args),
        details: { deviceGroup: args.deviceGroup, targetGroup: args.targetGroup, state: args.state, ...(preferred === undefined ? {} : { preferred: args.preferred }) },
        apply: (model) => {
          const tg = ensureTg(model, args);
          // An unread or unsaved preferred is 0: SCST marks it [key] only when it is 1.
          const samePreferred = preferred === undefined || (tg.attributes.preferred?.at(-1) ?? '0') === preferred;
          if (tg.attributes.state?.at(-1) === args.state && samePreferred) return false;
          tg.attributes.state = [args.state];
          if (preferred !== undefined) tg.attributes.preferred = [preferred];
          return true;
        },
      };
    },
  };
}
