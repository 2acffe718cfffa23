/**
 * Reading what the kernel has loaded: /proc/modules gives loadable modules with their
 * reference count, holders and state; /sys/module also lists built-in modules (those have no
 * `refcnt` file), which /proc/modules never shows.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { LoadedModule } from './host.js';

/** One /proc/modules line: `name size refcount holders state address`. */
export function parseProcModules(text: string): LoadedModule[] {
  const modules: LoadedModule[] = [];
  for (const line of text.split('\n')) {
    const fields = line.trim().split(/\s+/);
    if (fields.length < 5 || fields[0] === '') continue;
    const [name, size, refcount, holders, state] = fields as [string, string, string, string, string];
    modules.push({
      name,
      size: Number(size),
      refcount: Number(refcount),
      usedBy: holders === '-' ? [] : holders.split(',').filter((h) => h !== ''),
      state,
    });
  }
  return modules;
}

/** Loaded modules from both sources; a missing /proc/modules or /sys/module counts as empty. */
export async function readLoadedModules(procModules: string, sysModule: string): Promise<LoadedModule[]> {
  const loadable = parseProcModules(await readOptional(procModules));
  const byName = new Map(loadable.map((m) => [m.name, m]));
  for (const name of await listOptional(sysModule)) {
    if (byName.has(name)) continue;
    // A /sys/module entry with refcnt but no /proc/modules line is still loading or a stale
    // test tree; one without refcnt is built into the kernel.
    const refcnt = await readOptional(join(sysModule, name, 'refcnt'));
    byName.set(name, refcnt === '' ? { name, usedBy: [], builtin: true } : { name, usedBy: [], refcount: Number(refcnt.trim()) });
  }
  return [...byName.values()].sort((a, b) => a.name.localeCompare(b.name));
}

async function readOptional(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch {
    return '';
  }
}

async function listOptional(dir: string): Promise<string[]> {
  try {
    return await readdir(dir);
  } catch {
    return [];
  }
}
