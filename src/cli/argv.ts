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
