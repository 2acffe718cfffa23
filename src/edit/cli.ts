/**
 * What every single-object command shares on the command line, in one place: the flags
 * (--dry-run, --force, --strict, --no-save, --config, the lock and journal paths), turning them
 * into engine options, the lines printed and the --json report. A command file is then: its own
 * arguments and flags, one change built from them, `runEditCommand`.
 */
import * as Flags from '@oclif/core/flags';
import { confPath } from '../conf/index.js';
import { openRunTree, runFlags } from '../plan/cli.js';
import { planJson, renderPlan, runPaths, type PlanJson } from '../plan/index.js';
import { progressBar } from '../plan/progress.js';
import { count } from '../ui/units.js';
import type { Change } from './change.js';
import { nothingToDo, runEdit, type EditOutcome, type EditResult } from './engine.js';
import type { SaveResult } from './save.js';
import { editMessages as msg } from './messages.js';

export const editFlags = {
  'dry-run': runFlags['dry-run'],
  force: Flags.boolean({ description: 'remove or replace what a logged-in initiator is using' }),
  strict: Flags.boolean({ description: 'exit 1 when there is nothing to do (already present, or not there)' }),
  'no-save': Flags.boolean({ description: 'change the host only; do not save the config file' }),
  config: Flags.string({ description: 'config file the change is saved to (default /etc/scst.conf, or SCST_CONF)', helpValue: 'FILE', helpGroup: 'PATHS' }),
  'show-secrets': Flags.boolean({ description: 'print CHAP secrets in the writes instead of masking them' }),
  wait: runFlags.wait,
  'lock-file': runFlags['lock-file'],
  'state-dir': runFlags['state-dir'],
};

/** `--driver`, for commands that name a target. */
export const driverFlag = {
  driver: Flags.string({ description: 'target driver of the target', default: 'iscsi', helpValue: 'DRIVER' }),
};

export interface EditFlagValues {
  'dry-run'?: boolean;
  force?: boolean;
  strict?: boolean;
  'no-save'?: boolean;
  config?: string;
  'show-secrets'?: boolean;
  wait?: number;
  'lock-file'?: string;
  'state-dir'?: string;
  simulate?: string;
  'sysfs-root'?: string;
}

export interface EditHooks {
  json: boolean;
  log(line: string): void;
  warn(line: string): void;
}

/**
 * The --json shape of every single-object command (docs/devices.md): what was changed, how it
 * ended, the writes, the sysfs calls made and the milliseconds, and what became of the file.
 */
export interface EditReport {
  command: string;
  kind: EditResult['kind'];
  object: string;
  details: Record<string, unknown>;
  outcome: EditOutcome;
  applied: number;
  ms: number;
  sysfs: { reads: number; lists: number; readlinks: number; writes: number };
  saved: SaveResult;
  plan: PlanJson;
}

export async function runEditCommand(flags: EditFlagValues, change: Change, hooks: EditHooks): Promise<EditReport> {
  const { sysfs, simulationFile, close } = await openRunTree(flags);
  const progress = progressBar(!hooks.json);
  const dryRun = flags['dry-run'] ?? false;
  const showSecrets = flags['show-secrets'] ?? false;
  try {
    const result = await runEdit(sysfs, change, {
      ...runPaths({ simulationFile, lockFile: flags['lock-file'], stateDir: flags['state-dir'] }),
      force: flags.force ?? false,
      dryRun,
      strict: flags.strict ?? false,
      waitSeconds: flags.wait,
      saveTo: flags['no-save'] ? undefined : confPath(flags.config),
      onNotice: hooks.warn,
      onProgress: (done, total) => progress.update(done, total),
      onPlan: (plan) => {
        if (dryRun && !hooks.json) for (const line of renderPlan(plan, { writes: true, showSecrets })) hooks.log(line);
      },
    });
    if (!hooks.json) for (const line of editLines(result, showSecrets)) hooks.log(line);
    if (result.saved.status === 'not-saved') hooks.warn(`${msg.notSaved(result.saved.file ?? '', result.saved.reason ?? '')}\nhint: ${msg.notSavedHint(result.saved.file ?? '')}`);
    return editReport(result, showSecrets);
  } finally {
    progress.done();
    await close();
  }
}

/** What a person reads after the command: the changes made (or why none), then the file. */
export function editLines(result: EditResult, showSecrets = false): string[] {
  if (result.outcome === 'dry-run') return [msg.dryRun];
  if (result.outcome === 'nothing-to-do') return [`${result.object}: ${nothingToDo(result)}`, ...savedLines(result.saved)];
  // renderPlan's last line is the plan's summary; after the run, "Done" says it instead.
  const changes = renderPlan(result.plan, { showSecrets }).slice(0, -1);
  return [...changes, msg.done(count(result.applied, 'sysfs write'), result.ms), ...savedLines(result.saved)];
}

function savedLines(saved: SaveResult): string[] {
  if (saved.file === undefined) return [];
  if (saved.status === 'updated') return [msg.saved(saved.file)];
  if (saved.status === 'created') return [msg.created(saved.file)];
  if (saved.status === 'unchanged') return [msg.savedUnchanged(saved.file)];
  return [];
}

export function editReport(result: EditResult, showSecrets = false): EditReport {
  const { reads, lists, readlinks, writes } = result.sysfs;
  return {
    command: result.command,
    kind: result.kind,
    object: result.object,
    details: result.details,
    outcome: result.outcome,
    applied: result.applied,
    ms: result.ms,
    sysfs: { reads, lists, readlinks, writes },
    saved: result.saved,
    plan: planJson(result.plan, showSecrets),
  };
}
