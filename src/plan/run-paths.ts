/**
 * Where the lock and the journal live. On a real host: /run/lock/scstadmin-ts.lock and
 * /var/lib/scstadmin-ts. An emulated host (--simulate STATE.json) gets its own, next to its
 * state file, so simulations never contend with the real host or with each other. Flags win over
 * the environment (SCSTADMIN_TS_LOCK, SCSTADMIN_TS_STATE_DIR), which wins over the defaults.
 */
import { DEFAULT_STATE_DIR } from './journal.js';
import { DEFAULT_LOCK_FILE } from './lock.js';

export interface RunPaths {
  lockFile: string;
  stateDir: string;
}

export function runPaths(options: { simulationFile?: string; lockFile?: string; stateDir?: string }, env: NodeJS.ProcessEnv = process.env): RunPaths {
  const sim = options.simulationFile;
  return {
    lockFile: options.lockFile ?? env.SCSTADMIN_TS_LOCK ?? (sim ? `${sim}.lock` : DEFAULT_LOCK_FILE),
    stateDir: options.stateDir ?? env.SCSTADMIN_TS_STATE_DIR ?? (sim ? `${sim}.journal` : DEFAULT_STATE_DIR),
  };
}
