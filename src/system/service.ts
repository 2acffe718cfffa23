/**
 * The service verbs, as SCST's init script has them but done in order and undone on failure:
 * - start: modules, daemon, then the file through the executor; if any step fails, what this
 *   run did is undone (the executor rolls the configuration back itself), so a failed start
 *   leaves the host as it found it, never half-configured.
 * - stop: the configuration cleared through the executor (targets disabled, sessions closed,
 *   objects removed, backing storage untouched), the daemon stopped, the modules unloaded.
 * - reload: the file applied with nothing restarted; what it newly needs (a module, the
 *   daemon) is added, nothing is taken away.
 */
import type { ScstConfig } from '../model/types.js';
import type { Sysfs } from '../sysfs/types.js';
import { UserError } from '../errors.js';
import { toErrorReport } from '../ui/error-output.js';
import type { Host } from './host.js';
import { allScstModulesUnloadOrder, modulesForConfig, type ModulePlan } from './module-catalog.js';
import { checkModuleSyntax, loadModules, unloadModules, type ModuleStep, type UnloadOptions } from './module-manager.js';
import { startDaemon, stopDaemon, type DaemonStartResult, type DaemonStopResult, type DaemonTiming } from './daemon-manager.js';
import { readDaemonConnection } from './iscsi-connection.js';
import { isScstUp } from './scst-state.js';
import { loadServiceConfig, requireServiceConfig } from './service-config.js';
import { serviceVerbMessages as M } from './service-messages.js';

/** What the executor reports for one run (kept small: the service only relays it). */
export interface ApplyOutcome {
  /** Writes made. */
  writes: number;
  /** One line per write, secrets masked. */
  changes: string[];
  /** What was left alone: `kept` (not in the file; --prune removes it), `held` (needs --force). */
  notes: Array<{ kind: 'kept' | 'held'; text: string }>;
}

/** The declarative engine, as the service uses it. */
export interface ConfigEngine {
  /** Make the kernel match `desired` exactly (removals included), rolling back on failure. */
  apply(sysfs: Sysfs, desired: ScstConfig): Promise<ApplyOutcome>;
  /** Make the kernel match `desired` without removing anything the file does not mention. */
  reload(sysfs: Sysfs, desired: ScstConfig): Promise<ApplyOutcome>;
  /** Remove the whole configuration: targets disabled, sessions closed, everything deleted. */
  clear(sysfs: Sysfs): Promise<ApplyOutcome>;
}

export interface ServiceOptions {
  configFile: string;
  /** SCST_TARGET_MODULES. */
  extraModules: string[];
  daemonArgs: string[];
  daemon?: DaemonTiming;
  unload?: UnloadOptions;
}

export interface StartReport {
  configFile: string;
  /** The file does not exist: SCST was started empty. */
  configMissing?: boolean;
  /** What the parser warned about (`file:line:col: message`). */
  warnings: string[];
  modules: ModuleStep[];
  daemon?: DaemonStartResult;
  applied?: ApplyOutcome;
}

export interface StopReport {
  cleared?: ApplyOutcome;
  daemon?: DaemonStopResult;
  modules: ModuleStep[];
}

export type ReloadReport = StartReport;

export async function startService(host: Host, engine: ConfigEngine, options: ServiceOptions): Promise<StartReport> {
  // Read the file first: a bad file stops here, with nothing changed.
  const { config, warnings } = await loadServiceConfig(options.configFile);
  const report: StartReport = { configFile: options.configFile, warnings, modules: [] };
  if (!config) report.configMissing = true;
  return bringUpAndApply(host, config, options, report, config && ((sysfs) => engine.apply(sysfs, config)));
}

export async function reloadService(host: Host, engine: ConfigEngine, options: ServiceOptions): Promise<ReloadReport> {
  const { config, warnings } = await requireServiceConfig(options.configFile);
  const report: ReloadReport = { configFile: options.configFile, warnings, modules: [] };
  return bringUpAndApply(host, config, options, report, (sysfs) => engine.reload(sysfs, config));
}

