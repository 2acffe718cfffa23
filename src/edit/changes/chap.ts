/**
 * iSCSI CHAP users: the incoming users an initiator logs in as, and the one outgoing user the
 * target answers with (mutual CHAP), on a target or on discovery (the driver's lists). A user is
 * `name secret`; users are matched by name. Secrets are checked against iSCSI-SCST's rules before
 * anything is read (chap-secret.ts), are masked in every plan and report, and never appear in
 * `details`. Listing shows users, never secrets unless asked for.
 */
import { badInput } from '../../errors.js';
import { readLive } from '../../live/index.js';
import type { AttrValues, ScstConfig, TargetDriver } from '../../model/types.js';
import type { Sysfs } from '../../sysfs/types.js';
import { SECRET_MASK } from '../../ui/mask.js';
import type { Change, EditScope, Prepared } from '../change.js';
import { checkName, requireTarget, targetWords } from '../checks.js';
import { chapProblems, chapUserProblem } from '../chap-secret.js';
import { ensureTarget, findTarget } from '../model.js';
import { chapMessages as msg } from '../access-messages.js';

export type ChapDirection = 'incoming' | 'outgoing';

export interface ChapListArgs {
  driver: string;
  /** The target's list; undefined for discovery (the driver's list). */
  target?: string;
  direction: ChapDirection;
}

export interface AddChapUserArgs extends ChapListArgs {
  user: string;
  secret: string;
  /**
   * A user of that name already there counts as present whatever its secret (a generated
   * secret must not replace the one initiators were given on every re-run).
   */
  keepExisting?: boolean;
}

export interface RmChapUserArgs extends ChapListArgs {
  user: string;
}

const attributeOf = (direction: ChapDirection) => (direction === 'incoming' ? 'IncomingUser' : 'OutgoingUser');
const userOf = (value: string) => value.trim().split(/\s+/)[0] ?? '';

function listWords(args: ChapListArgs): string {
  return args.target === undefined ? `discovery of driver ${args.driver}` : `target ${targetWords(args.driver, args.target)}`;
}

const userWords = (args: ChapListArgs & { user: string }) => `${args.direction} CHAP user ${args.user} of ${listWords(args)}`;

function checkList(args: ChapListArgs): void {
  checkName('driver', args.driver, `driver ${args.driver}`);
  if (args.target !== undefined) checkName('target', args.target, `target ${targetWords(args.driver, args.target)}`, { owner: args.driver });
}

function checkUser(args: ChapListArgs & { user: string }): void {
  const problem = chapUserProblem(args.user);
  if (problem) throw badInput(problem, { object: userWords(args), code: 'BAD_NAME' });
}

function scopeOf(args: ChapListArgs): EditScope {
  return args.target === undefined ? { drivers: [args.driver] } : { targets: [{ driver: args.driver, target: args.target }] };
}

/** The attribute list a change edits, in any model; created (with its target) when missing. */
function listIn(model: ScstConfig, args: ChapListArgs): AttrValues {
  if (args.target !== undefined) return ensureTarget(model, args.driver, args.target).attributes;
  const driver = (model.drivers[args.driver] ??= { name: args.driver, attributes: Object.create(null) as AttrValues, targets: Object.create(null) as TargetDriver['targets'] });
  return driver.attributes;
}

/** The driver knows CHAP users (iSCSI); the target exists when one is named. */
function checkLive(live: ScstConfig, args: ChapListArgs): AttrValues {
  const driver = live.drivers[args.driver];
  const dynamic = args.target === undefined ? driver?.dynamicDriverAttributes : driver?.dynamicTargetAttributes;
  if (!dynamic?.includes(attributeOf(args.direction))) throw badInput(msg.notIscsi(args.driver), { object: `driver ${args.driver}`, code: 'BAD_INPUT' });
  return args.target === undefined ? driver!.attributes : requireTarget(live, args.driver, args.target).attributes;
}

function details(args: ChapListArgs & { user: string }): Record<string, unknown> {
  return { driver: args.driver, target: args.target ?? null, direction: args.direction, user: args.user };
}

