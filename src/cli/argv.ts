/**
 * `--simulate` takes an optional value (`--simulate` or `--simulate=STATE.json`), which oclif's
 * parser cannot express; this rewrites a bare `--simulate` into `--simulate=<default path>`
 * before oclif parses the arguments.
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
  for (const arg of argv) {
    if (arg === '--') {
      out.push(...argv.slice(argv.indexOf(arg)));
      return out;
    }
    out.push(arg === '--simulate' ? `--simulate=${defaultSimulationPath(env)}` : arg);
  }
  return out;
}
