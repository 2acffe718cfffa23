/**
 * Loading and unloading sets of modules on any host: dependency order in, reverse order out,
 * already-loaded modules left alone, and unloads retried a bounded number of times because a
 * module stays busy for a moment after its last user went away.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { UserError, badInput } from '../errors.js';
import type { Host, LoadedModule } from './host.js';
import { MODULE_NAME, kernelModuleName, knownModules, loadOrder, unloadOrder } from './module-catalog.js';
import { moduleMessages } from './messages.js';
import { loadedModuleNames } from './scst-state.js';

export type ModuleAction = 'loaded' | 'already-loaded' | 'unloaded' | 'not-loaded' | 'skipped';

export interface ModuleStep {
  module: string;
  action: ModuleAction;
  /** Why an optional module was skipped. */
  reason?: string;
}

export interface UnloadOptions {
  /** How many times to try each module before giving up (default 30). */
  attempts?: number;
  /** Pause between attempts (default 1000 ms). */
  retryDelayMs?: number;
}

/** Names that could reach modprobe: well-formed (never option-like). */
export function checkModuleSyntax(names: string[]): void {
  const bad = names.find((n) => !MODULE_NAME.test(n));
  if (bad !== undefined) throw badInput(moduleMessages.notScstModuleName, { object: `module ${JSON.stringify(bad)}`, code: 'BAD_MODULE_NAME' });
}

/** Names given on the command line: well-formed, and SCST modules or ones the admin listed. */
export function checkModuleNames(names: string[], allowedExtra: string[] = []): string[] {
  const known = new Set([...knownModules().map((m) => m.name), ...allowedExtra.map(kernelModuleName)]);
  checkModuleSyntax(names);
  return names.map((raw) => {
    const name = kernelModuleName(raw);
    if (!known.has(name)) {
      throw badInput(moduleMessages.unknownModule(knownModules().map((m) => m.name)), { object: `module ${raw}`, code: 'UNKNOWN_MODULE', hint: moduleMessages.unknownModuleHint });
    }
    return name;
  });
}

/** Load `required` (and their dependencies) in order; `optional` ones first, failures noted. */
export async function loadModules(host: Host, required: string[], optional: string[] = [], onStep?: (step: ModuleStep) => void): Promise<ModuleStep[]> {
  const steps: ModuleStep[] = [];
  const push = (step: ModuleStep): void => {
    steps.push(step);
    onStep?.(step);
  };
  const loaded = await loadedModuleNames(host);
  // An alias is loaded when a module it resolves to is: `crc32c` shows as crc32c_generic.
  const isLoaded = async (module: string) => loaded.has(module) || (await host.modules.resolve(module)).some((m) => loaded.has(m));
  for (const module of optional.map(kernelModuleName)) {
    if (await isLoaded(module)) {
      push({ module, action: 'already-loaded' });
      continue;
    }
    try {
      await host.modules.load(module);
      push({ module, action: 'loaded' });
    } catch (error) {
      push({ module, action: 'skipped', reason: (error as Error).message });
    }
  }
  for (const module of loadOrder(required)) {
    if (loaded.has(module)) {
      push({ module, action: 'already-loaded' });
      continue;
    }
    await host.modules.load(module);
    loaded.add(module);
    push({ module, action: 'loaded' });
  }
  return steps;
}

/**
 * Unload in reverse dependency order, retrying each busy module; stops at the first that stays.
 * `modprobe -r` also removes dependencies nothing uses any more (scst goes with the last
 * handler), so every module that went is reported as unloaded, whichever step took it.
 */
export async function unloadModules(host: Host, names: string[], options: UnloadOptions = {}): Promise<ModuleStep[]> {
  const attempts = Math.max(1, options.attempts ?? 30);
  const delay = options.retryDelayMs ?? 1000;
  const steps: ModuleStep[] = [];
  const reported = new Set<string>();
  let before = await loadedModuleNames(host);
  for (const module of unloadOrder(names)) {
    if (reported.has(module)) continue;
    if (!before.has(module)) {
      steps.push({ module, action: 'not-loaded' });
      continue;
    }
    await unloadWithRetries(host, module, attempts, delay);
    const after = await loadedModuleNames(host);
    const gone = [module, ...[...before].filter((m) => m !== module && !after.has(m)).sort()];
    for (const m of gone) {
      steps.push({ module: m, action: 'unloaded' });
      reported.add(m);
    }
    before = after;
  }
  return steps;
}

async function unloadWithRetries(host: Host, module: string, attempts: number, delay: number): Promise<void> {
  let lastError: unknown;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    try {
      await host.modules.unload(module);
    } catch (error) {
      lastError = error;
    }
    const current = await findModule(host, module);
    if (!current) return;
    // Held by another module: waiting will not help, that module must go first.
    if (current.usedBy.length > 0) {
      throw new UserError(moduleMessages.heldByModules(current.usedBy), { object: `module ${module}`, code: 'MODULE_BUSY', hint: moduleMessages.heldByModulesHint(current.usedBy), cause: lastError });
    }
    if (attempt < attempts && delay > 0) await sleep(delay);
    if (attempt === attempts) {
      throw new UserError(moduleMessages.stillInUse(current.usedBy, attempts), {
        object: `module ${module}`, code: 'MODULE_BUSY', hint: moduleMessages.stillInUseHint, cause: lastError,
      });
    }
  }
}

async function findModule(host: Host, module: string): Promise<LoadedModule | undefined> {
  return (await host.modules.loaded()).find((m) => m.name === module);
}
