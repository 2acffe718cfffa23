/**
 * The node's promotion score, which tells Pacemaker that this instance may be promoted: a
 * healthy running node offers itself, a stopped or failed one withdraws. Set with Pacemaker's
 * own crm_attribute (the successor of crm_master), and only when Pacemaker runs the agent.
 */
import { execa } from '../system/exec.js';

export interface Promotion {
  offer(score: number): Promise<void>;
  withdraw(): Promise<void>;
}

/** Under Pacemaker (OCF_RESOURCE_INSTANCE set): crm_attribute; elsewhere nothing to tell. */
export function clusterPromotion(env: NodeJS.ProcessEnv, log: (line: string) => void): Promotion {
  if (!env.OCF_RESOURCE_INSTANCE) return { offer: async () => {}, withdraw: async () => {} };
  const run = async (args: string[]) => {
    const result = await execa('crm_attribute', ['--promotion', ...args], { env, reject: false, timeout: 10_000 });
    // A missing score or tool is not the resource's failure: Pacemaker then simply does not promote.
    if (result.failed) log(`scst: crm_attribute ${args.join(' ')}: ${result.stderr || result.shortMessage}`);
  };
  return {
    offer: (score) => run(['--update', String(score)]),
    withdraw: () => run(['--delete']),
  };
}
