/**
 * install-compat: a `scstadmin` command that runs scstadmin-compat, put where PATH finds it
 * before the Perl tool (/usr/local/sbin comes before /usr/sbin). Only on request, and never
 * silently in front of an installed Perl scstadmin: that needs --force, and the Perl tool stays
 * runnable as `scstadmin-perl` (a link to it; its own file is never changed or removed, unless it
 * sits exactly where ours goes, in which case it is renamed to `scstadmin-perl` beside it).
 */
import { lstat, mkdir, readFile, rename, symlink, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../files/atomic-write.js';
import { badInput } from '../errors.js';

/** Marks the wrapper as ours, so that a second run recognises it. */
export const WRAPPER_MARK = '# scstadmin-ts: scstadmin-compat wrapper';
export const DEFAULT_INSTALL_DIR = '/usr/local/sbin';
/** Where a Perl scstadmin is found (SCST's Makefile installs to /usr/local/sbin or /usr/sbin). */
export const SEARCHED_DIRS = ['/usr/local/sbin', '/usr/local/bin', '/usr/sbin', '/usr/bin', '/sbin', '/bin'];

export interface InstallCompatOptions {
  /** An image root; '' or undefined: the running system. */
  root?: string;
  /** Where `scstadmin` goes (inside root). */
  dir?: string;
  /** The command line the wrapper runs (absolute paths on the target system). */
  command: string[];
  force: boolean;
}

export interface InstallCompatResult {
  /** The wrapper, as the target system sees it. */
  path: string;
  status: 'installed' | 'unchanged';
  /** A Perl scstadmin found on the system. */
  perl?: string;
  /** Where the Perl tool stays runnable. */
  perlAlias?: string;
}

export function wrapperText(command: string[]): string {
  const quoted = command.map((w) => `'${w.replaceAll("'", "'\\''")}'`).join(' ');
  return `#!/bin/sh\n${WRAPPER_MARK}\n# Perl scstadmin's command line, run by scstadmin-ts (see its docs/compat.md).\nexec ${quoted} "$@"\n`;
}

async function kindOf(path: string): Promise<'missing' | 'ours' | 'other'> {
  try {
    await lstat(path);
  } catch {
    return 'missing';
  }
  const head = await readFile(path, 'utf8').catch(() => '');
  return head.includes(WRAPPER_MARK) ? 'ours' : 'other';
}

export async function installCompat(options: InstallCompatOptions): Promise<InstallCompatResult> {
  const root = options.root ?? '';
  const dir = options.dir ?? DEFAULT_INSTALL_DIR;
  const inRoot = (path: string) => join(root || '/', path);
  const path = join(dir, 'scstadmin');
  const wrapper = wrapperText(options.command);

  let perl: string | undefined;
  for (const searched of SEARCHED_DIRS) {
    const candidate = join(searched, 'scstadmin');
    if ((await kindOf(inRoot(candidate))) === 'other') {
      perl = candidate;
      break;
    }
  }
  const current = await kindOf(inRoot(path));
  if (current === 'ours' && (await readFile(inRoot(path), 'utf8')) === wrapper) {
    return { path, status: 'unchanged', ...(perl ? { perl } : {}) };
  }
  if (perl && !options.force) {
    throw badInput(`a Perl scstadmin is installed as ${perl}; installing scstadmin-compat in front of it needs --force`, {
      object: path,
      hint: `with --force the Perl tool stays runnable as ${join(dir, 'scstadmin-perl')}; or call scstadmin-compat directly`,
      code: 'PERL_SCSTADMIN_PRESENT',
    });
  }

  await mkdir(inRoot(dir), { recursive: true });
  let perlAlias: string | undefined;
  if (perl) {
    perlAlias = join(dir, 'scstadmin-perl');
    await unlink(inRoot(perlAlias)).catch(() => {});
    if (perl === path) {
      await rename(inRoot(path), inRoot(perlAlias));
    } else {
      await symlink(perl, inRoot(perlAlias));
    }
  }
  await writeFileAtomic(inRoot(path), wrapper, { mode: 0o755 });
  return { path, status: 'installed', ...(perl ? { perl } : {}), ...(perlAlias ? { perlAlias } : {}) };
}
