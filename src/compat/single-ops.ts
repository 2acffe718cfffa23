/**
 * Running one of Perl scstadmin's single-object operations (single-op-table.ts) on the change
 * engine: each reads only the objects it names, plans, and writes through the one executor.
 * Output is scstadmin's: "-> Making requested changes.", the sentence, "done.", "-> Done.", or
 * after a failure the FATAL block with scstadmin's words (exit 1) — for targets the WARNING block
 * with scstadmin's library code as exit code. Already as asked ("LUN already exists.") is a
 * failure, as for scstadmin. Nothing is saved to a config file: scstadmin's single operations
 * change the running configuration only.
 */
import { EXIT, UserError } from '../errors.js';
import { runEdit } from '../edit/index.js';
import { parseExportLink } from '../live/index.js';
import type { Op } from '../plan/index.js';
import type { RunPaths } from '../plan/run-paths.js';
import { sysfsPath } from '../sysfs/names.js';
import type { Sysfs } from '../sysfs/types.js';
import type { CompatArgs } from './args.js';
import { failureText } from './failure.js';
import { issueLips, type LipRequest } from './lip.js';
import { pad, type CompatOutput } from './output.js';
import { isSilent, opSentence } from './sentences.js';
import { BadAttributes, SINGLE_OPS, type OpArgs, type SingleOp } from './single-op-table.js';
import type { CompatTree } from './tree.js';

export interface SingleOpContext {
  sysfs: Sysfs;
  tree: CompatTree;
  out: CompatOutput;
  paths: RunPaths;
  force: boolean;
  noprompt: boolean;
  /** -lip: a LIP on the FC targets after a change of what initiators see. */
  lip: boolean;
  /** -no_lip: -issue_lip issues none. */
  noLip: boolean;
}

/** The changes scstadmin follows with a LIP under -lip: on the target changed, or on every target. */
const LIP_AFTER: Record<string, 'target' | 'all'> = {
  add_init: 'target', rem_init: 'target', move_init: 'target', clear_inits: 'target',
  add_lun: 'target', rem_lun: 'target', replace_lun: 'target', clear_luns: 'target',
  add_drv_attr: 'all', add_tgt_attr: 'all', rem_drv_attr: 'all', rem_tgt_attr: 'all',
  close_dev: 'all', resync_dev: 'all', rem_target: 'all',
};

/** The LIPs a successful operation is followed by, if any. */
function lipAfter(ctx: SingleOpContext, name: string, get: (n: string) => string | undefined): LipRequest | undefined {
  if (name === 'issue_lip') return ctx.noLip ? undefined : { ...opt('driver', get('driver')), ...opt('target', get('issue_lip')), warn: true };
  const scope = ctx.lip ? LIP_AFTER[name] : undefined;
  if (scope === 'all') return { warn: false };
  return scope === 'target' ? { ...opt('driver', get('driver')), ...opt('target', get('target')), warn: false } : undefined;
}

const opt = <K extends string>(key: K, value: string | undefined) => (value === undefined ? {} : { [key]: value }) as Partial<Record<K, string>>;

/** scstadmin's library codes for the failures it reports with them (exit codes of -add/-rem_target). */
const LIBRARY_CODES: Record<string, number> = {
  'No such driver exists.': 30,
  'No such target exists.': 40,
  'Target already exists.': 41,
};

/** scstadmin's words for a refusal of the engine: which object is missing, or ours. */
function perlWords(error: unknown, op: SingleOp): string {
  if (error instanceof BadAttributes) return error.message;
  if (!(error instanceof UserError)) return failureText(error);
  if (['ALREADY_PRESENT', 'NOT_PRESENT', 'LUN_TAKEN', 'DEVICE_EXISTS', 'TARGET_EXISTS'].includes(error.code) && op.nothingToDo) return op.nothingToDo;
  if (error.code === 'NO_SUCH_OBJECT') {
    const kind = /^(target|device|group|driver|LUN|initiator)\b/.exec(error.object ?? '')?.[1];
    if (kind) return `No such ${kind} exists.`;
  }
  return failureText(error);
}

/** Runs the one operation; the exit code. */
export async function runSingleOp(ctx: SingleOpContext, name: string, args: CompatArgs): Promise<number> {
  const get = (n: string) => {
    const value = args.values.get(n);
    return typeof value === 'string' ? value : undefined;
  };
  const build = SINGLE_OPS[name];
  // Every operation of the option table has one (test/compat/checklist.test.ts).
  if (!build) throw new Error(`scstadmin-compat has no operation -${name}`);
  const opArgs: OpArgs = { arg: get(name) ?? '', get, attributes: args.attributes, tree: ctx.tree, force: ctx.force };
  let op: SingleOp;
  try {
    op = await build(opArgs);
  } catch (error) {
    ctx.out.print('\n-> Making requested changes.\n');
    ctx.out.fatal(error instanceof BadAttributes ? error.message : failureText(error));
    return EXIT.FAILED;
  }
  if (op.prompt && !ctx.noprompt && !(await ctx.out.confirm())) {
    ctx.out.allDone();
    return EXIT.OK;
  }
  ctx.out.print('\n-> Making requested changes.\n');
  const refused = (await op.precheck?.()) ?? (name === 'close_dev' ? await closeDevCheck(ctx, opArgs.arg, get('handler')!) : undefined);
  if (refused) {
    ctx.out.fatal(refused);
    return EXIT.FAILED;
  }
  for (const warning of op.warnings ?? []) ctx.out.print(`\t-> WARNING: ${warning}\n\n`);
  for (const line of op.lines ?? []) ctx.out.print(`\t-> ${line}\n`);
  if (op.sentence) ctx.out.print(`\t-> ${op.sentence}: `);
  let changes = 0;
  try {
    for (const change of op.changes) {
      let ops: Op[] = [];
      await runEdit(ctx.sysfs, change, {
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
    }
  } catch (error) {
    if (op.sentence) ctx.out.print('done.\n');
    const words = perlWords(error, op);
    if (error instanceof UserError && error.exitCode === EXIT.LOCKED) {
      ctx.out.fatal(words);
      return EXIT.LOCKED;
    }
    if (!op.warnWithCode) {
      ctx.out.fatal(words);
      return EXIT.FAILED;
    }
    ctx.out.print('\t-> Done.\n');
    ctx.out.warning(words);
    ctx.out.allDone();
    return LIBRARY_CODES[words] ?? EXIT.FAILED;
  }
  if (op.sentence) ctx.out.print('done.\n');
  const lip = lipAfter(ctx, name, get);
  const lipFailed = lip && (await issueLips(ctx, lip));
  if (lipFailed) {
    ctx.out.fatal(lipFailed);
    return EXIT.FAILED;
  }
  ctx.out.print(op.sentence || op.plainDone ? '\t-> Done.\n' : `\t-> Done, ${changes} change(s) made.\n`);
  ctx.out.allDone();
  return EXIT.OK;
}

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
