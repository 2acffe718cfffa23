/**
 * The names index an emulated host keeps beside its state file (STATE.json.names): the
 * listings of the directories that hold object names (name-sources.ts), written at every
 * save. Shell completion under --simulate reads this small file instead of loading the whole
 * host, which on a host of 10 000 devices takes seconds. The index says which save of the
 * state it lists (size and mtime of the file, its save id); when they differ, or writes of a
 * killed run wait in the write log, it is stale and the caller loads the host instead.
 */
import { readFileSync, statSync } from 'node:fs';
import { NAME_SOURCES, USER_FILE } from '../completion/name-sources.js';
import { SysfsError, type DirEntry, type Sysfs } from '../sysfs/types.js';
import { readWriteLog } from './write-log.js';

interface NamesIndex {
  format: 'scstadmin-ts-names';
  version: 1;
  saveId: string;
  stateSize: number;
  stateMtimeMs: number;
  /** Each indexed directory's entries: name and type (d, l, f). */
  dirs: Record<string, Array<[string, 'd' | 'l' | 'f']>>;
  /** The first word of each CHAP user file (the user name; never the secret). */
  firstWords: Record<string, string>;
}

export function namesIndexPath(stateFile: string): string {
  return `${stateFile}.names`;
}

const TYPE_CODE = { dir: 'd', link: 'l', file: 'f' } as const;
const TYPE_OF = { d: 'dir', l: 'link', f: 'file' } as const;

/** What the index is built from: the host's tree, read without counting as sysfs calls. */
export interface QuietTree {
  list(dir: string): DirEntry[];
  read(path: string): string;
}

/**
 * Every directory the templates reach on this host (placeholders range over the subdirectories
 * there), with the entries a name filter can pick: subdirectories, links, the files of
 * directories listed for files (initiators) and CHAP user files, not the attributes.
 */
function indexDirs(tree: QuietTree): Pick<NamesIndex, 'dirs' | 'firstWords'> {
  const listings = new Map<string, DirEntry[] | undefined>();
  const fileDirs = new Set<string>();
  const firstWords: NamesIndex['firstWords'] = {};
  const listing = (dir: string): DirEntry[] => {
    if (!listings.has(dir)) listings.set(dir, attempt(() => tree.list(dir)));
    return listings.get(dir) ?? [];
  };
  const expand = (prefix: string, segments: string[]): string[] => {
    if (segments.length === 0) return [prefix];
    const [segment, ...rest] = segments as [string, ...string[]];
    if (!segment.startsWith('{')) return expand(prefix === '' ? segment : `${prefix}/${segment}`, rest);
    return listing(prefix).filter((e) => e.type === 'dir').flatMap((e) => expand(`${prefix}/${e.name}`, rest));
  };
  for (const source of Object.values(NAME_SOURCES)) {
    for (const template of source.dirs) {
      for (const dir of expand('', template.split('/'))) {
        const entries = listing(dir);
        if (source.filter === 'file') fileDirs.add(dir);
        if (source.filter !== 'user') continue;
        for (const e of entries.filter((x) => x.type === 'file' && USER_FILE.test(x.name))) {
          const text = attempt(() => tree.read(`${dir}/${e.name}`)) ?? '';
          firstWords[`${dir}/${e.name}`] = text.trim().split(/\s+/)[0] ?? '';
        }
      }
    }
  }
  const dirs: NamesIndex['dirs'] = {};
  for (const [dir, entries] of listings) {
    if (!entries) continue;
    const kept = entries.filter((e) => e.type !== 'file' || fileDirs.has(dir) || USER_FILE.test(e.name));
    dirs[dir] = kept.map((e) => [e.name, TYPE_CODE[e.type]]);
  }
  return { dirs, firstWords };
}

function attempt<T>(fn: () => T): T | undefined {
  try {
    return fn();
  } catch {
    return undefined;
  }
}

/**
 * Write the index for the state just saved to `stateFile` as `saveId`. Best effort: an index
 * that cannot be written is only a slower completion, and a stale one is recognised as such.
 */
export async function writeNamesIndex(stateFile: string, tree: QuietTree, saveId: string): Promise<void> {
  try {
    const { size, mtimeMs } = statSync(stateFile);
    const index: NamesIndex = { format: 'scstadmin-ts-names', version: 1, saveId, stateSize: size, stateMtimeMs: mtimeMs, ...indexDirs(tree) };
    const { default: writeFileAtomic } = await import('write-file-atomic');
    await writeFileAtomic(namesIndexPath(stateFile), `${JSON.stringify(index)}\n`, { mode: 0o600 });
  } catch {
    // see above
  }
}

/** The host's name directories as a read-only Sysfs, when the index is that of the state file as it is now. */
export function indexedNames(stateFile: string): Sysfs | undefined {
  let index: NamesIndex;
  try {
    const { size, mtimeMs } = statSync(stateFile);
    index = JSON.parse(readFileSync(namesIndexPath(stateFile), 'utf8')) as NamesIndex;
    if (index.format !== 'scstadmin-ts-names' || index.version !== 1 || index.stateSize !== size || index.stateMtimeMs !== mtimeMs) return undefined;
    if (readWriteLog(stateFile, index.saveId).length > 0) return undefined;
  } catch {
    return undefined;
  }
  const missing = (op: 'list' | 'read', path: string) => new SysfsError('ENOENT', op, path, 'open');
  return {
    description: `names index (${stateFile})`,
    list: async (path) => {
      const entries = Object.hasOwn(index.dirs, path) ? index.dirs[path]! : undefined;
      if (!entries) throw missing('list', path);
      return entries.map(([name, type]) => ({ name, type: TYPE_OF[type] }));
    },
    read: async (path) => {
      if (!Object.hasOwn(index.firstWords, path)) throw missing('read', path);
      return `${index.firstWords[path]}\n`;
    },
    write: async (path) => {
      throw new SysfsError('EACCES', 'write', path, 'open');
    },
    readlink: async (path) => {
      throw new SysfsError('EINVAL', 'readlink', path, 'io');
    },
    exists: async (path) => Object.hasOwn(index.dirs, path) || Object.hasOwn(index.firstWords, path),
  };
}
