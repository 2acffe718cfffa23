/**
 * The session commands' command-line side: list-sessions' columns, and close-session's run
 * (flags to executor options, the lines printed, the --json report shared with the other
 * single-object commands).
 */
import { openRunTree } from '../plan/cli.js';
import { runPaths } from '../plan/index.js';
import { alignColumns } from '../ui/columns.js';
import { editFlags, editLines, editReport, type EditHooks, type EditReport } from './cli.js';
import { closeSession, type CloseSessionArgs, type SessionRow } from './sessions.js';
import { sessionMessages as msg } from './access-messages.js';

export const closeSessionFlags = {
  'dry-run': editFlags['dry-run'],
  strict: editFlags.strict,
  wait: editFlags.wait,
  'lock-file': editFlags['lock-file'],
  'state-dir': editFlags['state-dir'],
};

interface CloseFlagValues {
  'dry-run'?: boolean;
  strict?: boolean;
  wait?: number;
  'lock-file'?: string;
  'state-dir'?: string;
  simulate?: string;
  'sysfs-root'?: string;
}

export async function runCloseSession(flags: CloseFlagValues, args: CloseSessionArgs, hooks: EditHooks): Promise<EditReport> {
  const { sysfs, simulationFile, close } = await openRunTree(flags);
  try {
    const result = await closeSession(sysfs, args, {
      ...runPaths({ simulationFile, lockFile: flags['lock-file'], stateDir: flags['state-dir'] }),
      dryRun: flags['dry-run'] ?? false,
      strict: flags.strict ?? false,
      waitSeconds: flags.wait,
      onNotice: hooks.warn,
    });
    if (!hooks.json) {
      for (const line of editLines(result)) hooks.log(line);
      if (result.outcome === 'done') hooks.log(msg.reconnects);
    }
    return editReport(result);
  } finally {
    await close();
  }
}

export function sessionLines(rows: readonly SessionRow[]): string[] {
  if (rows.length === 0) return [msg.noSessions];
  const table = rows.map((r) => [r.target, r.session === r.initiator ? r.initiator : `${r.initiator} (${r.session})`, r.group ?? '(default)', r.luns.join(',') || '-', r.addresses.join(',') || '-', r.commands === null ? '?' : String(r.commands)]);
  return alignColumns([['TARGET', 'INITIATOR', 'LUN SET', 'LUNS', 'ADDRESS', 'COMMANDS'], ...table]);
}
