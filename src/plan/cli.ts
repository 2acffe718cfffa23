/**
 * What plan, apply, diff and clear-config share on the command line: their flags, turning flags
 * into engine options (lock and journal paths, confirmation, progress), and the report shapes.
 * Keeps the command files down to flags in, one call, output out.
 */
import * as Flags from '@oclif/core/flags';
import { openSysfs } from '../cli/sysfs-select.js';
import { loadConf } from '../conf/index.js';
import { badInput, EXIT } from '../errors.js';
import type { ScstConfig } from '../model/types.js';
import type { Sysfs } from '../sysfs/types.js';
import { count } from '../ui/units.js';
import type { ApplyOptions, ApplyResult, RecoveryResult } from './apply.js';
import type { PlanOptions } from './context.js';
import { LockBoundSimulation } from './lock-bound-state.js';
import { interruptedRun, type InterruptedRun } from './journal.js';
import { applyMessages as msg } from './messages.js';
import type { Plan } from './planner.js';
import { progressBar } from './progress.js';
import { countPlan, planJson, renderPlan, type PlanJson } from './render.js';
import { runPaths } from './run-paths.js';
import type { SysfsCounts } from './counting-sysfs.js';
import { integerFlag } from '../cli/integer-flag.js';

export const planFlags = {
  prune: Flags.boolean({ description: 'also remove what the host has and the file does not' }),
  force: Flags.boolean({ description: 'allow removing or re-creating what an initiator is using, and re-creating devices whose creation parameters changed' }),
  suspend: integerFlag({ description: 'suspend SCST I/O around the whole plan, with this kernel timeout (default: automatic for mass LUN/group changes)', helpValue: 'SECONDS', min: 0, max: 86_400 }),
  'no-suspend': Flags.boolean({ description: 'never suspend I/O around the plan' }),
  'show-secrets': Flags.boolean({ description: 'print CHAP secrets instead of masking them' }),
  'detailed-exitcode': Flags.boolean({ description: 'exit 3 when changes are pending, 0 when there are none' }),
};

export const runFlags = {
  yes: Flags.boolean({ char: 'y', description: 'do not ask before removing or re-creating anything' }),
  'dry-run': Flags.boolean({ description: 'print the exact writes (path and bytes) and change nothing' }),
  wait: integerFlag({ description: 'wait up to this long for another run holding the lock (default: fail at once, exit 4)', helpValue: 'SECONDS', min: 0, max: 86_400 }),
  resume: Flags.boolean({ description: 'finish the plan of an interrupted run instead of rolling it back' }),
  'lock-file': Flags.string({ description: 'lock file (default /run/lock/scstadmin-ts.lock)', env: 'SCSTADMIN_TS_LOCK', helpGroup: 'PATHS' }),
  'state-dir': Flags.string({ description: 'directory of the journal (default /var/lib/scstadmin-ts)', env: 'SCSTADMIN_TS_STATE_DIR', helpGroup: 'PATHS' }),
};

interface PlanFlagValues {
  prune?: boolean;
  force?: boolean;
  suspend?: number;
  'no-suspend'?: boolean;
}

export function planOptionsOf(flags: PlanFlagValues): PlanOptions {
  const options: PlanOptions = { prune: flags.prune ?? false, force: flags.force ?? false };
  if (flags['no-suspend']) options.suspend = false;
  else if (flags.suspend !== undefined) options.suspend = flags.suspend;
  return options;
}

/**
 * The file's model. An empty file applied with --prune would remove everything — that is what
 * clear-config is for, with its own --force; apply refuses it (scstadmin stops on an empty file).
 */
export async function loadDesired(file: string, options: { prune?: boolean } = {}): Promise<ScstConfig> {
  const config = (await loadConf(file)).config;
  if (options.prune && isEmptyConfig(config)) throw badInput(msg.emptyWithPrune, { object: file, hint: msg.emptyWithPruneHint, code: 'CONF_EMPTY' });
  return config;
}

function isEmptyConfig(config: ScstConfig): boolean {
  const none = (record: object) => Object.keys(record).length === 0;
  return none(config.handlers) && none(config.drivers) && none(config.deviceGroups) && none(config.attributes) && none(config.alua);
}

export interface RunTree {
  sysfs: Sysfs;
  simulationFile?: string;
  /** Call when the command ends, failed or not. */
  close(): Promise<void>;
}

/**
 * The tree plan, diff and the executor's runs work on. An emulated host is not opened the usual
 * way (loaded once when the command starts, saved when it ends): it follows its state file across
 * lock holds, so a run that waited for another (--wait) plans on, and keeps, what that one wrote;
 * and a command that only looked never saves, so it cannot undo what a run saved meanwhile.
 */
export async function openRunTree(flags: { simulate?: string; 'sysfs-root'?: string }): Promise<RunTree> {
  if (flags.simulate === undefined) return openSysfs({ sysfsRoot: flags['sysfs-root'] });
  const sysfs = await LockBoundSimulation.open(flags.simulate);
  return { sysfs, simulationFile: flags.simulate, close: () => sysfs.close() };
}

