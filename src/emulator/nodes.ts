/**
 * The generated sysfs tree. Nothing here is stored: a directory is an object that can name its
 * children and make one on request, so a lookup along a path builds only the nodes on that path
 * (a `luns/` directory with thousands of LUNs does not build them to reach its `mgmt`).
 */
import { kfail } from './kernel-error.js';

export type Node = DirNode | FileNode | LinkNode;

export interface DirNode {
  kind: 'dir';
  /** Child names, any order (the Emulator sorts). */
  names(): string[];
  child(name: string): Node | undefined;
  /** Children known to be directories without building them (a listing of thousands needs only their names). */
  dirNames?(): ReadonlySet<string>;
}

export interface FileNode {
  kind: 'file';
  /** Permission bits: no read bit → reads fail EACCES at open; no write bit → writes do. */
  mode: number;
  /** The file's contents; may throw KernelError (e.g. EAGAIN, EINVAL). */
  show?: () => string;
  /** One write(2) of `data` (never empty: empty writes do not reach stores). */
  store?: (data: string) => void;
}

interface LinkNode {
  kind: 'link';
  /** The readlink text, relative to the link's directory. */
  target: string;
}

type Maker = () => Node;

/** Part of a directory whose children come from state (devices, LUNs, sessions, …). */
export interface DynamicChildren {
  names(): string[];
  child(name: string): Node | undefined;
  /** Every child is a directory (devices, targets, LUNs): listings skip building them. */
  allDirs?: true;
}

/** A directory of fixed entries plus any number of dynamic parts, built on demand. */
export class Dir implements DirNode {
  readonly kind = 'dir' as const;
  private readonly fixed = new Map<string, Maker>();
  private readonly dynamic: DynamicChildren[] = [];

  /** Add an entry; `undefined` makers are skipped so conditional entries read naturally. */
  add(name: string, make: Maker | Node | undefined): this {
    if (make === undefined) return this;
    this.fixed.set(name, typeof make === 'function' ? make : () => make);
    return this;
  }

  addAll(entries: Record<string, Maker | Node | undefined>): this {
    for (const [name, make] of Object.entries(entries)) this.add(name, make);
    return this;
  }

  addDynamic(part: DynamicChildren): this {
    this.dynamic.push(part);
    return this;
  }

  names(): string[] {
    const names = [...this.fixed.keys()];
    for (const part of this.dynamic) for (const name of part.names()) if (!this.fixed.has(name)) names.push(name);
    return names;
  }

  dirNames(): ReadonlySet<string> {
    const dirs = new Set<string>();
    const seen = new Set(this.fixed.keys());
    for (const part of this.dynamic) {
      for (const name of part.names()) {
        if (part.allDirs && !seen.has(name)) dirs.add(name);
        seen.add(name);
      }
    }
    return dirs;
  }

  child(name: string): Node | undefined {
    const make = this.fixed.get(name);
    if (make) return make();
    for (const part of this.dynamic) {
      const node = part.child(name);
      if (node) return node;
    }
    return undefined;
  }
}

/**
 * Entries a function produces only when they are needed: a lookup of a fixed entry beside them
 * never calls it (driver- and handler-specific files of a cached directory).
 */
export function lazyEntries(entries: () => Record<string, Maker | Node | undefined>): DynamicChildren {
  const nodeOf = (entry: Maker | Node | undefined): Node | undefined => (typeof entry === 'function' ? entry() : entry);
  return {
    names: () => Object.entries(entries()).filter(([, entry]) => entry !== undefined).map(([name]) => name),
    child: (name) => {
      const all = entries();
      return Object.hasOwn(all, name) ? nodeOf(all[name]) : undefined;
    },
  };
}

/**
 * A dynamic part over named state objects, each under its sysfs name. `items` is asked on every
 * lookup because stores replace the arrays they filter (del, move).
 */
