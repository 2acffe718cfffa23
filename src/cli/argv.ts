/**
 * `--simulate` takes an optional value (`--simulate`, `--simulate=STATE.json`), which oclif's
 * parser cannot express; this rewrites the forms an admin types into `--simulate=<path>` before
 * oclif parses the arguments:
 * - bare `--simulate` → the per-user default state file;
 * - `--simulate STATE.json` (a following word ending in `.json`) → that file, since a state file
 *   is always JSON and no command argument ends in `.json`.
 */
import { homedir } from 'node:os';
import { join } from 'node:path';

export function defaultSimulationPath(env: NodeJS.ProcessEnv = process.env): string {
  if (env.SCST_SIMULATE_STATE) return env.SCST_SIMULATE_STATE;
  const stateHome = env.XDG_STATE_HOME || join(homedir(), '.local', 'state');
  return join(stateHome, 'scstadmin-ts', 'simulate.json');
}

export function expandSimulateFlag(argv: string[], env: NodeJS.ProcessEnv = process.env): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--') {
      out.push(...argv.slice(i));
      break;
    }
    if (arg !== '--simulate') {
      out.push(arg);
      continue;
    }
    const next = argv[i + 1];
    if (next !== undefined && !next.startsWith('-') && next.endsWith('.json')) {
      out.push(`--simulate=${next}`);
      i++;
    } else {
      out.push(`--simulate=${defaultSimulationPath(env)}`);
    }
  }
  return out;
}

/**
 * The config file of an emulated host: `STATE.json` keeps `STATE.conf` beside it. Trying a
 * change with `--simulate` on a real storage server must never save the emulated host into that
 * server's /etc/scst.conf, so an emulated run has its own default file.
 */
export function simulatedConfPath(statePath: string): string {
  return `${statePath.replace(/\.json$/, '')}.conf`;
}

/** The state file an expanded argument list (`--simulate=PATH`) names, if any. */
export function simulatedStatePath(argv: readonly string[]): string | undefined {
  for (const arg of argv) {
    if (arg === '--') return undefined;
    if (arg.startsWith('--simulate=')) return arg.slice('--simulate='.length);
  }
  return undefined;
}

/** Whether the admin typed `--name` or `--name=VALUE` (words after `--` are arguments). */
export function hasFlag(argv: readonly string[], name: string): boolean {
  for (const arg of argv) {
    if (arg === '--') return false;
    if (arg === `--${name}` || arg.startsWith(`--${name}=`)) return true;
  }
  return false;
}

/**
 * `--simulate` and `--sysfs-root` both typed name two trees, and picking one silently would
 * leave the admin unsure which was changed. SCST_SYSFS_ROOT in the environment is only a
 * default, so it never conflicts: a typed `--simulate` overrides it.
 */
export function conflictingTreeFlags(argv: readonly string[]): boolean {
  return hasFlag(argv, 'simulate') && hasFlag(argv, 'sysfs-root');
}
