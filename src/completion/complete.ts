/**
 * What to offer for the word under the cursor, from the command metadata (oclif.manifest.json)
 * and, for arguments and flags named by the object convention, the live tree. The shells'
 * scripts are thin: they pass the words and show what this returns.
 */
import { expandSimulateFlag } from '../cli/argv.js';
import { isObjectKind, liveNames, type NameContext, type NameLister } from './live-names.js';
import { CONTEXT_KEYS } from './name-sources.js';
import { visibleCommands, type Manifest, type ManifestCommand, type ManifestFlag } from '../meta/manifest.js';

export interface Candidate {
  value: string;
  description?: string;
}

export type Completion =
  | { kind: 'words'; candidates: Candidate[] }
  /** The shell completes a path itself; `prefix` is what is typed of it, after `insert`. */
  | { kind: 'files' | 'dirs'; prefix: string; insert: string };

/** The names of the host the typed flags choose (--simulate, --sysfs-root, or the real one), opened on demand. */
export type TreeOpener = (flags: TypedFlags) => Promise<NameLister>;

export type TypedFlags = Record<string, string | true>;

/**
 * Arguments and flags whose values are paths: by these names, by a name ending in `file`, `conf`
 * or `dir`, or by a help value such as FILE, DIR or STATE.json.
 */
const FILE_FLAGS = new Set(['simulate', 'config', 'file', 'output', 'bin']);
const DIR_FLAGS = new Set(['sysfs-root', 'root', 'state-dir']);
/** oclif's own flags, on every command. */
const HELP_FLAG: Candidate = { value: '--help', description: 'Show help.' };

export async function complete(words: readonly string[], manifest: Manifest, openTree: TreeOpener): Promise<Completion> {
  const current = words.at(-1) ?? '';
  const typed = words.slice(0, -1);
  const commands = visibleCommands(manifest);
  const found = commands
    .filter((c) => c.words.every((w, i) => typed[i] === w))
    .sort((a, b) => b.words.length - a.words.length)[0];
  if (!found) return words_(commandWordCandidates(commands, typed), current);
  const rest = expandSimulateFlag(typed.slice(found.words.length));
  const line = readLine(found.command, rest);
  const flagValue = current.startsWith('--') && current.includes('=') ? current.slice(2, current.indexOf('=')) : undefined;
  if (flagValue !== undefined) {
    const flag = found.command.flags[flagValue];
    if (!flag || flag.type !== 'option') return { kind: 'words', candidates: [] };
    const insert = `--${flagValue}=`;
    return withInsert(await valueCompletion(flag, current.slice(insert.length), line, openTree), insert);
  }
  if (line.pendingFlag) return valueCompletion(line.pendingFlag, current, line, openTree);
  if (current.startsWith('-') && !line.afterDashDash) return words_(flagCandidates(found.command, line.flags), current);
  const arg = Object.values(found.command.args)[line.positionals.length];
  if (!arg) return { kind: 'words', candidates: [] };
  return valueCompletion(arg, current, line, openTree);
}

/** The next command word after the ones typed (a topic's subcommands, or the top level). */
function commandWordCandidates(commands: ReturnType<typeof visibleCommands>, typed: string[]): Candidate[] {
  const out = new Map<string, Candidate>();
  for (const { words, command } of commands) {
    if (words.length <= typed.length || !typed.every((w, i) => words[i] === w)) continue;
    const word = words[typed.length]!;
    const leaf = words.length === typed.length + 1;
    if (!out.has(word) || leaf) out.set(word, { value: word, description: leaf ? command.summary : undefined });
  }
  return [...out.values()];
}

interface TypedLine {
  flags: TypedFlags;
  positionals: string[];
  /** An option flag typed last, whose value is the word being completed. */
  pendingFlag?: ManifestFlag;
  afterDashDash: boolean;
  context: NameContext;
}

