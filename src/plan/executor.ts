/**
 * The one way writes reach SCST: ops in order, each journaled before it is written, and on the
 * first failure every applied op undone in reverse so the host ends as it started. The error
 * names the op, the errno and the kernel's reason.
 */
import { EXIT, UserError } from '../errors.js';
import { describeSysfsError } from '../sysfs/errno.js';
import { writeAttributeBytes, writeMgmt, type WaitOptions } from '../sysfs/mgmt-write.js';
import { isSysfsError, type Sysfs } from '../sysfs/types.js';
import { JournalWriteError, type RunJournal } from './journal.js';
import { executorMessages as msg } from './messages.js';
import { maskValue, type Op } from './ops.js';

export interface ExecuteOptions {
  journal?: RunJournal;
  /** Called after each applied write (progress bars). */
  onProgress?: (done: number, total: number) => void;
  /** Retry policy for writes that SCST finishes in the background (EAGAIN). */
  wait?: WaitOptions;
  /** Start at this op (resuming a journal); earlier ones count as applied. */
  startAt?: number;
  /**
   * Best effort (Perl scstadmin's -cont_on_err): a failed write is reported here and skipped,
   * nothing is rolled back, and the run goes on with the next op.
   */
  onSkippedFailure?: (op: Op, index: number, error: unknown) => void;
}

export interface ExecuteResult {
  applied: number;
  /** Ops that failed and were skipped (only with onSkippedFailure). */
  failed: number;
}

export async function executePlan(sysfs: Sysfs, ops: Op[], options: ExecuteOptions = {}): Promise<ExecuteResult> {
  const start = options.startAt ?? 0;
  const journal = options.journal;
  let failed = 0;
  for (let i = start; i < ops.length; i++) {
    const op = ops[i]!;
    try {
      // A journal that cannot be written (ENOSPC) stops the run like a refused write: nothing
      // may reach SCST that a killed run's successor would not know about.
      journal?.begin(i);
      await writeOp(sysfs, op, options.wait);
    } catch (error) {
      if (!(error instanceof JournalWriteError)) {
        journal?.failed(i);
        // Best effort (-cont_on_err): a refused write is reported and the run goes on; a
        // journal that cannot be written still stops it.
        if (options.onSkippedFailure) {
          failed++;
          options.onSkippedFailure(op, i, error);
          continue;
        }
      }
      const undo = await undoOps(sysfs, ops.slice(0, i), options.wait, undefined, { onUndone: (j) => journal?.undone(j) });
      // All undone: forget the run. Not all: keep the journal, marked with what was undone, so
      // the next mutating run finishes the rollback (and `plan`/`status` say it is pending).
      if (undo.failures.length === 0) await journal?.finish();
      else journal?.abandon();
      throw failure(op, i, error, undo, undo.failures.length > 0 ? journal?.path : undefined);
    }
    options.onProgress?.(i + 1, ops.length);
  }
  await options.journal?.finish();
  return { applied: ops.length - start - failed, failed };
}

/** One write, with SCST's background-completion protocol. */
export async function writeOp(sysfs: Sysfs, op: Op, wait?: WaitOptions): Promise<void> {
  switch (op.kind) {
    case 'set_attribute':
    case 'close_session':
    case 'suspend':
    case 'resume':
      // A value, not a command: the attribute writer checks it (ops also come from a journal).
      await writeAttributeBytes(sysfs, op.path, op.data, wait);
      return;
    default:
      await writeMgmt(sysfs, op.path, op.data, wait);
  }
}

export interface UndoResult {
  undone: number;
  failures: string[];
}

/**
 * Undo applied ops, last first. `uncertain` is an op that may or may not have reached the
 * kernel (a run killed during it): its undo is tried and a failure tolerated. Suspend and resume
 * are never undone for an uncertain op — a suspend count must not be unbalanced by a guess.
 */
export interface UndoOptions {
  /** Indexes of `applied` already undone (by a rollback that could not finish): skipped. */
  skip?: ReadonlySet<number>;
  /** Told each index of `applied` whose undo writes all succeeded. */
  onUndone?: (index: number) => void;
}

export async function undoOps(sysfs: Sysfs, applied: Op[], wait?: WaitOptions, uncertain?: Op, options: UndoOptions = {}): Promise<UndoResult> {
  const failures: string[] = [];
  let undone = 0;
  if (uncertain && uncertain.kind !== 'suspend' && uncertain.kind !== 'resume') {
    for (const undo of uncertain.inverse) await writeOp(sysfs, undo, wait).catch(() => {});
  }
  for (let i = applied.length - 1; i >= 0; i--) {
    const op = applied[i]!;
    if (op.irreversible || options.skip?.has(i)) continue;
    let failed = false;
    for (const undo of op.inverse) {
      try {
        await writeOp(sysfs, undo, wait);
      } catch (error) {
        failed = true;
        failures.push(`${undo.object}: ${undo.summary}: ${isSysfsError(error) ? error.errno : (error as Error).message}`);
      }
    }
    if (!failed) options.onUndone?.(i);
    undone++;
  }
  return { undone, failures };
}

function failure(op: Op, index: number, error: unknown, undo: UndoResult, keptJournal: string | undefined): UserError {
  const shown = `${op.path} ← "${printable(op.secret ? maskSecretData(op.data) : op.data)}"`;
  const base = error instanceof JournalWriteError
    ? { message: msg.journalFailed(error.reason.message, op.summary), hint: undefined }
    : isSysfsError(error) ? describeSysfsError(error, `${op.summary} (${shown})`) : { message: `${op.summary} (${shown}) failed: ${(error as Error).message}`, hint: undefined };
  const outcome = undo.failures.length === 0 ? msg.rolledBack(undo.undone) : msg.rollbackIncomplete(undo.failures, keptJournal);
  return new UserError(`${base.message}; ${outcome}`, {
    object: error instanceof JournalWriteError ? error.path : op.object,
    hint: undo.failures.length === 0 ? base.hint : msg.rollbackHint,
    code: error instanceof JournalWriteError ? 'JOURNAL_FAILED' : isSysfsError(error) ? `SYSFS_${error.errno}` : error instanceof UserError ? error.code : 'APPLY_FAILED',
    exitCode: EXIT.FAILED,
    cause: error,
    details: {
      failedOp: index,
      path: op.path,
      errno: isSysfsError(error) ? error.errno : undefined,
      rolledBack: undo.undone,
      rollbackFailures: undo.failures,
      ...(keptJournal ? { journal: keptJournal } : {}),
    },
  });
}

/** `add_target_attribute T IncomingUser alice secret` → `… IncomingUser "alice ******"`. */
export function maskSecretData(data: string): string {
  const match = /^(\S+(?: \S+)? (?:Incoming|Outgoing)User\d*) (.+)$/.exec(data);
  return match ? `${match[1]} ${maskValue(match[2]!)}` : data;
}

function printable(data: string): string {
  return data.replace(/\n$/, '').replace(/\n/g, '\\n');
}
