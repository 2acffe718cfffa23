/**
 * Live object names for completion, read through the Sysfs interface: one listing of the
 * directory name-sources.ts names for the kind (CHAP users: that listing plus the few user
 * files it names). Never takes the lock and never writes.
 */
import type { DirEntry, Sysfs } from '../sysfs/types.js';
import { NAME_SOURCES, nameDir, USER_FILE, type NameContext, type NameFilter } from './name-sources.js';

export { isObjectKind, type NameContext } from './name-sources.js';

const IS_NAME: Record<NameFilter, (e: DirEntry) => boolean> = {
  entries: () => true,
  dir: (e) => e.type === 'dir',
  member: (e) => e.type === 'link' || e.type === 'dir',
  file: (e) => e.type === 'file' && e.name !== 'mgmt',
  user: (e) => e.type === 'file' && USER_FILE.test(e.name),
};

/**
 * The names `filter` picks out of one directory of a host: a tree read through the Sysfs
 * interface (sysfsNames), or an emulated host's names index (names-index.ts).
 */
export type NameLister = (dir: string, filter: NameFilter) => Promise<string[]>;

export function sysfsNames(sysfs: Sysfs): NameLister {
  return (dir, filter) => namesIn(sysfs, dir, filter);
}

/** The live names of `kind` in the context, in the tree's order; [] when the context is not enough. */
export async function liveNames(names: NameLister, kind: string, ctx: NameContext): Promise<string[]> {
  const dir = nameDir(kind, ctx);
  const source = NAME_SOURCES[kind];
  return source && dir !== undefined ? names(dir, source.filter) : [];
}

/** The names `filter` picks out of one listing of `dir`. */
export async function namesIn(sysfs: Sysfs, dir: string, filter: NameFilter): Promise<string[]> {
  const entries = (await sysfs.list(dir)).filter(IS_NAME[filter]);
  if (filter !== 'user') return entries.map((e) => e.name);
  const names = await Promise.all(entries.map(async (e) => firstWord(await sysfs.read(`${dir}/${e.name}`))));
  return [...new Set(names.filter((n) => n !== '' && n !== '[key]'))];
}

function firstWord(text: string): string {
  return text.trim().split(/\s+/)[0] ?? '';
}