/** The flags and arguments typed after the command words. */
function readLine(command: ManifestCommand, rest: string[]): TypedLine {
  const flags: TypedFlags = {};
  const positionals: string[] = [];
  let pendingFlag: ManifestFlag | undefined;
  let afterDashDash = false;
  for (const word of rest) {
    if (pendingFlag) {
      flags[pendingFlag.name] = word;
      pendingFlag = undefined;
    } else if (afterDashDash || !word.startsWith('-') || word === '-') {
      positionals.push(word);
    } else if (word === '--') {
      afterDashDash = true;
    } else {
      const eq = word.indexOf('=');
      const flag = findFlag(command, eq > 0 ? word.slice(0, eq) : word);
      if (!flag) continue;
      if (eq > 0) flags[flag.name] = word.slice(eq + 1);
      else if (flag.type === 'option') pendingFlag = flag;
      else flags[flag.name] = true;
    }
  }
  const context: NameContext = {};
  const args = Object.values(command.args);
  for (const key of CONTEXT_KEYS) {
    const index = args.findIndex((a) => a.name === key);
    const value = index >= 0 && index < positionals.length ? positionals[index] : flags[key];
    if (typeof value === 'string') context[key] = value;
  }
  return { flags, positionals, pendingFlag, afterDashDash, context };
}

function findFlag(command: ManifestCommand, word: string): ManifestFlag | undefined {
  const flags = Object.values(command.flags);
  if (word.startsWith('--no-')) {
    const negated = flags.find((f) => f.allowNo && f.name === word.slice(5));
    if (negated) return negated;
  }
  if (word.startsWith('--')) return flags.find((f) => f.name === word.slice(2));
  return word.length === 2 ? flags.find((f) => f.char === word[1]) : undefined;
}

function flagCandidates(command: ManifestCommand, typed: TypedFlags): Candidate[] {
  const out: Candidate[] = [];
  for (const flag of Object.values(command.flags)) {
    if (flag.hidden || (typed[flag.name] !== undefined && !flag.multiple)) continue;
    const description = flag.summary ?? flag.description;
    out.push({ value: `--${flag.name}`, description });
    if (flag.allowNo) out.push({ value: `--no-${flag.name}`, description });
  }
  out.push(HELP_FLAG);
  return out;
}

/** What completes an argument's or a flag's value: fixed options, live names of a kind, paths, or nothing. */
export type ValueClass = { kind: 'options'; options: string[] } | { kind: 'names'; of: string } | { kind: 'files' | 'dirs' } | { kind: 'none' };

export function valueClass({ name, options, helpValue }: { name: string; options?: string[]; helpValue?: string }): ValueClass {
  if (options?.length) return { kind: 'options', options };
  if (isObjectKind(name)) return { kind: 'names', of: name };
  const value = helpValue?.toUpperCase() ?? '';
  if (DIR_FLAGS.has(name) || name.endsWith('dir') || value.includes('DIR')) return { kind: 'dirs' };
  if (FILE_FLAGS.has(name) || /(file|conf)$/.test(name) || /FILE|\.JSON|CONF/.test(value)) return { kind: 'files' };
  return { kind: 'none' };
}

/** Values of an argument or flag: its fixed options, live names, or paths. */
async function valueCompletion(
  spec: { name: string; options?: string[]; helpValue?: string },
  current: string,
  line: TypedLine,
  openTree: TreeOpener,
): Promise<Completion> {
  const value = valueClass(spec);
  switch (value.kind) {
    case 'options':
      return words_(value.options.map((v) => ({ value: v })), current);
    case 'names': {
      const names = await liveNames(await openTree(line.flags), value.of, line.context);
      return words_(names.map((v) => ({ value: v })), current);
    }
    case 'files':
    case 'dirs':
      return { kind: value.kind, prefix: current, insert: '' };
    case 'none':
      return { kind: 'words', candidates: [] };
  }
}

function words_(candidates: Candidate[], current: string): Completion {
  return { kind: 'words', candidates: candidates.filter((c) => c.value.startsWith(current)) };
}

/** A flag's value completed inside `--flag=VALUE`: the shell replaces the whole word. */
function withInsert(completion: Completion, insert: string): Completion {
  if (completion.kind !== 'words') return { ...completion, insert };
  return { kind: 'words', candidates: completion.candidates.map((c) => ({ ...c, value: insert + c.value })) };
}
