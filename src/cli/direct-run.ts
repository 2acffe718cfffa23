/**
 * Which command the words name, decided before anything else is loaded: the words are resolved
 * against command-index.json (written by the build) as oclif would resolve them, and the
 * command's own bundle is loaded and asked to run it (src/cli/run-command.ts). Help, --version,
 * an unknown or misspelled command and a bare topic are left to oclif's `run`. Nothing here
 * imports oclif: this is the part of start-up every command pays.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadBundle } from './code-cache.js';
import type { CommandClass } from './run-command.js';

/** What the build writes beside the bundles (scripts/build-bundle.ts, scripts/build-command-index.ts). */
export interface CommandIndex {
  /** Command id (topic words joined by ':', `simulate:create`) → the bundle holding it, under dist/app. */
  commands: Record<string, string>;
  /** Alias id → command id. */
  aliases: Record<string, string>;
  /** Bundle → its content hash, which names its code cache (src/cli/code-cache.ts). */
  bundles: Record<string, string>;
}

export const COMMAND_INDEX_FILE = 'command-index.json';

/** The bundles the process loads by name, beside the command families (scripts/build-bundle.ts). */
export const NAMED_BUNDLES = { oclif: 'oclif', compat: 'scstadmin-compat' } as const;
/** Where bundle `name` lies under dist/app. */
export const bundleFile = (name: string) => `bundles/${name}.cjs`;

export interface ResolvedCommand {
  id: string;
  /** The arguments after the words that named the command. */
  argv: string[];
}

/**
 * The command the words name, as oclif would resolve them with topics separated by spaces (the
 * longest id the leading words spell), or undefined for anything oclif must answer itself: help,
 * a bare topic, an unknown word.
 */
export function resolveCommand(argv: string[], index: CommandIndex): ResolvedCommand | undefined {
  const end = argv.indexOf('--');
  const options = end === -1 ? argv : argv.slice(0, end);
  if (options.includes('--help')) return undefined;
  const known = (id: string) => (Object.hasOwn(index.commands, id) ? id : Object.hasOwn(index.aliases, id) ? index.aliases[id] : undefined);
  for (let words = Math.min(argv.length, 3); words > 0; words--) {
    const spelled = argv.slice(0, words);
    if (spelled.some((word) => !/^[a-z][a-z0-9-]*$/.test(word))) continue;
    const id = known(spelled.join(':'));
    if (id) return { id, argv: argv.slice(words) };
  }
  return undefined;
}

/** A command family's bundle: its command classes, each evaluated when asked for, and its runner. */
interface FamilyBundle {
  commands: Record<string, () => CommandClass>;
  runCommand(command: CommandClass, id: string, argv: string[], root: string): Promise<void>;
}

/** The build's index, or undefined for a build without one (which still runs, the long way). */
export function readCommandIndex(appDir: string): CommandIndex | undefined {
  try {
    return JSON.parse(readFileSync(join(appDir, COMMAND_INDEX_FILE), 'utf8')) as CommandIndex;
  } catch {
    return undefined;
  }
}

/** Loads a bundle of dist/app by its path there (`bundles/edit.cjs`), with its code cache. */
export const loadAppBundle = <T>(appDir: string, bundle: string, index: CommandIndex | undefined): T =>
  loadBundle<T>(appDir, join(appDir, bundle), index?.bundles[bundle]);

/**
 * Runs the command the words name; false when the words are for oclif's own `run` (see
 * resolveCommand). `appDir` holds the bundles and the index.
 */
export async function runIndexedCommand(argv: string[], root: string, appDir: string, index: CommandIndex | undefined): Promise<boolean> {
  const resolved = index && resolveCommand(argv, index);
  if (!resolved) return false;
  const bundle = loadAppBundle<FamilyBundle>(appDir, index.commands[resolved.id]!, index);
  await bundle.runCommand(bundle.commands[resolved.id]!(), resolved.id, resolved.argv, root);
  return true;
}
