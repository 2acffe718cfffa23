/**
 * apply = read the host, plan, (confirm), lock, journal, execute. Also the recovery of a journal
 * left by a killed run, which every mutating run performs first (roll back, or --resume).
 * The lock is never held while the confirmation prompt waits: the plan is made again under the
 * lock afterwards, and if the host changed meanwhile nothing is applied.
 */
import { startStopwatch } from '../ui/stopwatch.js';
import { EXIT, UserError } from '../errors.js';
import type { ScstConfig } from '../model/types.js';
import type { WaitOptions } from '../sysfs/mgmt-write.js';
import type { Sysfs } from '../sysfs/types.js';
import type { PlanOptions } from './context.js';
import { CountingSysfs, type SysfsCounts } from './counting-sysfs.js';
import { executePlan, undoOps, writeOp, type ExecuteOptions } from './executor.js';
import { Journal, readJournal, removeJournal, DEFAULT_STATE_DIR } from './journal.js';
import { acquireLock, DEFAULT_LOCK_FILE, type Lock } from './lock.js';
import { isLockBound } from './lock-bound-state.js';
import { executorMessages, journalMessages } from './messages.js';
import type { Plan } from './planner.js';
import { planAgainstHost } from './probe.js';

export interface RunOptions {
  /** What this run is, for the lock and the journal (e.g. `apply /etc/scst.conf`). */
  command?: string;
  lockFile?: string;
  stateDir?: string;
  /** Seconds to wait for another run's lock. */
  waitSeconds?: number;
  /** Continue a journal left by a killed run instead of rolling it back. */
  resume?: boolean;
  /** Told when a left-over journal is found and what was done about it. */
  onNotice?: (message: string) => void;
  onProgress?: (done: number, total: number) => void;
  wait?: WaitOptions;
  /** Best effort: failed writes are reported here and skipped instead of rolling back (see executePlan). */
  onSkippedFailure?: ExecuteOptions['onSkippedFailure'];
}

export interface ApplyOptions extends PlanOptions, RunOptions {
  /** Plan only; nothing is locked or written. */
  dryRun?: boolean;
  /** Asked, without the lock held, when the plan removes or re-creates something; false aborts. */
  confirm?: (plan: Plan) => Promise<boolean>;
  /** Shown the plan once it is made, before any confirmation or write. */
  onPlan?: (plan: Plan) => void;
  /** Run after the plan was applied, still under the lock (e.g. saving the config file). */
  afterRun?: (plan: Plan, applied: number) => Promise<void>;
}

export interface RecoveryResult {
  action: 'rolled-back' | 'resumed';
  pid: number;
  command: string;
  started: string;
  /** Writes the killed run had begun. */
  begun: number;
  total: number;
  failures: string[];
}

export interface ApplyResult {
  plan: Plan;
  applied: number;
  dryRun: boolean;
  aborted: boolean;
  recovered?: RecoveryResult;
  sysfs: SysfsCounts;
  ms: number;
}

export async function applyConfig(sysfs: Sysfs, desired: ScstConfig, options: ApplyOptions = {}): Promise<ApplyResult> {
  return runPlanned(sysfs, (s) => planAgainstHost(s, desired, options), options);
}

/**
 * The whole run for any plan maker (apply, clear-config): plan, show, confirm without the lock,
 * then under the lock recover a left-over journal, plan again, and execute with a journal.
 */
export async function runPlanned(sysfs: Sysfs, makePlan: (sysfs: Sysfs) => Promise<Plan>, options: ApplyOptions = {}): Promise<ApplyResult> {
  const elapsed = startStopwatch();
  const counting = new CountingSysfs(sysfs);
  const result = (plan: Plan, applied: number, extra: Partial<ApplyResult> = {}): ApplyResult => ({
    plan, applied, dryRun: false, aborted: false, sysfs: counting.counts, ms: elapsed(), ...extra,
  });
  if (options.dryRun) {
    // A dry run changes nothing, not even a left-over journal; it only says it is there.
    const left = await readJournal(options.stateDir ?? DEFAULT_STATE_DIR);
    if (left) options.onNotice?.(`${journalMessages.found(left.header.pid, left.header.command, left.header.started, left.lastBegun + 1, left.header.ops.length)}; ${journalMessages.dryRunKeeps}`);
    const plan = await makePlan(counting);
    options.onPlan?.(plan);
    return result(plan, 0, { dryRun: true });
  }
  let lock = await lockFor(sysfs, options);
  try {
    const recovered = await recoverJournal(counting, options);
    let plan = await makePlan(counting);
    options.onPlan?.(plan);
    if (options.confirm && plan.ops.some((op) => op.destructive)) {
      await lock.release();
      if (!(await options.confirm(plan))) return result(plan, 0, { aborted: true, recovered });
      lock = await lockFor(sysfs, options);
      await recoverJournal(counting, options);
      const again = await makePlan(counting);
      if (!samePlan(plan, again)) {
        throw new UserError(executorMessages.changedSinceConfirm, { hint: executorMessages.changedHint, code: 'HOST_CHANGED', exitCode: EXIT.FAILED });
      }
      plan = again;
    }
    const applied = await runOps(counting, plan.ops, options);
    await options.afterRun?.(plan, applied);
    return result(plan, applied, { recovered });
  } finally {
    await lock.release();
  }
}

