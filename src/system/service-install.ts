/**
 * Installing the systemd unit and the /etc/default/scst skeleton from templates/, into the
 * running system or into an image root (--root). The admin's defaults file is never replaced;
 * the unit is ours and is refreshed. systemd is told only when it can hear: `daemon-reload`
 * and `enable` on a host booted with systemd, `systemctl --root` for an image.
 */
import { access, readFile, rm } from 'node:fs/promises';
import { constants as fsConstants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { execa } from './exec.js';
import { UserError, badInput } from '../errors.js';
import type { HostPaths } from './paths.js';
import { readIfExists, writeHostFile, type FileAction } from './files.js';
import { serviceMessages } from './service-messages.js';

const UNIT_NAME = 'scst.service';
/** The first line of every unit we install: what tells ours from SCST's own scst.service. */
const UNIT_MARKER = '# Installed by scstadmin-ts';

export interface InstallOptions {
  /** An image root; absent = the running system. */
  root?: string;
  /** How systemd should run this CLI (absolute), e.g. `/usr/bin/node /opt/scstadmin-ts/bin/run.js`. */
  cli: string;
  /** The package root holding templates/. */
  packageRoot: string;
  enable: boolean;
  env?: NodeJS.ProcessEnv;
}

export interface InstalledFile {
  path: string;
  action: FileAction | 'kept' | 'removed' | 'absent';
}

export interface ServiceInstallResult {
  files: InstalledFile[];
  /** systemctl invocations made, as argument lists. */
  systemctl: string[][];
  notes: string[];
}

function rooted(root: string | undefined, path: string): string {
  return root ? join(root, path) : path;
}

/** A unit's command line from words: systemd splits on blanks and honours double quotes. */
export function unitCommandLine(words: string[]): string {
  return words.map((w) => (/[\s"\\]/.test(w) ? `"${w.replace(/["\\]/g, '\\$&')}"` : w)).join(' ');
}

export function renderUnit(template: string, cli: string, defaultsFile: string): string {
  if (/[\n%]/.test(cli)) throw badInput(serviceMessages.badCli, { object: '--bin' });
  if (!cli.startsWith('/')) throw badInput(serviceMessages.relativeCli, { object: '--bin' });
  return template.replaceAll('@CLI@', cli).replaceAll('@DEFAULTS@', defaultsFile);
}

export async function installService(paths: HostPaths, options: InstallOptions): Promise<ServiceInstallResult> {
  const result: ServiceInstallResult = { files: [], systemctl: [], notes: [] };
  const unitTemplate = await readFile(join(options.packageRoot, 'templates', 'scst.service'), 'utf8');
  const unitPath = rooted(options.root, join(paths.unitDir, UNIT_NAME));
  const existing = await readIfExists(unitPath);
  if (existing !== undefined && !existing.startsWith(UNIT_MARKER)) {
    throw new UserError(serviceMessages.foreignUnit, { object: unitPath, code: 'FOREIGN_UNIT', hint: serviceMessages.foreignUnitHint });
  }
  const unit = renderUnit(unitTemplate, options.cli, paths.defaultsFile);
  result.files.push({ path: unitPath, action: await writeHostFile(unitPath, unit, 0o644) });

  const defaultsPath = rooted(options.root, paths.defaultsFile);
  if ((await readIfExists(defaultsPath)) !== undefined) {
    result.files.push({ path: defaultsPath, action: 'kept' });
  } else {
    const skeleton = await readFile(join(options.packageRoot, 'templates', 'default-scst'), 'utf8');
    result.files.push({ path: defaultsPath, action: await writeHostFile(defaultsPath, skeleton, 0o644) });
  }

  const systemd = await reachSystemd(paths, options);
  if (systemd.mode === 'running') await systemctl(['daemon-reload'], result, options.env);
  if (options.enable) {
    if (systemd.mode === 'none') result.notes.push(systemd.note(`enable ${UNIT_NAME}`));
    else await systemctl([...(systemd.mode === 'image' ? [`--root=${systemd.root}`] : []), 'enable', UNIT_NAME], result, options.env);
  }
  return result;
}

export async function uninstallService(paths: HostPaths, options: Omit<InstallOptions, 'cli' | 'packageRoot' | 'enable'> & { purge: boolean }): Promise<ServiceInstallResult> {
  const result: ServiceInstallResult = { files: [], systemctl: [], notes: [] };
  const unitPath = rooted(options.root, join(paths.unitDir, UNIT_NAME));
  const existing = await readIfExists(unitPath);
  if (existing !== undefined && !existing.startsWith(UNIT_MARKER)) {
    throw new UserError(serviceMessages.foreignUnit, { object: unitPath, code: 'FOREIGN_UNIT', hint: serviceMessages.foreignUnitHint });
  }
  const systemd = await reachSystemd(paths, options);
  if (existing !== undefined && systemd.mode !== 'none') {
    await systemctl([...(systemd.mode === 'image' ? [`--root=${systemd.root}`] : []), 'disable', UNIT_NAME], result, options.env);
  }
  await rm(unitPath, { force: true });
  result.files.push({ path: unitPath, action: existing === undefined ? 'absent' : 'removed' });
  const defaultsPath = rooted(options.root, paths.defaultsFile);
  if (options.purge) {
    const had = (await readIfExists(defaultsPath)) !== undefined;
    await rm(defaultsPath, { force: true });
    result.files.push({ path: defaultsPath, action: had ? 'removed' : 'absent' });
  } else {
    result.files.push({ path: defaultsPath, action: 'kept' });
  }
  if (existing !== undefined && systemd.mode === 'running') await systemctl(['daemon-reload'], result, options.env);
  return result;
}

type SystemdReach = { mode: 'image'; root: string } | { mode: 'running' } | { mode: 'none'; note: (verb: string) => string };

/**
 * How to talk to systemd: `systemctl --root=DIR` for an image (there is no daemon to reload),
 * plain systemctl only when systemd is this host's init, otherwise not at all (a note says what
 * to run later).
 */
async function reachSystemd(paths: HostPaths, options: { root?: string; env?: NodeJS.ProcessEnv }): Promise<SystemdReach> {
  if (!(await onPath('systemctl', options.env ?? process.env))) return { mode: 'none', note: serviceMessages.noSystemctl };
  if (options.root) return { mode: 'image', root: options.root };
  if (!(await exists(paths.systemdRuntimeDir))) return { mode: 'none', note: serviceMessages.systemdNotRunning };
  return { mode: 'running' };
}

async function systemctl(args: string[], result: ServiceInstallResult, env: NodeJS.ProcessEnv | undefined): Promise<void> {
  result.systemctl.push(args);
  const run = await execa('systemctl', args, { reject: false, stdin: 'ignore', env: env ?? process.env, extendEnv: false });
  if (run.failed) {
    throw new UserError(serviceMessages.systemctlFailed(args.join(' '), String(run.stderr ?? '').trim().split('\n')[0] ?? ''), { object: 'systemctl', code: 'SYSTEMCTL_FAILED' });
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

async function onPath(tool: string, env: NodeJS.ProcessEnv): Promise<boolean> {
  for (const dir of (env.PATH ?? '').split(delimiter).filter(Boolean)) {
    try {
      await access(join(dir, tool), fsConstants.X_OK);
      return true;
    } catch {
      // not in this directory
    }
  }
  return false;
}
