/**
 * The names index an emulated host keeps beside its state file (STATE.json.names): the
 * entries of the directories that hold object names (name-sources.ts), written at every save.
 * Shell completion under --simulate reads this small file with the shell's own builtins
 * instead of loading the whole host, which on a host of 10 000 devices takes seconds.
 *
 * The format is text a shell reads cheaply, one entry a line after the header:
 *
 *   scstadmin-ts-names 2 SAVEID
 *   DIR<TAB>TYPE<TAB>NAME
 *
 * TYPE is d (directory), l (link), f (file: an initiator) or u (a CHAP user's name, the first
 * word of its file; never the secret). The lines are in byte order. Names with a control
 * character (a tab, a newline…), which SCST does not take, are left out.
 *
 * The index is current, and only then used, when all three hold; else it is set aside and the
 * host itself loaded. This is the one rule the shells' scripts (templates/completion/engine.sh
 * for bash and zsh, templates/completion/fish) and indexedNames() below apply:
 *   1. its header names the save id the state file starts with (`{"saveId":"ID",`: a save
 *      writes the id first so a shell reads it in a few bytes);
 *   2. the state file is not newer than the index (changed after the save);
 *   3. no write log lies beside the state (a run under way, or killed, with writes not saved).
 */
import { closeSync, existsSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { INDEX_TYPES, NAME_SOURCES, USER_FILE } from '../completion/name-sources.js';
import type { NameLister } from '../completion/live-names.js';
import type { DirEntry } from '../sysfs/types.js';
import { writeFileAtomic } from '../files/atomic-write.js';
import { writeLogPath } from './write-log.js';

/** The header's first words; the save id follows. */
export const NAMES_INDEX_FORMAT = 'scstadmin-ts-names 2';
/** How a saved state file begins: its save id comes right after. */
export const STATE_HEAD = '{"saveId":"';
/** Enough of the state file's head to hold STATE_HEAD, the id and its closing quote. */
export const STATE_HEAD_BYTES = 64;

export function namesIndexPath(stateFile: string): string {
  return `${stateFile}.names`;
}

const TYPE_CODE = { dir: 'd', link: 'l', file: 'f' } as const;
// eslint-disable-next-line no-control-regex -- what the index leaves out: a tab or newline would break its lines
const CONTROL_CHARACTER = /[\u0000-\u001f]/;

/** What the index is built from: the host's tree, read without counting as sysfs calls. */
export interface QuietTree {
  list(dir: string): DirEntry[];
  read(path: string): string;
}

/**
 * The index lines of every directory the templates reach on this host (placeholders range over
 * the subdirectories there): subdirectories and links, the files of directories listed for files
 * (initiators, not mgmt) and the users of directories listed for CHAP users; no attributes.
 */
function indexLines(tree: QuietTree): string[] {
  const listings = new Map<string, DirEntry[] | undefined>();
  const fileDirs = new Set<string>();
  const userDirs = new Set<string>();
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
        listing(dir);
        if (source.filter === 'file') fileDirs.add(dir);
        if (source.filter === 'user') userDirs.add(dir);
      }
    }
  }
  const lines: string[] = [];
  const add = (dir: string, type: string, name: string) => {
    if (name !== '' && !CONTROL_CHARACTER.test(dir + name)) lines.push(`${dir}\t${type}\t${name}`);
  };
  for (const [dir, entries] of listings) {
    for (const e of entries ?? []) {
      if (e.type !== 'file') add(dir, TYPE_CODE[e.type], e.name);
      else if (fileDirs.has(dir) && e.name !== 'mgmt') add(dir, 'f', e.name);
    }
    if (!userDirs.has(dir)) continue;
    const users = (entries ?? []).filter((e) => e.type === 'file' && USER_FILE.test(e.name));
    const names = users.map((e) => (attempt(() => tree.read(`${dir}/${e.name}`)) ?? '').trim().split(/\s+/)[0]!);
    for (const name of new Set(names)) if (name !== '[key]') add(dir, 'u', name);
  }
  // In byte order: each directory's names of one type are then one run of lines, in name order,
  // which a shell finds by bisection (a tab sorts before any character of a name or path). Each
  // line is encoded once, not at every comparison: a save of 10 000 devices sorts 20 000 lines.
  return lines
    .map((line) => ({ line, bytes: Buffer.from(line) }))
    .sort((a, b) => Buffer.compare(a.bytes, b.bytes))
    .map(({ line }) => line);
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
 * that cannot be written is only a slower completion, and a stale one is recognised as such
 * (so it is not flushed to disk either: one a power cut damaged fails the currency rule).
 */
export async function writeNamesIndex(stateFile: string, tree: QuietTree, saveId: string): Promise<void> {
  try {
    const text = [`${NAMES_INDEX_FORMAT} ${saveId}`, ...indexLines(tree)].join('\n');
    await writeFileAtomic(namesIndexPath(stateFile), `${text}\n`, { mode: 0o600, fsync: false });
  } catch {
    // see above
  }
}

/** The save id a state file starts with, from its first bytes; undefined for one saved otherwise. */
function headSaveId(stateFile: string): string | undefined {
  const fd = openSync(stateFile, 'r');
  try {
    const buffer = Buffer.alloc(STATE_HEAD_BYTES);
    const head = buffer.toString('utf8', 0, readSync(fd, buffer, 0, STATE_HEAD_BYTES, 0));
    if (!head.startsWith(STATE_HEAD)) return undefined;
    const end = head.indexOf('"', STATE_HEAD.length);
    return end < 0 ? undefined : head.slice(STATE_HEAD.length, end);
  } finally {
    closeSync(fd);
  }
}

/** The index of the state file when it is current by the rule above, as text. */
function currentIndex(stateFile: string): string | undefined {
  const index = namesIndexPath(stateFile);
  if (existsSync(writeLogPath(stateFile))) return undefined;
  if (statSync(stateFile, { bigint: true }).mtimeNs > statSync(index, { bigint: true }).mtimeNs) return undefined;
  const id = headSaveId(stateFile);
  const text = readFileSync(index, 'utf8');
  return id !== undefined && text.startsWith(`${NAMES_INDEX_FORMAT} ${id}\n`) ? text : undefined;
}

/** The host's names as the index lists them, when it is current; else undefined (load the host). */
export function indexedNames(stateFile: string): NameLister | undefined {
  const text = attempt(() => currentIndex(stateFile));
  if (text === undefined) return undefined;
  const entries = new Map<string, Array<[type: string, name: string]>>();
  for (const line of text.split('\n').slice(1)) {
    const [dir, type, name] = line.split('\t');
    if (dir === undefined || type === undefined || name === undefined) continue;
    let list = entries.get(dir);
    if (!list) entries.set(dir, (list = []));
    list.push([type, name]);
  }
  return async (dir, filter) => (entries.get(dir) ?? []).filter(([type]) => INDEX_TYPES[filter].includes(type)).map(([, name]) => name);
}
