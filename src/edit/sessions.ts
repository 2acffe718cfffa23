/**
 * Sessions: who is logged in to which target, seeing which LUNs, from where, with how many
 * commands so far. Listing reads only the targets asked for. Closing a session is one
 * `force_close` write through the one executor (lock, journal); sessions are not configuration,
 * so nothing is saved and there is no model edit — the op is made directly.
 */
import { performance } from 'node:perf_hooks';
import { badInput, EXIT, UserError } from '../errors.js';
import { readLive } from '../live/index.js';
import type { ScstConfig } from '../model/types.js';
import { parseAttributeText } from '../sysfs/attribute-text.js';
import { readSettled } from '../sysfs/mgmt-write.js';
import { dirNameOf } from '../sysfs/names.js';
import { isSysfsError, type Sysfs } from '../sysfs/types.js';
import { runPlanned, type Plan } from '../plan/index.js';
import { closeSession as closeSessionOp } from '../plan/ops.js';
import { confForbiddenCharacter } from '../model/validate.js';
import { checkName, targetWords } from './checks.js';
import type { EditOptions, EditResult } from './engine.js';
import { sessionMessages as msg } from './access-messages.js';
import { editMessages } from './messages.js';

/** One row of `list-sessions --json` (documented in docs/sessions.md). */
export interface SessionRow {
  driver: string;
  target: string;
  /** The session's directory name: the initiator name, or `NAME_1` for a second session. */
  session: string;
  initiator: string;
  /** The initiator group whose LUNs the session sees; null for the target's default LUNs. */
  group: string | null;
  luns: number[];
  /** Initiator addresses of its connections (iSCSI). */
  addresses: string[];
  /** SCSI commands the session has received (SCST's `commands` counter); null when unreadable. */
  commands: number | null;
}

export interface SessionQuery {
  driver: string;
  /** Only this target's sessions; all targets of the driver when absent. */
  target?: string;
}

export async function listSessions(sysfs: Sysfs, query: SessionQuery): Promise<SessionRow[]> {
  const scope = query.target === undefined ? `targets/${query.driver}` : `targets/${query.driver}/${dirNameOf(query.target)}`;
  const live = await readLive(sysfs, { scope });
  const rows = sessionRows(live, query.driver);
  await Promise.all(rows.map(async (row) => {
    row.commands = await readCount(sysfs, `targets/${row.driver}/${dirNameOf(row.target)}/sessions/${row.session}/commands`);
  }));
  return rows.sort((a, b) => a.target.localeCompare(b.target) || a.session.localeCompare(b.session));
}

function sessionRows(live: ScstConfig, driver: string): SessionRow[] {
  const targets = Object.values(live.drivers[driver]?.targets ?? {});
  return targets.flatMap((target) => (target.sessions ?? []).map((s): SessionRow => ({
    driver,
    target: target.name,
    session: s.name,
    initiator: s.initiator,
    group: s.group ?? null,
    luns: s.luns,
    addresses: s.addresses ?? [],
    commands: null,
  })));
}

async function readCount(sysfs: Sysfs, path: string): Promise<number | null> {
  try {
    const value = parseAttributeText(await readSettled(sysfs, path)).value.trim();
    return /^\d+$/.test(value) ? Number(value) : null;
  } catch (error) {
    // A session that ended while we read has no counter any more.
    if (isSysfsError(error)) return null;
    throw error;
  }
}

export interface CloseSessionArgs {
  driver: string;
  target: string;
  /** The session's directory name (list-sessions shows it). */
  session: string;
}

/** Ends one session (the initiator usually logs in again); a session that is not there is nothing to do. */
export async function closeSession(sysfs: Sysfs, args: CloseSessionArgs, options: EditOptions = {}): Promise<EditResult> {
  checkName('driver', args.driver, `driver ${args.driver}`);
  checkName('target', args.target, `target ${targetWords(args.driver, args.target)}`, { owner: args.driver });
  const object = `session ${args.session} of ${targetWords(args.driver, args.target)}`;
  if (args.session === '' || args.session === '.' || args.session === '..' || args.session.includes('/') || confForbiddenCharacter(args.session) !== undefined) {
    throw badInput(msg.badSessionName, { object, code: 'BAD_NAME' });
  }
  const started = performance.now();
  const sessions = `targets/${args.driver}/${dirNameOf(args.target)}/sessions`;
  let present = false;
  const makePlan = async (s: Sysfs): Promise<Plan> => {
    const entries = await s.list(sessions).catch((error: unknown) => {
      if (isSysfsError(error, 'ENOENT')) throw badInput(editMessages.noTarget, { object: `target ${targetWords(args.driver, args.target)}`, hint: editMessages.seeShow, code: 'NO_SUCH_OBJECT' });
      throw error;
    });
    present = entries.some((e) => e.type === 'dir' && e.name === args.session);
    return { ops: present ? [closeSessionOp(args.driver, args.target, args.session)] : [], notes: [], requests: [] };
  };
  const command = `close-session ${args.target} ${args.session}`;
  const result = await runPlanned(sysfs, makePlan, { ...options, command });
  if (!present && !result.dryRun && options.strict) {
    throw new UserError(editMessages.notPresent, { object, hint: editMessages.strictHint, code: 'NOT_PRESENT', exitCode: EXIT.FAILED });
  }
  return {
    command,
    kind: 'remove',
    object,
    details: { driver: args.driver, target: args.target, session: args.session },
    outcome: result.dryRun ? 'dry-run' : present ? 'done' : 'nothing-to-do',
    plan: result.plan,
    applied: result.applied,
    sysfs: result.sysfs,
    ms: Math.round(performance.now() - started),
    saved: { status: 'skipped' },
    ...(result.recovered ? { recovered: result.recovered } : {}),
  };
}