export function namedChildren<T>(items: () => readonly T[], nameOf: (item: T) => string, make: (item: T) => Node): DynamicChildren {
  // A listing looks up every child by name: an index (rebuilt when the array is replaced or
  // grows) keeps that linear for directories of thousands of initiators or sessions.
  let indexed: { of: readonly T[]; length: number; byName: Map<string, T> } | undefined;
  const index = (): Map<string, T> => {
    const current = items();
    if (indexed?.of !== current || indexed.length !== current.length) {
      const byName = new Map<string, T>();
      for (const item of current) {
        const name = sysfsName(nameOf(item));
        if (!byName.has(name)) byName.set(name, item);
      }
      indexed = { of: current, length: current.length, byName };
    }
    return indexed.byName;
  };
  return {
    names: () => items().map((item) => sysfsName(nameOf(item))),
    child: (name) => {
      const item = index().get(name);
      return item === undefined ? undefined : make(item);
    },
  };
}

/** A dynamic part over a record keyed by numbers, each entry named PREFIX + number (`export0`, `lun3`). */
export function numberedChildren<T>(prefix: string, entries: Record<string, T>, make: (value: T, n: number) => Node): DynamicChildren {
  return {
    names: () => Object.keys(entries).map((key) => `${prefix}${key}`),
    child: (name) => {
      const key = name.startsWith(prefix) ? name.slice(prefix.length) : '';
      return /^\d+$/.test(key) && Object.hasOwn(entries, key) ? make(entries[key]!, Number(key)) : undefined;
    },
  };
}

export const MODE_RO = 0o444;
export const MODE_RW = 0o644;
export const MODE_WO = 0o200;
export const MODE_SECRET = 0o600;

/** A value line plus SCST's `[key]` marker line when the value is a key (spec §2.1). */
export function keyed(value: string | number, isKey: boolean): string {
  return isKey ? `${value}\n[key]\n` : `${value}\n`;
}

export function roFile(show: () => string): FileNode {
  return { kind: 'file', mode: MODE_RO, show };
}

export function rwFile(show: () => string, store: (data: string) => void, mode = MODE_RW): FileNode {
  return { kind: 'file', mode, show, store };
}

export function woFile(store: (data: string) => void): FileNode {
  return { kind: 'file', mode: MODE_WO, store };
}

/** A constant read-only file. */
export function constFile(text: string, mode = MODE_RO): FileNode {
  return { kind: 'file', mode, show: () => text };
}

/** A 0644 statistics file whose writes are accepted and change nothing visible. */
export function counterFile(value = '0\n'): FileNode {
  return { kind: 'file', mode: MODE_RW, show: () => value, store: () => {} };
}

export function link(target: string): LinkNode {
  return { kind: 'link', target };
}

/**
 * An object whose directory, link or file would take the name of a fixed entry beside it
 * (`mgmt`, `type`, …) cannot be created: sysfs refuses the duplicate name with EEXIST.
 */
export function refuseFixedName(name: string, fixed: readonly string[]): void {
  if (fixed.includes(sysfsName(name))) kfail('EEXIST');
}

/** sysfs shows a `/` in an object name as `!` (kobject names cannot hold `/`). */
export function sysfsName(name: string): string {
  return name.replaceAll('/', '!');
}

/** The first byte decides, as in SCST's flag stores: `0` false, `1` true, else EINVAL. */
export function firstByteFlag(data: string): boolean {
  if (data[0] === '0') return false;
  if (data[0] === '1') return true;
  return kfail('EINVAL');
}

/**
 * SCST's keyword stores compare min(len(word), bytes written) characters case-insensitively,
 * so `shared\n`, `sh` and `SHARED` all select `shared` (addr_method, io_grouping_type, pools).
 */
export function prefixMatch(word: string, data: string): boolean {
  const n = Math.min(word.length, data.length);
  return n > 0 && word.slice(0, n).toLowerCase() === data.slice(0, n).toLowerCase();
}
