/**
 * Writes that change no configuration — closing a session, a Fibre Channel LIP — made as ops
 * directly, without a model edit, and run through the one executor (lock, journal, dry run).
 * Nothing is saved to the config file.
 */
import { startStopwatch } from '../ui/stopwatch.js';
import { runPlanned, type Op } from '../plan/index.js';
import type { Sysfs } from '../sysfs/types.js';
import type { EditKind } from './change.js';
import type { EditOptions, EditResult } from './engine.js';

export interface DirectWrite {
  /** For the lock and the journal: `close-session iqn… s1`. */
  command: string;
  kind: EditKind;
  object: string;
  /** The ops, decided against the tree under the lock; none is "nothing to do". */
  ops(sysfs: Sysfs): Promise<Op[]>;
  /** The object for --json, once the ops are decided. */
  details(): Record<string, unknown>;
}

export async function runDirect(sysfs: Sysfs, write: DirectWrite, options: EditOptions = {}): Promise<EditResult> {
  const elapsed = startStopwatch();
  let planned = 0;
  const makePlan = async (s: Sysfs) => {
    const ops = await write.ops(s);
    planned = ops.length;
    return { ops, notes: [], requests: [] };
  };
  const result = await runPlanned(sysfs, makePlan, { ...options, command: write.command });
  return {
    command: write.command,
    kind: write.kind,
    object: write.object,
    details: write.details(),
    outcome: result.dryRun ? 'dry-run' : planned > 0 ? 'done' : 'nothing-to-do',
    plan: result.plan,
    applied: result.applied,
    sysfs: result.sysfs,
    ms: elapsed(),
    saved: { status: 'skipped' },
    ...(result.recovered ? { recovered: result.recovered } : {}),
  };
}
