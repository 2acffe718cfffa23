/**
 * Reading and writing config files the safe way. A write goes to a temporary file in the same
 * directory (fsync'd, mode 0600 whatever the umask: the file holds CHAP secrets), is renamed
 * over the old file, and the directory is fsync'd, so a crash leaves either the old or the new
 * file, never half of one. The previous version is kept, timestamped, in a backup directory
 * beside the file (the last 10). A file whose content would not change is not touched.
 */
import { constants, promises as fs, write as fsWrite } from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../files/atomic-write.js';
import { FileTooLargeError, MAX_CONFIG_BYTES, NotRegularFileError, readRegularFileWithStats, refuseExistingNonRegular } from '../files/regular-file.js';
import { DanglingLinkError, resolveWriteTarget, streamDescriptor } from '../files/write-target.js';
import { EXIT, UserError, badInput } from '../errors.js';
import { M } from './messages.js';

export const DEFAULT_CONF = '/etc/scst.conf';
export const BACKUPS_KEPT = 10;

export interface ConfFile {
  path: string;
  text: string;
  /** Permission bits. */
  mode: number;
}

/** The config path a command works on: its argument, else SCST_CONF, else /etc/scst.conf. */
export function confPath(arg: string | undefined): string {
  return arg ?? process.env.SCST_CONF ?? DEFAULT_CONF;
}

export async function readConfFile(file: string): Promise<ConfFile> {
  try {
    // Only a regular file is read: /dev/zero or a FIFO would never end.
    const { content, stats } = await readRegularFileWithStats(file, { maxBytes: MAX_CONFIG_BYTES });
    return { path: file, text: content.toString('utf8'), mode: stats.mode & 0o7777 };
  } catch (error) {
    if (error instanceof FileTooLargeError) throw badInput(M.tooLarge(error.size, error.limit), { object: file, code: 'CONF_TOO_LARGE', hint: M.tooLargeHint });
    if (error instanceof NotRegularFileError) throw badInput(notConfigFile(error), { object: file, code: 'CONF_UNREADABLE' });
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw badInput('no such file', { object: file, code: 'CONF_NOT_FOUND', hint: 'give the file as an argument or set SCST_CONF' });
    if (code === 'EISDIR') throw badInput('is a directory, not a config file', { object: file, code: 'CONF_UNREADABLE' });
    throw new UserError(`cannot read: ${(error as Error).message}`, { object: file, code: 'CONF_UNREADABLE', exitCode: EXIT.FAILED });
  }
}

function notConfigFile(error: NotRegularFileError): string {
  return error.isDirectory ? 'is a directory, not a config file' : M.notRegularFile(error.kind);
}

export interface WriteResult {
  path: string;
  changed: boolean;
  /** Where the previous version was kept, when there was one. */
  backup?: string;
  /** Written to a standard stream or descriptor (`-`, /dev/stdout), not to a file. */
  stream?: boolean;
}

export interface WriteOptions {
  /** Backup directory; default `<file>.backups` beside the file. */
  backupDir?: string;
  /** Clock for backup names (tests). */
  now?: () => Date;
}

export function backupDirFor(file: string): string {
  return `${file}.backups`;
}

/**
 * With --json, standard output carries the JSON report alone: a config file sent there too
 * (`-`, /dev/stdout) would corrupt both, so that is refused before anything is read or written.
 */
export function refuseStdoutUnderJson(file: string | undefined, json: boolean): void {
  if (json && file !== undefined && streamDescriptor(file) === 1) throw badInput(M.jsonOnStdout(file), { object: file, hint: M.jsonOnStdoutHint, code: 'JSON_STDOUT' });
}

export async function writeConfFile(file: string, text: string, options: WriteOptions = {}): Promise<WriteResult> {
  const fd = streamDescriptor(file);
  if (fd !== undefined) {
    await writeToDescriptor(fd, text).catch((error: NodeJS.ErrnoException) => {
      throw writeError(error, file);
    });
    return { path: file === '-' ? 'standard output' : file, changed: true, stream: true };
  }
  const target = await resolveTarget(file);
  const dir = path.dirname(target);
  try {
    await refuseSpecialFile(target);
    const previous = await readIfExists(target);
    if (previous === text) return { path: target, changed: false };
    let backup: string | undefined;
    if (previous !== undefined) backup = await keepBackup(target, options.backupDir ?? backupDirFor(target), options.now?.() ?? new Date());
    // A sibling temporary file, fsync'd, chmod'ed to 0600 (so neither the umask
    // nor the directory's default ACL decides who can read the secrets), renamed over the target.
    await writeFileAtomic(target, text, { mode: 0o600, fsync: true });
    await syncDirectory(dir);
    return { path: target, changed: true, ...(backup ? { backup } : {}) };
  } catch (error) {
    if (error instanceof UserError) throw error;
    throw writeError(error as NodeJS.ErrnoException, target);
  }
}

