/**
 * -issue_lip [TARGET] [-driver DRIVER], and -lip after a change: a Fibre Channel LIP on each
 * target asked for (one target, the targets of one driver, or every target), in scstadmin's
 * words, through the change engine's `issueLip` (one write through the one executor). Targets
 * that are no FC port are said to be so and left alone, as scstadmin does; a failed LIP ends the
 * run with the FATAL block (exit 1).
 */
import { findLipPort, issueLip } from '../edit/index.js';
import type { RunPaths } from '../plan/run-paths.js';
import { sysfsPath } from '../sysfs/names.js';
import type { Sysfs } from '../sysfs/types.js';
import { firstMissing, targetChecks } from './attribute-objects.js';
import { failureText } from './failure.js';
import type { CompatOutput } from './output.js';
import type { CompatTree } from './tree.js';

export interface LipContext {
  sysfs: Sysfs;
  tree: CompatTree;
  out: CompatOutput;
  paths: RunPaths;
}

export interface LipRequest {
  driver?: string;
  target?: string;
  /** -issue_lip says which targets have no `host` link; -lip after a change does not. */
  warn: boolean;
}

/** The LIPs asked for; a message when a named object is missing or a LIP failed (FATAL, exit 1). */
export async function issueLips(ctx: LipContext, request: LipRequest): Promise<string | undefined> {
  const { driver, target } = request;
  let ports: Array<[string, string]>;
  if (driver !== undefined && target) {
    const missing = await firstMissing(ctx.tree, targetChecks('targetAttributes', driver, target));
    if (missing) return missing;
    ports = [[driver, target]];
  } else {
    if (driver !== undefined && !(await ctx.tree.isDir(sysfsPath('targets', driver)))) return 'No such driver exists.';
    const drivers = driver !== undefined ? [driver] : await ctx.tree.drivers();
    ports = [];
    for (const d of drivers) for (const t of (await ctx.tree.targets(d)) ?? []) ports.push([d, t]);
  }
  for (const [d, t] of ports) {
    const port = await findLipPort(ctx.sysfs, d, t);
    if (port.kind === 'no-host' && request.warn) ctx.out.print(`\t-> Driver/target '${d}/${t}' has no 'host' attribute, ignoring.\n`);
    else if (port.kind === 'no-host' || port.kind === 'not-fc') ctx.out.print('\t-> Driver/target is not a fibre channel target, ignoring.\n');
    else if (port.kind === 'no-lip') ctx.out.print(`Fibre channel driver/target '${d}/${t}' lacks the ability to issue LIPs, ignoring.\n`);
    else {
      ctx.out.print(`\t-> Issuing LIP on fibre channel driver/target '${d}/${t}' (${port.host}): `);
      try {
        await issueLip(ctx.sysfs, { driver: d, target: t }, ctx.paths);
      } catch (error) {
        ctx.out.print('failed.\n');
        return failureText(error);
      }
      ctx.out.print('done.\n');
    }
  }
  return undefined;
}
