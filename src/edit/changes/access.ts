/**
 * Who may see what: initiator groups of a target (add-group, rm-group), the initiator names and
 * patterns in them (add-initiator, rm-initiator, move-initiator, clear-initiators), and the
 * portals an iSCSI target is offered on (allow-portal, deny-portal). Removing or moving what
 * puts a logged-in initiator into a group needs --force: the planner holds it back, naming the
 * session, and the engine refuses.
 */
import { badInput } from '../../errors.js';
import type { IniGroup, ScstConfig } from '../../model/types.js';
import type { Change, Prepared, TargetScope } from '../change.js';
import { checkName, checkTargetNames, checkValue, requireGroup, requireTarget, targetWords } from '../checks.js';
import { ensureGroup, ensureTarget, findTarget } from '../model.js';
import { accessMessages as msg } from '../access-messages.js';
import type { TargetArgs } from './targets.js';

export interface GroupArgs extends TargetArgs {
  group: string;
}

export interface InitiatorArgs extends GroupArgs {
  /** A name or a pattern with `*`, `?` and one leading `!`. */
  initiator: string;
}

function checkGroupArgs(args: GroupArgs): void {
  checkTargetNames(args.driver, args.target);
  checkName('group', args.group, groupWords(args));
}

const groupWords = (args: GroupArgs) => `group ${targetWords(args.driver, args.target, args.group)}`;
const initiatorWords = (args: InitiatorArgs) => `initiator ${args.initiator} of ${targetWords(args.driver, args.target, args.group)}`;

function groupScope(args: TargetArgs, groups: string[], sessions: boolean): TargetScope {
  return { driver: args.driver, target: args.target, groups, sessions };
}

function groupOf(model: ScstConfig, args: GroupArgs): IniGroup | undefined {
  return findTarget(model, args.driver, args.target)?.groups[args.group];
}

function details(args: TargetArgs & { group?: string }, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { driver: args.driver, target: args.target, ...(args.group === undefined ? {} : { group: args.group }), ...extra };
}

// --- groups -----------------------------------------------------------------------------------

export function addGroup(args: GroupArgs): Change {
  checkGroupArgs(args);
  return {
    command: `add-group ${args.target} ${args.group}`,
    scope: { targets: [groupScope(args, [args.group], false)] },
    prepare(live): Prepared {
      requireTarget(live, args.driver, args.target);
      return {
        kind: 'add',
        object: groupWords(args),
        details: details(args),
        apply: (model) => {
          const target = ensureTarget(model, args.driver, args.target);
          if (target.groups[args.group]) return false;
          ensureGroup(target, args.group);
          return true;
        },
      };
    },
  };
}

/**
 * A group goes with its LUNs and initiators. Its LUNs are read (one group's worth) so that the
 * undo of the delete re-creates them; a group a session is attached to needs --force.
 */
export function rmGroup(args: GroupArgs): Change {
  checkGroupArgs(args);
  return {
    command: `rm-group ${args.target} ${args.group}`,
    scope: { targets: [{ ...groupScope(args, [args.group], true), groupLuns: 'all' }] },
    prepare(live): Prepared {
      requireTarget(live, args.driver, args.target);
      return {
        kind: 'remove',
        object: groupWords(args),
        details: details(args),
        apply: (model) => {
          const target = findTarget(model, args.driver, args.target);
          if (!target?.groups[args.group]) return false;
          delete target.groups[args.group];
          return true;
        },
      };
    },
  };
}

// --- initiators -------------------------------------------------------------------------------

function checkInitiatorArgs(args: InitiatorArgs): void {
  checkGroupArgs(args);
  checkName('initiator', args.initiator, initiatorWords(args), { owner: args.driver });
}

/** Adds a name or pattern to a group. A logged-in initiator it matches moves into the group at once. */
export function addInitiator(args: InitiatorArgs): Change {
  checkInitiatorArgs(args);
  return {
    command: `add-initiator ${args.target} ${args.group} ${args.initiator}`,
    scope: { targets: [groupScope(args, [args.group], false)] },
    prepare(live): Prepared {
      requireGroup(requireTarget(live, args.driver, args.target), args.driver, args.group);
      return {
        kind: 'add',
        object: initiatorWords(args),
        details: details(args, { initiator: args.initiator }),
        apply: (model) => {
          return putInitiator(ensureGroup(ensureTarget(model, args.driver, args.target), args.group), args.initiator);
        },
      };
    },
  };
}

export function rmInitiator(args: InitiatorArgs): Change {
  checkInitiatorArgs(args);
  return {
    command: `rm-initiator ${args.target} ${args.group} ${args.initiator}`,
    scope: { targets: [groupScope(args, [args.group], true)] },
    prepare(live): Prepared {
      requireGroup(requireTarget(live, args.driver, args.target), args.driver, args.group);
      return {
        kind: 'remove',
        object: initiatorWords(args),
        details: details(args, { initiator: args.initiator }),
        apply: (model) => dropInitiator(groupOf(model, args), args.initiator),
      };
    },
  };
}