/**
 * One sentence for a failed write. A destination that cannot be a file (its directory missing,
 * a file where a directory should be) is bad input; the rest is the system refusing.
 */
function writeError(error: NodeJS.ErrnoException, target: string): UserError {
  const dir = path.dirname(target);
  const input = (message: string) => badInput(message, { object: target, code: 'CONF_WRITE_FAILED' });
  switch (error.code) {
    case 'ENOENT':
      return input(`cannot write: the directory ${dir} does not exist`);
    case 'ENOTDIR':
      return input(`cannot write: a part of ${dir} is not a directory`);
    case 'EISDIR':
      return input('cannot write: is a directory, not a config file');
    case 'EACCES':
    case 'EPERM':
      return new UserError(`cannot write: permission denied (${error.code})`, { object: target, code: 'CONF_WRITE_FAILED', exitCode: EXIT.FAILED, hint: 'run as root, or save to a file you may write', cause: error });
    default:
      return new UserError(`cannot write: ${error.code ? `${error.code}: ` : ''}${firstClause(error.message)}`, { object: target, code: 'CONF_WRITE_FAILED', exitCode: EXIT.FAILED, cause: error });
  }
}

/** Node's messages end with ", open '/dir/.file.123.tmp'": the temporary name means nothing to the admin. */
function firstClause(message: string): string {
  return message.replace(/^[A-Z]+: /, '').split(',')[0] ?? message;
}

/**
 * The rename would replace whatever the name points at: a device (`/dev/null`, `/dev/stdout`
 * through its link), a FIFO or a socket must be refused, not swapped for a regular file.
 */
async function refuseSpecialFile(target: string): Promise<void> {
  try {
    await refuseExistingNonRegular(target);
  } catch (error) {
    if (error instanceof NotRegularFileError) throw badInput(`cannot write: ${notConfigFile(error)}`, { object: target, code: 'CONF_WRITE_FAILED' });
    throw error;
  }
}

/** Writes through a symlink to the file it names, so /etc/scst.conf → elsewhere stays a link. */
async function resolveTarget(file: string): Promise<string> {
  try {
    return await resolveWriteTarget(file);
  } catch (error) {
    if (error instanceof DanglingLinkError) throw badInput(`cannot write: ${M.danglingLink(error.target)}`, { object: file, code: 'CONF_WRITE_FAILED' });
    return path.resolve(file);
  }
}

/** Appends to an open descriptor as any program's output does (a shell's `>>` stays an append). */
async function writeToDescriptor(fd: number, text: string): Promise<void> {
  const stream = fd === 1 ? process.stdout : fd === 2 ? process.stderr : undefined;
  if (stream) {
    await new Promise<void>((resolve, reject) => stream.write(text, (error) => (error ? reject(error) : resolve())));
    return;
  }
  const bytes = Buffer.from(text);
  for (let done = 0; done < bytes.length; ) done += await new Promise<number>((resolve, reject) => fsWrite(fd, bytes, done, bytes.length - done, null, (error, written) => (error ? reject(error) : resolve(written))));
}

async function readIfExists(file: string): Promise<string | undefined> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

function stamp(date: Date): string {
  return date.toISOString().replace(/[-:]/g, '').replace(/\.(\d{3})Z$/, '$1Z');
}

async function keepBackup(file: string, dir: string, now: Date): Promise<string> {
  await fs.mkdir(dir, { recursive: true, mode: 0o700 });
  const base = `${path.basename(file)}.${stamp(now)}`;
  let name = base;
  for (let n = 1; ; n += 1) {
    try {
      await fs.copyFile(file, path.join(dir, name), constants.COPYFILE_EXCL);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      name = `${base}.${n}`;
    }
  }
  const backup = path.join(dir, name);
  await fs.chmod(backup, 0o600);
  await pruneBackups(dir, path.basename(file));
  return backup;
}

async function pruneBackups(dir: string, baseName: string): Promise<void> {
  const entries = (await fs.readdir(dir)).filter((e) => e.startsWith(`${baseName}.`)).sort();
  for (const old of entries.slice(0, Math.max(0, entries.length - BACKUPS_KEPT))) await fs.rm(path.join(dir, old), { force: true });
}

async function syncDirectory(dir: string): Promise<void> {
  const handle = await fs.open(dir, constants.O_RDONLY);
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