export function addChapUser(args: AddChapUserArgs): Change {
  checkList(args);
  checkUser(args);
  const problem = chapProblems(args.user, args.secret).find((p) => p.severity === 'error');
  if (problem) throw badInput(problem.message, { object: userWords(args), hint: msg.secretRulesHint, code: 'CHAP_BAD_SECRET' });
  const attribute = attributeOf(args.direction);
  const value = `${args.user} ${args.secret}`;
  return {
    command: `add-chap-user ${args.user}`,
    scope: scopeOf(args),
    prepare(live, context): Prepared {
      const values = checkLive(live, args)[attribute] ?? [];
      // The daemon keeps one outgoing user: another one is replaced only on purpose.
      const other = args.direction === 'outgoing' ? values.find((v) => userOf(v) !== args.user) : undefined;
      if (other !== undefined && !context.force) throw badInput(msg.otherOutgoing(userOf(other)), { object: listWords(args), hint: msg.otherOutgoingHint, code: 'IN_USE' });
      return {
        kind: 'add',
        object: userWords(args),
        details: details(args),
        apply: (model) => {
          const list = listIn(model, args);
          const current = list[attribute] ?? [];
          const same = current.find((v) => userOf(v) === args.user);
          const alone = args.direction === 'incoming' || current.length === 1;
          if (same !== undefined && alone && (args.keepExisting || same.trim().split(/\s+/).join(' ') === value)) return false;
          const kept = args.direction === 'outgoing' ? [] : current.filter((v) => userOf(v) !== args.user);
          list[attribute] = [...kept, value];
          return true;
        },
      };
    },
  };
}

export function rmChapUser(args: RmChapUserArgs): Change {
  checkList(args);
  checkUser(args);
  const attribute = attributeOf(args.direction);
  return {
    command: `rm-chap-user ${args.user}`,
    scope: scopeOf(args),
    prepare(live): Prepared {
      checkLive(live, args);
      return {
        kind: 'remove',
        object: userWords(args),
        details: details(args),
        apply: (model) => {
          const list = args.target === undefined ? model.drivers[args.driver]?.attributes : findTarget(model, args.driver, args.target)?.attributes;
          const current = list?.[attribute] ?? [];
          if (!current.some((v) => userOf(v) === args.user)) return false;
          const rest = current.filter((v) => userOf(v) !== args.user);
          if (rest.length > 0) list![attribute] = rest;
          else delete list![attribute];
          return true;
        },
      };
    },
  };
}

// --- listing ---------------------------------------------------------------------------------------

/** One row of `list-chap-users --json` (docs/chap.md). */
export interface ChapUserRow {
  driver: string;
  /** null: discovery. */
  target: string | null;
  direction: ChapDirection;
  user: string;
  /** The secret with --show-secrets, else `********`. */
  secret: string;
}

export interface ChapListQuery {
  driver: string;
  /** Only this target; undefined with `discovery` false: discovery and every target. */
  target?: string;
  /** Only discovery. */
  discovery?: boolean;
  showSecrets?: boolean;
}

/** Reads only attributes: no LUNs, groups or sessions of the targets listed. */
export async function listChapUsers(sysfs: Sysfs, query: ChapListQuery): Promise<ChapUserRow[]> {
  const onlyTarget = query.target === undefined ? undefined : [query.target];
  const parts = { targets: query.discovery ? [] : onlyTarget, luns: [], groups: [], sessions: false };
  const live = await readLive(sysfs, { scope: `targets/${query.driver}`, parts });
  const driver = live.drivers[query.driver];
  if (query.target !== undefined) requireTarget(live, query.driver, query.target);
  const rows: ChapUserRow[] = [];
  const add = (target: string | null, attributes: AttrValues) => {
    for (const direction of ['incoming', 'outgoing'] as const) {
      for (const [name, values] of Object.entries(attributes)) {
        if (name.replace(/\d+$/, '') !== attributeOf(direction)) continue;
        for (const value of values) {
          const words = value.trim().split(/\s+/);
          rows.push({ driver: query.driver, target, direction, user: words[0] ?? '', secret: query.showSecrets ? (words[1] ?? '') : SECRET_MASK });
        }
      }
    }
  };
  if (query.target === undefined && driver) add(null, driver.attributes);
  if (!query.discovery) for (const target of Object.values(driver?.targets ?? {}).sort((a, b) => a.name.localeCompare(b.name))) add(target.name, target.attributes);
  return rows;
}
