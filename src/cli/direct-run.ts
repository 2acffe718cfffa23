/**
 * Which command the words name, decided before anything else is loaded: the words are resolved
 * against command-index.json (written by the build from the manifest) as oclif would resolve
 * them, and the command's own bundle is imported and asked to run it (src/cli/run-command.ts).
 * Help, --version, an unknown or misspelled command and a bare topic are left to oclif's `run`.
 * Nothing here imports oclif: this is the part of start-up every command pays.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CommandClass } from './run-command.js';

/** What the build writes beside the bundled commands (scripts/build-command-index.ts). */
export interface CommandIndex {
  /** Command ids, topic words joined by ':' (`simulate:create`). */
  ids: string[];
  /** Alias id → command id. */
  aliases: Record<string, string>;
}

export const COMMAND_INDEX_FILE = 'command-index.json';

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
  const known = (id: string) => (index.ids.includes(id) ? id : index.aliases[id]);
  for (let words = Math.min(argv.length, 3); words > 0; words--) {
    const spelled = argv.slice(0, words);
    if (spelled.some((word) => !/^[a-z][a-z0-9-]*$/.test(word))) continue;
    const id = known(spelled.join(':'));
    if (id) return { id, argv: argv.slice(words) };
  }
  return undefined;
}

/** A bundled command file: its class, and the runner of the bundle it lives in. */
interface CommandModule {
  default: CommandClass;
  runCommand(command: CommandClass, id: string, argv: string[], root: string): Promise<void>;
}

/**
 * Runs the command the words name; false when the words are for oclif's own `run` (see
 * resolveCommand). `appDir` holds the bundled commands and the index.
 */
export async function runIndexedCommand(argv: string[], root: string, appDir: string): Promise<boolean> {
  let index: CommandIndex;
  try {
    index = JSON.parse(readFileSync(join(appDir, COMMAND_INDEX_FILE), 'utf8')) as CommandIndex;
  } catch {
    return false; // a build without the index still runs, the long way
  }
  const resolved = resolveCommand(argv, index);
  if (!resolved) return false;
  const file = join(appDir, 'commands', ...resolved.id.split(':')) + '.js';
  const module = (await import(pathToFileURL(file).href)) as CommandModule;
  await module.runCommand(module.default, resolved.id, resolved.argv, root);
  return true;
}
