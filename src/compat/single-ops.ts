/**
 * Perl scstadmin's single-object operations on the single-object change engine (src/edit):
 * each reads only the objects it names, plans, and writes through the one executor. Output is
 * scstadmin's: "-> Making requested changes.", the change's sentence, "done.", then "-> Done."
 * or the FATAL block with scstadmin's words for the failure (exit 1). An operation that is
 * already so ("LUN already exists.") is a failure, as it is for scstadmin. Nothing is saved to
 * a config file: scstadmin's single operations change the running configuration only.
 */
import { EXIT, UserError } from '../errors.js';
import { addDevice, addLun, clearLuns, replaceLun, resyncDevice, rmDevice, rmLun, runEdit, setDevice, type Change } from '../edit/index.js';
import type { Op } from '../plan/index.js';
import type { RunPaths } from '../plan/run-paths.js';
import type { Sysfs } from '../sysfs/types.js';
import type { CompatArgs } from './args.js';
import { failureText } from './config-ops.js';
import { pad, type CompatOutput } from './output.js';
import { isSilent, opSentence } from './sentences.js';
import type { CompatTree } from './tree.js';
import { parseExportLink } from '../live/index.js';
import { sysfsPath } from '../sysfs/names.js';

interface SingleOp {
  /**
   * scstadmin's sentence for the change; undefined for attribute settings, which print one
   * sentence per write made and end with "Done, N change(s) made.".
   */
  sentence?: string;
  /** Ends with "-> Done." even though it prints per write (resync). */
  plainDone?: boolean;
  change: Change;
  /** scstadmin's words when the object is already as asked (or missing, for removals). */
  nothingToDo: string;
  /** Asks for confirmation first (scstadmin's removals). */
  prompt?: boolean;
  /** Checks scstadmin makes before the change (close_dev: the device's exports). */
  precheck?: (ctx: SingleOpContext) => Promise<string | undefined>;
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
  open_dev: (arg, get, attributes) => ({
    sentence: `Opening device '${arg}' using handler '${get('handler')}'`,
    change: addDevice({ name: arg, handler: get('handler')!, attributes: Object.fromEntries(attributes) }),
    nothingToDo: 'Device already exists.',
  }),
  close_dev: (arg, get) => ({
    sentence: `Closing device '${arg}' using handler '${get('handler')}'`,
    change: rmDevice({ name: arg }),
    nothingToDo: 'No such device exists.',
    prompt: true,
    precheck: (ctx) => closeDevCheck(ctx, arg, get('handler')!),
  }),
  resync_dev: (arg) => ({ change: resyncDevice({ name: arg }), nothingToDo: '', plainDone: true }),
  set_dev_attr: (arg, _get, attributes) => ({ change: setDevice({ name: arg, attributes: Object.fromEntries(attributes) }), nothingToDo: '', prompt: true }),
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

/**
 * scstadmin closes an exported device only with -force, and lists where it is exported first;
 * a device of another handler is not this handler's to close.
 */
async function closeDevCheck(ctx: SingleOpContext, device: string, handler: string): Promise<string | undefined> {
  const tree = ctx.tree;
  const links = await tree.entries(sysfsPath('handlers', handler));
  if (links && !links.some((e) => e.name === device && e.type === 'link') && (await tree.isDir(sysfsPath('devices', device)))) return 'No such device exists.';
  if (ctx.force) return undefined;
  const exports = ((await tree.entries(sysfsPath('devices', device, 'exported'))) ?? [])
    .map((e) => parseExportLink(e.target ?? ''))
    .filter((e): e is NonNullable<typeof e> => e !== undefined && e.driver !== 'copy_manager');
  if (exports.length === 0) return undefined;
  const rows = exports.map((e) => [e.driver, e.target, e.group ?? '', String(e.lun)] as const);
  const width = (i: number, title: string) => Math.max(title.length, ...rows.map((r) => r[i].length));
  const [ld, lt, lg] = [width(0, 'Driver'), width(1, 'Target'), width(2, 'Group')];
  const row = (cells: readonly string[]) => `\t${pad(cells[0]!, ld)} ${pad(cells[1]!, lt)} ${pad(cells[2]!, lg)} ${pad(cells[3]!, 4)}\n`;
  let text = `Device '${device}' is currently in use by the following:\n\n`;
  text += row(['Driver', 'Target', 'Group', 'Lun']) + row(['-'.repeat(ld), '-'.repeat(lt), '-'.repeat(lg), '----']);
  for (const r of [...rows].sort((a, b) => a.join('\0').localeCompare(b.join('\0')))) text += row(r);
  ctx.out.print(text);
  return `Device '${device}' still in use, aborting. Use -force to override.`;
}

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
  if (['ALREADY_PRESENT', 'NOT_PRESENT', 'LUN_TAKEN', 'DEVICE_EXISTS'].includes(error.code)) return op.nothingToDo || failureText(error);
  if (error.code === 'NO_SUCH_OBJECT') {
    const kind = /^(target|device|group|driver|LUN)\b/.exec(error.object ?? '')?.[1];
    if (kind) return `No such ${kind} exists.`;
  }
  return failureText(error);
}

export interface SingleOpContext {
  sysfs: Sysfs;
  tree: CompatTree;
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
  ctx.out.print('\n-> Making requested changes.\n');
  const refused = await op.precheck?.(ctx);
  if (refused) {
    ctx.out.fatal(refused);
    return EXIT.FAILED;
  }
  if (op.sentence) ctx.out.print(`\t-> ${op.sentence}: `);
  let ops: Op[] = [];
  let changes = 0;
  try {
    await runEdit(ctx.sysfs, op.change, {
      ...ctx.paths,
      force: ctx.force,
      strict: op.nothingToDo !== '',
      onPlan: (plan) => {
        ops = plan.ops;
      },
      onProgress: (done) => {
        const applied = ops[done - 1];
        if (op.sentence || !applied || isSilent(applied)) return;
        ctx.out.print(`\t-> ${opSentence(applied)}: done.\n`);
        changes++;
      },
    });
  } catch (error) {
    if (op.sentence) ctx.out.print('done.\n');
    ctx.out.fatal(perlWords(error, op));
    return error instanceof UserError && error.exitCode === EXIT.LOCKED ? EXIT.LOCKED : EXIT.FAILED;
  }
  if (op.sentence) ctx.out.print('done.\n');
  ctx.out.print(op.sentence || op.plainDone ? '\t-> Done.\n' : `\t-> Done, ${changes} change(s) made.\n`);
  ctx.out.allDone();
  return 0;
}
