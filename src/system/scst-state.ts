/**
 * Is SCST up? The scst module must be loaded and its sysfs tree visible: the module list alone
 * could be stale, and a tree alone could be a copy (or an emulator that keeps its root).
 */
import type { Host } from './host.js';

export async function isScstUp(host: Host, loaded?: Set<string>): Promise<boolean> {
  const modules = loaded ?? (await loadedModuleNames(host));
  if (!modules.has('scst')) return false;
  return host.kernel.inspect((sysfs) => sysfs.exists('handlers'));
}

/** The names of the modules loaded now. */
export async function loadedModuleNames(host: Host): Promise<Set<string>> {
  return new Set((await host.modules.loaded()).map((m) => m.name));
}
