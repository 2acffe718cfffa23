/**
 * The real host: modules through `modprobe`, the daemon as the `iscsi-scstd` process with its
 * PID file. Whatever is first on PATH is run, which is how tests substitute fakes.
 */
import { readFile, rm } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { execa } from './exec.js';
import { UserError, badInput } from '../errors.js';
import type { DaemonControl, DaemonProcess, LoadedModule, ModuleControl } from './host.js';
import type { HostPaths } from './paths.js';
import { readLoadedModules } from './proc-modules.js';
import { daemonMessages, moduleMessages } from './messages.js';
import { moduleNotInstalled } from './module-errors.js';
import { checkModuleSyntax } from './module-manager.js';
import { isAlive, isStopped } from './liveness.js';

const TOOL_TIMEOUT_MS = 120_000;
const MODULE_LINE = /^[A-Za-z0-9_-]+$/;

async function runTool(tool: string, args: string[]): Promise<{ ok: boolean; stderr: string; exitCode?: number }> {
  const result = await execa(tool, args, { reject: false, timeout: TOOL_TIMEOUT_MS, stdin: 'ignore' });
  if ((result as { code?: string }).code === 'ENOENT') {
    throw new UserError(moduleMessages.toolMissing(tool), { object: tool, code: 'TOOL_MISSING', hint: moduleMessages.toolMissingHint(tool) });
  }
  return { ok: !result.failed, stderr: String(result.stderr ?? '').trim(), exitCode: result.exitCode };
}

export class ProcessModules implements ModuleControl {
  constructor(private readonly paths: HostPaths) {}

  loaded(): Promise<LoadedModule[]> {
    return readLoadedModules(this.paths.procModules, this.paths.sysModule);
  }

  async load(name: string): Promise<void> {
    const result = await runTool('modprobe', [moduleArgument(name)]);
    if (result.ok) return;
    if (/not found/i.test(result.stderr)) throw moduleNotInstalled(name, this.paths.kernelRelease);
    throw new UserError(moduleMessages.loadFailed(firstLine(result.stderr)), {
      object: `module ${name}`, code: 'MODULE_LOAD_FAILED', hint: moduleMessages.loadFailedHint,
    });
  }

  /** `modprobe --resolve-alias` (module-init-tools and kmod): one module name a line. */
  async resolve(name: string): Promise<string[]> {
    const result = await execa('modprobe', ['--resolve-alias', moduleArgument(name)], { reject: false, timeout: TOOL_TIMEOUT_MS, stdin: 'ignore' });
    const names = result.failed ? [] : String(result.stdout ?? '').split('\n').map((l) => l.trim()).filter((l) => MODULE_LINE.test(l));
    return names.length > 0 ? names.map((n) => n.replace(/-/g, '_')) : [name];
  }

  /** `modprobe --dry-run` finds the module and what it needs, and loads nothing. */
  async installed(name: string): Promise<boolean> {
    return (await runTool('modprobe', ['--dry-run', '--quiet', moduleArgument(name)])).ok;
  }

  async unload(name: string): Promise<void> {
    const result = await runTool('modprobe', ['-r', moduleArgument(name)]);
    if (result.ok) return;
    throw new UserError(moduleMessages.unloadFailed(firstLine(result.stderr)), { object: `module ${name}`, code: 'MODULE_BUSY' });
  }
}

/** Every name reaching modprobe is checked here too: one that starts with `-` would be an option. */
function moduleArgument(name: string): string {
  checkModuleSyntax([name]);
  return name;
}

export class ProcessDaemon implements DaemonControl {
  constructor(private readonly paths: HostPaths) {}

  async launch(args: string[]): Promise<void> {
    if (args.some((a) => a === '-f' || a === '--foreground')) {
      throw badInput(daemonMessages.foregroundRefused, { object: 'ISCSID_OPTIONS', code: 'DAEMON_OPTIONS' });
    }
    const result = await runTool('iscsi-scstd', args);
    if (!result.ok) {
      throw new UserError(daemonMessages.launchFailed(result.exitCode, firstLine(result.stderr)), {
        object: 'iscsi-scstd', code: 'DAEMON_START_FAILED', hint: daemonMessages.launchFailedHint,
      });
    }
  }

  async process(): Promise<DaemonProcess> {
    const pid = await this.readPid();
    if (pid === undefined) return { running: false };
    if (await isDaemonPid(pid)) return isStopped(pid) ? { running: true, pid, stopped: true } : { running: true, pid };
    await rm(this.paths.iscsidPidFile, { force: true });
    return { running: false, pid, stalePidFile: true };
  }

  async terminate(timeoutMs: number): Promise<'not-running' | 'terminated' | 'killed'> {
    const current = await this.process();
    if (!current.running || current.pid === undefined) return 'not-running';
    const pid = current.pid;
    signal(pid, 'SIGTERM');
    // A stopped process takes SIGTERM only once it runs again.
    if (current.stopped) signal(pid, 'SIGCONT');
    let outcome: 'terminated' | 'killed' = 'terminated';
    if (!(await waitForExit(pid, timeoutMs))) {
      outcome = 'killed';
      signal(pid, 'SIGKILL');
      if (!(await waitForExit(pid, 5_000))) {
        throw new UserError(daemonMessages.wontDie(pid), { object: 'iscsi-scstd', code: 'DAEMON_STOP_FAILED' });
      }
    }
    // The daemon does not remove its own PID file; a leftover one would look stale later.
    await rm(this.paths.iscsidPidFile, { force: true });
    return outcome;
  }

  private async readPid(): Promise<number | undefined> {
    let text: string;
    try {
      text = await readFile(this.paths.iscsidPidFile, 'utf8');
    } catch {
      return undefined;
    }
    const pid = Number(text.trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  }
}

/** Alive and, where /proc tells, really iscsi-scstd: a recycled PID is not our daemon. */
async function isDaemonPid(pid: number): Promise<boolean> {
  if (!isAlive(pid)) return false;
  try {
    const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8');
    return cmdline.includes('iscsi-scstd');
  } catch {
    return true;
  }
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}

async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isAlive(pid)) return true;
    await sleep(50);
  }
  return !isAlive(pid);
}

function firstLine(text: string): string {
  return text.split('\n').find((l) => l.trim() !== '')?.trim() ?? 'no message';
}
