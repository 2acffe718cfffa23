/**
 * Perl scstadmin's single-object operations on the single-object change engine (src/edit):
 * each reads only the objects it names, plans, and writes through the one executor. Output is
 * scstadmin's: "-> Making requested changes.", the change's sentence, "done.", then "-> Done."
 * or the FATAL block with scstadmin's words for the failure (exit 1). An operation that is
 * already so ("LUN already exists.") is a failure, as it is for scstadmin. Nothing is saved to
 * a config file: scstadmin's single operations change the running configuration only.
 */
import { EXIT, UserError } from '../errors.js';
import { addLun, clearLuns, replaceLun, rmLun, runEdit, type Change } from '../edit/index.js';
import type { RunPaths } from '../plan/run-paths.js';
import type { Sysfs } from '../sysfs/types.js';
import type { CompatArgs } from './args.js';
import { failureText } from './config-ops.js';
import type { CompatOutput } from './output.js';

interface SingleOp {
  /** scstadmin's sentence for the change. */
  sentence: string;
  change: Change;
  /** scstadmin's words when the object is already as asked (or missing, for removals). */
  nothingToDo: string;
  /** Asks for confirmation first (scstadmin's removals). */
  prompt?: boolean;
}

type Get = (name: string) => string | undefined;

class BadAttributes extends Error {}

/** LUN creation attributes: read_only only (what SCST offers for LUNs). */
function lunReadOnly(attributes: Map<string, string>): boolean {
  for (const name of attributes.keys()) if (name !== 'read_only') throw new BadAttributes('Bad attributes for LUN.');
  const value = attributes.get('read_only');
  return value !== undefined && value !== '0';
}

function lunNumber(text: string): number {
  return /^\d+$/.test(text) ? Number(text) : Number.NaN;
}

function lunSetWords(get: Get): string {
  const group = get('group');
  return group ? `driver/target/group '${get('driver')}/${get('target')}/${group}'` : `driver/target '${get('driver')}/${get('target')}'`;
}

const BUILDERS: Record<string, (arg: string, get: Get, attributes: Map<string, string>) => SingleOp> = {
  add_lun: (arg, get, attributes) => ({
    sentence: `Adding device '${get('device')}' at LUN ${arg} to ${lunSetWords(get)}`,
    change: addLun({ driver: get('driver')!, target: get('target')!, ...group(get), device: get('device')!, lun: lunNumber(arg), readOnly: lunReadOnly(attributes) }),
    nothingToDo: 'LUN already exists.',
  }),
  rem_lun: (arg, get) => ({
    sentence: `Removing LUN ${arg} from ${lunSetWords(get)}`,
    change: rmLun({ driver: get('driver')!, target: get('target')!, ...group(get), lun: lunNumber(arg) }),
    nothingToDo: 'No such LUN exists.',
    prompt: true,
  }),
  replace_lun: (arg, get, attributes) => ({
    sentence: `Replacing device at LUN ${arg} with device '${get('device')}' in driver/target/group '${get('driver')}/${get('target')}/${get('group') ?? ''}'`,
    change: replaceLun({ driver: get('driver')!, target: get('target')!, ...group(get), device: get('device')!, lun: lunNumber(arg), readOnly: lunReadOnly(attributes) }),
    nothingToDo: 'Device already exists for LUN.',
    prompt: true,
  }),
  clear_luns: (_arg, get) => ({
    sentence: `Removing all LUNs from ${lunSetWords(get)}`,
    change: clearLuns({ driver: get('driver')!, target: get('target')!, ...group(get) }),
    nothingToDo: '',
    prompt: true,
  }),
};

function group(get: Get): { group?: string } {
  const name = get('group');
  return name ? { group: name } : {};
}

/** The single-object operation given, if any. */
export function singleOpName(args: CompatArgs): string | undefined {
  return Object.keys(BUILDERS).find((name) => args.values.has(name));
}

/** scstadmin's words for a refusal of the engine: which object is missing, or ours. */
function perlWords(error: unknown, op: SingleOp): string {
  if (error instanceof BadAttributes) return error.message;
  if (!(error instanceof UserError)) return failureText(error);
  if (error.code === 'ALREADY_PRESENT' || error.code === 'NOT_PRESENT' || error.code === 'LUN_TAKEN') return op.nothingToDo || failureText(error);
  if (error.code === 'NO_SUCH_OBJECT') {
    const kind = /^(target|device|group|driver|LUN)\b/.exec(error.object ?? '')?.[1];
    if (kind) return `No such ${kind} exists.`;
  }
  return failureText(error);
}

export interface SingleOpContext {
  sysfs: Sysfs;
  out: CompatOutput;
  paths: RunPaths;
  force: boolean;
  noprompt: boolean;
}

/** Runs the one operation; the exit code (scstadmin's: 0, or 1 after the FATAL block). */
export async function runSingleOp(ctx: SingleOpContext, name: string, args: CompatArgs): Promise<number> {
  const get: Get = (n) => {
    const value = args.values.get(n);
    return typeof value === 'string' ? value : undefined;
  };
  let op: SingleOp;
  try {
    op = BUILDERS[name]!(get(name) ?? '', get, args.attributes);
  } catch (error) {
    ctx.out.print('\n-> Making requested changes.\n');
    ctx.out.fatal(error instanceof BadAttributes ? error.message : failureText(error));
    return 1;
  }
  if (op.prompt && !ctx.noprompt && !(await ctx.out.confirm())) {
    ctx.out.allDone();
    return 0;
  }
  ctx.out.print(`\n-> Making requested changes.\n\t-> ${op.sentence}: `);
  try {
    await runEdit(ctx.sysfs, op.change, { ...ctx.paths, force: ctx.force, strict: op.nothingToDo !== '' });
  } catch (error) {
    ctx.out.print('done.\n');
    ctx.out.fatal(perlWords(error, op));
    return error instanceof UserError && error.exitCode === EXIT.LOCKED ? EXIT.LOCKED : EXIT.FAILED;
  }
  ctx.out.print('done.\n\t-> Done.\n');
  ctx.out.allDone();
  return 0;
}
