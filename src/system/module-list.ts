/**
 * `modules list`: every SCST module with its kernel state, plus any other module the admin
 * asked for, joined with what the configuration needs.
 */
import type { Host } from './host.js';
import { kernelModuleName, knownModules } from './module-catalog.js';

export interface ModuleRow {
  name: string;
  loaded: boolean;
  builtin?: boolean;
  refcount?: number;
  usedBy: string[];
  provides: string;
}

export async function listModules(host: Host, extra: string[] = []): Promise<ModuleRow[]> {
  const loaded = new Map((await host.modules.loaded()).map((m) => [m.name, m]));
  const catalog = knownModules().map((m) => ({ name: m.name, provides: m.provides }));
  for (const name of extra.map(kernelModuleName)) {
    if (!catalog.some((m) => m.name === name)) catalog.push({ name, provides: 'listed in SCST_TARGET_MODULES' });
  }
  return catalog.map(({ name, provides }) => {
    const live = loaded.get(name);
    const row: ModuleRow = { name, loaded: live !== undefined, usedBy: live?.usedBy ?? [], provides };
    if (live?.builtin) row.builtin = true;
    if (live?.refcount !== undefined) row.refcount = live.refcount;
    return row;
  });
}
