/**
 * Loading and unloading emulated kernel modules (host controls): dependencies first, the
 * module's own objects at load, and refusal while something still uses it.
 */
import { UserError, badInput } from '../errors.js';
import type { Kernel } from './kernel.js';
import { KernelError } from './kernel-error.js';
import { knownModules, moduleModel, resolveModuleName } from './module-registry.js';

export function loadModule(k: Kernel, requested: string): void {
  // An alias loads the first module it resolves to, as modprobe does.
  const name = resolveModuleName(requested)[0] ?? requested;
  const model = moduleModel(name);
  if (!model) {
    throw badInput(`unknown kernel module ${name}`, {
      object: `module ${name}`, hint: `known modules: ${knownModules().sort().join(', ')}`,
    });
  }
  const state = k.state;
  if (state.modules.includes(name)) return;
  for (const dependency of model.requires) loadModule(k, dependency);
  state.modules.push(name);
  for (const driver of model.drivers) k.ensureDriverState(driver.name);
  model.onLoad?.(k);
}

export function unloadModule(k: Kernel, name: string): void {
  const state = k.state;
  const model = moduleModel(name);
  if (!model || !state.modules.includes(name)) {
    throw badInput(`kernel module ${name} is not loaded`, { object: `module ${name}` });
  }
  const dependents = state.modules.filter((m) => moduleModel(m)?.requires.includes(name));
  const handlerNames = new Set(model.handlers.map((h) => h.name));
  const devicesInUse = Object.values(state.devices).filter((d) => d.handler !== null && handlerNames.has(d.handler));
  if (dependents.length > 0 || devicesInUse.length > 0) {
    const users = [...dependents, ...devicesInUse.map((d) => `device ${d.name}`)];
    throw new UserError(`kernel module ${name} is in use by ${users.join(', ')}`, {
      object: `module ${name}`, code: 'MODULE_IN_USE',
    });
  }
  try {
    model.onUnload?.(k);
  } catch (error) {
    if (error instanceof KernelError) {
      throw new UserError(`kernel module ${name} is in use (${error.errno})`, {
        object: `module ${name}`, code: 'MODULE_IN_USE',
      });
    }
    throw error;
  }
  for (const driver of model.drivers) {
    const drv = state.drivers[driver.name];
    if (drv) for (const target of Object.keys(drv.targets)) k.removeTarget(driver.name, target);
    delete state.drivers[driver.name];
  }
  state.modules = state.modules.filter((m) => m !== name);
}

/**
 * `modprobe -r NAME`: unload the module, then each module it required that nothing uses any
 * more (scst goes with its last handler). Returns every module that went, NAME first.
 */
export function removeModule(k: Kernel, name: string): string[] {
  unloadModule(k, name);
  const gone = [name];
  for (const dependency of moduleModel(name)?.requires ?? []) {
    const state = k.state;
    if (!state.modules.includes(dependency)) continue;
    const stillUsed = state.modules.some((m) => moduleModel(m)?.requires.includes(dependency));
    if (stillUsed) continue;
    try {
      gone.push(...removeModule(k, dependency));
    } catch {
      // In use by objects (devices, targets): modprobe -r leaves such a dependency loaded.
    }
  }
  return gone;
}
