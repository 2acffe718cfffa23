/** `doctor`: gather the facts once, run every check, summarize. Healthy = no problem found. */
import type { Host } from '../host.js';
import { runChecks, type CheckResult } from './checks.js';
import { gatherFacts, type FactSources } from './facts.js';

export type { CheckResult, Finding } from './checks.js';
export type { FactSources } from './facts.js';

export interface DoctorReport {
  healthy: boolean;
  configFile: string;
  problems: number;
  checks: CheckResult[];
}

export async function runDoctor(host: Host, configFile: string, sources: FactSources): Promise<DoctorReport> {
  const checks = runChecks(await gatherFacts(host, configFile, sources));
  const problems = checks.reduce((n, c) => n + c.findings.length, 0);
  return { healthy: problems === 0, configFile, problems, checks };
}
