/**
 * Running a command the short way. oclif's `run` first builds a Config: it reads package.json and
 * the 600 KB manifest, makes a plugin of them and indexes every command and topic — a third of a
 * command's start-up, spent before the command is even imported. A command only needs to know
 * which module to import, and an oclif Command instance reads a handful of things from its config.
 * So when the words name a command (command-index.json, written by the build from the manifest),
 * its module is imported and run with the small RunConfig below. Everything else (help,
 * --version, an unknown or misspelled command, a bare topic) goes to oclif's `run` as before.
 */
import type { Command } from '@oclif/core/command';
import type { Config } from '@oclif/core/config';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

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

interface PackageJson {
  name: string;
  version: string;
  oclif: { bin: string };
}

type CommandClass = (new (argv: string[], config: Config) => Command) & typeof Command;

/**
 * The part of oclif's Config an oclif Command reads while it runs: its bin and user agent (init),
 * the package's name, version and root (our commands), scoped environment variables (--json via
 * SCSTADMIN_TS_CONTENT_TYPE, as oclif allows), the command ids (oclif's alias-deprecation check
 * re-reads process.argv with them), and hooks, of which this package has none.
 */
function runConfig(root: string, pjson: PackageJson, id: string, command: CommandClass): Config {
  const bin = pjson.oclif.bin;
  const scopedEnvVarKey = (key: string) => `${bin}_${key}`.replaceAll('@', '').replaceAll(/[/-]/g, '_').toUpperCase();
  const config = {
    bin,
    name: pjson.name,
    version: pjson.version,
    root,
    pjson,
    topicSeparator: ' ',
    userAgent: `${pjson.name}/${pjson.version} ${process.platform}-${process.arch} node-${process.version}`,
    commandIDs: [id],
    findCommand: (wanted: string) => (wanted === id ? command : undefined),
    runHook: async () => ({ failures: [], successes: [] }),
    scopedEnvVarKey,
    scopedEnvVarKeys: (key: string) => [scopedEnvVarKey(key)],
    scopedEnvVar: (key: string) => process.env[scopedEnvVarKey(key)],
    scopedEnvVarTrue: (key: string) => ['true', '1'].includes(process.env[scopedEnvVarKey(key)] ?? ''),
  };
  return config as unknown as Config;
}

/**
 * Runs the command the words name without building oclif's Config; false when the words are for
 * oclif's own `run` (see resolveCommand). `appDir` holds the bundled commands and the index.
 */
export async function runDirect(argv: string[], root: string, appDir: string): Promise<boolean> {
  let index: CommandIndex;
  try {
    index = JSON.parse(readFileSync(join(appDir, COMMAND_INDEX_FILE), 'utf8')) as CommandIndex;
  } catch {
    return false; // a build without the index still runs, the long way
  }
  const resolved = resolveCommand(argv, index);
  if (!resolved) return false;
  const pjson = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as PackageJson;
  const file = join(appDir, 'commands', ...resolved.id.split(':')) + '.js';
  const command = ((await import(pathToFileURL(file).href)) as { default: CommandClass }).default;
  // What oclif's plugin sets on a command class it loads; help texts and messages read it.
  command.id = resolved.id;
  const instance = new command(resolved.argv, runConfig(root, pjson, resolved.id, command));
  // _run (init, run, catch, finally, --json output) is what oclif's Config.runCommand calls too.
  await (instance as unknown as { _run(): Promise<unknown> })._run();
  return true;
}
