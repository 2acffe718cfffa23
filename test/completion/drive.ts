/**
 * The real shells completing a line through the scripts `install-completion` installed: bash's
 * completion function run as bash's programmable completion runs it, zsh's through its
 * completion system on a pseudo-terminal (zpty), fish's through `complete -C`.
 */
import { execa } from 'execa';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { ROOT } from './host.js';

export type ShellName = 'bash' | 'zsh' | 'fish';
/** The candidates the shell offers for LINE (cursor at its end), in the shell's order. */
export type Completer = (line: string, env?: Record<string, string>) => Promise<string[]>;
export type Shells = Record<ShellName, Completer> & {
  /** fish's candidates with their descriptions (value<TAB>description). */
  fishDescribed: Completer;
};

/** Installs the three scripts under IMAGE (as `--root` does) and returns their completers. */
export async function installedShells(image: string, env: Record<string, string>): Promise<Shells> {
  const installed = await execa('scstadmin-ts', ['install-completion', '--root', image, '--shell', 'bash', '--shell', 'zsh', '--shell', 'fish'], { env });
  expect(installed.stdout).toContain('installed');
  const bashScript = join(image, 'usr/share/bash-completion/completions/scstadmin-ts');
  const zshDir = join(image, 'usr/share/zsh/vendor-completions');
  const fishScript = join(image, 'usr/share/fish/vendor_completions.d/scstadmin-ts.fish');
  const lines = (stdout: string) => stdout.split('\n').filter(Boolean);

  const bash: Completer = async (line, extraEnv = {}) => {
    const driver = [
      'source "$1"',
      // What bash sets before it calls a -F function: the line, the cursor, the words.
      'COMP_LINE="$2"; COMP_POINT=${#COMP_LINE}; read -ra COMP_WORDS <<<"$COMP_LINE"; COMP_CWORD=${#COMP_WORDS[@]}',
      '[[ $COMP_LINE == *" " ]] && COMP_WORDS+=("") || COMP_CWORD=$((COMP_CWORD - 1))',
      'spec=$(complete -p scstadmin-ts); fn=${spec#*-F }; fn=${fn%% *}',
      '"$fn" scstadmin-ts "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"',
      'printf "%s\\n" "${COMPREPLY[@]}"',
    ].join('\n');
    const { stdout, stderr } = await execa('bash', ['-c', driver, 'bash', bashScript, line], { env: { ...env, ...extraEnv } });
    expect(stderr, 'bash printed nothing').toBe('');
    return lines(stdout);
  };

  /** The matches zsh's completion system offered for LINE typed on a terminal, then TAB. */
  const zsh: Completer = async (line, extraEnv = {}) => {
    const out = join(image, `zsh-${Math.random().toString(36).slice(2)}.out`);
    await execa('zsh', [join(ROOT, 'test', 'completion', 'zsh-capture.zsh'), zshDir, out, line], { env: { ...env, TERM: 'xterm', ...extraEnv } });
    const found = existsSync(out) ? lines(readFileSync(out, 'utf8')) : [];
    expect(found.at(-1), 'the completion function returned').toBe('END');
    return [...new Set(found.slice(0, -1))];
  };

  const fishDescribed: Completer = async (line, extraEnv = {}) => {
    const { stdout, stderr } = await execa('fish', ['--no-config', '-c', 'source $argv[1]; complete -C $argv[2]', fishScript, line], { env: { ...env, ...extraEnv } });
    expect(stderr, 'fish printed nothing').toBe('');
    return lines(stdout);
  };
  const fish: Completer = async (line, extraEnv) => (await fishDescribed(line, extraEnv)).map((l) => l.split('\t')[0]!);

  return { bash, zsh, fish, fishDescribed };
}
