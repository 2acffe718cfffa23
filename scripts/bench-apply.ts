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

interface Scenario {
  name: string;
  text: string;
  files: string[];
  /** The fewest writes the kernel interface allows, counted by hand. */
  minimum: number;
}

const pad = (n: number, width = 5) => String(n).padStart(width, '0');

function scenarioA(): Scenario {
  const devices: string[] = [];
  const targets: string[] = [];
  const files: string[] = [];
  for (let i = 0; i < 100; i++) {
    const d = `disk${pad(i, 3)}`;
    files.push(`/srv/bench/${d}.img`);
    devices.push(`\tDEVICE ${d} {\n\t\tfilename /srv/bench/${d}.img\n\t\tusn U${pad(i, 6)}\n\t\tnaa_id 0x6001405${pad(i, 9)}0000000000000000\n\t\tprod_id BENCH${pad(i, 3)}\n\t\tt10_vend_id LAB\n\t}`);
    targets.push(`\tTARGET iqn.2031-04.test.bench:t${pad(i, 3)} {\n\t\trel_tgt_id ${i + 1}\n\t\tenabled 1\n\t\tGROUP hosts {\n\t\t\tLUN 0 ${d}\n\t\t\tINITIATOR iqn.2031-01.test.client:h${pad(i, 3)}\n\t\t}\n\t}`);
  }
  const text = `HANDLER vdisk_fileio {\n${devices.join('\n')}\n}\n\nTARGET_DRIVER iscsi {\n\tenabled 1\n${targets.join('\n')}\n}\n`;
  // Per target: add_device (filename rides on it), 4 attribute writes, add_target, rel_tgt_id,
  // create group, add initiator, add LUN, enable = 11; then the driver's enable.
  return { name: '(a) 100 targets, own device, group, initiator, LUN', text, files, minimum: 100 * 11 + 1 };
}

/** `targets` targets with `perTarget` nullio devices each, one LUN per device. */
function lunScenario(name: string, targets: number, perTarget: number): Scenario {
  const devices: string[] = [];
  const blocks: string[] = [];
  for (let t = 0; t < targets; t++) {
    const luns: string[] = [];
    for (let l = 0; l < perTarget; l++) {
      const d = `n${pad(t, 3)}_${pad(l, 4)}`;
      devices.push(`\tDEVICE ${d} {\n\t\tsize_mb 16\n\t}`);
      luns.push(`\t\tLUN ${l} ${d}`);
    }
    blocks.push(`\tTARGET iqn.2031-04.test.bench:l${pad(t, 3)} {\n\t\tenabled 1\n${luns.join('\n')}\n\t}`);
  }
  const text = `HANDLER vdisk_nullio {\n${devices.join('\n')}\n}\n\nTARGET_DRIVER iscsi {\n\tenabled 1\n${blocks.join('\n')}\n}\n`;
  // Per device: add_device (size_mb rides on it) + add LUN; per target: add_target + enable; driver enable.
  return { name, text, files: [], minimum: targets * perTarget * 2 + targets * 2 + 1 };
}

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
