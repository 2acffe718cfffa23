/**
 * The JSON of a plan (planJson, render.ts) as plan, apply and every single-object command print
 * it, and of what a run did (RunReport, cli.ts) and the drift between a file and the host.
 */
import { bool, int, list, num, obj, oneOf, str, type JsonShape } from '../meta/json-shape.js';

const note = (kinds: readonly string[]): JsonShape => obj({ kind: oneOf(kinds), object: str(), message: str() });

export const PLAN_SHAPE: JsonShape = obj(
  {
    counts: obj({
      create: int(), change: int(), remove: int(),
      forced: int('ops that run only because of --force'), held: int('changes left out that need --force'),
      kept: int('objects on the host the file does not list (left without --prune)'), writes: int(),
    }),
    ops: list(obj(
      { change: oneOf(['create', 'change', 'remove']), object: str(), summary: str(), path: str('the sysfs file written'), data: str('what is written (CHAP secrets masked unless --show-secrets)'), destructive: bool() },
      { force: str('why it needed --force') },
    )),
    notes: list(note(['kept', 'held'])),
  },
  { warnings: list(obj({ object: str(), message: str() }), 'present only when there are some') },
);

/** The sysfs calls a run made (SysfsCounts): what the benchmarks count. */
export const SYSFS_COUNTS_SHAPE: JsonShape = obj({ reads: int(), lists: int(), readlinks: int(), writes: int() });

/** A run killed mid-apply left its journal (InterruptedRun, journal.ts). */
/** What a journal says of the run that left it (journal.ts). */
const KILLED_RUN = { pid: int(), command: str(), started: str('ISO time'), begun: int('writes it had begun'), total: int('writes in its plan') };

export const INTERRUPTED_RUN_SHAPE: JsonShape = obj({
  journal: str(), ...KILLED_RUN, undone: int('writes a rollback already undid'), resumable: bool('whether --resume can finish it'),
}, {}, 'a run killed mid-apply left its journal: the next mutating run recovers it first');

/** plan: the plan, and a journal left behind if there is one. */
export const PLAN_REPORT_SHAPE: JsonShape = {
  ...PLAN_SHAPE,
  properties: { ...(PLAN_SHAPE.properties as object), interrupted: INTERRUPTED_RUN_SHAPE },
};

/** apply, clear-config (RunReport). */
export const RUN_REPORT_SHAPE: JsonShape = obj(
  {
    dryRun: bool(), aborted: bool('the admin said no at the prompt'), applied: int('writes applied'), ms: num(),
    sysfs: SYSFS_COUNTS_SHAPE, plan: PLAN_SHAPE,
  },
  {
    recovered: obj({
      action: oneOf(['rolled-back', 'resumed']), ...KILLED_RUN, failures: list(str('a write the rollback could not undo')),
    }, {}, 'what became of an interrupted earlier run, found first'),
  },
);

const DRIFT_ITEM = obj({ object: str(), summary: str(), path: str('the write that would remove the difference'), data: str('CHAP secrets masked unless --show-secrets') });

/** diff (Drift, drift.ts). */
export const DRIFT_SHAPE: JsonShape = obj({
  inSync: bool(),
  fileSide: list(DRIFT_ITEM, 'in the file but missing or different on the host'),
  hostSide: list(DRIFT_ITEM, 'on the host but not in the file'),
});