export interface RunHooks {
  json: boolean;
  log: (line: string) => void;
  warn: (line: string) => void;
  showSecrets: boolean;
}

type RunFlagValues = PlanFlagValues & { yes?: boolean; 'dry-run'?: boolean; wait?: number; resume?: boolean; 'lock-file'?: string; 'state-dir'?: string };

/** Engine options from the flags: paths, confirmation on a terminal, the plan printed, progress. */
export function runOptionsOf(flags: RunFlagValues, simulationFile: string | undefined, command: string, hooks: RunHooks): ApplyOptions & { finish(): void } {
  const paths = runPaths({ simulationFile, lockFile: flags['lock-file'], stateDir: flags['state-dir'] });
  const progress = progressBar(!hooks.json);
  return {
    ...planOptionsOf(flags),
    ...paths,
    command,
    dryRun: flags['dry-run'] ?? false,
    waitSeconds: flags.wait,
    resume: flags.resume ?? false,
    onNotice: hooks.warn,
    onProgress: (done, total) => progress.update(done, total),
    finish: () => progress.done(),
    onPlan: (plan) => {
      if (!hooks.json) for (const line of renderPlan(plan, { writes: flags['dry-run'], showSecrets: hooks.showSecrets })) hooks.log(line);
    },
    confirm: flags.yes ? undefined : (plan) => askToConfirm(plan, hooks.json),
  };
}

/** The confirmation prompt; without a terminal there is nobody to ask (exit 2, pass --yes). */
async function askToConfirm(plan: Plan, json: boolean): Promise<boolean> {
  if (json || !process.stdin.isTTY || !process.stdout.isTTY) throw badInput(msg.noTty, { hint: msg.noTtyHint, code: 'CONFIRMATION_NEEDED' });
  // The prompt library is large and only needed when a terminal is asked: loaded then.
  const { confirm } = await import('@inquirer/prompts');
  return confirm({ message: msg.confirm(plan.ops.length, plan.ops.filter((op) => op.destructive).length), default: false });
}

export interface RunReport {
  dryRun: boolean;
  aborted: boolean;
  applied: number;
  ms: number;
  sysfs: Pick<SysfsCounts, 'reads' | 'writes' | 'lists' | 'readlinks'>;
  recovered?: RecoveryResult;
  plan: PlanJson;
}

export function runReport(result: ApplyResult, showSecrets: boolean): RunReport {
  const { reads, writes, lists, readlinks } = result.sysfs;
  return {
    dryRun: result.dryRun,
    aborted: result.aborted,
    applied: result.applied,
    ms: result.ms,
    sysfs: { reads, writes, lists, readlinks },
    ...(result.recovered ? { recovered: result.recovered } : {}),
    plan: planJson(result.plan, showSecrets),
  };
}

/** The last line(s) of an apply: what was done, how long it took. */
export function runSummary(result: ApplyResult): string[] {
  if (result.aborted) return [msg.aborted];
  if (result.dryRun) return ['Dry run: nothing was written.'];
  const lines: string[] = [];
  if (result.recovered) {
    const r = result.recovered;
    lines.push(r.action === 'resumed' ? `Resumed the interrupted run (${r.total} writes in its plan).` : `Rolled back the interrupted run (${r.begun} writes begun).`);
    for (const failure of r.failures) lines.push(`  could not undo: ${failure}`);
  }
  // With nothing applied, the plan's own summary line ("Nothing to do…") has said it all.
  const { held } = countPlan(result.plan);
  if (result.applied > 0) lines.push(`Applied ${count(result.applied, 'write')} in ${result.ms} ms.`);
  if (held > 0) lines.push(result.applied > 0 ? msg.heldAfterApply(held) : msg.heldOnly(held));
  return lines;
}

/**
 * A run killed mid-apply left its journal: what plan and status say about it (the next mutating
 * run recovers it before anything else). Undefined when there is none.
 */
export async function interruptedRunOf(simulationFile: string | undefined, stateDir?: string): Promise<InterruptedRun | undefined> {
  return interruptedRun(runPaths({ simulationFile, stateDir }).stateDir);
}

/**
 * The exit code of apply. A dry run follows `pendingExitCode`. A run that leaves changes held
 * back for --force did not make the host match the file, so it is no success: 1, or 3 with
 * --detailed-exitcode (changes pending). Undefined: the default (0, or the error's own code).
 */
export function applyExitCode(result: ApplyResult, detailed: boolean | undefined): number | undefined {
  if (result.dryRun) return pendingExitCode(result.plan, detailed);
  if (result.aborted) return undefined;
  if (countPlan(result.plan).held === 0) return detailed ? EXIT.OK : undefined;
  return detailed ? EXIT.CHANGES_PENDING : EXIT.FAILED;
}

/** With --detailed-exitcode: 3 when something is (or was, for a dry run) pending. */
export function pendingExitCode(plan: Plan, detailed: boolean | undefined): number | undefined {
  if (!detailed) return undefined;
  const counts = countPlan(plan);
  return counts.writes > 0 || counts.held > 0 ? EXIT.CHANGES_PENDING : EXIT.OK;
}
