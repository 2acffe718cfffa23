/**
 * Sessions: who is logged in to which target, seeing which LUNs, from where, with how many
 * commands so far. Listing reads only the targets asked for. Closing a session is one
 * `force_close` write through the one executor (lock, journal); sessions are not configuration,
 * so nothing is saved and there is no model edit — the op is made directly.
 */
import { badInput, EXIT, UserError } from '../errors.js';
import { readLive } from '../live/index.js';
import type { ScstConfig } from '../model/types.js';
import { parseAttributeText } from '../sysfs/attribute-text.js';
import { readSettled } from '../sysfs/mgmt-write.js';
import { dirNameOf } from '../sysfs/names.js';
import { isSysfsError, type Sysfs } from '../sysfs/types.js';
import { closeSession as closeSessionOp } from '../plan/ops.js';
import { confForbiddenCharacter } from '../model/validate.js';
import { checkTargetNames, targetWords } from './checks.js';
import { runDirect } from './direct.js';
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
  const live = await readLive(sysfs, { scope }).catch((error: unknown) => {
    if (!(error instanceof UserError) || error.code !== 'NO_SUCH_OBJECT' || query.target === undefined) throw error;
    throw badInput(editMessages.noTarget, { object: `target ${targetWords(query.driver, query.target)}`, hint: editMessages.seeShow, code: 'NO_SUCH_OBJECT' });
  });
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
  checkTargetNames(args.driver, args.target);
  const object = `session ${args.session} of ${targetWords(args.driver, args.target)}`;
  if (args.session === '' || args.session === '.' || args.session === '..' || args.session.includes('/') || confForbiddenCharacter(args.session) !== undefined) {
    throw badInput(msg.badSessionName, { object, code: 'BAD_NAME' });
  }
  const sessions = `targets/${args.driver}/${dirNameOf(args.target)}/sessions`;
  const result = await runDirect(sysfs, {
    command: `close-session ${args.target} ${args.session}`,
    kind: 'remove',
    object,
    async ops(s) {
      const entries = await s.list(sessions).catch((error: unknown) => {
        if (isSysfsError(error, 'ENOENT')) throw badInput(editMessages.noTarget, { object: `target ${targetWords(args.driver, args.target)}`, hint: editMessages.seeShow, code: 'NO_SUCH_OBJECT' });
        throw error;
      });
      return entries.some((e) => e.type === 'dir' && e.name === args.session) ? [closeSessionOp(args.driver, args.target, args.session)] : [];
    },
    details: () => ({ driver: args.driver, target: args.target, session: args.session }),
  }, options);
  if (result.outcome === 'nothing-to-do' && options.strict) {
    throw new UserError(editMessages.notPresent, { object, hint: editMessages.strictHint, code: 'NOT_PRESENT', exitCode: EXIT.FAILED });
  }
  return result;
}
