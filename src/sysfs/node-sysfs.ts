/**
 * The real adapter: the Sysfs interface on `node:fs`, rooted at /sys/kernel/scst_tgt (or any
 * directory, for a copied tree). This is the only code that differs between the emulator and a
 * real SCST host.
 *
 * Every call is synchronous underneath: a sysfs read or write is handled in the kernel and
 * returns at once (long operations answer EAGAIN and have their own poll, mgmt-write.ts), so a
 * promise round trip per step only costs time. It also bounds open descriptors to one, whatever
 * the number of calls a reader has in flight: a host of any size cannot run into EMFILE.
 *   read  = open(O_RDONLY) + read(2) until a short read + close
 *   write = open(O_WRONLY) + exactly one write(2) + close — no O_CREAT, no O_TRUNC, no
 *           buffering that could split the command, as sysfs needs
 *   list  = getdents; one readlink per link; one lstat per file only when modes are asked for.
 */
import { closeSync, constants as fsConstants, lstatSync, openSync, readSync, readdirSync, readlinkSync, writeSync } from 'node:fs';
import { SysfsError, type DirEntry, type Errno, type ListOptions, type Sysfs, type SysfsOp } from './types.js';

export const DEFAULT_SYSFS_ROOT = '/sys/kernel/scst_tgt';

/** A sysfs attribute is at most a page; a larger buffer makes one read(2) return it all. */
const READ_CHUNK = 64 * 1024;

export class NodeSysfs implements Sysfs {
  readonly description: string;
  private buffer: Buffer | undefined;

  constructor(readonly root: string = DEFAULT_SYSFS_ROOT) {
    this.description = root;
  }

  /** Paths come relative and normalised (types.ts), so plain concatenation is enough. */
  private abs(path: string): string {
    return path === '' ? this.root : `${this.root}/${path}`;
  }

  async read(path: string): Promise<string> {
    return this.readNow(path);
  }

  async write(path: string, data: string): Promise<void> {
    this.writeNow(path, data);
  }

  async list(path: string, options: ListOptions = {}): Promise<DirEntry[]> {
    return this.listNow(path, options.modes !== false);
  }

  async readlink(path: string): Promise<string> {
    try {
      return readlinkSync(this.abs(path));
    } catch (error) {
      throw toSysfsError(error, 'readlink', path, 'open');
    }
  }

  async exists(path: string): Promise<boolean> {
    try {
      lstatSync(this.abs(path));
      return true;
    } catch {
      return false;
    }
  }

  private readNow(path: string): string {
    let fd: number;
    try {
      fd = openSync(this.abs(path), fsConstants.O_RDONLY);
    } catch (error) {
      throw toSysfsError(error, 'read', path, 'open');
    }
    try {
      const buffer = (this.buffer ??= Buffer.allocUnsafe(READ_CHUNK));
      const first = readSync(fd, buffer, 0, buffer.length, null);
      // A short read is the end: sysfs hands the whole page at once, and so does a regular file.
      if (first < buffer.length) return buffer.toString('utf8', 0, first);
      const chunks = [Buffer.from(buffer)];
      for (;;) {
        const chunk = Buffer.allocUnsafe(READ_CHUNK);
        const n = readSync(fd, chunk, 0, chunk.length, null);
        if (n === 0) break;
        chunks.push(chunk.subarray(0, n));
      }
      return Buffer.concat(chunks).toString('utf8');
    } catch (error) {
      throw toSysfsError(error, 'read', path, 'io');
    } finally {
      closeSync(fd);
    }
  }

  private writeNow(path: string, data: string): void {
    let fd: number;
    try {
      fd = openSync(this.abs(path), fsConstants.O_WRONLY);
    } catch (error) {
      throw toSysfsError(error, 'write', path, 'open', data);
    }
    try {
      const bytes = Buffer.from(data, 'utf8');
      // Exactly one write(2): sysfs hands each write to the store as one command.
      const written = writeSync(fd, bytes, 0, bytes.length, null);
      if (written !== bytes.length && bytes.length > 0) throw new SysfsError('EIO', 'write', path, 'io', [], data);
    } catch (error) {
      throw error instanceof SysfsError ? error : toSysfsError(error, 'write', path, 'io', data);
    } finally {
      closeSync(fd);
    }
  }

  private listNow(path: string, modes: boolean): DirEntry[] {
    const dir = this.abs(path);
    let dirents;
    try {
      dirents = readdirSync(dir, { withFileTypes: true });
    } catch (error) {
      throw toSysfsError(error, 'list', path, 'open');
    }
    const entries = dirents.map((d): DirEntry => {
      const full = `${dir}/${d.name}`;
      if (d.isSymbolicLink()) return { name: d.name, type: 'link', target: readlinkSync(full) };
      if (d.isDirectory()) return { name: d.name, type: 'dir' };
      if (!modes) return { name: d.name, type: 'file' };
      return { name: d.name, type: 'file', mode: lstatSync(full).mode & 0o7777 };
    });
    return sortByName(entries);
  }
}

/** Byte-order comparison of names, as the kernel (and the recordings) sort them. */
export function compareBytes(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/**
 * Entries in byte order of their names. ASCII names sort the same by UTF-16 code units, which
 * costs no Buffer per comparison (a directory of 10 000 devices is listed on every TAB press).
 */
function sortByName(entries: DirEntry[]): DirEntry[] {
  if (entries.every((e) => !/[^\p{ASCII}]/u.test(e.name))) return entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const keyed = entries.map((entry) => ({ entry, bytes: Buffer.from(entry.name, 'utf8') }));
  return keyed.sort((a, b) => Buffer.compare(a.bytes, b.bytes)).map((k) => k.entry);
}

function toSysfsError(error: unknown, op: SysfsOp, path: string, at: 'open' | 'io', data?: string): SysfsError {
  const code = (error as NodeJS.ErrnoException)?.code;
  const errno = (typeof code === 'string' && /^E[A-Z0-9]+$/.test(code) ? code : 'EIO') as Errno;
  return new SysfsError(errno, op, path, at, [], data);
}