/** Adds the name unless the group holds it already; whether the model changed. */
function putInitiator(group: IniGroup, initiator: string): boolean {
  if (group.initiators.includes(initiator)) return false;
  group.initiators.push(initiator);
  return true;
}

function dropInitiator(group: IniGroup | undefined, initiator: string): boolean {
  const index = group?.initiators.indexOf(initiator) ?? -1;
  if (index < 0) return false;
  group!.initiators.splice(index, 1);
  return true;
}

/** One `move` write: the initiator leaves GROUP for `to`; a session it put there follows (--force). */
export function moveInitiator(args: InitiatorArgs & { to: string }): Change {
  checkInitiatorArgs(args);
  const destination = { ...args, group: args.to };
  checkName('group', args.to, groupWords(destination));
  if (args.to === args.group) throw badInput(msg.sameGroup, { object: initiatorWords(args), code: 'BAD_INPUT' });
  return {
    command: `move-initiator ${args.target} ${args.group} ${args.initiator} ${args.to}`,
    scope: { targets: [groupScope(args, [args.group, args.to], true)] },
    prepare(live): Prepared {
      const target = requireTarget(live, args.driver, args.target);
      const from = requireGroup(target, args.driver, args.group);
      const to = requireGroup(target, args.driver, args.to);
      const object = initiatorWords(args);
      const inFrom = from.initiators.includes(args.initiator);
      const inTo = to.initiators.includes(args.initiator);
      // SCST refuses a move into a group that holds the name (EEXIST): say what to do instead.
      if (inFrom && inTo) throw badInput(msg.inBothGroups(args.group, args.to), { object, hint: msg.inBothGroupsHint(args.target, args.group, args.initiator), code: 'BAD_INPUT' });
      if (!inFrom && !inTo) throw badInput(msg.noInitiator(args.group), { object, hint: msg.noInitiatorHint, code: 'NO_SUCH_OBJECT' });
      return {
        kind: 'set',
        object,
        details: details(args, { initiator: args.initiator, to: args.to }),
        apply: (model) => {
          const target = ensureTarget(model, args.driver, args.target);
          const into = ensureGroup(target, args.to);
          const left = dropInitiator(target.groups[args.group], args.initiator);
          return putInitiator(into, args.initiator) || left;
        },
      };
    },
  };
}

export function clearInitiators(args: GroupArgs): Change {
  checkGroupArgs(args);
  return {
    command: `clear-initiators ${args.target} ${args.group}`,
    scope: { targets: [groupScope(args, [args.group], true)] },
    prepare(live): Prepared {
      const group = requireGroup(requireTarget(live, args.driver, args.target), args.driver, args.group);
      return {
        kind: 'remove',
        object: `initiators of ${groupWords(args)}`,
        details: details(args, { initiators: [...group.initiators] }),
        apply: (model) => {
          const found = groupOf(model, args);
          if (!found || found.initiators.length === 0) return false;
          found.initiators = [];
          return true;
        },
      };
    },
  };
}

// --- allowed portals (iSCSI) ----------------------------------------------------------------------

export interface PortalArgs extends TargetArgs {
  /** An address or a pattern with `*`, `?` and a leading `!`. */
  portal: string;
}

const PORTAL = 'allowed_portal';

function portalChange(args: PortalArgs, kind: 'add' | 'remove'): Change {
  checkTargetNames(args.driver, args.target);
  const object = `allowed portal ${args.portal} of target ${targetWords(args.driver, args.target)}`;
  checkValue('target', args.driver, PORTAL, args.portal, object);
  return {
    command: `${kind === 'add' ? 'allow-portal' : 'deny-portal'} ${args.target} ${args.portal}`,
    scope: { targets: [groupScope(args, [], false)] },
    prepare(live): Prepared {
      requireTarget(live, args.driver, args.target);
      if (!live.drivers[args.driver]?.dynamicTargetAttributes?.includes(PORTAL)) {
        throw badInput(msg.noPortalDriver(args.driver), { object: `driver ${args.driver}`, code: 'BAD_INPUT' });
      }
      return {
        kind,
        object,
        details: details(args, { portal: args.portal }),
        apply: (model) => {
          const attributes = ensureTarget(model, args.driver, args.target).attributes;
          const values = attributes[PORTAL] ?? [];
          const present = values.includes(args.portal);
          if (kind === 'add' ? present : !present) return false;
          attributes[PORTAL] = kind === 'add' ? [...values, args.portal] : values.filter((v) => v !== args.portal);
          if (attributes[PORTAL].length === 0) delete attributes[PORTAL];
          return true;
        },
      };
    },
  };
}

/** Offers the target on portals matching the pattern (iSCSI `allowed_portal`; none = every portal). */
export function allowPortal(args: PortalArgs): Change {
  return portalChange(args, 'add');
}

export function denyPortal(args: PortalArgs): Change {
  return portalChange(args, 'remove');
}
