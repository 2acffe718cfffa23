/**
 * Finding IET's files the way IET did (ietd-conf.md §1.1, §2.1): `/etc/iet/NAME` first, then the
 * old `/etc/NAME`; an explicitly named ietd.conf brings its sibling access files (and, for a
 * `…/iet/ietd.conf`, the parent directory as IET's fallback). Every host path is read below
 * `root` so tests can lay out a fake host. A missing access file is a fact, not an error: IET's
 * access decision depends on which files exist.
 */
import { basename, dirname, join, resolve } from 'node:path';
import { badInput } from '../errors.js';
import { formatBytes } from '../ui/units.js';
import { FileTooLargeError, MAX_CONFIG_BYTES, NotRegularFileError, readRegularFile } from '../files/regular-file.js';
import type { MigrationSources, SourceContent } from './migrate.js';

export type SourceRole = 'ietd.conf' | 'initiators.allow' | 'initiators.deny' | 'targets.allow';

export interface LocateRequest {
  /** Prefix for the default host paths ('/' on the real host). */
  root: string;
  ietdConf?: string;
  initiatorsAllow?: string;
  initiatorsDeny?: string;
  targetsAllow?: string;
  /** IET up to 0.4.17 knew only /etc. */
  legacyLayout?: boolean;
}

export interface SourceUse {
  role: SourceRole;
  /** The file read, as shown in findings; undefined when none exists. */
  path?: string;
  /** Where it was looked for, in order. */
  tried: string[];
}

export const DEFAULT_DIRS = ['/etc/iet', '/etc'];
const LEGACY_DIRS = ['/etc'];

export async function locateSources(request: LocateRequest): Promise<{ sources: MigrationSources; used: SourceUse[] }> {
  const used: SourceUse[] = [];
  const defaultDirs = request.legacyLayout ? LEGACY_DIRS : DEFAULT_DIRS;
  const conf = request.ietdConf
    ? await readExplicit('ietd.conf', request.ietdConf, used)
    : await readFirst('ietd.conf', defaultDirs.map((d) => join(d, 'ietd.conf')), request.root, used);
  if (!conf) {
    throw badInput('no ietd.conf found', { object: used[0]?.tried.join(', '), code: 'IET_NO_CONFIG', hint: 'give the path: scstadmin-ts migrate-iet /path/to/ietd.conf' });
  }
  const dirs = request.ietdConf ? siblingDirs(request.ietdConf, request.legacyLayout) : defaultDirs;
  const root = request.ietdConf ? '/' : request.root;
  const access = async (role: SourceRole, explicit: string | undefined): Promise<SourceContent | undefined> =>
    explicit ? readExplicit(role, explicit, used) : readFirst(role, dirs.map((d) => join(d, role)), root, used);
  return {
    sources: {
      ietdConf: conf,
      initiatorsAllow: await access('initiators.allow', request.initiatorsAllow),
      initiatorsDeny: await access('initiators.deny', request.initiatorsDeny),
      targetsAllow: await access('targets.allow', request.targetsAllow),
    },
    used,
  };
}

function siblingDirs(confPath: string, legacy?: boolean): string[] {
  const dir = dirname(resolve(confPath));
  return basename(dir) === 'iet' && !legacy ? [dir, dirname(dir)] : [dir];
}

async function readExplicit(role: SourceRole, path: string, used: SourceUse[]): Promise<SourceContent> {
  used.push({ role, path, tried: [path] });
  return { file: path, content: await readOrExplain(path) };
}

/** The first existing candidate; a candidate that exists but cannot be read is an error. */
async function readFirst(role: SourceRole, candidates: string[], root: string, used: SourceUse[]): Promise<SourceContent | undefined> {
  for (const candidate of candidates) {
    try {
      const content = await readRegularFile(join(root, candidate), { maxBytes: MAX_CONFIG_BYTES });
      used.push({ role, path: candidate, tried: candidates });
      return { file: candidate, content };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw unreadable(candidate, error);
    }
  }
  used.push({ role, tried: candidates });
  return undefined;
}

/**
 * A file the admin named: any failure to read it is bad input, told in one line. Only a regular
 * file is read (a FIFO would block, /dev/zero would never end).
 */
export async function readOrExplain(path: string): Promise<Buffer> {
  try {
    return await readRegularFile(path, { maxBytes: MAX_CONFIG_BYTES });
  } catch (error) {
    throw unreadable(path, error);
  }
}

function unreadable(path: string, error: unknown): Error {
  if (error instanceof FileTooLargeError) {
    return badInput(`${formatBytes(error.size)}, over the ${formatBytes(error.limit)} a configuration file may have; nothing was read`, { object: path, code: 'IET_FILE_TOO_LARGE', hint: 'check that the right file was given' });
  }
  if (error instanceof NotRegularFileError) {
    return badInput(`cannot read: is ${error.kind}, not a regular file`, { object: path, code: 'IET_FILE_UNREADABLE' });
  }
  const code = (error as NodeJS.ErrnoException).code;
  const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'is a directory' : (error as Error).message;
  return badInput(`cannot read: ${why}`, { object: path, code: 'IET_FILE_UNREADABLE' });
}
