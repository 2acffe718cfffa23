/**
 * Which kernel modules the emulator knows. Each module file registers its model here at import
 * time; modules.ts imports them all, so adding a module is one file plus one import line there.
 */
import type { ModuleModel } from './models.js';

const registry = new Map<string, ModuleModel>();

export function registerModule(model: ModuleModel): void {
  registry.set(model.name, model);
}

export function moduleModel(name: string): ModuleModel | undefined {
  return registry.get(name);
}

export function knownModules(): string[] {
  return [...registry.keys()];
}

/**
 * The modules a name stands for, as `modprobe --resolve-alias` answers: the module itself,
 * else every module declaring the name as an alias (in registration order); empty if none.
 */
export function resolveModuleName(name: string): string[] {
  if (registry.has(name)) return [name];
  return [...registry.values()].filter((m) => m.aliases?.includes(name)).map((m) => m.name);
}
