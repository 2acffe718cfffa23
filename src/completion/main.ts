/**
 * The completion entry point (bin/complete.js), kept apart from the oclif CLI so it does not
 * boot every command. The generated scripts answer a TAB themselves; they call
 *
 *   complete.js list STATE.json FILTER DIR
 *
 * only on an emulated host whose names index is missing or stale (names-index.ts), and this
 * then loads the host. The whole-line modes answer for any other caller (another shell, a
 * tool) from the command metadata, as the scripts do:
 *
 *   complete.js SHELL --line TEXT_LEFT_OF_CURSOR [--wordbreaks CHARS]   (bash's rules)
 *   complete.js SHELL -- WORD... CURRENT_WORD                           (zsh, fish)
 *
 * Prints one candidate a line (zsh and fish: `value<TAB>description`) and exits 0; or, when
 * the shell should complete a path itself, prints the typed part of it and exits 10 (files)
 * or 11 (directories). Any failure prints nothing and exits 1: a TAB never shows an error.
 */
import { basename } from 'node:path';
import type { Completion, TypedFlags } from './complete.js';
import { indexedNames } from '../emulator/names-index.js';
import { sysfsNames, type NameLister } from './live-names.js';
import { isNameFilter } from './name-sources.js';

export const PATH_EXIT = { files: 10, dirs: 11 } as const;

/**
 * An emulated host's names: from the index it keeps beside its state when that is current,
 * else (a missing or stale index) from the host itself, loaded only then.
 */
export async function openSimulatedNames(file: string): Promise<NameLister> {
  const indexed = indexedNames(file);
  if (indexed) return indexed;
  const { openSimulation } = await import('../emulator/simulation.js');
  return sysfsNames((await openSimulation(file)).sysfs);
}

/** The names of the tree the typed flags name; the emulator is loaded only for --simulate. */
export async function openTree(flags: TypedFlags, env: NodeJS.ProcessEnv = process.env): Promise<NameLister> {
  if (typeof flags.simulate === 'string') return openSimulatedNames(flags.simulate);
  const { DEFAULT_SYSFS_ROOT, NodeSysfs } = await import('../sysfs/node-sysfs.js');
  const root = typeof flags['sysfs-root'] === 'string' ? flags['sysfs-root'] : env.SCST_SYSFS_ROOT || DEFAULT_SYSFS_ROOT;
  return sysfsNames(new NodeSysfs(root));
}

/** The words after the program's own name (commands run through `sudo`, `env`… included). */
export function wordsAfterProgram(words: string[]): string[] {
  const at = words.findIndex((w, i) => i < words.length - 1 && /^scstadmin-ts(\.js)?$|^run\.js$/.test(basename(w)));
  return at < 0 ? words.slice(1) : words.slice(at + 1);
}

/**
 * Bash completes the part of the word after its last word-break character (`:` in an IQN,
 * `=` in `--flag=`), so that part is what it must be given back.
 */
export function trimToWordBreak(value: string, current: string, wordbreaks: string): string {
  let cut = -1;
  for (let i = 0; i < current.length; i++) if (wordbreaks.includes(current[i]!)) cut = i;
  return value.slice(cut + 1);
}

export function render(completion: Completion, shell: string, current: string, wordbreaks: string): { text: string; code: number } {
  if (completion.kind !== 'words') {
    const prefix = shell === 'bash' ? trimToWordBreak(completion.insert + completion.prefix, current, wordbreaks) : completion.prefix;
    return { text: prefix, code: PATH_EXIT[completion.kind] };
  }
  const lines = completion.candidates.map((c) => {
    if (shell === 'bash') return trimToWordBreak(c.value, current, wordbreaks);
    const description = c.description?.split('\n')[0]?.replace(/\t/g, ' ');
    return description ? `${c.value}\t${description}` : c.value;
  });
  return { text: lines.join('\n'), code: 0 };
}

/** `list STATE.json FILTER DIR`: the names in one directory of an emulated host, one a line. */
async function listSimulated([file, filter, dir]: string[]): Promise<number> {
  if (file === undefined || dir === undefined || !isNameFilter(filter)) return 1;
  const names = await (await openSimulatedNames(file))(dir, filter);
  if (names.length > 0) process.stdout.write(`${names.join('\n')}\n`);
  return 0;
}

export async function main(argv: string[]): Promise<number> {
  if (argv[0] === 'list') return listSimulated(argv.slice(1));
  // Only the whole-line modes need the parser and the command metadata.
  const [{ complete }, { splitLine }, { readManifest }] = await Promise.all([import('./complete.js'), import('./line.js'), import('../meta/manifest.js')]);
  const [shell = 'bash', ...rest] = argv;
  let words: string[];
  let wordbreaks = '"\'><=;|&(:';
  const lineAt = rest.indexOf('--line');
  if (lineAt >= 0) {
    words = splitLine(rest[lineAt + 1] ?? '');
    const breaksAt = rest.indexOf('--wordbreaks');
    if (breaksAt >= 0) wordbreaks = rest[breaksAt + 1] ?? wordbreaks;
  } else {
    const dash = rest.indexOf('--');
    words = dash >= 0 ? rest.slice(dash + 1) : rest;
  }
  if (words.length === 0) words = [''];
  const typed = wordsAfterProgram(words.length === 1 ? ['scstadmin-ts', ...words] : words);
  // SCSTADMIN_TS_MANIFEST: another command set (tests and the benchmark use a fixture).
  const manifest = readManifest(process.env.SCSTADMIN_TS_MANIFEST || undefined);
  const completion = await complete(typed, manifest, (flags) => openTree(flags));
  const { text, code } = render(completion, shell, typed.at(-1) ?? '', wordbreaks);
  if (text !== '') process.stdout.write(`${text}\n`);
  return code;
}
