/**
 * Sessions: who is logged in to which target, seeing which LUNs, from where, with how many
 * commands so far. Listing reads only the targets asked for; closing a session is one
 * `force_close` write through the executor (see access.ts for the change side).
 */
import { readLive } from '../live/index.js';
import type { ScstConfig } from '../model/types.js';
import { parseAttributeText } from '../sysfs/attribute-text.js';
import { readSettled } from '../sysfs/mgmt-write.js';
import { dirNameOf } from '../sysfs/names.js';
import { isSysfsError, type Sysfs } from '../sysfs/types.js';

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
