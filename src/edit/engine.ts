/**
 * The single-object change engine: read only what the change names (read-scope.ts), decide the
 * change against it (change.ts), make it to a copy of the live model, let the planner turn the
 * difference into ops, run them through the one executor (lock, journal recovery, rollback,
 * dry run, progress), and — still under the lock — save the file (save.ts).
 */
import { startStopwatch } from '../ui/stopwatch.js';
import { statHostPath } from '../conf/check.js';
import { backingFileStat } from '../conf/workflows.js';
import { badInput, EXIT, UserError } from '../errors.js';
import type { ScstConfig } from '../model/types.js';
import { CountingSysfs, planWithFacts, runPlanned, type Plan, type RecoveryResult, type RunOptions, type SysfsCounts } from '../plan/index.js';
import type { Sysfs } from '../sysfs/types.js';
import type { Change, EditKind, Prepared } from './change.js';
import { cloneModel, mergeConfig } from './model.js';
import { readScope } from './read-scope.js';
import { saveChange, type SaveResult } from './save.js';
import { editMessages as msg } from './messages.js';

export interface EditOptions extends RunOptions {
  /** Remove or replace what an initiator is using. */
  force?: boolean;
  /** Plan and show the exact writes; write nothing, save nothing. */
  dryRun?: boolean;
  /** "Nothing to do" is a failure (exit 1). */
  strict?: boolean;
  /** The config file to save to; undefined saves nothing (--no-save). */
  saveTo?: string;
  /** Shown the plan once it is made (the dry run prints its writes here). */
  onPlan?: (plan: Plan) => void;
}

export type EditOutcome = 'done' | 'nothing-to-do' | 'dry-run';

export interface EditResult {
  command: string;
  kind: EditKind;
  object: string;
  details: Record<string, unknown>;
  outcome: EditOutcome;
  plan: Plan;
  applied: number;
  sysfs: SysfsCounts;
  ms: number;
  saved: SaveResult;
  recovered?: RecoveryResult;
}

export async function runEdit(sysfs: Sysfs, change: Change, options: EditOptions = {}): Promise<EditResult> {
  const elapsed = startStopwatch();
  let decided: { live: ScstConfig; prepared: Prepared; changed: boolean } | undefined;
  let saved: SaveResult = { status: 'skipped' };
  const saving = new CountingSysfs(sysfs);
  const statPath = backingFileStat(sysfs) ?? statHostPath;
  const makePlan = async (s: Sysfs): Promise<Plan> => {
    const live = await readScope(s, change.scope);
    const read = async (scope: Parameters<typeof readScope>[1]) => mergeConfig(live, await readScope(s, scope));
    const prepared = await change.prepare(live, { sysfs: s, read, force: options.force ?? false, statPath });
    const desired = cloneModel(live);
    const plan = prepared.apply(desired) ? await planWithFacts(s, desired, live, { prune: true, force: options.force ?? false }) : { ops: [], notes: [], requests: [] };
    refuseHeld(plan);
    plan.ops.push(...(prepared.triggers ?? []));
    // "Already so" is decided by the planner: a change whose difference needs no write.
    decided = { live, prepared, changed: plan.ops.length > 0 };
    return plan;
  };
  const result = await runPlanned(sysfs, makePlan, {
    ...options,
    command: change.command,
    afterRun: async () => {
      if (options.saveTo !== undefined && decided) saved = await saveChange(saving, options.saveTo, decided.live, decided.prepared, change.scope);
    },
  });
  const { prepared, changed } = decided!;
  const outcome: EditOutcome = result.dryRun ? 'dry-run' : changed ? 'done' : 'nothing-to-do';
  if (outcome === 'nothing-to-do' && options.strict) {
    throw new UserError(nothingToDo(prepared), { object: prepared.object, hint: msg.strictHint, code: prepared.kind === 'remove' ? 'NOT_PRESENT' : 'ALREADY_PRESENT', exitCode: EXIT.FAILED });
  }
  return {
    command: change.command,
    kind: prepared.kind,
    object: prepared.object,
    details: prepared.details,
    outcome,
    plan: result.plan,
    applied: result.applied,
    sysfs: sum(result.sysfs, saving.counts),
    ms: elapsed(),
    saved,
    ...(result.recovered ? { recovered: result.recovered } : {}),
  };
}

/** The words for a change that was already so. */
export function nothingToDo(prepared: Pick<Prepared, 'kind'>): string {
  return prepared.kind === 'add' ? msg.alreadyPresent : prepared.kind === 'remove' ? msg.notPresent : msg.alreadySet;
}

/** A single change the planner held back for --force is refused whole, naming who uses it. */
function refuseHeld(plan: Plan): void {
  const held = plan.notes.find((n) => n.kind === 'held');
  if (held) throw badInput(msg.inUse(held.message), { object: held.object, hint: msg.forceHint, code: 'IN_USE' });
}

function sum(a: SysfsCounts, b: SysfsCounts): SysfsCounts {
  return { reads: a.reads + b.reads, writes: a.writes + b.writes, lists: a.lists + b.lists, readlinks: a.readlinks + b.readlinks, exists: a.exists + b.exists };
}
