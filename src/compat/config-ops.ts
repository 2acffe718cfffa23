/**
 * -config, -write_config and -clear_config on the declarative engine: a plan against the live
 * tree, then the one executor (lock, journal, rollback), each write reported in scstadmin's
 * words as it lands. -force is scstadmin's "also remove what the file lacks" (our prune and
 * force); -cont_on_err turns the transaction into scstadmin's best effort: a failed write is
 * reported and skipped, and the run exits 1 at the end.
 */
import { writeConfFile } from '../conf/files.js';
import { defaultGenerator, serializeConf } from '../conf/serializer.js';
import { UserError } from '../errors.js';
import { readLive } from '../live/index.js';
import type { ScstConfig } from '../model/types.js';
import { clearConfigPlan, planAgainstHost, runPlanned, type Op, type Plan } from '../plan/index.js';
import type { RunPaths } from '../plan/run-paths.js';
import type { Sysfs } from '../sysfs/types.js';
import { failureText } from './failure.js';
import type { CompatOutput } from './output.js';
import { isSilent, noteSentence, opSentence } from './sentences.js';

export interface ApplyContext {
  sysfs: Sysfs;
  out: CompatOutput;
  paths: RunPaths;
  contOnErr: boolean;
  command: string;
}

/**
 * Run a plan through the executor, printing each applied write as `-> <sentence>: done.`.
 * Returns the number of changes made and of writes that failed (only with -cont_on_err);
 * without -cont_on_err a failure rolls everything back and is thrown.
 */
export async function runReported(ctx: ApplyContext, makePlan: (sysfs: Sysfs) => Promise<Plan>): Promise<{ changes: number; failed: number }> {
  let ops: Op[] = [];
  let changes = 0;
  let failed = 0;
  const line = (op: Op, outcome: string) => {
    if (!isSilent(op)) ctx.out.print(`\t-> ${opSentence(op)}: ${outcome}\n`);
  };
  try {
    await runPlanned(ctx.sysfs, makePlan, {
      ...ctx.paths,
      command: ctx.command,
      onPlan: (plan) => {
        ops = plan.ops;
        for (const note of plan.notes) ctx.out.print(`\t-> ${noteSentence(note)}\n`);
      },
      onProgress: (done) => {
        const op = ops[done - 1]!;
        line(op, 'done.');
        if (!isSilent(op)) changes++;
      },
      ...(ctx.contOnErr
        ? {
            onSkippedFailure: (op: Op, _i: number, error: unknown) => {
              line(op, 'failed.');
              ctx.out.print(`${failureText(error)}\n`);
              failed++;
            },
          }
        : {}),
    });
  } catch (error) {
    const index = error instanceof UserError ? (error.details?.failedOp as number | undefined) : undefined;
    if (index !== undefined && ops[index]) line(ops[index], 'failed.');
    throw error;
  }
  return { changes, failed };
}

/** -config: the checked file applied; the result code (1 after failed writes or file errors). */
export async function applyConfiguration(ctx: ApplyContext, desired: ScstConfig, force: boolean): Promise<{ rc: number; changes: number }> {
  ctx.out.print('-> Applying configuration.\n');
  const options = { prune: force, force };
  const { changes, failed } = await runReported(ctx, (s) => planAgainstHost(s, desired, options));
  ctx.out.print(`\t-> Done, ${changes} change(s) made.\n`);
  return { rc: failed > 0 ? 1 : 0, changes };
}

/** -clear_config: everything removed through the same plan as `clear-config`. */
export async function clearConfiguration(ctx: ApplyContext): Promise<number> {
  ctx.out.print('-> Clearing running configuration.\n');
  const { failed } = await runReported(ctx, async (s) => clearConfigPlan(await readLive(s)));
  ctx.out.print('\t-> Configuration cleared.\n');
  return failed > 0 ? 1 : 0;
}

/** -write_config [-nonkey]: the live state in scstadmin's layout, written atomically with mode 0600. */
export async function writeConfiguration(sysfs: Sysfs, out: CompatOutput, file: string, nonkey: boolean): Promise<number> {
  const live = await readLive(sysfs);
  const nonKey = nonkey ? await (await import('./nonkey.js')).readNonKey(sysfs, live) : undefined;
  const text = serializeConf(live, { generator: defaultGenerator(live), ...(nonKey ? { nonKey } : {}) });
  try {
    await writeConfFile(file, text);
  } catch (error) {
    out.print(`Failed to save configuration to file '${file}': ${failureText(error)}\n`);
    return 1;
  }
  out.print(`Writing current configuration to file '${file}'.. `);
  return 0;
}