async function runOps(sysfs: Sysfs, ops: Plan['ops'], options: RunOptions): Promise<number> {
  if (ops.length === 0) return 0;
  const journal = await Journal.create(options.stateDir ?? DEFAULT_STATE_DIR, { command: options.command ?? 'apply', sysfs: sysfs.description, ops });
  return (await executePlan(sysfs, ops, { journal, onProgress: options.onProgress, wait: options.wait, onSkippedFailure: options.onSkippedFailure })).applied;
}

/** The lock; a tree whose state lives in a file (an emulated host) is read again under it and saved before it goes. */
async function lockFor(sysfs: Sysfs, options: RunOptions): Promise<Lock> {
  const lock = await acquireLock(options.lockFile ?? DEFAULT_LOCK_FILE, { command: options.command ?? 'apply', waitSeconds: options.waitSeconds });
  if (!isLockBound(sysfs)) return lock;
  try {
    await sysfs.reload();
  } catch (error) {
    await lock.release();
    throw error;
  }
  return {
    path: lock.path,
    release: async () => {
      try {
        await sysfs.save();
      } finally {
        await lock.release();
      }
    },
  };
}

/** Plans are the same when they would write the same bytes to the same files. */
function samePlan(a: Plan, b: Plan): boolean {
  return a.ops.length === b.ops.length && a.ops.every((op, i) => op.path === b.ops[i]!.path && op.data === b.ops[i]!.data);
}

/**
 * A journal left by a killed run: roll its applied ops back (last first; the op it was killed
 * in is undone if it happened), or with `resume` write the rest of its plan. Call with the lock held.
 */
export async function recoverJournal(sysfs: Sysfs, options: RunOptions): Promise<RecoveryResult | undefined> {
  const record = await readJournal(options.stateDir ?? DEFAULT_STATE_DIR);
  if (!record) return undefined;
  const { header, lastBegun } = record;
  if (header.sysfs !== sysfs.description) {
    // Undoing another tree's writes here would damage this one.
    throw new UserError(journalMessages.otherTree(record.path, header.sysfs, sysfs.description), { object: record.path, hint: journalMessages.otherTreeHint, code: 'JOURNAL_OTHER_TREE', exitCode: EXIT.FAILED });
  }
  options.onNotice?.(journalMessages.found(header.pid, header.command, header.started, lastBegun + 1, header.ops.length));
  const base = { pid: header.pid, command: header.command, started: header.started, begun: lastBegun + 1, total: header.ops.length };
  // The op the run stopped in: applied or not, unless the kernel refused it (marked failed).
  const uncertain = record.failed === lastBegun ? undefined : header.ops[lastBegun];
  if (options.resume) {
    if (record.undone.size > 0) {
      throw new UserError(journalMessages.noResumeAfterRollback, { object: record.path, hint: journalMessages.noResumeAfterRollbackHint, code: 'JOURNAL_ROLLING_BACK', exitCode: EXIT.USAGE });
    }
    // The op the run was killed in may have reached the kernel: if repeating it fails, it had.
    if (uncertain) await writeOp(sysfs, uncertain, options.wait).catch(() => {});
    await removeJournal(record);
    const journal = await Journal.create(options.stateDir ?? DEFAULT_STATE_DIR, { command: `${header.command} (resumed)`, sysfs: sysfs.description, ops: header.ops });
    await executePlan(sysfs, header.ops, { journal, startAt: lastBegun + 1, wait: options.wait, onProgress: options.onProgress });
    return { action: 'resumed', ...base, failures: [] };
  }
  const journal = Journal.reopen(record);
  const undo = await undoOps(sysfs, header.ops.slice(0, Math.max(lastBegun, 0)), options.wait, uncertain, { skip: record.undone, onUndone: (i) => journal.undone(i) });
  if (undo.failures.length > 0) {
    // Kept, marked with what was undone: the next run retries only what is left.
    journal.abandon();
    throw new UserError(journalMessages.cannotFinishRollback(header.pid, header.command, undo.failures, record.path), {
      object: record.path,
      hint: journalMessages.cannotFinishRollbackHint,
      code: 'JOURNAL_ROLLBACK_INCOMPLETE',
      exitCode: EXIT.FAILED,
      details: { rollbackFailures: undo.failures, journal: record.path },
    });
  }
  await journal.finish();
  return { action: 'rolled-back', ...base, failures: [] };
}
