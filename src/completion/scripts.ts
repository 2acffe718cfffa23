/**
 * The shells' completion scripts and where each shell looks for them, for one user or
 * system-wide. Each is generated: its template (templates/completion/SHELL) and the tables of
 * the command metadata (shell-tables.ts); bash and zsh share their engine
 * (templates/completion/engine.sh), fish's template holds its own. So a TAB runs no program
 * (but scstadmin-ts-complete, for an emulated host whose names index is stale, and fish's `ls`
 * for the directories whose every entry is a name).
 */
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { PACKAGE_ROOT, readManifest, type Manifest } from '../meta/manifest.js';
import { fishTables, shellTables } from './shell-tables.js';

export const SHELLS = ['bash', 'zsh', 'fish'] as const;
export type Shell = (typeof SHELLS)[number];

const template = (name: string): string => readFileSync(join(PACKAGE_ROOT, 'templates', 'completion', name), 'utf8');

/** SCSTADMIN_TS_MANIFEST: another command set (the tests use a fixture). */
export function completionScript(shell: Shell, manifest: Manifest = readManifest(process.env.SCSTADMIN_TS_MANIFEST || undefined)): string {
  if (shell === 'fish') return template('fish').replace('# @TABLES@\n', () => fishTables(manifest));
  return template(shell)
    .replace('# @TABLES@\n', () => shellTables(manifest))
    .replace('# @ENGINE@\n', () => template('engine.sh'));
}

/** System-wide: the vendor directories Debian's bash-completion, zsh and fish read. */
const SYSTEM_FILES: Record<Shell, string> = {
  bash: '/usr/share/bash-completion/completions/scstadmin-ts',
  zsh: '/usr/share/zsh/vendor-completions/_scstadmin-ts',
  fish: '/usr/share/fish/vendor_completions.d/scstadmin-ts.fish',
};

export interface CompletionTarget {
  shell: Shell;
  file: string;
  /** What the admin still has to do for the shell to find it, if anything. */
  hint?: string;
}

/** Where `shell` finds the script: under `root` (an image) or system-wide, else for this user. */
export function completionTarget(shell: Shell, scope: { system: boolean; root?: string }, env = process.env): CompletionTarget {
  if (scope.system || scope.root !== undefined) return { shell, file: join(scope.root ?? '/', SYSTEM_FILES[shell]) };
  const home = env.HOME || homedir();
  const data = env.XDG_DATA_HOME || join(home, '.local', 'share');
  const config = env.XDG_CONFIG_HOME || join(home, '.config');
  switch (shell) {
    case 'bash':
      // bash-completion loads user completions on demand from here.
      return { shell, file: join(data, 'bash-completion', 'completions', 'scstadmin-ts') };
    case 'fish':
      return { shell, file: join(config, 'fish', 'completions', 'scstadmin-ts.fish') };
    case 'zsh': {
      const dir = join(data, 'zsh', 'site-functions');
      return { shell, file: join(dir, '_scstadmin-ts'), hint: `zsh reads it when ~/.zshrc has, before compinit: fpath=(${dir} $fpath)` };
    }
  }
}

/** The admin's login shell when it is one we complete for. */
export function loginShell(env = process.env): Shell | undefined {
  const name = (env.SHELL ?? '').split('/').pop();
  return SHELLS.find((s) => s === name);
}