export async function stopService(host: Host, engine: ConfigEngine, options: Pick<ServiceOptions, 'extraModules' | 'daemon' | 'unload'>): Promise<StopReport> {
  const report: StopReport = { modules: [] };
  if (await isScstUp(host)) {
    report.cleared = await host.kernel.withSysfs((sysfs) => engine.clear(sysfs));
  }
  if ((await host.kernel.inspect(readDaemonConnection)) !== 'no-driver' || (await host.daemon.process()).running) {
    report.daemon = await stopDaemon(host, options.daemon);
  }
  report.modules = await unloadModules(host, [...options.extraModules, ...allScstModulesUnloadOrder()], options.unload);
  return report;
}

type UndoStep = { what: () => string; needed: () => boolean; run: () => Promise<unknown> };

/**
 * Load what the file needs, start the daemon if it needs one, then apply; if anything fails,
 * undo what this run did.
 */
async function bringUpAndApply(
  host: Host,
  config: ScstConfig | undefined,
  options: ServiceOptions,
  report: StartReport,
  apply: ((sysfs: Sysfs) => Promise<ApplyOutcome>) | undefined,
): Promise<StartReport> {
  const needs = modulesForConfig(config, options.extraModules);
  // A handler or driver whose name cannot be a module stops the run before anything is loaded.
  checkModuleSyntax(needs.required);
  return bringUpThen(host, needs, options, report, async () => {
    if (apply) report.applied = await host.kernel.withSysfs(apply);
    return report;
  });
}

/**
 * Load the modules, start the daemon if they need one, then run `then`; if any of it fails,
 * undo what this run did (stop the daemon it launched, unload the modules it loaded) and throw
 * an error that says so. `report` is filled as the steps are taken. The wizard brings the host
 * up this way too, once its plan is confirmed.
 */
export async function bringUpThen<T>(
  host: Host,
  needs: ModulePlan,
  options: Pick<ServiceOptions, 'daemonArgs' | 'daemon' | 'unload'>,
  report: { modules: ModuleStep[]; daemon?: DaemonStartResult },
  then: () => Promise<T>,
): Promise<T> {
  const loadedNow: string[] = [];
  let launched = false;
  // Last first: a daemon this run launched goes before the modules it needs.
  const undo: UndoStep[] = [
    { what: () => M.undoDaemon, needed: () => launched, run: () => stopDaemon(host, options.daemon) },
    { what: () => M.undoModules(loadedNow), needed: () => loadedNow.length > 0, run: () => unloadModules(host, loadedNow, { attempts: 3, ...options.unload }) },
  ];
  try {
    report.modules = await loadModules(host, needs.required, needs.optional, (step) => {
      // Optional modules stay: the init script leaves them too, and others may use them.
      if (step.action === 'loaded' && needs.required.includes(step.module)) loadedNow.push(step.module);
    });
    if (needs.needsIscsiDaemon) {
      // Launched but never connected still leaves a process to stop: note the launch itself.
      report.daemon = await startDaemon(host, options.daemonArgs, { ...options.daemon, onLaunch: () => { launched = true; } });
    }
    return await then();
  } catch (error) {
    throw await undoAfterFailure(error, undo.filter((step) => step.needed()));
  }
}

/**
 * Undo this run's steps in order; the error then says what was undone (or could not be). The
 * configuration needs nothing here: the executor rolls back its own writes and says so.
 */
async function undoAfterFailure(error: unknown, undo: UndoStep[]): Promise<UserError> {
  const undone: string[] = [];
  const failed: string[] = [];
  for (const step of undo) {
    try {
      await step.run();
      undone.push(step.what());
    } catch (undoError) {
      failed.push(`${step.what()}: ${(undoError as Error).message}`);
    }
  }
  const report = toErrorReport(error);
  const notes = [
    ...(undone.length > 0 ? [M.undone(undone)] : []),
    ...(failed.length > 0 ? [M.undoIncomplete(failed)] : []),
  ];
  const hint = [report.hint, ...notes].filter((h): h is string => Boolean(h)).join('; ');
  return new UserError(report.message, {
    object: report.object,
    code: report.code,
    exitCode: report.exitCode,
    hint: hint === '' ? undefined : hint,
    cause: error,
    details: { ...report.details, undone, undoFailures: failed },
  });
}
