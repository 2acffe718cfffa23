/**
 * Benchmark of the declarative engine on the emulated host (npm run bench:apply [-- --json]).
 * For each scenario it applies a generated scst.conf to a fresh host, then re-applies it, and
 * reports the sysfs writes, the reads (file reads + directory listings + readlinks) and the
 * milliseconds. Writes are checked against the minimum the kernel interface allows, counted by
 * hand per scenario (docs/apply.md); a re-apply must write nothing.
 *   (a) 100 iSCSI targets, each with its own fileio device (usn, naa_id, prod_id, t10_vend_id),
 *       one ini group with one initiator and one LUN, rel_tgt_id; targets and driver enabled.
 *   (b) 1 000 LUNs on one target.      (c) 10 000 LUNs over 100 targets.
 * Suspend bracketing is turned off so the counts are the bare minimum (it adds two writes).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Emulator } from '../src/emulator/emulator.js';
import { parseConf } from '../src/conf/parse.js';
import { applyConfig, type ApplyResult } from '../src/plan/index.js';
import { lunScenario, scenarioA, type Scenario } from './bench-scenarios.js';

interface Row {
  scenario: string;
  run: 'apply' | 're-apply';
  writes: number;
  minimum: number;
  reads: number;
  ms: number;
}

async function measure(scenario: Scenario): Promise<Row[]> {
  const hostFiles = Object.fromEntries(scenario.files.map((f) => [f, { kind: 'file' as const, size: 1 << 24 }]));
  const host = new Emulator({ modules: ['scst', 'scst_vdisk', 'iscsi_scst'], useRealFileSystem: false, hostFiles });
  const parsed = parseConf(scenario.text, 'bench.conf');
  const errors = parsed.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) throw new Error(`${scenario.name}: generated file does not parse: ${errors[0]!.message}`);
  const dir = mkdtempSync(join(tmpdir(), 'bench-apply-'));
  const options = { lockFile: join(dir, 'lock'), stateDir: join(dir, 'state'), suspend: false as const };
  try {
    const row = (run: Row['run'], r: ApplyResult, minimum: number): Row => ({
      scenario: scenario.name, run, writes: r.sysfs.writes, minimum, reads: r.sysfs.reads + r.sysfs.lists + r.sysfs.readlinks, ms: r.ms,
    });
    const first = row('apply', await applyConfig(host, parsed.config, options), scenario.minimum);
    const again = row('re-apply', await applyConfig(host, parsed.config, options), 0);
    for (const r of [first, again]) if (r.writes !== r.minimum) throw new Error(`${r.scenario} ${r.run}: ${r.writes} writes, expected ${r.minimum}`);
    return [first, again];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const json = process.argv.includes('--json');
const rows: Row[] = [];
for (const scenario of [scenarioA(), lunScenario('(b) 1 000 LUNs on one target', 1, 1000), lunScenario('(c) 10 000 LUNs over 100 targets', 100, 100)]) {
  const measured = await measure(scenario);
  rows.push(...measured);
  if (!json) {
    for (const r of measured) {
      const label = r.run === 'apply' ? r.scenario : '(d)   … re-applied unchanged';
      console.log(`${label.padEnd(52)} writes ${String(r.writes).padStart(6)} (minimum ${String(r.minimum).padStart(6)})  reads ${String(r.reads).padStart(7)}  ${String(r.ms).padStart(6)} ms`);
    }
  }
}
if (json) console.log(JSON.stringify(rows, null, 2));
