/**
 * Running a command class the short way, without oclif's Config: what a command's bundle exports
 * for src/cli/main.ts (scripts/build-bundle.ts puts it beside the command classes). oclif's `run`
 * first reads package.json and the manifest, makes a plugin of them and indexes every command and
 * topic; an oclif Command instance reads only a handful of things from its config, given here.
 */
import type { Command } from '@oclif/core/command';
import type { Config } from '@oclif/core/config';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runTopLevel } from './top-level.js';

interface PackageJson {
  name: string;
  version: string;
  oclif: { bin: string };
}

export type CommandClass = (new (argv: string[], config: Config) => Command) & typeof Command;

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

/** Runs `command` (oclif id `id`) on `argv`, the arguments after its words; `root` is the package root. */
export async function runCommand(command: CommandClass, id: string, argv: string[], root: string): Promise<void> {
  await runTopLevel(async () => {
    const pjson = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as PackageJson;
    // What oclif's plugin sets on a command class it loads; help texts and messages read it.
    command.id = id;
    const instance = new command(argv, runConfig(root, pjson, id, command));
    // _run (init, run, catch, finally, --json output) is what oclif's Config.runCommand calls too.
    await (instance as unknown as { _run(): Promise<unknown> })._run();
  });
}
