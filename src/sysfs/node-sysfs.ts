/**
 * The real adapter: the Sysfs interface on `node:fs`, rooted at /sys/kernel/scst_tgt (or any
 * directory, for a copied tree). This is the only code that differs between the emulator and a
 * real SCST host. Writes are one write(2) on a descriptor opened O_WRONLY, as sysfs needs:
 * no O_CREAT, no O_TRUNC, no buffering that could split the command.
 */
import { promises as fs, constants as fsConstants } from 'node:fs';
import { join } from 'node:path';
import { SysfsError, type DirEntry, type Errno, type Sysfs, type SysfsOp } from './types.js';

export const DEFAULT_SYSFS_ROOT = '/sys/kernel/scst_tgt';

export class NodeSysfs implements Sysfs {
  readonly description: string;

  constructor(readonly root: string = DEFAULT_SYSFS_ROOT) {
    this.description = root;
  }

  private abs(path: string): string {
    return path === '' ? this.root : join(this.root, path);
  }

  async read(path: string): Promise<string> {
    let handle;
    try {
      handle = await fs.open(this.abs(path), fsConstants.O_RDONLY);
    } catch (error) {
      throw toSysfsError(error, 'read', path, 'open');
    }
    try {
      return (await handle.readFile()).toString('utf8');
    } catch (error) {
      throw toSysfsError(error, 'read', path, 'io');
    } finally {
      await handle.close();
    }
  }

  async write(path: string, data: string): Promise<void> {
    let handle;
    try {
      handle = await fs.open(this.abs(path), fsConstants.O_WRONLY);
    } catch (error) {
      throw toSysfsError(error, 'write', path, 'open', data);
    }
    try {
      const bytes = Buffer.from(data, 'utf8');
      // Exactly one write(2): sysfs hands each write to the store as one command.
      const { bytesWritten } = await handle.write(bytes, 0, bytes.length, null);
      if (bytesWritten !== bytes.length && bytes.length > 0) {
        throw new SysfsError('EIO', 'write', path, 'io', [], data);
      }
    } catch (error) {
      throw error instanceof SysfsError ? error : toSysfsError(error, 'write', path, 'io', data);
    } finally {
      await handle.close();
    }
  }

  async list(path: string): Promise<DirEntry[]> {
    const dir = this.abs(path);
    let dirents;
    try {
      dirents = await fs.readdir(dir, { withFileTypes: true });
    } catch (error) {
      throw toSysfsError(error, 'list', path, 'open');
    }
    const entries = await Promise.all(
      dirents.map(async (d): Promise<DirEntry> => {
        if (d.isSymbolicLink()) {
          return { name: d.name, type: 'link', target: await fs.readlink(join(dir, d.name)) };
        }
        if (d.isDirectory()) return { name: d.name, type: 'dir' };
        const stat = await fs.lstat(join(dir, d.name));
        return { name: d.name, type: 'file', mode: stat.mode & 0o7777 };
      }),
    );
    return sortByName(entries);
  }

  async readlink(path: string): Promise<string> {
    try {
      return await fs.readlink(this.abs(path));
    } catch (error) {
      throw toSysfsError(error, 'readlink', path, 'open');
    }
  }

  async exists(path: string): Promise<boolean> {
    try {
      await fs.lstat(this.abs(path));
      return true;
    } catch {
      return false;
    }
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
