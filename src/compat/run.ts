/**
 * One run of the compatibility front end, as Perl scstadmin runs: the root check, the argument
 * checks, "Collecting current configuration: done.", the one operation, a WARNING block for a
 * failed result, "All done.", and scstadmin's exit code. Everything it needs comes in (argv,
 * environment, effective uid, input and output), so tests and both entry points share it.
 */
import { EXIT, UserError } from '../errors.js';
import { readArgs, type CompatArgs } from './args.js';
import type { ApplyContext } from './config-ops.js';
import { failureText } from './failure.js';
import { hostChoice, openCompatHost, type CompatEnv, type CompatHost } from './host.js';
import { COMPAT_OPTIONS } from './options.js';
import { CompatOutput, type CompatIo } from './output.js';
import { CompatTree } from './tree.js';

export interface CompatRun {
  argv: readonly string[];
  env: CompatEnv;
  io: CompatIo;
  /** The effective user id (process.geteuid); scstadmin insists on 0. */
  euid: () => number;
  /** A host opened by the caller (benchmarks counting sysfs calls); default: from `env`. */
  host?: CompatHost;
}

/** Perl's die() status here: the errno its start-up left in $! (ENOENT); we make it fixed. */
const NOT_ROOT_EXIT = 2;

export async function runCompat(run: CompatRun): Promise<number> {
  const out = new CompatOutput(run.io);
  try {
    hostChoice(run.env);
  } catch (error) {
    out.error(`scstadmin-compat: ${(error as Error).message}\n`);
    return EXIT.USAGE;
  }
  const emulated = run.host?.emulated ?? Boolean(run.env.SCST_SIMULATE_STATE);
  if (!emulated && run.euid() !== 0) {
    out.error('This program must run as root.\n');
    return NOT_ROOT_EXIT;
  }
  const parsed = readArgs(run.argv);
  if (parsed.kind === 'help') {
    out.print((await import('./usage.js')).usageText());
    return EXIT.OK;
  }
  if (parsed.kind === 'error') {
    for (const line of parsed.lines) (parsed.stream === 'stdout' ? out.print.bind(out) : out.error.bind(out))(`${line}\n`);
    return EXIT.FAILED;
  }

  const host = run.host ?? (await openCompatHost(run.env));
  try {
    return await operate(host, parsed.args, out);
  } catch (error) {
    out.fatal(failureText(error));
    return error instanceof UserError && error.exitCode === EXIT.LOCKED ? EXIT.LOCKED : EXIT.FAILED;
  } finally {
    await host.opened.close();
  }
}

async function operate(host: CompatHost, args: CompatArgs, out: CompatOutput): Promise<number> {
  const tree = new CompatTree(host.opened.sysfs, host.root);
  const flag = (name: string) => args.values.has(name);
  const value = (name: string) => args.values.get(name) as string | undefined;

  out.collecting();
  if (!(await tree.isDir('handlers'))) {
    out.fatal(`handlers(): Unable to read directory '${tree.absolute('handlers')}': No such file or directory`);
    return EXIT.FAILED;
  }
  out.collected();

  // Each kind of operation loads its own modules: a query never loads the engine.
  const configOps = () => import('./config-ops.js');
  const check = (file: string) => import('./config-check.js').then((m) => m.checkConfiguration(tree, out, file));
  const apply: ApplyContext = {
    sysfs: host.opened.sysfs,
    out,
    paths: host.paths,
    contOnErr: flag('cont_on_err'),
    command: `scstadmin-compat ${[...args.values.keys()].map((k) => `-${k}`).join(' ')}`,
  };
  const confirmed = async () => flag('noprompt') || (await out.confirm());
  /** -lip after -config or -clear_config: a LIP on every FC target; 1 after a failed one. */
  const lipsAfterConfig = async () => {
    const { issueLips } = await import('./lip.js');
    const failed = await issueLips({ sysfs: host.opened.sysfs, tree, out, paths: host.paths }, { warn: false });
    if (failed) out.warning(failed);
    return failed ? EXIT.FAILED : 0;
  };

  let rc = 0;
  if (flag('config')) {
    const checked = await check(value('config')!);
    if (checked.errors > 0) {
      if (!apply.contOnErr || !checked.config) {
        out.fatal('Configuration has errors, aborting.');
        return EXIT.FAILED;
      }
      out.print('Configuration has errors, aborting.\n');
      rc = 1;
    }
    if (!flag('force') || (await confirmed())) {
      const applied = await (await configOps()).applyConfiguration(apply, checked.config!, flag('force'));
      rc = rc || applied.rc;
      if (applied.changes > 0 && flag('lip')) rc = (await lipsAfterConfig()) || rc;
    }
  } else if (flag('check_config')) {
    rc = (await check(value('check_config')!)).errors > 0 ? 1 : 0;
  } else if (flag('write_config')) {
    rc = await (await configOps()).writeConfiguration(host.opened.sysfs, out, value('write_config')!, flag('nonkey'));
  } else if (flag('clear_config')) {
    if (await confirmed()) rc = await (await configOps()).clearConfiguration(apply);
    if (rc === 0 && flag('lip')) rc = await lipsAfterConfig();
  } else if (COMPAT_OPTIONS.some((o) => (o.role === 'op' || o.role === 'set') && flag(o.name))) {
    const name = COMPAT_OPTIONS.find((o) => (o.role === 'op' || o.role === 'set') && flag(o.name))!.name;
    const { runSingleOp } = await import('./single-ops.js');
    return runSingleOp({ sysfs: host.opened.sysfs, tree, out, paths: host.paths, force: flag('force'), noprompt: flag('noprompt'), lip: flag('lip'), noLip: flag('no_lip') }, name, args);
  } else {
    const { runQuery } = await import('./queries.js');
    const result = await runQuery(tree, out, args);
    // -dumpAttrs follows the queries, as in scstadmin's switch (any other operation ends it first).
    if (flag('dumpAttrs')) await (await import('./dump.js')).dumpAttributes(tree, out);
    else if (result === undefined) {
      out.print('No valid operations specified.\n');
      return EXIT.FAILED;
    }
    rc = result ?? 0;
  }
  out.allDone();
  return rc;
}

